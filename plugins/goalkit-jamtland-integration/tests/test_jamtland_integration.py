"""The Region Jämtland Härjedalen integration plugin: goal file, reported figures, checks."""

from __future__ import annotations

from datetime import date

import attrs
import pytest
from goalkit_jamtland_integration import plugin
from goalkit_jamtland_integration.synthetic import generate
from hypothesis import given, settings
from hypothesis import strategies as st

import goalkit
from goalkit.testing import check_goal_texts, check_plugin, plugin_host, run_examples

# The document's goals: id -> (level, parent).
GOALS = {
    "labour-supply": ("long_term", None),
    "diversity": ("long_term", None),
    "unemployment-reduced": ("long_term", None),
    "inclusion-increased": ("long_term", None),
    "health-tax-costs": ("long_term", None),
    "project-goal": ("project", None),
    "expected-result": ("project", "project-goal"),
    "participants": ("product", "project-goal"),
    "participants-women": ("product", "project-goal"),
    "participants-men": ("product", "project-goal"),
    "ended": ("effect", "project-goal"),
    "ended-to-work": ("effect", "project-goal"),
    "ended-to-studies": ("effect", "project-goal"),
    "ended-to-other": ("effect", "project-goal"),
    "local-workshops": ("product", "project-goal"),
    "learning-exchanges": ("product", "project-goal"),
    "cooperation-af-associations": ("product", "project-goal"),
    "attitude-communicator": ("product", "project-goal"),
}
STATUS_REPORT = date(2016, 10, 31)


@pytest.fixture(scope="module")
def project() -> goalkit.Project:
    return plugin.load_project()


def test_every_goal_of_the_document_at_its_level(project: goalkit.Project) -> None:
    assert {g.id: (g.level.value, g.parent) for g in project.goals} == GOALS


def test_every_goal_has_wording_titles_and_interpretations(project: goalkit.Project) -> None:
    assert check_goal_texts(project) == []


def test_project_facts(project: goalkit.Project) -> None:
    assert project.owner == "Region Jämtland Härjedalen"
    assert (project.period.start, project.period.end) == (date(2015, 9, 1), date(2018, 3, 31))
    assert (project.budget.total, project.budget.currency) == (35477034, "SEK")
    assert project.partners == ("Arbetsförmedlingen", "länets åtta kommuner")
    assert project.goal("project-goal").wording == (
        "Att underlätta för nyanlända män och kvinnor i Jämtlands län att komma närmare "
        "arbetsmarknaden eller etablera sig i arbete eller studier."
    )


def test_no_numeric_targets_except_every_municipality(project: goalkit.Project) -> None:
    """The document sets no numeric targets; "varje kommun" of eight is the one target."""
    targeted = {g.id: g.target for g in project.goals if g.target is not None}
    assert targeted == {"local-workshops": goalkit.Target.at_least(8)}


def test_the_documents_figures_are_measurements(project: goalkit.Project) -> None:
    figures = {m.metric: (m.value, dict(m.breakdown), m.date, m.period_start)
               for m in project.measurements}
    period = (STATUS_REPORT, date(2015, 9, 1))
    assert figures == {
        "participants": (259, {"sex": {"F": 90, "M": 196}}, *period),
        "ended": (123, {}, *period),
        "ended_to_work": (53, {}, *period),
        "ended_to_studies": (7, {}, *period),
        "ended_to_other": (21, {}, *period),
        "municipalities_with_workshop": (8, {}, *period),
    }


def test_data_check_reports_that_women_and_men_do_not_add_up(
    project: goalkit.Project,
) -> None:
    """90 + 196 = 286, not 259: one breakdown_impossible issue, and only that one (the outcomes are
    separate metrics, not a breakdown of those who ended)."""
    report = goalkit.evaluate(project, None, STATUS_REPORT)
    assert [(i.severity, i.code) for i in report.issues] == [("error", "breakdown_impossible")]
    message = report.issues[0].message
    assert "259" in message
    assert "286" in message


def test_consistent_figures_raise_no_issue(project: goalkit.Project) -> None:
    fixed = tuple(
        attrs.evolve(m, breakdown={"sex": {"F": 63, "M": 196}})
        if m.metric == "participants" else m
        for m in project.measurements
    )
    report = goalkit.evaluate(attrs.evolve(project, measurements=fixed), None, STATUS_REPORT)
    assert report.issues == ()


@pytest.mark.parametrize(
    ("goal", "value"),
    [("participants", 259), ("participants-women", 90), ("participants-men", 196),
     ("ended", 123), ("ended-to-work", 53), ("ended-to-studies", 7), ("ended-to-other", 21)],
)
def test_monitored_figures_are_shown_and_need_assessment(
    project: goalkit.Project, goal: str, value: float
) -> None:
    before = goalkit.evaluate(project, None, date(2016, 6, 30), goals=[goal])[goal]
    assert (before.status.value, before.value) == ("no_data", None)
    after = goalkit.evaluate(project, None, STATUS_REPORT, goals=[goal])[goal]
    assert (after.status.value, after.value) == ("needs_assessment", value)


def test_workshops_are_decided_at_project_end(project: goalkit.Project) -> None:
    """A reported figure may be revised, so "every municipality" is decided at the due date;
    a later figure of 7 makes it not met."""
    goal = ["local-workshops"]
    assert goalkit.evaluate(project, None, STATUS_REPORT, goals=goal)[goal[0]].status.value == (
        "pending")
    assert goalkit.evaluate(project, None, date(2018, 3, 31), goals=goal)[goal[0]].status.value == (
        "met")
    fewer = goalkit.Dataset.from_records(
        (), measurements=[goalkit.Measurement("municipalities_with_workshop", date(2018, 1, 31), 7)]
    )
    late = goalkit.evaluate(project, fewer, date(2018, 3, 31), goals=goal)[goal[0]]
    assert (late.status.value, late.value) == ("not_met", 7)


def test_synthetic_status_figures_add_up() -> None:
    """The synthetic later figures are summed from the synthetic people: they add up."""
    synthetic = generate(3)
    later = [m for m in synthetic.measurements if m.breakdown]
    assert later
    without_document = attrs.evolve(plugin.load_project(), measurements=())
    assert goalkit.evaluate(without_document, synthetic.dataset(), date(2018, 3, 31)).issues == ()
    for m in later:
        assert sum(m.breakdown["sex"].values()) == m.value


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
