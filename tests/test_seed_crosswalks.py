"""Each seed project's crosswalk (docs/projects/<id>.md) covers every goal of its plugin, and
every name it points at exists in the project: a goal, a reported metric, the budget, the
period, the target group or a reporting date. The Swedish texts a report prints beside a
status carry none of goalkit's English status words."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from goalkit.plugins import load_project

if TYPE_CHECKING:
    import goalkit

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ("etableringssparet", "harjedalen-network", "harjedalen-youth", "jamtland-integration",
         "ny-i-vasteras", "samjamt-i14")


def _rows(text: str) -> list[list[str]]:
    """The body rows of every Markdown table: cells split on unescaped bars."""
    rows = []
    for line in text.splitlines():
        if not line.startswith("| ") or line.startswith(("| dokumentet", "|---")):
            continue
        rows.append([c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]])
    return rows


def _metrics(indicator: goalkit.kinds.Indicator) -> set[str]:
    """The metrics a (possibly composite) indicator reads."""
    found = {str(indicator.metric)} if indicator.kind == "reported" else set()  # type: ignore[attr-defined]
    for part in ("numerator", "denominator", "outcome"):
        inner = getattr(indicator, part, None)
        if inner is not None:
            found |= _metrics(inner)
    return found


def _names(project: goalkit.Project) -> set[str]:
    names = {g.id for g in project.goals} | {"period"}
    names |= {f"metric:{m.metric}" for m in project.measurements}
    names |= {f"metric:{m}" for g in project.goals for m in _metrics(g.indicator)}
    names |= {f"reporting:{r.date.isoformat()}" for r in project.reporting}
    if project.budget is not None:
        names.add("budget")
    if project.target_group is not None:
        names.add("target_group")
    return names


@pytest.mark.parametrize("project_id", SEEDS)
def test_crosswalk_covers_every_goal_and_points_only_at_what_exists(project_id: str) -> None:
    project = load_project(project_id)
    rows = _rows((ROOT / "docs" / "projects" / f"{project_id}.md").read_text(encoding="utf-8"))
    assert rows
    assert all(len(r) == 3 and r[0] and r[2] for r in rows), project_id
    pointed = [name for r in rows for name in re.findall(r"`([^`]+)`", r[1])]
    assert all(r[1] == "—" or re.findall(r"`([^`]+)`", r[1]) for r in rows)
    assert sorted(set(pointed) - _names(project)) == []
    assert sorted({g.id for g in project.goals} - set(pointed)) == []


# goalkit's status codes and English words that used to reach Swedish reports through an
# interpretation ("visas där som pending med gränser", "status needs_assessment").
STATUS_WORDS = re.compile(
    r"\b(pending|needs_assessment|needs assessment|no_data|not_met|met|monitored|bounds)\b")


@pytest.mark.parametrize("project_id", SEEDS)
def test_swedish_interpretations_carry_no_english_status_words(project_id: str) -> None:
    project = load_project(project_id)
    found = {g.id: STATUS_WORDS.findall(g.interpretation.sv)
             for g in project.goals if g.interpretation is not None}
    assert {k: v for k, v in found.items() if v} == {}


# goalkit's own words for its settings and for why a person is left out, which reached
# Swedish reports through interpretations ("räknas bort med skäl (no_response)", "Slutregeln
# (not_exited = "exits_at_end")"); a Swedish report says them in Swedish (the reasons have
# Swedish labels of their own in the tables), and metric and column names stay as written.
GOALKIT_CODES = re.compile(
    r"\b(no_response|no_follow_up|no_baseline|no_anchor_by_due|outside_target_group|"
    r"outside_filter|target_group_only|not_exited|exits_at_end|min_response_rate|after_exit|"
    r"censored|window_open|window_past_due)\b")


@pytest.mark.parametrize("project_id", SEEDS)
def test_swedish_interpretations_carry_none_of_goalkits_own_codes(project_id: str) -> None:
    project = load_project(project_id)
    found = {g.id: GOALKIT_CODES.findall(g.interpretation.sv)
             for g in project.goals if g.interpretation is not None}
    assert {k: v for k, v in found.items() if v} == {}


# Thresholds that are goalkit's own, not the document's (issue 12: "minst en metod", "alla
# åtta LOKSAM-grupper", 40–60 %, "a majority" for "ska ha förbättrats"): each goal says so
# in Swedish where a report prints its interpretation (or, for a judged goal, its criteria).
OWN_THRESHOLDS = {
    "harjedalen-network": ("sex-balance", "wellbeing-improved", "employability-improved",
                           "network-grown", "unemployment-parity", "unemployment-falling",
                           "want-to-stay"),
    "samjamt-i14": ("methods-learning-background", "methods-employer-links",
                    "methods-civic-orientation", "shared-understanding"),
    "etableringssparet": ("self-supporting-75",),
}


@pytest.mark.parametrize("project_id", sorted(OWN_THRESHOLDS))
def test_goalkits_own_thresholds_are_marked_as_its_interpretation(project_id: str) -> None:
    project = load_project(project_id)
    unmarked = []
    for goal_id in OWN_THRESHOLDS[project_id]:
        goal = project.goal(goal_id)
        text = goal.interpretation.sv + " " + str(getattr(goal.indicator, "criteria", ""))
        if not re.search(r"goalkits (egen )?tolkning|Tröskel: goalkits tolkning", text):
            unmarked.append(goal_id)
    assert unmarked == []
