"""Validation's working memory at a million people, pinned by what bounds it, not by a
measurement: the join that checks events and answers against the participants builds its
table of keys from the participants, the smaller side, whatever the data (the nine
million rows checked stream past it, never held in a table of their own); the rows a
report lists first are numbered a slice of rows at a time, not every row at once."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from goalkit.data import Dataset, _table
from goalkit.data._loaders import FramesLoader
from goalkit.data._mapping import ColumnMapping
from goalkit.data._sources import read_folder
from goalkit.data._validate import clean
from goalkit.engine._columnar import prepare

if TYPE_CHECKING:
    from pathlib import Path

FILES = {
    "participants.csv": "participant_id,enrolled,sex,birth_year\n"
                        "A1,2015-01-10,F,1990\n"
                        "A2,2015-02-01,M,1985\n"
                        "A2,2015-02-01,M,1985\n",
    "events.csv": "participant_id,date,kind\n"
                  "A1,2015-07-01,employment_offer\n"
                  "A1,2014-07-01,employment_offer\n"
                  "A2,2015-03-01,study_start\n"
                  "A9,2015-03-01,study_start\n",
    "responses.csv": "participant_id,date,phase,question,score\n"
                     "A1,2015-06-01,exit,satisfied,4\n"
                     "A9,2015-03-01,entry,wellbeing,3\n",
}


_WHERE = {("unknown_participant", "events.csv, row 5, column 'participant_id'"),
          ("unknown_participant", "responses.csv, row 3, column 'participant_id'"),
          ("excluded_participant", "events.csv, row 4, column 'participant_id'"),
          ("event_before_enrolment", "events.csv, row 3, column 'date'")}
"""Problems the checks of :data:`FILES` find, however events and answers are joined."""


def _plans(folder: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], Any]:
    """The plan of every join of joined rows :func:`clean` collects, and its issues."""
    plans: list[str] = []
    joined = _table._joined

    def recorded(group: Any) -> pl.LazyFrame:
        query = joined(group)
        plans.append(query.explain(optimized=False))
        return query

    monkeypatch.setattr(_table, "_joined", recorded)
    issues = clean(read_folder(folder, ColumnMapping())).issues
    return plans, issues


def _alike(e: pl.Expr) -> pl.Expr:
    """A hash every id shares: the ids are joined on themselves, not on their hashes."""
    return e.hash(0) % 1


@pytest.mark.parametrize("hashes", ["own", "shared"])
def test_the_join_builds_on_the_participants(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hashes: str
) -> None:
    """Joined on the ids' hashes (each id hashing to a value of its own) or on the ids
    themselves, events and answers are joined in one join whose build side is forced to
    be the participants' (the right side), with the problems of a join on either side."""
    for name, text in FILES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    if hashes == "shared":
        monkeypatch.setattr(_table, "key_hash", _alike)
    plans, issues = _plans(tmp_path, monkeypatch)
    assert len(plans) == 1
    plan = plans[0]
    assert "BUILD SIDE: ForceRight" in plan
    right = plan[plan.index("RIGHT PLAN"):]
    assert "enrolled" in right
    assert "kind" not in right
    assert {(i.code, i.where) for i in issues} >= _WHERE


def test_ids_that_are_numbers_are_looked_up_without_a_join(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Participants numbered 1 and 2 (one of them twice): events and answers look their
    participant up by number, joining nothing, with the problems of a join."""
    for name, text in FILES.items():
        (tmp_path / name).write_text(text.replace("A", ""), encoding="utf-8")
    plans, issues = _plans(tmp_path, monkeypatch)
    assert len(plans) == 1
    assert "JOIN" not in plans[0]
    assert {(i.code, i.where) for i in issues} >= _WHERE


@given(st.lists(st.one_of(st.booleans(), st.none())), st.integers(1, 5),
       st.one_of(st.none(), st.integers(0, 6)))
def test_rows_are_numbered_a_slice_at_a_time_as_at_once(
    values: list[bool | None], size: int, limit: int | None
) -> None:
    """Numbered a slice of rows at a time (as at a million rows, here a few), the rows a
    mask holds on are the same, and the first ``limit`` of them when asked for fewer."""
    import polars as pl  # noqa: PLC0415

    with pytest.MonkeyPatch.context() as m:
        m.setattr(_table, "_ROWS_A_SLICE", size)
        rows = _table.rows_of(pl.Series(values, dtype=pl.Boolean), limit)
    assert rows.to_list() == [i for i, v in enumerate(values) if v][:limit]


def test_the_columnar_executor_joins_on_the_ids_hashes_only_where_validation_found_them_apart(
) -> None:
    """Validated data whose participants' ids hash apart are joined on the hashes (each
    table's id column a 64-bit number in the executor's query); the audit, which lists the
    ids, and data a host hands over unvalidated, on the ids themselves."""
    people = pl.DataFrame({"participant_id": ["a", "b", "c"],
                           "enrolled": [date(2015, 1, 1)] * 3, "sex": ["F", "M", "F"]})
    events = pl.DataFrame({"participant_id": ["a", "c"], "date": [date(2015, 2, 1)] * 2,
                           "kind": ["employment_start"] * 2})
    validated = FramesLoader().load_frames({"participants": people, "events": events})
    assert validated.frames is not None
    assert validated.frames.ids_hash_apart
    for ids, dtype in ((False, pl.UInt64), (True, pl.String)):
        f = prepare(validated.frames, date(2016, 1, 1), (18, 30), ids=ids)
        for frame in (f.participants, f.events, f.responses):
            assert frame.to_native().collect_schema()["participant_id"] == dtype
    handed = Dataset.from_frames(people, events).frames
    assert handed is not None
    assert not handed.ids_hash_apart
    f = prepare(handed, date(2016, 1, 1), (18, 30))
    assert f.events.to_native().collect_schema()["participant_id"] == pl.String
