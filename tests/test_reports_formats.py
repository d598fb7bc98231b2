"""The report formats: registered, in both languages, the same numbers everywhere, nothing
that identifies a participant."""

from __future__ import annotations

import io
import itertools
import json
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reports_support import text_of
from strategies import as_of_dates, marked_datasets, projects

import goalkit
from goalkit.engine import evaluate_over_time
from goalkit.plugins import make_plugin_manager
from goalkit.reports import goal_steps
from goalkit.reports._excel import BREAKDOWN_FIELDS, HEADER_ROW, PROGRESS_FIELDS, SUMMARY_FIELDS
from goalkit.reports._i18n import Labels
from goalkit.reports._plugin import JsonFormat
from goalkit.reports._suppress import suppress_report
from goalkit.reports._table import TableFormat
from goalkit.reports._view import reading_order

ROOT = Path(__file__).resolve().parents[1]
GOALS = ROOT / "examples/quickstart/goals.toml"
DATA = ROOT / "examples/quickstart/data"
SCHEMA = json.loads((ROOT / "docs/report-schema.json").read_text(encoding="utf-8"))
FORMATS = ("table", "md", "html", "json", "xlsx")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def quickstart() -> tuple[goalkit.Project, goalkit.Dataset]:
    return goalkit.load_goals(GOALS), goalkit.Dataset.from_folder(DATA)


@pytest.fixture(scope="module")
def one(quickstart: tuple[goalkit.Project, goalkit.Dataset]) -> list[goalkit.Report]:
    project, data = quickstart
    return [goalkit.evaluate(project, data, date(2015, 6, 15), audit=True)]


@pytest.fixture(scope="module")
def series(quickstart: tuple[goalkit.Project, goalkit.Dataset]) -> list[goalkit.Report]:
    project, data = quickstart
    return evaluate_over_time(project, data, project.reporting_dates, audit=True)


def validate(doc: Any) -> None:
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(doc)


def test_every_format_is_registered_through_the_hook() -> None:
    host = make_plugin_manager(entry_points=False)
    assert set(FORMATS) <= set(host.formats)
    for name in FORMATS:
        fmt = host.format(name)
        assert isinstance(fmt, goalkit.typing.ReportFormat)
        assert fmt.suffix.startswith(".")
        assert host.formats.entry(name).plugin == "goalkit.reports._plugin"


def test_import_goalkit_loads_no_rendering_library() -> None:
    """``import goalkit`` stays fast: the format libraries load only when a format renders."""
    code = ("import sys, goalkit, goalkit.reports._plugin, goalkit.cli._report; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & "
            "{'rich', 'jinja2', 'matplotlib', 'openpyxl', 'babel'}))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("name", FORMATS)
@pytest.mark.parametrize("which", ["one", "series"])
def test_every_format_renders_every_goal_without_participant_ids(
    name: str, lang: str, which: str, request: pytest.FixtureRequest,
    quickstart: tuple[goalkit.Project, goalkit.Dataset],
) -> None:
    reports: list[goalkit.Report] = request.getfixturevalue(which)
    fmt = make_plugin_manager(entry_points=False).format(name)
    body = fmt.render(reports, project=quickstart[0], lang=lang, options={"min_cell": 5})
    assert isinstance(body, bytes) == fmt.binary
    text = text_of(body)
    for r in reports[-1].results:
        assert r.goal_id in text
    ids = {pid for r in reports[-1].results if r.members is not None
           for pid in r.members.numerator | r.members.failure | r.members.pending}
    assert ids, "audit=True gives the members to look for"
    leaked = {pid for pid in ids if re.search(rf"\b{re.escape(pid)}\b", text)}
    assert leaked == set()


def test_json_format_says_its_audience(one: list[goalkit.Report]) -> None:
    """Public by default (small counts suppressed, ``min_cell`` stated); the internal
    report is exactly ``report_to_json`` with its audience added."""
    fmt = JsonFormat()
    plain = json.loads(goalkit.report_to_json(one[0]))
    internal = json.loads(fmt.render(one, options={"audience": "internal"}))
    assert internal == {**plain, "audience": "internal"}
    suppressed = json.loads(fmt.render(one))
    assert (suppressed["audience"], suppressed["min_cell"]) == ("public", 5)
    assert suppressed == json.loads(fmt.render(one, options={"min_cell": 5}))
    assert {k: v for k, v in suppressed.items()
            if k not in ("audience", "min_cell", "results")} == {
        k: v for k, v in plain.items() if k != "results"}
    hidden = [c for r in suppressed["results"] for cells in r.get("breakdowns", {}).values()
              for c in cells.values() if "suppressed" in c]
    assert hidden, "the quick-start breakdowns have small cells"
    assert all(c == {"suppressed": True} for c in hidden)


@pytest.mark.parametrize("options", [{"audience": "internal"}, {"min_cell": 5},
                                     {"min_cell": 11}])
def test_json_validates_against_the_published_schema(
    one: list[goalkit.Report], series: list[goalkit.Report], options: dict[str, Any]
) -> None:
    fmt = JsonFormat()
    validate(json.loads(fmt.render(one, options=options)))
    doc = json.loads(fmt.render(series, options=options))
    assert isinstance(doc, list)
    assert len(doc) == len(series)
    validate(doc)


def test_the_schema_refuses_what_goalkit_never_writes(one: list[goalkit.Report]) -> None:
    doc = json.loads(goalkit.report_to_json(one[0]))
    doc["results"][0]["status"] = "almost"
    with pytest.raises(jsonschema.ValidationError):
        validate(doc)
    doc = json.loads(goalkit.report_to_json(one[0]))
    doc["results"][0]["participant_ids"] = ["Q001"]
    with pytest.raises(jsonschema.ValidationError):
        validate(doc)


@settings(max_examples=15)
@given(projects(), marked_datasets(), as_of_dates, st.sampled_from(["sv", "en"]))
def test_any_report_validates_and_names_nobody(
    project: goalkit.Project, data: goalkit.Dataset, as_of: date, lang: str
) -> None:
    """Random projects and data: the JSON fits the schema, and no format shows an id."""
    report = goalkit.evaluate(project, data, as_of)
    validate(json.loads(goalkit.report_to_json(report)))
    validate(json.loads(JsonFormat().render([report], options={"min_cell": 5})))
    host = make_plugin_manager(entry_points=False)
    for name in ("json", "md", "table", "xlsx"):
        text = text_of(host.format(name).render([report], lang=lang, options={"min_cell": 5}))
        assert "PID-" not in text


def same(value: float | None) -> Any:
    """Excel keeps 15 significant digits."""
    return None if value is None else pytest.approx(value, rel=1e-13, abs=0)


def _sheet_rows(ws: Any, fields: tuple[tuple[str, str], ...]) -> list[dict[str, Any]]:
    rows = []
    for values in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True):
        if values[0] is None:
            continue
        rows.append(dict(zip([f for f, _ in fields], values, strict=False)))
    return rows


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_excel_holds_the_same_numbers_as_the_json(series: list[goalkit.Report], lang: str) -> None:
    options = {"min_cell": 5}
    doc = json.loads(JsonFormat().render(series, options=options))
    latest = doc[-1]
    wb = openpyxl.load_workbook(io.BytesIO(
        make_plugin_manager(entry_points=False).format("xlsx").render(
            series, lang=lang, options=options)))
    summary, breakdowns, progress = wb.worksheets[0], wb.worksheets[1], wb.worksheets[2]

    rows = {r["goal_id"]: r for r in _sheet_rows(summary, SUMMARY_FIELDS)}
    assert set(rows) == {r["goal_id"] for r in latest["results"]}
    for r in latest["results"]:
        row = rows[r["goal_id"]]
        for field in ("value", "lower", "upper", "numerator", "denominator", "gap"):
            assert row[field] == same(r.get(field)), (r["goal_id"], field)
        for field in ("success", "failure", "pending"):
            assert row[field] == r.get(field, 0), (r["goal_id"], field)
        assert row["excluded"] == sum(r.get("excluded", {}).values())
        interval = r.get("interval") or [None, None]
        assert (row["interval_low"], row["interval_high"]) == (same(interval[0]),
                                                              same(interval[1]))

    every = _sheet_rows(breakdowns, BREAKDOWN_FIELDS)
    cells = [row for row in every if row["category"] is not None]
    json_results = {r["goal_id"]: r for r in latest["results"]}
    published = suppress_report(series[-1], 5)
    expected = [(r.goal_id, s.category, json_results[r.goal_id]["breakdowns"][dim][s.category])
                for r in series[-1].results for dim, shown in published[r.goal_id].items()
                if not all(s.hidden for s in shown)  # a dimension hidden whole: one row
                for s in reading_order(shown)]  # the order the sheet shows them in
    # a dimension hidden whole, or left out whole, is one row that says so
    whole = [(r.goal_id, dim) for r in series[-1].results for dim, shown in r.breakdowns.items()
             if len(shown) > 0 and (dim not in published[r.goal_id] or all(
                 s.hidden for s in published[r.goal_id][dim]))]
    said = [row for row in every if row["category"] is None]
    assert [row["goal_id"] for row in said] == [goal for goal, _ in whole]
    assert all(row["value"] is None and row["success"] is None for row in said)
    assert all(str(row["suppressed"]).startswith(("Visas inte", "Not shown")) for row in said)
    assert len(expected) == sum(len(cells) for r in latest["results"]
                                for cells in r.get("breakdowns", {}).values()
                                if any("suppressed" not in c for c in cells.values()))
    assert len(cells) == len(expected)
    for row, (goal_id, _, cell) in zip(cells, expected, strict=True):
        assert row["goal_id"] == goal_id
        if "suppressed" in cell:
            assert row["suppressed"]
            assert row["value"] is None
            assert row["success"] is None
        else:
            assert row["suppressed"] is None
            for field in ("value", "numerator", "denominator", "success", "failure",
                          "pending", "excluded"):
                assert row[field] == same(cell.get(field)), (goal_id, field)

    steps = _sheet_rows(progress, PROGRESS_FIELDS)
    by_date = {(s["goal_id"], s["as_of"].date().isoformat()): s for s in steps}
    for report in doc:
        for r in report["results"]:
            assert by_date[(r["goal_id"], report["as_of"])]["value"] == same(r["value"])


def test_table_is_plain_in_a_pipe_and_coloured_on_a_terminal(one: list[goalkit.Report]) -> None:
    plain = TableFormat().render(one, lang="en")
    assert not ANSI.search(plain)
    coloured = TableFormat().render(one, lang="en", options={"color": True})
    assert ANSI.search(coloured)
    assert ANSI.sub("", coloured).split() == plain.split()


def test_progress_marks_what_changed_since_the_previous_report(
    series: list[goalkit.Report],
) -> None:
    """Each goal gets one step per date; a step is marked when the status or value moved,
    and the first date never is."""
    steps = goal_steps(series)
    assert set(steps) == {r.goal_id for r in series[-1].results}
    for goal_id, goal in steps.items():
        assert [s.as_of for s in goal] == [r.as_of for r in series]
        assert not goal[0].changed
        for before, after in itertools.pairwise(series):
            step = next(s for s in goal if s.as_of == after.as_of)
            moved = (before[goal_id].status is not after[goal_id].status
                     or before[goal_id].value != after[goal_id].value
                     or before[goal_id].pending != after[goal_id].pending)
            assert step.changed == moved
            assert not step.regressed, "a final status never changes later"
    md = make_plugin_manager(entry_points=False).format("md").render(series, lang="en")
    assert "pending → met" in md
    assert "●" in md


def with_issue(report: goalkit.Report) -> goalkit.Report:
    issue = goalkit.DataIssue(severity="error", code="breakdown_sum",
                              message="reported figure does not add up", where="measurements.csv")
    return goalkit.Report(project_id=report.project_id, project_name=report.project_name,
                          as_of=report.as_of, results=report.results, data=report.data,
                          issues=(issue,), generator=report.generator)


def test_the_html_report_is_self_contained(one: list[goalkit.Report]) -> None:
    """No scripts, no external resources: it works offline and from an e-mail. Data issues
    are listed."""
    html = make_plugin_manager(entry_points=False).format("html").render(
        [with_issue(one[0])], lang="sv")
    assert Labels("sv").issue("breakdown_sum") in html  # the kind, in Swedish
    assert "measurements.csv" in html
    assert "<script" not in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "@page" in html
    assert "A4" in html
    assert html.count("<svg") >= len(one[0].results) - 1
    for r in one[0].results:
        assert f'id="goal-{r.goal_id}"' in html
        if r.wording:
            assert r.wording in html


def test_issues_appear_in_the_other_human_readable_formats(one: list[goalkit.Report]) -> None:
    """The internal report gives each issue's own message; the public one its kind alone
    (``goalkit.reports._suppress.published_issues``)."""
    host = make_plugin_manager(entry_points=False)
    for name in ("table", "md", "xlsx"):
        inside = text_of(host.format(name).render([with_issue(one[0])], lang="en",
                                                  options={"audience": "internal"}))
        assert "reported figure does not add up" in inside, name
        public = text_of(host.format(name).render([with_issue(one[0])], lang="en"))
        assert "reported figure does not add up" not in public, name
        assert "breakdown sum" in public, name  # a code with no words of its own, as it is


def test_rendering_is_deterministic_and_safe_from_threads(one: list[goalkit.Report]) -> None:
    """Same report, same bytes (HTML and Excel alike), also when several threads render at
    once (matplotlib's global settings are only touched under a lock)."""
    host = make_plugin_manager(entry_points=False)
    jobs = [("html", "sv"), ("html", "en"), ("xlsx", "sv"), ("md", "en")]

    def render(job: tuple[str, str]) -> str | bytes:
        return host.format(job[0]).render(one, lang=job[1])

    sequential = [render(job) for job in jobs]
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        threaded = list(pool.map(render, jobs))
    assert threaded == sequential


def test_a_workbook_does_not_depend_on_the_wall_clock(
    one: list[goalkit.Report], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rendered an hour apart, the workbook is the same bytes: its members and its document
    properties are dated with the as-of date, never with the time of rendering."""
    import time  # noqa: PLC0415
    import zipfile  # noqa: PLC0415

    xlsx = make_plugin_manager(entry_points=False).format("xlsx")
    monkeypatch.setattr(time, "time", lambda: 1_700_000_000.0)
    first = xlsx.render(one, lang="sv")
    monkeypatch.setattr(time, "time", lambda: 1_700_003_600.0)
    assert xlsx.render(one, lang="sv") == first
    as_of = one[-1].as_of
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {i.date_time[:3] for i in archive.infolist()} == {
            (as_of.year, as_of.month, as_of.day)}
        core = archive.read("docProps/core.xml").decode()
    stamps = re.findall(r"<dcterms:(?:created|modified)[^>]*>([^<]+)<", core)
    assert stamps == [f"{as_of.isoformat()}T00:00:00Z"] * 2


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_breakdown_sheet_shows_every_header_and_value_in_full(
        one: list[goalkit.Report], lang: str) -> None:
    """Printed or on a narrow screen, a column too narrow shows ``###`` for a number
    (*21 personer* in a column of eight characters) and cuts its header (*ej
    medräknade*): every column of the breakdown sheet is as wide as its header and its
    values as written with their units."""
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    wb = openpyxl.load_workbook(io.BytesIO(
        make_plugin_manager(entry_points=False).format("xlsx").render(one, lang=lang)))
    ws = wb.worksheets[1]
    for col in range(1, len(BREAKDOWN_FIELDS) + 1):
        width = ws.column_dimensions[get_column_letter(col)].width
        header = ws.cell(row=HEADER_ROW, column=col).value
        shown = [len(str(header))]
        for row in range(HEADER_ROW + 1, ws.max_row + 1):
            cell = ws.cell(row=row, column=col)
            if isinstance(cell.value, int | float):
                unit = re.search(r'"([^"]*)"', cell.number_format)
                shown.append(len(f"{cell.value:,.2f}") + (len(unit[1]) + 1 if unit else 0))
        assert width >= max(shown), (header, width, max(shown))


def test_the_summary_and_progress_sheets_show_every_value_with_its_unit_in_full() -> None:
    """A reported number of people reads *2 615 personer*: in a column of twelve
    characters a spreadsheet prints ``###`` instead. Every column of a value with its unit
    (the value, its bounds, the target's ends, the distance; each date's value) is as
    wide as the longest it shows."""
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    from goalkit.plugins import load_data, load_project  # noqa: PLC0415

    root = Path(__file__).resolve().parents[1]
    project = load_project("ny-i-vasteras")
    data = load_data(root / "examples" / "ny-i-vasteras" / "data")
    reports = [goalkit.evaluate(project, data, d) for d in project.reporting_dates]
    wb = openpyxl.load_workbook(io.BytesIO(goalkit.render(
        reports, "xlsx", project=project, lang="sv")))
    widest = 0
    for ws in (wb.worksheets[0], wb[next(n for n in wb.sheetnames if "tid" in n)]):
        for col in range(1, ws.max_column + 1):
            width = ws.column_dimensions[get_column_letter(col)].width
            for row in range(HEADER_ROW + 1, ws.max_row + 1):
                cell = ws.cell(row=row, column=col)
                unit = re.search(r'"([^"]*)"', cell.number_format)
                if isinstance(cell.value, int | float) and unit:
                    shown = len(f"{cell.value:,.0f}") + len(unit[1]) + 1
                    widest = max(widest, shown)
                    assert width >= shown, (ws.title, col, cell.value, width)
    assert widest >= len("2,615 personer")  # the case this is about is there
