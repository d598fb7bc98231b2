"""``goalkit.testing.synthetic``: the building blocks of the seeded example data sets."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import goalkit
import goalkit.testing.synthetic
from goalkit.data._plugin import FolderLoader
from goalkit.testing.synthetic import SyntheticData, SyntheticRows, random_date, write_csv

if TYPE_CHECKING:
    from pathlib import Path

START = date(2024, 1, 1)


def sample() -> SyntheticData:
    """Every table, with the values a CSV file must carry exactly: missing values, extra
    columns, a fractional score, a breakdown and a non-additive figure."""
    return SyntheticData(
        participants=[
            {"participant_id": "p1", "enrolled": START, "sex": "F", "birth_year": 1990,
             "exited": date(2024, 6, 30), "exit_reason": "work", "group": "a"},
            {"participant_id": "p2", "enrolled": date(2024, 2, 1), "sex": None,
             "birth_year": None, "exited": None, "exit_reason": None, "group": "b"},
        ],
        events=[("p1", date(2024, 7, 1), "employment_start"),
                goalkit.Event("p1", date(2024, 3, 1), "action_plan")],
        responses=[{"participant_id": "p2", "date": date(2024, 2, 1), "phase": "entry",
                    "question": "wellbeing", "score": 3},
                   ("p1", START, "entry", "wellbeing", 2.5)],
        measurements=[
            goalkit.Measurement("participants", date(2024, 6, 30), 2.0,
                                {"sex": {"F": 1.0, "M": 1.0}}, period_start=START,
                                source="register"),
            goalkit.Measurement("rate", date(2024, 6, 30), 12.5, {"sex": {"F": 10.0}},
                                additive=False),
        ],
        assessments=[goalkit.Assessment("model", date(2024, 6, 1), "met", "decision", "board")],
        source="test",
    )


def comparable(dataset: goalkit.Dataset) -> dict[str, Any]:
    """What a data set holds, in a form ``==`` compares (rows in a canonical order)."""
    records = dataset.with_records()
    return {
        "participants": [dict(p) for p in records.participants],
        "events": sorted(records.events),
        "responses": sorted(records.responses),
        "measurements": list(dataset.measurements),
        "assessments": list(dataset.assessments),
    }


def test_written_folder_reads_back_to_the_same_data(tmp_path: Path) -> None:
    """The folder loader reads the written CSV files back to the data set the rows make."""
    data = sample()
    data.write_folder(tmp_path)
    loaded = FolderLoader().load(str(tmp_path))
    assert loaded.issues == ()
    assert comparable(loaded) == comparable(data.dataset())


def test_written_files_are_canonical(tmp_path: Path) -> None:
    """Rows sorted, whole numbers without ``.0``, missing values empty, ``additive`` only
    because one figure is not additive; ``participant_columns`` orders the columns."""
    sample().write_folder(tmp_path, participant_columns=["participant_id", "group",
                                                         "enrolled", "exited"])
    assert (tmp_path / "participants.csv").read_text(encoding="utf-8") == (
        "participant_id,group,enrolled,exited\np1,a,2024-01-01,2024-06-30\np2,b,2024-02-01,\n")
    assert (tmp_path / "events.csv").read_text(encoding="utf-8") == (
        "participant_id,date,kind\np1,2024-03-01,action_plan\np1,2024-07-01,employment_start\n")
    assert (tmp_path / "responses.csv").read_text(encoding="utf-8").splitlines()[1:] == [
        "p1,2024-01-01,entry,wellbeing,2.5", "p2,2024-02-01,entry,wellbeing,3"]
    assert (tmp_path / "measurements.csv").read_text(encoding="utf-8").splitlines() == [
        "metric,date,value,period_start,source,additive,sex.F,sex.M",
        "participants,2024-06-30,2,2024-01-01,register,true,1,1",
        "rate,2024-06-30,12.5,,,false,10,",
    ]


def test_empty_tables_are_left_out_and_old_files_removed(tmp_path: Path) -> None:
    """A table with no rows has no file, even if an earlier run wrote one."""
    sample().write_folder(tmp_path)
    SyntheticData([{"participant_id": "p1", "enrolled": START}]).write_folder(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["participants.csv"]


def generate(seed: int) -> SyntheticData:
    """A small seeded generator, as a plugin writes one."""
    rnd = random.Random(seed)
    rows = SyntheticRows()
    for n in range(20):
        enrolled = random_date(rnd, START, date(2024, 6, 30))
        row = rows.person(participant_id=f"p{n:02d}", enrolled=enrolled, sex=rnd.choice("FM"))
        if rnd.random() < 0.5:
            row["exited"] = enrolled + timedelta(days=rnd.randint(30, 90))
            rows.event(row["participant_id"], row["exited"], "employment_start")
        rows.answer(row["participant_id"], enrolled, "entry", "wellbeing", rnd.randint(1, 5))
    return rows.build(source=f"test (seed {seed})")


def test_seeded_output_is_deterministic(tmp_path: Path) -> None:
    """The same seed gives the same rows and the same bytes; another seed other rows."""
    assert generate(1) == generate(1)
    assert generate(1) != generate(2)
    for run in ("a", "b"):
        generate(1).write_folder(tmp_path / run)
    for name in ("participants.csv", "events.csv", "responses.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_rows_of_any_shape_are_the_same_records() -> None:
    """Events and responses given as records, tuples or mappings are the same data."""
    as_tuples = SyntheticData([], [("p", START, "k")], [("p", START, "entry", "q", 1.0)])
    as_mappings = SyntheticData(
        [], [{"participant_id": "p", "date": START, "kind": "k"}],
        [{"participant_id": "p", "date": START, "phase": "entry", "question": "q",
          "score": 1.0}])
    as_records = SyntheticData([], [goalkit.Event("p", START, "k")],
                               [goalkit.Response("p", START, "entry", "q", 1.0)])
    assert as_tuples == as_mappings == as_records


@given(st.dates(), st.integers(0, 3000), st.integers())
def test_random_date_stays_inside_its_bounds(first: date, span: int, seed: int) -> None:
    """Both bounds included, nothing outside."""
    last = first + timedelta(days=min(span, (date.max - first).days))
    day = random_date(random.Random(seed), first, last)
    assert first <= day <= last


def test_random_date_reaches_both_bounds() -> None:
    """Over many draws, the first and the last day both come up."""
    rnd = random.Random(0)
    days = {random_date(rnd, START, START + timedelta(days=2)) for _ in range(200)}
    assert days == {START + timedelta(days=i) for i in range(3)}


def test_write_csv_cells(tmp_path: Path) -> None:
    """None empty, dates ISO, whole floats without ``.0``, others exactly, booleans as
    true/false, text quoted only when it must be."""
    path = tmp_path / "t.csv"
    write_csv(path, ["a", "b"], [[None, START], [3.0, 0.1], [True, "x, y"]])
    assert path.read_text(encoding="utf-8") == 'a,b\n,2024-01-01\n3,0.1\ntrue,"x, y"\n'


def test_public_face() -> None:
    """The module exports what its documentation names."""
    assert set(goalkit.testing.synthetic.__all__) == {
        "SyntheticData", "SyntheticRows", "random_date", "write_csv"}
    assert all(hasattr(goalkit.testing.synthetic, n) for n in goalkit.testing.synthetic.__all__)


@pytest.mark.parametrize("columns", [None, ["participant_id", "enrolled"]])
def test_participant_columns(tmp_path: Path, columns: list[str] | None) -> None:
    """By default every key in first-use order; else the columns given."""
    SyntheticData([{"participant_id": "p", "enrolled": START},
                   {"participant_id": "q", "enrolled": START, "group": "g"}]).write_folder(
        tmp_path, participant_columns=columns)
    header = (tmp_path / "participants.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == ("participant_id,enrolled,group" if columns is None
                      else "participant_id,enrolled")
