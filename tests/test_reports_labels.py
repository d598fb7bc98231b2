"""Labels for a project's own columns and codes (issue 10 point 11): a goal file names its
extra breakdown columns and their codes in Swedish and English, validated with path errors,
and every report uses the names for dimensions, categories and reasons."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from reports_support import render, report, result, visible

import goalkit
from goalkit.engine._rules import band_labels
from goalkit.goals import Text
from goalkit.model import ColumnLabels
from goalkit.model._result import Cell
from goalkit.plugins import load_data, load_project, make_plugin_manager
from goalkit.reports._suppress import ShownCell
from goalkit.reports._view import build_view, reading_order

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


@pytest.mark.parametrize("audience", ["internal", "public"])
@pytest.mark.parametrize("name", ["md", "html", "xlsx"])
def test_numbered_categories_are_shown_in_the_order_they_are_counted(
        name: str, audience: str) -> None:
    """Projects numbered 1, 2, 10, 11 are shown in that order, not as text sorts them
    (1, 10, 11, 2); the JSON keeps its keys sorted as text (the same bytes as before)."""
    cats = ("p1", "p2", "p10", "p11")
    cells = {c: Cell(value=0.5, success=10 + k, failure=10 + k, pending=0, excluded=0,
                     numerator=10 + k, denominator=20 + 2 * k) for k, c in enumerate(cats)}
    r = result("g", value=0.5, success=46, failure=46, numerator=46, denominator=92,
               breakdowns={"project": cells})
    options = {"audience": audience}
    seen = visible(name, render(name, [report(r)], options=options))
    where = [re.search(rf"\b{c}\b", seen) for c in cats]
    assert all(where), seen
    assert [m.start() for m in where if m] == sorted(m.start() for m in where if m)
    data = json.loads(render("json", [report(r)], options=options))
    assert list(data["results"][0]["breakdowns"]["project"]) == sorted(cats)


_ALPHABET = " -XYZÅÄÖ_abczåäö"
"""The characters the property below draws, in the order goalkit shows them: by their
code points, except Å, Ä, Ö after Z and å, ä, ö after z, as the Swedish alphabet has them."""


@given(st.lists(st.one_of(st.integers(0, 10**30).map(str),
                          st.text(alphabet=_ALPHABET, max_size=6)), max_size=12))
def test_reading_order_counts_numbers_and_keeps_text_as_text(categories: list[str]) -> None:
    """Every category kept once; numbers (without leading zeros) by their value, before
    any text that starts with a letter; texts without digits in the Swedish alphabet's
    order (A–Z, Å, Ä, Ö), character by character."""
    shown = [s.category for s in reading_order([ShownCell(c, None) for c in categories])]
    assert sorted(shown) == sorted(categories)
    numbers = [c for c in shown if c.isdigit()]
    assert numbers == sorted(numbers, key=int)
    words = [c for c in shown if not any(ch.isdigit() for ch in c)]
    assert words == sorted(words, key=lambda w: [_ALPHABET.index(ch) for ch in w])


def test_swedish_names_are_shown_in_the_swedish_alphabets_order() -> None:
    """Before: Älvdalen before Åre and both before Östersund only by chance of their code
    points (Ä is U+00C4, Å U+00C5); now Å, Ä, Ö come after Z, in that order."""
    names = ["Östersund", "Älvdalen", "Åre", "Strömsund", "Bräcke", "Berg", "Ragunda"]
    shown = [s.category for s in reading_order([ShownCell(c, None) for c in names])]
    assert shown == ["Berg", "Bräcke", "Ragunda", "Strömsund", "Åre", "Älvdalen", "Östersund"]
    lettered = [i for i, c in enumerate(shown) if c[:1].isalpha()]
    assert all(i > j for i in lettered for j, c in enumerate(shown) if c.isdigit())


def test_age_bands_are_shown_from_the_youngest() -> None:
    """``-15`` (up to 15) first, then 16-19, …, ``65-``, and ``unknown`` last, whatever
    order they are given in."""
    bands = [*band_labels([6, 16, 20, 25, 30, 35, 45, 55, 65, 100]), "unknown"]
    assert bands[:3] == ["-5", "6-15", "16-19"]
    for given_order in (sorted(bands), sorted(bands, reverse=True)):
        shown = reading_order([ShownCell(c, None) for c in given_order])
        assert [s.category for s in shown] == bands
