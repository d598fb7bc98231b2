"""The Härjedalen young-adults pre-study plugin: goal file, inventories, interviews."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from goalkit_harjedalen_youth import plugin
from goalkit_harjedalen_youth.synthetic import generate
from hypothesis import given, settings
from hypothesis import strategies as st

import goalkit
from goalkit import Unit
from goalkit.testing import check_goal_texts, check_plugin, plugin_host, run_examples

GOALS = {
    "proposal": ("long_term", None),
    "organisation-action-plan": ("long_term", None),
    "count-outside": ("sub_goal", "proposal"),
    "count-unknown": ("sub_goal", "proposal"),
    "target-group-size": ("sub_goal", "proposal"),
    "share-outside": ("sub_goal", "count-outside"),
    "inventory-measures": ("sub_goal", "proposal"),
    "interview-form": ("sub_goal", "proposal"),
    "interviews-20": ("sub_goal", "proposal"),
    "views-and-needs": ("sub_goal", "proposal"),
    "contacts-municipalities": ("sub_goal", "proposal"),
    "cooperation-projects": ("sub_goal", "proposal"),
    "dissemination": ("sub_goal", "proposal"),
}
END, FINAL = date(2012, 12, 31), date(2013, 1, 31)
ENGINES = ["python", "columnar"]


@pytest.fixture(scope="module")
def project() -> goalkit.Project:
    return plugin.load_project()


def test_every_goal_of_the_document_at_its_level(project: goalkit.Project) -> None:
    assert {g.id: (g.level.value, g.parent) for g in project.goals} == GOALS


def test_every_goal_has_wording_titles_and_interpretations(project: goalkit.Project) -> None:
    assert check_goal_texts(project) == []


def test_project_facts(project: goalkit.Project) -> None:
    assert project.owner == "Härjedalens kommun, arbetsmarknadsenheten"
    assert (project.period.start, project.period.end) == (date(2012, 8, 1), END)
    assert (project.target_group.min_age, project.target_group.max_age) == (20, 30)
    assert [(r.date, r.kind.value) for r in project.reporting] == [
        (date(2012, 10, 15), "interim"), (date(2012, 12, 10), "interim"), (FINAL, "final"),
    ]
    (residents,) = project.measurements
    assert (residents.metric, residents.value) == ("residents_20_30", 1300)


def interviewees(rows: list[tuple[str, int]]) -> goalkit.Dataset:
    """One row per interview: (selection, age), interviewed in October."""
    people = []
    for i, (selection, age) in enumerate(rows):
        day = date(2012, 10, 1) + timedelta(days=i)
        people.append({"participant_id": f"I{i:02d}", "enrolled": day, "exited": day,
                       "birth_year": day.year - age, "sex": "F", "selection": selection})
    return goalkit.Dataset.from_records(people)


@pytest.mark.parametrize("engine", ENGINES)
def test_twenty_random_interviews_meet_the_goal(project: goalkit.Project, engine: str) -> None:
    data = interviewees([("random", 20 + i % 11) for i in range(20)])
    result = goalkit.evaluate(project, data, date(2012, 10, 31), goals=["interviews-20"],
                              engine=engine)["interviews-20"]  # type: ignore[arg-type]
    assert (result.status.value, result.value) == ("met", 20.0)


@pytest.mark.parametrize("engine", ENGINES)
def test_only_random_interviews_in_the_age_group_count(
    project: goalkit.Project, engine: str
) -> None:
    """19 random aged 20–30, one random certainly outside the target group (aged 32: born
    in a year that makes them 31 or 32) and one referral: 19, not met at the due date and
    the two others left out, each with its own reason."""
    rows = [("random", 25)] * 19 + [("random", 32), ("referral", 24)]
    data = interviewees(rows)
    pending = goalkit.evaluate(project, data, date(2012, 11, 30), goals=["interviews-20"],
                               engine=engine)["interviews-20"]  # type: ignore[arg-type]
    assert pending.status.value == "pending"
    result = goalkit.evaluate(project, data, END, goals=["interviews-20"],
                              engine=engine)["interviews-20"]  # type: ignore[arg-type]
    assert (result.status.value, result.value) == ("not_met", 19.0)
    assert result.excluded == {"outside_filter": 1, "outside_target_group": 1}


@pytest.mark.parametrize("engine", ENGINES)
def test_an_interviewee_of_unknown_age_counts_in_the_target_group(
    project: goalkit.Project, engine: str
) -> None:
    """The goal counts the target group only (target_group_only), not an age filter: a
    randomly selected interviewee whose birth year is not recorded is not shown outside the
    target group, so 19 + 1 make 20 (an age filter dropped them: 19, not met)."""
    assert project.goal("interviews-20").target_group_only
    people: list[dict[str, object]] = [
        {"participant_id": f"I{i:02d}", "enrolled": date(2012, 10, 1) + timedelta(days=i),
         "exited": date(2012, 10, 1) + timedelta(days=i), "sex": "F", "selection": "random",
         "birth_year": None if i == 19 else 1987}
        for i in range(20)
    ]
    result = goalkit.evaluate(project, goalkit.Dataset.from_records(people), END,
                              goals=["interviews-20"], engine=engine)["interviews-20"]  # type: ignore[arg-type]
    assert (result.status.value, result.value) == ("met", 20.0)


@pytest.mark.parametrize("figure", [0, 262])
def test_an_inventory_is_monitored_beside_the_target_group(
    project: goalkit.Project, figure: int
) -> None:
    """The number outside is no achievement: it has no target (it used to read 'uppfyllt
    262, ≥ 0'), and it is shown beside the size of the target group and as a share of it."""
    goal = ["count-outside", "share-outside", "target-group-size"]
    assert project.goal("count-outside").target is None
    assert project.goal("count-unknown").target is None
    nothing = goalkit.evaluate(project, None, FINAL, goals=goal)["count-outside"]
    assert (nothing.status.value, nothing.value) == ("no_data", None)
    data = goalkit.Dataset.from_records((), measurements=[
        goalkit.Measurement("young_adults_outside", date(2012, 11, 15), figure)])
    done = goalkit.evaluate(project, data, FINAL, goals=goal)
    assert done["count-outside"].value == figure
    assert done["target-group-size"].value == 1300
    # in per cent in the goal file (scale = 100, unit = "percent"): the share it is
    assert done["share-outside"].value == pytest.approx(figure / 1300)
    assert (done["count-outside"].unit, done["share-outside"].unit) == (Unit.PEOPLE, Unit.SHARE)


def test_synthetic_inventory_adds_up(project: goalkit.Project) -> None:
    synthetic = generate(11)
    report = goalkit.evaluate(project, synthetic.dataset(), FINAL)
    assert report.issues == ()
    assert sum(p["selection"] == "random" for p in synthetic.participants) == 21


@pytest.mark.parametrize(
    ("as_of", "status", "value", "excluded"),
    [(date(2012, 10, 15), "pending", 9, {"outside_target_group": 1}),
     (date(2012, 12, 10), "met", 20, {"outside_filter": 2, "outside_target_group": 1}),
     (FINAL, "met", 20, {"outside_filter": 2, "outside_target_group": 1})],
)
def test_example_interviews_at_each_reporting_date(
    project: goalkit.Project, as_of: date, status: str, value: float,
    excluded: dict[str, int],
) -> None:
    """The example data (seed 2012, as committed) has a randomly selected interviewee aged
    32, outside the target group 20-30: left out with a reason at every reporting date, so
    21 random interviews count as 20 (the two referrals are outside the filter)."""
    assert [r.date for r in project.reporting] == [date(2012, 10, 15), date(2012, 12, 10), FINAL]
    outside = [p for p in generate().participants if p["enrolled"].year - p["birth_year"] > 31]
    assert [(p["participant_id"], p["selection"]) for p in outside] == [("U023", "random")]
    result = goalkit.evaluate(project, generate().dataset(), as_of,
                              goals=["interviews-20"])["interviews-20"]
    assert (result.status.value, result.value, dict(result.excluded)) == (
        status, value, excluded)


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
