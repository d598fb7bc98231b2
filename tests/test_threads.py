"""A host may evaluate from several threads at once: same answers as one at a time; and what
the engine keeps between calls is held in an object the host keeps, never in the data."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from typing import Any

import attrs

import goalkit
from goalkit.engine import Prepared, prepare


def _records() -> goalkit.Dataset:
    base = goalkit.Dataset.from_folder("examples/quickstart/data").with_records()
    return goalkit.Dataset.from_records(
        [dict(p) for p in base.participants],
        [{"participant_id": e[0], "date": e[1], "kind": e[2]} for e in base.events],
        [{"participant_id": r[0], "date": r[1], "phase": r[2], "question": r[3], "score": r[4]}
         for r in base.responses],
    )


def test_concurrent_evaluations_match_sequential_ones() -> None:
    """Evaluations of both executors running in parallel threads, on a data set and on one
    prepared data set shared by every thread, give the same JSON as when run alone."""
    project = goalkit.load_goals("examples/quickstart/goals.toml")
    folder = goalkit.Dataset.from_folder("examples/quickstart/data")
    records = _records()
    dates = [date(2014, 9, 1) + timedelta(days=45 * i) for i in range(12)]

    def run(job: tuple[goalkit.Dataset | Prepared, date]) -> str:
        return goalkit.report_to_json(goalkit.evaluate(project, job[0], job[1]))

    alone = [run((data, d)) for d in dates for data in (folder, records)]
    shared = prepare(records)  # every thread builds from and reads the same one
    jobs = [(data, d) for d in dates for data in (folder, records, shared)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        together = list(pool.map(run, jobs))
    assert together[0::3] == alone[0::2]
    assert together[1::3] == alone[1::2]
    assert together[2::3] == alone[1::2]  # prepared: the same as the data set
    assert alone[0] == alone[1]  # columnar (folder) and plain Python (records) agree


def test_the_people_of_a_date_are_kept_for_a_few_dates_only() -> None:
    """Repeated evaluations at one date reuse that date's people; many dates do not make a
    prepared data set grow without end, and a date evaluated again gives the same report."""
    from goalkit.engine._prepared import DATES_KEPT  # noqa: PLC0415

    project = goalkit.load_goals("examples/quickstart/goals.toml")
    kept = prepare(_records())
    dates = [date(2014, 9, 1) + timedelta(days=30 * i) for i in range(3 * DATES_KEPT)]
    first = [goalkit.report_to_json(goalkit.evaluate(project, kept, d)) for d in dates]
    assert kept.dates_kept == tuple(dates[-DATES_KEPT:])
    again = [goalkit.report_to_json(goalkit.evaluate(project, kept, d)) for d in dates]
    assert again == first
    assert first == [goalkit.report_to_json(goalkit.evaluate(project, kept.data, d))
                     for d in dates]


def _state(value: Any) -> Any:
    """Everything an attrs object holds, recursively (private fields included)."""
    if attrs.has(type(value)):
        return tuple((a.name, _state(getattr(value, a.name))) for a in attrs.fields(type(value)))
    if isinstance(value, dict):
        return tuple((k, _state(v)) for k, v in value.items())
    if isinstance(value, tuple | list):
        return tuple(_state(v) for v in value)
    return value


def test_evaluating_leaves_the_data_set_as_it_was() -> None:
    """Data holds no engine state (issue 13 point 5): evaluating a data set, in plain Python
    and columnar, at several dates, changes nothing in it or in its records."""
    project = goalkit.load_goals("examples/quickstart/goals.toml")
    data = _records()
    before = _state(data)
    for day in (date(2014, 9, 1), date(2015, 6, 1)):
        goalkit.evaluate(project, data, day)
        goalkit.evaluate(project, data, day, engine="columnar")
        goalkit.evaluate_over_time(project, data, [day, day + timedelta(days=90)])
    assert _state(data) == before
    assert prepare(data).data is data
    assert prepare(kept := prepare(data)) is kept
