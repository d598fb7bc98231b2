"""``evaluate_over_time``: one project evaluated as of several dates.

Each date is a separate evaluation that sees only the facts dated on or before it, so the
series shows what was known at each reporting date, not a rewrite of history. What changed
from one date to the next is the reports' business (:mod:`goalkit.reports`), which read the
series and never run the engine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from goalkit.engine._evaluate import evaluate
from goalkit.engine._prepared import prepare

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from datetime import date

    from goalkit.data._dataset import Dataset
    from goalkit.engine._prepared import Prepared
    from goalkit.model._project import Project
    from goalkit.model._result import Report

__all__ = ["evaluate_over_time"]


def evaluate_over_time(
    project: Project,
    data: Dataset | Prepared | None,
    dates: Iterable[date],
    *,
    on_date: Callable[[date], None] | None = None,
    **options: Any,
) -> list[Report]:
    """Evaluate ``project`` as of each date (sorted, duplicates once): one report a date.

    :param dates: the as-of dates, e.g. ``project.reporting_dates``.
    :param on_date: called after each date is evaluated (for a progress bar).
    :param options: passed to :func:`goalkit.evaluate` (``goals``, ``breakdowns``, …).
    :raises EvaluationError: as :func:`goalkit.evaluate` does, for the first date that
        cannot be evaluated.
    """
    kept = None if data is None else prepare(data)  # grouped once for every date
    reports = []
    for day in sorted(set(dates)):
        reports.append(evaluate(project, kept, day, **options))
        if on_date is not None:
            on_date(day)
    return reports
