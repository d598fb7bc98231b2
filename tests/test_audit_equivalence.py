"""The suppression audit decides exactly what the method before it decided.

The audit (``goalkit.reports._audit``) solves each hidden count on the unknowns linked to it
(its component), builds each model once, and lifts many counts with one table. The
reference (``tests/audit_reference.py``) is the method before: one model of every unknown
at once, rebuilt for every question. On generated tables both must find the same first
unprotected count at every step of the suppression, the same verdict for every cell tried
as the one more to hide, the same published cells and the same exact bounds on every
hidden count.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from unittest import mock

import audit_reference
from hypothesis import given
from strategies import audit_tables, linked_reports

from goalkit.reports import _audit, _suppress

if TYPE_CHECKING:
    import goalkit

Log = list[tuple[str, Any, Any]]


def recording(cls: type[Any], log: Log) -> type[Any]:
    """``cls`` with every question the suppression asks it written to ``log``."""

    class Recording(cls):  # type: ignore[misc, valid-type]
        def first_unprotected(self, hidden: set[tuple[int, str]], dropped: set[int],
                              done: set[_audit.Target]) -> _audit.Target | None:
            answer = super().first_unprotected(hidden, dropped, done)
            log.append(("first_unprotected", (sorted(hidden), sorted(dropped)), answer))
            return answer

        def protected(self, hidden: set[tuple[int, str]], dropped: set[int],
                      target: _audit.Target) -> bool:
            answer = super().protected(hidden, dropped, target)
            log.append(("protected", (sorted(hidden), sorted(dropped), target), answer))
            return answer

    return Recording


def suppress(cls: type[Any], tables: list[_audit.Table], k: int,
             ) -> tuple[dict[str, list[_suppress.ShownCell]], Log]:
    log: Log = []
    with mock.patch.object(_suppress, "Audit", recording(cls, log)):
        published, _ = _suppress._suppress_dimension(tables, k)
    return published, log


def all_bounds(cls: type[Any], tables: list[_audit.Table], k: int,
               published: dict[str, list[_suppress.ShownCell]],
               ) -> dict[_audit.Target, tuple[float, float]]:
    """The exact range of every small count (1 to ``k - 1``) of every cell the reader does
    not see (a hidden cell, or every cell of a goal whose breakdown is not published)."""
    dropped = {g for g, t in enumerate(tables) if t.goal not in published}
    hidden = {(g, s.category) for g, t in enumerate(tables) if t.goal in published
              for s in published[t.goal] if s.hidden}
    audit = cls(tables, k)
    return {(g, c, f): audit.bounds(hidden, dropped, (g, c, f))
            for g, t in enumerate(tables) for c in t.cells
            if g in dropped or (g, c) in hidden for f in audit.fields[g]
            if 0 < (audit.value((g, c, f)) or 0) < k}


def check_same(tables: list[_audit.Table], k: int, *, bounds: bool = True) -> None:
    new, new_log = suppress(_audit.Audit, tables, k)
    old, old_log = suppress(audit_reference.Audit, tables, k)
    assert old_log == new_log
    assert old == new
    if bounds:
        assert all_bounds(audit_reference.Audit, tables, k, old) == all_bounds(
            _audit.Audit, tables, k, new)


@given(audit_tables())
def test_the_audit_decides_as_the_method_before_on_generated_tables(
        drawn: tuple[list[_audit.Table], int]) -> None:
    """Every question the suppression asks, every published cell and every hidden count's
    bounds are the same, on tables with and without each relation the audit knows."""
    check_same(*drawn)


@given(linked_reports())
def test_the_audit_decides_as_the_method_before_on_linked_reports(
        report: goalkit.Report) -> None:
    """The same questions and answers and published cells on reports built person by
    person, for each dimension with its bands as they are (the bounds are compared on the
    generated tables: here they would cost a minute)."""
    for dim in ("sex", "age_band"):
        results = [r for r in report.results if r.breakdowns.get(dim)]
        if not results:
            continue
        categories = sorted(set().union(*(r.breakdowns[dim] for r in results)))
        check_same(_suppress._tables(results, dim, tuple((c,) for c in categories)), 5,
                   bounds=False)
