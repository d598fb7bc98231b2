"""Each indicator kind's meaning, pinned by small examples (in both executors)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

import goalkit
import goalkit.engine
from goalkit import Status
from goalkit.goals import (
    Assessed,
    Balance,
    CostPerOutcome,
    Count,
    EventWithin,
    Filter,
    Goal,
    MeanChange,
    PairedChange,
    Period,
    Reported,
    Share,
    StatusAt,
    SurveyShare,
    Target,
    Text,
    TimeToEvent,
)

D = date.fromisoformat
PERIOD = Period(D("2014-01-01"), D("2014-12-31"))
ENGINES = ["python", "columnar"]


def run(indicator: goalkit.kinds.Indicator, target: Target | None,
        people: list[dict[str, Any]],
        events: list[dict[str, Any]] = (), responses: list[dict[str, Any]] = (), *,
        as_of: str, engine: str, due: str | None = None, **project: Any) -> goalkit.GoalResult:
    goal = Goal(id="g", level="sub_goal", indicator=indicator, target=target,
                due=D(due) if due else None)
    proj = goalkit.Project(id="p", name=Text("P"), period=PERIOD, goals=[goal], **project)
    data = goalkit.Dataset.from_records(people, events, responses)
    return goalkit.evaluate(proj, data, D(as_of), engine=engine)["g"]  # type: ignore[arg-type]


def person(pid: str, enrolled: str, exited: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"participant_id": pid, "enrolled": enrolled, "exited": exited, **extra}


def answer(pid: str, day: str, phase: str, question: str, score: float) -> dict[str, Any]:
    return {"participant_id": pid, "date": day, "phase": phase, "question": question,
            "score": score}


@pytest.mark.parametrize("engine", ENGINES)
def test_count_at_least_is_met_as_soon_as_reached(engine: str) -> None:
    """A count only grows, so reaching an at-least target is final even mid-project."""
    people = [person(str(i), "2014-02-01") for i in range(3)]
    r = run(Count(), Target.at_least(3), people, as_of="2014-03-01", engine=engine)
    assert (r.status, r.value, r.upper) == (Status.MET, 3.0, None)
    r = run(Count(), Target.at_least(4), people, as_of="2014-03-01", engine=engine)
    assert r.status is Status.PENDING
    r = run(Count(), Target.at_least(4), people, as_of="2015-01-01", engine=engine)
    assert r.status is Status.NOT_MET


@pytest.mark.parametrize("engine", ENGINES)
def test_balance_waits_for_the_cohort_to_close(engine: str) -> None:
    """An even split so far is pending while people can still enrol; missing sex is excluded."""
    people = [person("1", "2014-02-01", sex="F"), person("2", "2014-02-01", sex="M"),
              person("3", "2014-02-01")]
    target = Target.between(0.4, 0.6)
    r = run(Balance(), target, people, as_of="2014-06-01", engine=engine)
    assert (r.status, r.value, dict(r.excluded)) == (Status.PENDING, 0.5, {"missing_sex": 1})
    r = run(Balance(), target, people, as_of="2014-12-31", engine=engine)
    assert r.status is Status.MET


@pytest.mark.parametrize("engine", ENGINES)
def test_survey_share_takes_the_first_answer_in_the_window(engine: str) -> None:
    """The earliest answer in the window counts; a later, happier one does not; no answer by
    the window's end excludes the person."""
    people = [person("1", "2014-01-01", "2014-06-01"), person("2", "2014-01-01", "2014-06-01"),
              person("3", "2014-01-01", "2014-06-01")]
    answers = [answer(pid, day, "exit", "satisfied", score)
               for pid, day, score in (("1", "2014-06-01", 2), ("1", "2014-06-10", 5),
                                       ("2", "2014-06-02", 4))]
    ind = SurveyShare(question="satisfied", at_least=4)
    half = Target.at_least(0.5)
    r = run(ind, half, people, (), answers, as_of="2014-06-15", engine=engine)
    assert (r.success, r.failure, r.pending) == (1, 1, 1)
    assert dict(r.waiting) == {"awaiting_response": 1}
    r = run(ind, half, people, (), answers, as_of="2015-01-01", engine=engine)
    assert dict(r.excluded) == {"no_response": 1}
    assert (r.value, r.status) == (0.5, Status.MET)


@pytest.mark.parametrize("engine", ENGINES)
def test_event_within_judges_successes_and_failures_alike_at_the_due_date(engine: str) -> None:
    """A window that ends after the due date excludes its person whatever happened."""
    people = [person("early", "2014-01-01", "2014-03-01"),
              person("late", "2014-01-01", "2014-11-01")]
    events = [{"participant_id": p, "date": d, "kind": "employment_offer"}
              for p, d in (("early", "2014-05-01"), ("late", "2014-11-15"))]
    ind = EventWithin(events=["employment_offer"], days=(0, 90))
    r = run(ind, Target.at_least(0.5), people, events, as_of="2015-06-01",
            due="2014-12-31", engine=engine)
    assert (r.success, r.failure, dict(r.excluded)) == (1, 0, {"window_past_due": 1})
    assert r.status is Status.MET


@pytest.mark.parametrize("engine", ENGINES)
def test_status_at_reads_the_status_on_the_day(engine: str) -> None:
    """On support from a start to the next end; pending until the day has come."""
    people = [person(p, "2014-01-01", "2014-03-01") for p in ("on", "ended", "never")]
    events = [
        {"participant_id": "on", "date": "2014-02-01", "kind": "income_support_start"},
        {"participant_id": "ended", "date": "2014-02-01", "kind": "income_support_start"},
        {"participant_id": "ended", "date": "2014-04-01", "kind": "income_support_end"},
    ]
    ind = StatusAt(start="income_support_start", end="income_support_end", days=90)
    r = run(ind, Target.at_least(0.75), people, events, as_of="2014-05-01", engine=engine)
    assert (r.pending, dict(r.waiting)) == (3, {"window_open": 3})
    r = run(ind, Target.at_least(0.75), people, events, as_of="2014-06-01", engine=engine)
    assert (r.success, r.failure, r.status) == (2, 1, Status.PENDING)  # people may still enrol
    r = run(ind, Target.at_least(0.75), people, events, as_of="2015-01-01", engine=engine)
    assert (r.success, r.failure, r.status) == (2, 1, Status.NOT_MET)


@pytest.mark.parametrize("engine", ENGINES)
def test_time_to_event_censors_the_waiting_and_bounds_the_unanchored(engine: str) -> None:
    """Kaplan–Meier: people still waiting are censored, not dropped; people whose anchor has
    not come may still join with any time."""
    people = [person("a", "2014-01-01", "2014-02-01"), person("b", "2014-01-01", "2014-02-01"),
              person("c", "2014-01-01", "2014-02-01"), person("d", "2014-01-01")]
    events = [{"participant_id": "a", "date": "2014-02-11", "kind": "employment_start"},
              {"participant_id": "b", "date": "2014-03-03", "kind": "employment_start"}]
    ind = TimeToEvent(events=["employment_start"], anchor="exited")
    r = run(ind, Target.at_most(60), people, events, as_of="2015-01-01", engine=engine,
            not_exited="pending")  # d never exits, and no end-of-project rule says otherwise
    assert r.value == 30.0  # 10 and 30 days; c censored at 334 days: S falls to 1/3 at 30
    assert r.pending == 2
    assert dict(r.waiting) == {"not_exited": 1, "waiting": 1}
    # Half have already had the event by day 30, so whatever c and d do, the median is at
    # most 30; d may still exit and find work on day 0, so it may fall to 10.
    assert (r.lower, r.upper) == (10.0, 30.0)
    assert r.status is Status.MET


@pytest.mark.parametrize("engine", ENGINES)
def test_paired_change_needs_both_answers(engine: str) -> None:
    """Only people with a baseline and a follow-up are decided; the rest say why not."""
    people = [person(p, "2014-01-01", "2014-05-01") for p in ("up", "same", "nobase", "nofollow")]
    answers = [
        {"participant_id": p, "date": d, "phase": ph, "question": "wellbeing", "score": s}
        for p, d, ph, s in (("up", "2014-01-01", "entry", 2), ("up", "2014-05-01", "exit", 4),
                            ("same", "2014-01-01", "entry", 3), ("same", "2014-05-01", "exit", 3),
                            ("nobase", "2014-05-01", "exit", 4),
                            ("nofollow", "2014-01-01", "entry", 1))
    ]
    r = run(PairedChange(question="wellbeing"), Target.at_least(0.5), people, (),
            answers, as_of="2014-12-31", engine=engine)
    assert (r.success, r.failure) == (1, 1)
    assert dict(r.excluded) == {"no_baseline": 1, "no_follow_up": 1}
    r = run(MeanChange(question="wellbeing"), None, people, (), answers,
            as_of="2014-12-31", engine=engine)
    assert (r.value, r.status) == (1.0, Status.NEEDS_ASSESSMENT)


@pytest.mark.parametrize("engine", ENGINES)
def test_cost_per_outcome_falls_as_outcomes_come(engine: str) -> None:
    """The budget per person into work; at most a ceiling is met once reached."""
    people = [person(str(i), "2014-01-01", "2014-03-01", exit_reason="work") for i in range(4)]
    ind = CostPerOutcome(amount=100_000, outcome=Count(
        anchor="exited", condition=Filter.from_mapping({"exit_reason": "work"})))
    r = run(ind, Target.at_most(30_000), people, as_of="2014-06-01", engine=engine)
    assert (r.value, r.status) == (25_000.0, Status.MET)


def test_reported_figures_and_their_breakdown_check() -> None:
    """The latest figure counts, and a breakdown that does not add up is an issue."""
    m = [goalkit.Measurement("participants", D("2014-06-30"), 259,
                             breakdown={"sex": {"F": 90, "M": 196}}, source="Lägesrapport")]
    goal = Goal(id="n", level="project", indicator=Reported(metric="participants"))
    proj = goalkit.Project(id="p", name=Text("P"), period=PERIOD, goals=[goal],
                           measurements=m)
    report = goalkit.evaluate(proj, None, D("2014-12-31"))
    assert (report["n"].value, report["n"].status) == (259, Status.NEEDS_ASSESSMENT)
    (issue,) = report.issues
    assert issue.code == "breakdown_impossible"
    assert "286" in issue.message
    rates = goalkit.Measurement("unemployment", D("2014-06-30"), 8.1, additive=False,
                                breakdown={"sex": {"F": 7.9, "M": 8.3}})
    assert goalkit.engine.check_measurements([rates]) == []


def test_assessed_goals_take_the_latest_verdict() -> None:
    """Without an assessment a goal needs one; with several, the latest up to the date."""
    goal = Goal(id="model", level="project", indicator=Assessed())
    a = [goalkit.Assessment("model", D("2014-06-01"), "pending", "Utkast"),
         goalkit.Assessment("model", D("2014-11-01"), "met", "Antagen av styrgruppen")]
    proj = goalkit.Project(id="p", name=Text("P"), period=PERIOD, goals=[goal],
                           assessments=a)
    assert goalkit.evaluate(proj, None, D("2014-05-01"))["model"].status is Status.NEEDS_ASSESSMENT
    assert goalkit.evaluate(proj, None, D("2014-07-01"))["model"].status is Status.PENDING
    final = goalkit.evaluate(proj, None, D("2014-12-01"))["model"]
    assert (final.status, final.evidence) == (Status.MET, ("Antagen av styrgruppen",))


@pytest.mark.parametrize("engine", ENGINES)
def test_one_failure_decides_an_everyone_target_at_once(engine: str) -> None:
    """'Every participant' (100 %) is not met once somebody has failed, even while people
    can still enrol; a share that is only below target so far stays pending."""
    people = [person("ok", "2014-01-01", "2014-02-01", exit_reason="work"),
              person("no", "2014-01-01", "2014-02-01", exit_reason="other")]
    ind = Share(condition=Filter.from_mapping({"exit_reason": "work"}))
    r = run(ind, Target.at_least(1.0), people, as_of="2014-03-01", engine=engine)
    assert (r.cohort_open, r.status) == (True, Status.NOT_MET)
    r = run(ind, Target.at_least(0.75), people, as_of="2014-03-01", engine=engine)
    assert r.status is Status.PENDING
    r = run(ind, Target.at_most(0.0), people, as_of="2014-03-01", engine=engine)
    assert r.status is Status.NOT_MET


@pytest.mark.parametrize("engine", ENGINES)
def test_values_of_people_left_out_never_count(engine: str) -> None:
    """A person excluded after their answers were read (exit after the due date) adds
    nothing to a mean change, in either executor."""
    people = [person("late", "2014-09-19", "2014-11-22")]
    answers = [answer("late", "2014-09-19", "entry", "q", 1),
               answer("late", "2014-10-24", "exit", "q", 5)]
    r = run(MeanChange(question="q"), None, people, (), answers, as_of="2015-01-01",
            due="2014-10-28", engine=engine)
    assert (r.value, r.denominator, dict(r.excluded)) == (None, 0, {"no_anchor_by_due": 1})


@pytest.mark.parametrize("engine", ENGINES)
def test_a_cost_per_outcome_without_outcomes_is_never_decided(engine: str) -> None:
    """With no outcome yet, the cost may end undefined (no data): even a trivial target is
    not met, and once nothing can change it is no data."""
    people = [person("p0", "2014-01-01", "2014-01-01", exit_reason="studies")]
    ind = CostPerOutcome(amount=1000, outcome=Count(
        anchor="exited", condition=Filter.from_mapping({"exit_reason": "work"})))
    r = run(ind, Target.at_least(0), people, as_of="2014-01-01", due="2014-07-20",
            engine=engine)
    assert (r.value, r.status) == (None, Status.NO_DATA)
    r = run(ind, Target.at_least(0), people, as_of="2014-08-01", due="2014-07-20",
            engine=engine)
    assert (r.value, r.status) == (None, Status.NO_DATA)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_test_on_the_exit_waits_for_the_exit_until_the_due_date(engine: str) -> None:
    """A condition, a balance or a cohort filter that reads the exit (``exit_reason``)
    cannot judge someone who has not exited: pending before the due date. After it, an exit
    made after the due date is not counted (Hypothesis found both)."""
    people = [person("early", "2014-01-01", "2014-05-01", exit_reason="work"),
              person("late", "2014-01-01", "2014-07-21", exit_reason="work"),
              person("never", "2014-01-01")]
    share = Share(anchor="enrolled", condition={"exit_reason": {"in": ["work"]}})
    half = Target.at_least(0.5)
    r = run(share, half, people, as_of="2014-03-01", due="2014-07-20", engine=engine)
    assert (r.success, r.failure, r.pending) == (0, 0, 3)
    assert dict(r.waiting) == {"not_exited": 3}
    r = run(share, half, people, as_of="2014-06-01", due="2014-07-20", engine=engine)
    assert (r.success, r.failure, r.pending) == (1, 0, 2)
    r = run(share, half, people, as_of="2015-01-01", due="2014-07-20", engine=engine)
    assert (r.success, r.failure, r.pending) == (1, 2, 0)  # "late" exited after the due date
    balance = Balance(column="exit_reason", categories=("work",))
    r = run(balance, half, people, as_of="2014-06-01", due="2014-07-20", engine=engine)
    assert (r.success, r.pending, dict(r.waiting)) == (1, 2, {"not_exited": 2})
    r = run(balance, half, people, as_of="2015-01-01", due="2014-07-20", engine=engine)
    assert (r.success, dict(r.excluded)) == (1, {"missing_exit_reason": 2})
    workers = Count(where={"exit_reason": "work"})
    r = run(workers, None, people, as_of="2014-06-01", due="2014-07-20", engine=engine)
    assert (r.success, r.pending, dict(r.excluded)) == (1, 2, {})
    r = run(workers, None, people, as_of="2015-01-01", due="2014-07-20", engine=engine)
    assert (r.success, r.pending, dict(r.excluded)) == (1, 0, {"outside_filter": 2})
