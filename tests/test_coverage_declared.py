"""What a goal reads in the data comes from its kinds, not from a list of kinds in the
engine: a new person kind written in the vocabulary only is checked against the data like a
built-in one (issue 13, point 7)."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import pytest
from attrs import frozen

import goalkit
from goalkit.engine._coverage import coverage_issues, uses_of
from goalkit.goals import Goal, Period, Share, Target, Text
from goalkit.indicators import (
    Branch,
    Declared,
    Rules,
    anchor,
    anchor_waits,
    column,
    earliest,
    first_answer,
    first_event,
    in_spell,
    is_in,
    share_summary,
)
from goalkit.kinds import GoalContext, Summary, Tally, Unit
from goalkit.model import State


@frozen
class HeardThenWork(Declared):
    """The share of people, in a municipality of ``places``, who answered ``question`` in
    ``phase`` and then started work (an ``event``) while on ``spell``; for the test only."""

    kind: ClassVar[str] = "heard_then_work"
    unit: ClassVar[Unit] = Unit.SHARE
    tables: ClassVar[frozenset[str]] = frozenset({"events", "responses"})
    question: str = "heard"
    phase: str = "midway"
    event: str = "job_start"
    since: str = "coaching_start"
    spell: tuple[str, str] = ("support_start", "support_end")
    places: tuple[str, ...] = ("Sveg",)

    def rules(self, ctx: GoalContext) -> Rules:
        a = anchor(self.since)
        heard = first_answer(self.phase, self.question, a, earliest(a + 90, ctx.horizon))
        work = first_event(self.event, a, ctx.horizon)
        return Rules(
            [
                anchor_waits(a, self.since, ctx),
                Branch(~is_in(column("municipality"), self.places), State.EXCLUDED,
                       "outside"),
                Branch(heard.present() & work.present()
                       & in_spell(*self.spell, work), State.SUCCESS),
            ],
            (State.PENDING, "window_open"),
        )

    def summarize(self, tally: Tally, ctx: GoalContext) -> Summary:
        return share_summary(tally, ctx)


def _project(indicator: goalkit.kinds.Indicator) -> goalkit.Project:
    return goalkit.Project(
        id="p", name=Text(en="P"),
        period=Period(dt.date(2014, 1, 1), dt.date(2015, 12, 31)),
        goals=[Goal(id="g", level="sub_goal", indicator=indicator,
                    target=Target.at_least(1))],
    )


DATA = goalkit.Dataset.from_records(
    [{"participant_id": "A", "enrolled": "2014-02-01", "municipality": "Sveg"}],
    events=[{"participant_id": "A", "date": "2014-03-01", "kind": "coaching_start"}],
    responses=[{"participant_id": "A", "date": "2014-03-02", "phase": "midway",
                "question": "heard", "score": 4}],
)


def test_a_kind_in_the_vocabulary_says_what_it_reads() -> None:
    """Every lookup and column of its rules, found without the engine knowing the kind."""
    uses = uses_of(HeardThenWork())
    assert uses.questions == {"heard"}
    assert uses.phases == {"midway"}
    assert uses.event_kinds == {"job_start", "support_start", "support_end"}
    assert uses.anchors == {"coaching_start"}
    assert uses.columns == {"municipality"}


@pytest.mark.parametrize(("change", "code", "name"), [
    ({"question": "herd"}, "question_not_in_data", "question 'herd'"),
    ({"phase": "midwya"}, "phase_not_in_data", "phase 'midwya'"),
    ({"event": "job_strat"}, "event_kind_not_in_data", "event kind 'job_strat'"),
    ({"spell": ("support_start", "support_ned")}, "event_kind_not_in_data",
     "event kind 'support_ned'"),
    ({"since": "coaching_strat"}, "anchor_not_in_data", "anchor 'coaching_strat'"),
])
def test_a_new_kind_gets_the_data_warnings(
    change: dict[str, object], code: str, name: str
) -> None:
    """A misspelt name in a new kind's fields is named, as for a built-in kind."""
    issues = coverage_issues(_project(HeardThenWork(**change)), DATA)  # type: ignore[arg-type]
    found = [i for i in issues if i.code == code and name in i.message]
    assert len(found) == 1
    assert found[0].where == "goal 'g'"
    assert found[0].severity == "warning"


def test_a_goal_testing_the_exit_waits_for_exits_the_data_lack() -> None:
    """A share of exits to work waits for everyone's exit before the due date: data with no
    exit at all get the ``exited`` anchor warning, as an exit anchor does."""
    share = Share(anchor="enrolled", condition={"exit_reason": "work"})
    codes = {i.code for i in coverage_issues(_project(share), DATA)}
    assert "anchor_not_in_data" in codes


@frozen
class BrokenRules(HeardThenWork):
    """A plugin kind whose rules fail (a bug in its code)."""

    kind: ClassVar[str] = "broken_rules"

    def rules(self, ctx: GoalContext) -> Rules:
        raise ZeroDivisionError("the plugin's bug")


def test_a_kind_whose_rules_fail_is_named_with_its_goal() -> None:
    """The data check runs a kind's own rules to see what it reads: a failure there names
    the goal and the kind (an evaluation error, which the command line reports as a
    plugin's failure), not a bare exception (before: ZeroDivisionError)."""
    with pytest.raises(goalkit.EvaluationError, match=r"goal 'g' \(broken_rules\).*the plugin"):
        coverage_issues(_project(BrokenRules()), DATA)
