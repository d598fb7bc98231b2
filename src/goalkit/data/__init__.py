"""Participant data: the canonical schema and the data set that holds it."""

from __future__ import annotations

from goalkit.data._dataset import Dataset
from goalkit.data._schema import SCHEMA, Column, TableSchema

__all__ = ["SCHEMA", "Column", "Dataset", "TableSchema"]
