"""The audit of small-cell suppression: exact integer bounds on hidden counts.

Step 3 of :mod:`goalkit.reports._suppress` (``docs/privacy.md``): given one dimension's
breakdown of every goal of a report, and which of its cells are hidden, :class:`Audit`
computes the exact integer range a reader can derive for each hidden small count from
everything published (integer programming with SciPy's ``milp``, as tau-Argus audits a
table), and says whether each is protected. Which cells to hide is decided by the caller.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

from attrs import frozen

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from goalkit.model._result import Cell  # noqa: TC004  # attrs reads no annotations

__all__ = ["Audit", "Table", "Target", "cell_size", "links"]


_S, _F, _P, _E, _NUM, _DEN = range(6)
"""The positions of a cell's success, failure, pending, excluded, numerator and denominator
counts in :func:`_vector` (and of the field in a :data:`Target`)."""


_PEOPLE_SUMS = tuple(fields for n in range(1, 5)
                     for fields in itertools.combinations((_S, _F, _P, _E), n))
"""The sums of a cell's people counts a relation between two goals may equate: each of
succeeded, failed, pending and left out, and each set of them together."""
_NONE = (0, 0, 0, 0)
"""The people counts of a category a goal has nobody in."""


def cell_size(cell: Cell) -> int:
    """The people a cell counts: succeeded, failed, pending and left out."""
    return cell.success + cell.failure + cell.pending + cell.excluded


def _vector(cell: Cell) -> tuple[int | None, ...]:
    return (cell.success, cell.failure, cell.pending, cell.excluded, cell.numerator,
            cell.denominator)


@frozen
class Table:
    """One goal's breakdown by one dimension (after merging), with the goal's totals.

    :param read: whether the goal's definition reads the dimension's column, so that a
        count of its cells can be 0 by definition: every count that is 0 is then taken as
        known to the reader (more than a definition can say, never less).
    :param floors: sets of categories and how many people they leave out at least, as
        the goal's definition and its published reasons say (the people left out because
        their sex is missing are all in ``unknown``; those outside the target group, in
        the age bands beyond its ages).
    """

    goal: str
    totals: tuple[int | None, ...]
    cells: dict[str, Cell]
    read: bool = True
    floors: tuple[tuple[frozenset[str], int], ...] = ()


_MODELS_KEPT = 16
"""How many models (one a component and set of unknown cells) an audit keeps for reuse: a
component's model serves every question until its hidden cells change."""

Target = tuple[int, str, int]
"""A count of a hidden cell: goal (its position), category, field."""


class Audit:
    """Exact integer bounds on the hidden counts of one dimension across a report's goals,
    from everything published about it.

    Every count of every cell is a term ``(goal, category, field)``. The reader's knowledge
    is a set of linear rows over the terms, each true of the real numbers: a goal's cells add
    up to its totals (for each count where they do), a cell's numerator and denominator
    follow from its counts (where they do in every cell of the goal), two goals' sums of
    people counts that are the same in every category are equal in each (the same people
    in two goals that count everyone; a goal's people and the failures of the goal it
    follows up: :meth:`_links`), a published hidden category holds someone, a count is 0
    where a goal's definition can say so (every 0 of a dimension whose column the goal
    reads, :attr:`Table.read`), and the categories a definition puts the people of
    published reasons in leave out at least as many (:attr:`Table.floors`). A shown
    cell's counts are known; the others are unknowns.
    """

    def __init__(self, tables: list[Table], min_cell: int) -> None:
        self.tables = tables
        self.k = min_cell
        self.fields = [[f for f in range(6)
                        if all(_vector(c)[f] is not None for c in t.cells.values())]
                       for t in tables]
        self.rows: list[tuple[dict[Target, int], float, float]] = []  # lowest, highest
        self.additive: list[set[int]] = []
        for g, t in enumerate(tables):
            self._goal_relations(g, t)
        self._links()
        for g, t in enumerate(tables):
            self._floors(g, t)
        self._cells_of = [sorted({t[:2] for t in row}) for row, _, _ in self.rows]
        self._rows_of: dict[tuple[int, str], list[int]] = {}
        for r, cells in enumerate(self._cells_of):
            for cell in cells:
                self._rows_of.setdefault(cell, []).append(r)
        self._models: dict[tuple[frozenset[tuple[int, str]], frozenset[tuple[int, str]]],
                           _Model] = {}  # the latest models built, by their unknowns

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
                self.rows.append(({(g, c, f): 1 for c in t.cells}, total, total))
        self.additive.append(additive)
        for left, right in ((_NUM, (_S,)), (_DEN, (_S, _F)), (_DEN, (_S, _F, _P))):
            if left not in self.fields[g] or not all(
                    v[left] == sum(v[r] or 0 for r in right) for v in vectors.values()):
                continue
            for c in t.cells:
                row = {(g, c, left): 1}
                row.update({(g, c, r): -1 for r in right})
                self.rows.append((row, 0, 0))
            if left == _DEN:
                break

    def _links(self) -> None:
        """Two goals' counts related alike in every category (:func:`links`)."""
        self.rows.extend((row, 0, 0) for row in links(self.tables))

    def _floors(self, g: int, t: Table) -> None:
        """Its categories' people left out, at least as many as the definition says
        (:attr:`Table.floors`): each a row, where true of the counts (as a definition
        says: a plugin's kind may give a reason's code another meaning)."""
        if _E not in self.fields[g]:
            return
        for labels, least in t.floors:
            row = {(g, c, _E): 1 for c in sorted(labels) if c in t.cells}
            if row and sum(self.value(term) for term in row) >= least:
                self.rows.append((row, least, float("inf")))

    def _unknown(self, hidden: set[tuple[int, str]], dropped: set[int],
                 cell: tuple[int, str]) -> bool:
        return cell[0] in dropped or cell in hidden

    def _model(self, hidden: set[tuple[int, str]], dropped: set[int],
               start: tuple[int, str]) -> _Model:
        """The rows with the shown counts put in, over the unknown counts that are linked to
        those of the cell ``start`` (unknown itself) through rows: its *component*.

        The unknowns of other components share no row with these, so every bound on a count
        of this component is the same as in a model of all the unknowns at once. The models of
        the latest sets of unknown cells asked about are kept (:data:`_MODELS_KEPT`)."""
        cells = {start}
        queue = [start]
        rows: set[int] = set()
        while queue:
            cell = queue.pop()
            for r in self._rows_of.get(cell, ()):
                if r in rows:
                    continue
                rows.add(r)
                for other in self._cells_of[r]:
                    if other not in cells and self._unknown(hidden, dropped, other):
                        cells.add(other)
                        queue.append(other)
        floors = frozenset(c for c in cells if c[0] not in dropped and c in hidden
                           and cell_size(self.tables[c[0]].cells[c[1]]) > 0)
        key = (frozenset(cells), floors)
        model = self._models.pop(key, None)
        if model is None:
            model = self._build(sorted(rows), cells, floors)
            while len(self._models) >= _MODELS_KEPT:
                del self._models[next(iter(self._models))]
        self._models[key] = model  # the latest last
        return model

    def _build(self, rows: Sequence[int], cells: set[tuple[int, str]],
               floors: frozenset[tuple[int, str]]) -> _Model:
        index: dict[Target, int] = {}
        model_rows: list[tuple[dict[int, int], float, float]] = []
        for r in rows:
            row, low, high = self.rows[r]
            known = sum(v * self.value(t) for t, v in row.items() if t[:2] not in cells)
            terms = {index.setdefault(t, len(index)): v for t, v in row.items()
                     if t[:2] in cells}
            model_rows.append((terms, low - known, high - known))
        for g, c in sorted(floors):  # a published category holds at least one person
            terms = {index.setdefault((g, c, f), len(index)): 1 for f in (_S, _F, _P, _E)}
            model_rows.append((terms, 1, float("inf")))
        model_rows.extend(({i: 1}, 0, 0) for t, i in index.items()  # what definitions say
                          if self.tables[t[0]].read and self.value(t) == 0)
        return _Model(index, model_rows)

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
        model = self._model(hidden, dropped, target[:2])
        return self._enough(model, target, model.greatest(target))

    def bounds(self, hidden: set[tuple[int, str]], dropped: set[int],
               target: Target) -> tuple[float, float]:
        """The least and greatest value of a hidden count that fit everything published."""
        model = self._model(hidden, dropped, target[:2])
        return model.least(target), model.greatest(target)

    def first_unprotected(self, hidden: set[tuple[int, str]], dropped: set[int],
                          done: set[Target]) -> Target | None:
        """The first hidden small count not protected, checking only those not in ``done``
        (a protected count stays protected when more is hidden: the reader knows less);
        the protected ones found are added to ``done``.

        Which count is first does not depend on how it is found: the first (in the order of
        goals, categories and fields) whose greatest value is below its cap (:meth:`_cap`),
        else the first whose greatest value is the goal's total (below ``min_cell``) and
        whose least value is above 0. A table of counts that fits everything published and
        reaches a cap is proof for every count it lifts, so tables that lift many counts at
        once (:meth:`_Model.spread`) settle most of them, and a count is solved on its own
        only when no such table is found."""
        targets = [
            (g, c, f) for g, t in enumerate(self.tables) if g not in dropped
            for c, cell in t.cells.items() if (g, c) in hidden
            for f in self.fields[g]
            if 0 < (_vector(cell)[f] or 0) < self.k and (g, c, f) not in done
        ]
        if not targets:
            return None
        models: dict[Target, _Model] = {}  # each count's component
        members: dict[int, tuple[_Model, list[Target]]] = {}  # a component's counts, in order
        for t in targets:
            if t not in models:
                model = self._model(hidden, dropped, t[:2])
                _, group = members.setdefault(id(model), (model, []))
                for u in targets:
                    if u in model.index and u not in models:
                        models[u] = model
                        group.append(u)
                models.setdefault(t, model)  # a count in no row is in no model: it is free
        caps = {t: self._cap(t) for t in targets}
        at_total: set[Target] = set()

        def settle(model: _Model, table: Mapping[Target, float]) -> None:
            for t in members[id(model)][1]:
                if t not in done and t not in at_total:
                    if self._protected_by(table, t):
                        done.add(t)
                    elif table.get(t, 0) >= caps[t]:
                        at_total.add(t)

        for model, group in members.values():
            open_ = group
            while len(open_) > 1:  # tables that lift as many as they can, while they lift
                settle(model, model.spread(open_, caps))
                left = [t for t in open_ if t not in done and t not in at_total]
                if len(open_) - len(left) < 2:  # one a table: solve them singly
                    break
                open_ = left
        for target in targets:  # the rest, one by one (each table may settle others)
            if target in done or target in at_total:
                continue
            high, table = models[target].greatest_with(target)
            if high == float("inf"):  # no table: proof for this count alone
                done.add(target)
                continue
            settle(models[target], table)
            if target not in done and target not in at_total:
                return target
        zero: set[Target] = set()
        for target in targets:  # at the goal's total, below k: protected if it can be 0
            if target in done or target in zero:
                continue
            low, table = models[target].least_with(target)
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


_INTEGRAL = 1e-9
"""How far from a whole number a relaxation's value may be and still be taken as that
number (the whole-number solution is then checked against every row exactly)."""


def _fits_exactly(found: Any, whole: Any, matrix: Any, low: Any, high: Any,
                  upper: Any) -> bool:
    """Whether the relaxation's solution ``found`` is whole numbers (``whole``, within
    :data:`_INTEGRAL`) that fit every row and bound exactly (sums of whole numbers with
    coefficients of 1 and -1: computed without rounding)."""
    if not bool((abs(found - whole) <= _INTEGRAL).all()):
        return False
    if not bool(((whole >= 0) & (whole <= upper)).all()):
        return False
    if not matrix.shape[0]:
        return True
    sums = matrix @ whole
    return bool(((sums >= low) & (sums <= high)).all())


def links(tables: Sequence[Table]) -> list[dict[Target, int]]:
    """Two goals' counts related alike in every category, as rows that are 0: for each
    sum of a cell's people counts (any of succeeded, failed, pending and left out
    together), the goals whose sums are the same in every category of the dimension (0
    where a goal has none of it) are taken as equal there, category by category, as a
    reader who knows the goals' definitions may know them to be. The same people in two
    goals that count everyone is one such relation; a goal among the people another one
    failed (its people counted, the others left out) is another: its counted people are
    the other's failures in every category, and its left out the rest. Each relation is
    true of the real counts (found in them, as a definition would make it): a reader may
    know fewer, never more, of the relations between two goals."""
    categories = sorted(set().union(*(t.cells for t in tables)))
    if not categories:
        return []
    alike: dict[tuple[int, ...], list[tuple[int, tuple[int, ...]]]] = {}
    for g, t in enumerate(tables):
        counts = list(zip(*(_vector(t.cells[c])[:4] if c in t.cells else _NONE
                            for c in categories), strict=True))  # people counts only
        for fields in _PEOPLE_SUMS:
            sums = tuple(map(sum, zip(*(counts[f] for f in fields), strict=True)))
            if any(sums):
                alike.setdefault(sums, []).append((g, fields))
    rows = []
    for members in alike.values():
        if len({g for g, _ in members}) < 2:  # one goal's sums alike: no relation
            continue
        # each equal to the next: every two equal, in as few rows
        for (a, left), (b, right) in itertools.pairwise(members):
            for c in categories:
                row: dict[Target, int] = {}
                for g, fields, sign in ((a, left, 1), (b, right, -1)):
                    if c in tables[g].cells:
                        for f in fields:
                            row[(g, c, f)] = row.get((g, c, f), 0) + sign
                row = {term: v for term, v in row.items() if v}
                if row:
                    rows.append(row)
    return rows


class _Model:
    """Integer unknowns (non-negative) and rows ``low <= sum(coef * x) <= high``, kept as
    one sparse matrix made once and shared by every program solved on it."""

    def __init__(self, index: dict[Target, int],
                 rows: Sequence[tuple[dict[int, int], float, float]]) -> None:
        import numpy as np  # noqa: PLC0415 (a public report with small cells only)
        from scipy.sparse import csr_array  # noqa: PLC0415

        self.index = index
        self.rows = rows
        cols = [i for terms, _, _ in rows for i in terms]
        vals = [v for terms, _, _ in rows for v in terms.values()]
        starts = np.cumsum([0, *(len(terms) for terms, _, _ in rows)])
        self._matrix = csr_array((np.array(vals, dtype=float), np.array(cols, dtype=np.int64),
                                  starts), shape=(len(rows), len(index)))
        self._low = np.array([low for _, low, _ in rows], dtype=float)
        self._high = np.array([high for _, _, high in rows], dtype=float)

    def _solve(self, objective: Mapping[int, float], extra: int = 0,
               extra_rows: Sequence[tuple[dict[int, int], float, float]] = (),
               upper: Mapping[int, float] | None = None) -> list[float] | None:
        """The minimising solution, or ``None`` when unbounded.

        The linear relaxation (the counts allowed to be fractions) is solved first, and its
        solution taken when it is whole numbers that fit every row and bound exactly: the
        objective's coefficients are whole, so no integer solution can do better than the
        relaxation's, and one that reaches it is an optimum of the integer program (the
        rows are sums and differences of counts, whose relaxations have whole-number
        solutions in every model measured: the benchmark's million people, 6 of 6; a seed
        project's report, 183 of 183; ten million, 3 of 3). Otherwise the integer program
        is solved. When the relaxation is unbounded so is the integer program, which
        always has a solution (the true counts). Which optimal table is returned does
        not change what the audit finds (:meth:`Audit.first_unprotected`). The relaxation
        took 0.97 s against 1.62 s at a million people, 0.27 s against 0.58 s for a seed
        project's 183 models, 107 s against 142 s at ten million."""
        import numpy as np  # noqa: PLC0415
        from scipy.optimize import Bounds, LinearConstraint, milp  # noqa: PLC0415
        from scipy.sparse import coo_array, csr_array, vstack  # noqa: PLC0415

        n = len(self.index) + extra
        c = np.zeros(n)
        for i, v in objective.items():
            c[i] = v
        ub = np.full(n, np.inf)
        for i, v in (upper or {}).items():
            ub[i] = v
        matrix, low, high = self._matrix, self._low, self._high
        if extra:
            matrix = csr_array((matrix.data, matrix.indices, matrix.indptr),
                               shape=(matrix.shape[0], n))
        if extra_rows:
            at = [j for j, (terms, _, _) in enumerate(extra_rows) for _ in terms]
            cols = [i for terms, _, _ in extra_rows for i in terms]
            vals = [x for terms, _, _ in extra_rows for x in terms.values()]
            more = coo_array((np.array(vals, dtype=float), (np.array(at), np.array(cols))),
                             shape=(len(extra_rows), n))
            matrix = vstack([matrix, more], format="csr")
            low = np.concatenate([low, [lo for _, lo, _ in extra_rows]])
            high = np.concatenate([high, [hi for _, _, hi in extra_rows]])
        constraints = [LinearConstraint(matrix, low, high)] if matrix.shape[0] else []
        bounds = Bounds(np.zeros(n), ub)
        for whole in (False, True):  # the relaxation first (see above)
            res = milp(c, constraints=constraints, integrality=np.full(n, int(whole)),
                       bounds=bounds)
            if res.status == 3 or "unbounded or infeasible" in res.message:
                return None  # the true counts fit every row: never infeasible
            if res.status != 0 or res.x is None:
                msg = f"suppression audit could not solve its model: {res.message}"
                raise RuntimeError(msg)
            x = np.round(res.x)
            if whole or _fits_exactly(res.x, x, matrix, low, high, ub):
                break
        return [float(v) for v in x]

    def _table(self, x: list[float] | None) -> dict[Target, float]:
        if x is None:
            return {}
        return {t: x[i] for t, i in self.index.items()}

    def least_with(self, target: Target) -> tuple[float, dict[Target, float]]:
        """The least value of a count, and a table of counts that reaches it (a count in
        no row can be 0, whatever the others are)."""
        if target not in self.index:
            return 0.0, {}
        x = self._solve({self.index[target]: 1.0})
        return (0.0 if x is None else x[self.index[target]]), self._table(x)

    def least(self, target: Target) -> float:
        return self.least_with(target)[0]

    def greatest_with(self, target: Target) -> tuple[float, dict[Target, float]]:
        """The greatest value of a count, and a table of counts that reaches it (none when
        it has no greatest value: then no table proves anything of the others)."""
        if target not in self.index:
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
