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
from goalkit.goals import Period, Target
from goalkit.testing import check_goal_texts, check_plugin, plugin_host, run_examples

# The document's goals: id -> (level, parent).
GOALS = {
    "labour-supply": ("long_term", None),
    "diversity": ("long_term", None),
    "unemployment-reduced": ("long_term", None),
    "inclusion-increased": ("long_term", None),
    "health-tax-costs": ("long_term", None),
    "project-goal": ("project", None),
    "participants": ("product", "project-goal"),
    "participants-women": ("product", "project-goal"),
    "participants-men": ("product", "project-goal"),
    "ended": ("effect", "project-goal"),
    "ended-to-work": ("effect", "project-goal"),
    "ended-to-studies": ("effect", "project-goal"),
    "ended-to-other": ("effect", "project-goal"),
    "share-to-work": ("effect", "project-goal"),
    "ended-outcome-not-stated": ("effect", "project-goal"),
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
    assert targeted == {"local-workshops": Target.at_least(8)}


def test_the_documents_figures_are_measurements(project: goalkit.Project) -> None:
    figures = {m.metric: (m.value, dict(m.breakdown), m.date, m.period_start)
               for m in project.measurements}
    period = (STATUS_REPORT, date(2015, 9, 1))
    assert figures == {
        "participants": (259, {"sex": {"F": 90, "M": 196}}, *period),
        "ended": (123, {"outcome": {"work": 53, "studies": 7, "other": 21}}, *period),
        "municipalities_with_workshop": (8, {}, *period),
    }


NO_RATE = ("warning", "metric_not_in_data")
"""The example gives no figure of the county's unemployment rate among the newly arrived
(goal ``unemployment-reduced``): every report says so."""


def test_data_check_reports_that_women_and_men_do_not_add_up(
    project: goalkit.Project,
) -> None:
    """90 + 196 = 286, not 259, is the document's own: a note quoting it (not an error that
    refuses the data, not silence); beside it only the note that the outcomes of those who
    ended leave 42 unknown (53 + 7 + 21 of 123), nothing else."""
    report = goalkit.evaluate(project, None, STATUS_REPORT)
    assert [(i.severity, i.code) for i in report.issues] == [
        ("note", "breakdown_as_reported"), ("note", "breakdown_as_reported"), NO_RATE]
    assert "42 with unknown outcome" in report.issues[1].message
    message = report.issues[0].message
    assert "259" in message
    assert "286" in message
    assert '"259 deltagare i projektet (90 kvinnor och 196 män)"' in message


def test_consistent_figures_raise_no_error(project: goalkit.Project) -> None:
    """With women and men adding up, only the note on the incomplete outcomes is left."""
    fixed = tuple(
        attrs.evolve(m, breakdown={"sex": {"F": 63, "M": 196}})
        if m.metric == "participants" else m
        for m in project.measurements
    )
    report = goalkit.evaluate(attrs.evolve(project, measurements=fixed), None, STATUS_REPORT)
    assert [(i.severity, i.code) for i in report.issues] == [
        ("note", "breakdown_as_reported"), NO_RATE]
    assert "42 with unknown outcome" in report.issues[0].message


@pytest.mark.parametrize(
    ("goal", "value"),
    [("participants", 259), ("participants-women", 90), ("participants-men", 196),
     ("ended", 123), ("ended-to-work", 53), ("ended-to-studies", 7), ("ended-to-other", 21),
     ("ended-outcome-not-stated", 42)],
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
    """The synthetic later figures are summed from the synthetic people: the sexes add up to
    the participants; the outcomes, like the document's, leave out those without a stated
    outcome, so each 'ended' figure notes that its remainder is unknown (as the goal file
    declares the project reports it), and nothing else."""
    synthetic = generate(3)
    later = [m for m in synthetic.measurements if m.breakdown]
    assert later
    without_document = attrs.evolve(plugin.load_project(), measurements=())
    issues = goalkit.evaluate(without_document, synthetic.dataset(), date(2018, 3, 31)).issues
    ended = [m for m in later if m.metric == "ended"]
    assert [(i.severity, i.code) for i in issues] == [("note", "breakdown_as_reported")] * len(
        ended)
    for m in later:
        for dim, parts in m.breakdown.items():
            assert (sum(parts.values()) == m.value) == (dim == "sex")


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


# -- read as an evaluator would ----------------------------------------------------------


def test_project_goal_and_its_restatement_are_one_goal(project: goalkit.Project) -> None:
    """'Förväntat resultat' repeats the project goal: one goal, so the summary does not
    count the same promise twice; the restatement is quoted in its interpretation."""
    assert [g.id for g in project.goals if g.level.value == "project"] == ["project-goal"]
    interpretation = project.goal("project-goal").interpretation
    assert interpretation is not None
    assert "Förväntat resultat" in interpretation.sv


def test_share_to_work_is_of_those_who_ended_and_the_rest_is_data(
    project: goalkit.Project,
) -> None:
    """53 of 123 who ended went to work (43 %); the 42 without a stated outcome are a figure
    of their own, computed by goalkit as the remainder (category 'unknown'), not typed in:
    the goal file lists only what the document lists, and a revised total moves the 42."""
    result = goalkit.evaluate(project, None, STATUS_REPORT,
                              goals=["share-to-work", "ended-outcome-not-stated"])
    assert result["share-to-work"].value == pytest.approx(53 / 123)  # a share, in per cent
    assert result["ended-outcome-not-stated"].value == 42
    ended = next(m for m in project.measurements if m.metric == "ended")
    assert set(ended.breakdown["outcome"]) == {"work", "studies", "other"}
    more = tuple(attrs.evolve(m, value=125) if m is ended else m for m in project.measurements)
    revised = goalkit.evaluate(attrs.evolve(project, measurements=more), None, STATUS_REPORT,
                               goals=["ended-outcome-not-stated"])
    assert revised["ended-outcome-not-stated"].value == 44


def test_reported_figures_are_labelled_as_reported(project: goalkit.Project) -> None:
    """A plain reported figure says so in its title and is 'följs upp' in its Swedish
    interpretation, with no English status word of goalkit's."""
    for g in project.goals:
        text = g.interpretation.sv if g.interpretation else ""
        assert "needs_assessment" not in text, g.id
        assert "pending" not in text, g.id
        if g.indicator.kind == "reported" and g.target is None and g.id != "unemployment-reduced":
            assert g.title.sv.startswith("Rapporterat: "), g.id
            assert "följs upp" in text, g.id


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_share_to_work_does_not_drop_at_project_end_by_construction(seed: int) -> None:
    """The synthetic figures count as ended only those who ended with an outcome: people
    still in the project when it closes stay out, so at the end the share to work is of the
    same kind as before (it used to fall from 43 % to 28 % when everyone was marked ended),
    and the outcomes of those who ended add up to them."""
    data = generate(seed)
    figures = {(m.metric, m.date): m for m in data.measurements}
    end = figures[("ended", date(2018, 3, 31))]
    assert end.value < figures[("participants", date(2018, 3, 31))].value
    assert sum(end.breakdown["outcome"].values()) <= end.value
    earlier = figures[("ended", date(2017, 10, 31))]
    share = {m.date: m.breakdown["outcome"]["work"] / m.value for m in (earlier, end)}
    assert abs(share[end.date] - share[earlier.date]) < 0.1


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_people_still_in_the_project_at_its_end_never_exit(seed: int) -> None:
    """The example data has people who never exit (no exit date, no outcome, no event):
    they are participants at project end and not among those who ended."""
    data = generate(seed)
    never = [p for p in data.participants if p["exited"] is None]
    assert never
    assert all(p["exit_reason"] is None for p in never)
    assert not {p["participant_id"] for p in never} & {e.participant_id for e in data.events}
    figures = {(m.metric, m.date): m.value for m in data.measurements}
    gone = sum(p["exited"] is not None for p in data.participants)
    assert figures[("ended", date(2018, 3, 31))] == gone
    assert figures[("participants", date(2018, 3, 31))] == gone + len(never)


def test_budget_is_recorded_as_the_document_gives_it(project: goalkit.Project) -> None:
    assert [(ln.amount, ln.period) for ln in project.budget.lines] == [
        (35_477_034, Period(date(2015, 9, 1), date(2018, 3, 31)))]


def test_the_documents_breakdowns_are_declared_additive(project: goalkit.Project) -> None:
    """Participants and those who ended are people, each with one sex and one outcome: the
    goal file says so with [[figure_breakdowns]], so the data check judges 90 + 196 against
    259 as the document's own error (a note quoting it, on 2016-10-31 only), not as a rate
    whose parts need not add up; without the quote it is the error it would be in data."""
    declared = {(b.dimension, b.metric, b.additive, b.dates) for b in project.figure_breakdowns}
    assert declared == {("sex", "participants", True, (STATUS_REPORT,)),
                        ("outcome", "ended", True, ())}
    report = goalkit.evaluate(project, generate().dataset(), STATUS_REPORT)
    noted = [i for i in report.issues if "286" in i.message]
    assert [(i.severity, i.code, "259" in i.message) for i in noted] == [
        ("note", "breakdown_as_reported", True)]
    unquoted = attrs.evolve(project, figure_breakdowns=tuple(
        attrs.evolve(b, as_reported=None, dates=()) for b in project.figure_breakdowns))
    impossible = [i for i in goalkit.evaluate(unquoted, None, STATUS_REPORT).issues
                  if i.code == "breakdown_impossible"]
    assert [(i.severity, "259" in i.message, "286" in i.message) for i in impossible] == [
        ("error", True, True)]
    rate_like = attrs.evolve(project, figure_breakdowns=tuple(
        attrs.evolve(b, additive=False, as_reported=None, dates=()) if b.dimension == "sex"
        else b
        for b in project.figure_breakdowns))
    assert not [i for i in goalkit.evaluate(rate_like, None, STATUS_REPORT).issues
                if i.code == "breakdown_impossible"]
