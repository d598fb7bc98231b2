"""The rules around a goal's verdict: the target group, the end of the project, non-response,
time to event after an exit, and the definition in words (issue 10, points 1, 4, 5, 7)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

import pytest
from attrs import frozen
from hypothesis import given, settings
from strategies import indicators

import goalkit
from goalkit import Status
from goalkit.data import read_data
from goalkit.goals import (
    Count,
    Goal,
    MeanChange,
    Period,
    Share,
    SurveyShare,
    Target,
    TargetGroup,
    Text,
    TimeToEvent,
)
from goalkit.model import ResponseRate

if TYPE_CHECKING:
    from pathlib import Path

D = date.fromisoformat
PERIOD = Period(D("2015-01-01"), D("2016-12-31"))
ENGINES = ["python", "columnar"]
ADULTS = TargetGroup(min_age=18, max_age=65)


def project(*goals: Goal, **fields: Any) -> goalkit.Project:
    return goalkit.Project(id="p", name=Text("P"), period=PERIOD, goals=goals, **fields)


def goal(indicator: goalkit.kinds.Indicator, target: Target | None, gid: str = "g",
         **fields: Any) -> Goal:
    return Goal(id=gid, level="sub_goal", indicator=indicator, target=target, **fields)


def person(pid: str, enrolled: str, exited: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"participant_id": pid, "enrolled": enrolled, "exited": exited, **extra}


def answer(pid: str, day: str, score: float) -> dict[str, Any]:
    return {"participant_id": pid, "date": day, "phase": "exit", "question": "satisfied",
            "score": score}


def evaluate(proj: goalkit.Project, people: list[dict[str, Any]], events: Any = (),
             responses: Any = (), *, as_of: str, engine: str) -> goalkit.Report:
    data = goalkit.Dataset.from_records(people, events, responses)
    return goalkit.evaluate(proj, data, D(as_of), engine=engine)  # type: ignore[arg-type]


# -- point 7: the target group, flagged and kept ----------------------------------------------


def thirty_with_one_minor() -> list[dict[str, Any]]:
    people = [person(f"a{i}", "2015-03-01", birth_date=date(1990, 1, 1)) for i in range(29)]
    people.append(person("minor", "2015-03-01", birth_date=date(1998, 1, 1)))  # 17
    return people


@pytest.mark.parametrize("engine", ENGINES)
def test_someone_outside_the_target_group_counts_in_a_plain_goal(engine: str) -> None:
    """30 enrolled, one of them 17 in an 18–65 project: a plain count is 30 (met); a goal
    that counts the target group only is 29, the minor left out with their own reason."""
    proj = project(
        goal(Count(), Target.at_least(30), "all"),
        goal(Count(), Target.at_least(30), "group", target_group_only=True),
        target_group=ADULTS,
    )
    report = evaluate(proj, thirty_with_one_minor(), as_of="2015-06-01", engine=engine)
    assert (report["all"].value, report["all"].status) == (30.0, Status.MET)
    assert dict(report["all"].excluded) == {}
    group = report["group"]
    assert (group.value, dict(group.excluded)) == (29.0, {"outside_target_group": 1})
    assert group.status is Status.PENDING  # 29 so far, and people may still enrol
    assert group.definition is not None
    assert "målgrupp" in group.definition.sv
    assert "target group" in group.definition.en
    assert "målgrupp" not in (report["all"].definition or Text()).get("sv")


@pytest.mark.parametrize("engine", ENGINES)
def test_a_birth_year_alone_leaves_out_only_a_certain_miss(engine: str) -> None:
    """From a birth year the age is one of two years: 66 or 67 is out of 18–65, 65 or 66
    may be in, and an unknown age is never out (as the data issue reads it)."""
    people = [person("old", "2015-03-01", birth_year=1948),  # 66-67: out
              person("maybe", "2015-03-01", birth_year=1949),  # 65-66: kept
              person("unknown", "2015-03-01")]
    proj = project(goal(Count(), Target.at_least(1), target_group_only=True),
                   target_group=ADULTS)
    r = evaluate(proj, people, as_of="2015-06-01", engine=engine)["g"]
    assert (r.value, dict(r.excluded)) == (2.0, {"outside_target_group": 1})


def test_validation_flags_the_minor_and_keeps_the_row(tmp_path: Path) -> None:
    """The data issue is a warning, the row stays in the data set, and a plain count read
    from the file counts both people (the issue's 30 enrolled, met, not 29)."""
    (tmp_path / "participants.csv").write_text(
        "participant_id,enrolled,birth_date\nA1,2015-03-01,1990-01-01\n"
        "M1,2015-03-01,1998-01-01\n", encoding="utf-8")
    proj = project(goal(Count(), Target.at_least(2), "all"),
                   goal(Count(), Target.at_least(2), "group",
                        target_group_only=True),
                   target_group=ADULTS)
    data = read_data(tmp_path, project=proj)
    flagged = [i for i in data.issues if i.code == "age_outside_target_group"]
    assert [i.severity for i in flagged] == ["note"]
    assert len(data.with_records().participants) == 2
    report = goalkit.evaluate(proj, data, D("2015-06-01"))
    assert (report["all"].value, report["all"].status) == (2.0, Status.MET)
    assert report["group"].value == 1.0
    assert any(i.code == "age_outside_target_group" for i in report.issues)


# -- point 5: the end-of-project rule ----------------------------------------------------------


def leavers_and_stayers() -> list[dict[str, Any]]:
    return [person("w1", "2015-02-01", "2016-03-01", exit_reason="work"),
            person("w2", "2015-02-01", "2016-04-01", exit_reason="work"),
            person("s1", "2015-02-01"),
            person("late", "2015-02-01", "2017-02-01", exit_reason="work")]


@pytest.mark.parametrize("engine", ENGINES)
def test_people_who_never_exit_leave_at_the_end_of_the_project(engine: str) -> None:
    """A year after the project ended, a goal anchored on the exit has a verdict: whoever
    had not exited by the end left then (reason ``project_end``); an exit after the end does
    not count. With the rule off the goal waits for them for ever."""
    share = Share(anchor="exited", condition={"exit_reason": "work"})
    target = Target.at_least(0.8)
    proj = project(goal(share, target, "rule"),
                   goal(share, target, "wait", not_exited="pending"))
    report = evaluate(proj, leavers_and_stayers(), as_of="2017-12-31", engine=engine)
    rule = report["rule"]
    assert (rule.success, rule.failure, rule.pending) == (2, 2, 0)
    assert rule.status is Status.NOT_MET  # 2 of 4, final
    assert "projektperioden slutar" in (rule.definition or Text()).get("sv")
    wait = report["wait"]
    assert (wait.success, wait.pending, wait.status) == (3, 1, Status.PENDING)
    # before the end nobody has left because of the rule
    mid = evaluate(proj, leavers_and_stayers(), as_of="2016-06-01", engine=engine)["rule"]
    assert (mid.success, mid.failure, mid.pending) == (2, 0, 2)


@pytest.mark.parametrize("engine", ENGINES)
def test_the_project_can_choose_the_rule_for_every_goal(engine: str) -> None:
    share = Share(anchor="exited", condition={"exit_reason": "work"})
    proj = project(goal(share, Target.at_least(0.8)), not_exited="pending")
    r = evaluate(proj, leavers_and_stayers(), as_of="2017-12-31", engine=engine)["g"]
    assert r.pending == 1
    assert r.status is Status.PENDING


def time_to_work(after_exit: str) -> TimeToEvent:
    return TimeToEvent(events=["employment_start"], anchor="enrolled",
                       after_exit=after_exit)  # type: ignore[arg-type]


@pytest.mark.parametrize("engine", ENGINES)
def test_time_to_event_after_an_exit_without_the_event(engine: str) -> None:
    """Four people enrolled on one day: work on day 10; exit on day 20 and work on day 40;
    exit on day 30 without work; still waiting on day 100. At risk (the default), the exit
    changes nothing; censored, the second is followed to day 20 only; as a competing
    outcome, the exits never get work."""
    people = [person("a", "2015-01-01"), person("b", "2015-01-01", "2015-01-21"),
              person("c", "2015-01-01", "2015-01-31"), person("d", "2015-01-01")]
    events = [{"participant_id": "a", "date": "2015-01-11", "kind": "employment_start"},
              {"participant_id": "b", "date": "2015-02-10", "kind": "employment_start"}]
    proj = project(*(goal(time_to_work(rule), None, rule)
                     for rule in ("at_risk", "censored", "competing")))
    report = evaluate(proj, people, events, as_of="2015-04-11", engine=engine)
    at_risk, censored, competing = report["at_risk"], report["censored"], report["competing"]
    assert (at_risk.success, at_risk.value) == (2, 40.0)  # S: 3/4 at 10, 1/2 at 40
    assert (censored.success, censored.failure, censored.pending) == (1, 2, 1)
    assert censored.value is None  # S: 3/4 at 10, then censored at 20, 30, 100
    assert censored.not_reached_after == 100.0
    assert (competing.success, competing.failure) == (1, 2)
    assert competing.value is None
    assert competing.not_reached_after == 100.0  # the longest follow-up of anyone waiting
    assert "censureras vid avslutet" in (censored.definition or Text()).get("sv")


@pytest.mark.parametrize("engine", ENGINES)
def test_a_median_not_reached_says_how_far_follow_up_went(engine: str) -> None:
    people = [person(p, "2015-01-01") for p in "abc"]
    events = [{"participant_id": "a", "date": "2015-01-11", "kind": "employment_start"}]
    proj = project(goal(time_to_work("at_risk"), Target.at_most(180)))
    r = evaluate(proj, people, events, as_of="2015-03-02", engine=engine)["g"]
    assert (r.value, r.not_reached_after) == (None, 60.0)


# -- point 4: non-response ---------------------------------------------------------------------


def ten_leavers(answers: int, score: float = 5.0) -> tuple[list[Any], list[Any]]:
    people = [person(f"p{i}", "2015-01-01", "2015-06-01") for i in range(10)]
    responses = [answer(f"p{i}", "2015-06-05", score) for i in range(answers)]
    return people, responses


SATISFIED = SurveyShare(question="satisfied", phase="exit", at_least=4)


@pytest.mark.parametrize("engine", ENGINES)
def test_two_answers_of_ten_do_not_decide_a_survey_goal(engine: str) -> None:
    """10 leavers, 2 answer, both satisfied: not "met, 100 %", but a response rate of 20 %,
    below the default minimum of 50 %, with the share between 20 % (every non-responder
    dissatisfied) and 100 %. Nobody can answer any more: a person must judge it."""
    people, responses = ten_leavers(2)
    proj = project(goal(SATISFIED, Target.at_least(0.75)))
    r = evaluate(proj, people, (), responses, as_of="2017-03-01", engine=engine)["g"]
    assert r.value == 1.0
    assert r.response == ResponseRate(asked=10, answered=2, minimum=0.5, lower=0.2,
                                              upper=1.0)
    assert r.status is Status.NEEDS_ASSESSMENT
    assert "50 %" in (r.definition or Text()).get("sv").replace("\u00a0", " ")


@pytest.mark.parametrize("engine", ENGINES)
def test_bounds_over_non_response_decide_a_goal_with_too_few_answers(engine: str) -> None:
    """2 of 10 answered, both dissatisfied: the share lies between 0 % (every
    non-responder dissatisfied too) and 80 % (every one satisfied). Against "at least
    90 %" no answer could have met it: not met, for good. Against "at least 75 %" the
    bounds straddle the target: a person must judge it. Against "at least 10 %" two
    satisfied of ten meet it whatever the others would have said."""
    people, unhappy = ten_leavers(2, score=1.0)
    _, happy = ten_leavers(2)
    cases = [(unhappy, 0.9, Status.NOT_MET), (unhappy, 0.75, Status.NEEDS_ASSESSMENT),
             (happy, 0.1, Status.MET), (happy, 0.75, Status.NEEDS_ASSESSMENT)]
    for responses, share, status in cases:
        proj = project(goal(SATISFIED, Target.at_least(share)))
        r = evaluate(proj, people, (), responses, as_of="2017-03-01", engine=engine)["g"]
        assert r.response is not None
        assert r.response.rate == 0.2
        assert (share, r.status) == (share, status)


@pytest.mark.parametrize("engine", ENGINES)
def test_enough_answers_decide_and_the_minimum_is_the_goals_choice(engine: str) -> None:
    people, responses = ten_leavers(6)
    proj = project(goal(SATISFIED, Target.at_least(0.75), "six"))
    r = evaluate(proj, people, (), responses, as_of="2017-03-01", engine=engine)["six"]
    assert (r.status, r.response.rate if r.response else None) == (Status.MET, 0.6)
    assert r.response is not None
    assert (r.response.lower, r.response.upper) == (0.6, 1.0)
    people, responses = ten_leavers(2)
    proj = project(goal(SATISFIED, Target.at_least(0.75), "none",
                        min_response_rate=0.0))
    r = evaluate(proj, people, (), responses, as_of="2017-03-01", engine=engine)["none"]
    assert (r.status, r.response.minimum if r.response else 1) == (Status.MET, None)
    proj = project(goal(SATISFIED, Target.at_least(0.75)), min_response_rate=0.2)
    r = evaluate(proj, people, (), responses, as_of="2017-03-01", engine=engine)["g"]
    assert r.status is Status.MET


@pytest.mark.parametrize("engine", ENGINES)
def test_a_response_rate_that_may_still_fall_keeps_the_goal_pending(engine: str) -> None:
    """6 of 10 answered, and 4 more have not exited yet: if none of them answers, the rate
    is 6 of 14, below one half. The goal waits, though the share alone would be met."""
    people, responses = ten_leavers(6)
    people += [person(f"q{i}", "2015-01-01") for i in range(4)]
    proj = project(goal(SATISFIED, Target.at_least(0.5), not_exited="pending",
                        due=D("2016-06-30")))
    r = evaluate(proj, people, (), responses, as_of="2016-01-01", engine=engine)["g"]
    assert (r.success, r.pending, r.status) == (6, 4, Status.PENDING)
    assert r.response == ResponseRate(asked=10, answered=6, minimum=0.5, lower=0.6,
                                              upper=1.0)


def test_paired_change_counts_a_missing_baseline_as_non_response() -> None:
    people = [person(f"p{i}", "2015-01-01", "2015-06-01") for i in range(4)]
    responses = [
        {"participant_id": f"p{i}", "date": day, "phase": phase, "question": "wb",
         "score": score}
        for i in range(3) for day, phase, score in (("2015-01-02", "entry", 2.0),
                                                    ("2015-06-02", "exit", 4.0))
    ]
    responses = [r for r in responses if not (r["participant_id"] == "p2"
                                              and r["phase"] == "entry")]
    proj = project(goal(MeanChange(question="wb", scale=(1.0, 5.0)), None))
    r = evaluate(proj, people, (), responses, as_of="2017-01-01", engine="python")["g"]
    assert r.response is not None
    assert (r.response.asked, r.response.answered) == (4, 2)
    assert (r.response.lower, r.response.upper) == (-1.0, 3.0)  # (4 - 2*4) / 4, (4 + 8) / 4


# -- point 1: definitions in words -------------------------------------------------------------


@frozen
class Plain(goalkit.kinds.PersonIndicator):
    """A plugin kind that writes no description of its own."""

    kind: ClassVar[str] = "plain_probe"
    unit: ClassVar[goalkit.Unit] = goalkit.Unit.PEOPLE
    label: str = "x"

    def classify(self, person: goalkit.kinds.Person,
                 ctx: goalkit.kinds.GoalContext) -> goalkit.kinds.Outcome:
        return (goalkit.kinds.State.SUCCESS, None, None)

    def summarize(self, tally: goalkit.kinds.Tally,
                  ctx: goalkit.kinds.GoalContext) -> goalkit.kinds.Summary:
        return goalkit.kinds.Summary(value=float(tally.success), tally=tally)


def test_two_goals_with_the_same_words_say_what_each_counted() -> None:
    """One goal anchored on the exit and one on enrolment: the definitions tell them apart,
    in natural Swedish and in English, with the as-of and due dates."""
    work = {"exit_reason": "work"}
    proj = project(
        goal(Share(anchor="exited", condition=work), Target.at_least(0.3), "x",
             due=D("2016-06-30")),
        goal(Share(anchor="enrolled", condition=work), Target.at_least(0.3), "e"),
    )
    report = evaluate(proj, leavers_and_stayers(), as_of="2016-05-01", engine="python")
    x, e = (report[g].definition or Text() for g in ("x", "e"))
    assert "av dem som har avslutat där avslutsorsak är ”work”" in (x.sv or "")
    assert "av dem som har skrivits in" in (e.sv or "")
    assert "1 maj 2016" in (x.sv or "")
    assert "ska vara nått den 30 juni 2016" in (x.sv or "")
    assert "due 30 June 2016" in (x.en or "")
    assert "projektperiodens slut den 31 december 2016" in (e.sv or "")
    assert x.sv != e.sv
    assert x.en != e.en


def test_every_built_in_kind_describes_itself_in_both_languages() -> None:
    @settings(max_examples=60)
    @given(indicators)
    def check(ind: goalkit.kinds.Indicator) -> None:
        sv, en = ind.describe("sv"), ind.describe("en")
        assert sv
        assert en
        assert sv != en
        assert not sv.startswith("Måttet")  # its own words, not the default

    check()


def test_a_plugin_kind_gets_a_default_definition() -> None:
    proj = project(goal(Plain(label="y"), Target.at_least(1)))
    r = evaluate(proj, [person("a", "2015-02-01")], as_of="2015-03-01", engine="python")["g"]
    assert r.definition is not None
    assert "”plain_probe”" in (r.definition.sv or "")
    assert "label = ”y”" in (r.definition.sv or "")
    assert '"plain_probe"' in (r.definition.en or "")


@pytest.mark.parametrize("engine", ["python", "columnar"])
def test_a_survey_goal_that_can_never_reach_its_response_rate_stays_so(engine: str) -> None:
    """A survey goal whose response rate can never reach its minimum needs assessment for
    good: still so on its due date, when everyone not yet exited is left out and nobody is
    decided (it was ``no_data`` then)."""
    start = date(2014, 1, 1)
    goal = Goal(
        id="g", level="sub_goal", target=Target.at_least(0.0), due=date(2015, 7, 1),
        min_response_rate=0.8,
        indicator=SurveyShare(question="satisfied", at_least=3.0, days=(0, 0)))
    project = goalkit.Project(id="p", name=Text(default="p"),
                              period=Period(start, date(2015, 6, 30)), goals=[goal],
                              not_exited="pending")
    rows = [{"participant_id": f"p{i}", "enrolled": start,
             "exited": start if i >= 11 else None, "exit_reason": "work" if i >= 11 else None}
            for i in range(14)]
    data = goalkit.Dataset.from_records(rows, [], [])
    statuses = [goalkit.evaluate(project, data, as_of, engine=engine).results[0].status
                for as_of in (date(2015, 6, 30), date(2015, 7, 1))]
    assert statuses == ["needs_assessment", "needs_assessment"]
