"""An assessed goal's criteria in the report's language: one text for both, or a Swedish
and an English one, so that a Swedish report reads Swedish throughout."""

from __future__ import annotations

from typing import TYPE_CHECKING

import goalkit
from goalkit.plugins import load_project

if TYPE_CHECKING:
    from pathlib import Path

GOALS = """
id = "p"
name = "P"
period = {{ start = 2015-01-01, end = 2016-12-31 }}

[[goals]]
id = "programme"
level = "sub_goal"
indicator = {{ kind = "assessed", criteria = {criteria} }}
"""


def _described(tmp_path: Path, criteria: str, lang: str) -> str:
    goals = tmp_path / "goals.toml"
    goals.write_text(GOALS.format(criteria=criteria), encoding="utf-8")
    return goalkit.load_goals(goals).goals[0].indicator.describe(lang)


def test_criteria_in_each_language(tmp_path: Path) -> None:
    both = '{ sv = "Kursprogrammet är antaget.", en = "The course programme is adopted." }'
    sv = _described(tmp_path, both, "sv")
    assert sv.endswith("Bedömningsgrund: Kursprogrammet är antaget.")
    assert "course programme" not in sv
    en = _described(tmp_path, both, "en")
    assert en.endswith("Criteria: The course programme is adopted.")
    assert "Kursprogrammet" not in en


def test_one_text_serves_both_languages(tmp_path: Path) -> None:
    one = '"Kursprogrammet är antaget."'
    assert _described(tmp_path, one, "sv").endswith("Bedömningsgrund: Kursprogrammet är antaget.")
    assert _described(tmp_path, one, "en").endswith("Criteria: Kursprogrammet är antaget.")


SEEDS = ("etableringssparet", "harjedalen-network", "harjedalen-youth",
         "jamtland-integration", "ny-i-vasteras", "samjamt-i14")


def test_the_seeds_criteria_read_in_each_report_language() -> None:
    """Two seeds wrote both languages in one text ("… / The final report is written …"),
    so a Swedish report carried English; the others wrote Swedish only, which an English
    report carried. Each gives both now."""
    assessed = 0
    for name in SEEDS:
        for g in load_project(name).goals:
            if g.indicator.kind == "assessed":
                criteria = g.indicator.criteria  # type: ignore[attr-defined]
                assert criteria.sv, (name, g.id)
                assert criteria.en, (name, g.id)
                assert " / " not in g.indicator.describe("sv"), (name, g.id)
                assessed += 1
    assert assessed >= 30
