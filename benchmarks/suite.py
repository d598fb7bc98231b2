"""The goal suites the benchmark evaluates: the standard one, overall and per project (and,
as in every goalkit report, per sex and per age band), and the same six goals broken down
per project only (the suite of issue 14), which no reference counts by sex or age band."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

import goalkit
from goalkit.goals import (
    Balance,
    Count,
    EventWithin,
    Goal,
    Level,
    PairedChange,
    Period,
    StatusAt,
    SurveyShare,
    Target,
    Text,
)

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["GOAL_IDS", "SUITES", "only_project", "per_project_suite", "suite",
           "write_goal_file"]

GOAL_IDS = ("enrolled", "sex-balance", "satisfied", "wellbeing", "offer-6m", "no-support-90d")


def only_project() -> dict[str, object]:
    """What a goal file says to be broken down per project only, besides
    ``breakdowns = ["project"]``: ``standard_breakdowns = []`` where goalkit's projects can
    ask for fewer than sex and age band (issue 14 point 4), else nothing: then goalkit still
    counts sex and age band and the comparison looks at the project breakdown and the totals
    only. The references count only the projects either way."""
    fields = attrs.fields_dict(goalkit.Project)
    return {"standard_breakdowns": ()} if "standard_breakdowns" in fields else {}


def suite(**options: object) -> goalkit.Project:
    """Six goals: an enrolment count, a sex balance, a satisfaction share at exit, a paired
    wellbeing improvement, an employment offer within 183 days after exit, and no income
    support 90 days after exit (the last two with pending windows as of mid-2016)."""
    g = Goal
    lvl = Level.SUB_GOAL
    goals = (
        g("enrolled", lvl, Count(), target=Target.at_least(30),
          due=dt.date(2016, 12, 31)),
        g("sex-balance", lvl, Balance(column="sex", categories=("F",)),
          target=Target.between(0.4, 0.6), due=dt.date(2016, 12, 31)),
        g("satisfied", lvl,
          SurveyShare(question="satisfied", phase="exit", at_least=4),
          target=Target.at_least(0.75)),
        g("wellbeing", lvl,
          PairedChange(question="wellbeing", before="entry", after="exit"),
          target=Target.at_least(0.5)),
        g("offer-6m", lvl,
          EventWithin(events=("employment_offer",), anchor="exited", days=(0, 183)),
          target=Target.at_least(0.25)),
        g("no-support-90d", Level.EFFECT,
          StatusAt(start="income_support_start", end="income_support_end", days=90,
                   expect="off"),
          target=Target.at_least(0.75)),
    )
    return goalkit.Project(
        id="national",
        name=Text(en="Synthetic national register"),
        period=Period(dt.date(2014, 1, 1), dt.date(2016, 12, 31)),
        goals=goals,
        breakdowns=("project",),
        categorical=("project",),  # a register of thousands of projects: declared codes
        # the hand-written references know no end-of-project rule: people never exited
        # stay so (the rule's own equality of executors is held by the property tests)
        not_exited="pending",
        **options,  # type: ignore[arg-type]
    )


def per_project_suite() -> goalkit.Project:
    """The same six goals broken down per project only, as far as goalkit's projects can
    say so (:func:`only_project`)."""
    return suite(**only_project())


SUITES = {"standard": (suite, ("project", "sex", "age_band")),
          "per-project": (per_project_suite, ("project",))}
"""Each suite's builder and the breakdowns the references count and the comparison checks."""


def write_goal_file(folder: Path, name: str) -> Path:
    """The suite ``name`` as a goal file (TOML) in ``folder``, for the command line."""
    from goalkit.specs import dumps_goals  # noqa: PLC0415

    path = folder / f"suite-{name}.toml"
    path.write_text(dumps_goals(SUITES[name][0]()), encoding="utf-8")
    return path
