"""A column the project declares categorical may have many codes that look like ids; nothing
else about a breakdown is relaxed by the declaration."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

import goalkit
from goalkit import DataError, Dataset
from goalkit.goals import Count, Goal, Period, Target, Text

AS_OF = dt.date(2015, 1, 1)


def _project(**extra: object) -> goalkit.Project:
    return goalkit.Project(
        id="register", name=Text(en="Register"),
        period=Period(dt.date(2014, 1, 1), dt.date(2015, 12, 31)),
        goals=[Goal(id="n", level="sub_goal", indicator=Count(),
                    target=Target.at_least(1))],
        **extra,  # type: ignore[arg-type]
    )


def _people(codes: list[str]) -> list[dict[str, object]]:
    return [{"participant_id": str(i), "enrolled": dt.date(2014, 2, 1), "sex": "F",
             "birth_year": 1990, "unit": code} for i, code in enumerate(codes)]


MANY = [f"{1000 + i}" for i in range(40)]  # 40 codes, each also a participant id's length


@pytest.mark.parametrize("frames", [False, True])
def test_a_declared_column_may_have_many_codes_that_look_like_ids(frames: bool) -> None:
    """Undeclared, 40 codes are refused; declared, every code is a category with its count."""
    people = _people(MANY + [str(i) for i in range(1000, 1040)])
    data = (Dataset.from_frames(pl.DataFrame(people)) if frames
            else Dataset.from_records(people))
    with pytest.raises(DataError, match="unit"):
        goalkit.evaluate(_project(), data, AS_OF, breakdowns=["unit"])
    report = goalkit.evaluate(_project(categorical=["unit"]), data, AS_OF, breakdowns=["unit"])
    cells = report["n"].breakdowns["unit"]
    assert sorted(cells) == sorted(MANY)
    assert sum(c.success for c in cells.values()) == 80


@pytest.mark.parametrize("values", [
    ["2014-05-06"] * 3,  # a date
    ["x" * 60] * 3,  # free text
])
def test_a_declaration_does_not_let_people_through(values: list[str]) -> None:
    data = Dataset.from_frames(pl.DataFrame(_people(values)))
    with pytest.raises(DataError, match="cannot break down"):
        goalkit.evaluate(_project(categorical=["unit"]), data, AS_OF, breakdowns=["unit"])


def test_a_declared_column_of_personal_identity_numbers_is_refused() -> None:
    """Whatever is declared, a personal identity number never becomes a category."""
    data = Dataset.from_frames(pl.DataFrame(_people(["19121212-1212"] * 3)))
    with pytest.raises(DataError, match="personal identity number"):
        goalkit.evaluate(_project(categorical=["unit"]), data, AS_OF, breakdowns=["unit"])


def test_participant_id_cannot_be_declared() -> None:
    data = Dataset.from_records(_people(["a", "b"]))
    with pytest.raises(DataError, match="identifies people"):
        goalkit.evaluate(_project(categorical=["participant_id"]), data, AS_OF,
                         breakdowns=["participant_id"])
