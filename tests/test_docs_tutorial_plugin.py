"""The plugin tutorial shows the files it uses as they are (its Python blocks run in
tests/test_docs.py)."""

from __future__ import annotations

import re
from pathlib import Path

import goalkit
from goalkit.cli._new_plugin import scaffold_plugin

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "tutorial-plugin.md"


def blocks(language: str) -> list[str]:
    text = PAGE.read_text(encoding="utf-8")
    return re.findall(rf"^```{language}\n(.*?)^```", text, re.S | re.M)


def test_goal_file_shown_is_the_one_used() -> None:
    """The goal file in the tutorial is byte for byte the one its code reads, and valid."""
    shown = [b for b in blocks("toml") if b.startswith('schema = "goalkit.goals/1"')]
    path = ROOT / "docs" / "tutorial-plugin" / "goals.toml"
    assert shown == [path.read_text(encoding="utf-8")]
    assert goalkit.load_goals(path).id == "lunden"


def test_entry_point_shown_is_what_the_scaffold_writes(tmp_path: Path) -> None:
    """The entry-point table the tutorial shows is the one `goalkit new-plugin` writes."""
    (entry,) = [b for b in blocks("toml") if b.startswith("[project.entry-points.goalkit]")]
    pyproject = (scaffold_plugin("lunden", tmp_path / "p") / "pyproject.toml").read_text(
        encoding="utf-8")
    assert entry in pyproject


def test_layout_shown_is_what_the_scaffold_writes(tmp_path: Path) -> None:
    """Every file the tutorial's layout names exists in a fresh scaffold."""
    (layout,) = blocks("text")
    root = scaffold_plugin("lunden", tmp_path / "goalkit-lunden")
    names = re.findall(r"[─ ]([\w.-]+\.(?:toml|md|py|csv))", layout)
    assert names
    written = {p.name for p in root.rglob("*") if p.is_file()}
    assert set(names) <= written
