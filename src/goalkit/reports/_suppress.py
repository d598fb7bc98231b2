"""Small-cell suppression: what a published breakdown may show (``docs/privacy.md``).

Two audiences. An **internal** report (the project's own steering group) shows every count.
A **public** report (funder, website, open data) never lets a reader pin down, or narrow to
below ``min_cell``, a breakdown count of 1 to ``min_cell - 1``, even a reader who holds every
number of the report (every goal's totals and every breakdown of every goal) and knows the
method:

1. *Merging.* An ordered dimension (age bands ``16-19``, ``20-24``, …) may have adjacent
   bands merged into wider ones (``16-24``) when that shows more of it; the bands are the
   same for every goal of the report. The candidates are the bands as they are, each step
   of merging the smallest band with a small count into its smaller neighbour, and the
   finest merge with no small count anywhere (taken at once when there is one: it shows
   everything); of the others the one is kept that shows a breakdown for the most goals,
   then the most people, then the most cells, then the most bands.
2. *Primary suppression.* A cell is hidden when a count it shows (success, failure,
   pending, left out, numerator, denominator) lies between 1 and ``min_cell - 1``.
3. *Secondary suppression, checked by an audit.* For every hidden small count the audit
   computes the exact integer range a reader can derive from everything published (integer
   programming, as tau-Argus audits a table): the breakdown of a goal adds up to its
   totals, a goal's numerator and denominator follow from its counts, a category holds the
   same people in every goal whose cells count everyone, and a published category holds
   someone. A hidden small count is *protected* when its derived upper bound is at least
   ``min_cell``, or when the range is exactly what the goal's total already says (from 0 to
   the total: the breakdown adds nothing). While a count is unprotected one more cell of
   its dimension is hidden (the smallest that protects it, else the smallest with people in
   it); when every cell of the goal's dimension is hidden and the count is still
   unprotected, the goal's breakdown by that dimension is not published at all.
4. A dimension with a single category is not published (its label alone would say that
   everyone is in it).

Every hidden cell is marked the same way, whatever the reason: nothing published tells a
small cell from one hidden to protect it. Suppression covers one report (one date); a series
of reports over time is not protected against differencing between dates.
"""

from __future__ import annotations

import enum
import itertools
import re
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from attrs import frozen

from goalkit.model._goal import Level
from goalkit.model._indicator import Unit
from goalkit.model._result import Cell, GoalResult, Report, Status
from goalkit.model._text import Text

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

__all__ = [
    "DEFAULT_MIN_CELL",
    "HIDDEN_REASON",
    "Audience",
    "ShownCell",
    "cell_counts",
    "min_cell_option",
    "publication",
    "published_cells",
    "published_report_dict",
    "suppress_cells",
    "suppress_report",
]

DEFAULT_MIN_CELL = 5
"""Counts of 1 to 4 people are not published in breakdowns unless told otherwise."""

HIDDEN_REASON = "hidden to protect small counts"
"""Why a cell is hidden (the English message id; true of every hidden cell)."""

_FIELDS = ("success", "failure", "pending", "excluded", "numerator", "denominator")
_S, _F, _P, _E, _NUM, _DEN = range(6)


class Audience(enum.StrEnum):
    """Who a report is for."""

    PUBLIC = "public"
    """Funder, website, open data: small counts are suppressed (the default)."""
    INTERNAL = "internal"
    """The project's own steering group: every count, not for publication."""


def min_cell_option(options: Mapping[str, Any] | None) -> int:
    """The suppression threshold from a format's options (default 5), as given.

    :raises ValueError: unless it is a whole number of at least 0.
    """
    value = (options or {}).get("min_cell", DEFAULT_MIN_CELL)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        msg = f"min_cell must be a whole number of at least 0, got {value!r}"
        raise ValueError(msg)
    return value


def publication(options: Mapping[str, Any] | None) -> tuple[Audience, int]:
    """The audience and the suppression threshold from a format's options.

    ``options["audience"]``: ``public`` (default) or ``internal``; ``options["min_cell"]``:
    a whole number, default 5. A public report needs a threshold of at least 2; an internal
    one suppresses nothing (threshold 0).

    :raises ValueError: for an unknown audience or a bad threshold.
    """
    opts = options or {}
    raw = opts.get("audience", Audience.PUBLIC)
    try:
        audience = Audience(raw)
    except ValueError:
        msg = f"audience must be 'public' or 'internal', got {raw!r}"
        raise ValueError(msg) from None
    value = min_cell_option(opts)
    if audience is Audience.INTERNAL:
        return audience, 0
    if value < 2:
        msg = (f"a public report hides small counts: min_cell must be at least 2, got {value}"
               " (the internal audience shows every count)")
        raise ValueError(msg)
    return audience, value


@frozen
class ShownCell:
    """One category of a breakdown as a report may publish it.

    :param category: the category (a merged age band reads ``16-24``).
    :param cell: the numbers, or ``None`` when hidden.
    :param hidden: whether it is hidden (:data:`HIDDEN_REASON`, the same for every hidden
        cell).
    """

    category: str
    cell: Cell | None
    hidden: bool = False


def cell_counts(cell: Cell) -> tuple[int, ...]:
    """Every count a cell shows."""
    counts = [cell.success, cell.failure, cell.pending, cell.excluded]
    counts += [n for n in (cell.numerator, cell.denominator) if n is not None]
    return tuple(counts)


def _small(cell: Cell, min_cell: int) -> bool:
    return any(0 < n < min_cell for n in cell_counts(cell))


def _size(cell: Cell) -> int:
    return cell.success + cell.failure + cell.pending + cell.excluded


def _vector(cell: Cell) -> tuple[int | None, ...]:
    return (cell.success, cell.failure, cell.pending, cell.excluded, cell.numerator,
            cell.denominator)


# -- merging ordered categories -----------------------------------------------------------

_BAND = re.compile(r"^(\d+)\s*([-–])\s*(\d*)$")


def _band_order(categories: Sequence[str]) -> list[str] | None:
    """The categories as ordered bands (``unknown`` last), or ``None`` when they are not
    all bands like ``20-24`` or ``65-``."""
    bands = [c for c in categories if c != "unknown"]
    parsed = [_BAND.match(c) for c in bands]
    if len(bands) < 3 or any(m is None for m in parsed):
        return None
    keyed = sorted((int(m.group(1)), c) for m, c in zip(parsed, bands, strict=True) if m)
    return [c for _, c in keyed] + [c for c in categories if c == "unknown"]


def _band_label(parts: Sequence[str]) -> str:
    if len(parts) == 1:
        return parts[0]
    first, last = _BAND.match(parts[0]), _BAND.match(parts[-1])
    assert first is not None
    assert last is not None
    return f"{first.group(1)}{first.group(2)}{last.group(3)}"


def _merge_cells(cells: Sequence[Cell]) -> Cell:
    """One cell for merged categories: counts added; the value only where it follows from
    the counts (a share, or a count), else ``None``."""
    if len(cells) == 1:
        return cells[0]
    def add(name: str) -> int | None:
        values = [getattr(c, name) for c in cells]
        return None if any(v is None for v in values) else sum(values)
    num, den = add("numerator"), add("denominator")
    success = sum(c.success for c in cells)
    value: float | None = None
    if num is not None and den is not None and all(_is_share(c) for c in cells):
        value = num / den if den else None
    elif all(c.value is not None and c.value == float(c.success) for c in cells):
        value = float(success)
    return Cell(value=value, success=success, failure=sum(c.failure for c in cells),
                pending=sum(c.pending for c in cells), excluded=sum(c.excluded for c in cells),
                numerator=num, denominator=den)


def _is_share(cell: Cell) -> bool:
    """Whether the cell's value is its numerator over its denominator."""
    num, den = cell.numerator, cell.denominator
    if num is None or den is None:
        return False
    if den == 0:
        return cell.value is None
    return cell.value is not None and abs(cell.value - num / den) < 1e-9


Partition = tuple[tuple[str, ...], ...]


def _partitions(order: list[str], tables: Mapping[str, Mapping[str, Cell]],
                min_cell: int) -> list[Partition]:
    """The finest partition first, then each greedy merge of a small band with its smaller
    neighbour (``unknown`` never merged), down to two categories."""
    bands: list[tuple[str, ...]] = [(c,) for c in order if c != "unknown"]
    tail: Partition = tuple((c,) for c in order if c == "unknown")

    def merged(part: tuple[str, ...]) -> list[Cell]:
        return [_merge_cells([t[c] for c in part if c in t]) for t in tables.values()
                if any(c in t for c in part)]

    def size(part: tuple[str, ...]) -> int:
        return sum(_size(c) for c in merged(part))

    out: list[Partition] = [(*bands, *tail)]
    while len(bands) + len(tail) > 2:
        small = [i for i, b in enumerate(bands) if any(_small(c, min_cell) for c in merged(b))]
        if not small:
            break
        i = min(small, key=lambda j: (size(bands[j]), j))
        if len(bands) == 1:
            break
        neighbours = [j for j in (i - 1, i + 1) if 0 <= j < len(bands)]
        j = min(neighbours, key=lambda n: (size(bands[n]), n))
        lo, hi = min(i, j), max(i, j)
        bands[lo:hi + 1] = [bands[lo] + bands[hi]]
        out.append((*bands, *tail))
    clean = _finest_clean(order, tables, min_cell)
    if clean is not None and clean not in out:
        out.append(clean)
    return out


_MAX_BANDS_SEARCHED = 12


def _finest_clean(order: list[str], tables: Mapping[str, Mapping[str, Cell]],
                  min_cell: int) -> Partition | None:
    """The finest partition into adjacent bands (two categories or more) in which no goal
    has a small count, so that nothing needs hiding; ``None`` when there is none (or too
    many bands to search)."""
    bands = [c for c in order if c != "unknown"]
    tail = tuple((c,) for c in order if c == "unknown")
    if len(bands) > _MAX_BANDS_SEARCHED:
        return None
    best: Partition | None = None
    for cuts in range(1 << max(len(bands) - 1, 0)):
        parts: list[tuple[str, ...]] = [(bands[0],)] if bands else []
        for i in range(1, len(bands)):
            if cuts >> (i - 1) & 1:
                parts.append((bands[i],))
            else:
                parts[-1] = (*parts[-1], bands[i])
        partition = (*parts, *tail)
        if len(partition) < 2 or (best is not None and len(partition) <= len(best)):
            continue
        if not any(_small(_merge_cells([t[c] for c in part if c in t]), min_cell)
                   for part in partition for t in tables.values() if any(c in t for c in part)):
            best = partition
    return best


# -- the audit ---------------------------------------------------------------------------

@frozen
class _Table:
    """One goal's breakdown by one dimension (after merging), with the goal's totals."""

    goal: str
    totals: tuple[int | None, ...]
    cells: dict[str, Cell]


Target = tuple[int, str, int]
"""A count of a hidden cell: goal (its position), category, field."""


class _Audit:
    """Exact integer bounds on the hidden counts of one dimension across a report's goals,
    from everything published about it.

    Every count of every cell is a term ``(goal, category, field)``. The reader's knowledge
    is a set of linear rows over the terms, each true of the real numbers: a goal's cells add
    up to its totals (for each count where they do), a cell's numerator and denominator
    follow from its counts (where they do in every cell of the goal), a category holds the
    same people in every goal whose categories have the same sizes, and a published hidden
    category holds someone. A shown cell's counts are known; the others are unknowns.
    """

    def __init__(self, tables: list[_Table], min_cell: int) -> None:
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

    def _goal_relations(self, g: int, t: _Table) -> None:
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

    def _links(self) -> None:
        groups: dict[tuple[tuple[str, int], ...], list[int]] = {}
        for g, t in enumerate(self.tables):
            key = tuple((c, _size(cell)) for c, cell in sorted(t.cells.items()))
            groups.setdefault(key, []).append(g)
        for members in groups.values():
            for a, b in itertools.pairwise(members):
                for c in self.tables[a].cells:
                    row = {(a, c, f): 1 for f in (_S, _F, _P, _E)}
                    row.update({(b, c, f): -1 for f in (_S, _F, _P, _E)})
                    self.rows.append((row, 0))

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
                if (g, c) in hidden and _size(cell) > 0:
                    terms = {index.setdefault((g, c, f), len(index)): 1 for f in (_S, _F, _P, _E)}
                    rows.append((terms, 1, float("inf")))
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
        table = model.spread(targets, caps)  # one table that lifts as many as it can
        done.update(t for t in targets if self._protected_by(table, t))
        at_total = {t for t in targets if t not in done and table.get(t, 0) >= caps[t]}
        for target in targets:  # the rest, one by one (each table may settle others)
            if target in done or target in at_total:
                continue
            _, table = model.greatest_with(target)
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
        if res.status == 3:
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
        x = self._solve({self.index[target]: 1.0})
        return (0.0 if x is None else x[self.index[target]]), self._table(x)

    def least(self, target: Target) -> float:
        return self.least_with(target)[0]

    def greatest_with(self, target: Target) -> tuple[float, dict[Target, float]]:
        """The greatest value of a count, and a table of counts that reaches it."""
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


_TRIALS = 4
"""How many of the smallest cells are tried as the one more to hide (else the smallest)."""


def _suppress_dimension(tables: list[_Table], min_cell: int,
                        ) -> tuple[dict[str, list[ShownCell]], int]:
    """The published cells of one dimension for each goal (goals left out whose breakdown
    cannot be published), and the number of cells shown."""
    hidden = {(g, c) for g, t in enumerate(tables) for c, cell in t.cells.items()
              if _small(cell, min_cell)}
    dropped: set[int] = set()
    if hidden:
        audit = _Audit(tables, min_cell)
        done: set[tuple[int, str, int]] = set()
        while (failing := audit.first_unprotected(hidden, dropped, done)) is not None:
            g = failing[0]
            candidates = sorted(
                (c for c, cell in tables[g].cells.items() if (g, c) not in hidden),
                key=lambda c: (_size(tables[g].cells[c]) == 0, _size(tables[g].cells[c]), c),
            )
            if not candidates:
                dropped.add(g)
                continue
            chosen = next((c for c in candidates[:_TRIALS]
                           if audit.protected(hidden | {(g, c)}, dropped, failing)),
                          candidates[0])
            hidden.add((g, chosen))
    out = {}
    shown = 0
    for g, t in enumerate(tables):
        if g in dropped:
            continue
        cells = [ShownCell(c, None, hidden=True) if (g, c) in hidden else ShownCell(c, cell)
                 for c, cell in t.cells.items()]
        shown += sum(1 for s in cells if not s.hidden)
        out[t.goal] = cells
    return out, shown


def _totals(r: GoalResult) -> tuple[int | None, ...]:
    return (r.success, r.failure, r.pending, sum(r.excluded.values()), r.numerator,
            r.denominator)


def _tables(results: Sequence[GoalResult], dim: str, partition: Partition) -> list[_Table]:
    out = []
    for r in results:
        cells = r.breakdowns[dim]
        merged = {}
        for part in partition:
            present = [cells[c] for c in part if c in cells]
            if present:
                label = _band_label(part) if len(part) > 1 else part[0]
                merged[label] = _merge_cells(present)
        out.append(_Table(r.goal_id, _totals(r), merged))
    return out


def suppress_report(report: Report,
                    min_cell: int = DEFAULT_MIN_CELL) -> dict[str, dict[str, list[ShownCell]]]:
    """What a report may publish of its breakdowns: goal id to dimension (in the result's
    order) to the categories (band order for age bands, else sorted), hidden ones marked.

    A goal or dimension that publishes nothing is left out: a dimension with one category,
    with none, or one whose small counts no suppression protects. ``min_cell`` of 0 or 1
    (the internal audience) shows every cell of every dimension.
    """
    out: dict[str, dict[str, list[ShownCell]]] = {r.goal_id: {} for r in report.results}
    if min_cell <= 1:
        for r in report.results:
            out[r.goal_id] = {d: [ShownCell(c, cells[c]) for c in sorted(cells)]
                              for d, cells in r.breakdowns.items() if cells}
        return out
    dims: list[str] = []
    for r in report.results:
        dims += [d for d in r.breakdowns if d not in dims]
    chosen: dict[str, dict[str, list[ShownCell]]] = {}
    for dim in dims:
        results = [r for r in report.results if r.breakdowns.get(dim)]
        categories = sorted(set().union(*(r.breakdowns[dim] for r in results)))
        order = _band_order(categories)
        partitions = ([tuple((c,) for c in categories)] if order is None else
                      _partitions(order, {r.goal_id: r.breakdowns[dim] for r in results},
                                  min_cell))
        clean = [p for p in partitions if len(p) >= 2 and not any(
            _small(cell, min_cell) for t in _tables(results, dim, p) for cell in t.cells.values())]
        if clean:  # shows every cell of every goal: nothing can beat the finest of these
            partitions = [max(clean, key=len)]
        best: tuple[tuple[int, ...], dict[str, list[ShownCell]]] | None = None
        for partition in partitions:
            if len(partition) < 2:
                continue
            published, shown = _suppress_dimension(_tables(results, dim, partition), min_cell)
            goals_shown = sum(1 for cells in published.values() if any(not s.hidden
                                                                       for s in cells))
            people_shown = sum(_size(s.cell) for cells in published.values() for s in cells
                               if s.cell is not None)
            score = (goals_shown, people_shown, shown, len(partition))
            if best is None or score > best[0]:
                best = (score, published)
        chosen[dim] = best[1] if best is not None else {}
    for r in report.results:
        out[r.goal_id] = {d: chosen[d][r.goal_id] for d in r.breakdowns
                          if r.goal_id in chosen.get(d, {})}
    return out


def published_cells(report: Report, min_cell: int = DEFAULT_MIN_CELL
                    ) -> Mapping[str, Mapping[str, Sequence[ShownCell]]]:
    """:func:`suppress_report`, worked out once per report and ``min_cell`` and kept with the
    report (read-only), so that every format and language a report is written in shares
    one audit: the audit solves linear programs, and is by far the costliest part of
    writing a public report."""
    def audit() -> Mapping[str, Mapping[str, Sequence[ShownCell]]]:
        shown = suppress_report(report, min_cell)
        return MappingProxyType({goal: MappingProxyType({d: tuple(cells)
                                                         for d, cells in dims.items()})
                                 for goal, dims in shown.items()})
    return report._worked.get(("published_cells", min_cell), audit)


def suppress_cells(cells: Mapping[str, Cell], min_cell: int) -> list[ShownCell]:
    """The cells of one dimension of a single goal whose totals are the cells' sums,
    suppressed as :func:`suppress_report` would (an empty list: nothing publishable)."""
    def total(name: str) -> int | None:
        values = [getattr(c, name) for c in cells.values()]
        return None if any(v is None for v in values) else sum(values)

    result = GoalResult(
        goal_id="g", level=Level.SUB_GOAL, title=Text(), wording="", interpretation=Text(),
        kind="share", unit=Unit.SHARE, status=Status.PENDING, as_of=date(2000, 1, 1), due=None,
        target=None, value=None, numerator=total("numerator"), denominator=total("denominator"),
        success=sum(c.success for c in cells.values()),
        failure=sum(c.failure for c in cells.values()),
        pending=sum(c.pending for c in cells.values()),
        excluded={"excluded": sum(c.excluded for c in cells.values())},
        breakdowns={"d": dict(cells)},
    )
    report = Report(project_id="p", project_name=Text(), as_of=date(2000, 1, 1),
                    results=(result,))
    return suppress_report(report, min_cell)["g"].get("d", [])


def published_report_dict(report: Report, data: dict[str, Any], audience: Audience,
                          min_cell: int) -> dict[str, Any]:
    """The report's plain data (:func:`goalkit.reports.report_to_dict` of ``report``) as the
    audience may see it: ``"audience"`` added; for the public, ``"min_cell"`` added and
    every breakdown replaced by what :func:`suppress_report` publishes, a hidden cell written
    ``{"suppressed": true}``. The input is not changed."""
    out = dict(data)
    out["audience"] = audience.value
    if audience is Audience.INTERNAL:
        return out
    from goalkit.specs._converter import unstructure  # noqa: PLC0415

    out["min_cell"] = min_cell
    shown = published_cells(report, min_cell)
    results = []
    for r, raw in zip(report.results, data["results"], strict=True):
        r2 = dict(raw)
        r2.pop("breakdowns", None)
        dims = {
            dim: {s.category: ({"suppressed": True} if s.cell is None else unstructure(s.cell))
                  for s in cells}
            for dim, cells in shown[r.goal_id].items()
        }
        if dims:
            r2["breakdowns"] = dims
        results.append(r2)
    out["results"] = results
    return out
