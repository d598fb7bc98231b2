"""goalkit.testing.strategies builds data with the wanted status by construction: for
many goal shapes, every status it agrees to build is the status both engines give."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st

import goalkit
from goalkit import Project, Status
from goalkit import indicators as ind
from goalkit.goals import Goal, Period, Target, Text
from goalkit.model import Filter, State
from goalkit.testing.strategies import ImpossibleStatusError, datasets, people_counts

START, END = dt.date(2024, 1, 1), dt.date(2024, 12, 31)
STATUSES = (Status.MET, Status.NOT_MET, Status.PENDING)


def shares() -> st.SearchStrategy[Target]:
    low = st.integers(1, 9).map(lambda k: k / 10)
    return st.one_of(
        low.map(Target.at_least),
        low.map(Target.at_most),
        st.tuples(low, low).map(sorted).filter(lambda t: t[0] < t[1]).map(
            lambda t: Target.between(*t)),
    )


windows = st.tuples(st.integers(-30, 10), st.integers(0, 200)).filter(lambda w: w[0] <= w[1])
anchors = st.sampled_from(["exited", "enrolled", "action_plan"])
wheres = st.sampled_from([
    Filter(),
    Filter.from_mapping({"sex": "F"}),
    Filter.from_mapping({"age": {"between": [18, 29]}}),
    Filter.from_mapping({"group": {"in": ["a", "b"]}}),
])
conditions = st.sampled_from([
    Filter.from_mapping({"exit_reason": "work"}),
    Filter.from_mapping({"exit_reason": {"in": ["work", "studies"]}}),
    Filter.from_mapping({"sex": "M"}),
])


KINDS = ("count", "share", "balance", "survey_share", "paired_change", "mean_change",
         "event_within", "status_at", "time_to_event")


@st.composite
def indicators_and_targets(
    draw: st.DrawFn, kinds: tuple[str, ...] = KINDS
) -> tuple[goalkit.Indicator, Target]:
    kind = draw(st.sampled_from(kinds))
    where = draw(wheres)
    if kind == "count":
        target = draw(st.integers(1, 30).flatmap(lambda n: st.sampled_from(
            [Target.at_least(n), Target.at_most(n), Target.between(n, n + 5)])))
        cond = draw(st.one_of(st.just(Filter()), conditions))
        return ind.Count(where=where, anchor=draw(anchors), condition=cond), target
    if kind == "mean_change":
        level = draw(st.sampled_from([-1.0, 0.0, 0.5, 1.5]))
        return ind.MeanChange(
            question="wellbeing", threshold=draw(st.sampled_from([0.0, 0.5])),
            before_days=draw(windows), after_days=draw(windows), where=where,
            scale=draw(st.sampled_from([None, (1.0, 5.0)])),
        ), draw(st.sampled_from([Target.at_least(level), Target.at_most(level),
                                 Target.between(level, level + 1)]))
    if kind == "time_to_event":
        days = draw(st.sampled_from([20, 30, 60, 120, 150]))
        after_exit = draw(st.sampled_from(["at_risk", "censored", "competing"]))
        anchor = "enrolled" if after_exit != "at_risk" else draw(
            st.sampled_from(["enrolled", "exited"]))
        return ind.TimeToEvent(
            events=("employment_start",), anchor=anchor, where=where, after_exit=after_exit,
        ), draw(st.sampled_from([Target.at_most(days), Target.at_least(days)]))
    target = draw(shares())
    if kind == "share":
        return ind.Share(where=where, anchor=draw(anchors), condition=draw(conditions)), target
    if kind == "balance":
        return ind.Balance(column="sex", categories=("F",)), target
    if kind == "survey_share":
        good = draw(st.sampled_from([{"at_least": 4}, {"at_least": 3}, {"at_most": 2}]))
        return ind.SurveyShare(
            question="satisfied", phase=draw(st.sampled_from(["entry", "exit"])),
            days=draw(windows), where=where, **good,
        ), target
    if kind == "paired_change":
        return ind.PairedChange(
            question="wellbeing", threshold=draw(st.sampled_from([0.0, 0.5, 1.0])),
            before_days=draw(windows), after_days=draw(windows), where=where,
        ), target
    if kind == "event_within":
        return ind.EventWithin(events=("employment_offer", "study_start"), anchor=draw(anchors),
                               days=draw(windows), where=where), target
    return ind.StatusAt(start="income_support_start", end="income_support_end",
                        days=draw(st.integers(0, 120)), expect=draw(st.sampled_from(["on", "off"])),
                        anchor=draw(anchors), where=where), target


@st.composite
def cases(draw: st.DrawFn, kinds: tuple[str, ...] = KINDS) -> tuple[Project, Goal, dt.date]:
    indicator, target = draw(indicators_and_targets(kinds))
    due = draw(st.one_of(st.none(), st.dates(dt.date(2024, 6, 1), dt.date(2025, 6, 30))))
    goal = Goal(id="g", level="sub_goal", indicator=indicator, target=target, due=due)
    project = Project(id="p", name=Text(default="p"), period=Period(START, END), goals=[goal])
    as_of = draw(st.dates(dt.date(2024, 3, 1), dt.date(2025, 12, 31)))
    return project, goal, as_of


@settings(max_examples=60)
@given(case=cases(), data=st.data())
def test_built_data_has_the_wanted_status(case: tuple[Project, Goal, dt.date], data: Any) -> None:
    """Whatever status the strategy agrees to build, both engines give exactly that
    status; it refuses (ImpossibleStatusError) only statuses no data can give."""
    project, goal, as_of = case
    possible = []
    for status in STATUSES:
        try:
            possible.append((status, datasets(project, goal, status, as_of)))
        except ImpossibleStatusError:
            continue
    if not possible:
        return
    status, strategy = data.draw(st.sampled_from(possible), label="status")
    dataset = data.draw(strategy, label="dataset")
    for engine in ("python", "columnar"):
        (result,) = goalkit.evaluate(project, dataset, as_of, engine=engine).results
        assert result.status == status, (engine, result)


@settings(max_examples=30)
@given(case=cases(kinds=("mean_change", "time_to_event")), data=st.data())
def test_built_data_gives_a_mean_or_a_median_its_status(
    case: tuple[Project, Goal, dt.date], data: Any
) -> None:
    """Data for a mean change and a time to event is built to its status too: every success
    changes by the threshold plus 2 and every failure by the threshold minus 2; every event
    comes 30 days after the anchor and everyone waiting has waited 120 days; so the mean or
    median of any counts is known before the people are built."""
    test_built_data_has_the_wanted_status.hypothesis.inner_test(case, data)  # type: ignore[attr-defined]


def test_refusals_are_honest() -> None:
    """A share cannot be decided while people can still enrol; a count at least 5 cannot
    be not met then either; both are refused with a reason, not built wrong."""
    share = Goal(id="s", level="sub_goal", target=Target.at_least(0.5),
                 indicator=ind.Share(anchor="exited", condition={"exit_reason": "work"}))
    count = Goal(id="c", level="sub_goal", target=Target.at_least(5), indicator=ind.Count())
    project = Project(id="p", name=Text(default="p"), period=Period(START, END),
                      goals=[share, count])
    open_ = dt.date(2024, 6, 1)
    with pytest.raises(ImpossibleStatusError, match="cohort open"):
        datasets(project, "s", "met", open_)
    with pytest.raises(ImpossibleStatusError, match="cannot be not_met"):
        datasets(project, "c", "not_met", open_)
    datasets(project, "s", "pending", open_)  # this one can be built


def test_people_counts_follow_the_summary() -> None:
    """The counts offered for 'met' are exactly those whose share is at least the target
    once the cohort has closed (no one pending)."""
    goal = Goal(id="s", level="sub_goal", target=Target.at_least(0.75),
                indicator=ind.Share(anchor="exited"))
    ctx = goalkit.kinds.GoalContext(as_of=dt.date(2025, 1, 1), due=None, cohort_close=END)
    got = people_counts(goal, "met", ctx, possible=[State.SUCCESS, State.FAILURE], max_people=8)
    expected = [(s, f, 0) for s in range(9) for f in range(9 - s) if s + f and s / (s + f) >= 0.75]
    assert got == expected


def test_unsupported_kinds_say_so() -> None:
    """Kinds (and settings) without a builder raise NotImplementedError naming them."""
    goal = Goal(id="t", level="sub_goal", target=Target.at_most(90),
                indicator=ind.TimeToEvent(events=("employment_start",), anchor="exited",
                                          after_exit="censored"))
    project = Project(id="p", name=Text(default="p"), period=Period(START, END), goals=[goal])
    with pytest.raises(NotImplementedError, match="after_exit = 'censored' anchored on the exit"):
        datasets(project, "t", "met", dt.date(2025, 1, 1))


@pytest.mark.parametrize("after_exit", ["censored", "competing"])
@pytest.mark.parametrize(("as_of", "statuses"), [
    (dt.date(2024, 9, 1), (Status.PENDING,)),  # while open, a median of days is pending
    (dt.date(2025, 3, 1), (Status.MET, Status.NOT_MET)),
])
@settings(max_examples=10)
@given(data=st.data())
def test_a_time_to_event_whose_exit_censors_or_competes_gets_each_status(
    after_exit: str, as_of: dt.date, statuses: tuple[Status, ...], data: Any
) -> None:
    """A time to event that stops following people at their exit (censored) or takes the exit
    as a competing outcome gets data built to each status it can have: its failures exit
    without the event 120 days after their anchor."""
    goal = Goal(id="t", level="sub_goal", target=Target.at_most(90), due=dt.date(2024, 12, 31),
                indicator=ind.TimeToEvent(events=("employment_start",), after_exit=after_exit))
    project = Project(id="p", name=Text(default="p"), period=Period(START, END), goals=[goal])
    for status in statuses:
        dataset = data.draw(datasets(project, "t", status, as_of), label=str(status))
        exits = [p for p in dataset.records.participants if p["exited"] is not None]
        for engine in ("python", "columnar"):
            (result,) = goalkit.evaluate(project, dataset, as_of, engine=engine).results
            assert result.status == status, (engine, result)
        assert len(exits) == result.failure  # every failure left without the event


def test_built_people_are_of_each_sex_the_data_accept() -> None:
    """People built to a status are female, male or non-binary (``X``), as the data accept:
    a goal's breakdown by sex meets each category."""
    goal = Goal(id="s", level="sub_goal", target=Target.at_least(0.5),
                indicator=ind.Share(anchor="exited", condition={"exit_reason": "work"}))
    project = Project(id="p", name=Text(default="p"), period=Period(START, END), goals=[goal])
    strategy = datasets(project, "s", "met", dt.date(2025, 3, 1))
    for sex in ("F", "M", "X"):
        found = find(strategy, lambda d, sex=sex: any(
            p["sex"] == sex for p in d.records.participants),
            settings=settings(database=None, phases=[Phase.generate]))
        assert any(p["sex"] == sex for p in found.records.participants)
