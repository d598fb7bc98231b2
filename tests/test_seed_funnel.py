"""Etableringsspåret's recruitment funnel per group (issue 12, point 4): the appendix's
stages (called, came to information, booked, came to interview, started) for each of
groups 1–3, with the share at each step, in the Swedish report at the interim report."""

from __future__ import annotations

from datetime import date

import pytest

import goalkit
from goalkit import Unit
from goalkit.plugins import load_project

INTERIM = date(2015, 5, 6)
# Bilaga 1, per group: called, came to information, booked, came to interview, started.
APPENDIX = {"1": (12, 8, 10, 8, 6), "2": (6, 6, 7, 6, 5), "3": (9, 9, 10, 9, 7)}
STAGES = ("called", "came", "booked", "interview", "started")


@pytest.fixture(scope="module")
def report() -> goalkit.Report:
    project = load_project("etableringssparet")
    return goalkit.evaluate(project, None, INTERIM,
                            goals=[g.id for g in project.goals if g.id.startswith("funnel-")])


@pytest.mark.parametrize("group", sorted(APPENDIX))
def test_every_stage_of_each_groups_funnel_is_a_monitored_figure(
    report: goalkit.Report, group: str
) -> None:
    """Each stage is read from its figure's breakdown by group, monitored (no target)."""
    got = tuple(report[f"funnel-group-{group}-{s}"].value for s in STAGES)
    assert got == APPENDIX[group]
    assert all(report[f"funnel-group-{group}-{s}"].target is None for s in STAGES)


@pytest.mark.parametrize("group", sorted(APPENDIX))
def test_each_step_of_each_groups_funnel_is_its_share_of_the_stage_before(
    report: goalkit.Report, group: str
) -> None:
    """Came of called, came to interview of booked, started of interviewed, and started of
    called, each a share of its own group's figures (written in per cent in the goal file,
    ``unit = "percent"``, and read as the share it is); booked of came is no share (four
    were added after the meetings) and is not shown as one."""
    called, came, booked, interview, started = APPENDIX[group]
    steps = {"came-of-called": (came, called), "interviewed-of-booked": (interview, booked),
             "started-of-interviewed": (started, interview)}
    for step, (num, den) in steps.items():
        result = report[f"funnel-group-{group}-{step}"]
        assert (result.value, result.unit) == (pytest.approx(num / den), Unit.SHARE)
    assert report[f"funnel-started-of-called-group-{group}"].value == pytest.approx(
        started / called)
    with pytest.raises(goalkit.UnknownNameError):
        report[f"funnel-group-{group}-booked-of-came"]


def test_the_swedish_report_shows_the_funnel_per_group() -> None:
    """The rendered Swedish report names every group's stages and shares, with the shares
    as a Swedish reader writes them (66,7 % for 8 of 12) and the stages' figures with what
    they count (12 personer), under the group's overall share."""
    project = load_project("etableringssparet")
    funnel = [g.id for g in project.goals if g.id.startswith("funnel-")]
    md = goalkit.reports.render(goalkit.evaluate(project, None, INTERIM, goals=funnel), "md",
                                project=project, lang="sv")  # figures: no data needed
    for group in APPENDIX:
        assert f"| Grupp {group}: kallade till information på Arbetsförmedlingen" in md
        assert f"| Grupp {group}: andel (%) av de intervjuade som började" in md
    assert "| Grupp 1: andel (%) av de kallade som kom till information " \
           "(funnel-group-1-came-of-called) | följs upp | 66,7\u00a0% |" in md
    assert "| Grupp 1: kallade till information på Arbetsförmedlingen " \
           "(funnel-group-1-called) | följs upp | 12 personer |" in md
    goals = [g.id for g in project.goals]
    assert goals.index("funnel-started-of-called-group-1") < goals.index(
        "funnel-group-1-called")
    assert {project.goal(f"funnel-group-1-{s}").parent for s in STAGES} == {
        "funnel-started-of-called-group-1"}
