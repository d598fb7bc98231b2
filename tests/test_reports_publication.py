"""A public report's suppression audit is worked out once per report and shared by every
format and language it is written in; what each format shows is what its own audit gives."""

from __future__ import annotations

import pickle
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from reports_support import report, result, text_of

import goalkit
from goalkit.plugins import make_plugin_manager
from goalkit.reports import _suppress

if TYPE_CHECKING:
    from collections.abc import Callable

    from goalkit.model._result import GoalResult

FORMATS = ("md", "html", "json", "xlsx")


def _result(goal_id: str, cells: dict[str, tuple[int, int]]) -> GoalResult:
    """A share broken down by sex, each category (success, failure), consistent with its
    totals: some categories small, so that the audit has cells to hide and to protect."""
    def cell(s: int, f: int) -> goalkit.model.Cell:
        return goalkit.model.Cell(value=s / (s + f), success=s, failure=f, pending=0, excluded=0,
                            numerator=s, denominator=s + f)
    s, f = sum(c[0] for c in cells.values()), sum(c[1] for c in cells.values())
    return result(goal_id, value=s / (s + f), success=s, failure=f, numerator=s,
                  denominator=s + f, breakdowns={"sex": {k: cell(*v) for k, v in cells.items()}})


def _series() -> list[goalkit.Report]:
    return [report(_result("a", {"F": (2, 9), "M": (12, 8), "X": (6, 6)}),
                   _result("b", {"F": (7, 7), "M": (1, 20), "X": (3, 9)}), as_of=day)
            for day in (date(2015, 6, 30), date(2016, 6, 30))]


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the audits (one call a dimension of a report)."""
    calls: list[int] = []
    audit: Callable[..., Any] = _suppress._suppress_dimension

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return audit(*args, **kwargs)

    monkeypatch.setattr(_suppress, "_suppress_dimension", counted)
    return calls


def _render_all(reports: list[goalkit.Report]) -> dict[tuple[str, str], str | bytes]:
    host = make_plugin_manager(entry_points=False)
    return {(fmt, lang): host.format(fmt).render(reports, lang=lang, options={"min_cell": 5})
            for fmt in FORMATS for lang in ("sv", "en")}


def test_every_format_and_language_shares_one_audit_per_report(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Four formats in two languages audit the series' latest report once, the only one
    whose breakdowns any of them publishes (the JSON too: a reader could subtract an
    earlier date's breakdowns from the latest's): as often as auditing it once by itself
    (each format renders its own frozen copy). What each shows is what it shows rendered
    alone, from a report audited afresh."""
    series = _series()
    calls = _counting(monkeypatch)
    _suppress.suppress_report(series[-1], 5)
    once = len(calls)
    assert once > 0
    calls.clear()
    shared = _render_all(series)
    assert len(calls) == once
    host = make_plugin_manager(entry_points=False)
    for (fmt, lang), body in shared.items():
        fresh = [attrs.evolve(r) for r in series]  # a new report: nothing kept
        alone = host.format(fmt).render(fresh, lang=lang, options={"min_cell": 5})
        # a workbook's bytes carry the time it was written: compare what it shows
        assert text_of(alone) == text_of(body), (fmt, lang)
    assert "suppressed" in str(shared["json", "en"])  # something was hidden


def test_an_audit_is_kept_per_min_cell_and_read_only() -> None:
    """Another ``min_cell`` is another audit; what is kept cannot be changed by a reader."""
    report = _series()[-1]
    five = _suppress.published_cells(report, 5)
    assert _suppress.published_cells(report, 5) is five
    three = _suppress.published_cells(report, 3)
    assert three is not five
    assert {g: {d: list(c) for d, c in dims.items()} for g, dims in five.items()} == (
        _suppress.suppress_report(report, 5))
    goal = next(iter(five))
    with pytest.raises(TypeError):
        five[goal]["x"] = ()  # type: ignore[index]


def test_a_report_with_its_audit_kept_still_pickles() -> None:
    """What is kept with a report is not part of it: a copy starts afresh, and equal."""
    report = _series()[-1]
    _suppress.published_cells(report, 5)
    again = pickle.loads(pickle.dumps(report))
    assert again == report
    assert _suppress.published_cells(again, 5) == _suppress.published_cells(report, 5)
