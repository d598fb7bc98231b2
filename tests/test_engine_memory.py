"""What the columnar executor holds while it evaluates (issue 14: the command line's peak
memory is the evaluation's): day numbers as polars stores dates, the answers a paired
change reads narrowed once to the columns its lookups read, the jobs collected fewest rows
read first, and a data set handed over by the command line let go of while the goals are
computed. The results are those of the
full computation (the executor-equality properties hold them); these tests look at the
frames polars is given."""

from __future__ import annotations

import datetime as dt
import gc
import weakref
from typing import TYPE_CHECKING, Any

import narwhals as nw
import polars as pl

import goalkit
from goalkit.engine._columnar import prepare
from goalkit.reports._json import report_to_json_bytes

if TYPE_CHECKING:
    import pytest

AS_OF = dt.date(2016, 6, 30)


def _data() -> goalkit.Dataset:
    people = pl.DataFrame({
        "participant_id": ["1", "2", "3"],
        "enrolled": [dt.date(2015, 1, 1), dt.date(2015, 2, 1), dt.date(2017, 1, 1)],
        "exited": [dt.date(2016, 1, 1), None, None],
        "birth_year": [1990, 1980, 1970],
    })
    events = pl.DataFrame({"participant_id": ["1"], "date": [dt.date(2016, 2, 1)],
                           "kind": ["employment_offer"]})
    answers = pl.DataFrame({
        "participant_id": ["1", "1", "2", "2", "1"],
        "date": [dt.date(2015, 1, 2), dt.date(2016, 1, 1), dt.date(2015, 2, 3),
                 dt.date(2015, 2, 3), dt.date(2016, 7, 1)],
        "phase": ["entry", "exit", "entry", "entry", "exit"],
        "question": ["wellbeing", "wellbeing", "wellbeing", "satisfied", "wellbeing"],
        "score": [2.0, 4.0, 3.0, 5.0, 1.0],
    })
    return goalkit.Dataset.from_frames(people, events, answers)


def test_day_numbers_are_the_32_bit_integers_polars_stores_dates_as() -> None:
    """On polars every date the queries read (enrolment, exit, an event's, an answer's) is
    a 32-bit day number, as polars stores a date: no 64-bit copy of each date column is
    made, and each filtered or joined copy of one is half the size."""
    prepared = prepare(_data().with_frames(), AS_OF, (16, 20, 25))
    people = prepared.participants.collect_schema()
    assert (people["enrolled"], people["exited"]) == (nw.Int32(), nw.Int32())
    assert prepared.events.collect_schema()["date"] == nw.Int32()
    assert prepared.responses.collect_schema()["date"] == nw.Int32()
    got = prepared.participants.select("participant_id", "enrolled", "exited").collect()
    # day numbers since 1970-01-01, and only those enrolled by the as-of date
    assert got.rows() == [("1", 16436, 16801), ("2", 16467, None)]


def test_a_question_read_in_two_phases_is_narrowed_to_an_id_and_numbers() -> None:
    """The answers a paired change reads before and after are narrowed once to the id,
    the day, the score and a flag a phase (no phase or question text, which polars would
    otherwise hold for every answer the two lookups share), and each flag picks out the
    answers of its phase."""
    from goalkit.engine._query import narrowed_answers  # noqa: PLC0415

    prepared = prepare(_data().with_frames(), AS_OF, (16, 20, 25))
    asked = prepared.responses.filter(nw.col("question") == "wellbeing")
    narrow, flags = narrowed_answers(asked, ["entry", "exit"])
    schema = narrow.collect_schema()
    assert dict(schema) == {"participant_id": nw.String(), "date": nw.Int32(),
                            "score": nw.Float64(), flags[0]: nw.Boolean(),
                            flags[1]: nw.Boolean()}
    for phase, flag in zip(["entry", "exit"], flags, strict=True):
        picked = narrow.filter(nw.col(flag)).select("participant_id", "date", "score")
        plain = asked.filter(nw.col("phase") == phase).select("participant_id", "date",
                                                               "score")
        assert sorted(picked.collect().rows()) == sorted(plain.collect().rows())
    # the answer dated after the as-of date is cut; the other phase's never picked
    assert sorted(narrow.filter(nw.col(flags[1])).collect().rows()) == [
        ("1", 16801, 4.0, False, True)]


def _project() -> goalkit.Project:
    from goalkit.goals import (  # noqa: PLC0415
        Count,
        EventWithin,
        Goal,
        Level,
        PairedChange,
        Period,
        SurveyShare,
        Target,
        Text,
    )

    lvl = Level.SUB_GOAL
    return goalkit.Project(
        id="p", name=Text(en="P"), period=Period(dt.date(2014, 1, 1), dt.date(2016, 12, 31)),
        goals=(
            Goal("wellbeing", lvl, PairedChange(question="wellbeing", before="entry",
                                                after="exit"), target=Target.at_least(0.5)),
            Goal("n", lvl, Count(), target=Target.at_least(1)),
            Goal("offer", lvl, EventWithin(events=("employment_offer",), anchor="exited",
                                           days=(0, 183)), target=Target.at_least(0.5)),
            Goal("satisfied", lvl, SurveyShare(question="satisfied", phase="exit",
                                               at_least=4), target=Target.at_least(0.5)),
        ),
        not_exited="pending",
    )


def test_the_jobs_are_collected_fewest_rows_read_first() -> None:
    """The jobs are collected in the order of the rows of the events and answers they
    read, fewest first (a goal reading neither first, and the order of the goals kept among
    equals), so that the smaller table is let go of before the jobs reading the larger one
    are computed; without the rows counted, in the goals' order."""
    from goalkit.engine._columnar import _collection_order  # noqa: PLC0415
    from goalkit.engine._plan import context_for, plan_jobs  # noqa: PLC0415

    project = _project()
    contexts = [context_for(project, g, AS_OF) for g in project.goals]
    jobs = plan_jobs(project, project.goals, AS_OF, contexts)
    ids = [job.goal_id for job in jobs]
    assert ids == ["wellbeing", "n", "offer", "satisfied"]

    def order(rows: dict[str, int] | None) -> list[str]:
        return [ids[k] for k in _collection_order(jobs, rows)]

    assert order({"participants": 3, "events": 10, "responses": 5}) == [
        "n", "wellbeing", "satisfied", "offer"]
    assert order({"participants": 3, "events": 5, "responses": 10}) == [
        "n", "offer", "wellbeing", "satisfied"]
    assert order(None) == ids


def test_a_data_set_handed_over_is_not_held_while_the_goals_are_computed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The command line hands its data set over to the evaluation (the list it is passed in
    is emptied): by the time the goals' results are assembled (their queries collected
    meanwhile), neither the data set nor its tables' frames are referred to any more, so
    that each table is freed once no goal still to be computed reads it. The report is the
    one of the data set not handed over."""
    from goalkit.engine import _evaluate  # noqa: PLC0415

    project = _project()
    expected = report_to_json_bytes(goalkit.evaluate(project, _data(), AS_OF,
                                                     engine="columnar"))
    data = _data()
    refs = (weakref.ref(data), weakref.ref(data.frames))
    alive: list[bool] = []
    real = _evaluate.assemble

    def assemble(*args: Any, **kwargs: Any) -> Any:
        gc.collect()
        alive.extend(ref() is not None for ref in refs)
        return real(*args, **kwargs)

    monkeypatch.setattr(_evaluate, "assemble", assemble)
    held: list[Any] = [data]
    del data
    report = _evaluate.evaluate_handed_over(project, held, AS_OF, engine="columnar")
    assert held == []
    assert alive == [False, False]
    assert report_to_json_bytes(report) == expected
