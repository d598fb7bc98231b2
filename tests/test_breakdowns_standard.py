"""A project's breakdowns are the ones it asks for: sex and age band by default, fewer when
it says so (``standard_breakdowns``), and the cells it did not ask for are never made."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from strategies import as_of_dates, datasets_rows

import goalkit
from goalkit.goals import Count, Filter, Goal, Period, Share, Target, Text

AS_OF = dt.date(2015, 6, 1)
STANDARD = [("sex", "age_band"), ("sex",), ("age_band",), ()]


def _project(standard: tuple[str, ...] | None = None, *,
             goal_breakdowns: tuple[str, ...] = ()) -> goalkit.Project:
    extra: dict[str, Any] = {} if standard is None else {"standard_breakdowns": standard}
    return goalkit.Project(
        id="p", name=Text(en="P"),
        period=Period(dt.date(2014, 1, 1), dt.date(2016, 12, 31)),
        goals=[
            Goal(id="n", level="sub_goal", indicator=Count(),
                 target=Target.at_least(1)),
            Goal(id="work", level="sub_goal",
                 indicator=Share(condition=Filter.from_mapping(
                             {"exit_reason": "work"})),
                         target=Target.at_least(0.5), breakdowns=goal_breakdowns),
        ],
        breakdowns=("group",),
        **extra,
    )


def _data(rows: tuple[list[dict[str, Any]], ...], *, frames: bool) -> goalkit.Dataset:
    if not frames:
        return goalkit.Dataset.from_records(*rows)
    import polars as pl  # noqa: PLC0415

    return goalkit.Dataset.from_frames(*(pl.DataFrame(r, infer_schema_length=None)
                                         if r else None for r in rows))


@pytest.mark.parametrize("standard", STANDARD)
@given(rows=datasets_rows(), as_of=as_of_dates)
def test_fewer_breakdowns_are_the_same_cells_fewer(
    standard: tuple[str, ...], rows: tuple[list[dict[str, Any]], ...], as_of: dt.date
) -> None:
    """Asking for fewer breakdowns leaves out exactly those dimensions, in both executors;
    every number that remains is the number of the default evaluation."""
    full = goalkit.evaluate(_project(), goalkit.Dataset.from_records(*rows), as_of)
    for engine, frames in (("python", False), ("columnar", True)):
        fewer = goalkit.evaluate(_project(standard), _data(rows, frames=frames), as_of,
                                 engine=engine)  # type: ignore[arg-type]
        for whole, part in zip(full, fewer, strict=True):
            assert list(part.breakdowns) == [*standard, "group"]
            assert {d: dict(part.breakdowns[d]) for d in part.breakdowns} == {
                d: dict(whole.breakdowns[d]) for d in part.breakdowns}
            assert (part.status, part.value, part.success, part.failure, part.pending) == (
                whole.status, whole.value, whole.success, whole.failure, whole.pending)


def test_the_default_is_sex_and_age_band() -> None:
    """A project that says nothing is broken down by sex and age band, then its own."""
    assert _project().standard_breakdowns == ("sex", "age_band")
    rows = ([{"participant_id": "a", "enrolled": dt.date(2014, 3, 1), "sex": "F",
              "birth_year": 1990, "group": "g"}], [], [])
    report = goalkit.evaluate(_project(), goalkit.Dataset.from_records(*rows), AS_OF)
    assert list(report["n"].breakdowns) == ["sex", "age_band", "group"]


def test_a_goal_may_still_ask_for_a_standard_breakdown() -> None:
    """With none standard, a goal's own ``breakdowns`` brings age band back, for it only."""
    rows = ([{"participant_id": "a", "enrolled": dt.date(2014, 3, 1), "sex": "F",
              "birth_year": 1990, "group": "g"}], [], [])
    project = _project((), goal_breakdowns=("age_band",))
    report = goalkit.evaluate(project, goalkit.Dataset.from_records(*rows), AS_OF)
    assert list(report["n"].breakdowns) == ["group"]
    assert list(report["work"].breakdowns) == ["age_band", "group"]
    assert list(report["work"].breakdowns["age_band"]) == ["20-24"]


HEAD = 'id = "x"\nname = "X"\nperiod = { start = 2014-01-01, end = 2014-12-31 }\n'


@pytest.mark.parametrize(("line", "words"), [
    ('standard_breakdowns = ["sex", "project"]', "got 'project'"),
    ('standard_breakdowns = ["sex", "sex"]', "twice"),
    ('standard_breakdowns = [3]', "standard_breakdowns"),
])
def test_a_goal_file_names_a_bad_standard_breakdown(line: str, words: str) -> None:
    """Only sex and age band, each once: anything else is an error naming the field."""
    with pytest.raises(goalkit.GoalFileError) as info:
        goalkit.loads_goals(HEAD + line, source="goals.toml")
    assert "standard_breakdowns" in str(info.value)
    assert words in str(info.value)


@pytest.mark.parametrize("standard", STANDARD)
def test_a_goal_file_round_trips_its_standard_breakdowns(standard: tuple[str, ...]) -> None:
    """Written as a TOML list, read back the same; the default is not written at all."""
    line = f"standard_breakdowns = {list(standard)!r}".replace("'", '"')
    project = goalkit.loads_goals(HEAD + line, source="goals.toml")
    assert project.standard_breakdowns == standard
    text = goalkit.dumps_goals(project)
    assert ("standard_breakdowns" in text) == (standard != ("sex", "age_band"))
    assert goalkit.loads_goals(text, source="again.toml") == project


def test_a_text_is_not_a_list_of_breakdowns() -> None:
    """``standard_breakdowns="sex"`` in Python is refused, not read as three letters."""
    with pytest.raises(TypeError, match="list of names"):
        _project("sex")  # type: ignore[arg-type]
