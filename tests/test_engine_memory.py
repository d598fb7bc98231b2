"""What the columnar executor holds while it evaluates (issue 14: the command line's peak
memory is the evaluation's): day numbers as polars stores dates, the answers a paired
change reads narrowed once to the columns its lookups read. The results are those of the
full computation (the executor-equality properties hold them); these tests look at the
frames polars is given."""

from __future__ import annotations

import datetime as dt

import narwhals as nw
import polars as pl

import goalkit
from goalkit.engine._columnar import prepare

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
