"""Labels for a project's own columns and codes (issue 10 point 11): a goal file names its
extra breakdown columns and their codes in Swedish and English, validated with path errors,
and every report uses the names for dimensions, categories and reasons."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from reports_support import render, report, result, visible

import goalkit
from goalkit.goals import Text
from goalkit.model import ColumnLabels
from goalkit.model._result import Cell
from goalkit.plugins import load_data, load_project, make_plugin_manager
from goalkit.reports._view import build_view

ROOT = Path(__file__).resolve().parents[1]
HEAD = 'id = "p"\nname = "P"\nperiod = { start = 2015-01-01, end = 2016-12-31 }\n'
LABELS = '''
[labels.columns]
disability = { sv = "funktionsnedsättning", en = "disability" }

[labels.codes.disability]
yes = { sv = "ja", en = "yes" }
no = { sv = "nej", en = "no" }
"2" = { sv = "svår", en = "severe" }
'''


def test_a_goal_file_labels_its_columns_and_codes() -> None:
    """Read, kept on the project, written back the same."""
    project = goalkit.loads_goals(HEAD + LABELS)
    assert project.labels == ColumnLabels(
        columns={"disability": Text(sv="funktionsnedsättning", en="disability")},
        codes={"disability": {"yes": Text(sv="ja", en="yes"),
                              "no": Text(sv="nej", en="no"),
                              "2": Text(sv="svår", en="severe")}})
    assert project.labels.column("disability", "sv") == "funktionsnedsättning"
    assert project.labels.code("disability", "2", "en") == "severe"
    assert project.labels.code("disability", "maybe", "sv") is None
    assert goalkit.loads_goals(goalkit.dumps_goals(project)) == project


@pytest.mark.parametrize(("body", "where", "says"), [
    ("[labels.columns]\ndisability = 3", "$.labels.columns['disability']",
     "expected a string or a table"),
    ("[labels.codes]\ndisability = \"x\"", "$.labels.codes['disability']",
     "expected a table"),
    ("[labels]\ncolums = {}", "$.labels", "unknown field(s) colums"),
    ("[labels.codes.disability]\nyes = { sv = \"ja\", fr = \"oui\" }",
     "$.labels.codes['disability']['yes']", "not fr"),
])
def test_a_wrong_label_is_refused_with_its_path(body: str, where: str, says: str) -> None:
    with pytest.raises(goalkit.GoalFileError) as caught:
        goalkit.loads_goals(HEAD + body)
    message = str(caught.value)
    assert where in message
    assert says in message


@pytest.mark.parametrize("name", ["table", "md", "html", "xlsx"])
def test_reports_use_the_labels_for_dimensions_and_categories(name: str) -> None:
    """``Efter funktionsnedsättning`` with ``ja``, ``svår`` in Swedish, the English labels
    in English; without the project, the data's own names."""
    project = goalkit.loads_goals(HEAD + LABELS)
    cells = {"yes": Cell(value=0.5, success=10, failure=10, pending=0, excluded=0,
                         numerator=10, denominator=20),
             "2": Cell(value=0.4, success=8, failure=12, pending=0, excluded=0,
                       numerator=8, denominator=20)}
    r = result("g", value=0.45, success=18, failure=22, numerator=18, denominator=40,
               breakdowns={"disability": cells}, waiting={"missing_disability": 6},
               pending=6)
    fmt = make_plugin_manager(entry_points=False).format(name)
    options = {"width": 400} if name == "table" else None
    sv = visible(name, fmt.render([report(r)], project=project, lang="sv", options=options))
    en = visible(name, fmt.render([report(r)], project=project, lang="en", options=options))
    if name != "table":  # the terminal table shows no breakdowns
        assert "funktionsnedsättning" in sv
        assert "svår" in sv
        assert "severe" in en
        assert "disability" not in sv
    bare = visible(name, render(name, [report(r)], "sv"))
    if name != "table":
        assert "disability" in bare
    view = build_view([report(r)], project=project, lang="sv")
    (dim,) = view.goals[0].breakdowns
    assert (dim.label, sorted(c.category for c in dim.cells)) == ("funktionsnedsättning",
                                                                 ["ja", "svår"])
    assert view.goals[0].waiting == (("funktionsnedsättning saknas", 6),)


@pytest.mark.parametrize(("seed", "column", "shown", "code"), [
    ("samjamt-i14", "disability", "funktionsnedsättning", None),
    ("ny-i-vasteras", "pilot", "pilotverksamhet", "samhallsinfo_bibliotek"),
])
def test_the_seeds_label_the_columns_that_reach_their_reports(
        seed: str, column: str, shown: str, code: str | None) -> None:
    """Rendered in Swedish, a seed's own breakdown column and codes read as Swedish."""
    project = load_project(seed, host=make_plugin_manager())
    data = load_data(ROOT / "examples" / seed / "data")
    reports = [goalkit.evaluate(project, data, d) for d in project.reporting_dates]
    text = visible("md", make_plugin_manager(entry_points=False).format("md").render(
        reports, project=project, lang="sv", options={"audience": "internal"}))
    assert f"Efter {shown}" in text
    assert not re.search(rf"Efter {column}\b", text)
    if code is not None:
        assert code not in text
