"""Mapping files: a project's own column names and codes onto goalkit's schema.

A mapping file is TOML, data and never code::

    schema = "goalkit.mapping/1"

    [columns]                 # every table
    "deltagar-id" = "participant_id"
    "kön" = "sex"
    startdatum = "enrolled"
    slutdatum = "exited"

    [columns.events]          # one table only
    "händelse" = "kind"

    [tables]                  # which sheet, file or database table holds each table
    participants = "Deltagare"

    [codes.sex]
    K = "F"
    M = "M"

    [dates]
    formats = ["%Y-%m-%d", "%d/%m/%Y"]

    [scales]                  # survey questions and the range their scores must be in
    satisfied = [1, 5]

    [privacy]
    personal_ids = "refuse"   # or "warn" (the default)
"""

from __future__ import annotations

import difflib
import tomllib
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

from attrs import field, frozen

from goalkit._exceptions import DataError, DataValidationError
from goalkit.data._privacy import shown
from goalkit.data._problems import TABLE_SV, Problem
from goalkit.data._schema import SCHEMA

__all__ = [
    "DEFAULT_DATE_FORMATS",
    "MAPPING_SCHEMA",
    "TABLES",
    "ColumnMapping",
    "FoundTables",
    "as_mapping",
    "find_tables",
    "load_mapping",
    "name_key",
]

MAPPING_SCHEMA = "goalkit.mapping/1"

TABLES: tuple[str, ...] = ("participants", "events", "responses", "measurements", "assessments")
"""Every table a loader looks for, in order: the three of :data:`SCHEMA`, then reported
figures and recorded assessments."""

SWEDISH_TABLE_NAMES: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "participants": ("deltagare",),
    "events": ("händelser", "handelser"),
    "responses": ("svar", "enkätsvar"),
    "measurements": ("mätningar", "matningar", "rapporterat"),
    "assessments": ("bedömningar", "bedomningar"),
})
"""Names a sheet, file or database table may also have, besides the English one."""

DEFAULT_DATE_FORMATS: tuple[str, ...] = (
    "%Y-%m-%d", "%Y%m%d", "%Y/%m/%d", "%Y.%m.%d", "%d.%m.%Y", "%d/%m/%Y",
)
"""Date formats read without a mapping: ISO and the ones Swedish systems write
(``20141110``, ``2014/11/10``, ``10.11.2014``, ``10/11/2014``: day before month)."""

EXTRA_COLUMNS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "measurements": ("metric", "date", "value", "period_start", "source", "additive"),
    "assessments": ("goal", "date", "verdict", "evidence", "assessor"),
})
"""The columns of the two tables :data:`SCHEMA` does not describe."""


def _known_columns() -> frozenset[str]:
    names = {c.name for t in SCHEMA.values() for c in t.columns}
    names.update(n for cols in EXTRA_COLUMNS.values() for n in cols)
    return frozenset(names)


KNOWN_COLUMNS = _known_columns()


def _frozen_map(value: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(value))


@frozen
class ColumnMapping:
    """How a project's own tables map onto the schema. Build one with
    :func:`load_mapping` or :meth:`from_dict`; the default maps nothing.

    Names of columns, tables and codes match without regard to case or surrounding space.
    """

    columns: Mapping[str, str] = field(factory=dict, converter=_frozen_map)
    """Source column name (case-folded) to canonical name, for every table."""
    table_columns: Mapping[str, Mapping[str, str]] = field(factory=dict, converter=_frozen_map)
    """Table to source column name (case-folded) to canonical name."""
    tables: Mapping[str, str] = field(factory=dict, converter=_frozen_map)
    """Canonical table to the sheet, file stem or database table that holds it."""
    codes: Mapping[str, Mapping[str, str]] = field(factory=dict, converter=_frozen_map)
    """Canonical column to source code (lower case) to canonical code. A column with
    codes only accepts the codes listed (as source or canonical code)."""
    date_formats: tuple[str, ...] = DEFAULT_DATE_FORMATS
    scales: Mapping[str, tuple[float, float]] = field(factory=dict, converter=_frozen_map)
    """Survey question to the lowest and highest score allowed (``"*"``: any question)."""
    personal_ids: Literal["warn", "refuse"] = "warn"
    source: str = "<default mapping>"

    def canonical(self, table: str, header: str) -> str:
        """The canonical name of a source column ``header`` in ``table``."""
        key = header.strip().casefold()
        per_table = self.table_columns.get(table, {})
        if key in per_table:
            return per_table[key]
        if key in self.columns:
            return self.columns[key]
        return header.strip() if key not in KNOWN_COLUMNS else key

    def table_names(self, table: str) -> tuple[str, ...]:
        """Names the source may use for ``table``, the mapped one first."""
        names = [self.tables[table]] if table in self.tables else []
        names += [table, *SWEDISH_TABLE_NAMES.get(table, ())]
        return tuple(names)

    def scale(self, question: str) -> tuple[float, float] | None:
        """The range a score for ``question`` must be in, if the mapping gives one."""
        return self.scales.get(question, self.scales.get("*"))

    @classmethod
    def from_dict(  # noqa: PLR0915  # one pass over the sections, in file order
        cls, data: Mapping[str, Any], *, source: str = "<dict>"
    ) -> ColumnMapping:
        """Read a mapping from plain data (a parsed TOML file).

        :raises DataError: listing every problem, each with the key at fault.
        """
        problems: list[str] = []
        known_keys = {"schema", "columns", "tables", "codes", "dates", "scales", "privacy"}
        for key in data:
            if key not in known_keys:
                problems.append(f"unknown section {key!r}; expected one of "
                                f"{', '.join(sorted(known_keys))}")
        schema = data.get("schema", MAPPING_SCHEMA)
        if schema != MAPPING_SCHEMA:
            problems.append(f"schema: expected {MAPPING_SCHEMA!r}, got {schema!r}")
        columns: dict[str, str] = {}
        table_columns: dict[str, dict[str, str]] = {}
        for key, value in _section(data, "columns", problems).items():
            if isinstance(value, str):
                _rename(columns, key, value, f"columns.{key}", problems)
            elif isinstance(value, Mapping) and key in TABLES:
                inner = table_columns.setdefault(key, {})
                for k, v in value.items():
                    if isinstance(v, str):
                        _rename(inner, k, v, f"columns.{key}.{k}", problems)
                    else:
                        problems.append(f"columns.{key}.{k}: expected a column name, got {v!r}")
            else:
                problems.append(f"columns.{key}: expected a column name (or a table of "
                                f"renames for one of {', '.join(TABLES)}), got {value!r}")
        tables: dict[str, str] = {}
        for key, value in _section(data, "tables", problems).items():
            if key not in TABLES:
                problems.append(f"tables.{key}: unknown table; expected one of "
                                f"{', '.join(TABLES)}")
            elif not isinstance(value, str) or not value:
                problems.append(f"tables.{key}: expected a sheet or table name, got {value!r}")
            else:
                tables[key] = value
        codes: dict[str, dict[str, str]] = {}
        for col, table in _section(data, "codes", problems).items():
            if not isinstance(table, Mapping):
                problems.append(f"codes.{col}: expected a table of code = canonical code")
                continue
            inner = codes.setdefault(col, {})
            for k, v in table.items():
                if isinstance(v, str | int) and not isinstance(v, bool):
                    inner[str(k).strip().lower()] = str(v)
                else:
                    problems.append(f"codes.{col}.{k}: expected a code, got {v!r}")
        dates = _section(data, "dates", problems)
        formats = dates.get("formats", list(DEFAULT_DATE_FORMATS))
        if "format" in dates:
            formats = [dates["format"]]
        if not isinstance(formats, list) or not formats or not all(
            isinstance(f, str) and "%d" in f and "%m" in f and ("%Y" in f or "%y" in f)
            for f in formats
        ):
            problems.append(f"dates.formats: expected a list of formats like '%d/%m/%Y' "
                            f"(with %d, %m and %Y), got {formats!r}")
            formats = list(DEFAULT_DATE_FORMATS)
        scales: dict[str, tuple[float, float]] = {}
        for question, bounds in _section(data, "scales", problems).items():
            if (
                isinstance(bounds, list) and len(bounds) == 2
                and all(isinstance(b, int | float) and not isinstance(b, bool) for b in bounds)
                and bounds[0] <= bounds[1]
            ):
                scales[question] = (float(bounds[0]), float(bounds[1]))
            else:
                problems.append(f"scales.{question}: expected [lowest, highest], got {bounds!r}")
        privacy = _section(data, "privacy", problems)
        personal_ids = privacy.get("personal_ids", "warn")
        if personal_ids not in ("warn", "refuse"):
            problems.append(f"privacy.personal_ids: expected 'warn' or 'refuse', "
                            f"got {personal_ids!r}")
            personal_ids = "warn"
        if problems:
            raise DataValidationError(
                [DataError(p, source=source) for p in problems]
            ) if len(problems) > 1 else DataError(problems[0], source=source)
        return cls(
            columns=columns,
            table_columns={k: MappingProxyType(v) for k, v in table_columns.items()},
            tables=tables,
            codes={k: MappingProxyType(v) for k, v in codes.items()},
            date_formats=tuple(formats),
            scales=scales,
            personal_ids=personal_ids,
            source=source,
        )


def _section(data: Mapping[str, Any], name: str, problems: list[str]) -> Mapping[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, Mapping):
        problems.append(f"{name}: expected a table, got {value!r}")
        return {}
    return value


def load_mapping(path: str | Path) -> ColumnMapping:
    """Read a mapping file (TOML).

    :raises DataError: naming the file and what is wrong in it.
    """
    from goalkit.specs._limits import LimitError, parse_toml, read_text  # noqa: PLC0415

    p = Path(path)
    try:
        text = read_text(p)  # no further than its limit (a named pipe, /dev/zero)
    except FileNotFoundError:
        raise DataError("no such mapping file", source=str(p)) from None
    except (OSError, UnicodeDecodeError) as e:
        raise DataError(f"cannot read the mapping file: {e}", source=str(p)) from None
    except LimitError as e:
        raise DataError(str(e), source=str(p)) from None
    try:
        data = parse_toml(text)
    except tomllib.TOMLDecodeError as e:
        raise DataError(f"not valid TOML: {e}", source=str(p)) from None
    except LimitError as e:
        raise DataError(str(e), source=str(p)) from None
    return ColumnMapping.from_dict(data, source=p.name)


def _rename(renames: dict[str, str], header: str, column: str, where: str,
            problems: list[str]) -> None:
    """One of a mapping's renames (a file's ``header`` read as goalkit's ``column``), into
    ``renames`` by the header as headers are matched (case and surrounding space aside):
    two keys that are one header renamed to two columns are a mistake, named at the
    second (``"kön"`` and ``"Kön"``: which one holds?)."""
    key = header.strip().casefold()
    earlier = renames.get(key)
    if earlier is not None and earlier != column:
        problems.append(f"{where}: {header!r} is the same header as another key here, "
                        f"renamed to {earlier!r}; a header is renamed once (case and "
                        "surrounding space do not tell headers apart)")
        return
    renames[key] = column


def name_key(name: str) -> str:
    """A file's, sheet's, key's or table's name as names are matched: composed (NFC: a
    name macOS or a zip archive wrote decomposed, ``ha\u0308ndelser``, is ``händelser``),
    without surrounding space, and case-folded."""
    return unicodedata.normalize("NFC", name).strip().casefold()


@frozen
class FoundTables:
    """Which of a source's names hold which table (:func:`find_tables`).

    :param tables: table to the names (as the source writes them) that hold it: one, or
        several that are the same name written differently (``participants.csv`` and
        ``participants.parquet`` in a folder, ``participants`` and ``Participants`` in a
        JSON object), for the caller to choose among or refuse.
    :param problems: a table two different names could hold, or that the mapping names
        and the source lacks (both fatal); a name the mapping overrides (a warning).
    :param others: the names that hold no table, each with a name it is close to (the
        table's name to suggest), or ``None``.
    """

    tables: Mapping[str, tuple[str, ...]]
    problems: tuple[Problem, ...]
    others: tuple[tuple[str, str | None], ...]


def find_tables(
    available: Sequence[str], mapping: ColumnMapping, *, origin: str,
    what: tuple[str, str], label: Callable[[str], str] = shown,
) -> FoundTables:
    """The tables among a source's names (files' stems, sheets, a JSON object's keys),
    each found by its name, its Swedish name or the name the mapping's ``[tables]`` gives,
    matched as :func:`name_key` does. One rule for every source:

    - a table the mapping names is read from that name only, and a name that would
      hold it without the mapping is not read (an ``ambiguous_table`` warning); its
      absence is named, with the mapping's key (``unreadable``): fatal beside a name that
      would hold it (which is meant?), else a warning (the table is not in the source);
    - a table two different names could hold (``participants`` and ``deltagare``) is
      refused (``ambiguous_table``, fatal): which one holds it cannot be known.

    :param what: the kind of name, in English and Swedish (``("file", "fil")``).
    :param label: a name as messages show it (a folder shows its files).
    """
    keys: dict[str, list[str]] = {}
    for n in available:
        keys.setdefault(name_key(n), []).append(n)
    tables: dict[str, tuple[str, ...]] = {}
    problems: list[Problem] = []
    claimed: set[str] = set()
    for table in TABLES:
        sv = TABLE_SV.get(table, table)
        defaults = dict.fromkeys(name_key(n) for n in (table, *SWEDISH_TABLE_NAMES.get(table, ())))
        present = [k for k in defaults if k in keys]
        claimed.update(present)
        shown_present = [label(keys[k][0]) for k in present]
        if table in mapping.tables:
            given = mapping.tables[table]
            key = name_key(given)
            if key not in keys:
                # beside a name that would hold it, fatal: which one is meant? Else the
                # table is not in the source, as without the mapping (a warning)
                also = (f"; without that entry, {' and '.join(shown_present)} would hold "
                        f"{table}" if present else f"; no {table} are read")
                also_sv = (f"; utan den raden skulle {' och '.join(shown_present)} läsas som "
                           f"tabellen {sv}" if present else f"; tabellen {sv} läses inte")
                problems.append(Problem(
                    "error" if present else "warning", "unreadable",
                    f"the mapping's tables.{table} names {shown(given)}, but there is no "
                    f"{what[0]} of that name{also}", origin, fatal=bool(present),
                    message_sv=f"mappningens tables.{table} anger {shown(given)}, men det "
                    f"finns ingen {what[1]} med det namnet{also_sv}"))
                continue
            claimed.add(key)
            tables[table] = tuple(keys[key])
            problems.extend(Problem(
                "warning", "ambiguous_table",
                f"{label(keys[k][0])} is not read: the mapping's tables.{table} names "
                f"{shown(given)} for {table}", origin,
                message_sv=f"{label(keys[k][0])} läses inte: mappningens tables.{table} "
                f"anger {shown(given)} för tabellen {sv}")
                for k in present if k != key)
            continue
        if len(present) > 1:
            problems.append(Problem(
                "error", "ambiguous_table",
                f"{' and '.join(shown_present)} could both hold {table}, and which one "
                "does cannot be known: remove or rename one, or name the one to read in a "
                f"mapping file's [tables] ({table} = \"…\")", origin, fatal=True,
                message_sv=f"{' och '.join(shown_present)} kan båda innehålla tabellen {sv}, "
                "och vilken som gör det går inte att veta: ta bort eller byt namn på den "
                "ena, eller ange den som ska läsas under [tables] i en mappningsfil "
                f"({table} = \"…\")"))
        elif present:
            tables[table] = tuple(keys[present[0]])
    known = {name_key(n): table for table in TABLES
             for n in (*mapping.table_names(table),)}
    others = tuple((n, _close(k, known)) for k, names in keys.items() if k not in claimed
                   for n in names)
    return FoundTables(tables, tuple(problems), others)


def _close(key: str, known: Mapping[str, str]) -> str | None:
    """The name of ``known`` (a table's names, matched as :func:`name_key` does) that
    ``key`` is close to (a misspelling, ``event`` for ``events``), if any."""
    near = difflib.get_close_matches(key, list(known), n=1, cutoff=0.8)
    return near[0] if near else None


def as_mapping(value: ColumnMapping | Mapping[str, Any] | str | Path | None) -> ColumnMapping:
    """A :class:`ColumnMapping` from one, from plain data, or from a file path."""
    if value is None:
        return ColumnMapping()
    if isinstance(value, ColumnMapping):
        return value
    if isinstance(value, str | Path):
        return load_mapping(value)
    return ColumnMapping.from_dict(value)
