"""Reading databases into raw tables of text: a SQLite file, or any SQL database that
SQLAlchemy reaches through a URL.

Like every reader in :mod:`goalkit.data._sources`, these return
:class:`~goalkit.data._raw.RawData` of text cells (:func:`~goalkit.data._sources.cell_text`)
and never parse a value; tables are found by goalkit's names or the mapping's ``[tables]``.
A database URL is shown only without its password (:func:`~goalkit.data._sources.safe_url`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from goalkit._exceptions import DataError
from goalkit.data._mapping import find_tables
from goalkit.data._privacy import shown as quoted
from goalkit.data._problems import TABLE_SV, Problem
from goalkit.data._raw import RawData, RawTable
from goalkit.data._sources import SourceError, cell_text, first_line, safe_url

if TYPE_CHECKING:
    from collections.abc import Iterable
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


def read_sqlite(path: Path, mapping: ColumnMapping) -> RawData:
    """A SQLite database file (the standard library's sqlite3, read only), tables named
    like goalkit's (or as the mapping's ``[tables]`` says), rows in stored order."""
    import sqlite3  # noqa: PLC0415

    if not path.is_file():
        raise DataError("no such database file", source=str(path))
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as e:
        raise DataError(f"cannot open the database: {e}", source=path.name) from None
    try:
        names = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")]
        tables: dict[str, RawTable] = {}
        chosen, problems = _found(names, mapping, path.name)
        for table, name in chosen.items():
            quoted = '"' + name.replace('"', '""') + '"'
            try:
                cur = con.execute(f"SELECT * FROM {quoted}")  # noqa: S608 - a known table name
            except sqlite3.Error:
                cur = None
            if cur is None:
                raise SourceError("unreadable", "cannot read the table",
                                  source=f"{path.name}, table {name}")
            header = [d[0] for d in cur.description]
            rows = [[cell_text(v) for v in r] for r in cur.fetchall()]
            tables[table] = RawTable.from_rows(
                header, rows, origin=f"{path.name}, table {name}",
                numbers=range(1, len(rows) + 1))
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
