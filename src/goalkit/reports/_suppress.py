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
   totals, a goal's numerator and denominator follow from its counts, two goals' sums of
   people counts that are the same in every category are equal in each (a category holds
   the same people in every goal whose cells count everyone; a goal among another's
   failures counts exactly those people), and a published category holds someone. A
   hidden small count is *protected* when its derived upper bound is at least ``min_cell``,
   or when the range is exactly what the goal's total already says (from 0 to the total:
   the breakdown adds nothing). While a count is unprotected one more cell of
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
from goalkit.model._project import UNKNOWN, missing_reasons
from goalkit.model._result import Cell, DataIssue, GoalResult, Report, Status
from goalkit.model._text import Text
from goalkit.reports._audit import Audit, Table, cell_size

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

__all__ = [
    "DEFAULT_MIN_CELL",
    "HIDDEN_REASON",
    "Audience",
    "ShownCell",
    "band_order",
    "cell_counts",
    "min_cell_option",
    "publication",
    "published_cells",
    "published_issues",
    "published_report_dict",
    "suppress_cells",
    "suppress_report",
]

DEFAULT_MIN_CELL = 5
"""Counts of 1 to 4 people are not published in breakdowns unless told otherwise."""

HIDDEN_REASON = "hidden to protect small counts"
"""Why a cell is hidden (the English message id; true of every hidden cell)."""


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


# -- merging ordered categories -----------------------------------------------------------

_BAND = re.compile(r"^(\d*)\s*([-–])\s*(\d*)$")
"""An age band: ``20-24``, ``65-`` (65 and older), ``-15`` (up to 15)."""


def _band(category: str) -> re.Match[str] | None:
    found = _BAND.match(category)
    return found if found is not None and (found.group(1) or found.group(3)) else None


def band_order(categories: Sequence[str]) -> list[str] | None:
    """The categories as ordered bands, from the youngest (``unknown`` last), or ``None``
    when they are not all bands like ``-15``, ``20-24`` or ``65-`` (or there are none):
    the order a report lists them in, and merges neighbours in."""
    bands = [c for c in categories if c != "unknown"]
    parsed = [_band(c) for c in bands]
    if not bands or any(m is None for m in parsed):
        return None
    keyed = sorted((int(m.group(1) or -1), c) for m, c in zip(parsed, bands, strict=True) if m)
    return [c for _, c in keyed] + [c for c in categories if c == "unknown"]


def _band_label(parts: Sequence[str]) -> str:
    """The label of adjacent bands merged: from the first's lower end to the last's upper
    end (``-15`` and ``16-19`` make ``-19``; every band from ``-15`` to ``65-``, ``0-``)."""
    if len(parts) == 1:
        return parts[0]
    first, last = _band(parts[0]), _band(parts[-1])
    assert first is not None
    assert last is not None
    low, high = first.group(1), last.group(3)
    return f"{low or (0 if not high else '')}{first.group(2)}{high}"


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
        return sum(cell_size(c) for c in merged(part))

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


_TRIALS = 4
"""How many of the smallest cells are tried as the one more to hide (else the smallest)."""


def _suppress_dimension(tables: list[Table], min_cell: int,
                        ) -> tuple[dict[str, list[ShownCell]], int]:
    """The published cells of one dimension for each goal (goals left out whose breakdown
    cannot be published), and the number of cells shown."""
    hidden = {(g, c) for g, t in enumerate(tables) for c, cell in t.cells.items()
              if _small(cell, min_cell)}
    dropped: set[int] = set()
    if hidden:
        audit = Audit(tables, min_cell)
        done: set[tuple[int, str, int]] = set()
        while (failing := audit.first_unprotected(hidden, dropped, done)) is not None:
            g = failing[0]
            candidates = sorted(
                (c for c, cell in tables[g].cells.items() if (g, c) not in hidden),
                key=lambda c: (cell_size(tables[g].cells[c]) == 0, cell_size(tables[g].cells[c]),
                               c),
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


def _tables(results: Sequence[GoalResult], dim: str, partition: Partition) -> list[Table]:
    out = []
    for r in results:
        cells = r.breakdowns[dim]
        merged = {}
        parts = {}
        for part in partition:
            present = [cells[c] for c in part if c in cells]
            if present:
                label = _band_label(part) if len(part) > 1 else part[0]
                merged[label] = _merge_cells(present)
                parts[label] = part
        read = r.breakdowns_read is None or dim in r.breakdowns_read
        out.append(Table(r.goal_id, _totals(r), merged, read=read,
                         floors=_floors(r, dim, parts)))
    return out


def _floors(r: GoalResult, dim: str, parts: Mapping[str, tuple[str, ...]],
            ) -> tuple[tuple[frozenset[str], int], ...]:
    """What the goal's definition says of where the people it leaves out are, in the
    categories ``parts`` (merged label to its categories): for each set of its reasons
    whose people only some categories can hold (``GoalResult.left_out_in``; without it, a
    missing value's ``unknown``), those categories and how many they leave out at least
    (every person left out has one reason)."""
    if r.left_out_in is None:
        missing = missing_reasons(dim)
        lie: Mapping[str, tuple[str, ...]] = {reason: (UNKNOWN,) for reason in r.excluded
                                              if reason in missing}
    else:
        lie = r.left_out_in.get(dim, {})
    reasons = sorted(reason for reason in lie if r.excluded.get(reason))
    out = []
    for size in range(1, len(reasons) + 1):
        for chosen in itertools.combinations(reasons, size):
            within = set().union(*(lie[reason] for reason in chosen))
            labels = frozenset(label for label, part in parts.items() if within & set(part))
            if len(labels) < len(parts):
                out.append((labels, sum(r.excluded[reason] for reason in chosen)))
    return tuple(out)


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
        order = band_order(categories)
        if order is not None and len(order) - ("unknown" in order) < 3:
            order = None  # two bands: merged, they would be one
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
            people_shown = sum(cell_size(s.cell) for cells in published.values() for s in cells
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
    one audit: the audit solves integer programs (``docs/privacy.md``, how the audit
    scales)."""
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
                          min_cell: int, *, breakdowns: bool = True) -> dict[str, Any]:
    """The report's plain data (:func:`goalkit.reports.report_to_dict` of ``report``) as the
    audience may see it: ``"audience"`` added; for the public, ``"min_cell"`` added, every
    breakdown replaced by what :func:`suppress_report` publishes (a hidden cell written
    ``{"suppressed": true}``; none at all without ``breakdowns``: an earlier date of a
    series, whose breakdowns a reader could subtract from the latest's) and the data issues
    by :func:`published_issues`, without a count. The input is not changed."""
    out = dict(data)
    out["audience"] = audience.value
    if audience is Audience.INTERNAL:
        return out
    from goalkit.specs._converter import unstructure  # noqa: PLC0415

    out["min_cell"] = min_cell
    shown = published_cells(report, min_cell) if breakdowns else None
    results = []
    for r, raw in zip(report.results, data["results"], strict=True):
        r2 = dict(raw)
        r2.pop("breakdowns", None)
        r2.pop("left_out_in", None)  # names the categories of every dimension
        dims = {} if shown is None else {
            dim: {s.category: ({"suppressed": True} if s.cell is None else unstructure(s.cell))
                  for s in cells}
            for dim, cells in shown[r.goal_id].items()
        }
        if dims:
            r2["breakdowns"] = dims
        results.append(r2)
    out["results"] = results
    if "issues" in out:
        out["issues"] = [{"severity": i.severity, "code": i.code, "message": i.message,
                          "message_sv": i.message_sv, **({"where": i.where} if i.where else {})}
                         for i in published_issues(report.issues, audience)]
    return out


def published_issues(issues: Iterable[DataIssue], audience: Audience) -> tuple[DataIssue, ...]:
    """The data issues a report may publish to ``audience``: every one as found for the
    internal audience; for the public, each kind of issue once for each file, sheet or
    table (and column) where it was found, in goalkit's words for the kind alone, English
    and Swedish, with no row and no count of its own (its :attr:`~DataIssue.count` is not
    published). A row number ties one person's problems together (the one participant
    with an unknown sex code is also outside the target group), a count of rows with an
    unknown code is that category's size, and a message, or a reported figure's source,
    may quote the project's reported figures, small parts of them included; the internal
    report lists each row."""
    if audience is Audience.INTERNAL:
        return tuple(issues)
    from goalkit.reports._i18n import labels  # noqa: PLC0415

    en, sv = labels("en"), labels("sv")
    out: dict[tuple[str, str, str], DataIssue] = {}
    for i in issues:
        where = ", ".join(part for part in i.where.split(", ") if not _ROW.fullmatch(part))
        where = _QUOTED.sub(r"\1", where)
        key = (i.severity, i.code, where)
        if key not in out:
            out[key] = DataIssue(i.severity, i.code, en.issue(i.code), where,
                                 message_sv=sv.issue(i.code))
    return tuple(out.values())


_ROW = re.compile(r"row \d+")
"""A row's number in where a data issue lies (:attr:`goalkit.data._problems.Problem.where`)."""
_QUOTED = re.compile(r"^(measurement .+? \d{4}-\d{2}-\d{2}) \(.*\)$", re.DOTALL)
"""A reported figure's place with its source in brackets (``goalkit.data._figures._where``):
the source quotes the document's figures, small parts included."""
