"""Reading databases into raw tables of text: a SQLite file, or any SQL database that
SQLAlchemy reaches through a URL.

Like every reader in :mod:`goalkit.data._sources`, these return
:class:`~goalkit.data._raw.RawData` of text cells (:func:`~goalkit.data._sources.cell_text`)
and never parse a value; tables are found by goalkit's names or the mapping's ``[tables]``.
A database URL is shown only without its password (:func:`~goalkit.data._sources.safe_url`).

SQLite stores whatever bytes a program gave it as text; a text that is not UTF-8 (a Latin-1
export) is read as a text file's lines are (:func:`_read_text`), never quoted in a message.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from goalkit._exceptions import DataError
from goalkit.data._mapping import find_tables
from goalkit.data._privacy import shown as quoted
from goalkit.data._problems import TABLE_SV, Problem
from goalkit.data._raw import RawData, RawTable
from goalkit.data._sources import SourceError, _latin, cell_text, first_line, safe_url

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Iterable, Sequence
    from pathlib import Path

    from goalkit.data._mapping import ColumnMapping

__all__ = ["read_sql", "read_sqlite"]


def _found(available: Iterable[str], mapping: ColumnMapping, origin: str,
           ) -> tuple[dict[str, str], list[Problem]]:
    """The database table holding each table, found as a folder's files and a workbook's
    sheets are (:func:`~goalkit.data._mapping.find_tables`): two that could hold one
    table refuse it."""
    found = find_tables(list(available), mapping, origin=origin,
                        what=("database table", "databastabell"))
    problems = list(found.problems)
    chosen: dict[str, str] = {}
    for table, names in found.tables.items():
        if len(names) > 1:  # "participants" and "Participants"
            problems.append(Problem(
                "error", "ambiguous_table",
                f"{' and '.join(map(quoted, names))} could all hold {table}, and which one "
                "does cannot be known", origin, fatal=True,
                message_sv=f"{' och '.join(map(quoted, names))} kan alla innehålla tabellen "
                f"{TABLE_SV.get(table, table)}, och vilken som gör det går inte att veta"))
        else:
            chosen[table] = names[0]
    return chosen, problems


class _NotUtf8(str):
    """A SQLite text whose bytes are not UTF-8, read as Latin-1 (Windows-1252)."""

    __slots__ = ()


def _read_text(data: bytes) -> str:
    """A SQLite text's bytes as text: UTF-8, else Latin-1 (Windows-1252), marked
    :class:`_NotUtf8` so that the cell is named in a warning.

    A text file in Latin-1 is read as Latin-1 with a warning, and one in two encodings
    line by line, each line in its own (:func:`goalkit.data._sources.decode`); a database
    is read so too, cell by cell, each cell in its own. Refusing such a cell instead
    would leave its row out for a letter ``å`` a legacy export wrote in Latin-1, where
    the same rows in a CSV file are kept; the warning names every cell so read (table,
    column and rows), for a person to check their letters beyond a–z. Python's sqlite3,
    left to itself, refused the whole database with the cell's value in its message.
    A BLOB is not text and never comes here: it stays refused where it is (``wrong_type``).
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _NotUtf8(_latin(data))


def _rows_shown(rows: Sequence[int], more: str) -> str:
    shown = ", ".join(str(n) for n in rows[:10])
    return shown + (f" {more.format(len(rows) - 10)}" if len(rows) > 10 else "")


def _not_utf8(origin: str, header: Sequence[str], rows: Sequence[Sequence[Any]],
              ) -> list[Problem]:
    """One ``encoding`` warning a column with names or cells read as Latin-1, naming the
    column and its rows (never a value)."""
    problems: list[Problem] = [Problem(
        "warning", "encoding",
        "the column's name was read as Latin-1 (Windows-1252), not UTF-8; store the "
        "database's text as UTF-8", origin, column=name,
        message_sv="kolumnens namn lästes som Latin-1 (Windows-1252), inte UTF-8; spara "
        "databasens text som UTF-8") for name in header if isinstance(name, _NotUtf8)]
    latin: dict[int, list[int]] = {}
    for number, row in enumerate(rows, start=1):
        for j, value in enumerate(row):
            if isinstance(value, _NotUtf8):
                latin.setdefault(j, []).append(number)
    for j, numbers in sorted(latin.items()):
        en, sv = _rows_shown(numbers, "and {} more"), _rows_shown(numbers, "och {} till")
        problems.append(Problem(
            "warning", "encoding",
            f"row(s) {en} read as Latin-1 (Windows-1252), not UTF-8; check their letters "
            "beyond a–z, and store the database's text as UTF-8", origin,
            column=header[j], count=len(numbers),
            message_sv=f"rad(erna) {sv} lästes som Latin-1 (Windows-1252), inte UTF-8; "
            "kontrollera deras bokstäver utöver a–z, och spara databasens text som UTF-8"))
    return problems


def _select(con: sqlite3.Connection, name: str, origin: str,
            ) -> tuple[list[str], list[Any], list[Problem]]:
    """Every row of a table or view, its header, and a warning for each column with text
    that is not UTF-8 (:func:`_read_text`). The table is read as UTF-8 first, as Python's
    sqlite3 reads fastest; only a table that fails so is read again, text by text.

    :raises SourceError: ``unreadable``, for a table SQLite cannot read (a view of a
        table that is not there).
    """
    import sqlite3  # noqa: PLC0415

    quoted = '"' + name.replace('"', '""') + '"'
    select = f"SELECT * FROM {quoted}"  # noqa: S608 - a known table name
    try:
        cur = con.execute(select)
        return [d[0] for d in cur.description], cur.fetchall(), []
    except (sqlite3.OperationalError, UnicodeDecodeError):
        pass  # text or a column's name that is not UTF-8 (or a table SQLite cannot read)
    con.text_factory = _read_text
    try:
        try:
            cur = con.execute(select)
            header = [d[0] for d in cur.description]
        except UnicodeDecodeError:  # a column's name: Python cannot even describe it
            header = [r[1] for r in con.execute(f"PRAGMA table_xinfo({quoted})")
                      if r[6] != 1]  # 1: a virtual table's hidden column, not in "*"
            named = ", ".join(f"c{i}" for i in range(len(header)))
            cur = con.execute(f"WITH t({named}) AS ({select}) SELECT * FROM t")  # noqa: S608
        rows = cur.fetchall()
    except sqlite3.OperationalError:
        raise SourceError("unreadable", "cannot read the table", source=origin) from None
    finally:
        con.text_factory = str
    return header, rows, _not_utf8(origin, header, rows)


def read_sqlite(path: Path, mapping: ColumnMapping) -> RawData:
    """A SQLite database file (the standard library's sqlite3, read only), tables named
    like goalkit's (or as the mapping's ``[tables]`` says), rows in stored order. Text
    that is not UTF-8 is read as Latin-1, with a warning naming its table, column and
    rows (:func:`_read_text`)."""
    import sqlite3  # noqa: PLC0415

    if not path.is_file():
        raise DataError("no such database file", source=str(path))
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as e:
        raise DataError(f"cannot open the database: {e}", source=path.name) from None
    try:
        con.text_factory = _read_text  # a table of notes named in Latin-1 is passed over
        names = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")]
        con.text_factory = str
        latin = {n for n in names if isinstance(n, _NotUtf8)}
        tables: dict[str, RawTable] = {}
        chosen, problems = _found(names, mapping, path.name)
        for table, name in chosen.items():
            origin = f"{path.name}, table {name}"
            if name in latin:  # a query names it in UTF-8, which SQLite would not find
                raise SourceError("unreadable", "the table's name is not UTF-8 text, so "
                                  "it cannot be read; rename it", source=origin)
            header, rows, read = _select(con, name, origin)
            tables[table] = RawTable.from_rows(
                header, [[cell_text(v) for v in r] for r in rows], origin=origin,
                numbers=range(1, len(rows) + 1), problems=read)
    except sqlite3.DatabaseError as e:
        raise SourceError("unreadable", f"not a readable SQLite database: {e}",
                          source=path.name) from None
    finally:
        con.close()
    return RawData(tables, str(path), tuple(problems))


def _engine_url(url: str) -> str:
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def read_sql(url: str, mapping: ColumnMapping) -> RawData:
    """Any SQL database SQLAlchemy reaches through a URL (``postgresql://user@host/db``,
    ``mysql+pymysql://…``). Rows are ordered by every column, so the same table always
    reads the same way."""
    shown = safe_url(url)
    try:
        import sqlalchemy as sa  # noqa: PLC0415
    except ImportError:  # pragma: no cover - depends on the installation
        raise DataError("reading a database needs SQLAlchemy: pip install "
                        "'goalkit-core[sql]'", source=shown) from None
    try:
        sa.engine.make_url(url)
    except ValueError:  # SQLAlchemy's message quotes the "port": a password, perhaps
        raise SourceError("unreadable", "cannot use this database URL: the text after the "
                          "host's ':' is not a port number (a password goes between ':' and "
                          "'@', before the host: postgresql://user:password@host/db)",
                          source=shown) from None
    except sa.exc.ArgumentError:
        pass  # said below, as create_engine says it
    try:
        engine = sa.create_engine(_engine_url(url))
    except Exception as e:  # bad URL or missing driver
        raise SourceError("unreadable", f"cannot use this database URL: {first_line(e)}",
                        source=shown) from None
    tables: dict[str, RawTable] = {}
    try:
        with engine.connect() as con:
            names = sa.inspect(con).get_table_names()
            names += sa.inspect(con).get_view_names()
            chosen, problems = _found(names, mapping, shown)
            for table, name in chosen.items():
                t = sa.Table(name, sa.MetaData(), autoload_with=con)
                order = [sa.nulls_first(sa.asc(c)) for c in t.columns]
                result = con.execute(sa.select(t).order_by(*order))
                header = list(result.keys())
                rows = [[cell_text(v) for v in r] for r in result]
                tables[table] = RawTable.from_rows(
                    header, rows, origin=f"database table {name}",
                    numbers=range(1, len(rows) + 1))
    except sa.exc.SQLAlchemyError as e:
        raise SourceError("unreadable", f"cannot read the database: {first_line(e)}",
                          source=shown) from None
    finally:
        engine.dispose()
    return RawData(tables, shown, tuple(problems))
