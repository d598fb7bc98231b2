"""What the seeds' Swedish reports print, read as someone holding the document reads them
(issue 12): a goal the document gives no date is not shown as due at the project's end, and
a figure the document itself gets wrong is shown as its own note, with its words."""

from __future__ import annotations

from datetime import date

import pytest

import goalkit
from goalkit.plugins import load_project
from goalkit.reports import render

# Goals the documents give no date: long-term visions and effects.
UNDATED = {
    "harjedalen-network": ("prejudice-eliminated", date(2016, 1, 15)),
    "jamtland-integration": ("health-tax-costs", date(2018, 3, 31)),
    "harjedalen-youth": ("organisation-action-plan", date(2013, 1, 31)),
}


@pytest.mark.parametrize("project_id", sorted(UNDATED))
def test_a_goal_without_a_date_is_not_shown_due_at_the_projects_end(project_id: str) -> None:
    """'senast: projektets slut' claimed a deadline the document never set; the report now
    says that no date is set, in Swedish and in English."""
    goal, as_of = UNDATED[project_id]
    project = load_project(project_id)
    assert project.goal(goal).due is None
    report = goalkit.evaluate(project, None, as_of, goals=[goal])
    sv = render(report, "md", project=project, lang="sv")
    en = render(report, "md", project=project, lang="en")
    assert "| senast | inget datum satt |" in sv
    assert "projektets slut |" not in sv
    assert "no date set" in en
    assert "end of the project" not in en


def test_jamtlands_own_inconsistent_figure_is_a_swedish_note_in_the_report() -> None:
    """The status report's 90 + 196 ≠ 259 appears under the data issues as an 'anmärkning'
    with the document's words in the steering group's report, not as an error ('fel') of
    the data; the public report names the kind of note alone, without the figures."""
    project = load_project("jamtland-integration")
    report = goalkit.evaluate(project, None, date(2016, 10, 31))
    sv = render(report, "md", project=project, lang="sv", options={"audience": "internal"})
    line = next(ln for ln in sv.splitlines() if "90 kvinnor och 196 män" in ln and "| " in ln)
    assert line.startswith("| anmärkning | en uppdelning som inte går ihop redan i källdokumentet")
    assert "delarna överstiger helheten med 27" in line
    assert "| fel |" not in sv
    public = render(report, "md", project=project, lang="sv")
    line = next(ln for ln in public.splitlines() if "källdokumentet" in ln and "| " in ln)
    assert line == ("| anmärkning | en uppdelning som inte går ihop redan i källdokumentet "
                    "| mätning participants 2016-10-31 |")
    assert "196" not in public.split("## Problem i data")[1]


def test_the_networks_offer_goal_keeps_its_bounds_while_windows_are_open() -> None:
    """At the final report the six-month goal is met (10 offered of the 35 in the target
    group) while 11 windows are still open: the Swedish report keeps the open count and the
    bounds beside the status, instead of a bare 'uppfyllt'."""
    from goalkit_harjedalen_network.synthetic import generate  # noqa: PLC0415

    project = load_project("harjedalen-network")
    report = goalkit.evaluate(project, generate().dataset(), date(2016, 1, 15),
                              goals=["offer-within-6-months"])
    sv = render(report, "md", project=project, lang="sv")
    row = next(ln for ln in sv.splitlines() if "(offer-within-6-months) |" in ln)
    assert "| uppfyllt |" in row
    shown = row.replace("\xa0", " ")  # Swedish writes a no-break space before %
    assert "41,7 % (10 av 24); 11 ej avgjorda; gränser medan ej avgjort 28,6 % … 60,0 %" in shown
