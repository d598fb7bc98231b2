"""The built-in loaders: each reads one kind of source and validates what it read.

Every built-in loader reads its source into raw text tables (:mod:`goalkit.data._sources`)
and hands them to the one validation (:func:`goalkit.data._dataset.validate`), so every
source gives the same canonical data set, and the same report, for the same data.
:func:`~goalkit.data.read_data`, which picks a loader, is in :mod:`goalkit.data._read`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from goalkit._exceptions import DataError

if TYPE_CHECKING:
    from collections.abc import Mapping

    from goalkit.data._dataset import Dataset
    from goalkit.data._mapping import ColumnMapping
    from goalkit.data._validate import RawData

# The readers and the validation are imported when a loader first reads: registering the
# loaders with the plugin manager (goalkit.data._plugin) imports only the classes.

__all__ = [
    "CsvLoader",
    "ExcelLoader",
    "FolderLoader",
    "FramesLoader",
    "JsonLoader",
    "ParquetLoader",
    "SqlLoader",
    "SqliteLoader",
]

MappingLike: TypeAlias = "ColumnMapping | Mapping[str, Any] | str | Path | None"


class _FileLoader:
    """A loader that reads raw tables; :meth:`load` validates them."""

    description = ""

    def can_load(self, source: str) -> bool:  # pragma: no cover - overridden
        raise NotImplementedError

    def read(self, source: str, mapping: ColumnMapping) -> RawData:  # pragma: no cover
        raise NotImplementedError

    def load(self, source: str, *, mapping: MappingLike = None) -> Dataset:
        """Read and validate ``source`` (default mode: bad rows left out and listed).

        :raises DataError: naming the file, sheet, row and column at fault.
        """
        from goalkit.data._dataset import validate  # noqa: PLC0415
        from goalkit.data._mapping import as_mapping  # noqa: PLC0415

        m = as_mapping(mapping)
        return validate(self.read_safely(source, m), m)

    def read_safely(self, source: str, mapping: ColumnMapping) -> RawData:
        """:meth:`read`, with a source that cannot be read at all turned into a fatal
        problem, so validation lists it with the rest."""
        from goalkit.data._sources import read_safely  # noqa: PLC0415

        return read_safely(lambda: self.read(source, mapping), source)


def _suffix(source: str) -> str:
    return Path(source).suffix.lower() if "://" not in source else ""


class FolderLoader(_FileLoader):
    """A folder with one file per table."""

    description = ("folder of participants, events, responses, measurements, assessments "
                   "as .csv, .parquet, .json or .xlsx files")

    def can_load(self, source: str) -> bool:
        return "://" not in source and Path(source).is_dir()

    def read(self, source: str, mapping: ColumnMapping) -> RawData:
        from goalkit.data._sources import read_folder  # noqa: PLC0415

        return read_folder(Path(source), mapping)


class CsvLoader(_FileLoader):
    """One CSV file of participants (comma, semicolon or tab; UTF-8 or Latin-1)."""

    description = "one .csv file of participants (comma, semicolon or tab separated)"

    def can_load(self, source: str) -> bool:
        from goalkit.data._sources import CSV_SUFFIXES  # noqa: PLC0415

        return _suffix(source) in CSV_SUFFIXES

    def read(self, source: str, mapping: ColumnMapping) -> RawData:
        from goalkit.data._sources import read_csv  # noqa: PLC0415

        return read_csv(Path(source))


class ParquetLoader(_FileLoader):
    """One Parquet file of participants."""

    description = "one .parquet file of participants"

    def can_load(self, source: str) -> bool:
        return _suffix(source) in (".parquet", ".pq")

    def read(self, source: str, mapping: ColumnMapping) -> RawData:
        from goalkit.data._sources import read_parquet  # noqa: PLC0415

        return read_parquet(Path(source))


class JsonLoader(_FileLoader):
    """A JSON list of participants, or an object with a list per table."""

    description = "a .json list of participants, or an object with a list per table"

    def can_load(self, source: str) -> bool:
        return _suffix(source) == ".json"

    def read(self, source: str, mapping: ColumnMapping) -> RawData:
        from goalkit.data._sources import read_json  # noqa: PLC0415

        return read_json(Path(source), mapping)


class ExcelLoader(_FileLoader):
    """An Excel workbook with a sheet per table (openpyxl)."""

    description = "an .xlsx workbook with a sheet per table"

    def can_load(self, source: str) -> bool:
        return _suffix(source) in (".xlsx", ".xlsm", ".xls")

    def read(self, source: str, mapping: ColumnMapping) -> RawData:
        from goalkit.data._sources import read_excel  # noqa: PLC0415

        return read_excel(Path(source), mapping)


class SqliteLoader(_FileLoader):
    """A SQLite database file, or a ``sqlite:///path`` URL."""

    description = "a SQLite database (.db, .sqlite, .sqlite3, or sqlite:///path)"

    def can_load(self, source: str) -> bool:
        return source.startswith("sqlite:///") or _suffix(source) in (
            ".db", ".sqlite", ".sqlite3")

    def read(self, source: str, mapping: ColumnMapping) -> RawData:
        from goalkit.data._databases import read_sqlite  # noqa: PLC0415

        path = source.removeprefix("sqlite:///") if source.startswith("sqlite:///") else source
        return read_sqlite(Path(path), mapping)


class SqlLoader(_FileLoader):
    """Any SQL database through a URL (SQLAlchemy), e.g. PostgreSQL."""

    description = "any SQL database by URL (postgresql://user@host/db), through SQLAlchemy"

    def can_load(self, source: str) -> bool:
        return "://" in source and not source.startswith(("sqlite:", "file:", "http"))

    def read(self, source: str, mapping: ColumnMapping) -> RawData:
        from goalkit.data._databases import read_sql  # noqa: PLC0415

        return read_sql(source, mapping)


class FramesLoader:
    """Frames a host passes in memory; use :func:`load_frames` (a source string cannot
    name them)."""

    description = "polars, pandas or pyarrow frames passed in memory (goalkit.data.load_frames)"

    def can_load(self, source: str) -> bool:
        return False

    def load(self, source: str, *, mapping: MappingLike = None) -> Dataset:
        raise DataError("frames are passed in memory: call goalkit.data.load_frames(...)",
                        source=source)

    def load_frames(self, frames: Mapping[str, Any], *, mapping: MappingLike = None) -> Dataset:
        """Validate frames by table name (``participants``, ``events``, …)."""
        from goalkit.data._dataset import validate  # noqa: PLC0415
        from goalkit.data._mapping import as_mapping  # noqa: PLC0415
        from goalkit.data._sources import read_frames  # noqa: PLC0415

        m = as_mapping(mapping)
        return validate(read_frames(frames), m)
