"""Reading sources that fight back: broken encodings, lone surrogates, personal identity
numbers written with other separators, one table under two names, spaces inside numbers,
workbook rows wider than their header. Each pins a behaviour the old code got wrong (an
internal error, a leak, a silent loss, a wrong number)."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
import unicodedata
from typing import TYPE_CHECKING

import openpyxl
import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from goalkit import Dataset
from goalkit.cli import ExitCode, main
from goalkit.data import looks_like_personal_number, read_data
from goalkit.data._parse import numbers
from goalkit.data._privacy import (
    PERSONAL_NUMBER,
    contains_personal_number,
    luhn_ok,
    shown,
)
from goalkit.data._typed import DOUBTFUL

if TYPE_CHECKING:
    from pathlib import Path

    from goalkit.model._result import DataIssue

ROOT_GOALS = "examples/quickstart/goals.toml"

PEOPLE = ("participant_id,sex,birth_year,enrolled,exited,exit_reason,municipality\n"
          "P1,F,1980,2015-01-02,2015-06-01,work,Sveg\n"
          "P2,M,1990,2015-02-03,,,Hede\n"
          "P3,F,1985,2015-03-04,2015-09-01,studies,Sveg\n")
EVENTS = ("participant_id,date,kind\n"
          "P1,2015-07-01,employment_offer\nP3,2015-10-01,employment_start\n")
ANSWERS = ("participant_id,date,phase,question,score\n"
           "P1,2015-01-02,entry,wellbeing,3\nP1,2015-06-01,exit,wellbeing,4\n"
           "P1,2015-06-01,exit,satisfied,5\nP3,2015-09-01,exit,satisfied,2\n")


def small(folder: Path) -> Path:
    """The testers' small folder: three participants, two events, four answers."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "participants.csv").write_text(PEOPLE, encoding="utf-8")
    (folder / "events.csv").write_text(EVENTS, encoding="utf-8")
    (folder / "responses.csv").write_text(ANSWERS, encoding="utf-8")
    return folder


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(args)
    out = capsys.readouterr()
    return code, out.out + out.err


def codes(issues: tuple[DataIssue, ...] | list[DataIssue]) -> list[tuple[str, str]]:
    return [(i.code, i.where) for i in issues]


def ids(data: Dataset) -> list[str]:
    return [p["participant_id"] for p in data.with_records().participants]


def fatal(source: Path, **kw: object) -> str:
    """The message of a source refused whole, as `goalkit validate` prints it."""
    from goalkit import DataValidationError  # noqa: PLC0415

    with pytest.raises(DataValidationError) as caught:
        read_data(source, **kw)  # type: ignore[arg-type]
    return str(caught.value)


# -- 1. a byte-order mark the bytes break -------------------------------------------------


BOM_BROKEN = {
    "utf-8 bom, latin-1 byte": (b"\xef\xbb\xbfparticipant_id,sex,enrolled,municipality\n"
                                b"P1,F,2015-01-02,Malm\xc3\xb6\nP2,M,2015-02-03,G\xe4vle\n",
                                "line 3 holds bytes that are not UTF-8"),
    "utf-16 bom, lone surrogate": (
        "\ufeffparticipant_id,sex,enrolled\nP1,F,2015-01-02\n".encode("utf-16-le")
        + b"\x00\xd8" + ",F,2015-03-04\n".encode("utf-16-le"),
        "line 3 holds bytes that are not UTF-16"),
    "utf-16 bom, cut short": (
        "\ufeffparticipant_id,sex,enrolled\nP1,F,2015-01-02\n".encode("utf-16-le") + b"\x41",
        "it was cut short"),
}


@pytest.mark.parametrize("name", list(BOM_BROKEN))
@pytest.mark.parametrize("how", ["folder", "file", "evaluate"])
def test_a_byte_order_mark_the_bytes_break_is_bad_input_naming_file_and_line(
    name: str, how: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    """Before: exit 3, "internal error: UnicodeDecodeError"."""
    data, fragment = BOM_BROKEN[name]
    folder = small(tmp_path / "d")
    (folder / "participants.csv").write_bytes(data)
    source = str(folder / "participants.csv") if how == "file" else str(folder)
    args = (["evaluate", ROOT_GOALS, "--data", source, "--as-of", "2016-01-01"]
            if how == "evaluate" else ["validate", ROOT_GOALS, "--data", source])
    code, out = run(args, capsys)
    assert (code, "internal error" in out) == (ExitCode.BAD_INPUT, False), out
    assert "participants.csv" in out
    assert "[unreadable]" in out
    assert fragment in out


def test_a_json_file_with_a_broken_bom_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_bytes(b'\xef\xbb\xbf[{"participant_id": "A", "enrolled": "2015-01-01", '
                     b'"town": "G\xe4vle"}]')
    assert "line 1 holds bytes that are not UTF-8" in fatal(path)


# -- 2. a lone surrogate ---------------------------------------------------------------------


@pytest.mark.parametrize("where", ["participants", "events"])
def test_a_json_lone_surrogate_refuses_its_cell_and_row(
    where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    """Before: exit 3, "internal error: UnicodeEncodeError"."""
    people = [{"participant_id": "A1", "enrolled": "2014-09-01", "m": "x"},
              {"participant_id": "A2", "enrolled": "2014-09-01", "m": "y"}]
    events = [{"participant_id": "A1", "date": "2014-10-01", "kind": "start"},
              {"participant_id": "A2", "date": "2014-10-01", "kind": "start"}]
    text = json.dumps({"participants": people, "events": events})
    text = text.replace('"y"' if where == "participants" else '"start"}]', '"\\ud800"'
                        if where == "participants" else '"\\ud800"}]')
    (tmp_path / "s.json").write_text(text, encoding="utf-8")
    code, out = run(["validate", "--data", str(tmp_path / "s.json")], capsys)
    assert code == ExitCode.BAD_INPUT, out
    assert "internal error" not in out
    data = read_data(tmp_path / "s.json")
    column = "m" if where == "participants" else "kind"
    assert ("wrong_type", f"s.json, {where}, row 2, column {column!r}") in codes(data.issues)
    assert "lone surrogate" in " ".join(i.message for i in data.issues)
    records = data.with_records()
    table = records.participants if where == "participants" else records.events
    assert len(table) == 1  # the row with the cell left out, and counted
    assert ("rows_excluded", f"s.json, {where}") in codes(data.issues)


def test_a_key_with_a_lone_surrogate_is_a_column_of_no_name(tmp_path: Path) -> None:
    (tmp_path / "s.json").write_text(
        '[{"participant_id": "A1", "enrolled": "2014-09-01", "m\\ud800": "1"}]',
        encoding="utf-8")
    data = read_data(tmp_path / "s.json")
    assert [c for c in data.with_records().participants[0] if c.startswith("column 3")]


def test_a_frame_with_a_lone_surrogate_is_refused_like_json() -> None:
    pd = pytest.importorskip("pandas")
    from goalkit.data import load_frames  # noqa: PLC0415

    frame = pd.DataFrame({"participant_id": pd.Series(["A1", "A2"], dtype=object),
                          "enrolled": pd.Series(["2014-09-01"] * 2, dtype=object),
                          "m": pd.Series(["x", "y\ud800"], dtype=object)})
    data = load_frames(frame)
    assert ("wrong_type", "participants frame, row 2, column 'm'") in codes(data.issues)


# -- 3. personal identity numbers, however separated -------------------------------------

SEPARATORS = ["-", "+", "", " ", "\u2013", "\u2014", "\u2212", "\u2010", "\u2011", "_",
              "\u00a0", "\u202f", " \u2013 ", " - ", "\u00ad", "\uff0d"]
"""The separators people, registers and autocorrect write (the en dash and ``_`` of the
issue, Word's `` – ``, a minus sign, a no-break space, …)."""


def _check_digit(nine: str) -> str:
    return next(str(d) for d in range(10) if luhn_ok(nine + str(d)))


@st.composite
def written_numbers(draw: st.DrawFn) -> str:
    born = draw(st.dates(dt.date(1900, 1, 1), dt.date(2020, 12, 31)))
    serial = draw(st.integers(0, 999))
    nine = f"{born:%y%m%d}{serial:03d}"
    ten = nine + _check_digit(nine)
    century = draw(st.sampled_from(["", f"{born:%Y}"[:2]]))
    return f"{century}{ten[:6]}{draw(st.sampled_from(SEPARATORS))}{ten[6:]}"


@given(written_numbers())
def test_every_separator_is_recognised_found_and_redacted(pnr: str) -> None:
    """Before: ``850101–1236`` and ``850101_1236`` were not recognised, and printed."""
    assert looks_like_personal_number(pnr)
    assert contains_personal_number(f"note: {pnr}.")
    assert pnr not in shown(f"id {pnr} here")
    assert re.search(PERSONAL_NUMBER, pnr)
    assert pl.Series([pnr]).str.contains(PERSONAL_NUMBER).item()  # polars reads it too
    assert DOUBTFUL.search(pnr)  # the records' path looks at it twice


@given(st.text(alphabet="0123456789 -+_.\u2013\u00a0x", max_size=20))
def test_doubtful_finds_whatever_the_one_pattern_finds(text: str) -> None:
    """``_typed.DOUBTFUL`` spells the pattern out; the two must agree."""
    if re.search(PERSONAL_NUMBER, text):
        assert DOUBTFUL.search(text)


@pytest.mark.parametrize("value", ["850101.1236", "850101/1236", "2015-01-02", "P-1001",
                                   "123456 12345", "1234567890", "850101--1236"])
def test_what_is_no_personal_identity_number(value: str) -> None:
    assert not contains_personal_number(value)


def test_an_en_dash_number_is_refused_in_any_column_and_warned_of_as_an_id(
    tmp_path: Path,
) -> None:
    folder = small(tmp_path / "d")
    (folder / "participants.csv").write_text(
        PEOPLE.replace("Hede", "850101\u20131236").replace("P3,", "850101_1236,"),
        encoding="utf-8")
    data = read_data(folder)
    assert ("personal_id", "participants.csv, row 3, column 'municipality'") in codes(
        data.issues)
    assert ("personal_id", "participants.csv, column 'participant_id'") in codes(data.issues)


def test_a_report_never_prints_a_number_in_an_unknown_verdict_or_additive(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    """The testers' reproduction: the verdict and additive messages repeated the cell."""
    folder = small(tmp_path / "pv")
    (folder / "assessments.csv").write_text(
        "goal,date,verdict\nmodel,2015-06-30,850101\u20131236\nmodel,2015-06-30,850101_1236\n"
        "model,2015-06-30,maybe\n", encoding="utf-8")
    (folder / "measurements.csv").write_text(
        "metric,date,value,additive\nx,2015-06-30,1,850101\u20131236\nx,2015-06-30,2,kanske\n",
        encoding="utf-8")
    out_file = tmp_path / "pv.html"
    code, out = run(["report", ROOT_GOALS, "--data", str(folder), "--as-of", "2016-06-30",
                     "--format", "html", "--lang", "sv", "--audience", "internal",
                     "--out", str(out_file)], capsys)
    assert code == 0, out
    html = out_file.read_text(encoding="utf-8")
    assert re.findall(r"850101.{0,3}1236", html) == []
    code, out = run(["validate", ROOT_GOALS, "--data", str(folder)], capsys)
    assert re.findall(r"850101.{0,3}1236", out) == []
    # the plain bad values are not repeated either (docs/data.md: never the cell's value)
    assert "maybe" not in out
    assert "kanske" not in out
    assert "a verdict that is none of met, not_met, pending" in out


# -- 4. one table under two names; names that match nothing ---------------------------------


def _folder_with(tmp_path: Path, **files: str) -> Path:
    folder = small(tmp_path / "d")
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(("name", "table"), [
    ("deltagare.csv", "participants"), ("svar.csv", "responses"),
    ("enkätsvar.csv", "responses"), ("Händelser.csv", "events"),
])
def test_a_table_under_its_english_and_swedish_names_is_refused(
    name: str, table: str, tmp_path: Path,
) -> None:
    """Before: the Swedish file was silently passed over (X1 gone, "0 error(s)")."""
    text = {"participants": "participant_id,sex,enrolled\nX1,F,2015-01-02\n",
            "responses": ANSWERS, "events": EVENTS}[table]
    folder = _folder_with(tmp_path, **{name: text})
    message = fatal(folder)
    assert "[ambiguous_table]" in message
    assert f"could both hold {table}" in message
    assert name in message


def test_two_json_keys_for_one_table_are_refused(tmp_path: Path) -> None:
    people = [{"participant_id": "A", "enrolled": "2015-01-01"}]
    for other in ("deltagare", "Participants"):
        (tmp_path / "p.json").write_text(json.dumps({"participants": people, other: people}),
                                         encoding="utf-8")
        assert "[ambiguous_table]" in fatal(tmp_path / "p.json")


def test_two_sheets_for_one_table_are_refused(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    for k, title in enumerate(("participants", "deltagare")):
        ws = book.active if k == 0 else book.create_sheet()
        ws.title = title
        ws.append(["participant_id", "enrolled"])
        ws.append([f"A{k}", "2015-01-01"])
    book.save(tmp_path / "b.xlsx")
    message = fatal(tmp_path / "b.xlsx")
    assert "[ambiguous_table]" in message
    assert "sheet 'deltagare'" in message


def test_two_database_tables_for_one_table_are_refused(tmp_path: Path) -> None:
    con = sqlite3.connect(tmp_path / "d.db")
    for name in ("participants", "deltagare"):
        con.execute(f"CREATE TABLE {name} (participant_id TEXT, enrolled TEXT)")
        con.execute(f"INSERT INTO {name} VALUES ('A', '2015-01-01')")
    con.commit()
    con.close()
    assert "[ambiguous_table]" in fatal(tmp_path / "d.db")


def test_decomposed_swedish_file_names_are_read(tmp_path: Path) -> None:
    """Before: ``händelser.csv`` written as macOS and zip archives write it (NFD) was never
    read."""
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "deltagare.csv").write_text(PEOPLE, encoding="utf-8")
    (folder / unicodedata.normalize("NFD", "händelser.csv")).write_text(EVENTS, "utf-8")
    (folder / unicodedata.normalize("NFD", "enkätsvar.csv")).write_text(ANSWERS, "utf-8")
    data = read_data(folder)
    records = data.with_records()
    assert (len(records.events), len(records.responses)) == (2, 4)
    assert data.issues == ()


def test_a_data_file_of_no_table_is_named_with_a_guess(tmp_path: Path) -> None:
    """Before: ``event.csv`` (a misspelling) was passed over without a word."""
    folder = _folder_with(tmp_path, **{"event.csv": EVENTS, "README.txt": "notes",
                                       ".hidden.csv": EVENTS, "goals.toml": "",
                                       "participants.txt": PEOPLE, "old.xls": ""})
    data = read_data(folder)
    found = {i.message for i in data.issues if i.code == "not_read"}
    assert {i.severity for i in data.issues if i.code == "not_read"} == {"warning"}
    assert found == {
        "event.csv is not read: its name is none of the tables' (participants, events, "
        "responses, measurements, assessments, their Swedish names, or a name in a mapping "
        "file's [tables]); did you mean 'events'?",
        "old.xls is not read: the old Excel format (.xls) is not read; save the workbook "
        "as .xlsx",
        "participants.txt is not read: a folder's tables are read from .parquet, .csv, "
        ".tsv, .json, .xlsx files; name it participants.csv",
    }


def test_a_file_name_in_latin_1_is_named_printably(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    """A name the file system cannot decode (``h\\xe4ndelser.csv``, written in Latin-1) is
    a lone surrogate in Python: the warning naming the file must not break a report."""
    import os  # noqa: PLC0415

    folder = small(tmp_path / "d")
    try:
        os.rename(os.fsencode(folder / "events.csv"),  # noqa: PTH104  # a name of bytes
                  os.fsencode(folder) + b"/h\xe4ndelser.csv")
    except OSError:  # a file system that takes UTF-8 names only
        pytest.skip("the file system refuses a name that is not UTF-8")
    issue = next(i for i in read_data(folder).issues if i.code == "not_read")
    assert issue.message.startswith("h\ufffdndelser.csv is not read")
    code, out = run(["report", ROOT_GOALS, "--data", str(folder), "--as-of", "2016-01-01",
                     "--format", "html", "--audience", "internal",
                     "--out", str(tmp_path / "r.html")], capsys)
    assert code == 0, out



@pytest.mark.parametrize("suffix", [".csv", ".json", ".xlsx", ".parquet"])
def test_a_single_file_named_in_latin_1_is_named_printably(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str,
) -> None:
    """A single data file (not a folder's) whose name the file system cannot decode
    (``deltagare-\xe5r.csv``): the issues of its rows name it with ``\ufffd``, and every
    format of a report is written (each failed with an internal error, exit 3, writing
    the lone surrogate)."""
    import os  # noqa: PLC0415

    rows = [{"participant_id": "P1", "enrolled": "2015-13-01", "sex": "F"},
            {"participant_id": "P2", "enrolled": "2015-01-02", "sex": "Q"}]
    plain = tmp_path / f"plain{suffix}"
    if suffix == ".csv":
        plain.write_text("participant_id,enrolled,sex\n"
                         + "".join(f"{r['participant_id']},{r['enrolled']},{r['sex']}\n"
                                   for r in rows), encoding="utf-8")
    elif suffix == ".json":
        plain.write_text(json.dumps(rows), encoding="utf-8")
    elif suffix == ".xlsx":
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(list(rows[0]))
        for r in rows:
            sheet.append(list(r.values()))
        book.save(plain)
    else:
        pl.DataFrame(rows).write_parquet(plain)
    try:
        os.rename(os.fsencode(plain),  # noqa: PTH104  # a name of bytes
                  os.fsencode(tmp_path) + b"/deltagare-\xe5r" + suffix.encode())
    except OSError:  # a file system that takes UTF-8 names only
        pytest.skip("the file system refuses a name that is not UTF-8")
    (source,) = (f for f in tmp_path.iterdir() if f.name.startswith("deltagare"))
    issues = read_data(source).issues
    assert {i.code for i in issues} >= {"bad_date", "unknown_code"}
    assert all(i.where.startswith("deltagare-\ufffdr") for i in issues), issues
    for fmt in ("html", "xlsx", "json", "md"):
        code, out = run(["report", ROOT_GOALS, "--data", str(source), "--as-of", "2016-01-01",
                         "--format", fmt, "--out", str(tmp_path / f"r.{fmt}")], capsys)
        assert code == 0, (fmt, out)

def test_a_file_named_by_a_personal_identity_number_is_not_named(tmp_path: Path) -> None:
    folder = _folder_with(tmp_path, **{"850101\u20131236.csv": PEOPLE})
    issue = next(i for i in read_data(folder).issues if i.code == "not_read")
    assert issue.message.startswith("(a name that looks like a personal identity number) is")
    assert "1236" not in issue.message + issue.message_sv


def test_a_json_list_of_no_table_is_named(tmp_path: Path) -> None:
    people = [{"participant_id": "A", "enrolled": "2015-01-01"}]
    (tmp_path / "p.json").write_text(json.dumps({"participants": people, "event": [],
                                                 "meta": {"v": 1}}), encoding="utf-8")
    issues = read_data(tmp_path / "p.json").issues
    assert [(i.code, i.severity) for i in issues] == [("not_read", "warning")]
    assert "did you mean 'events'?" in issues[0].message


def test_a_table_the_mapping_names_and_the_source_lacks_is_refused(tmp_path: Path) -> None:
    """Before: ``[tables] participants = "Folk"`` with no Folk file read participants.csv
    without a word."""
    folder = small(tmp_path / "d")
    mapping = {"tables": {"participants": "Folk"}}
    message = fatal(folder, mapping=mapping)
    assert "tables.participants names 'Folk', but there is no file of that name" in message
    (folder / "Folk.csv").write_text(PEOPLE.replace("P2,", "P9,"), encoding="utf-8")
    data = read_data(folder, mapping=mapping)
    assert [(i.code, i.severity) for i in data.issues] == [("ambiguous_table", "warning")]
    assert "participants.csv is not read" in data.issues[0].message
    assert "P9" in ids(data)


def test_a_table_the_mapping_names_that_no_source_has_is_a_warning(tmp_path: Path) -> None:
    """A mapping shared by several exports may name a table one export lacks: nothing to
    choose between, so the export is read, and the name the mapping gives is named."""
    folder = small(tmp_path / "d")
    (folder / "responses.csv").unlink()
    data = read_data(folder, mapping={"tables": {"responses": "Enkät"}})
    assert [(i.code, i.severity) for i in data.issues] == [("unreadable", "warning")]
    assert data.issues[0].message == (
        "the mapping's tables.responses names 'Enkät', but there is no file of that name; "
        "no responses are read")


# -- 5. spaces inside numbers ----------------------------------------------------------------


def _numbers(values: list[str]) -> list[float | None]:
    frame = pl.DataFrame({"v": values}, schema={"v": pl.String})
    return frame.select(numbers(pl.col("v"), pl.String())).to_series().to_list()


def test_a_space_only_between_thousands() -> None:
    """Before: "1 2" read as 12 and "2 1" as 21."""
    values = ["1 2", "2 1", "12 34", "1234 567", "1 2345", "1  234", "1 234", "12 345,5",
              "1\u00a0234", "1\u202f234,5", "-1 234 567.25", "1'234", "4,5", "1e3"]
    assert _numbers(values) == [None, None, None, None, None, None, 1234.0, 12345.5,
                                1234.0, 1234.5, -1234567.25, 1234.0, 4.5, 1000.0]


@given(st.integers(-10**12, 10**12), st.sampled_from([" ", "\u00a0", "\u202f", "'"]))
def test_a_number_with_its_thousands_set_apart_reads_as_itself(n: int, sep: str) -> None:
    grouped = f"{n:,}".replace(",", sep)
    assert _numbers([grouped]) == [float(n)]


@given(st.lists(st.text(alphabet="0123456789", min_size=1, max_size=5), min_size=2,
                max_size=4))
def test_digits_apart_otherwise_are_no_number(groups: list[str]) -> None:
    if all(len(g) == 3 for g in groups[1:]) and len(groups[0]) <= 3:
        return  # grouped in threes: a number
    assert _numbers([" ".join(groups)]) == [None]


def test_the_testers_scores_are_bad_numbers(tmp_path: Path) -> None:
    folder = small(tmp_path / "d")
    (folder / "responses.csv").write_text(
        "participant_id,date,phase,question,score\n"
        "P1,2015-06-01,exit,satisfied,1 2\nP3,2015-09-01,exit,satisfied,2 1\n", "utf-8")
    data = read_data(folder)
    assert codes(data.issues)[:2] == [
        ("bad_number", "responses.csv, row 2, column 'score'"),
        ("bad_number", "responses.csv, row 3, column 'score'")]
    assert data.with_records().responses == ()


# -- 6. workbooks: cells right of the header, error cells --------------------------------------


def test_a_workbook_row_wider_than_its_header_is_left_out_as_a_csv_row_is(
    tmp_path: Path,
) -> None:
    """Before: the fourth cell was dropped, and the row kept, without a word."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "participants"
    for row in (["participant_id", "enrolled", "sex"], ["A", "2015-01-01", "F", "x"],
                ["B", "2015-01-01", "M"]):
        ws.append(row)
    book.save(tmp_path / "b.xlsx")
    (tmp_path / "c.csv").write_text("participant_id,enrolled,sex\nA,2015-01-01,F,x\n"
                                    "B,2015-01-01,M\n", encoding="utf-8")
    from_book, from_csv = read_data(tmp_path / "b.xlsx"), read_data(tmp_path / "c.csv")
    assert [i.code for i in from_book.issues] == [i.code for i in from_csv.issues] == [
        "field_count", "rows_excluded"]
    assert from_book.issues[0].where == "b.xlsx, sheet 'participants', row 2"
    assert "column D" in from_book.issues[0].message
    assert ids(from_book) == ids(from_csv) == ["B"]


def test_an_error_cell_in_a_column_of_text_is_refused(tmp_path: Path) -> None:
    """Before: ``#DIV/0!`` in an extra column was kept as the text of a category."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "participants"
    for row in (["participant_id", "enrolled", "sex", "kommun"],
                ["A", "2015-01-01", "F", "#DIV/0!"], ["B", "#N/A", "M", "Sveg"],
                ["C", "2015-01-01", "#N/A", "Sveg"], ["D", "2015-01-01", "F", "Sveg"]):
        ws.append(row)
    book.save(tmp_path / "b.xlsx")
    data = read_data(tmp_path / "b.xlsx")
    assert codes(data.issues)[:3] == [
        ("wrong_type", "b.xlsx, sheet 'participants', row 2, column 'kommun'"),
        ("bad_date", "b.xlsx, sheet 'participants', row 3, column 'enrolled'"),
        ("wrong_type", "b.xlsx, sheet 'participants', row 4, column 'sex'")]
    assert ids(data) == ["D"]


# -- 7. rows of separators only ----------------------------------------------------------------


def test_rows_of_separators_only_are_no_rows_as_documented(tmp_path: Path) -> None:
    folder = small(tmp_path / "d")
    (folder / "events.csv").write_text("participant_id,date,kind\n,,\n,,\n", "utf-8")
    (folder / "participants.csv").write_text(PEOPLE + ",,,,,,\n", "utf-8")
    data = read_data(folder)
    assert [(i.code, i.where) for i in data.issues] == [("no_rows", "events.csv")]
    assert len(ids(data)) == 3
    from pathlib import Path  # noqa: PLC0415

    doc = (Path(__file__).resolve().parents[1] / "docs" / "data.md").read_text("utf-8")
    assert "lines of nothing but separators" in doc


@pytest.mark.parametrize("text", [",", ",,\n,,\n", ";\n", '",",\n'])
def test_a_file_of_separators_only_has_no_header(text: str, tmp_path: Path) -> None:
    """Before: an IndexError (exit 3) for a file holding only "," (found by the fuzz
    test)."""
    folder = small(tmp_path / "d")
    (folder / "assessments.csv").write_text(text, encoding="utf-8")
    message = fatal(folder)
    assert "[empty_file]" in message or "[missing_column]" in message


# -- 8, 9. messages as rendered ----------------------------------------------------------------


def test_the_encoding_warning_does_not_repeat_its_label(tmp_path: Path) -> None:
    """A report shows "label: message": "the file is not UTF-8. the file is not UTF-8; …"
    before."""
    from goalkit.reports._i18n import labels  # noqa: PLC0415

    folder = small(tmp_path / "d")
    (folder / "participants.csv").write_bytes(PEOPLE.replace("Sveg", "Sundsvall").replace(
        "Hede", "Gävle").encode("latin-1"))
    issue = read_data(folder).issues[0]
    assert issue.code == "encoding"
    for lang, message in (("en", issue.message), ("sv", issue.message_sv)):
        label = labels(lang).issue("encoding")
        assert label.casefold() not in message.casefold()


def test_the_swedish_summary_of_rows_left_out_counts_in_swedish(tmp_path: Path) -> None:
    """Before: "2 en rad med fel antal fält"."""
    folder = small(tmp_path / "d")
    (folder / "participants.csv").write_text(PEOPLE + "P4,F,1980,2015-01-02,,,Sveg,x\n"
                                             "P5,F,1980,2015-01-02,,,Sveg,y\n", "utf-8")
    summary = next(i for i in read_data(folder).issues if i.code == "rows_excluded")
    assert summary.message_sv.endswith("uteslöts: en rad med fel antal fält (2 rader)")
    assert not re.search(r"\d+ (en|ett) ", summary.message_sv)


def test_records_with_a_dashed_number_are_refused_like_a_file() -> None:
    people = [{"participant_id": "A1", "enrolled": dt.date(2015, 1, 1), "note": v}
              for v in ("850101\u20131236",)]
    people.append({"participant_id": "A2", "enrolled": dt.date(2015, 1, 1), "note": "ok"})
    data = Dataset.from_records(people, strict=False)
    assert ("personal_id", "participants, row 1, column 'note'") in codes(data.issues)


@pytest.mark.parametrize("value", ["850101\u20131236", "850101_1236", "850101 \u2013 1236",
                                   "19850101\u22121236"])
def test_a_breakdown_refuses_a_category_that_is_a_personal_number_however_written(
    value: str,
) -> None:
    """The breakdown's own check of its categories reads the one pattern too (it read
    ``-``, ``+`` and a space only)."""
    from goalkit.data._breakdowns import value_problem  # noqa: PLC0415

    assert value_problem(value, frozenset()) == "a value looks like a personal identity number"


@pytest.mark.parametrize(("when", "read"), [
    ("2015-01-02 23:59", True), ("2015-01-02T00:00:00Z", True), ("2015-01-02 10:30:15.5", True),
    ("2015-01-02 25:00", False), ("2015-01-02 10:99", False), ("2015-01-02 24:00", False),
    ("2015-01-02 12:00:61", False),
])
def test_a_time_no_clock_shows_makes_no_date(when: str, read: bool, tmp_path: Path) -> None:
    """Before: ``2015-01-02 25:00`` was read as 2015-01-02 (the time cut off unlooked at).
    A file and a host's records read it alike."""
    folder = small(tmp_path / "d")
    (folder / "participants.csv").write_text(PEOPLE.replace("2015-02-03", when),
                                             encoding="utf-8")
    found = codes(read_data(folder).issues)
    records = [{"participant_id": "P2", "enrolled": when, "sex": "M"},
               {"participant_id": "P1", "enrolled": dt.date(2015, 1, 2), "sex": "F"}]
    from_records = codes(Dataset.from_records(records, strict=False).issues)
    if read:
        assert found == []
        assert from_records == []
    else:
        assert ("bad_date", "participants.csv, row 3, column 'enrolled'") in found
        assert ("bad_date", "participants, row 1, column 'enrolled'") in from_records


def test_a_sex_code_refused_as_an_id_is_not_also_said_to_be_kept(tmp_path: Path) -> None:
    """Before: the cell had a warning (an unknown code, kept as given) and an error (it
    looks like an identifier; the row is left out), which contradict each other."""
    folder = small(tmp_path / "d")
    (folder / "participants.csv").write_text(PEOPLE.replace("P2,M,", "P2,P001,"),
                                             encoding="utf-8")
    said = [(i.severity, i.code, i.where) for i in read_data(folder).issues
            if i.code == "unknown_code"]
    assert said == [("error", "unknown_code", "participants.csv, row 3, column 'sex'")]
    kept = small(tmp_path / "k")  # an unknown code that may be shown is kept, and said so
    (kept / "participants.csv").write_text(PEOPLE.replace("P2,M,", "P2,K,"), encoding="utf-8")
    said = [(i.severity, i.code) for i in read_data(kept).issues if i.code == "unknown_code"]
    assert said == [("warning", "unknown_code")]


@pytest.mark.parametrize(("people", "severity"), [
    (PEOPLE.replace("P2,M,", "P2,Olle,").replace("P3,", "Olle,"), "error"),
    (PEOPLE.replace("P2,M,", "P2,Olle,"), "warning"),
])
def test_a_sex_code_that_is_a_participants_id_is_refused(
    people: str, severity: str, tmp_path: Path,
) -> None:
    """A sex code that equals another participant's id (``Olle``) would publish that id
    as a category: its row is left out; the same code where no participant has that id
    is an unknown code, kept and said so."""
    folder = small(tmp_path / "d")
    (folder / "participants.csv").write_text(people, encoding="utf-8")
    said = [(i.severity, i.code, i.where) for i in read_data(folder).issues
            if i.code == "unknown_code"]
    assert said == [(severity, "unknown_code", "participants.csv, row 3, column 'sex'")]


def test_a_file_in_two_encodings_is_read_line_by_line(tmp_path: Path) -> None:
    """Before: one Latin-1 byte in a UTF-8 file made the whole file Latin-1, every valid
    ``ö`` and ``Å`` garbled (``MalmÃ¶``, ``Ã…re``) under a file-level warning. Each line
    is read in its own encoding now, and the lines read as Latin-1 are named."""
    folder = small(tmp_path / "d")
    (folder / "participants.csv").write_bytes(
        "participant_id,sex,enrolled,municipality\r\nP1,F,2015-01-02,Malmö\r\n"
        .encode() + b"P2,M,2015-02-03,G\xe4vle\r\n"
        + "P3,F,2015-03-04,Åre\r\n".encode())
    data = read_data(folder)
    places = [p["municipality"] for p in data.with_records().participants]
    assert places == ["Malmö", "Gävle", "Åre"]
    (issue,) = data.issues
    assert issue.code == "encoding"
    assert "line(s) 3 read as Latin-1" in issue.message
    latin = small(tmp_path / "l")  # a file in Latin-1 alone is read as before
    (latin / "participants.csv").write_bytes(
        "participant_id,sex,enrolled,municipality\nP1,F,2015-01-02,Malmö\n".encode("cp1252"))
    data = read_data(latin)
    assert [p["municipality"] for p in data.with_records().participants] == ["Malmö"]
    said = [i.message for i in data.issues if i.code == "encoding"]
    assert len(said) == 1
    assert said[0].startswith("read as Latin-1")


@pytest.mark.parametrize("line", [2, 300])
def test_a_nul_byte_refuses_its_cell_not_the_file(line: int, tmp_path: Path) -> None:
    """Before: a NUL in the first 4,096 bytes refused the whole file as binary, naming no
    line, and one further on was kept inside its cell (an id ``P7\\x00`` that prints as
    ``P7``)."""
    rows = ["participant_id,sex,enrolled", *(f"P{i},F,2015-01-02" for i in range(1, 400))]
    rows[line - 1] = rows[line - 1].replace(",F,", "\x00,F,", 1)
    path = tmp_path / "participants.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    data = read_data(path)
    assert ("wrong_type", f"participants.csv, row {line}, column 'participant_id'") in codes(
        data.issues)
    assert len(data.with_records().participants) == 398
    half = "participant_id,sex,enrolled\nP1,F,2015-01-02\n".encode("utf-16-le")
    path.write_bytes(half)  # UTF-16 without its byte-order mark: half its bytes are NULs
    assert "binary file" in fatal(path)


def test_a_nul_in_a_json_text_or_a_record_refuses_its_cell(tmp_path: Path) -> None:
    """A NUL is refused wherever it comes from, as a CSV's is: a JSON ``"\\u0000"`` and a
    host's record (a ``str`` or a subclass of it) were kept inside their cells (an id
    ``P1\\x00`` that prints as ``P1``, a sex code ``F\\x00`` kept as an unknown code)."""
    import numpy as np  # noqa: PLC0415

    people = [{"participant_id": "P1\x00", "enrolled": "2015-01-02", "sex": "F"},
              {"participant_id": "P2", "enrolled": "2015-01-02", "sex": "F\x00"},
              {"participant_id": "P3", "enrolled": "2015-01-02", "sex": "F"}]
    path = tmp_path / "people.json"
    path.write_text(json.dumps(people), encoding="utf-8")
    expected = {("wrong_type", "row 1, column 'participant_id'"),
                ("wrong_type", "row 2, column 'sex'")}
    data = read_data(path)
    assert {(c, w.removeprefix("people.json, ")) for c, w in codes(data.issues)} >= expected
    assert len(data.with_records().participants) == 1
    records = [{**p, "enrolled": dt.date(2015, 1, 2)} for p in people]
    records[1]["sex"] = np.str_("F\x00")
    data = Dataset.from_records(participants=records, strict=False)
    assert {(c, w.removeprefix("participants, ")) for c, w in codes(data.issues)} >= expected
    assert len(data.with_records().participants) == 1
