"""The engine: plan, run (plain Python or columnar), assemble, decide."""

from __future__ import annotations

from goalkit.engine._assemble import decide
from goalkit.engine._evaluate import PYTHON_EXECUTOR_LIMIT, Engine, check_measurements, evaluate

__all__ = ["PYTHON_EXECUTOR_LIMIT", "Engine", "check_measurements", "decide", "evaluate"]
