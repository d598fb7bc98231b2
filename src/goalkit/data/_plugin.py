"""Registers the built-in data loaders through the same hook plugins use."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from goalkit.data._dataset import Dataset
from goalkit.plugins._registry import Registry
from goalkit.plugins.hookspecs import hookimpl
from goalkit.typing import Loader


class FolderLoader:
    """A folder with participants, events and responses as CSV or Parquet files."""

    description = "folder of participants/events/responses .csv or .parquet files"

    def can_load(self, source: str) -> bool:
        return Path(source).is_dir()

    def load(self, source: str, *, mapping: Mapping[str, Any] | None = None) -> Dataset:
        return Dataset.from_folder(source)


@hookimpl
def goalkit_register_loaders(loaders: Registry[Loader]) -> None:
    """``folder`` (more built-in loaders register here)."""
    loaders.add("folder", FolderLoader())
