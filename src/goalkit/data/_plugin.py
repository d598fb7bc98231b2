"""Registers the built-in data loaders through the same hook plugins use."""

from __future__ import annotations

from typing import TYPE_CHECKING

from goalkit.data._loaders import (
    CsvLoader,
    ExcelLoader,
    FolderLoader,
    FramesLoader,
    JsonLoader,
    ParquetLoader,
    SqliteLoader,
    SqlLoader,
)
from goalkit.plugins.hookspecs import hookimpl

if TYPE_CHECKING:
    from goalkit.plugins._registry import Registry
    from goalkit.typing import Loader

__all__ = ["FolderLoader", "goalkit_register_loaders"]


@hookimpl
def goalkit_register_loaders(loaders: Registry[Loader]) -> None:
    """``folder``, ``csv``, ``parquet``, ``json``, ``excel``, ``sqlite``, ``sql`` and
    ``frames``: every source validated the same way (see ``docs/data.md``)."""
    loaders.add("folder", FolderLoader())
    loaders.add("csv", CsvLoader())
    loaders.add("parquet", ParquetLoader())
    loaders.add("json", JsonLoader())
    loaders.add("excel", ExcelLoader())
    loaders.add("sqlite", SqliteLoader())
    loaders.add("sql", SqlLoader())
    loaders.add("frames", FramesLoader())
