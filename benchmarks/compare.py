"""goalkit's report and the hand-written references as the same table, and their
differences: for every goal, the people in each outcome per project, per sex and per age
band (every breakdown goalkit reports), and overall with every reason."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import polars as pl

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    import goalkit

__all__ = ["DIMENSIONS", "TOTAL", "differences", "from_reference", "from_report",
           "from_report_json"]

DIMENSIONS = ("project", "sex", "age_band")
"""The breakdowns compared: the suite's own (``project``) and the two goalkit always makes."""
TOTAL = "*"
"""``dimension`` and ``category`` of the overall numbers."""
_KEY = ["dimension", "category", "goal", "outcome"]
_SCHEMA = {"dimension": pl.String, "category": pl.String, "goal": pl.String,
           "outcome": pl.String, "n": pl.Int64}


def from_report(report: goalkit.Report,
                dimensions: Sequence[str] = DIMENSIONS) -> pl.DataFrame:
    """``dimension`` (one of ``dimensions``, or ``*`` for the total), ``category`` (``*``
    for the total), ``goal``, ``outcome`` (``success``, ``failure``, ``pending``,
    ``excluded``, and overall also ``pending:reason`` and ``excluded:reason``), ``n``; only
    the numbers above zero. Breakdowns not in ``dimensions`` are left out."""
    rows: list[tuple[str, str, str, str, int]] = []
    for r in report.results:
        rows += _rows(r.goal_id, (r.success, r.failure, r.pending), r.excluded, r.waiting)
        for dimension in dimensions:
            for category, c in r.breakdowns.get(dimension, {}).items():
                rows += _cell(dimension, category, r.goal_id,
                              (c.success, c.failure, c.pending, c.excluded))
    return _frame(rows)


def from_report_json(report: dict[str, Any],
                     dimensions: Sequence[str] = DIMENSIONS) -> pl.DataFrame:
    """:func:`from_report` from a report as JSON (``goalkit evaluate --format json``)."""
    rows: list[tuple[str, str, str, str, int]] = []
    for r in report["results"]:
        rows += _rows(r["goal_id"], (r["success"], r["failure"], r["pending"]),
                      r["excluded"], r["waiting"])
        for dimension in dimensions:
            for category, c in (r.get("breakdowns") or {}).get(dimension, {}).items():
                rows += _cell(dimension, category, r["goal_id"],
                              (c["success"], c["failure"], c["pending"], c["excluded"]))
    return _frame(rows)


def _rows(goal: str, states: tuple[int, int, int], excluded: Mapping[str, int],
          waiting: Mapping[str, int]) -> list[tuple[str, str, str, str, int]]:
    """A goal's overall numbers, with every reason."""
    rows = _cell(TOTAL, TOTAL, goal, (*states, sum(excluded.values())))
    rows += [(TOTAL, TOTAL, goal, f"excluded:{k}", v) for k, v in excluded.items()]
    rows += [(TOTAL, TOTAL, goal, f"pending:{k}", v) for k, v in waiting.items()]
    return rows


def _cell(dimension: str, category: str, goal: str,
          n: tuple[int, int, int, int]) -> list[tuple[str, str, str, str, int]]:
    return [(dimension, category, goal, outcome, k)
            for outcome, k in zip(("success", "failure", "pending", "excluded"), n,
                                  strict=True)]


def _frame(rows: list[tuple[str, str, str, str, int]]) -> pl.DataFrame:
    frame = pl.DataFrame(rows, schema=_SCHEMA, orient="row")
    return frame.filter(pl.col("n") > 0)


def from_reference(counts: pl.DataFrame,
                   dimensions: Sequence[str] = DIMENSIONS) -> pl.DataFrame:
    """The same table from a reference's counts per dimension, category, goal and outcome
    (the totals are the sums over projects; totals the reference gives itself, as
    dimension ``*``, are left out)."""
    c = counts.filter(
        (pl.col("outcome") != "value_sum") & pl.col("dimension").is_in(list(dimensions))
    ).select(
        "dimension", pl.col("category").cast(pl.String), "goal", "outcome",
        pl.col("n").cast(pl.Int64),
    )
    family = pl.col("outcome").str.split(":").list.first()
    cells = c.group_by("dimension", "category", "goal", family.alias("outcome")).agg(
        pl.col("n").sum()
    )
    projects = c.filter(pl.col("dimension") == "project")
    overall = projects.group_by("goal", "outcome").agg(pl.col("n").sum())
    overall_family = projects.group_by("goal", family.alias("outcome")).agg(pl.col("n").sum())
    total = [pl.lit(TOTAL).alias("dimension"), pl.lit(TOTAL).alias("category"), "goal",
             "outcome", "n"]
    return pl.concat(
        [
            cells.select([*_KEY, "n"]),
            overall.filter(pl.col("outcome").str.contains(":")).select(total),
            overall_family.select(total),
        ]
    ).filter(pl.col("n") > 0)


def differences(a: pl.DataFrame, b: pl.DataFrame) -> pl.DataFrame:
    """Rows where the two tables disagree (empty when they give the same numbers): ``n``
    from ``a``, ``n_b`` from ``b``, a missing row being zero."""
    joined = a.join(b, on=_KEY, how="full", coalesce=True, suffix="_b")
    return joined.filter(pl.col("n").fill_null(0) != pl.col("n_b").fill_null(0)).sort(_KEY)
