"""The Samjamt/i14 pre-study plugin: goal file, time to work, judged method goals."""

from __future__ import annotations

from datetime import date, timedelta

import attrs
import pytest
from goalkit_samjamt_i14 import plugin
from goalkit_samjamt_i14.synthetic import generate
from hypothesis import given, settings
from hypothesis import strategies as st

import goalkit
from goalkit.goals import Target
from goalkit.testing import check_goal_texts, check_plugin, plugin_host, run_examples

GOALS = {
    "shorter-time-to-work": ("long_term", None),
    "quality-sustainability": ("long_term", None),
    "methods-learning-background": ("project", None),
    "methods-employer-links": ("project", None),
    "methods-civic-orientation": ("project", None),
    "methods-sparse-region": ("project", None),
    "shared-understanding": ("project", None),
    "loksam-groups-reached": ("sub_goal", "shared-understanding"),
    "development-proposals": ("product", None),
    "final-report": ("product", None),
    "methods-identified-tested": ("effect", None),
    "implementation-project": ("effect", None),
    "sustainability-shared-knowledge": ("effect", "quality-sustainability"),
}
END = date(2014, 11, 28)
ENGINES = ["python", "columnar"]


@pytest.fixture(scope="module")
def project() -> goalkit.Project:
    return plugin.load_project()


def test_every_goal_of_the_document_at_its_level(project: goalkit.Project) -> None:
    assert {g.id: (g.level.value, g.parent) for g in project.goals} == GOALS


def test_every_goal_has_wording_titles_and_interpretations(project: goalkit.Project) -> None:
    assert check_goal_texts(project) == []


def test_project_facts(project: goalkit.Project) -> None:
    assert project.owner == "Samordningsförbundet Jämtlands län"
    assert (project.period.start, project.period.end) == (date(2014, 2, 3), END)
    assert "unga (16-34 år)" in project.target_group.description.get("sv")
    assert project.age_bands == (16, 35)
    assert [(r.date, r.kind.value) for r in project.reporting] == [(END, "final")]


def test_only_time_to_work_is_computed(project: goalkit.Project) -> None:
    """Time to work is computed from people; the LOKSAM groups reached is a reported figure
    followed up without a target; every other goal is judged by a person."""
    kinds = {g.id: g.indicator.kind for g in project.goals}
    assert kinds.pop("shorter-time-to-work") == "time_to_event"
    assert kinds.pop("loksam-groups-reached") == "reported"
    assert project.goal("loksam-groups-reached").target is None
    assert set(kinds.values()) == {"assessed"}


def people_with_work(offsets: dict[str, int | None]) -> goalkit.Dataset:
    start = date(2014, 3, 1)
    people = [{"participant_id": pid, "enrolled": start, "sex": "F", "birth_year": 1990,
               "disability": "yes" if pid == "A" else "no"} for pid in offsets]
    events = [{"participant_id": pid, "date": start + timedelta(days=d),
               "kind": "employment_start"} for pid, d in offsets.items() if d is not None]
    return goalkit.Dataset.from_records(people, events)


@pytest.mark.parametrize("engine", ENGINES)
def test_time_to_work_censors_those_still_waiting(
    project: goalkit.Project, engine: str
) -> None:
    """Work after the pre-study ends is not seen: C and D are censored at its end (272 days),
    so the Kaplan–Meier median is B's 100 days, shown for a person to judge."""
    data = people_with_work({"A": 50, "B": 100, "C": 300, "D": None})
    result = goalkit.evaluate(project, data, END, goals=["shorter-time-to-work"],
                              engine=engine)["shorter-time-to-work"]  # type: ignore[arg-type]
    assert (result.status.value, result.value) == ("needs_assessment", 100.0)
    assert (result.success, result.failure, result.pending) == (2, 2, 0)
    assert set(result.breakdowns["disability"]) == {"yes", "no"}
    assert set(result.breakdowns["age_band"]) == {"16-34"}


@pytest.mark.parametrize(("baseline", "expected"), [(150, "met"), (90, "not_met")])
def test_a_host_can_set_a_baseline_target(
    project: goalkit.Project, baseline: int, expected: str
) -> None:
    """The document gives no baseline; with one, the median decides the goal."""
    goals = [attrs.evolve(g, target=Target.at_most(baseline))
             if g.id == "shorter-time-to-work" else g for g in project.goals]
    with_target = attrs.evolve(project, goals=goals)
    data = people_with_work({"A": 50, "B": 100, "C": 300, "D": None})
    result = goalkit.evaluate(with_target, data, END, goals=["shorter-time-to-work"])
    assert result["shorter-time-to-work"].status.value == expected


def test_methods_goals_need_a_judgement(project: goalkit.Project) -> None:
    goal = "methods-learning-background"
    before = goalkit.evaluate(project, None, END, goals=[goal])[goal]
    assert before.status.value == "needs_assessment"
    judged = goalkit.Dataset.from_records(
        (), assessments=[goalkit.Assessment(goal, date(2014, 11, 1), "met", "slutrapport")]
    )
    assert goalkit.evaluate(project, judged, END, goals=[goal])[goal].status.value == "met"


def test_synthetic_data_is_seeded() -> None:
    assert generate(5) == generate(5)
    starts = [e for e in generate(5).events if e.kind == "employment_start"]
    assert len(starts) == 24


def test_plugin_is_valid_and_its_examples_hold() -> None:
    """Valid, its goal file round-trips, its declared examples hold in both engines."""
    assert check_plugin(plugin) == []


HOST = plugin_host(plugin)


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_declared_statuses_hold_for_every_seed(seed: int) -> None:
    """The synthetic data fixes by construction what the declared statuses turn on, so
    they hold for any seed, not only the one the examples use."""
    results = run_examples(HOST, data=generate(seed).dataset(), engines=("python",))
    assert results
    assert [m for r in results for m in r.mismatches] == []


@pytest.mark.parametrize(
    "goal_id",
    ["methods-learning-background", "methods-employer-links", "methods-civic-orientation",
     "shared-understanding"],
)
def test_goalkits_own_thresholds_are_marked_as_interpretation(
    project: goalkit.Project, goal_id: str
) -> None:
    """'Minst en metod' and 'alla åtta LOKSAM-grupper' are goalkit's thresholds, not the
    document's: the criteria a person judges against and the interpretation in both
    languages say so."""
    goal = project.goal(goal_id)
    criteria = goal.indicator.criteria  # type: ignore[attr-defined]
    assert criteria.get("sv").startswith("(Tröskel: goalkits tolkning.)")
    assert criteria.get("en").startswith("(Threshold: goalkit's interpretation.)")
    assert goal.interpretation is not None
    assert "goalkits tolkning" in goal.interpretation.sv
    assert "goalkit's interpretation" in goal.interpretation.en


@pytest.mark.parametrize("engine", ENGINES)
def test_a_job_after_leaving_the_pre_study_is_not_seen(
    project: goalkit.Project, engine: str
) -> None:
    """The pre-study follows people only while they take part (after_exit = censored): C
    left on day 60 without a job, so C's job on day 80 does not count and C is censored at
    the exit; the median is B's 100 days, not C's 80."""
    start = date(2014, 3, 1)
    people = [{"participant_id": pid, "enrolled": start, "sex": "F", "birth_year": 1990,
               "disability": "no"} for pid in "ABC"]
    people[2] |= {"exited": start + timedelta(days=60), "exit_reason": "moved"}
    events = [{"participant_id": pid, "date": start + timedelta(days=d),
               "kind": "employment_start"} for pid, d in (("A", 50), ("B", 100), ("C", 80))]
    data = goalkit.Dataset.from_records(people, events)
    result = goalkit.evaluate(project, data, END, goals=["shorter-time-to-work"],
                              engine=engine)["shorter-time-to-work"]  # type: ignore[arg-type]
    assert result.value == 100.0
    assert (result.success, result.failure) == (2, 1)
