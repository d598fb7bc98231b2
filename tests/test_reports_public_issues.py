"""What a public report publishes besides its breakdowns: the data issues (each kind once
where it was found: no row, no count, no message of its own) and, in a series, breakdowns
for the latest date only, in every format (``docs/privacy.md``)."""

from __future__ import annotations

import json
from datetime import date

import attrs
import pytest
from reports_support import render, report, result, visible

import goalkit
from goalkit.model._result import DataIssue
from goalkit.plugins import make_plugin_manager

HUMAN = ("md", "html", "xlsx")

ISSUES = (
    # one participant's two problems: the row ties them together
    DataIssue("warning", "unknown_code", "a code the goals do not know",
              "participants.csv, row 51, column 'sex'", 1,
              "en kod som målen inte känner"),
    DataIssue("note", "age_outside_target_group", "the age at enrolment is outside",
              "participants.csv, row 51, column 'birth_year'", 1, "åldern vid start"),
    DataIssue("note", "age_outside_target_group", "the age at enrolment is outside",
              "participants.csv, row 60, column 'birth_year'", 1, "åldern vid start"),
    # a message that quotes the project's reported figures, small parts included
    DataIssue("warning", "breakdown_incomplete",
              "the breakdown by sex adds up to 39: 3 (women) + 36 (men); 1 where sex is unknown",
              "measurement participants 2015-06-30 (report 2, p. 4: '40 people, 3 women')", 1,
              "uppdelningen efter kön summerar till 39: 3 (kvinnor) + 36 (män); 1 där kön är "
              "okänt"),
    DataIssue("error", "rows_excluded", "2 rows left out of participants.csv (2 bad_date)",
              "participants.csv", 2, "2 rader utelämnades ur participants.csv"),
)


def with_issues(r: goalkit.Report) -> goalkit.Report:
    return attrs.evolve(r, issues=ISSUES)


def _json(reports: list[goalkit.Report], **options: object) -> object:
    host = make_plugin_manager(entry_points=False)
    return json.loads(host.format("json").render(reports, options=options))


def test_public_json_names_each_kind_of_issue_once_where_found() -> None:
    """No row numbers, no counts, no messages of their own (a figure's small parts, a
    code's count that is a category's size): the kind in English and Swedish."""
    data = _json([with_issues(report(result("g")))])
    assert isinstance(data, dict)
    issues = data["issues"]
    assert [(i["code"], i.get("where")) for i in issues] == [
        ("unknown_code", "participants.csv, column 'sex'"),
        ("age_outside_target_group", "participants.csv, column 'birth_year'"),
        ("breakdown_incomplete", "measurement participants 2015-06-30"),
        ("rows_excluded", "participants.csv"),
    ]
    assert all("count" not in i for i in issues)
    text = json.dumps(issues, ensure_ascii=False)
    assert "row 51" not in text
    assert "row 60" not in text
    for figure in ("39", "36", "(women)", "kvinnor", "2 rows", "3 women", "report 2"):
        assert figure not in text
    assert issues[1]["message"] == "age outside the target group"
    assert issues[1]["message_sv"] == "ålder utanför målgruppen"


def test_internal_json_keeps_every_issue_as_found() -> None:
    data = _json([with_issues(report(result("g")))], audience="internal")
    assert isinstance(data, dict)
    assert len(data["issues"]) == len(ISSUES)
    assert data["issues"][0]["where"] == "participants.csv, row 51, column 'sex'"
    assert "3 (women)" in data["issues"][3]["message"]


@pytest.mark.parametrize("name", HUMAN)
def test_public_formats_list_kinds_without_rows_counts_or_figures(name: str) -> None:
    text = visible(name, render(name, [with_issues(report(result("g")))]))
    assert "ålder utanför målgruppen" in text
    assert "participants.csv, kolumn 'birth_year'" in text or (
        "participants.csv, kolumn 'birth\\_year'" in text)
    assert "rad 51" not in text
    assert "3 (kvinnor)" not in text
    assert "den interna rapporten listar varje rad" in text
    inside = visible(name, render(name, [with_issues(report(result("g")))],
                                  options={"audience": "internal"}))
    assert "rad 51" in inside
    assert "3 (kvinnor)" in inside
    assert "den interna rapporten listar varje rad" not in inside


def _broken_down(day: date, women: int) -> goalkit.Report:
    cells = {"F": goalkit.model.Cell(value=float(women), success=women, failure=0, pending=0,
                                     excluded=0, numerator=women),
             "M": goalkit.model.Cell(value=10.0, success=10, failure=0, pending=0, excluded=0,
                                     numerator=10)}
    return report(result("n", kind="count", value=float(women + 10), success=women + 10,
                         numerator=women + 10, breakdowns={"sex": cells}), as_of=day)


def test_a_public_json_series_carries_breakdowns_for_its_latest_date_only() -> None:
    """Counts only grow: an earlier date's breakdown subtracted from the latest's would
    bound a hidden cell. Every other format shows the latest date's only already."""
    series = [_broken_down(date(2014, 12, 31), 10), _broken_down(date(2015, 6, 30), 12)]
    data = _json(series)
    assert isinstance(data, list)
    assert ["breakdowns" in r["results"][0] for r in data] == [False, True]
    inside = _json(series, audience="internal")
    assert isinstance(inside, list)
    assert ["breakdowns" in r["results"][0] for r in inside] == [True, True]
    backwards = _json(series[::-1])  # the latest is the latest, in whatever order given
    assert isinstance(backwards, list)
    assert ["breakdowns" in r["results"][0] for r in backwards] == [True, False]
