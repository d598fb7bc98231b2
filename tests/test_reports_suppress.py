"""Small-cell suppression and audiences: what a published breakdown may show."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import breakdown_dimensions, linked_reports

import goalkit
from goalkit.goals import Level, Text
from goalkit.reports._json import report_to_dict
from goalkit.reports._plugin import JsonFormat
from goalkit.reports._suppress import (
    Audience,
    ShownCell,
    cell_counts,
    publication,
    suppress_cells,
    suppress_report,
)
from goalkit.reports._view import build_view, min_cell_option


@settings(max_examples=25)
@given(breakdown_dimensions, st.integers(2, 12))
def test_no_small_count_is_shown(cells: dict[str, goalkit.model.Cell], k: int) -> None:
    """Every count of a shown cell is 0 or at least the threshold."""
    for shown in suppress_cells(cells, k):
        if shown.cell is not None:
            assert all(n == 0 or n >= k for n in cell_counts(shown.cell))


@settings(max_examples=25)
@given(breakdown_dimensions, st.integers(2, 12))
def test_a_hidden_cell_is_never_alone(cells: dict[str, goalkit.model.Cell], k: int) -> None:
    """With the totals published, one hidden cell could be recovered by subtraction."""
    hidden = [s for s in suppress_cells(cells, k) if s.cell is None]
    assert len(hidden) != 1


@settings(max_examples=25)
@given(breakdown_dimensions, st.integers(2, 12))
def test_a_shown_cell_is_the_true_cell_or_a_merge_of_adjacent_bands(
    cells: dict[str, goalkit.model.Cell], k: int
) -> None:
    """Nothing is invented: a shown category is a true cell, or (age bands) the sum of the
    true cells it spans; a dimension with one category is not published."""
    shown = suppress_cells(cells, k)
    assert len(shown) != 1
    for s in shown:
        if s.category in cells:
            assert s.cell is None or s.cell == cells[s.category]
        else:
            lo, hi = ages(s.category)
            parts = [c for c in cells if c != "unknown" and lo <= ages(c)[0]
                     and ages(c)[1] <= hi]
            assert len(parts) >= 2
            if s.cell is not None:
                assert s.cell.success == sum(cells[c].success for c in parts)
                assert s.cell.excluded == sum(cells[c].excluded for c in parts)


def ages(band: str) -> tuple[int, int]:
    """The ages a band spans: ``20-24``, ``45-`` (45 and older), ``-15`` (up to 15)."""
    low, high = band.split("-")
    return int(low or 0), int(high or 200)


def test_the_lowest_age_band_merges_like_the_others() -> None:
    """A band of the youngest (``-15``, up to 15) is a band too: small bands are merged
    with it, rather than hidden one by one, and the merged band reads ``-24``."""
    cells = {"-15": share(1, 1), "16-19": share(2, 5), "20-24": share(6, 6),
             "25-29": share(3, 7), "30-34": share(1, 9), "35-": share(8, 0)}
    shown = suppress_cells(cells, 5)
    assert not any(s.hidden for s in shown)
    assert shown[0].category == "-24"
    assert shown[0].cell is not None
    assert shown[0].cell.success == 1 + 2 + 6
    assert sum(s.cell.success for s in shown if s.cell) == 21


@given(breakdown_dimensions)
def test_a_threshold_of_zero_or_one_hides_nothing(cells: dict[str, goalkit.model.Cell]) -> None:
    """The internal audience's threshold shows every cell, in category order."""
    for k in (0, 1):
        shown = suppress_cells(cells, k)
        assert [s.category for s in shown] == sorted(cells)
        assert all(s.cell == cells[s.category] and not s.hidden for s in shown)


def share(s: int, f: int, e: int = 0) -> goalkit.model.Cell:
    return goalkit.model.Cell(value=s / (s + f) if s + f else None, success=s, failure=f, pending=0,
                        excluded=e, numerator=s, denominator=s + f)


def test_a_small_cell_and_its_complement_look_the_same() -> None:
    """The old method marked the complement ``secondary`` and chose one that held 0 or at
    least 5, so that with 2 successes hidden in all the small cell held both. Now every
    hidden cell is the same to a reader, and enough is hidden that the 2 cannot be placed."""
    shown = suppress_cells({"F": share(2, 8), "M": share(0, 20), "X": share(9, 9)}, 5)
    assert {s.category for s in shown if s.hidden} >= {"F"}
    assert all(s == ShownCell(s.category, None, hidden=True) for s in shown if s.hidden)
    hidden = [s.category for s in shown if s.hidden]
    assert len(hidden) >= 2


def test_one_category_is_not_published() -> None:
    """A breakdown with a single category would tell that everyone is in it."""
    assert suppress_cells({"30-34": share(9, 9)}, 5) == []
    assert suppress_cells({"30-34": share(9, 9)}, 0) == [ShownCell("30-34", share(9, 9))]


def test_small_age_bands_are_merged_into_wider_ones() -> None:
    """Ordered bands merge with a neighbour until none is small, instead of hiding the
    whole breakdown; the merged band adds up its cells and names its span."""
    cells = {"16-19": share(2, 5), "20-24": share(6, 6), "25-29": share(3, 7),
             "30-34": share(1, 9), "35-": share(8, 0)}
    shown = suppress_cells(cells, 5)
    assert not any(s.hidden for s in shown)
    assert sum(s.cell.success for s in shown if s.cell) == 20
    assert shown[0].category.startswith("16-")
    assert len(shown) >= 2


@settings(max_examples=15)
@given(linked_reports(max_people=25))
def test_every_goal_publishes_the_same_bands(report: goalkit.Report) -> None:
    """A dimension has the same categories in every goal that publishes it (different
    bands for two goals of the same people would give away the difference)."""
    published = suppress_report(report, 5)
    for dim in ("sex", "age_band"):
        seen = {tuple(s.category for s in dims[dim]) for dims in published.values()
                if dim in dims}
        assert len(seen) <= 1


def test_every_hidden_cell_reads_the_same_in_the_view() -> None:
    """The view labels every hidden cell with one true reason."""
    report = goalkit.Report(project_id="p", project_name=Text(en="P"),
                            as_of=date(2020, 1, 1), results=(result(
                                {"F": share(2, 8), "M": share(0, 20), "X": share(9, 9)}),))
    for lang, label in (("en", "hidden to protect small counts"),
                        ("sv", "dolt för att skydda små antal")):
        view = build_view([report], lang=lang)
        reasons = {c.hidden for d in view.goals[0].breakdowns for c in d.cells if c.hidden}
        assert reasons == {label}
        assert view.audience == "public"
    internal = build_view([report], lang="en", options={"audience": "internal"})
    assert internal.audience == "internal"
    assert not any(c.hidden for d in internal.goals[0].breakdowns for c in d.cells)


def result(cells: dict[str, goalkit.model.Cell]) -> goalkit.GoalResult:
    s = sum(c.success for c in cells.values())
    f = sum(c.failure for c in cells.values())
    return goalkit.GoalResult(
        goal_id="g", level=Level.SUB_GOAL, title=Text(en="g"), wording="",
        interpretation=Text(), kind="share", unit=goalkit.Unit.SHARE,
        status=goalkit.Status.PENDING, as_of=date(2020, 1, 1), due=None, target=None,
        value=s / (s + f), numerator=s, denominator=s + f, success=s, failure=f,
        breakdowns={"sex": cells})


@settings(max_examples=15)
@given(linked_reports(max_people=25), st.integers(2, 6))
def test_the_json_publishes_what_suppress_report_publishes(report: goalkit.Report,
                                                          k: int) -> None:
    """The JSON hides exactly the cells every other format hides, marks each the same way
    (``{"suppressed": true}``) and says its audience and threshold."""
    doc = json.loads(JsonFormat().render([report], options={"min_cell": k}))
    assert (doc["audience"], doc["min_cell"]) == ("public", k)
    published = suppress_report(report, k)
    for raw in doc["results"]:
        dims = published[raw["goal_id"]]
        assert set(raw.get("breakdowns", {})) == set(dims)
        for dim, cells in dims.items():
            assert list(raw["breakdowns"][dim]) == [s.category for s in cells]
            for s in cells:
                got = raw["breakdowns"][dim][s.category]
                if s.hidden:
                    assert got == {"suppressed": True}
                else:
                    assert got["success"] == s.cell.success  # type: ignore[union-attr]


@settings(max_examples=10)
@given(linked_reports(max_people=25))
def test_the_internal_json_is_the_exact_report(report: goalkit.Report) -> None:
    """Internal: every count, exactly the API JSON, marked as internal."""
    doc = json.loads(JsonFormat().render([report], options={"audience": "internal"}))
    expected: dict[str, Any] = json.loads(json.dumps(report_to_dict(report), default=str))
    assert doc.pop("audience") == "internal"
    assert doc == expected


def test_the_options_say_who_the_report_is_for() -> None:
    assert publication(None) == (Audience.PUBLIC, 5)
    assert publication({"audience": "internal", "min_cell": 9}) == (Audience.INTERNAL, 0)
    assert publication({"min_cell": 11}) == (Audience.PUBLIC, 11)
    with pytest.raises(ValueError, match="audience"):
        publication({"audience": "everyone"})
    with pytest.raises(ValueError, match="public report hides small counts"):
        publication({"min_cell": 1})
    with pytest.raises(ValueError, match="min_cell"):
        publication({"min_cell": -1})


@given(st.sampled_from([goalkit.model.Cell(value=None, success=1, failure=2, pending=3,
                                           excluded=4)]))
def test_cell_counts_lists_every_count(cell: goalkit.model.Cell) -> None:
    assert cell_counts(cell) == (1, 2, 3, 4)


def test_negative_min_cell_is_refused() -> None:
    with pytest.raises(ValueError, match="min_cell"):
        min_cell_option({"min_cell": -1})
    assert min_cell_option(None) == 5


@pytest.mark.parametrize("name", ["md", "html", "xlsx"])
def test_a_breakdown_left_out_whole_is_said_to_be_hidden(name: str) -> None:
    """A goal whose breakdown no hiding can protect (here its own total is small) is left
    out of the publication whole: the report says it is not shown, as for a breakdown
    whose every cell is hidden, instead of leaving the reader to wonder where it went.
    The same line for one of a single category (which is no breakdown): the line tells
    nothing of how many categories a goal's people fall in."""
    from reports_support import render, visible  # noqa: PLC0415

    small = attrs.evolve(result({"F": share(2, 1), "M": share(1, 1)}), goal_id="small")
    large = attrs.evolve(result({"F": share(9, 6), "M": share(6, 1)}), goal_id="large")
    report = goalkit.Report(project_id="p", project_name=Text(en="P"), as_of=date(2020, 1, 1),
                            results=(small, large))
    published = suppress_report(report, 5)
    assert "sex" not in published["small"]  # left out whole
    assert all(s.hidden for s in published["large"]["sex"])  # hidden whole
    line = "Not shown by sex: every group is hidden to protect small counts."
    seen = visible(name, render(name, [report], lang="en", options={"min_cell": 5}))
    assert seen.count(line) == 2, seen
    alone = attrs.evolve(report, results=(attrs.evolve(large, breakdowns={
        "sex": {"F": share(6, 6)}}),))
    assert suppress_report(alone, 5) == {"large": {}}  # one category: no breakdown
    seen = visible(name, render(name, [alone], lang="en", options={"min_cell": 5}))
    assert seen.count(line) == 1, seen
