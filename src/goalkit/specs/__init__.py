"""Goal files and the converter behind every format."""

from __future__ import annotations

from goalkit.specs._converter import converter_for, structure, unstructure
from goalkit.specs._goalfile import (
    GOALS_SCHEMA,
    dump_goals,
    dumps_goals,
    load_goals,
    loads_goals,
    project_from_dict,
)

__all__ = [
    "GOALS_SCHEMA",
    "converter_for",
    "dump_goals",
    "dumps_goals",
    "load_goals",
    "loads_goals",
    "project_from_dict",
    "structure",
    "unstructure",
]
