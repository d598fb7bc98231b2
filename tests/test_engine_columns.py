"""The columnar executor computes only what some goal or breakdown reads (issue 14 point 4):
a project broken down per project only pays for no age band, and a participant column
that nobody reads is not carried through the evaluation; what a goal does read (its
filter, its target group, its kind's rules, a breakdown) still is, and a plugin kind with
a query of its own, whose reads are not known, still gets every column. The results are
those of the full computation (the executor-equality properties hold them); these tests
look at the queries polars is given."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import polars as pl
import pytest

import goalkit
from goalkit.goals import Count, Filter, Goal, Level, Period, Target, TargetGroup, Text

if TYPE_CHECKING:
    from collections.abc import Callable

AS_OF = dt.date(2016, 6, 30)
BAND = "20-24"
"""A label of the default age bands: a query that computes the age band carries it."""


def _people() -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    n = 60
    participants = pl.DataFrame({
        "participant_id": [str(i) for i in range(n)],
        "project": [f"p{i % 3}" for i in range(n)],
        "enrolled": [dt.date(2015, 1, 1) + dt.timedelta(days=i) for i in range(n)],
        "sex": ["F" if i % 2 else "M" for i in range(n)],
        "birth_year": [1970 + i % 40 for i in range(n)],
        "exited": [dt.date(2016, 1, 1) if i % 4 == 0 else None for i in range(n)],
        "municipality_of_birth": [f"m{i % 7}" for i in range(n)],
    })
    return participants, pl.DataFrame(), pl.DataFrame()


@pytest.fixture
def plans(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The optimised plan of every query polars is given to collect."""
    seen: list[str] = []

    def noting(fn: Callable[..., Any], many: bool) -> Callable[..., Any]:
        def collect(first: Any, *args: Any, **kwargs: Any) -> Any:
            for q in (first if many else [first]):
                seen.append(q.explain())
            return fn(first, *args, **kwargs)

        return collect

    monkeypatch.setattr(pl.LazyFrame, "collect", noting(pl.LazyFrame.collect, many=False))
    monkeypatch.setattr(pl, "collect_all", noting(pl.collect_all, many=True))
    return seen


def _project(**options: Any) -> goalkit.Project:
    return goalkit.Project(
        **{"id": "p", "name": Text(en="P"), "breakdowns": ("project",),
           "period": Period(dt.date(2014, 1, 1), dt.date(2016, 12, 31)),
           "goals": (Goal("n", Level.SUB_GOAL, Count(), target=Target.at_least(1)),),
           **options},
    )


def _evaluate(project: goalkit.Project) -> goalkit.Report:
    participants, _, _ = _people()
    return goalkit.evaluate(project, goalkit.Dataset.from_frames(participants), AS_OF)


def test_a_project_broken_down_per_project_only_computes_no_age_band(
    plans: list[str],
) -> None:
    """Sex and age band asked for by no goal and no breakdown: no query computes the band
    or carries a column nobody reads; the standard breakdowns, asked for, do, and so do a
    filter on the age band and a target group (read from the age), with the counts of
    counting by hand."""
    report = _evaluate(_project(standard_breakdowns=()))
    assert report.results[0].success == 60
    assert plans
    assert not any(BAND in p for p in plans)
    assert not any("municipality_of_birth" in p for p in plans)
    plans.clear()
    _evaluate(_project())
    assert any(BAND in p for p in plans)
    # what a goal reads is computed: a filter on the age band, a target group (the age)
    plans.clear()
    where = Filter.from_mapping({"age_band": BAND})
    goal = Goal("young", Level.SUB_GOAL, Count(where=where), target=Target.at_least(1))
    project = _project(standard_breakdowns=(), goals=(goal,),
                       target_group=TargetGroup(max_age=40))
    report = _evaluate(project)
    participants, _, _ = _people()
    ages = [e.year - b for e, b in participants.select("enrolled", "birth_year").rows()]
    assert report.results[0].success == sum(20 <= a <= 24 for a in ages)
    assert any(BAND in p for p in plans)
