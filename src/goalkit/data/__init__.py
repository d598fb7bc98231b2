"""Participant data: the canonical schema, the data set that holds it, and the loaders
that read and validate it from files, workbooks, databases and frames.

The names load on first use (PEP 562): the engine needs only the data set, and the plugin
manager only the loader classes, not the readers and the validation behind them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from goalkit._lazy import lazy_names

if TYPE_CHECKING:
    from goalkit.data._dataset import Dataset
    from goalkit.data._mapping import TABLES, ColumnMapping, load_mapping
    from goalkit.data._privacy import looks_like_personal_number
    from goalkit.data._problems import CODES
    from goalkit.data._read import builtin_loaders, load_frames, read_data
    from goalkit.data._schema import SCHEMA, Column, TableSchema

_LAZY = {
    "CODES": "goalkit.data._problems",
    "SCHEMA": "goalkit.data._schema",
    "TABLES": "goalkit.data._mapping",
    "Column": "goalkit.data._schema",
    "ColumnMapping": "goalkit.data._mapping",
    "Dataset": "goalkit.data._dataset",
    "TableSchema": "goalkit.data._schema",
    "builtin_loaders": "goalkit.data._read",
    "load_frames": "goalkit.data._read",
    "load_mapping": "goalkit.data._mapping",
    "looks_like_personal_number": "goalkit.data._privacy",
    "read_data": "goalkit.data._read",
}

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


__getattr__, __dir__ = lazy_names(globals(), _LAZY)
