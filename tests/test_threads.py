"""A host may evaluate from several threads at once: same answers as one at a time."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import goalkit


def test_concurrent_evaluations_match_sequential_ones() -> None:
    """Evaluations of both executors running in parallel threads give the same JSON as when
    run alone: nothing is shared between calls."""
    project = goalkit.load_goals("examples/quickstart/goals.toml")
    folder = goalkit.Dataset.from_folder("examples/quickstart/data")
    base = folder.with_records()
    records = goalkit.Dataset.from_records(
        [dict(p) for p in base.participants],
        [{"participant_id": e[0], "date": e[1], "kind": e[2]} for e in base.events],
        [{"participant_id": r[0], "date": r[1], "phase": r[2], "question": r[3], "score": r[4]}
         for r in base.responses],
    )
    dates = [date(2014, 9, 1) + timedelta(days=45 * i) for i in range(12)]
    jobs = [(data, d) for d in dates for data in (folder, records)]

    def run(job: tuple[goalkit.Dataset, date]) -> str:
        return goalkit.report_to_json(goalkit.evaluate(project, job[0], job[1]))

    alone = [run(j) for j in jobs]
    with ThreadPoolExecutor(max_workers=8) as pool:
        together = list(pool.map(run, jobs))
    assert together == alone
    assert alone[0] == alone[1]  # columnar (folder) and plain Python (records) agree


def test_the_people_of_a_date_are_kept_for_a_few_dates_only() -> None:
    """Repeated evaluations at one date reuse that date's people; many dates do not make a
    data set grow without end, and a date evaluated again gives the same report."""
    from goalkit.engine._python import DATES_KEPT  # noqa: PLC0415

    project = goalkit.load_goals("examples/quickstart/goals.toml")
    base = goalkit.Dataset.from_folder("examples/quickstart/data").with_records()
    data = goalkit.Dataset.from_records(
        [dict(p) for p in base.participants],
        [{"participant_id": e[0], "date": e[1], "kind": e[2]} for e in base.events],
        [{"participant_id": r[0], "date": r[1], "phase": r[2], "question": r[3], "score": r[4]}
         for r in base.responses],
    )
    dates = [date(2014, 9, 1) + timedelta(days=30 * i) for i in range(3 * DATES_KEPT)]
    first = [goalkit.report_to_json(goalkit.evaluate(project, data, d)) for d in dates]
    memo = data.with_records().memo
    assert len([k for k in memo if k[0] == "people"]) == DATES_KEPT
    assert [goalkit.report_to_json(goalkit.evaluate(project, data, d)) for d in dates] == first
