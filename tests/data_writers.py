"""Write one data set in every format goalkit reads (helpers for tests/test_data_*.py).

The data set is tests/data/good (CSV). Each writer stores values with the format's own
types (dates as dates, whole numbers as integers, scores as floats), so the loaders must
bring every format back to the same canonical data.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Any

import openpyxl
import polars as pl
import sqlalchemy as sa

GOOD = Path(__file__).parent / "data" / "good"
SV_MAPPING = Path(__file__).parent / "data" / "sv-mapping.toml"
TABLES = ("participants", "events", "responses", "measurements", "assessments")
DATES = {"enrolled", "exited", "birth_date", "date", "period_start"}
INTEGERS = {"birth_year"}
FLOATS = {"score", "value"}


def _typed(column: str, text: str) -> Any:
    if text == "":
        return None
    if column in DATES:
        return dt.date.fromisoformat(text)
    if column in INTEGERS or "." in column:
        return int(text)
    if column in FLOATS:
        return float(text)
    return text


def good_tables() -> dict[str, tuple[list[str], list[list[Any]]]]:
    """Table name to (header, typed rows)."""
    out = {}
    for name in TABLES:
        with (GOOD / f"{name}.csv").open(encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        header = rows[0]
        out[name] = (header, [[_typed(c, v) for c, v in zip(header, r, strict=True)]
                              for r in rows[1:]])
    return out


def polars_frames() -> dict[str, Any]:
    frames = {}
    for name, (header, rows) in good_tables().items():
        frames[name] = pl.DataFrame(rows, schema=header, orient="row", infer_schema_length=None)
    return frames


def write_parquet_folder(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in polars_frames().items():
        frame.write_parquet(folder / f"{name}.parquet")
    return folder


def write_json(path: Path) -> Path:
    def plain(v: Any) -> Any:
        return v.isoformat() if isinstance(v, dt.date) else v

    data = {name: [{c: plain(v) for c, v in zip(header, r, strict=True) if v is not None}
                   for r in rows]
            for name, (header, rows) in good_tables().items()}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def write_excel(path: Path, sheet_names: dict[str, str] | None = None) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, (header, rows) in good_tables().items():
        ws = book.create_sheet((sheet_names or {}).get(name, name))
        ws.append(header)
        for r in rows:
            ws.append(r)
    book.save(path)
    return path


_SQL_TYPES = {"date": "DATE", "integer": "INTEGER", "float": "DOUBLE PRECISION", "text": "TEXT"}


def _sql_type(column: str) -> str:
    if column in DATES:
        return "date"
    if column in INTEGERS or "." in column:
        return "integer"
    if column in FLOATS:
        return "float"
    return "text"


def write_sqlite(path: Path) -> Path:
    con = sqlite3.connect(path)
    with con:
        for name, (header, rows) in good_tables().items():
            cols = ", ".join(f'"{c}" {_SQL_TYPES[_sql_type(c)]}' for c in header)
            con.execute(f'CREATE TABLE "{name}" ({cols})')
            marks = ", ".join("?" for _ in header)
            con.executemany(
                f'INSERT INTO "{name}" VALUES ({marks})',
                [[v.isoformat() if isinstance(v, dt.date) else v for v in r] for r in rows],
            )
    con.close()
    return path


def write_postgres(url: str) -> None:
    """Create the tables (in a database that must be empty of them) and fill them."""
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as con:
        for name, (header, rows) in good_tables().items():
            cols = ", ".join(f'"{c}" {_SQL_TYPES[_sql_type(c)]}' for c in header)
            con.execute(sa.text(f'CREATE TABLE "{name}" ({cols})'))
            names = ", ".join(f'"{c}"' for c in header)
            params = ", ".join(f":p{i}" for i in range(len(header)))
            con.execute(sa.text(f'INSERT INTO "{name}" ({names}) VALUES ({params})'),
                        [{f"p{i}": v for i, v in enumerate(r)} for r in rows])
    engine.dispose()


SV_HEADERS = {
    "participants": {"participant_id": "Deltagar-id", "sex": "Kön", "birth_year": "Födelseår",
                     "enrolled": "Startdatum", "exited": "Slutdatum",
                     "exit_reason": "Avslutsorsak", "municipality": "Kommun"},
    "events": {"participant_id": "Deltagar-id", "date": "Datum", "kind": "Händelse"},
    "responses": {"participant_id": "Deltagar-id", "date": "Datum", "phase": "Fas",
                  "question": "Fråga", "score": "Poäng"},
}
SV_FILES = {"participants": "deltagare", "events": "händelser", "responses": "enkätsvar"}
SV_CODES = {
    "sex": {"F": "K", "M": "M"},
    "exit_reason": {"work": "Arbete", "studies": "Studier", "other": "Annat"},
    "kind": {"employment_offer": "Erbjuden anställning",
             "income_support_start": "Försörjningsstöd start",
             "income_support_end": "Försörjningsstöd slut"},
}


def write_swedish_excel_csv(folder: Path, *, encoding: str = "cp1252") -> Path:
    """The good data as Swedish Excel saves it: semicolons, Swedish headers and codes,
    decimal commas, compact dates in events, Windows-1252 (or ``utf-8-sig``: a BOM)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, renames in SV_HEADERS.items():
        header, rows = good_tables()[name]
        lines = [";".join(renames[c] for c in header)]
        for r in rows:
            cells = []
            for c, v in zip(header, r, strict=True):
                if v is None:
                    cells.append("")
                elif c in SV_CODES:
                    cells.append(SV_CODES[c][v])
                elif isinstance(v, dt.date):
                    cells.append(v.strftime("%Y%m%d") if name == "events" else v.isoformat())
                elif isinstance(v, float):
                    cells.append(f"{v:.1f}".replace(".", ","))
                else:
                    cells.append(str(v))
            lines.append(";".join(cells))
        (folder / f"{SV_FILES[name]}.csv").write_bytes(
            ("\r\n".join(lines) + "\r\n").encode(encoding))
    for name in ("measurements", "assessments"):
        (folder / f"{name}.csv").write_bytes((GOOD / f"{name}.csv").read_bytes())
    return folder
