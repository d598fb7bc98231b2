"""The suppression audit at the size of a register: how many integer programs it solves,
and counts that no relation bounds (where the audit before failed)."""

from __future__ import annotations

from typing import Any
from unittest import mock

import scipy.optimize
from reports_support import report, result

from goalkit.model import Cell
from goalkit.reports._audit import Audit, Table, _Model
from goalkit.reports._suppress import ShownCell, suppress_report


def project_cell(people: int, left_out: int) -> Cell:
    """A share over a project's people, of whom ``left_out`` are left out."""
    decided = people - left_out
    return Cell(value=(decided // 2) / decided, success=decided // 2,
                failure=decided - decided // 2, pending=0, excluded=left_out,
                numerator=decided // 2, denominator=decided)


def per_project(projects: int) -> Table:
    """A goal broken down into ``projects`` projects of 300 people, two of every three
    with 1 to 4 people left out (small: hidden), as the benchmark's register."""
    cells = {f"p{i:05d}": project_cell(300, (i % 3) and 1 + i % 4) for i in range(projects)}
    totals = tuple(sum(getattr(c, name) for c in cells.values())
                   for name in ("success", "failure", "pending", "excluded", "numerator",
                                "denominator"))
    return Table("g", totals, cells)


def test_the_counts_of_a_register_are_settled_by_a_few_programs() -> None:
    """A breakdown into 600 projects with 400 hidden small counts needs no program per
    count: tables that lift many counts at once settle them (the audit before solved one
    program for every count the first table did not lift: 211 here)."""
    table = per_project(600)
    hidden = {(0, c) for c, cell in table.cells.items() if 0 < cell.excluded < 5}
    calls = mock.Mock(wraps=scipy.optimize.milp)
    with mock.patch.object(scipy.optimize, "milp", calls):
        done: set[tuple[int, str, int]] = set()
        assert Audit([table], 5).first_unprotected(hidden, set(), done) is None
    assert len(done) == len(hidden)
    assert calls.call_count <= 5


def test_each_count_is_solved_with_the_unknowns_it_shares_a_row_with() -> None:
    """Two goals that count different people share no row: a count of one is solved
    without the unknowns of the other, and has the same bounds as with them."""
    a, b = per_project(30), per_project(40)
    hidden = {(g, c) for g, t in enumerate((a, b)) for c, cell in t.cells.items()
              if 0 < cell.excluded < 5}
    audit = Audit([a, Table("h", b.totals, b.cells)], 5)
    sizes: list[int] = []
    real = scipy.optimize.milp

    def milp(c: object, *args: object, **kwargs: object) -> object:
        sizes.append(len(c))  # type: ignore[arg-type]
        return real(c, *args, **kwargs)

    with mock.patch.object(scipy.optimize, "milp", milp):
        bounds = audit.bounds(hidden, set(), (0, "p00001", 3))
    alone = Audit([a], 5).bounds({h for h in hidden if h[0] == 0}, set(), (0, "p00001", 3))
    assert bounds == alone
    hidden_in_a = sum(1 for g, _ in hidden if g == 0)
    assert max(sizes) == 6 * hidden_in_a


def test_a_count_that_no_relation_bounds_is_protected() -> None:
    """A numerator that is not its cell's successes, in a goal whose numerators do not add
    up to its total, is bounded by nothing published: hidden, it is protected (the audit
    before failed with a ``KeyError``)."""
    f = Cell(value=None, success=10, failure=10, pending=0, excluded=0, numerator=3,
             denominator=20)
    m = Cell(value=None, success=10, failure=10, pending=0, excluded=0, numerator=20,
             denominator=20)
    goal = result("g", success=20, failure=20, pending=0, excluded={}, numerator=30,
                  denominator=40, breakdowns={"sex": {"F": f, "M": m}})
    assert suppress_report(report(goal), 5) == {
        "g": {"sex": [ShownCell("F", None, hidden=True), ShownCell("M", m)]}}
    table = Table("g", (20, 20, 0, 0, 30, 40), {"F": f, "M": m})
    assert Audit([table], 5).bounds({(0, "F")}, set(), (0, "F", 4)) == (0, float("inf"))


def test_a_count_without_a_greatest_value_has_bounds() -> None:
    """A pending count whose goal's pending total does not add up has no greatest value:
    its bounds say so (the audit before failed when HiGHS answered "unbounded or
    infeasible")."""
    def left_out(n: int) -> Cell:
        return Cell(value=None, success=0, failure=0, pending=0, excluded=n, numerator=0,
                    denominator=0)

    table = Table("g", (0, 0, 1, 2, 0, 0), {"a": left_out(0), "b": left_out(0),
                                            "c": left_out(1), "d": left_out(1)},
                  read=False)  # no count known to be 0 by definition
    audit = Audit([table], 2)
    hidden = {(0, "c"), (0, "d")}
    assert audit.bounds(hidden, set(), (0, "c", 2)) == (0, float("inf"))
    assert audit.bounds(hidden, set(), (0, "c", 3)) == (0, 2)


def test_a_whole_numbered_relaxation_is_the_answer_and_no_integer_program_is_solved() -> None:
    """The register's counts are settled by linear relaxations alone: each solution is
    whole numbers that fit every row, so no integer program is solved (the relaxation is
    the faster: 0.97 against 1.62 s at a million people)."""
    table = per_project(600)
    hidden = {(0, c) for c, cell in table.cells.items() if 0 < cell.excluded < 5}
    kinds: list[bool] = []
    real = scipy.optimize.milp

    def milp(*args: Any, **kwargs: Any) -> Any:
        kinds.append(bool(kwargs["integrality"].any()))
        return real(*args, **kwargs)

    with mock.patch.object(scipy.optimize, "milp", milp):
        done: set[tuple[int, str, int]] = set()
        assert Audit([table], 5).first_unprotected(hidden, set(), done) is None
    assert kinds
    assert not any(kinds)


def test_a_relaxation_in_fractions_is_not_taken_for_the_answer() -> None:
    """Where the relaxation's best is a fraction (2 x <= 3: x = 1.5), the integer program
    answers (x = 1), not the relaxation rounded (2, which breaks the row)."""
    target = (0, "a", 0)
    model = _Model({target: 0}, [({0: 2}, float("-inf"), 3.0)])
    high, table = model.greatest_with(target)
    assert high == 1.0
    assert table == {target: 1.0}
    low, _ = model.least_with(target)
    assert low == 0.0
