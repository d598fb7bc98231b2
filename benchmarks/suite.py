"""The standard goal suite the benchmark evaluates, overall and per project (and, as in
every goalkit report, per sex and per age band)."""

from __future__ import annotations

import datetime as dt

import goalkit

__all__ = ["GOAL_IDS", "suite"]

GOAL_IDS = ("enrolled", "sex-balance", "satisfied", "wellbeing", "offer-6m", "no-support-90d")


def suite() -> goalkit.Project:
    """Six goals: an enrolment count, a sex balance, a satisfaction share at exit, a paired
    wellbeing improvement, an employment offer within 183 days after exit, and no income
    support 90 days after exit (the last two with pending windows as of mid-2016)."""
    g = goalkit.Goal
    lvl = goalkit.Level.SUB_GOAL
    goals = (
        g("enrolled", lvl, goalkit.Count(), target=goalkit.Target.at_least(30),
          due=dt.date(2016, 12, 31)),
        g("sex-balance", lvl, goalkit.Balance(column="sex", categories=("F",)),
          target=goalkit.Target.between(0.4, 0.6), due=dt.date(2016, 12, 31)),
        g("satisfied", lvl,
          goalkit.SurveyShare(question="satisfied", phase="exit", at_least=4),
          target=goalkit.Target.at_least(0.75)),
        g("wellbeing", lvl,
          goalkit.PairedChange(question="wellbeing", before="entry", after="exit"),
          target=goalkit.Target.at_least(0.5)),
        g("offer-6m", lvl,
          goalkit.EventWithin(events=("employment_offer",), anchor="exited", days=(0, 183)),
          target=goalkit.Target.at_least(0.25)),
        g("no-support-90d", goalkit.Level.EFFECT,
          goalkit.StatusAt(start="income_support_start", end="income_support_end", days=90,
                           expect="off"),
          target=goalkit.Target.at_least(0.75)),
    )
    return goalkit.Project(
        id="national",
        name=goalkit.Text(en="Synthetic national register"),
        period=goalkit.Period(dt.date(2014, 1, 1), dt.date(2016, 12, 31)),
        goals=goals,
        breakdowns=("project",),
        categorical=("project",),  # a register of thousands of projects: declared codes
        # the hand-written references know no end-of-project rule: people never exited
        # stay so (the rule's own equality of executors is held by the property tests)
        not_exited="pending",
    )
