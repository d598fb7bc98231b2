"""Participant data: the canonical schema, the data set that holds it, and the loaders
that read and validate it from files, workbooks, databases and frames."""

from __future__ import annotations

from goalkit.data._dataset import Dataset
from goalkit.data._loaders import builtin_loaders, load_frames, read_data
from goalkit.data._mapping import TABLES, ColumnMapping, load_mapping
from goalkit.data._privacy import looks_like_personal_number
from goalkit.data._schema import SCHEMA, Column, TableSchema
from goalkit.data._validate import CODES

__all__ = [
    "CODES",
    "SCHEMA",
    "TABLES",
    "Column",
    "ColumnMapping",
    "Dataset",
    "TableSchema",
    "builtin_loaders",
    "load_frames",
    "load_mapping",
    "looks_like_personal_number",
    "read_data",
]
