"""Reports that tell the whole truth (issue 10 points 2, 3 and 6, the definition and response
fields, the audience): what the engine knows reaches every human-readable format."""

from __future__ import annotations

import io
import re
from datetime import date
from typing import Any

import openpyxl
import pytest
from reports_support import render, report, result, visible

import goalkit
from goalkit.goals import Target, Text
from goalkit.model._result import Cell, GoalResult, ResponseRate, Status
from goalkit.reports._charts import MOST_BARS

HUMAN = ("table", "md", "html", "xlsx")


def summary_rows(body: bytes) -> dict[str, dict[str, Any]]:
    """The Excel summary sheet: goal id to header to cell."""
    ws = openpyxl.load_workbook(io.BytesIO(body)).worksheets[0]
    rows = list(ws.iter_rows(min_row=4))
    headers = [c.value for c in rows[0]]
    return {str(r[0].value): dict(zip(headers, r, strict=True)) for r in rows[1:]}


MET_WITH_PENDING = result(
    "met-open", status=Status.MET, value=10 / 26, numerator=10, denominator=26, success=10,
    failure=16, pending=10, lower=10 / 36, upper=20 / 36)


@pytest.mark.parametrize("name", HUMAN)
def test_a_decided_goal_still_shows_its_counts_undecided_people_and_bounds(name: str) -> None:
    """Issue 10 point 2: "met 38,5 % (10 av 26)" with 10 people still undecided shows the
    10 undecided and the bounds, in every format, also once the goal is met."""
    text = visible(name, render(name, [report(MET_WITH_PENDING)]))
    if name == "xlsx":
        row = summary_rows(render(name, [report(MET_WITH_PENDING)]))["met-open"]
        assert row["nedre gräns"].value == pytest.approx(10 / 36)
        assert row["övre gräns"].value == pytest.approx(20 / 36)
        assert row["ej avgjorda"].value == 10
        assert row["täljare"].value == 10
        assert row["nämnare"].value == 26
        return
    assert "10 av 26" in text
    assert "10 ej avgjorda" in text
    assert "27,8 % … 55,6 %" in text
    assert "gränser medan ej avgjort" in text


@pytest.mark.parametrize("name", ["table", "md", "html"])
def test_the_summary_line_shows_counts_beside_the_value(name: str) -> None:
    """The single-date summary never reads "100,0 %" alone while 44 people are undecided."""
    r = result("all-so-far", value=1.0, numerator=3, denominator=3, success=3, pending=44,
               lower=3 / 47, upper=1.0)
    body = render(name, [report(r)])
    text = visible(name, body)
    assert re.search(r"100,0 % \(3 av 3\);? ?.{0,40}44 ej avgjorda", text), text[:600]


@pytest.mark.parametrize("name", ["table", "md", "html"])
def test_history_tables_show_the_counts_of_every_date(name: str) -> None:
    early = result("h", value=1.0, numerator=2, denominator=2, success=2, pending=94,
                   lower=2 / 96, upper=1.0)
    late = result("h", value=0.5, numerator=20, denominator=40, success=20, failure=20,
                  pending=0, status=Status.MET)
    text = visible(name, render(name, [report(early, as_of=date(2015, 1, 1)),
                                       report(late)]))
    assert "2 av 2" in text
    assert "94 ej avgjorda" in text
    assert "20 av 40" in text


@pytest.mark.parametrize("name", HUMAN)
def test_an_open_cohort_is_said_out_loud(name: str) -> None:
    """Issue 10 point 3: while people can still enrol every format says so, and the bounds
    are labelled as holding among those enrolled so far."""
    r = result("open", value=0.5, numerator=5, denominator=10, success=5, failure=5,
               pending=3, lower=5 / 13, upper=8 / 13, cohort_open=True)
    body = render(name, [report(r)])
    if name == "xlsx":
        row = summary_rows(body)["open"]
        assert row["fler kan skrivas in"].value == "ja"
        return
    text = visible(name, body)
    assert "bland de hittills inskrivna" in text
    if name in ("md", "html"):
        assert "Fler kan fortfarande skrivas in" in text
    en = visible(name, render(name, [report(r)], lang="en"))
    assert "among those enrolled so far" in en


MEDIAN = {"kind": "time_to_event", "unit": goalkit.Unit.DAYS,
          "target": Target.at_most(180.0)}


@pytest.mark.parametrize("name", HUMAN)
def test_a_median_not_reached_says_so_and_how_far(name: str) -> None:
    """Issue 10 point 6: "not reached (> N days)", never "–" (which means no data)."""
    far = result("far", value=None, success=3, failure=0, pending=9, not_reached_after=412.0,
                 **MEDIAN)
    unknown = result("unknown", value=None, success=2, pending=9, **MEDIAN)
    nobody = result("nobody", value=None, status=Status.NO_DATA, **MEDIAN)
    body = render(name, [report(far, unknown, nobody)])
    if name == "xlsx":
        rows = summary_rows(body)
        assert rows["far"]["värde"].value == "ej uppnådd (> 412 dagar)"
        assert rows["unknown"]["värde"].value == "ej uppnådd"
        assert rows["nobody"]["värde"].value is None
        return
    text = visible(name, body)
    assert "ej uppnådd (> 412 dagar)" in text
    assert text.count("ej uppnådd") >= 2
    en = visible(name, render(name, [report(far)], lang="en"))
    assert "not reached (> 412 days)" in en


def test_every_value_carries_its_unit() -> None:
    t = goalkit.reports._i18n.Labels("sv")  # type: ignore[attr-defined]
    assert t.value(12, goalkit.Unit.DAYS) == "12 dagar"
    assert t.value(2400, goalkit.Unit.MONEY) == "2\u00a0400 kr"
    assert t.value(30, goalkit.Unit.PEOPLE) == "30 personer"
    assert t.value(1, goalkit.Unit.PEOPLE) == "1 person"
    assert t.value(2.333, goalkit.Unit.SCORE) == "2,33 poäng"
    en = goalkit.reports._i18n.Labels("en")  # type: ignore[attr-defined]
    assert en.value(2.333, goalkit.Unit.SCORE) == "2.33 points"
    assert en.value(30, goalkit.Unit.PEOPLE) == "30 people"


@pytest.mark.parametrize("name", ["table", "md", "html", "xlsx"])
def test_pending_reads_ej_avgjort_and_never_pagar(name: str) -> None:
    """The status word an evaluator uses for a goal not yet decided, in every format."""
    r = result("p", value=0.5, numerator=1, denominator=2, success=1, failure=1, pending=4,
               lower=0.2, upper=0.8)
    text = visible(name, render(name, [report(r, as_of=date(2015, 1, 1)), report(r)]))
    assert "ej avgjort" in text
    assert "pågår" not in text
    assert "pågående" not in text


DEFINED = result(
    "survey", kind="survey_share", value=1.0, numerator=2, denominator=2, success=2,
    status=Status.PENDING, lower=0.2, upper=1.0,
    definition=Text(sv="Andelen nöjda bland dem som avslutat och svarat",
                    en="The share satisfied among those who exited and answered"),
    response=ResponseRate(asked=10, answered=2, minimum=0.5, lower=0.2, upper=1.0),
)


@pytest.mark.parametrize("name", HUMAN)
def test_the_definition_and_response_rate_appear_in_every_format(name: str) -> None:
    """The engine's definition in words and a survey goal's response rate, with its
    minimum and the bounds over non-response, beside the value."""
    body = render(name, [report(DEFINED)])
    text = visible(name, body)
    assert "Andelen nöjda bland dem som avslutat och svarat" in text
    if name == "xlsx":  # numbers to compute with, and the bounds as every format words them
        row = summary_rows(body)["survey"]
        assert row["svarsfrekvens"].value == pytest.approx(0.2)
        assert row["svarsfrekvens"].number_format == "0%"
        assert (row["svarade"].value, row["tillfrågade"].value) == (2, 10)
        assert row["lägsta svarsfrekvens"].value == pytest.approx(0.5)
        assert row["lägsta svarsfrekvens"].number_format == "0%"
        bounds = row["gränser om de som inte svarat hade svarat"].value
        assert bounds == "20,0\u00a0% … 100,0\u00a0%"
        return
    assert "2 av 10 svarade (20 %)" in text
    assert "lägsta svarsfrekvens 50 %" in text
    assert "20,0 % … 100,0 %" in text
    en = visible(name, render(name, [report(DEFINED)], lang="en"))
    assert "The share satisfied among those who exited and answered" in en


@pytest.mark.parametrize("name", HUMAN)
@pytest.mark.parametrize(("audience", "word"), [(None, "offentlig"), ("public", "offentlig"),
                                                ("internal", "intern")])
def test_the_audience_is_stated_on_every_report(name: str, audience: str | None,
                                                word: str) -> None:
    options = {} if audience is None else {"audience": audience}
    text = visible(name, render(name, [report(MET_WITH_PENDING)], options=options))
    assert f"Rapporten är avsedd för: {word}" in text


def test_an_unknown_audience_is_refused() -> None:
    with pytest.raises(ValueError, match="audience"):
        render("md", [report(MET_WITH_PENDING)], options={"audience": "everyone"})


def hidden_whole() -> GoalResult:
    cells = {"F": Cell(value=0.5, success=1, failure=1, pending=0, excluded=0, numerator=1,
                       denominator=2),
             "M": Cell(value=1.0, success=3, failure=0, pending=0, excluded=0, numerator=3,
                       denominator=3)}
    shown = {"A": Cell(value=0.5, success=10, failure=10, pending=0, excluded=0,
                       numerator=10, denominator=20),
             "B": Cell(value=0.6, success=12, failure=8, pending=0, excluded=0,
                       numerator=12, denominator=20)}
    return result("b", value=0.55, numerator=22, denominator=40, success=22, failure=18,
                  status=Status.MET, breakdowns={"sex": cells, "group": shown})


@pytest.mark.parametrize("name", ["md", "html"])
def test_a_dimension_hidden_whole_gets_no_table_and_no_chart(name: str) -> None:
    """Issue 10 point 12: no empty table or chart for a dimension entirely hidden; one line
    says it is not shown, and the dimension that can be shown is."""
    body = render(name, [report(hidden_whole())])
    assert isinstance(body, str)
    text = visible(name, body)
    assert "Efter kön" not in text
    assert "Visas inte efter kön" in text
    assert "Efter grupp" in text  # a known column, in Swedish
    if name == "html":
        assert 'data-dimension="sex"' not in body
        assert body.count('class="chart breakdown-chart"') == 1


def test_reason_codes_columns_and_codes_read_as_swedish() -> None:
    """Issue 10 point 11: generated reason codes, column names and yes/no codes."""
    t = goalkit.reports._i18n.Labels("sv")  # type: ignore[attr-defined]
    assert t.reason("missing_sex") == "kön saknas"
    assert t.reason("awaiting_exited") == "väntar på avslut"
    assert t.reason("waiting") == "väntar på händelsen"
    assert t.dimension("group") == "grupp"
    assert t.category("finished", "yes") == "ja"
    assert t.category("finished", "no") == "nej"
    assert t.status(Status.PENDING) == "ej avgjort"


def test_the_workbook_is_one_a_controller_keeps() -> None:
    """Issue 10 point 13: status colours, numbers as numbers with formats that carry the
    unit (ratios not raw floats), an autofilter, print setup, and empty Kommentar and Åtgärd
    columns."""
    from goalkit.reports._excel import STATUS_FILLS, pages_wide  # noqa: PLC0415

    ratio = result("ratio", kind="ratio", unit=goalkit.Unit.NUMBER, value=2.779661016949152,
                   target=Target.at_most(1.25), status=Status.NOT_MET)
    days = result("days", kind="time_to_event", unit=goalkit.Unit.DAYS, value=120.0,
                  target=Target.at_most(180.0), status=Status.MET, success=10,
                  denominator=10)
    body = render("xlsx", [report(MET_WITH_PENDING, ratio, days)])
    assert isinstance(body, bytes)
    wb = openpyxl.load_workbook(io.BytesIO(body))
    ws = wb.worksheets[0]
    rows = summary_rows(body)
    headers = list(rows["ratio"])
    assert headers[-2:] == ["Kommentar", "Åtgärd"]
    for row in rows.values():
        assert row["Kommentar"].value is None
        assert row["Åtgärd"].value is None
    share, r, d = rows["met-open"], rows["ratio"], rows["days"]
    assert r["värde"].value == pytest.approx(2.779661016949152)
    assert r["värde"].number_format == "0.00"
    assert r["målvärde, övre"].value == 1.25
    assert r["målvärde, övre"].number_format == "0.00"
    assert share["värde"].number_format == "0.0%"
    assert share["målvärde, nedre"].value == 0.3
    assert share["nedre gräns"].number_format == "0.0%"
    assert d["värde"].number_format == '#,##0 "dagar"'
    assert wb["Sammanfattning"]["A2"].value.startswith("Projektet")
    for row, status in ((share, Status.MET), (r, Status.NOT_MET), (d, Status.MET)):
        assert row["status"].fill.fgColor.rgb.endswith(STATUS_FILLS[status][0])
    assert STATUS_FILLS[Status.MET][0] != STATUS_FILLS[Status.NOT_MET][0]
    assert ws.auto_filter.ref == f"A4:{openpyxl.utils.get_column_letter(len(headers))}7"
    assert ws.page_setup.orientation == "landscape"
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
    # printed at about its own size, as many pages wide as its columns need (fitted to
    # one page, some 500 characters wide, it printed at a quarter of its size), the goal
    # column and the header row repeated on every page, the header row tall enough for
    # its wrapped headers
    widths = [ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width
              for c in range(1, len(headers) + 1)]
    assert ws.page_setup.fitToWidth == pages_wide(widths) > 1
    assert ws.sheet_properties.pageSetUpPr is not None
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$4:$4"
    assert ws.print_title_cols == "$A:$A"
    assert ws.row_dimensions[4].height >= 30  # "målvärde, nedre" takes two lines
    en = openpyxl.load_workbook(io.BytesIO(render("xlsx", [report(ratio)], lang="en")))
    assert [c.value for c in en.worksheets[0][4]][-2:] == ["Comment", "Action"]


def test_the_workbooks_history_carries_the_counts_of_every_date() -> None:
    """Issue 10 point 2 in the Progress sheet: each date's numerator, denominator and
    undecided people beside its value and bounds."""
    early = result("h", value=1.0, numerator=2, denominator=2, success=2, pending=94,
                   lower=2 / 96, upper=1.0)
    late = result("h", value=0.5, numerator=20, denominator=40, success=20, failure=20,
                  status=Status.MET)
    body = render("xlsx", [report(early, as_of=date(2015, 1, 1)), report(late)])
    assert isinstance(body, bytes)
    ws = openpyxl.load_workbook(io.BytesIO(body))["Utveckling över tid"]
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    header, steps = rows[0], [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    assert "ej avgjorda" in header
    assert [(s["täljare"], s["nämnare"], s["ej avgjorda"]) for s in steps] == [
        (2, 2, 94), (20, 40, 0)]


@pytest.mark.parametrize("name", ["md", "html"])
def test_a_goal_without_a_target_but_with_a_value_is_explained_honestly(name: str) -> None:
    """A monitored figure with a value still needs a person's judgement, but the report no
    longer says that no data can decide it: it says there is no target to decide against.
    A goal a person judges with no data at all keeps the old explanation."""
    monitored = result("m", status=Status.NEEDS_ASSESSMENT, target=None, value=0.4,
                       numerator=4, denominator=10, success=4, failure=6)
    judged = result("j", kind="assessed", unit=goalkit.Unit.VERDICT,
                    status=Status.NEEDS_ASSESSMENT, target=None)
    sv = visible(name, render(name, [report(monitored, judged)], "sv"))
    assert sv.count("Målet har inget målvärde: värdet följs upp och bedöms av en person.") == 1
    assert sv.count("Inga data kan avgöra målet") == 1  # the judged goal only
    en = visible(name, render(name, [report(monitored, judged)], "en"))
    assert en.count("The goal has no target: the value is followed up and judged by a "
                    "person.") == 1
    assert en.count("No data can decide this goal") == 1


def _many_groups(n: int) -> GoalResult:
    cells = {f"kommun {i:03d}": Cell(value=0.5, success=10, failure=10, pending=0, excluded=0,
                                     numerator=10, denominator=20) for i in range(n)}
    return result("m", value=0.5, numerator=10 * n, denominator=20 * n, success=10 * n,
                  failure=10 * n, status=Status.MET, breakdowns={"group": cells})


@pytest.mark.parametrize(("groups", "charted"), [(30, True), (31, False), (400, False)])
def test_a_breakdown_of_more_groups_than_a_chart_can_show_gets_its_table_and_a_line(
        groups: int, charted: bool) -> None:
    """A breakdown of hundreds of groups (a register's projects) drew a chart one bar a
    group, hundreds of inches tall, in seconds each: now the table holds them and one line
    says why there is no chart; 30 or fewer are drawn as before."""
    assert MOST_BARS == 30
    body = render("html", [report(_many_groups(groups))])
    assert isinstance(body, str)
    text = visible("html", body)
    assert body.count('class="chart breakdown-chart"') == (1 if charted else 0)
    assert text.count("kommun ") == groups + (groups if charted else 0)  # table (and bars)
    said = f"Inget diagram: {groups:,} grupper".replace(",", " ")
    assert (said in text) is not charted
    if not charted:
        assert "(högst 30); tabellen visar alla." in text
        english = visible("html", render("html", [report(_many_groups(groups))], lang="en"))
        assert f"No chart: {groups:,} groups are more than a chart can show" in english


def test_a_share_over_100_percent_is_drawn_whole() -> None:
    """A reported share, or a ratio in per cent, can be over 100 % (more came to an
    interview than had booked one): its chart's axis reaches past it, not cut at 100."""
    over = result("over", kind="ratio", value=1.5, lower=1.5, upper=1.5, target=None,
                  status=Status.PENDING)
    page = render("html", [report(over)])
    ticks = [int(x) for x in re.findall(r">\s*(\d+)\s*</text>", page)]
    assert ticks, "no tick labels in the chart"
    assert max(ticks) >= 150
    usual = render("html", [report(result("usual", value=0.4, lower=0.4, upper=0.4))])
    assert max(int(x) for x in re.findall(r">\s*(\d+)\s*</text>", usual)) == 100


def test_a_wide_sheet_prints_at_its_own_size() -> None:
    """A table fits one landscape page when it can, shrunk to three quarters of its size
    at most; a wider one takes as many pages side by side as its columns need beyond the
    first (repeated on each); a header's lines are counted word by word, a word longer
    than its column broken where it must be."""
    from goalkit.reports._excel import pages_wide, text_lines  # noqa: PLC0415

    assert pages_wide([18, 40, 40]) == 1
    assert pages_wide([13, 40, 80, 13, 13]) == 1  # 159 in all: shrunk to 82 %, one page
    assert pages_wide([18, *[12] * 12]) == 1  # 144 beside the first: one page
    assert pages_wide([18, *[12] * 13]) == 2  # 156: more than 3/4 of a page can take
    assert pages_wide([18, 34, 16, 50, 60, 40, 40, *[12] * 19]) == 4
    assert pages_wide([200]) == 1  # a first column wider than a page: one page, shrunk
    # a breakdown's rows are told apart by goal, dimension and category: all three repeated
    breakdowns = [18, 14, 12, 30, 18, *[14] * 6]
    assert pages_wide(breakdowns, keys=3) == 2
    assert pages_wide(breakdowns[:7], keys=3) == 1
    assert text_lines("målvärde, nedre", 12) == 2
    assert text_lines("status", 16) == 1
    assert text_lines("", 12) == 1
    assert text_lines("a" * 25, 12) == 3  # 11 characters a line
    assert text_lines("one\ntwo", 20) == 2


def test_the_goal_column_holds_its_longest_id() -> None:
    """The workbook's goal column is as wide as its longest goal id (within 18 and 40
    characters): *occupational-experience* was cut at 18, on screen and on every printed
    page that repeats the column."""
    wb = openpyxl.load_workbook(io.BytesIO(render("xlsx", [report(
        result("occupational-experience"), result("g"))])))
    assert wb.worksheets[0].column_dimensions["A"].width == len("occupational-experience") + 2
    wb = openpyxl.load_workbook(io.BytesIO(render("xlsx", [report(result("g"))])))
    assert wb.worksheets[0].column_dimensions["A"].width == 18
    wb = openpyxl.load_workbook(io.BytesIO(render("xlsx", [report(result("x" * 90))])))
    assert wb.worksheets[0].column_dimensions["A"].width == 40


def test_the_workbook_says_why_people_were_left_out() -> None:
    """The summary's count of people left out comes with why, as every other format says
    it (and as the people undecided are counted with why)."""
    left = result("survey", kind="survey_share", value=0.5, numerator=1, denominator=2,
                  success=1, failure=1, status=Status.NOT_MET,
                  excluded={"no_response": 3, "missing_sex": 1})
    row = summary_rows(render("xlsx", [report(left)]))["survey"]
    assert row["ej medräknade"].value == 4
    why = row["varför ej medräknade"].value
    assert isinstance(why, str)
    assert "3" in why
    assert "1" in why
