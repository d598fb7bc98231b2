"""The built-in loaders, and :func:`read_data`, which picks one and validates what it read.

Every built-in loader reads its source into raw text tables (:mod:`goalkit.data._sources`)
and hands them to the one validation (:func:`goalkit.data._validate.validate`), so every
source gives the same canonical data set, and the same report, for the same data.
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
    from goalkit.model._project import Project
    from goalkit.plugins._registry import Registry
    from goalkit.typing import Loader

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
    "builtin_loaders",
    "load_frames",
    "read_data",
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
        from goalkit.data._mapping import as_mapping  # noqa: PLC0415
        from goalkit.data._validate import validate  # noqa: PLC0415

        m = as_mapping(mapping)
        return validate(self.read_safely(source, m), m)

    def read_safely(self, source: str, mapping: ColumnMapping) -> RawData:
        """:meth:`read`, with a source that cannot be read at all turned into a fatal
        problem, so validation lists it with the rest."""
        from goalkit.data._sources import SourceError  # noqa: PLC0415
        from goalkit.data._validate import Problem, RawData  # noqa: PLC0415

        try:
            return self.read(source, mapping)
        except SourceError as e:
            problem = Problem("error", e.code, e.message, e.source or "", fatal=True)
            return RawData({}, source, (problem,))


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
        from goalkit.data._sources import read_sqlite  # noqa: PLC0415

        path = source.removeprefix("sqlite:///") if source.startswith("sqlite:///") else source
        return read_sqlite(Path(path), mapping)


class SqlLoader(_FileLoader):
    """Any SQL database through a URL (SQLAlchemy), e.g. PostgreSQL."""

    description = "any SQL database by URL (postgresql://user@host/db), through SQLAlchemy"

    def can_load(self, source: str) -> bool:
        return "://" in source and not source.startswith(("sqlite:", "file:", "http"))

    def read(self, source: str, mapping: ColumnMapping) -> RawData:
        from goalkit.data._sources import read_sql  # noqa: PLC0415

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
        from goalkit.data._mapping import as_mapping  # noqa: PLC0415
        from goalkit.data._sources import read_frames  # noqa: PLC0415
        from goalkit.data._validate import validate  # noqa: PLC0415

        m = as_mapping(mapping)
        return validate(read_frames(frames), m)


def builtin_loaders() -> Registry[Loader]:
    """A fresh registry holding only goalkit's own loaders."""
    from goalkit.data._plugin import goalkit_register_loaders  # noqa: PLC0415
    from goalkit.plugins._registry import Registry  # noqa: PLC0415

    registry: Registry[Loader] = Registry("loader")
    registry.plugin = "goalkit.data._plugin"
    goalkit_register_loaders(loaders=registry)
    return registry


def read_data(
    source: str | Path,
    *,
    mapping: MappingLike = None,
    strict: bool = False,
    project: Project | None = None,
    loader: str | None = None,
    loaders: Registry[Loader] | None = None,
) -> Dataset:
    """Read participant data from a file, folder or database URL, and validate it.

    :param mapping: a mapping file's path, its parsed content, or a :class:`ColumnMapping`.
    :param strict: refuse the data (raise) if any problem is an error; by default the rows
        at fault are left out, and listed with their reasons in ``Dataset.issues``.
    :param project: check ages at enrolment against its target group (and, in strict
        mode, its reported figures' breakdowns).
    :param loader: the name of the loader to use (default: the first that can load it).
    :param loaders: the loaders to choose from (default: the built-in ones).
    :raises DataError: for a source no loader reads, or (as a
        :class:`~goalkit.DataValidationError`) listing every problem found when the data
        cannot be used.
    """
    from goalkit.data._mapping import as_mapping  # noqa: PLC0415
    from goalkit.data._sources import safe_url  # noqa: PLC0415
    from goalkit.data._validate import refuse_errors, validate  # noqa: PLC0415

    text = str(source)
    m = as_mapping(mapping)
    registry = loaders if loaders is not None else builtin_loaders()
    if loader is not None:
        chosen = registry.get(loader)
    else:
        found = next((e.item for e in registry.entries() if e.item.can_load(text)), None)
        if found is None:
            if "://" not in text and not Path(text).exists():
                raise DataError("no such file or folder", source=text)
            known = "; ".join(f"{e.name}: {e.item.description}" for e in registry.entries())
            where = safe_url(text) if "://" in text else text
            raise DataError(f"no loader reads this source. Loaders: {known}", source=where)
        chosen = found
    if isinstance(chosen, _FileLoader):
        return validate(chosen.read_safely(text, m), m, project=project, strict=strict)
    dataset = chosen.load(text, mapping=m)  # type: ignore[arg-type]  # a plugin's loader
    if strict:
        refuse_errors(dataset.issues)
    return dataset


def load_frames(
    participants: Any,
    events: Any = None,
    responses: Any = None,
    *,
    measurements: Any = None,
    assessments: Any = None,
    mapping: MappingLike = None,
    strict: bool = False,
    project: Project | None = None,
) -> Dataset:
    """Validate frames a host holds (polars, pandas, pyarrow), exactly like a file.

    Unlike :meth:`Dataset.from_frames`, which trusts its input, every row is checked and
    the data set lists every problem; bad rows are left out (or, with ``strict``, refused).
    """
    from goalkit.data._mapping import as_mapping  # noqa: PLC0415
    from goalkit.data._sources import read_frames  # noqa: PLC0415
    from goalkit.data._validate import validate  # noqa: PLC0415

    raw = read_frames({
        "participants": participants, "events": events, "responses": responses,
        "measurements": measurements, "assessments": assessments,
    })
    return validate(raw, as_mapping(mapping), project=project, strict=strict)
