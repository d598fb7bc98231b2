"""Records a host passes in memory are validated exactly like a file (issue 11 point 10,
issue 14 point 1): the same rule gives the same issue code, severity, message and column,
whether the rows come from ``Dataset.from_records`` or from CSV files read by
``read_data``. Rows are numbered from 1 in records and from the file's line in a CSV."""

from __future__ import annotations

import csv
import datetime as dt
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goalkit import DataError, Dataset
from goalkit.data import read_data

if TYPE_CHECKING:
    from goalkit.model._result import DataIssue

Rows = list[dict[str, Any]]

PEOPLE: Rows = [
    {"participant_id": "A", "enrolled": "2014-03-01", "sex": "F"},
    {"participant_id": "B", "enrolled": "2014-04-01", "sex": "M"},
]


def _write(folder: Path, tables: dict[str, Rows]) -> None:
    for name, rows in tables.items():
        if not rows:
            continue
        header = list(dict.fromkeys(k for r in rows for k in r))
        with (folder / f"{name}.csv").open("w", newline="", encoding="utf-8") as f:
            out = csv.writer(f)
            out.writerow(header)
            out.writerows([["" if r.get(k) is None else str(r.get(k)) for k in header]
                           for r in rows])


def _column(where: str) -> str | None:
    found = re.search(r"column '([^']*)'", where)
    return found.group(1) if found else None


def _table(where: str) -> str:
    return where.split(",", maxsplit=1)[0].removesuffix(".csv")


def _shape(issues: tuple[DataIssue, ...]) -> list[tuple[str, str, str, str, str | None, int]]:
    """An issue as both paths must give it; only the file name and row numbering differ."""
    return sorted((_table(i.where), i.severity, i.code, _unnumbered(i.message),
                   _column(i.where), i.count) for i in issues)


def _unnumbered(message: str) -> str:
    """A message that names other rows names them as its source numbers them."""
    return re.sub(r"row\(s\) [\d, ]+", "row(s) N", message)


def _present(data: Dataset) -> list[dict[str, Any]]:
    """Participants' values; an absent key and an empty cell are both missing."""
    return [{k: v for k, v in p.items() if v is not None}
            for p in data.with_records().participants]


def _from_file(tables: dict[str, Rows]) -> Dataset:
    with tempfile.TemporaryDirectory() as tmp:
        _write(Path(tmp), tables)
        return read_data(tmp)


def _from_records(tables: dict[str, Rows], *, strict: bool = False) -> Dataset:
    return Dataset.from_records(tables.get("participants", []), tables.get("events", []),
                                tables.get("responses", []), strict=strict)


def _event(pid: str, date: str, kind: str = "employment_start", **more: Any) -> dict[str, Any]:
    return {"participant_id": pid, "date": date, "kind": kind, **more}


def _answer(pid: str, date: str, score: object = 3, **more: Any) -> dict[str, Any]:
    return {"participant_id": pid, "date": date, "phase": "exit", "question": "satisfied",
            "score": score, **more}


def _people(**changes: Any) -> Rows:
    return [{**PEOPLE[0], **changes}, PEOPLE[1]]


RULES: dict[str, dict[str, Rows]] = {
    "unknown_participant": {"participants": PEOPLE, "events": [_event("Z", "2014-05-01")]},
    "event_before_enrolment": {"participants": PEOPLE, "events": [_event("A", "2014-01-02")]},
    "answer_before_enrolment": {"participants": PEOPLE,
                                "responses": [_answer("A", "2014-01-02")]},
    "exit_before_enrolment": {"participants": _people(exited="2014-01-01")},
    "excluded_participant": {"participants": _people(exited="2014-01-01"),
                             "events": [_event("A", "2014-05-01")]},
    "unknown_code": {"participants": _people(sex="K")},
    "score_out_of_range": {"participants": PEOPLE,
                           "responses": [_answer("A", "2014-05-01", score=10_000_000)]},
    "bad_number": {"participants": PEOPLE,
                   "responses": [_answer("A", "2014-05-01", score="many")]},
    "duplicate_participant": {"participants": [*PEOPLE, PEOPLE[0]]},
    "bad_date": {"participants": _people(enrolled="first of March")},
    "out_of_range": {"participants": _people(enrolled="1850-03-01")},
    "missing_value": {"participants": PEOPLE, "events": [_event("A", "2014-05-01", kind="")]},
    "personal_id": {"participants": _people(note="811218-9876")},
    "personal_id in a number": {"participants": _people(phone=8112189876)},
    "unknown_column": {"participants": PEOPLE,
                       "events": [_event("A", "2014-05-01", note="x")]},
}


@pytest.mark.parametrize("code", sorted(RULES))
def test_each_rule_gives_the_same_issue_from_records_and_from_a_file(code: str) -> None:
    """Every rule a file is checked by, records are checked by too, with the same code,
    severity, message, column and count of rows left out."""
    tables = RULES[code]
    from_file = _from_file(tables)
    from_records = _from_records(tables)
    assert code.split(maxsplit=1)[0] in {i.code for i in from_file.issues}
    assert _shape(from_records.issues) == _shape(from_file.issues)
    assert _present(from_records) == _present(from_file)
    assert from_records.with_records().events == from_file.with_records().events
    assert from_records.with_records().responses == from_file.with_records().responses


@pytest.mark.parametrize("code", sorted(RULES))
def test_strict_records_raise_on_every_error_and_keep_warnings(code: str) -> None:
    """By default (strict) an error raises, naming the table, row and column with the
    file's code; a warning never raises and is in the data set's issues."""
    tables = RULES[code]
    errors = [i for i in _from_file(tables).issues
              if i.severity == "error" and i.code != "rows_excluded"]
    if not errors:
        data = _from_records(tables, strict=True)
        assert code.split(maxsplit=1)[0] in {i.code for i in data.issues}
        return
    with pytest.raises(DataError) as caught:
        _from_records(tables, strict=True)
    assert f"[{errors[0].code}]" in str(caught.value)
    found = getattr(caught.value, "problems", (caught.value,))
    assert [(p.source, p.column) for p in found] == [
        (_table(i.where), _column(i.where)) for i in errors
    ]


def test_clean_records_carry_no_issue_and_stay_plain_python() -> None:
    """Nothing to report, nothing reported: the fast path keeps the records as given."""
    data = _from_records({"participants": PEOPLE, "events": [_event("A", "2014-05-01")],
                          "responses": [_answer("B", "2014-05-01")]})
    assert data.issues == ()
    assert data.records is not None
    assert data.records.events == (("A", dt.date(2014, 5, 1), "employment_start"),)


def test_from_folder_reads_figures_and_assessments_and_names_a_bad_date(
    tmp_path: Path,
) -> None:
    """One data path: Dataset.from_folder reads every table read_data reads, and a bad date
    is an issue naming its file, row and column, not an engine error naming no file."""
    _write(tmp_path, {
        "participants": _people(enrolled="2014-13-45"),
        "measurements": [{"metric": "spent", "date": "2014-12-31", "value": "1000"}],
        "assessments": [{"goal": "g", "date": "2014-12-31", "verdict": "met"}],
    })
    data = Dataset.from_folder(tmp_path)
    assert [m.metric for m in data.measurements] == ["spent"]
    assert [a.goal for a in data.assessments] == ["g"]
    bad = [i for i in data.issues if i.code == "bad_date"]
    assert [i.where for i in bad] == ["participants.csv, row 2, column 'enrolled'"]
    assert _shape(data.issues) == _shape(read_data(tmp_path).issues)
    with pytest.raises(DataError, match="bad_date"):
        Dataset.from_folder(tmp_path, strict=True)


_DATES = st.sampled_from(["2014-01-02", "2014-03-01", "2014-06-30", "2015-02-01",
                          "1850-01-01", "soon", ""])
_IDS = st.sampled_from(["A", "B", "C", "Z"])


@st.composite
def _tables(draw: st.DrawFn) -> dict[str, Rows]:
    people = draw(st.lists(st.fixed_dictionaries({
        "participant_id": _IDS, "enrolled": _DATES,
        "sex": st.sampled_from(["F", "M", "X", "K", ""]),
        "exited": st.sampled_from(["", "2014-01-01", "2015-01-01"]),
    }), min_size=1, max_size=5))
    events = draw(st.lists(st.fixed_dictionaries({
        "participant_id": _IDS, "date": _DATES,
        "kind": st.sampled_from(["employment_start", "", "study_start"]),
    }), max_size=4))
    answers = draw(st.lists(st.fixed_dictionaries({
        "participant_id": _IDS, "date": _DATES, "phase": st.just("exit"),
        "question": st.just("satisfied"),
        "score": st.sampled_from(["3", "4,5", "", "x", "2000000"]),
    }), max_size=4))
    return {"participants": people, "events": events, "responses": answers}


@settings(max_examples=30, deadline=None)
@given(tables=_tables())
def test_records_and_the_same_csv_give_the_same_data_and_issues(
    tables: dict[str, Rows],
) -> None:
    """Whatever the rows, records and the equivalent CSV files keep the same rows and report
    the same issues (or both refuse the data)."""
    refused: type[DataError] | None = None
    try:
        from_file = _from_file(tables)
    except DataError as e:
        refused = type(e)
    if refused is not None:
        with pytest.raises(refused):
            _from_records(tables)
        return
    from_records = _from_records(tables)
    assert _shape(from_records.issues) == _shape(from_file.issues)
    mine, theirs = from_records.with_records(), from_file.with_records()
    assert [p["participant_id"] for p in mine.participants] == [
        p["participant_id"] for p in theirs.participants]
    assert mine.events == theirs.events
    assert mine.responses == theirs.responses


def test_records_with_only_common_warnings_are_checked_without_a_data_frame_library() -> None:
    """A host's records that carry only the common warnings (a sex code goalkit does not
    know, events or answers before enrolment) get the issues a file gets, fifty rows
    listed a code and the rest counted, without loading the frame-based validation: the
    lean path of a page view (issue 14 point 5)."""
    code = ("import sys, datetime as d, goalkit; "
            "p = [{'participant_id': 'A', 'enrolled': d.date(2014, 3, 1), 'sex': 'K'}]; "
            "e = [{'participant_id': 'A', 'date': d.date(2014, 1, 2), 'kind': 'k'}] * 60; "
            "r = [{'participant_id': 'A', 'date': d.date(2014, 1, 2), 'phase': 'exit', "
            "'question': 'q', 'score': 3}]; "
            "data = goalkit.Dataset.from_records(p, e, r); "
            "print(sorted({(i.code, i.count, i.message[:8]) for i in data.issues})); "
            "print(len(data.issues), 'goalkit.data._validate' in sys.modules, "
            "'polars' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.split("\n")[:2] == [
        "[('answer_before_enrolment', 1, 'the answ'), ('event_before_enrolment', 1, "
        "'the even'), ('event_before_enrolment', 10, '10 more '), ('unknown_code', 1, "
        "'a value ')]",
        "53 False False",
    ]
    tables = {"participants": _people(sex="K"),
              "events": [_event("A", "2014-01-02") for _ in range(60)]}
    assert _shape(_from_records(tables).issues) == _shape(_from_file(tables).issues)
