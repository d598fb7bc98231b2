"""Raw tables: every source read into text cells, before anything is parsed.

Every loader reads its source into :class:`RawTable` objects whose cells are all text
(``None`` for an empty cell), so every source goes through one and the same parsing
(:mod:`goalkit.data._validate`): the same data gives the same canonical types whatever it
was stored in.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from attrs import field, frozen

from goalkit.data._privacy import looks_like_personal_number, shown
from goalkit.data._problems import Problem

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence  # noqa: TC004  # attrs reads no annotations

    import polars as pl  # noqa: TC004  # attrs reads no annotations

__all__ = [
    "WRONG_TYPE",
    "RawData",
    "RawTable",
    "contains_personal_number",
    "header_problems",
    "stripped",
    "unique_headers",
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
        for columns a typed source stored as dates, which stay dates.
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
        raw = pl.DataFrame(
            [pl.Series(n, c, dtype=pl.String) for n, c in zip(names, columns, strict=True)]
        )
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
        are stripped, and empty ones become ``None``."""
        return cls(stripped(raw), origin, tuple(numbers), tuple(problems))


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
"""Rows of a text column looked at by one task of :func:`stripped`'s check."""


def stripped(frame: pl.DataFrame, *, rows_a_task: int = _SLICE) -> pl.DataFrame:
    """Text columns with every cell stripped, and an empty one made ``None``; a column
    with no cell to change (the common case) is left as it is, unchanged and uncopied.

    Which columns have a cell to change is looked for in one query over slices of
    ``rows_a_task`` rows of every column, which polars runs side by side: a column looked
    at in one piece keeps one core busy (about a third of a second for six million cells
    on this machine), and a table has few columns."""
    import polars as pl  # noqa: PLC0415

    if not frame.width:
        return frame
    untidy_cell = r"^\s|\s$|^$"
    pieces = [(c, pl.nth(i).slice(start, rows_a_task).str.contains(untidy_cell).any()
               .alias(f"{i}:{start}"))
              for i, c in enumerate(frame.columns)
              for start in range(0, max(frame.height, 1), rows_a_task)]
    found = frame.select(e for _, e in pieces).row(0)
    untidy = {c for (c, _), u in zip(pieces, found, strict=True) if u}
    if not untidy:
        return frame
    # columns by position: a header such as ``^id$`` is a name, not a pattern of names
    cells = [(c, pl.nth(i).str.strip_chars()) for i, c in enumerate(frame.columns)
             if c in untidy]
    return frame.with_columns(pl.when(e != "").then(e).alias(c) for c, e in cells)


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
        base, n = name, 2
        while name in out:
            name, n = f"{base} ({n})", n + 1
        out.append(name)
    return out


def contains_personal_number(text: str) -> bool:
    """Whether ``text`` holds a run of digits that is a personal identity number."""
    return any(looks_like_personal_number(m) for m in _PNR_RUNS.findall(text))


_PNR_RUNS = re.compile(r"(?<!\d)(?:\d{2})?\d{6}[-+ ]?\d{4}(?!\d)")
