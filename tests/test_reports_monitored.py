"""A goal with no target whose value exists is followed up, not judged (issue 12 point 3)."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest
from reports_support import render, report, result, visible

import goalkit
from goalkit.model._result import Status
from goalkit.reports._excel import STATUS_FILLS
from goalkit.reports._view import MONITORED

MONITORED_GOAL = result("m", status=Status.NEEDS_ASSESSMENT, target=None, value=0.4,
                        numerator=4, denominator=10, success=4, failure=6)
JUDGED_GOAL = result("j", kind="assessed", unit=goalkit.Unit.VERDICT,
                     status=Status.NEEDS_ASSESSMENT, target=None)


@pytest.mark.parametrize("name", ["md", "html", "table"])
def test_a_monitored_goal_is_shown_as_followed_up_in_the_goal_and_the_counts(
    name: str,
) -> None:
    """Before: "kräver bedömning" / "needs assessment" for a figure with data."""
    sv = visible(name, render(name, [report(MONITORED_GOAL)], "sv"))
    assert "kräver bedömning" not in sv
    assert "följs upp" in sv
    en = visible(name, render(name, [report(MONITORED_GOAL)], "en"))
    assert "needs assessment" not in en
    both = visible(name, render(name, [report(MONITORED_GOAL, JUDGED_GOAL)], "sv"))
    if name != "html":  # the summary counts: "följs upp: 1"
        assert "följs upp: 1" in both
        assert "kräver bedömning: 1" in both
    else:
        body = render(name, [report(MONITORED_GOAL, JUDGED_GOAL)], "sv")
        assert isinstance(body, str)
        assert body.count('class="badge s-monitored"') >= 2  # the count chip and the goal
        assert ".s-monitored" in body


def test_a_monitored_goal_has_its_own_colour_in_the_workbook() -> None:
    body = render("xlsx", [report(MONITORED_GOAL, JUDGED_GOAL)], "sv")
    assert isinstance(body, bytes)
    ws = openpyxl.load_workbook(io.BytesIO(body)).worksheets[0]
    rows = list(ws.iter_rows(min_row=4))
    header = [c.value for c in rows[0]]
    by_id = {r[0].value: dict(zip(header, r, strict=True)) for r in rows[1:]}
    assert by_id["m"]["status"].value == "följs upp"
    assert by_id["j"]["status"].value == "kräver bedömning"
    assert by_id["m"]["status"].fill.fgColor.rgb.endswith(STATUS_FILLS[MONITORED][0])
    assert STATUS_FILLS[MONITORED] != STATUS_FILLS[Status.NEEDS_ASSESSMENT]


def test_the_stored_status_stays_needs_assessment() -> None:
    body = render("json", [report(MONITORED_GOAL)], "sv")
    doc = json.loads(body)
    assert [r["status"] for r in doc["results"]] == ["needs_assessment"]


@pytest.mark.parametrize("name", ["md", "table"])
def test_a_judged_goal_s_target_says_a_person_judges_it_not_that_it_is_followed_up(
    name: str,
) -> None:
    """Before: a deliverable judged "uppfyllt" read "följs upp" in its target column."""
    met = result("d", kind="assessed", unit=goalkit.Unit.VERDICT, status=Status.MET,
                 target=None)
    sv = visible(name, render(name, [report(met)], "sv"))
    assert "bedöms av en person" in sv
    assert "följs upp" not in sv
    en = visible(name, render(name, [report(met)], "en"))
    assert "judged by a person" in en
    assert "monitored" not in en
