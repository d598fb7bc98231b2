"""``evaluate_over_time``: one project evaluated as of several dates.

Each date is a separate evaluation that sees only the facts dated on or before it, so the
series shows what was known at each reporting date, not a rewrite of history. What changed
from one date to the next is the reports' business (:mod:`goalkit.reports`), which read the
series and never run the engine.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING

from goalkit._exceptions import EvaluationError
from goalkit.data._dataset import described
from goalkit.engine._evaluate import checked_arguments, evaluate
from goalkit.engine._prepared import prepare

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from goalkit.data._dataset import Dataset
    from goalkit.engine._evaluate import Engine
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
    goals: Sequence[str] | None = None,
    breakdowns: Sequence[str] = (),
    engine: Engine = "auto",
    audit: bool = False,
) -> list[Report]:
    """Evaluate ``project`` as of each date (sorted, duplicates once): one report a date.

    :param data: as :func:`goalkit.evaluate` takes it (``None`` only when every goal chosen
        is a reported figure or an assessment).
    :param dates: the as-of dates, each a :class:`datetime.date`: any collection of them,
        e.g. ``project.reporting_dates`` (a single date or a date's text is refused).
    :param on_date: called after each date is evaluated (for a progress bar).
    :param goals: evaluate only these goal ids (default: all), as :func:`goalkit.evaluate`.
    :param breakdowns: more participant columns, as :func:`goalkit.evaluate`.
    :param engine: the executor, as :func:`goalkit.evaluate`.
    :param audit: record who fell where, as :func:`goalkit.evaluate`.
    :raises EvaluationError: for a bad argument, before any date is evaluated, naming it;
        as :func:`goalkit.evaluate` does, for the first date that cannot be evaluated.
    """
    # goals and breakdowns read once, for every date
    chosen, columns = checked_arguments(project, data, goals=goals, breakdowns=breakdowns,
                                        engine=engine, audit=audit)
    ids = None if goals is None else [g.id for g in chosen]
    days = _dates(dates)
    if on_date is not None and not callable(on_date):
        raise EvaluationError(f"on_date must be callable (or None), got {described(on_date)}")
    kept = None if data is None else prepare(data)  # grouped once for every date
    reports = []
    for day in days:
        reports.append(evaluate(project, kept, day, goals=ids, breakdowns=columns,
                                engine=engine, audit=audit))
        if on_date is not None:
            on_date(day)
    return reports


def _dates(dates: object) -> list[date]:
    """The as-of dates, sorted, each once; refused unless each is a date."""
    if dates is None or isinstance(dates, str | bytes | date) or not isinstance(
            dates, Iterable):
        said = ""
        if isinstance(dates, str):
            said = f"; pass dates, e.g. [datetime.date.fromisoformat({dates!r})]"
        elif isinstance(dates, date):
            said = f"; for one date, pass [{dates!r}]"
        raise EvaluationError(
            f"dates must be datetime.date values (e.g. project.reporting_dates), got "
            f"{described(dates)}{said}")
    days = list(dates)
    for i, day in enumerate(days):
        if isinstance(day, datetime) or not isinstance(day, date):
            raise EvaluationError(f"dates[{i}] must be a datetime.date, got {day!r}")
    return sorted(set(days))
