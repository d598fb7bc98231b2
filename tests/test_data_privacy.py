"""Swedish personal identity numbers: recognised, warned about or refused, never echoed."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

import goalkit
from goalkit.data import looks_like_personal_number, read_data
from goalkit.data._privacy import luhn_ok, shown
from goalkit.goals import Period, Text

if TYPE_CHECKING:
    from pathlib import Path


def _check_digit(nine: str) -> str:
    return next(str(d) for d in range(10) if luhn_ok(nine + str(d)))


@st.composite
def personal_numbers(draw: st.DrawFn, *, coordination: bool = False) -> tuple[str, str]:
    """A valid number (the ten digits) and one way of writing it."""
    born = draw(st.dates(dt.date(1900, 1, 1), dt.date(2020, 12, 31)))
    day = born.day + (60 if coordination else 0)
    serial = draw(st.integers(0, 999))
    nine = f"{born:%y%m}{day:02d}{serial:03d}"
    ten = nine + _check_digit(nine)
    style = draw(st.sampled_from(["short", "dash", "plus", "long", "long-dash"]))
    century = f"{born:%Y}"[:2]
    written = {
        "short": ten,
        "dash": f"{ten[:6]}-{ten[6:]}",
        "plus": f"{ten[:6]}+{ten[6:]}",
        "long": century + ten,
        "long-dash": f"{century}{ten[:6]}-{ten[6:]}",
    }[style]
    return ten, written


@given(personal_numbers())
def test_valid_personnummer_in_every_notation_is_recognised(pnr: tuple[str, str]) -> None:
    assert looks_like_personal_number(pnr[1])


@given(personal_numbers(coordination=True))
def test_valid_samordningsnummer_is_recognised(pnr: tuple[str, str]) -> None:
    assert looks_like_personal_number(pnr[1])


@given(personal_numbers(), st.integers(1, 9))
def test_a_wrong_check_digit_is_not_a_personnummer(pnr: tuple[str, str], delta: int) -> None:
    written = pnr[1]
    wrong = str((int(written[-1]) + delta) % 10)
    assert not looks_like_personal_number(written[:-1] + wrong)


@pytest.mark.parametrize("value", ["Q001", "20140101", "1234567890", "19121212-121",
                                   "991332-1234", "ID-1001", ""])
def test_project_ids_are_not_personnummer(value: str) -> None:
    assert not looks_like_personal_number(value)


def test_known_test_number() -> None:
    """Skatteverket's published example 811218-9876."""
    assert looks_like_personal_number("811218-9876")
    assert looks_like_personal_number("198112189876")
    assert not looks_like_personal_number("811218-9875")


@given(personal_numbers())
def test_shown_never_reveals_a_personnummer(pnr: tuple[str, str]) -> None:
    assert pnr[1] not in shown(pnr[1])
    assert pnr[1] not in shown(f"id {pnr[1]} here")


PARTICIPANTS = """participant_id,enrolled
811218-9876,2015-01-10
Q2,2015-02-01
"""


def _folder(tmp: Path) -> Path:
    (tmp / "participants.csv").write_text(PARTICIPANTS, encoding="utf-8")
    (tmp / "events.csv").write_text(
        "participant_id,date,kind\n811218-9876,2014-01-01,study_start\n", encoding="utf-8")
    return tmp


def test_personnummer_ids_are_warned_about_without_the_value(tmp_path: Path) -> None:
    data = read_data(_folder(tmp_path))
    found = [i for i in data.issues if i.code == "personal_id"]
    assert [(i.severity, i.count) for i in found] == [("warning", 1)]
    project = goalkit.Project(id="p", name=Text("P"),
                              period=Period(dt.date(2015, 1, 1), dt.date(2015, 12, 31)))
    text = goalkit.report_to_json(goalkit.evaluate(project, data, as_of=dt.date(2015, 6, 1)))
    assert "811218" not in text
    assert "9876" not in text


def test_personnummer_ids_can_be_refused(tmp_path: Path) -> None:
    mapping = {"privacy": {"personal_ids": "refuse"}}
    data = read_data(_folder(tmp_path), mapping=mapping)
    assert [(i.code, i.where) for i in data.issues if i.severity == "error"
            and i.code != "rows_excluded"] == [
        ("personal_id", "participants.csv, row 2, column 'participant_id'"),
        ("excluded_participant", "events.csv, row 2, column 'participant_id'"),
    ]
    with pytest.raises(goalkit.DataValidationError) as info:
        read_data(_folder(tmp_path), mapping=mapping, strict=True)
    assert "811218" not in str(info.value)



@pytest.mark.parametrize(("ids", "flagged"), [
    (["P-811218-9876", "P2"], 1),  # a prefix: it was not warned about
    (["811218-9876x", "P2"], 1),  # a suffix
    (["KOMMUN 19811218-9876", "P2"], 1),  # the century, after a word
    (["2015011812345", "P2"], 0),  # thirteen digits: no ten-digit number of its own
    (["P-811218-9875", "P2"], 0),  # a wrong check digit
])
def test_an_id_holding_a_personnummer_is_warned_about(
    tmp_path: Path, ids: list[str], flagged: int
) -> None:
    """An id that holds a personal identity number among other text is one, as a cell of
    any other column is: only a whole cell was looked at, so ``P-811218-9876`` passed."""
    rows = "".join(f"{i},2015-01-0{n + 1},F\n" for n, i in enumerate(ids))
    (tmp_path / "participants.csv").write_text("participant_id,enrolled,sex\n" + rows,
                                               encoding="utf-8")
    found = [i for i in read_data(tmp_path).issues if i.code == "personal_id"]
    assert [i.count for i in found] == ([flagged] if flagged else [])
    assert not any("9876" in i.message + i.message_sv for i in found)

def test_a_personnummer_in_another_column_is_refused_and_not_echoed(tmp_path: Path) -> None:
    """Outside the id column a personal number could become a breakdown category or a
    code in a report: the row is left out, and the value shown nowhere."""
    (tmp_path / "participants.csv").write_text(
        "participant_id,enrolled,sex,note\nQ1,811218-9876,F,\nQ2,2015-01-01,198112189876,\n"
        "Q3,2015-01-01,F,ring 811218-9876\nQ4,2015-01-01,M,\n", encoding="utf-8")
    data = read_data(tmp_path)
    assert [(i.code, i.where) for i in data.issues] == [
        ("personal_id", "participants.csv, row 2, column 'enrolled'"),
        ("personal_id", "participants.csv, row 3, column 'sex'"),
        ("personal_id", "participants.csv, row 4, column 'note'"),
        ("rows_excluded", "participants.csv"),
    ]
    project = goalkit.Project(id="p", name=Text("P"),
                              period=Period(dt.date(2015, 1, 1), dt.date(2015, 12, 31)))
    report = goalkit.evaluate(project, data, as_of=dt.date(2015, 6, 1), breakdowns=["note"])
    text = goalkit.report_to_json(report)
    assert "811218" not in text
    assert "9876" not in text
