"""The suppression audit as it was before it solved each component on its own
(``src/goalkit/reports/_audit.py`` up to commit 75abcd0), kept as the reference that
``tests/test_audit_equivalence.py`` compares the library's audit with: one model of every
unknown count at once, rebuilt for every question, one program per count after a single
table that lifts as many as it can.

Six changes, each marked ``changed``, where the old audit was wrong or failed, and the
library's audit now does the same:

- a count whose greatest value is unbounded proves only itself protected (the old audit
  took the missing table as one that lifts every count of the model; no report reached
  it, as the first table lifts every count without a greatest value);
- a count in no row at all (a numerator that does not follow from its cell's counts,
  whose totals do not add up) is free: least 0, no greatest (the old audit failed with a
  ``KeyError``);
- such a count is no part of the table that lifts many (the same ``KeyError``);
- HiGHS's answer "unbounded or infeasible" is unbounded: the true counts fit every row
  (the old audit failed with a ``RuntimeError``);
- two goals whose sums of people counts (any of succeeded, failed, pending and left out
  together) are the same in every category are equal in each, as a reader who knows the
  goals' definitions may know them to be (a goal among the people another one failed):
  the old audit linked only goals of the same category sizes, and a reader of such a
  pair could narrow a hidden count below the threshold (the rows are the library's,
  ``goalkit.reports._audit.links``: what the reader knows, not the solving this reference
  checks);
- what the goals' definitions say is known: a count that is 0 where the goal reads the
  dimension's column, and the people the categories a goal's definition puts its reasons'
  people in leave out (its ``unknown`` category, for a missing value; the age bands
  beyond the target group's ages; the categories failing its filter): the old audit let
  a reader who read the definitions recover or narrow a hidden count.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from attrs import frozen

from goalkit.reports._audit import links

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from goalkit.model._result import Cell  # noqa: TC004  # attrs reads no annotations

__all__ = ["Audit"]


_S, _F, _P, _E, _NUM, _DEN = range(6)
"""The positions of a cell's success, failure, pending, excluded, numerator and denominator
counts in :func:`_vector` (and of the field in a :data:`Target`)."""


def cell_size(cell: Cell) -> int:
    """The people a cell counts: succeeded, failed, pending and left out."""
    return cell.success + cell.failure + cell.pending + cell.excluded


def _vector(cell: Cell) -> tuple[int | None, ...]:
    return (cell.success, cell.failure, cell.pending, cell.excluded, cell.numerator,
            cell.denominator)


@frozen
class Table:
    """One goal's breakdown by one dimension (after merging), with the goal's totals."""

    goal: str
    totals: tuple[int | None, ...]
    cells: dict[str, Cell]


Target = tuple[int, str, int]
"""A count of a hidden cell: goal (its position), category, field."""


class Audit:
    """Exact integer bounds on the hidden counts of one dimension across a report's goals,
    from everything published about it.

    Every count of every cell is a term ``(goal, category, field)``. The reader's knowledge
    is a set of linear rows over the terms, each true of the real numbers: a goal's cells add
    up to its totals (for each count where they do), a cell's numerator and denominator
    follow from its counts (where they do in every cell of the goal), two goals' sums of
    people counts that are the same in every category are equal in each, and a published hidden
    category holds someone. A shown cell's counts are known; the others are unknowns.
    """

    def __init__(self, tables: list[Table], min_cell: int) -> None:
        self.tables = tables
        self.k = min_cell
        self.fields = [[f for f in range(6)
                        if all(_vector(c)[f] is not None for c in t.cells.values())]
                       for t in tables]
        self.rows: list[tuple[dict[Target, int], int]] = []
        self.additive: list[set[int]] = []
        for g, t in enumerate(tables):
            self._goal_relations(g, t)
        self._links()

    def value(self, term: Target) -> int:
        g, c, f = term
        v = _vector(self.tables[g].cells[c])[f]
        assert v is not None
        return v

    def _goal_relations(self, g: int, t: Table) -> None:
        vectors = {c: _vector(cell) for c, cell in t.cells.items()}
        additive = set()
        for f in self.fields[g]:
            total = t.totals[f]
            if total is not None and sum(v[f] or 0 for v in vectors.values()) == total:
                additive.add(f)
                self.rows.append(({(g, c, f): 1 for c in t.cells}, total))
        self.additive.append(additive)
        for left, right in ((_NUM, (_S,)), (_DEN, (_S, _F)), (_DEN, (_S, _F, _P))):
            if left not in self.fields[g] or not all(
                    v[left] == sum(v[r] or 0 for r in right) for v in vectors.values()):
                continue
            for c in t.cells:
                row = {(g, c, left): 1}
                row.update({(g, c, r): -1 for r in right})
                self.rows.append((row, 0))
            if left == _DEN:
                break

    def _links(self) -> None:  # changed: every two goals' sums of people counts alike
        self.rows.extend((row, 0) for row in links(self.tables))

    def _model(self, hidden: set[tuple[int, str]], dropped: set[int]) -> _Model:
        """The rows with the shown counts put in: a model over the unknown counts only."""
        def unknown(term: Target) -> bool:
            return term[0] in dropped or (term[0], term[1]) in hidden

        index: dict[Target, int] = {}
        rows: list[tuple[dict[int, int], float, float]] = []
        for row, rhs in self.rows:
            known = sum(v * self.value(t) for t, v in row.items() if not unknown(t))
            terms = {index.setdefault(t, len(index)): v for t, v in row.items() if unknown(t)}
            if terms:
                rows.append((terms, rhs - known, rhs - known))
        for g, t in enumerate(self.tables):  # a published category holds at least one person
            if g in dropped:
                continue
            for c, cell in t.cells.items():
                if (g, c) in hidden and cell_size(cell) > 0:
                    terms = {index.setdefault((g, c, f), len(index)): 1 for f in (_S, _F, _P, _E)}
                    rows.append((terms, 1, float("inf")))
        for g, t in enumerate(self.tables):  # changed: what the goals' definitions say
            for labels, least in getattr(t, "floors", ()):
                terms = [(g, c, _E) for c in sorted(labels) if c in t.cells]
                if _E not in self.fields[g] or sum(self.value(x) for x in terms) < least:
                    continue
                known = sum(self.value(x) for x in terms if not unknown(x))
                free = {index.setdefault(x, len(index)): 1 for x in terms if unknown(x)}
                if free:
                    rows.append((free, least - known, float("inf")))
        rows.extend(({i: 1}, 0, 0) for t, i in index.items()
                    if getattr(self.tables[t[0]], "read", True) and self.value(t) == 0)
        return _Model(index, rows)

    def _protected_by(self, table: Mapping[Target, float], target: Target) -> bool:
        return table.get(target, 0) >= self.k

    def _enough(self, model: _Model, target: Target, high: float) -> bool:
        if high >= self.k:
            return True
        g, _, f = target
        if f not in self.additive[g] or high != self.tables[g].totals[f]:
            return False
        return model.least(target) == 0

    def protected(self, hidden: set[tuple[int, str]], dropped: set[int],
                  target: Target) -> bool:
        """Whether a reader cannot narrow a hidden count to below the threshold: the
        greatest value it can have is at least ``min_cell``, or its range is exactly what
        the goal's total already says (0 to the total)."""
        model = self._model(hidden, dropped)
        return self._enough(model, target, model.greatest(target))

    def bounds(self, hidden: set[tuple[int, str]], dropped: set[int],
               target: Target) -> tuple[float, float]:
        """The least and greatest value of a hidden count that fit everything published."""
        model = self._model(hidden, dropped)
        return model.least(target), model.greatest(target)

    def first_unprotected(self, hidden: set[tuple[int, str]], dropped: set[int],
                          done: set[Target]) -> Target | None:
        """The first hidden small count not protected, checking only those not in ``done``
        (a protected count stays protected when more is hidden: the reader knows less);
        the protected ones found are added to ``done``."""
        targets = [
            (g, c, f) for g, t in enumerate(self.tables) if g not in dropped
            for c, cell in t.cells.items() if (g, c) in hidden
            for f in self.fields[g]
            if 0 < (_vector(cell)[f] or 0) < self.k and (g, c, f) not in done
        ]
        if not targets:
            return None
        model = self._model(hidden, dropped)
        caps = {t: self._cap(t) for t in targets}
        table = model.spread([t for t in targets if t in model.index],  # changed: not free
                             caps)  # one table that lifts as many as it can
        done.update(t for t in targets if self._protected_by(table, t))
        at_total = {t for t in targets if t not in done and table.get(t, 0) >= caps[t]}
        for target in targets:  # the rest, one by one (each table may settle others)
            if target in done or target in at_total:
                continue
            high, table = model.greatest_with(target)
            if high == float("inf"):  # changed: no table proves the others
                done.add(target)
                continue
            done.update(t for t in targets if self._protected_by(table, t))
            at_total.update(t for t in targets if t not in done and table.get(t, 0) >= caps[t])
            if target not in done and target not in at_total:
                return target
        zero: set[Target] = set()
        for target in targets:  # at the goal's total, below k: protected if it can be 0
            if target in done or target in zero:
                continue
            low, table = model.least_with(target)
            zero.update(t for t in at_total if table.get(t, 1) == 0)
            if low != 0:
                return target
        done.update(at_total)
        return None

    def _cap(self, target: Target) -> int:
        """How high a count needs to reach: ``min_cell``, or the goal's total when that is
        smaller and the cells add up to it."""
        g, _, f = target
        total = self.tables[g].totals[f]
        if f in self.additive[g] and total is not None:
            return min(self.k, total)
        return self.k


@frozen
class _Model:
    """Integer unknowns (non-negative) and rows ``low <= sum(coef * x) <= high``."""

    index: dict[Target, int]
    rows: list[tuple[dict[int, int], float, float]]

    def _solve(self, objective: Mapping[int, float], extra: int = 0,
               extra_rows: Sequence[tuple[dict[int, int], float, float]] = (),
               upper: Mapping[int, float] | None = None) -> list[float] | None:
        """The minimising solution, or ``None`` when unbounded."""
        import numpy as np  # noqa: PLC0415 (a public report with small cells only)
        from scipy.optimize import Bounds, LinearConstraint, milp  # noqa: PLC0415
        from scipy.sparse import coo_array  # noqa: PLC0415

        n = len(self.index) + extra
        c = np.zeros(n)
        for i, v in objective.items():
            c[i] = v
        ub = np.full(n, np.inf)
        for i, v in (upper or {}).items():
            ub[i] = v
        rows: list[int] = []
        cols: list[int] = []
        vals: list[int] = []
        lo: list[float] = []
        hi: list[float] = []
        for terms, low, high in (*self.rows, *extra_rows):
            for i, v in terms.items():
                rows.append(len(lo))
                cols.append(i)
                vals.append(v)
            lo.append(low)
            hi.append(high)
        constraints = ([LinearConstraint(coo_array((vals, (rows, cols)), shape=(len(lo), n)),
                                         np.array(lo, dtype=float), np.array(hi, dtype=float))]
                       if lo else [])
        res = milp(c, constraints=constraints, integrality=np.ones(n),
                   bounds=Bounds(np.zeros(n), ub))
        if res.status == 3 or "unbounded or infeasible" in res.message:  # changed
            return None
        if res.status != 0 or res.x is None:
            msg = f"suppression audit could not solve its model: {res.message}"
            raise RuntimeError(msg)
        return [float(round(v)) for v in res.x]

    def _table(self, x: list[float] | None) -> dict[Target, float]:
        if x is None:
            return dict.fromkeys(self.index, float("inf"))
        return {t: x[i] for t, i in self.index.items()}

    def least_with(self, target: Target) -> tuple[float, dict[Target, float]]:
        """The least value of a count, and a table of counts that reaches it."""
        if target not in self.index:  # changed: a count in no row is free
            return 0.0, {}
        x = self._solve({self.index[target]: 1.0})
        return (0.0 if x is None else x[self.index[target]]), self._table(x)

    def least(self, target: Target) -> float:
        return self.least_with(target)[0]

    def greatest_with(self, target: Target) -> tuple[float, dict[Target, float]]:
        """The greatest value of a count, and a table of counts that reaches it."""
        if target not in self.index:  # changed: a count in no row is free
            return float("inf"), {}
        x = self._solve({self.index[target]: -1.0})
        return (float("inf") if x is None else x[self.index[target]]), self._table(x)

    def greatest(self, target: Target) -> float:
        return self.greatest_with(target)[0]

    def spread(self, targets: Sequence[Target],
               caps: Mapping[Target, int]) -> dict[Target, float]:
        """A table of counts that fits the rows and brings as many of ``targets`` as it can
        to their caps (``y <= x``, ``y <= cap``, maximise the sum of ``y``)."""
        n = len(self.index)
        extra_rows = [({n + j: 1, self.index[t]: -1}, -float("inf"), 0.0)
                      for j, t in enumerate(targets)]
        x = self._solve({n + j: -1.0 for j in range(len(targets))}, extra=len(targets),
                        extra_rows=extra_rows,
                        upper={n + j: float(caps[t]) for j, t in enumerate(targets)})
        return self._table(x if x is None else x[:n])
