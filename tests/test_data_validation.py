"""Bad data: each kind of problem gets its own code, names where it is, and never the id."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING

import openpyxl
import pytest

import goalkit
from goalkit.data import CODES, read_data
from goalkit.goals import Period, TargetGroup, Text

if TYPE_CHECKING:
    from pathlib import Path

    from goalkit.model._result import DataIssue

PARTICIPANTS = """participant_id,enrolled,exited,sex,birth_year
ID-1001,2015-01-10,2015-06-01,F,1990
ID-1002,2015-02-01,,M,1985
ID-1003,2015-03-01,,F,1970
"""
EVENTS = """participant_id,date,kind
ID-1001,2015-07-01,employment_offer
ID-1002,2015-03-01,study_start
"""
RESPONSES = """participant_id,date,phase,question,score
ID-1001,2015-06-01,exit,satisfied,4
ID-1003,2015-03-01,entry,wellbeing,3
"""
IDS = ("ID-1001", "ID-1002", "ID-1003", "ID-9999")


def folder(tmp: Path, **files: str | bytes) -> Path:
    """A data folder: the good tables above, with some replaced (``name=text``)."""
    out = tmp / "data"
    out.mkdir(exist_ok=True)
    tables = {"participants.csv": PARTICIPANTS, "events.csv": EVENTS,
              "responses.csv": RESPONSES}
    tables.update({k.replace("_", ".", 1) if "." not in k else k: v for k, v in files.items()})
    for name, content in tables.items():
        path = out / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return out


def issues_of(source: Path | str, **kwargs: object) -> list[DataIssue]:
    return list(read_data(source, **kwargs).issues)  # type: ignore[arg-type]


def fatal_of(source: Path | str, **kwargs: object) -> str:
    with pytest.raises(goalkit.DataValidationError) as info:
        read_data(source, **kwargs)  # type: ignore[arg-type]
    return str(info.value)


def only(issues: list[DataIssue], code: str) -> list[DataIssue]:
    return [i for i in issues if i.code == code]


def no_ids(text: str) -> None:
    for pid in IDS:
        assert pid not in text


def test_good_folder_has_no_issues(tmp_path: Path) -> None:
    assert issues_of(folder(tmp_path)) == []


# -- each kind of problem --------------------------------------------------------------------

ROW_CASES = [
    # each: a name, the file, its content, and the code, severity and place expected
    ("unparseable date", "participants.csv",
     PARTICIPANTS.replace("2015-02-01", "2015-13-45"),
     "bad_date", "error", "participants.csv, row 3, column 'enrolled'"),
    ("exit before enrolment", "participants.csv",
     PARTICIPANTS.replace("2015-06-01,F", "2014-12-01,F"),
     "exit_before_enrolment", "error", "participants.csv, row 2, column 'exited'"),
    ("missing required value", "participants.csv",
     PARTICIPANTS.replace("ID-1003,2015-03-01", "ID-1003,"),
     "missing_value", "error", "participants.csv, row 4, column 'enrolled'"),
    ("event for an unknown participant", "events.csv",
     EVENTS + "ID-9999,2015-05-01,employment_offer\n",
     "unknown_participant", "error", "events.csv, row 4, column 'participant_id'"),
    ("answer for an unknown participant", "responses.csv",
     RESPONSES + "ID-9999,2015-05-01,exit,satisfied,5\n",
     "unknown_participant", "error", "responses.csv, row 4, column 'participant_id'"),
    ("event before enrolment", "events.csv",
     EVENTS.replace("ID-1002,2015-03-01", "ID-1002,2015-01-15"),
     "event_before_enrolment", "warning", "events.csv, row 3, column 'date'"),
    ("answer before enrolment", "responses.csv",
     RESPONSES.replace("ID-1003,2015-03-01", "ID-1003,2015-02-01"),
     "answer_before_enrolment", "warning", "responses.csv, row 3, column 'date'"),
    ("score that is not a number", "responses.csv",
     RESPONSES.replace("satisfied,4", "satisfied,four"),
     "bad_number", "error", "responses.csv, row 2, column 'score'"),
    ("huge score", "responses.csv",
     RESPONSES.replace("satisfied,4", "satisfied,1e308"),
     "score_out_of_range", "error", "responses.csv, row 2, column 'score'"),
    ("infinite score", "responses.csv",
     RESPONSES.replace("satisfied,4", "satisfied,inf"),
     "bad_number", "error", "responses.csv, row 2, column 'score'"),
    ("huge birth year", "participants.csv",
     PARTICIPANTS.replace("1985", "99999999999999999999999"),
     "out_of_range", "error", "participants.csv, row 3, column 'birth_year'"),
    ("fractional birth year", "participants.csv",
     PARTICIPANTS.replace("1985", "1985.5"),
     "bad_number", "error", "participants.csv, row 3, column 'birth_year'"),
    ("date far in the future", "participants.csv",
     PARTICIPANTS.replace("2015-03-01", "9999-12-31"),
     "out_of_range", "error", "participants.csv, row 4, column 'enrolled'"),
    ("huge text value", "participants.csv",
     PARTICIPANTS.replace("ID-1003", "X" * 10_000),
     "out_of_range", "error", "participants.csv, row 4, column 'participant_id'"),
    ("unknown sex code without a mapping", "participants.csv",
     PARTICIPANTS.replace(",M,1985", ",K,1985"),
     "unknown_code", "warning", "participants.csv, row 3, column 'sex'"),
    ("a row with a stray separator", "participants.csv",
     PARTICIPANTS.replace("ID-1002,2015-02-01,,M,1985", "ID-1002,2015-02-01,,M,1985,x"),
     "field_count", "error", "participants.csv, row 3"),
]


@pytest.mark.parametrize(("name", "file", "content", "code", "severity", "where"), ROW_CASES,
                         ids=[c[0] for c in ROW_CASES])
def test_each_problem_gets_its_code_and_place(
    tmp_path: Path, name: str, file: str, content: str, code: str, severity: str, where: str
) -> None:
    """The problem is reported once, with its code, severity, file, row and column; the
    message never shows a participant id; an error leaves exactly that row out."""
    issues = issues_of(folder(tmp_path, **{file: content}))
    found = only(issues, code)
    assert [(i.severity, i.where) for i in found] == [(severity, where)], issues
    assert code in CODES
    for i in issues:
        no_ids(i.message + i.where)
    excluded = [i for i in only(issues, "rows_excluded") if i.where == file]
    if severity == "error":
        assert [i.count for i in excluded] == [1]
        assert code in excluded[0].message or "duplicate" in excluded[0].message
    else:
        assert excluded == []


def test_duplicate_ids_leave_every_copy_out_and_their_events_too(tmp_path: Path) -> None:
    twice = PARTICIPANTS + "ID-1002,2015-04-01,,M,1980\n"
    data = read_data(folder(tmp_path, participants_csv=twice))
    rows = [i.where for i in only(list(data.issues), "duplicate_participant")]
    assert rows == ["participants.csv, row 3, column 'participant_id'",
                    "participants.csv, row 5, column 'participant_id'"]
    assert [i.where for i in only(list(data.issues), "excluded_participant")] == [
        "events.csv, row 3, column 'participant_id'"]
    assert len(data.with_records().participants) == 2
    assert len(data.with_records().events) == 1


def test_missing_required_column_is_fatal_and_names_what_is_there(tmp_path: Path) -> None:
    text = fatal_of(folder(tmp_path, participants_csv="participant_id,start\nID-1001,2015-01-01\n"))
    assert "[missing_column]" in text
    assert "'enrolled'" in text
    assert "'participant_id', 'start'" in text


def test_mapping_codes_refuse_unlisted_codes(tmp_path: Path) -> None:
    mapping = {"codes": {"sex": {"K": "F", "M": "M"}}}
    data = read_data(folder(tmp_path, participants_csv=PARTICIPANTS.replace(",F,", ",X,", 1)),
                     mapping=mapping)
    found = only(list(data.issues), "unknown_code")
    assert [(i.severity, i.where) for i in found] == [
        ("error", "participants.csv, row 2, column 'sex'")]
    assert "X" not in found[0].message  # a participant's value never reaches a report
    sexes = sorted(p["sex"] for p in data.with_records().participants)
    assert sexes == ["F", "M"]  # F passes as a canonical code, M maps to M


def test_scales_from_the_mapping(tmp_path: Path) -> None:
    mapping = {"scales": {"satisfied": [1, 5]}}
    issues = issues_of(folder(tmp_path, responses_csv=RESPONSES.replace("satisfied,4",
                                                                        "satisfied,7")),
                       mapping=mapping)
    found = only(issues, "score_out_of_range")
    assert [i.where for i in found] == ["responses.csv, row 2, column 'score'"]
    assert "1–5" in found[0].message


def _project(min_age: int | None = 18, max_age: int | None = 65) -> goalkit.Project:
    return goalkit.Project(
        id="p", name=Text("P"),
        period=Period(dt.date(2015, 1, 1), dt.date(2015, 12, 31)),
        target_group=TargetGroup(min_age=min_age, max_age=max_age),
    )


def test_ages_outside_the_target_group(tmp_path: Path) -> None:
    """Age at enrolment from the birth year is a range: only a certain miss counts."""
    text = PARTICIPANTS.replace("1990", "2000").replace("1970", "1948")
    issues = issues_of(folder(tmp_path, participants_csv=text), project=_project(14, 65))
    assert [i.where for i in only(issues, "age_outside_target_group")] == [
        "participants.csv, row 4, column 'birth_year'"]  # 66-67: certainly over 65
    issues = issues_of(folder(tmp_path, participants_csv=text), project=_project(18, 65))
    assert [i.where for i in only(issues, "age_outside_target_group")] == [
        "participants.csv, row 2, column 'birth_year'",  # 14-15
        "participants.csv, row 4, column 'birth_year'",
    ]


def test_breakdown_that_does_not_add_up(tmp_path: Path) -> None:
    """The 001 project's 90 + 196 != 259: listed by default, refused in strict mode."""
    measurements = ("metric,date,value,sex.F,sex.M\n"
                    "participants,2016-10-31,259,90,196\n")
    source = folder(tmp_path, measurements_csv=measurements)
    data = read_data(source)
    report = goalkit.evaluate(_project(), data, as_of=dt.date(2016, 11, 1))
    sums = only(list(report.issues), "breakdown_impossible")
    assert len(sums) == 1
    assert "259" in sums[0].message
    assert "286" in sums[0].message
    text = fatal_of(source, strict=True)
    assert "[breakdown_impossible]" in text


def test_all_problems_are_listed_together_in_strict_mode(tmp_path: Path) -> None:
    participants = (PARTICIPANTS.replace("2015-02-01", "someday")
                    .replace("2015-06-01,F", "2014-12-01,F") + "ID-1003,2015-03-01,,F,1970\n")
    events = EVENTS + "ID-9999,2015-05-01,employment_offer\n"
    responses = RESPONSES.replace("satisfied,4", "satisfied,lots")
    text = fatal_of(folder(tmp_path, participants_csv=participants, events_csv=events,
                           responses_csv=responses), strict=True)
    for code in ("bad_date", "exit_before_enrolment", "duplicate_participant",
                 "unknown_participant", "excluded_participant", "bad_number", "rows_excluded"):
        assert f"[{code}]" in text
    no_ids(text)


def test_default_mode_evaluates_and_reports_every_excluded_row(tmp_path: Path) -> None:
    participants = PARTICIPANTS.replace("2015-02-01", "someday")
    data = read_data(folder(tmp_path, participants_csv=participants))
    report = goalkit.evaluate(_project(), data, as_of=dt.date(2015, 12, 31))
    codes = [(i.code, i.count) for i in report.issues]
    assert ("bad_date", 1) in codes
    assert ("rows_excluded", 1) in codes
    assert ("excluded_participant", 1) in codes  # ID-1002's event
    assert report.data.participants == 2
    no_ids(goalkit.report_to_json(report))


# -- files that cannot be read, encodings, separators --------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    assert "[empty_file]" in fatal_of(folder(tmp_path, participants_csv=""))
    (tmp_path / "one.csv").write_text("", encoding="utf-8")
    assert "[empty_file]" in fatal_of(tmp_path / "one.csv")


def test_header_only_is_a_warning(tmp_path: Path) -> None:
    issues = issues_of(folder(tmp_path, events_csv="participant_id,date,kind\n"))
    assert [(i.code, i.where) for i in issues] == [("no_rows", "events.csv")]


def test_latin1_export_is_read_with_a_warning(tmp_path: Path) -> None:
    text = PARTICIPANTS.replace("participant_id,", "participant_id,kommun,", 1)
    text = "\n".join(
        line if i == 0 else line.replace(",", ",Funäsdalen,", 1)
        for i, line in enumerate(text.splitlines())
    ) + "\n"
    data = read_data(folder(tmp_path, participants_csv=text.encode("cp1252")))
    assert [i.code for i in data.issues] == ["encoding"]
    assert {p["kommun"] for p in data.with_records().participants} == {"Funäsdalen"}


def test_bom_and_semicolons_and_decimal_commas(tmp_path: Path) -> None:
    participants = PARTICIPANTS.replace(",", ";")
    responses = RESPONSES.replace(",", ";").replace("satisfied;4", "satisfied;4,5")
    data = read_data(folder(tmp_path, participants_csv=b"\xef\xbb\xbf" + participants.encode(),
                            responses_csv=responses))
    assert data.issues == ()
    scores = sorted(r[4] for r in data.with_records().responses)
    assert scores == [3.0, 4.5]


def test_swedish_dates(tmp_path: Path) -> None:
    text = (PARTICIPANTS.replace("2015-01-10", "20150110").replace("2015-02-01", "01.02.2015")
            .replace("2015-03-01", "01/03/2015"))
    data = read_data(folder(tmp_path, participants_csv=text))
    assert data.issues == ()
    assert sorted(p["enrolled"] for p in data.with_records().participants) == [
        dt.date(2015, 1, 10), dt.date(2015, 2, 1), dt.date(2015, 3, 1)]


def test_binary_and_workbook_disguised_as_csv(tmp_path: Path) -> None:
    assert "binary" in fatal_of(folder(tmp_path, participants_csv=b"\x00\x01\x02garbage"))
    book = openpyxl.Workbook()
    book.save(tmp_path / "book.xlsx")
    disguised = folder(tmp_path, participants_csv=(tmp_path / "book.xlsx").read_bytes())
    assert "Excel workbook" in fatal_of(disguised)


def test_no_participants_table(tmp_path: Path) -> None:
    source = folder(tmp_path)
    (source / "participants.csv").unlink()
    assert "[no_participants]" in fatal_of(source)


def test_unknown_source(tmp_path: Path) -> None:
    with pytest.raises(goalkit.DataError, match="no such file or folder"):
        read_data(tmp_path / "nowhere.csv.gz")
    (tmp_path / "notes.md").write_text("hello", encoding="utf-8")
    with pytest.raises(goalkit.DataError, match="no loader reads this source"):
        read_data(tmp_path / "notes.md")


def test_json_wrong_types(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_text(json.dumps({"participants": [
        {"participant_id": "ID-1001", "enrolled": "2015-01-10"},
        {"participant_id": {"nested": 1}, "enrolled": "2015-01-10"},
        {"participant_id": "ID-1003", "enrolled": True},
        ["not", "an", "object"],
    ]}), encoding="utf-8")
    issues = issues_of(path)
    assert [(i.code, i.where) for i in issues if i.code != "rows_excluded"] == [
        ("wrong_type", "data.json, participants, row 2, column 'participant_id'"),
        ("bad_date", "data.json, participants, row 3, column 'enrolled'"),
        ("wrong_type", "data.json, participants, row 4"),
    ]


def test_broken_json(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_text('{"participants": [', encoding="utf-8")
    assert "not valid JSON at line 1" in fatal_of(path)


def test_excel_title_rows_and_numeric_ids(tmp_path: Path) -> None:
    """A title above the header is skipped; row numbers stay the sheet's own; a numeric
    id becomes the same text a CSV gives."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Deltagare"
    ws.append(["Projektets deltagarlista"])
    ws.append([])
    ws.append(["participant_id", "enrolled", "exited"])
    ws.append(["ID-1001", dt.date(2015, 1, 10), dt.date(2014, 1, 1)])
    ws.append([1002, dt.datetime(2015, 2, 1, 0, 0), None])
    book.save(tmp_path / "d.xlsx")
    data = read_data(tmp_path / "d.xlsx")
    assert [(i.code, i.where) for i in data.issues if i.code != "rows_excluded"] == [
        ("exit_before_enrolment", "d.xlsx, sheet 'Deltagare', row 4, column 'exited'")]
    assert [p["participant_id"] for p in data.with_records().participants] == ["1002"]


def test_excel_errors_point_at_the_sheet_row(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "participants"
    ws.append(["participant_id", "enrolled", "exited"])
    ws.append(["ID-1001", dt.date(2015, 1, 10), dt.date(2014, 1, 1)])
    ws.append([])
    ws.append([1002, dt.datetime(2015, 2, 1, 0, 0), "#N/A"])
    book.save(tmp_path / "d.xlsx")
    data = read_data(tmp_path / "d.xlsx")
    assert [(i.code, i.where) for i in data.issues if i.code != "rows_excluded"] == [
        ("exit_before_enrolment", "d.xlsx, sheet 'participants', row 2, column 'exited'"),
        ("bad_date", "d.xlsx, sheet 'participants', row 4, column 'exited'"),
    ]
    assert data.issues[-1].where == "d.xlsx, sheet 'participants'"
    no_ids(" ".join(i.message for i in data.issues))


def test_old_xls_and_broken_workbook(tmp_path: Path) -> None:
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0 old format")
    assert "save the workbook as .xlsx" in fatal_of(tmp_path / "old.xls")
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not really")
    assert "[unreadable]" in fatal_of(tmp_path / "broken.xlsx")


def test_parquet_that_is_not(tmp_path: Path) -> None:
    (tmp_path / "p.parquet").write_bytes(b"PAR1 nope")
    assert "[unreadable]" in fatal_of(tmp_path / "p.parquet")


def test_sqlite_that_is_not(tmp_path: Path) -> None:
    (tmp_path / "d.sqlite").write_bytes(b"just text, no database")
    assert "[unreadable]" in fatal_of(tmp_path / "d.sqlite")


def test_strict_refuses_what_default_leaves_out(tmp_path: Path) -> None:
    source = folder(tmp_path, participants_csv=PARTICIPANTS.replace("2015-02-01", "x"))
    assert read_data(source).issues
    text = fatal_of(source, strict=True)
    assert "participants.csv, row 3, column 'enrolled': [bad_date]" in text


def test_non_additive_measurements_are_not_summed(tmp_path: Path) -> None:
    """A rate's breakdown is not expected to add up to its total; 'nej' says so."""
    measurements = ("metric,date,value,additive,sex.F,sex.M\n"
                    "participants,2016-10-31,259,ja,90,196\n"
                    "share_work,2016-10-31,0.4,nej,0.5,0.3\n"
                    "share_studies,2016-10-31,0.1,maybe,0.1,0.1\n")
    data = read_data(folder(tmp_path, measurements_csv=measurements))
    assert [(i.code, i.where) for i in data.issues if i.code != "rows_excluded"] == [
        ("unknown_code", "measurements.csv, row 4, column 'additive'")]
    assert [m.additive for m in data.measurements] == [True, False]
    report = goalkit.evaluate(_project(), data, as_of=dt.date(2016, 11, 1))
    assert [i.message[:30] for i in report.issues if i.code == "breakdown_impossible"] == [
        "reported 'participants' on 201"]


def test_rows_of_a_table_without_columns_are_counted_as_read(tmp_path: Path) -> None:
    """A JSON list holding no object has rows but no columns: the summary counts the rows
    read ("2 of 2"), not the columns' height ("2 of 0")."""
    source = tmp_path / "people.json"
    source.write_text(json.dumps([1, 2]), encoding="utf-8")
    with pytest.raises(goalkit.DataValidationError) as caught:
        read_data(source)
    summaries = [str(p) for p in caught.value.problems if "[rows_excluded]" in str(p)]
    assert summaries == ["people.json: [rows_excluded] 2 of 2 row(s) of participants left "
                         "out: 2 wrong_type"]
