# ruff: noqa: E501  (one case per line reads as a table)
"""The hostile-input cases: bad data files, bad goal files and bad mapping files, each with
the exit code and a fragment of the message the command line must give.

Each case is written by a small function into a fresh folder, so the repository holds the
recipe, not hundreds of files. ``DATA_CASES`` are run through ``goalkit validate``,
``GOAL_CASES`` through ``goalkit evaluate`` (with good data) and ``MAPPING_CASES`` through
``goalkit validate --mapping``.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

HEADER = "participant_id,enrolled,sex,birth_year,municipality"
ROWS = [f"ID{i:03d},2014-{1 + i % 12:02d}-{1 + i % 27:02d},{'FM'[i % 2]},{1970 + i},Ort{i % 3}"
        for i in range(20)]
GOOD_CSV = "\n".join([HEADER, *ROWS]) + "\n"


def csv_with(*, header: str = HEADER, rows: list[str] | None = None, sep: str = ",",
             eol: str = "\n") -> str:
    lines = [header, *(ROWS if rows is None else rows)]
    return eol.join(line.replace(",", sep) for line in lines) + eol


def row_change(i: int, new: str) -> list[str]:
    rows = list(ROWS)
    rows[i] = new
    return rows


@dataclass(frozen=True)
class Case:
    """One bad input: how to write it, and what the command must answer."""

    name: str
    write: Callable[[Path], Path]
    """Writes the input into a folder and returns the path to pass on the command line."""
    code: int
    fragment: str
    rows: int | None = None
    """For a participants table: how many data rows the file holds (every one must be kept
    or counted as left out, unless the whole file is refused)."""


def text_file(name: str, text: str, encoding: str = "utf-8") -> Callable[[Path], Path]:
    def write(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(text.encode(encoding))
        return path
    return write


def bytes_file(name: str, data: bytes) -> Callable[[Path], Path]:
    def write(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path
    return write


def data_folder(**files: str) -> Callable[[Path], Path]:
    def write(folder: Path) -> Path:
        root = folder / "data"
        root.mkdir()
        for name, text in files.items():
            (root / name.replace("_", ".")).write_text(text, encoding="utf-8")
        return root
    return write


def workbook(header: list[str], rows: list[list[object]]) -> Callable[[Path], Path]:
    def write(folder: Path) -> Path:
        import openpyxl  # noqa: PLC0415

        book = openpyxl.Workbook()
        ws = book.active
        ws.title = "participants"
        ws.append(header)
        for r in rows:
            ws.append(r)
        path = folder / "data.xlsx"
        book.save(path)
        return path
    return write


def sqlite_db(rows: list[tuple[str, str]]) -> Callable[[Path], Path]:
    def write(folder: Path) -> Path:
        path = folder / "data.db"
        con = sqlite3.connect(path)
        con.execute("CREATE TABLE participants (participant_id TEXT, enrolled TEXT)")
        con.executemany("INSERT INTO participants VALUES (?, ?)", rows)
        con.commit()
        con.close()
        return path
    return write


def _json(data: object) -> str:
    return json.dumps(data)


PEOPLE = [{"participant_id": f"ID{i:03d}", "enrolled": "2014-03-01", "sex": "F"}
          for i in range(5)]
EVENTS_OK = "participant_id,date,kind\nID001,2014-05-01,study_start\n"
RESPONSES_OK = "participant_id,date,phase,question,score\nID001,2014-05-01,exit,satisfied,4\n"

_N = len(ROWS)
_P = "participants.csv"
DATA_CASES: list[Case] = [
    # -- quotes and fields: no row lost uncounted
    Case("unclosed quote mid-file", text_file(_P, csv_with(rows=row_change(4, 'ID004,2014-05-05,"F,1974,Ort1'))),
         2, "unclosed quote", _N),
    Case("unclosed quote on the last row", text_file(_P, csv_with(rows=row_change(19, 'ID019,2014-08-21,F,1989,"Ort1'))),
         2, "unclosed quote", _N),
    Case("unclosed quote in the header", text_file(_P, csv_with(header='participant_id,"enrolled,sex,birth_year,municipality')),
         2, "unclosed quote", _N),
    Case("stray quotes join rows", text_file(_P, csv_with(rows=[*ROWS[:3], 'ID003,2014-04-04,"M,1973,Ort0', *ROWS[4:8], 'ID008,2014-09-09,F",1978,Ort2', *ROWS[9:]])),
         2, "runs over lines", _N),
    Case("stray quotes join rows, semicolons", text_file(_P, csv_with(sep=";", rows=[*ROWS[:3], 'ID003,2014-04-04,"M,1973,Ort0', *ROWS[4:6], 'ID006,2014-07-07,F",1976,Ort0', *ROWS[7:]])),
         2, "runs over lines", _N),
    Case("stray quotes join rows, CRLF", text_file(_P, csv_with(eol="\r\n", rows=[*ROWS[:3], 'ID003,2014-04-04,"M,1973,Ort0', 'ID004,2014-05-05,F",1974,Ort1', *ROWS[5:]])),
         2, "runs over lines", _N),
    Case("unclosed quote, CRLF", text_file(_P, csv_with(eol="\r\n", rows=row_change(2, 'ID002,"2014-03-03,F,1972,Ort2'))),
         2, "unclosed quote", _N),
    Case("text after a closing quote", text_file(_P, csv_with(rows=row_change(5, 'ID005,2014-06-06,"M"x,1975,Ort2'))),
         2, "cannot read the CSV at line 7", _N),
    Case("too few fields", text_file(_P, csv_with(rows=row_change(3, "ID003,2014-04-04,M"))),
         2, "the row has 3 field(s), the header has 5", _N),
    Case("too many fields", text_file(_P, csv_with(rows=row_change(3, "ID003,2014-04-04,M,1973,Ort0,extra,more"))),
         2, "the row has 7 field(s)", _N),
    Case("a trailing separator", text_file(_P, csv_with(rows=row_change(7, ROWS[7] + ","))),
         2, "the row has 6 field(s)", _N),
    Case("too many fields in a quoted file", text_file(_P, csv_with(rows=row_change(3, 'ID003,"2014-04-04",M,1973,Ort0,x'))),
         2, "the row has 6 field(s)", _N),
    Case("too few fields, tab-separated", text_file(_P, csv_with(sep="\t", rows=row_change(1, "ID001\t2014-02-02"))),
         2, "the row has 2 field(s)", _N),
    Case("one field per row (wrong separator)", text_file(_P, HEADER + "\n" + "\n".join(r.replace(",", "|") for r in ROWS) + "\n"),
         2, "field(s), the header has 5", _N),
    Case("NUL byte late in the file", text_file(_P, GOOD_CSV + "x" * 5000 + '\n"ID9\x00",2014-01-01,F,1970,Ort0\n'),
         2, "the row has 1 field(s)", 22),
    # -- columns
    Case("repeated column name", text_file(_P, csv_with(header="participant_id,enrolled,sex,birth_year,sex")),
         2, "is given twice", _N),
    Case("repeated column name with spaces", text_file(_P, csv_with(header="participant_id, enrolled,sex,birth_year,enrolled ")),
         2, "is given twice", _N),
    Case("repeated extra column", text_file(_P, csv_with(header="participant_id,enrolled,sex,note,note")),
         2, "is given twice", _N),
    Case("600 columns", text_file(_P, HEADER + "," + ",".join(f"c{i}" for i in range(600)) + "\n" + ROWS[0] + "," * 600 + "\n"),
         2, "goalkit reads at most 500", 1),
    Case("20000 columns", text_file(_P, ",".join(f"c{i}" for i in range(20_000)) + "\n" + "\n".join(",".join("1" for _ in range(20_000)) for _ in range(40)) + "\n"),
         2, "goalkit reads at most 500", 40),
    Case("20000 columns, quoted", text_file(_P, ",".join(f'"c{i}"' for i in range(20_000)) + "\n" + ",".join("1" for _ in range(20_000)) + "\n"),
         2, "goalkit reads at most 500", 1),
    Case("no participant_id column", text_file(_P, csv_with(header="id,enrolled,sex,birth_year,municipality")),
         2, "missing required column(s) 'participant_id'", _N),
    Case("no enrolled column", text_file(_P, csv_with(header="participant_id,start,sex,birth_year,municipality")),
         2, "missing required column(s) 'enrolled'", _N),
    Case("a column name that is a personal identity number", text_file(_P, csv_with(header="participant_id,enrolled,sex,birth_year,811218-9876")),
         0, "no problems found", _N),
    # -- empty and binary
    Case("empty file", text_file(_P, ""), 2, "the file is empty", 0),
    Case("only blank lines", text_file(_P, "\n\n  \n"), 2, "the file is empty", 0),
    Case("header only", text_file(_P, HEADER + "\n"), 0, "header but no rows", 0),
    Case("binary file", bytes_file(_P, b"\x00\x01\x02" * 100), 2, "binary file", None),
    Case("zip archive named .csv", bytes_file(_P, b"PK\x03\x04" + b"\x00" * 50), 2, "zip archive", None),
    Case("Latin-1 with a bad date", text_file(_P, csv_with(rows=row_change(0, "ID000,2014-02-30,F,1970,Malmö")), encoding="latin-1"),
         2, "not UTF-8", _N),
    # -- values
    Case("empty participant id", text_file(_P, csv_with(rows=row_change(2, ",2014-03-03,F,1972,Ort2"))),
         2, "a value is required here", _N),
    Case("impossible date", text_file(_P, csv_with(rows=row_change(2, "ID002,2014-13-45,F,1972,Ort2"))),
         2, "cannot read the value as a date", _N),
    Case("date in the year 1800", text_file(_P, csv_with(rows=row_change(2, "ID002,1800-01-01,F,1972,Ort2"))),
         2, "a date outside 1900–2100", _N),
    Case("date in the year 9999", text_file(_P, csv_with(rows=row_change(2, "ID002,9999-12-31,F,1972,Ort2"))),
         2, "a date outside 1900–2100", _N),
    Case("birth year in words", text_file(_P, csv_with(rows=row_change(2, "ID002,2014-03-03,F,nineteen,Ort2"))),
         2, "cannot read the value as a whole number", _N),
    Case("fractional birth year", text_file(_P, csv_with(rows=row_change(2, "ID002,2014-03-03,F,1990.5,Ort2"))),
         2, "got a fraction", _N),
    Case("infinite birth year", text_file(_P, csv_with(rows=row_change(2, "ID002,2014-03-03,F,inf,Ort2"))),
         2, "not finite", _N),
    Case("NaN birth year", text_file(_P, csv_with(rows=row_change(2, "ID002,2014-03-03,F,NaN,Ort2"))),
         2, "birth_year", _N),
    Case("400-digit birth year", text_file(_P, csv_with(rows=row_change(2, "ID002,2014-03-03,F," + "9" * 400 + ",Ort2"))),
         2, "birth_year", _N),
    Case("birth year 3000", text_file(_P, csv_with(rows=row_change(2, "ID002,2014-03-03,F,3000,Ort2"))),
         2, "a birth year outside 1900–2100", _N),
    Case("exit before enrolment", text_file(_P, "participant_id,enrolled,exited\nA1,2014-05-01,2014-01-01\nA2,2014-05-01,\n"),
         2, "the exit date is before the enrolment date", 2),
    Case("born after enrolment", text_file(_P, "participant_id,enrolled,birth_date\nA1,2014-05-01,2015-03-04\nA2,2014-05-01,1990-01-01\n"),
         2, "the birth date is after the enrolment date", 2),
    Case("duplicated participant", text_file(_P, csv_with(rows=[*ROWS, ROWS[3]])),
         2, "the same participant id is also on row(s)", _N + 1),
    Case("300-character extra column", text_file(_P, csv_with(rows=row_change(2, "ID002,2014-03-03,F,1972," + "x" * 300))),
         2, "expected at most 200", _N),
    Case("300-character participant id", text_file(_P, csv_with(rows=row_change(2, "P" * 300 + ",2014-03-03,F,1972,Ort2"))),
         2, "expected at most 200", _N),
    Case("a megabyte in one quoted cell", text_file(_P, csv_with(rows=row_change(2, 'ID002,2014-03-03,F,1972,"' + "y" * 1_000_000 + '"'))),
         2, "field larger than field limit", _N),
    Case("personal identity number in an extra column", text_file(_P, csv_with(rows=row_change(2, "ID002,2014-03-03,F,1972,811218-9876"))),
         2, "personal identity number", _N),
    Case("unknown sex code with a bad row", text_file(_P, csv_with(rows=[*row_change(2, "ID002,2014-03-03,K,1972,Ort2")[:5], "ID099,bad,F,1970,Ort0"])),
         2, "is not one of F, M, X", 6),
    # -- JSON
    Case("JSON nested 100000 deep", text_file("p.json", "[" * 100_000 + "]" * 100_000), 2, "nested too deeply", None),
    Case("JSON object nested in a cell", text_file("p.json", _json([{**PEOPLE[0], "sex": {"a": {"b": [1, 2]}}}])),
         2, "expected a single value, got a dict", 1),
    Case("JSON repeated key", text_file("p.json", '[{"participant_id": "A", "participant_id": "B", "enrolled": "2014-01-01"}]'),
         2, "is given twice", None),
    Case("JSON not a list", text_file("p.json", '"participants"'), 2, "expected a list of participants", None),
    Case("JSON syntax error", text_file("p.json", '[{"participant_id": "A",}]'), 2, "not valid JSON", None),
    Case("JSON 5000-digit number", text_file("p.json", '[{"participant_id": "A", "enrolled": "2014-01-01", "birth_year": ' + "9" * 5000 + "}]"),
         2, "not valid JSON", None),
    Case("JSON 1e999", text_file("p.json", '[{"participant_id": "A", "enrolled": "2014-01-01", "birth_year": 1e999}]'),
         2, "not finite", 1),
    Case("JSON a number in the list", text_file("p.json", _json([*PEOPLE, 5])), 2, "expected an object with named values", 6),
    Case("JSON 600 keys", text_file("p.json", _json([{**PEOPLE[0], **{f"k{i}": 1 for i in range(600)}}])),
         2, "goalkit reads at most 500", None),
    Case("JSON empty", text_file("p.json", ""), 2, "the file is empty", None),
    Case("JSON table not a list", text_file("p.json", '{"participants": 5}'), 2, "expected a list of objects under 'participants'", None),
    Case("JSON NaN enrolled", text_file("p.json", '[{"participant_id": "A", "enrolled": NaN}]'), 2, "a date is required here", 1),
    # -- folders: events, responses
    Case("events with an unclosed quote", data_folder(participants_csv=GOOD_CSV, events_csv='participant_id,date,kind\nID001,"2014-05-01,study_start\nID002,2014-05-01,study_start\n'),
         2, "unclosed quote", _N),
    Case("event for an unknown participant", data_folder(participants_csv=GOOD_CSV, events_csv="participant_id,date,kind\nNOPE,2014-05-01,study_start\n"),
         2, "not in the participants table", _N),
    Case("score that is no number", data_folder(participants_csv=GOOD_CSV, responses_csv=RESPONSES_OK.replace(",4\n", ",four\n")),
         2, "cannot read the value as a number", _N),
    Case("score far off any scale", data_folder(participants_csv=GOOD_CSV, responses_csv=RESPONSES_OK.replace(",4\n", ",1e12\n")),
         2, "a score on no survey scale", _N),
    Case("events with a repeated column", data_folder(participants_csv=GOOD_CSV, events_csv="participant_id,date,kind,kind\nID001,2014-05-01,a,b\n"),
         2, "is given twice", _N),
    Case("responses with 600 columns", data_folder(participants_csv=GOOD_CSV, responses_csv=",".join(f"c{i}" for i in range(600)) + "\n"),
         2, "goalkit reads at most 500", _N),
    Case("folder without participants", data_folder(events_csv=EVENTS_OK), 2, "no participants table", None),
    Case("participants twice, one broken", data_folder(participants_csv=csv_with(rows=row_change(1, 'ID001,"x')), participants_json=_json(PEOPLE)),
         2, "unclosed quote", _N),
    # -- workbooks, databases, Parquet
    Case("workbook with a repeated column", workbook(["participant_id", "enrolled", "enrolled"], [["A", "2014-01-01", "2014-01-02"]]),
         2, "is given twice", 1),
    Case("workbook with 600 columns", workbook(["participant_id", "enrolled", *(f"c{i}" for i in range(600))], [["A", "2014-01-01"]]),
         2, "goalkit reads at most 500", 1),
    Case("workbook with a 300-character cell", workbook(["participant_id", "enrolled", "note"], [["A", "2014-01-01", "z" * 300]]),
         2, "expected at most 200", 1),
    Case("old .xls workbook", bytes_file("data.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 100), 2, "old Excel format", None),
    Case("corrupt workbook", bytes_file("data.xlsx", b"PK\x03\x04 not really a zip"), 2, "cannot open the workbook", None),
    Case("database with a duplicated participant", sqlite_db([("A", "2014-01-01"), ("A", "2014-02-01"), ("B", "2014-01-01")]),
         2, "the same participant id is also on row(s)", 3),
    Case("corrupt database", bytes_file("data.db", b"SQLite format 3\x00" + b"\xff" * 200), 2, "not a readable SQLite database", None),
    Case("corrupt Parquet", bytes_file("p.parquet", b"PAR1 not parquet PAR1"), 2, "cannot read the Parquet file", None),
    # -- encodings a byte-order mark promises and the bytes break (exit 3 before)
    Case("UTF-8 BOM with a Latin-1 byte", bytes_file(_P, b"\xef\xbb\xbf" + GOOD_CSV.replace("Ort2", "G\xe4vle").encode("latin-1")),
         2, "line 4 holds bytes that are not UTF-8", None),
    Case("UTF-16 BOM with a lone surrogate", bytes_file(_P, GOOD_CSV[:60].encode("utf-16") + b"\x00\xd8" + GOOD_CSV[60:].encode("utf-16-le")),
         2, "that are not UTF-16", None),
    Case("UTF-16 cut short", bytes_file(_P, GOOD_CSV.encode("utf-16") + b"A"), 2, "it was cut short", None),
    Case("JSON with a UTF-8 BOM and a Latin-1 byte", bytes_file("p.json", b"\xef\xbb\xbf" + _json([{**PEOPLE[0], "town": "G\xe4vle"}]).replace("\\u00e4", "\xe4").encode("latin-1")),
         2, "not UTF-8", None),
    # -- a lone surrogate in JSON text (exit 3 before)
    Case("JSON cell with a lone surrogate", text_file("p.json", '[{"participant_id": "A1", "enrolled": "2014-09-01", "m": "\\ud800"}, {"participant_id": "A2", "enrolled": "2014-09-01"}]'),
         2, "lone surrogate", 2),
    Case("JSON event with a lone surrogate", text_file("p.json", '{"participants": [{"participant_id": "A1", "enrolled": "2014-09-01"}], "events": [{"participant_id": "A1", "date": "2014-10-01", "kind": "x\\udc00"}]}'),
         2, "lone surrogate", 1),
    # -- one table under two names (one was silently lost before)
    Case("participants and deltagare", data_folder(participants_csv=GOOD_CSV, deltagare_csv="participant_id,enrolled\nX1,2015-01-02\n"),
         2, "could both hold participants", None),
    Case("responses and svar", data_folder(participants_csv=GOOD_CSV, responses_csv=RESPONSES_OK, svar_csv=RESPONSES_OK),
         2, "could both hold responses", None),
    Case("JSON keys participants and Participants", text_file("p.json", _json({"participants": PEOPLE, "Participants": PEOPLE[:1]})),
         2, "could all hold participants", None),
    # -- a workbook row wider than its header (its cell dropped before)
    Case("workbook cell right of the header", workbook(["participant_id", "enrolled", "sex"], [["A", "2014-01-01", "F", "x"], ["B", "2014-01-01", "M"]]),
         2, "right of the header's last column", 2),
]


# -- goal files ------------------------------------------------------------------------------

GOALS_HEAD = """schema = "goalkit.goals/1"
id = "h"
name = "Hostile"
period = { start = 2014-01-01, end = 2015-12-31 }
"""


def goal(indicator: str = '{ kind = "count" }', target: str = "{ at_least = 1 }",
         extra: str = "", head: str = GOALS_HEAD) -> str:
    return (head + f'\n[[goals]]\nid = "g"\nlevel = "sub_goal"\ntarget = {target}\n'
            f"indicator = {indicator}\n{extra}")


def goal_file(text: str, encoding: str = "utf-8") -> Callable[[Path], Path]:
    return text_file("goals.toml", text, encoding)


DEEP_DOTTED = GOALS_HEAD + "\n".join(
    "x" + ".x" * 95 + f".k{i} = 1" for i in range(1000))  # about 200 kB

GOAL_CASES: list[Case] = [
    Case("deeply nested inline tables", goal_file(goal(extra="x = " + "{ a = " * 500 + "1" + " }" * 500)),
         2, "nested more than 32"),
    Case("deeply nested arrays", goal_file(goal(extra="x = " + "[" * 5000 + "]" * 5000)),
         2, "nested more than 32"),
    Case("200 kB of deep dotted keys", goal_file(DEEP_DOTTED), 2, "more than 10 parts deep"),
    Case("a deep dotted table header", goal_file(GOALS_HEAD + "[" + ".".join(["t"] * 5000) + "]\n"), 2, "more than 10 parts deep"),
    Case("5000-digit target", goal_file(goal(target="{ at_least = " + "9" * 5000 + " }")), 2, "a number too large to read"),
    Case("4000-digit target", goal_file(goal(target="{ at_least = " + "9" * 4000 + " }")), 2, "a number larger than 1e+15"),
    Case("infinite target", goal_file(goal(target="{ at_least = inf }")), 2, "expected a finite number"),
    Case("NaN target", goal_file(goal(target="{ at_most = nan }")), 2, "expected a finite number"),
    Case("huge float target", goal_file(goal(target="{ at_least = 1e300 }")), 2, "expected a finite number"),
    Case("a key 11 parts deep", goal_file(GOALS_HEAD + "a.b.c.d.e.f.g.h.i.j.k = 1\n"), 2, "more than 10 parts deep"),
    Case("300 kB goal file of tables", goal_file(GOALS_HEAD + "".join(f"[t{i}.a.b]\nx = 1\n" for i in range(20_000))), 2, "goalkit reads at most 256,000"),
    Case("2 MB goal file", goal_file(goal() + "# " + "x" * 2_000_000 + "\n"), 2, "goalkit reads at most 256,000"),
    Case("not TOML", goal_file("this is = = not toml"), 2, "not valid TOML"),
    Case("a key given twice", goal_file(GOALS_HEAD + 'id = "again"\n'), 2, "not valid TOML"),
    Case("not UTF-8", goal_file(goal(extra='wording = "Målet är nått"'), encoding="latin-1"), 2, "not UTF-8"),
    Case("empty goal file", goal_file(""), 2, "required field missing"),
    Case("unknown indicator kind", goal_file(goal(indicator='{ kind = "magic" }')), 2, "unknown indicator kind 'magic'"),
    Case("filter age = \"thirty\"", goal_file(goal(indicator='{ kind = "count", where = { age = "thirty" } }')),
         2, "column 'age' holds a number"),
    Case("filter sex = 5", goal_file(goal(indicator='{ kind = "count", where = { sex = 5 } }')), 2, "column 'sex' holds a text"),
    Case("filter between mixed kinds", goal_file(goal(indicator='{ kind = "count", where = { group = { between = [1, "x"] } } }')),
         2, "must all be of one kind"),
    Case("filter enrolled = \"2014\"", goal_file(goal(indicator='{ kind = "count", where = { enrolled = { ge = "2014" } } }')),
         2, "column 'enrolled' holds a date"),
    Case("filter with a table value", goal_file(goal(indicator='{ kind = "count", where = { group = { eq = { a = 1 } } } }')),
         2, "must all be of one kind"),
    Case("unknown filter operator", goal_file(goal(indicator='{ kind = "count", where = { age = { about = 30 } } }')),
         2, "unknown operator"),
    Case("unknown top-level key", goal_file(GOALS_HEAD + "colour = 'red'\n"), 2, "unknown field(s) colour"),
    Case("wrong schema", goal_file(GOALS_HEAD.replace("goalkit.goals/1", "goalkit.goals/99")), 2, "unsupported schema"),
    Case("target in words", goal_file(goal(target='{ at_least = "many" }')), 2, "expected a number"),
    Case("goals not a list", goal_file(GOALS_HEAD + 'goals = "all of them"\n'), 2, "goals"),
    Case("a date and time for a date", goal_file(GOALS_HEAD.replace("start = 2014-01-01", "start = 2014-01-01T10:00:00")),
         2, "date and time"),
    Case("breakdown by participant_id", goal_file(goal(extra='breakdowns = ["participant_id"]')), 2, "identifies people"),
    Case("breakdown by birth_date", goal_file(goal(extra='breakdowns = ["birth_date"]')), 2, "it is a date"),
    Case("breakdown by exact age", goal_file(goal(extra='breakdowns = ["age"]')), 2, "exact age"),
    Case("project breakdown by enrolled", goal_file(GOALS_HEAD + 'breakdowns = ["enrolled"]\n' + goal(head="")), 2, "it is a date"),
    Case("breakdown by a column of ids", goal_file(goal(extra='breakdowns = ["buddy"]')), 2, "looks like an identifier"),
    Case("breakdown by a column of dates", goal_file(goal(extra='breakdowns = ["visit"]')), 2, "looks like a date"),
    Case("breakdown by free text", goal_file(goal(extra='breakdowns = ["note"]')), 2, "free text"),
    Case("breakdown by many values", goal_file(goal(extra='breakdowns = ["seq"]')), 2, "more than 30 distinct values"),
    Case("breakdown by birth year", goal_file(goal(extra='breakdowns = ["birth_year"]')), 2, "it is a birth year"),
]

# Good data for the goal cases: extra columns that must not become breakdowns.
GOAL_DATA = "participant_id,enrolled,sex,birth_year,group,buddy,visit,note,seq,pnr\n" + "\n".join(
    f"ID{i:03d},2014-03-{1 + i % 27:02d},{'FM'[i % 2]},1980,g{i % 2},ID{(i + 1) % 40:03d},"
    f"2014-04-{1 + i % 27:02d},{'a long free text note about this person and number ' + str(i)},"
    f"s{i},{'811218-9876' if i == 0 else 'x'}"
    for i in range(40)
) + "\n"


# -- mapping files ---------------------------------------------------------------------------


def mapping_file(text: str, encoding: str = "utf-8") -> Callable[[Path], Path]:
    return text_file("mapping.toml", text, encoding)


MAPPING_CASES: list[Case] = [
    Case("mapping nested 5000 deep", mapping_file("x = " + "[" * 5000 + "]" * 5000), 2, "nested more than 32"),
    Case("mapping inline tables 100 deep", mapping_file("x = " + "{a = " * 100 + "1" + "}" * 100), 2, "nested more than 32"),
    Case("mapping 5000-digit number", mapping_file("[scales]\nsatisfied = [1, " + "9" * 5000 + "]\n"), 2, "a number too large to read"),
    Case("mapping deep dotted keys", mapping_file("\n".join("c" + ".c" * 300 + f".k{i} = 1" for i in range(300))),
         2, "more than 10 parts deep"),
    Case("mapping 2 MB", mapping_file("# " + "m" * 2_000_000 + "\n"), 2, "goalkit reads at most 256,000"),
    Case("mapping not TOML", mapping_file("[columns\nx = 1"), 2, "not valid TOML"),
    Case("mapping not UTF-8", mapping_file('[columns]\n"Född" = "birth_year"\n', encoding="latin-1"), 2, "cannot read the mapping file"),
    Case("mapping infinite scale", mapping_file("[scales]\nsatisfied = [1, inf]\n"), 2, "expected a finite number"),
    Case("mapping columns not a table", mapping_file('columns = "all"\n'), 2, "columns: expected a table"),
    Case("mapping missing", lambda folder: folder / "no-such-mapping.toml", 2, "no such mapping file"),
]
