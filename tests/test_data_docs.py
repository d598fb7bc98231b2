"""docs/data.md documents every table, column and problem code there is."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from goalkit.data import CODES, SCHEMA, ColumnMapping
from goalkit.data._figures import FIGURE_CODES, NOTE_CODES
from goalkit.data._mapping import EXTRA_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "data.md").read_text(encoding="utf-8")
SOURCES = "".join(
    path.read_text(encoding="utf-8")
    for path in sorted((ROOT / "src" / "goalkit" / "data").glob("*.py"))
)


def test_every_schema_column_is_documented() -> None:
    for table in SCHEMA.values():
        assert f"### {table.name}" in DOC
        for column in table.columns:
            required = "yes" if column.required else "no"
            assert f"| `{column.name}` | {column.type} | {required} |" in DOC
    for table, columns in EXTRA_COLUMNS.items():
        assert f"### {table}" in DOC
        for column in columns:
            assert f"| `{column}` |" in DOC


def test_every_problem_code_is_documented_and_used() -> None:
    documented = set(re.findall(r"^\| `([a-z_]+)` \| (?:fatal|error|warning|note)", DOC, re.M))
    assert documented == set(CODES) | set(NOTE_CODES)
    used = set(re.findall(r'"(?:error|warning|note)", "([a-z_]+)"', SOURCES))
    used |= set(re.findall(r'SourceError\("([a-z_]+)"', SOURCES))
    used |= set(re.findall(r'"([a-z]+_before_enrolment)"', SOURCES))
    used -= {"warning", "note"}  # Literal["error", "warning", "note"]
    used |= set(FIGURE_CODES)  # from the check of reported figures (data/_figures.py)
    used -= set(NOTE_CODES)  # a figure the document itself reports so: documented as a note
    used.add("personal_id")
    assert used == set(CODES)


def test_the_mapping_example_is_a_valid_mapping() -> None:
    block = re.search(r"```toml\n(.*?)```", DOC, re.S)
    assert block is not None
    mapping = ColumnMapping.from_dict(tomllib.loads(block.group(1)), source="docs")
    assert mapping.canonical("participants", "Kön") == "sex"
    assert mapping.personal_ids == "refuse"
    assert mapping.scale("anything") == (1.0, 5.0)
