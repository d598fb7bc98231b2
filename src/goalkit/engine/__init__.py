"""The engine: plan, run (plain Python or columnar), assemble, decide.

Hosts call it through :func:`goalkit.evaluate` and :func:`goalkit.evaluate_over_time`; a
host that evaluates the same data again and again keeps it prepared (:func:`prepare`: the
engine's index of the data set, which the data set itself never holds).
"""

from __future__ import annotations

# The check of reported figures is the data layer's; the engine runs it with every
# evaluation, and re-exports it as before.
from goalkit.data._figures import check_measurements
from goalkit.engine._assemble import decide
from goalkit.engine._coverage import Uses, coverage_issues
from goalkit.engine._evaluate import PYTHON_EXECUTOR_LIMIT, Engine, evaluate
from goalkit.engine._over_time import evaluate_over_time
from goalkit.engine._prepared import Prepared, prepare

__all__ = [
    "PYTHON_EXECUTOR_LIMIT",
    "Engine",
    "Prepared",
    "Uses",
    "check_measurements",
    "coverage_issues",
    "decide",
    "evaluate",
    "evaluate_over_time",
    "prepare",
]
