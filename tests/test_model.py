"""The domain model: targets, filters, validation at construction."""

from __future__ import annotations

import math
from datetime import date

import narwhals as nw
import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import goalkit
from goalkit.goals import (
    Balance,
    Count,
    EventWithin,
    Filter,
    Goal,
    Period,
    SurveyShare,
    Target,
    Text,
)

finite = st.floats(-1e6, 1e6, allow_nan=False)


@given(lo=finite, hi=finite, a=finite, b=finite)
def test_target_decide_agrees_with_every_value_in_the_range(
    lo: float, hi: float, a: float, b: float
) -> None:
    """decide(a, b) is True only if the ends (hence every value between) meet the target,
    False only if neither end nor anything between does."""
    lo, hi = min(lo, hi), max(lo, hi)
    a, b = min(a, b), max(a, b)
    target = Target.between(lo, hi)
    verdict = target.decide(a, b)
    mid = (a + b) / 2
    if verdict is True:
        assert all(target.satisfied_by(x) for x in (a, mid, b))
    elif verdict is False:
        assert not any(target.satisfied_by(x) for x in (a, mid, b))
    else:
        assert any(target.satisfied_by(x) for x in (a, b, lo, hi) if a <= x <= b)


def test_unbounded_sides() -> None:
    """None means unbounded: an at-least target reached by the lower bound is decided."""
    assert Target.at_least(30).decide(31, None) is True
    assert Target.at_least(30).decide(3, None) is None
    assert Target.at_most(180).decide(200, None) is False
    assert Target.at_most(180).decide(None, 100) is True


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Target("between", low=0.6, high=0.4), "empty"),
        (lambda: Target("at_least"), "needs low"),
        (lambda: Target("at_least", low=math.nan), "finite"),
        (lambda: Goal(id="x", level="sub_goal", indicator=Balance(),
                      target=Target.at_least(40)), "fraction"),
        (lambda: Goal(id="bad id", level="sub_goal", indicator=Count()), "id"),
        (lambda: Goal(id="x", level="vision", indicator=Count()), "vision"),
        (lambda: Period(date(2015, 1, 1), date(2014, 1, 1)), "before"),
        (lambda: SurveyShare(question="satisfied"), "at_least or at_most"),
        (lambda: EventWithin(events=[], days=(0, 10)), "event kind"),
        (lambda: EventWithin(events=["x"], days=(10, 0)), "is empty"),
    ],
)
def test_bad_values_are_refused_at_construction(make: object, message: str) -> None:
    """A wrong model value fails where it is made, saying what is wrong."""
    with pytest.raises(ValueError, match=message):
        make()  # type: ignore[operator]


def test_duplicate_goal_ids_and_unknown_parents_are_refused() -> None:
    """A project's goal ids are unique, and a parent must be one of its goals."""
    g = Goal(id="a", level="sub_goal", indicator=Count())
    period = Period(date(2014, 1, 1), date(2014, 12, 31))
    with pytest.raises(ValueError, match="twice"):
        goalkit.Project(id="p", name=Text("P"), period=period, goals=[g, g])
    child = Goal(id="b", level="sub_goal", indicator=Count(), parent="zz")
    with pytest.raises(ValueError, match="parent"):
        goalkit.Project(id="p", name=Text("P"), period=period, goals=[child])


rows = st.fixed_dictionaries({
    "sex": st.sampled_from(["F", "M", None]),
    "age": st.one_of(st.none(), st.integers(10, 70)),
    "group": st.sampled_from(["a", "b", None]),
})
conditions = st.sampled_from([
    {"sex": "F"},
    {"sex": {"ne": "F"}},
    {"age": {"between": [18, 30]}},
    {"age": {"ge": 18, "lt": 65}},
    {"group": {"in": ["a"]}},
    {"group": {"not_in": ["a"]}},
    {"group": {"is_null": True}},
    {"sex": "F", "age": {"gt": 20}},
])


@given(where=conditions, people=st.lists(rows, max_size=20))
def test_filters_mean_the_same_in_python_and_polars(where: dict, people: list[dict]) -> None:
    """A filter keeps the same rows in plain Python as its narwhals expression does in
    polars, missing values included."""
    f = Filter.from_mapping(where)
    assert Filter.from_mapping(f.to_mapping()) == f
    expected = [f.matches(p) for p in people]
    frame = pl.DataFrame(people, schema={"sex": pl.String, "age": pl.Int64, "group": pl.String})
    expr = f.expr()
    assert expr is not None
    got = nw.from_native(frame).select(expr.alias("m"))["m"].to_list() if people else []
    assert got == expected


def test_report_lookup_names_the_goals_there_are() -> None:
    """Asking a report for an unknown goal lists the known ones."""
    project = goalkit.load_goals("examples/quickstart/goals.toml")
    report = goalkit.evaluate(project, None, date(2015, 1, 1), goals=["model"])
    with pytest.raises(goalkit.UnknownNameError, match="model"):
        report["nope"]
