"""Raw tables: every source read into text cells, before anything is parsed.

Every loader reads its source into :class:`RawTable` objects whose cells are all text
(``None`` for an empty cell), so every source goes through one and the same parsing
(:mod:`goalkit.data._validate`): the same data gives the same canonical types whatever it
was stored in.

Every text cell is stripped, and an empty one made ``None`` (:func:`stripped`): a text
source's as it is read; a typed source's (Parquet, a frame), whose empty cells are
``None`` already, by validation, which looks for the cells to strip in the one
collection that asks every table what its checks must know
(:func:`goalkit.data._cells.probe`), not in a pass of their own over every text column.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from attrs import field, frozen

from goalkit.data._privacy import contains_personal_number, shown
from goalkit.data._problems import Problem
from goalkit.model._text import unwritable

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence  # noqa: TC004  # attrs reads no annotations

    import polars as pl  # noqa: TC004  # attrs reads no annotations

__all__ = [
    "BROKEN_TEXT",
    "EXCEL_ERROR",
    "NUL_TEXT",
    "SAMPLE",
    "WRONG_TYPE",
    "RawData",
    "RawTable",
    "contains_personal_number",
    "few_valued",
    "few_values",
    "header_problems",
    "strip",
    "stripped",
    "unique_headers",
    "untidy",
    "untidy_cell",
    "writable",
]

WRONG_TYPE = "\x00"
"""Readers put this before the type name of a cell that is not a scalar value."""


def names_read_as_names(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with each column polars would read as a pattern of names rather than a
    name (``^note$``: it begins with ``^`` and ends with ``$``) renamed ``^note$ (column
    5)``, which it reads as the name it is: every step of validation names its columns, and
    a header is a name."""
    pattern = [c for c in frame.columns if c.startswith("^") and c.endswith("$")]
    if not pattern:
        return frame
    taken = set(frame.columns)
    names: dict[str, str] = {}
    for i, c in enumerate(frame.columns, start=1):
        if c in pattern:
            name, n = f"{c} (column {i})", 2
            while name in taken:
                name, n = f"{c} (column {i}, {n})", n + 1
            names[c] = name
            taken.add(name)
    return frame.rename(names)


@frozen
class RawTable:
    """One table as read from its source: every cell text, nothing parsed yet.

    :param frame: a polars frame whose columns are all strings (``None`` for empty), but
        for columns a typed source stored as dates or numbers, which stay so, and text
        columns of few values a typed source holds as categoricals (a Parquet file's
        codes, phases, questions: :func:`goalkit.data._sources.frame_table`), which
        validation reads as the text they hold and keeps as they are.
    :param tidied: whether every text cell is stripped, and an empty one ``None``,
        already (:func:`stripped`), as a text source's table is. A typed source's (a
        Parquet file, a frame) is not: its empty cells are ``None`` but for a rare empty
        text, and validation strips what needs it as it asks its other questions
        (:func:`goalkit.data._cells.probe`), instead of a pass of its own over every text
        column.
    :param origin: where it came from, as a person finds it: ``participants.csv``,
        ``data.xlsx, sheet 'Deltagare'``, ``database table participants``.
    :param rows: the row number of each frame row as the source shows it (a spreadsheet
        counts the header as row 1).
    :param problems: problems found while reading (rows with a wrong field count, …).
    """

    frame: pl.DataFrame = field(converter=names_read_as_names)
    origin: str
    rows: Sequence[int]
    problems: tuple[Problem, ...] = ()
    tidied: bool = False

    @classmethod
    def from_rows(
        cls,
        header: Sequence[str],
        rows: Iterable[Sequence[str | None]],
        *,
        origin: str,
        numbers: Sequence[int],
        problems: Sequence[Problem] = (),
    ) -> RawTable:
        """A table from a header and rows of text cells."""
        import polars as pl  # noqa: PLC0415

        names = unique_headers(header)
        problems = [*problems, *header_problems(header, origin)]
        width = len(names)
        padded = [r if len(r) == width else [*r, *([None] * width)][:width] for r in rows]
        columns = list(zip(*padded, strict=True)) if padded else [() for _ in names]
        if not names:
            return cls(pl.DataFrame(), origin, tuple(numbers), tuple(problems))
        raw = pl.DataFrame([_text_column(n, c) for n, c in zip(names, columns, strict=True)])
        return cls.from_text_frame(raw, origin=origin, numbers=numbers, problems=problems)

    @classmethod
    def from_text_frame(
        cls,
        raw: pl.DataFrame,
        *,
        origin: str,
        numbers: Sequence[int],
        problems: Sequence[Problem] = (),
    ) -> RawTable:
        """A table from a frame of text columns named by :func:`unique_headers`: cells
        are stripped, and empty ones become ``None``. (A text source has empty cells in
        most tables, which would cost validation a second probe of the table.)"""
        return cls(stripped(raw), origin, tuple(numbers), tuple(problems), tidied=True)


BROKEN_TEXT = "text with a lone surrogate"
"""The type name (after :data:`WRONG_TYPE`) of a cell whose text holds a lone surrogate:
a JSON ``"\\ud800"`` escape, or a frame's string, which no encoding can write (polars
cannot hold it). Refused as no value (``wrong_type``), its row left out."""


NUL_TEXT = "text with a NUL character"
"""The type name (after :data:`WRONG_TYPE`) of a text file's cell that holds a NUL byte
(``\x00``), which no text holds: refused as no value (``wrong_type``), its row left out."""


EXCEL_ERROR = "Excel error"
"""The type name (after :data:`WRONG_TYPE`) of a workbook's error cell (``#DIV/0!``,
``#N/A``) in a column of text: refused as no value (``wrong_type``), its row left out."""


def _text_column(name: str, cells: Sequence[str | None]) -> pl.Series:
    """A column of text cells; a cell no encoding can write (a lone surrogate) is marked
    as no value (:data:`BROKEN_TEXT`), looked for only when the column cannot be made."""
    import polars as pl  # noqa: PLC0415

    try:
        return pl.Series(name, cells, dtype=pl.String)
    except UnicodeEncodeError:
        return pl.Series(name, [c if c is None or writable(c)
                                else f"{WRONG_TYPE}{BROKEN_TEXT}" for c in cells],
                         dtype=pl.String)


def writable(text: str) -> bool:
    """Whether ``text`` can be written as UTF-8 (:func:`goalkit.model._text.unwritable`)."""
    return unwritable(text) is None


@frozen
class RawData:
    """Everything a loader read, before validation.

    :param tables: table name (see :data:`goalkit.data.TABLES`) to its raw table.
    :param source: the file, folder or database, for messages only (never in a report).
    :param problems: problems not tied to one table (an unreadable file, encodings).
    """

    tables: Mapping[str, RawTable]
    source: str
    problems: tuple[Problem, ...] = ()


_SLICE = 1 << 18
"""Rows of a text column looked at by one expression of :func:`untidy`."""

_UNTIDY_CELL = r"^\s|\s$|^$"
"""A cell :func:`stripped` changes: white space first or last, or empty."""


def untidy_cell(e: pl.Expr) -> pl.Expr:
    """Whether each cell of ``e`` is one :func:`stripped` changes."""
    return e.str.contains(_UNTIDY_CELL)


SAMPLE = 4096
"""Cells at the head of a column looked at to guess how many distinct values it holds
(:func:`few_values`)."""


def few_values(s: pl.Series, *more: pl.Series) -> bool:
    """Whether the text column ``s`` looks like a column of codes, names, places: its
    first :data:`SAMPLE` cells hold few distinct values (at most one in eight). A
    question about such a column is asked of its distinct values, each once. With
    ``more`` columns (of as many rows), whether their first rows hold few distinct
    combinations: columns that do have their values gathered together."""
    import polars as pl  # noqa: PLC0415

    head = pl.DataFrame([c.head(SAMPLE).alias(str(k)) for k, c in enumerate((s, *more))])
    return head.n_unique() * 8 <= min(SAMPLE, s.len())


def few_valued(frame: pl.DataFrame) -> list[int]:
    """The positions of the text columns of ``frame`` that hold few values
    (:func:`few_values` of their first rows): those a Parquet file's are read as
    categoricals (:func:`goalkit.data._sources.frame_table`)."""
    import polars as pl  # noqa: PLC0415

    return [i for i, s in enumerate(frame.iter_columns())
            if s.dtype == pl.String and few_values(s)]


def untidy(frame: pl.DataFrame, *, rows_a_task: int = _SLICE,
           skip: Iterable[str] = ()) -> list[tuple[str, pl.Expr]]:
    """Expressions, each with the text column of ``frame`` it looks at, that together say
    which columns have a cell :func:`stripped` changes (each holds for some such cell in
    its part of the column): a query over ``frame``'s columns, in their order, that
    selects them finds the columns to strip. Columns are read by position (a header such
    as ``^id$`` is a name, not a pattern of names).

    A column of codes, names, places (its first :data:`SAMPLE` cells hold few distinct
    values) is looked at value by value, each distinct value once: three times faster
    than cell by cell for a column of six million answers' phases, two and a half times
    slower for one of a million distinct ids. Any other is looked at cell by cell, in
    slices of ``rows_a_task`` rows, which polars runs side by side: a column looked at
    in one piece keeps one core busy (about a third of a second for six million cells on
    this machine), and a table has few columns. The columns ``skip`` names are left to
    the caller (validation's probe asks all its questions of a column of few values
    together, :func:`goalkit.data._cells.probe`)."""
    import polars as pl  # noqa: PLC0415

    out = []
    skipped = set(skip)
    for i, s in enumerate(frame.iter_columns()):
        if s.dtype != pl.String or s.name in skipped:
            continue
        if few_values(s):
            out.append((s.name, untidy_cell(pl.nth(i).unique()).any()))
            continue
        out.extend((s.name, untidy_cell(pl.nth(i).slice(start, rows_a_task)).any())
                   for start in range(0, max(s.len(), 1), rows_a_task))
    return out


def strip(frame: pl.DataFrame, columns: Iterable[str]) -> pl.DataFrame:
    """``frame`` with every cell of the text ``columns`` stripped, and an empty one made
    ``None``; the other columns as they are, unchanged and uncopied."""
    import polars as pl  # noqa: PLC0415

    chosen = set(columns)
    if not chosen:
        return frame
    cells = [(c, pl.nth(i).cast(pl.String).str.strip_chars(), s.dtype)
             for i, (c, s) in enumerate(zip(frame.columns, frame.iter_columns(), strict=True))
             if c in chosen]
    # a categorical stays one (its text is held once a value)
    return frame.with_columns(pl.when(e != "").then(e).cast(dtype).alias(c)
                              for c, e, dtype in cells)


def stripped(frame: pl.DataFrame, *, rows_a_task: int = _SLICE) -> pl.DataFrame:
    """Text columns with every cell stripped, and an empty one made ``None``; a column
    with no cell to change (the common case) is left as it is, unchanged and uncopied.

    Which columns have a cell to change is looked for in one query (:func:`untidy`).
    Validation does the same in its probe, beside its other questions."""
    if not frame.width:
        return frame
    pieces = untidy(frame, rows_a_task=rows_a_task)
    if not pieces:
        return frame
    found = frame.select(e.alias(str(k)) for k, (_, e) in enumerate(pieces)).row(0)
    return strip(frame, {c for (c, _), u in zip(pieces, found, strict=True) if u})


def header_problems(header: Sequence[str], origin: str) -> list[Problem]:
    """A column name given twice is fatal: which of the two columns holds the data?"""
    seen: dict[str, int] = {}
    out: list[Problem] = []
    for i, h in enumerate(header, start=1):
        name = (h or "").strip()
        if not name:
            continue
        if name in seen:
            pnr = contains_personal_number(name)
            shown_name = ("(a name that looks like a personal identity number)"
                          if pnr else repr(shown(name)[1:-1]))
            shown_sv = ("(ett namn som liknar ett personnummer)"
                        if pnr else repr(shown(name)[1:-1]))
            out.append(Problem("error", "duplicate_column",
                               f"the column name {shown_name} is given twice (columns "
                               f"{seen[name]} and {i}); rename one of them", origin,
                               fatal=True,
                               message_sv=f"kolumnnamnet {shown_sv} förekommer två gånger "
                                          f"(kolumn {seen[name]} och {i}); byt namn på "
                                          "en av dem"))
        else:
            seen[name] = i
    return out


def unique_headers(header: Sequence[str]) -> list[str]:
    out: list[str] = []
    for i, h in enumerate(header, start=1):
        name = (h or "").strip() or f"column {i}"
        if contains_personal_number(name):
            name = f"column {i} (its name looks like a personal identity number)"
        elif not writable(name):
            name = f"column {i} (its name holds a lone surrogate, no character)"
        base, n = name, 2
        while name in out:
            name, n = f"{base} ({n})", n + 1
        out.append(name)
    return out
