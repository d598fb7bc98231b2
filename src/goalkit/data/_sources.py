"""Reading sources into raw tables of text: CSV, Parquet, JSON, Excel, folders, frames.

Each reader returns :class:`~goalkit.data._raw.RawData` and never parses a value: that
is validation's job, the same for every source. A reader reports what it cannot read as a
:class:`~goalkit.data._problems.Problem` naming the file, sheet and row. Databases (SQLite
and SQLAlchemy URLs) are read by :mod:`goalkit.data._databases`, on the same cells.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import json
import math
import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from goalkit._exceptions import DataError
from goalkit.data._mapping import TABLES, ColumnMapping, find_tables, name_key
from goalkit.data._privacy import contains_personal_number, shown
from goalkit.data._problems import TABLE_SV, Problem
from goalkit.data._raw import (
    EXCEL_ERROR,
    NUL_TEXT,
    RawData,
    RawTable,
    header_problems,
    unique_headers,
    writable,
)
from goalkit.data._raw import WRONG_TYPE as _WRONG_TYPE
from goalkit.data._schema import MAX_COLUMNS

if TYPE_CHECKING:
    from pathlib import Path

    import polars as pl

__all__ = [
    "SourceError",
    "cell_text",
    "decode",
    "first_line",
    "frame_table",
    "read_csv",
    "read_excel",
    "read_folder",
    "read_frames",
    "read_json",
    "read_parquet",
    "read_safely",
]

CSV_SUFFIXES = (".csv", ".tsv", ".txt")


class SourceError(DataError):
    """A source (file, sheet, database table) that cannot be read at all.

    :param code: the problem code (``unreadable`` or ``empty_file``).
    """

    def __init__(self, code: str, message: str, *, source: str | None = None) -> None:
        self.code = code
        super().__init__(message, source=source)
def read_safely(read: Callable[[], RawData], source: str) -> RawData:
    """``read()``, with a source that cannot be read at all (a :class:`SourceError`) turned
    into a fatal problem naming ``source``, so validation lists it with the rest."""
    try:
        return read()
    except SourceError as e:
        problem = Problem("error", e.code, e.message, e.source or "", fatal=True)
        return RawData({}, source, (problem,))


FOLDER_SUFFIXES = (".parquet", ".csv", ".tsv", ".json", ".xlsx")


# -- cells ----------------------------------------------------------------------------------


def cell_text(value: Any) -> str | None:
    """One cell as text, the same way whatever stored it: ``None`` when empty, dates as
    ``YYYY-MM-DD``, whole numbers without ``.0``; a text holding a NUL refused, as a CSV's
    is (a JSON ``"\\u0000"``, a database's text)."""
    if value is None:
        return None
    if isinstance(value, str):
        if "\x00" in value:
            return f"{_WRONG_TYPE}{NUL_TEXT}"
        return value.strip() or None
    if hasattr(value, "item") and not isinstance(value, bytes | memoryview):
        try:
            value = value.item()  # a numpy scalar
        except (TypeError, ValueError):
            return f"{_WRONG_TYPE}{type(value).__name__}"
    try:
        if value != value:  # noqa: PLR0124  # NaN, NaT: missing
            return None
    except (TypeError, ValueError):  # no equality: not a single value
        return f"{_WRONG_TYPE}{type(value).__name__}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float | decimal.Decimal):
        f = float(value)
        if math.isnan(f):
            return None
        if math.isfinite(f) and f == int(f) and abs(f) < 2**53:
            return str(int(f))
        return repr(f) if isinstance(value, float) else str(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time | dt.timedelta):
        return str(value)
    if isinstance(value, bytes):
        return f"{_WRONG_TYPE}binary value"
    return f"{_WRONG_TYPE}{type(value).__name__}"


def frame_table(frame: pl.DataFrame, origin: str, *, first_row: int = 1) -> RawTable:
    """A typed polars frame as text columns, converted exactly like :func:`cell_text`;
    but a column of dates or of numbers stays one, which validation reads as it reads the
    same values written as text (:func:`goalkit.data._parse.as_text`), without writing
    and parsing them, and a categorical (an enum too) stays one: text held once a value,
    which validation reads as text and keeps as it is."""
    import polars as pl  # noqa: PLC0415

    check_width(frame.width, origin)
    cols: list[pl.Series] = []
    for name in frame.columns:
        s = frame.get_column(name)
        dtype = s.dtype
        if dtype == pl.String:
            t = s  # as read: validation strips it (see RawTable)
        elif isinstance(dtype, pl.Categorical | pl.Enum):
            t = s.cast(pl.Categorical)  # text held once a value (see RawTable)
        elif dtype == pl.Date:
            t = s  # a date stays a date: validation parses text into the same, once
        elif isinstance(dtype, pl.Datetime):
            t = s.dt.date()
        elif dtype.is_integer():
            t = s  # a whole number stays one (any width): validation reads it as it is
        elif dtype in (pl.Boolean, pl.Null):
            t = s.cast(pl.String)
            if dtype == pl.Boolean:
                t = t.str.to_lowercase()
        elif dtype.is_float() or isinstance(dtype, pl.Decimal):
            t = s.cast(pl.Float64).fill_nan(None)  # NaN: missing
        else:
            t = pl.Series([cell_text(v) if v is None else f"{_WRONG_TYPE}{dtype}"
                           for v in s.to_list()], dtype=pl.String)
        cols.append(t.alias(str(name)))
    text = pl.DataFrame(cols) if cols else pl.DataFrame()
    return RawTable(text, origin, range(first_row, first_row + frame.height))


def _records_table(records: Sequence[Any], origin: str) -> RawTable:
    """JSON-like records (mappings) as a raw table; a record that is not a mapping is a
    problem of its row."""
    header: dict[str, None] = {}
    problems: list[Problem] = []
    for i, rec in enumerate(records, start=1):
        if isinstance(rec, Mapping):
            header.update(dict.fromkeys(str(k) for k in rec))
        else:
            problems.append(Problem("error", "wrong_type",
                                    f"expected an object with named values, got a "
                                    f"{type(rec).__name__}", origin, i,
                                    message_sv="ett objekt med namngivna värden väntades, "
                                    f"men raden är av typen {type(rec).__name__}"))
    names = list(header)
    check_width(len(names), origin)
    rows = [
        [cell_text(rec.get(n)) for n in names] if isinstance(rec, Mapping) else [None] * len(names)
        for rec in records
    ]
    return RawTable.from_rows(names, rows, origin=origin, numbers=range(1, len(rows) + 1),
                              problems=problems)


# -- text files --------------------------------------------------------------------------------


def decode(data: bytes, origin: str) -> tuple[str, list[Problem]]:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252/Latin-1
    with a warning.

    :raises DataError: for a file that is binary, not text.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return _as_marked(data[3:], "utf-8", origin), []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _as_marked(data, "utf-16", origin), []
    if data.startswith(b"PK\x03\x04"):
        raise SourceError("unreadable", "this is a zip archive or an Excel workbook, not a "
                          "text file; name it .xlsx to read it as a workbook", source=origin)
    if _binary(data[:4096]):  # a NUL or two in text: refused where it is, as no text
        raise SourceError("unreadable", "this is a binary file, not text (save it as CSV, UTF-8)",
                        source=origin)
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    if _UTF8_LETTER.search(data):  # some UTF-8 beside bytes that are not: two encodings
        return _mixed(data, origin)
    text = _latin(data)
    # the code's label says "the file is not UTF-8": the message says what was done
    return text, [Problem("warning", "encoding",
                          "read as Latin-1 (Windows-1252), not UTF-8, as Excel on Windows "
                          "writes it; save it as CSV UTF-8 to be sure", origin,
                          message_sv="lästes som Latin-1 (Windows-1252), inte UTF-8, så som "
                          "Excel i Windows skriver den; spara den som CSV UTF-8 för att vara "
                          "säker")]


_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
"""A byte no text holds: a control character other than a tab, a line break or a page
break."""


def _binary(sample: bytes) -> bool:
    """Whether the first bytes of a file are a binary file's (a picture, a PDF, UTF-16
    written without its byte-order mark, half of whose bytes are NULs): more than two
    bytes no text holds, and more than one in a hundred. A text file with a NUL or two in
    it is text; the cells that hold them are refused where they are (``wrong_type``)."""
    found = len(_CONTROL.findall(sample))
    return found > 2 and found * 100 > len(sample)

_UTF8_LETTER = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}"
                          rb"|[\xf0-\xf4][\x80-\xbf]{3}")
"""A character written in UTF-8 beyond ASCII (``å`` is ``\xc3\xa5``). Latin-1 text holds
none in practice (its ``å`` is ``\xe5``, followed by a letter, not by a byte of
``\x80``–``\xbf``); a file that does, and does not read as UTF-8 whole, was saved in two
encodings."""


def _latin(data: bytes) -> str:
    """Bytes read as Windows-1252 (as Excel on Windows writes), or Latin-1 where a byte has
    no Windows-1252 character."""
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _mixed(data: bytes, origin: str) -> tuple[str, list[Problem]]:
    """A file of UTF-8 lines and lines of another encoding (rows pasted from another file,
    a line edited in another program): each line read as UTF-8 where it is, else as
    Latin-1, so that neither half is garbled, with a warning naming the lines read as
    Latin-1 (their letters beyond ASCII are worth a look)."""
    lines = data.split(b"\n")
    read: list[str] = []
    latin: list[int] = []
    for number, line in enumerate(lines, start=1):
        try:
            read.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            read.append(_latin(line))
            latin.append(number)
    shown = ", ".join(str(n) for n in latin[:10]) + (
        f" and {len(latin) - 10} more" if len(latin) > 10 else "")
    shown_sv = ", ".join(str(n) for n in latin[:10]) + (
        f" och {len(latin) - 10} till" if len(latin) > 10 else "")
    return "\n".join(read), [Problem(
        "warning", "encoding",
        f"saved in two encodings: line(s) {shown} read as Latin-1 (Windows-1252), the "
        "rest as UTF-8; check their letters beyond a–z, and save the file again as CSV "
        "UTF-8", origin,
        message_sv=f"sparad i två teckenkodningar: rad(erna) {shown_sv} lästes som Latin-1 "
        "(Windows-1252), resten som UTF-8; kontrollera deras bokstäver utöver a–z, och "
        "spara filen igen som CSV UTF-8")]


def _as_marked(data: bytes, codec: str, origin: str) -> str:
    """Text from bytes a byte-order mark says are ``codec`` (UTF-8 or UTF-16).

    :raises SourceError: ``unreadable``, naming the line of the first bytes that are not
        ``codec`` (a file saved in two encodings, or cut short): read as anything else,
        the text the mark vouches for would be garbled.
    """
    try:
        return data.decode(codec)
    except UnicodeDecodeError as e:
        name = {"utf-8": "UTF-8", "utf-16": "UTF-16"}[codec]
        line = data[:e.start].decode(codec, errors="replace").count("\n") + 1
        cut = e.end >= len(data) and e.reason == "truncated data"
        why = ("the file ends in the middle of a character (it was cut short)" if cut
               else f"line {line} holds bytes that are not {name} ({e.reason})")
        raise SourceError(
            "unreadable",
            f"the file begins with a byte-order mark saying it is {name}, but {why}; "
            "save it again in one encoding, UTF-8 (in Excel: CSV UTF-8)",
            source=origin) from None


def _delimiter(first_line: str) -> str:
    counts = dict.fromkeys((",", ";", "\t"), 0)
    quoted = False
    for ch in first_line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def read_csv_text(data: bytes, origin: str) -> tuple[RawTable, list[Problem]]:
    """One CSV table from bytes: encoding and delimiter (comma, semicolon or tab)
    detected; every row with another number of fields than the header is a problem."""
    text, problems = decode(data, origin)
    if not text.strip():
        raise SourceError("empty_file", "the file is empty (not even a header)", source=origin)
    first = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = _delimiter(first)
    if '"' not in text and "\x00" not in text:
        return _split_unquoted(text, delimiter, origin), problems
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    nul = "\x00" in text
    rows: list[list[str]] = []
    numbers: list[int] = []
    header: list[str] | None = None
    row_problems: list[Problem] = []
    start = 1  # the line the record being read starts on
    try:
        for record in reader:
            top, last = start, reader.line_num
            start = last + 1
            if not any(record) or not "".join(record).strip():
                continue  # a blank line is no row
            if header is None:
                header = [c.strip() for c in record]
                check_width(len(header), origin)
                continue
            if last > top:
                row_problems.append(Problem(
                    "error", "field_count",
                    f"a quoted cell runs over lines {top}–{last}: a stray or unbalanced "
                    f"quote joins lines into one row; these {last - top + 1} lines are "
                    "left out (a cell may not hold a line break)",
                    origin, top, count=last - top + 1,
                    message_sv=f"en cell inom citattecken löper över raderna {top}–{last}: "
                    "ett lösryckt eller ensamt citattecken slår ihop rader till en; de här "
                    f"{last - top + 1} raderna utesluts (en cell får inte innehålla en "
                    "radbrytning)"))
                rows.append([])  # nothing in it can be trusted: no problems of its own
                numbers.append(top)
                continue
            if len(record) != len(header):
                row_problems.append(Problem(
                    "error", "field_count",
                    f"the row has {len(record)} field(s), the header has {len(header)} "
                    f"(separator {_NAMES[delimiter]}); check for a stray separator or quote",
                    origin, top,
                    message_sv=f"raden har {len(record)} fält, rubrikraden har "
                    f"{len(header)} (avgränsare {_NAMES_SV[delimiter]}); leta efter en "
                    "lösryckt avgränsare eller ett citattecken"))
            if nul and any("\x00" in c for c in record):  # no text: refused where it is
                rows.append([f"{_WRONG_TYPE}{NUL_TEXT}" if "\x00" in c else c
                             for c in record])
            else:
                rows.append(record)  # cells stripped, and empty ones made None, by validation
            numbers.append(top)
    except csv.Error as e:
        total = len(text.splitlines())
        if "unexpected end of data" in str(e):
            msg = (f"an unclosed quote (\") on line {start} runs to the end of the file, so "
                   f"lines {start}–{max(total, start)} cannot be read; close or remove the "
                   "quote")
        else:
            msg = (f"cannot read the CSV at line {reader.line_num}: {e} (a quote inside a cell "
                   "must be doubled, and the cell quoted)")
        raise SourceError("unreadable", msg, source=origin) from None
    if header is None:
        raise SourceError("empty_file", "the file has no header", source=origin)
    table = RawTable.from_rows(header, rows, origin=origin, numbers=numbers,
                               problems=row_problems)
    return table, problems


def check_width(width: int, origin: str) -> None:
    """Refuse a table wider than :data:`~goalkit.data.MAX_COLUMNS` before reading it.

    :raises SourceError: naming the file and the limit.
    """
    if width > MAX_COLUMNS:
        raise SourceError("unreadable",
                          f"the table has {width} columns; goalkit reads at most "
                          f"{MAX_COLUMNS} (leave out the columns the goals do not use)",
                          source=origin)


_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
_NAMES_SV = {",": "kommatecken", ";": "semikolon", "\t": "tabb"}


def _split_unquoted(text: str, delimiter: str, origin: str) -> RawTable:
    """The fast path for CSV without a single quote character: lines and fields split in
    polars, with exactly the rows, row numbers and field-count problems the csv module
    gives."""
    import polars as pl  # noqa: PLC0415

    lines = re.split(r"\r\n|\r|\n", text)
    if lines and lines[-1] == "":
        lines.pop()
    all_lines = pl.Series("line", lines, dtype=pl.String)
    blank = all_lines.str.replace_all(delimiter, "", literal=True).str.strip_chars() == ""
    kept = pl.DataFrame({"line": all_lines, "number": pl.int_range(1, len(lines) + 1,
                                                                  eager=True)}).filter(~blank)
    if not kept.height:  # nothing but separators: no header (as the csv module reads it)
        raise SourceError("empty_file", "the file has no header", source=origin)
    header = kept["line"][0].split(delimiter)
    width = len(header)
    check_width(width, origin)
    body = kept.slice(1)
    parts = body["line"].str.split(delimiter, inclusive=False)
    counts = parts.list.len()
    numbers = body["number"].to_list()
    problems = [
        Problem("error", "field_count",
                f"the row has {counts[i]} field(s), the header has {width} "
                f"(separator {_NAMES[delimiter]}); check for a stray separator or quote",
                origin, numbers[i],
                message_sv=f"raden har {counts[i]} fält, rubrikraden har {width} "
                f"(avgränsare {_NAMES_SV[delimiter]}); leta efter en lösryckt avgränsare "
                "eller ett citattecken")
        for i in (counts != width).arg_true().to_list()
    ]
    names = unique_headers([h.strip() for h in header])
    problems.extend(header_problems(header, origin))
    frame = pl.DataFrame([parts.list.get(j, null_on_oob=True).alias(n)
                          for j, n in enumerate(names)]) if len(body) else pl.DataFrame(
        [pl.Series(n, [], dtype=pl.String) for n in names])
    return RawTable.from_text_frame(frame, origin=origin, numbers=numbers, problems=problems)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise DataError("no such file", source=printable(str(path))) from None
    except OSError as e:
        raise DataError(f"cannot read the file: {e.strerror}",
                        source=printable(str(path))) from None


def read_csv(path: Path, table: str = "participants") -> RawData:
    """A single CSV file holding one table (participants unless said otherwise)."""
    raw, problems = read_csv_text(_read_bytes(path), printable(path.name))
    return RawData({table: raw}, printable(str(path)), tuple(problems))


def read_parquet(path: Path, table: str = "participants") -> RawData:
    """A single Parquet file holding one table."""
    return RawData({table: _parquet_table(path)}, printable(str(path)))


def _parquet_table(path: Path, frame: pl.DataFrame | None = None) -> RawTable:
    """A Parquet file as a raw table (``frame``: the file read already)."""
    name = printable(path.name)  # as a message can hold it
    if frame is None:
        try:
            frame = _read_parquet([path])[0]
        except Exception as e:  # polars raises several kinds for a bad file
            raise SourceError("unreadable", f"cannot read the Parquet file: {first_line(e)}",
                              source=name) from None
    return frame_table(frame, name, first_row=1)


def _parquet_frames(paths: Sequence[Path]) -> dict[Path, pl.DataFrame]:
    """Parquet files read together, side by side (a folder's participants, events and
    answers: at a million people 0.23 s against 0.28 s one after the other, on the
    development machine); nothing when one of them cannot be read, so that each is read
    alone and the one at fault named (:func:`_parquet_table`)."""
    if len(paths) < 2:  # one file is read alone
        return {}
    try:
        frames = _read_parquet(paths)
    except Exception:  # polars raises several kinds for a bad file
        return {}
    return dict(zip(paths, frames, strict=True))


def _read_parquet(paths: Sequence[Path]) -> list[pl.DataFrame]:
    """Parquet files read side by side, each text column of few values (codes, phases,
    questions, kinds of event: :func:`~goalkit.data._raw.few_valued`, of its first rows)
    held as a categorical, cast while the file is read so that its text is never held
    whole: four bytes a cell and each distinct value once, instead of a 16-byte entry a
    cell (at ten million people the three tables' read peaks at 3.3 GiB instead of 5.3
    GiB). Validation reads such a column as the text it holds
    (:func:`goalkit.data._parse.as_text`)."""
    import polars as pl  # noqa: PLC0415

    from goalkit.data._raw import SAMPLE, few_valued  # noqa: PLC0415

    heads = pl.collect_all([_scan_parquet(p).head(SAMPLE) for p in paths])
    scans = []
    for p, head in zip(paths, heads, strict=True):
        few = few_valued(head)
        scan = _scan_parquet(p)
        scans.append(scan.with_columns(pl.nth(few).cast(pl.Categorical)) if few else scan)
    return pl.collect_all(scans)


def _scan_parquet(path: Path) -> pl.LazyFrame:
    """A Parquet file scanned; one whose name is no text (a byte the file system could not
    decode, which polars cannot take in a path) read whole from its open file."""
    import polars as pl  # noqa: PLC0415

    if writable(str(path)):
        return pl.scan_parquet(path)
    with path.open("rb") as f:
        return pl.read_parquet(f).lazy()


def first_line(e: Exception) -> str:
    return (str(e).strip().splitlines() or [type(e).__name__])[0]


class _RepeatedKeyError(ValueError):
    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(key)


def _no_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _RepeatedKeyError(key)
        out[key] = value
    return out


def read_json(path: Path, mapping: ColumnMapping) -> RawData:
    """A JSON file: a list of participant objects, or an object with one list of objects
    per table (``participants``, ``events``, …)."""
    name = printable(path.name)  # as a message can hold it
    text, problems = decode(_read_bytes(path), name)
    if not text.strip():
        raise SourceError("empty_file", "the file is empty", source=name)
    try:
        data = json.loads(text, object_pairs_hook=_no_repeated_keys)
    except json.JSONDecodeError as e:
        raise SourceError("unreadable", f"not valid JSON at line {e.lineno}, column {e.colno}: "
                          f"{e.msg}", source=name) from None
    except _RepeatedKeyError as e:
        raise SourceError("duplicate_column", f"the key {shown(e.key)} is given twice in one "
                          "object; which value holds?", source=name) from None
    except RecursionError:
        raise SourceError("unreadable", "the JSON is nested too deeply to be participant data "
                          "(a list of objects of values)", source=name) from None
    except ValueError as e:  # a number too long to convert
        raise SourceError("unreadable", f"not valid JSON: {first_line(e)}",
                          source=name) from None
    tables: dict[str, RawTable] = {}
    if isinstance(data, list):
        tables["participants"] = _records_table(data, name)
    elif isinstance(data, Mapping):
        found = find_tables([str(k) for k in data], mapping, origin=name,
                            what=("key", "nyckel"))
        problems.extend(found.problems)
        for table, keys in found.tables.items():
            if len(keys) > 1:  # "participants" and "Participants"
                problems.append(_same_name(table, [shown(k) for k in keys], name))
                continue
            key = keys[0]
            value = data[key]
            origin = f"{name}, {key}"
            if not isinstance(value, list):
                raise SourceError("unreadable", f"expected a list of objects under {key!r}, got a "
                                f"{type(value).__name__}", source=name)
            tables[table] = _records_table(value, origin)
        problems.extend(
            Problem("warning", "not_read",
                    f"the list under the key {shown(key)} is not read: its name is none of "
                    f"the tables' ({', '.join(TABLES)}, their Swedish names, or a name in a "
                    "mapping file's [tables])" + (f"; did you mean {near!r}?" if near else ""),
                    name,
                    message_sv=f"listan under nyckeln {shown(key)} läses inte: namnet är ingen "
                    f"av tabellernas ({', '.join(TABLES)}, deras svenska namn, eller ett namn "
                    "under [tables] i en mappningsfil)"
                    + (f"; menade du {near!r}?" if near else ""))
            for key, near in found.others if isinstance(data[key], list))
    else:
        raise SourceError("unreadable", "expected a list of participants or an object of "
                          f"tables, got a {type(data).__name__}", source=name)
    return RawData(tables, printable(str(path)), tuple(problems))


def _same_name(table: str, names: Sequence[str], origin: str) -> Problem:
    """Fatal: ``names``, the same name written differently, could all hold ``table``."""
    return Problem(
        "error", "ambiguous_table",
        f"{' and '.join(names)} could all hold {table}, and which one does cannot be known: "
        "remove or rename all but one", origin, fatal=True,
        message_sv=f"{' och '.join(names)} kan alla innehålla tabellen "
        f"{TABLE_SV.get(table, table)}, och vilken som gör det går inte att veta: ta bort "
        "eller byt namn på alla utom en")


# -- workbooks -----------------------------------------------------------------------------


def read_excel(path: Path, mapping: ColumnMapping, *, table: str | None = None) -> RawData:
    """An Excel workbook (.xlsx): one sheet per table, named like the table (or as the
    mapping's ``[tables]`` says); a workbook with a single sheet holds participants (or
    ``table``: a folder's ``events.xlsx`` holds events)."""
    book_name = printable(path.name)  # as a message can hold it
    if path.suffix.lower() == ".xls":
        raise SourceError("unreadable", "the old Excel format (.xls) is not read; save the "
                          "workbook as .xlsx", source=book_name)
    try:
        import openpyxl  # type: ignore[import-untyped, unused-ignore]  # noqa: PLC0415
    except ImportError:  # pragma: no cover - depends on the installation
        raise DataError("reading Excel needs openpyxl: pip install 'goalkit-core[excel]'",
                        source=book_name) from None
    if not path.exists():
        raise DataError("no such file", source=printable(str(path)))
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # a corrupt or encrypted workbook raises many kinds
        raise SourceError("unreadable", f"cannot open the workbook: {first_line(e)}",
                        source=book_name) from None
    try:
        found = find_tables([ws.title for ws in book.worksheets], mapping, origin=book_name,
                            what=("sheet", "blad"),
                            label=lambda title: f"sheet {shown(title)}")
        tables: dict[str, RawTable] = {}
        problems: list[Problem] = list(found.problems)
        for name, titles in found.tables.items():
            if len(titles) > 1:  # Excel allows no such pair, but a workbook's XML may
                problems.append(_same_name(name, [shown(t) for t in titles], book_name))
                continue
            title = titles[0]
            tables[name] = _sheet(book[title], f"{book_name}, sheet {title!r}",
                                  _typed_columns(name, mapping))
        name = table or "participants"
        if (not tables and not any(p.fatal for p in problems) and len(book.worksheets) == 1
                and name not in mapping.tables):  # else the mapping says where it is
            ws = book.worksheets[0]
            tables[name] = _sheet(ws, f"{book_name}, sheet {ws.title!r}",
                                  _typed_columns(name, mapping))
        return RawData(tables, printable(str(path)), tuple(problems))
    finally:
        book.close()


def _typed_columns(table: str, mapping: ColumnMapping) -> Callable[[str], bool]:
    """Whether a header of ``table`` names a column of dates or numbers, which reads an
    Excel error cell (``#N/A``) as a date or number it cannot read (``bad_date``,
    ``bad_number``); any other column refuses one as no value (``wrong_type``)."""
    from goalkit.data._schema import SCHEMA  # noqa: PLC0415

    typed = {c.name for c in SCHEMA[table].columns if c.type != "string"} if (
        table in SCHEMA) else {"date", "value", "period_start"} if (
        table == "measurements") else {"date"}

    def is_typed(header: str) -> bool:
        name = mapping.canonical(table, header)
        return name in typed or (table == "measurements" and name not in
                                 ("metric", "source", "additive") and any(
                                     sep in name for sep in ".:"))  # a breakdown's part
    return is_typed


def _sheet(ws: Any, origin: str, typed: Callable[[str], bool]) -> RawTable:
    """A sheet as a raw table: the header is its first row with two cells or more; a row
    with a value right of the header's last column is an error (``field_count``, as a CSV
    row with a field too many), and so is an error cell (``#DIV/0!``) in a column of text
    (``wrong_type``; a date or number column reads it as one it cannot read)."""
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    header: list[str] | None = None
    rows: list[list[str | None]] = []
    numbers: list[int] = []
    problems: list[Problem] = []
    text_columns: list[bool] = []
    for number, row in enumerate(ws.iter_rows(), start=1):
        cells = [cell_text(c.value) for c in row]
        if not any(c is not None for c in cells):
            continue  # an empty row is no row
        if header is None:
            if sum(c is not None for c in cells) < 2:
                continue  # a title above the header is no row (a table has 2+ columns)
            header = [c if c is not None and not c.startswith(_WRONG_TYPE) else ""
                      for c in cells]
            while header and not header[-1]:
                header.pop()
            check_width(len(header), origin)
            text_columns = [not typed(h.strip()) if h.strip() else True for h in header]
            continue
        width = len(header)
        beyond = next((k for k in range(width, len(cells)) if cells[k] is not None), None)
        if beyond is not None:
            problems.append(Problem(
                "error", "field_count",
                f"the row has a value in column {get_column_letter(beyond + 1)}, right of "
                f"the header's last column ({get_column_letter(width)}); a value outside "
                "the table belongs to no column", origin, number,
                message_sv=f"raden har ett värde i kolumn {get_column_letter(beyond + 1)}, "
                f"till höger om rubrikradens sista kolumn ({get_column_letter(width)}); ett "
                "värde utanför tabellen hör inte till någon kolumn"))
        for k, c in enumerate(row[:width]):
            if c.data_type == "e" and cells[k] is not None and text_columns[k]:
                cells[k] = f"{_WRONG_TYPE}{EXCEL_ERROR}"
        rows.append(cells)
        numbers.append(number)
    if header is None:
        raise SourceError("empty_file", "the sheet is empty (not even a header)", source=origin)
    return RawTable.from_rows(header, rows, origin=origin, numbers=numbers, problems=problems)


# -- database URLs -------------------------------------------------------------------------


def safe_url(url: str) -> str:
    """A database URL without its password (``user:***@``, ``?password=***``), for
    messages: :func:`goalkit._redact.mask_secrets`, the one masking function."""
    from goalkit._redact import mask_secrets  # noqa: PLC0415

    return mask_secrets(url)


# -- folders and frames ------------------------------------------------------------------------


def read_folder(path: Path, mapping: ColumnMapping) -> RawData:
    """A folder with one file per table (``participants.csv``, ``events.parquet``, …),
    found by name (:func:`~goalkit.data._mapping.find_tables`). A data file whose name
    is none of the tables' is not read, with a warning (a misspelled ``event.csv`` would
    otherwise go unseen)."""
    if not path.is_dir():
        raise DataError("no such folder", source=printable(str(path)))
    where = printable(path.name)
    by_stem: dict[str, list[Path]] = {}
    unread: list[Path] = []
    for f in sorted(path.iterdir()):
        if not f.is_file() or f.name.startswith((".", "~$")):  # hidden, an Office lock
            continue
        if f.suffix.lower() in FOLDER_SUFFIXES:
            by_stem.setdefault(f.stem, []).append(f)
        elif f.suffix.lower() in _DATA_LIKE:
            unread.append(f)
    found = find_tables(list(by_stem), mapping, origin=where, what=("file", "fil"),
                        label=lambda stem: ", ".join(f.name for f in by_stem[stem]))
    problems: list[Problem] = list(found.problems)
    problems.extend(_not_read(f, stem_of=found.others, mapping=mapping, folder=where)
                    for f in _unread_files(by_stem, found.others, unread, mapping))
    # a file read has a table's name: its name needs no printable()
    files: dict[str, list[Path]] = {}
    errors: list[DataError] = []
    for table, stems in found.tables.items():
        candidates = sorted((f for stem in stems for f in by_stem[stem]),
                            key=lambda f: FOLDER_SUFFIXES.index(f.suffix.lower()))
        same = [f.name for f in candidates if f.suffix.lower() == candidates[0].suffix.lower()]
        if len(same) > 1:  # Participants.csv and participants.csv
            problems.append(Problem(
                "error", "ambiguous_table",
                f"{' and '.join(same)} could both hold {table}, and which one does cannot be "
                "known: remove or rename one", where, fatal=True,
                message_sv=f"{' och '.join(same)} kan båda innehålla tabellen "
                f"{TABLE_SV.get(table, table)}, och vilken som gör det går inte att veta: ta "
                "bort eller byt namn på den ena"))
            continue
        files[table] = candidates
    read = _parquet_frames([c[0] for c in files.values() if c[0].suffix.lower() == ".parquet"])
    readers: dict[str, Callable[[Path], tuple[RawTable, list[Problem]]]] = {
        ".csv": lambda f: read_csv_text(_read_bytes(f), f.name),
        ".tsv": lambda f: read_csv_text(_read_bytes(f), f.name),
        ".parquet": lambda f: (_parquet_table(f, read.pop(f, None)), []),
    }
    one_table = attrs.evolve(mapping, tables={})  # its [tables] named the files
    tables: dict[str, RawTable] = {}
    for table, candidates in files.items():
        chosen = candidates[0]
        if len(candidates) > 1:
            names = ", ".join(f.name for f in candidates)
            problems.append(Problem(
                "warning", "ambiguous_table",
                f"{names} could all hold {table}; {chosen.name} was read (Parquet before "
                "CSV, TSV, JSON, Excel)", where,
                message_sv=f"{names} kan alla innehålla tabellen "
                f"{TABLE_SV.get(table, table)}; {chosen.name} lästes (Parquet före CSV, TSV, "
                "JSON, Excel)"))
        try:
            if chosen.suffix.lower() in readers:
                raw, problems_read = readers[chosen.suffix.lower()](chosen)
                tables[table] = raw
                problems.extend(problems_read)
            elif chosen.suffix.lower() == ".json":
                data = read_json(chosen, one_table)
                tables[table] = next(iter(data.tables.values()))
                problems.extend(data.problems)
            else:
                data = read_excel(chosen, one_table, table=table)
                tables[table] = data.tables.get(table) or next(iter(data.tables.values()))
                problems.extend(data.problems)
        except DataError as e:
            errors.append(e)
        except StopIteration:
            errors.append(DataError("no table found in the file", source=chosen.name))
    problems.extend(
        Problem("error", e.code if isinstance(e, SourceError) else "unreadable", e.message,
                e.source or "", fatal=True)
        for e in errors
    )
    return RawData(tables, printable(str(path)), tuple(problems))


_DATA_LIKE = (*FOLDER_SUFFIXES, ".txt", ".xls")
"""The files of a folder that look like data: one whose name is none of the tables' is
named in a warning, not passed over in silence (a ``.txt`` one only when its name is a
table's: a folder may hold a README)."""


def _unread_files(by_stem: Mapping[str, list[Path]],
                  others: Sequence[tuple[str, str | None]], unread: Sequence[Path],
                  mapping: ColumnMapping) -> list[Path]:
    """The data-like files of a folder that are not read: those of a readable kind whose
    name is no table's, and those of a kind not read in a folder (``.xls``, and ``.txt``
    named as a table is)."""
    out = [f for stem, _ in others for f in by_stem[stem]]
    names = {name_key(n) for table in TABLES for n in mapping.table_names(table)}
    out += [f for f in unread if f.suffix.lower() != ".txt" or name_key(f.stem) in names]
    return sorted(out)


def _not_read(f: Path, *, stem_of: Sequence[tuple[str, str | None]], mapping: ColumnMapping,
              folder: str) -> Problem:
    """A warning naming a data file of a folder that is not read, and why."""
    names = {name_key(n) for table in TABLES for n in mapping.table_names(table)}
    suffix = f.suffix.lower()
    if suffix == ".xls":
        why = "the old Excel format (.xls) is not read; save the workbook as .xlsx"
        why_sv = "det gamla Excel-formatet (.xls) läses inte; spara arbetsboken som .xlsx"
    elif suffix not in FOLDER_SUFFIXES and name_key(f.stem) in names:
        why = (f"a folder's tables are read from {', '.join(FOLDER_SUFFIXES)} files; name it "
               f"{f.stem}.csv")
        why_sv = (f"en mapps tabeller läses från filer som slutar på "
                  f"{', '.join(FOLDER_SUFFIXES)}; döp om den till {f.stem}.csv")
    else:
        near = dict(stem_of).get(f.stem)
        hint = f"; did you mean {near!r}?" if near else ""
        hint_sv = f"; menade du {near!r}?" if near else ""
        why = (f"its name is none of the tables' ({', '.join(TABLES)}, their Swedish names, "
               f"or a name in a mapping file's [tables]){hint}")
        why_sv = (f"namnet är ingen av tabellernas ({', '.join(TABLES)}, deras svenska namn, "
                  f"eller ett namn under [tables] i en mappningsfil){hint_sv}")
    name = printable(f.name)
    return Problem("warning", "not_read", f"{name} is not read: {why}", folder,
                   message_sv=f"{name} läses inte: {why_sv}")


def printable(name: str) -> str:
    """A file's or folder's name as a message (and a report) can hold it: a byte the file
    system's encoding could not decode (Linux hands Python a lone surrogate for it,
    ``h\udce4ndelser.csv``, a name written in Latin-1) shown as ``�``, which every report
    can write; a name holding a personal identity number not shown at all."""
    name = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    if contains_personal_number(name):
        return "(a name that looks like a personal identity number)"
    return name


def read_frames(frames: Mapping[str, Any]) -> RawData:
    """Frames a host holds in memory (polars, pandas, pyarrow, anything narwhals reads),
    by table name."""
    import narwhals as nw  # noqa: PLC0415

    tables: dict[str, RawTable] = {}
    for table, native in frames.items():
        if native is None:
            continue
        if table not in TABLES:
            raise DataError(f"unknown table {table!r}; expected one of {', '.join(TABLES)}",
                            source="<frames>")
        try:
            frame = nw.from_native(native)
        except TypeError:
            raise DataError(f"cannot read a {type(native).__name__} as a table; pass a "
                            "polars, pandas or pyarrow frame", source=f"{table} frame") from None
        if isinstance(frame, nw.LazyFrame):
            frame = frame.collect()
        if not isinstance(frame, nw.DataFrame):
            raise DataError(f"cannot read a {type(native).__name__} as a table",
                            source=f"{table} frame")
        origin = f"{table} frame"
        try:
            tables[table] = frame_table(frame.to_polars(), origin, first_row=1)
        except Exception:  # mixed types in one column (pandas object dtype): cell by cell
            header = [str(c) for c in frame.columns]
            values = [frame.get_column(c).to_list() for c in frame.columns]
            rows = [[cell_text(col[i]) for col in values] for i in range(len(frame))]
            tables[table] = RawTable.from_rows(header, rows, origin=origin,
                                               numbers=range(1, len(rows) + 1))
    return RawData(tables, "<frames>")
