"""The engine: plan, run (plain Python or columnar), assemble, decide."""

from __future__ import annotations

# The check of reported figures lives in the data layer; re-exported here as before.
from goalkit.data._figures import check_measurements
from goalkit.engine._assemble import decide
from goalkit.engine._coverage import Uses, coverage_issues
from goalkit.engine._evaluate import PYTHON_EXECUTOR_LIMIT, Engine, evaluate

__all__ = [
    "PYTHON_EXECUTOR_LIMIT",
    "Engine",
    "Uses",
    "check_measurements",
    "coverage_issues",
    "decide",
    "evaluate",
]
