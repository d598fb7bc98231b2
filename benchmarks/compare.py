"""goalkit's report and the hand-written references as the same table, and their
differences: for every goal, the people in each outcome per project, per sex and per age
band (every breakdown goalkit reports), and overall with every reason."""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

if TYPE_CHECKING:
    import goalkit

__all__ = ["DIMENSIONS", "TOTAL", "differences", "from_reference", "from_report"]

DIMENSIONS = ("project", "sex", "age_band")
"""The breakdowns compared: the suite's own (``project``) and the two goalkit always makes."""
TOTAL = "*"
"""``dimension`` and ``category`` of the overall numbers."""
_KEY = ["dimension", "category", "goal", "outcome"]
_SCHEMA = {"dimension": pl.String, "category": pl.String, "goal": pl.String,
           "outcome": pl.String, "n": pl.Int64}


def from_report(report: goalkit.Report) -> pl.DataFrame:
    """``dimension`` (``project``, ``sex``, ``age_band``, or ``*`` for the total),
    ``category`` (``*`` for the total), ``goal``, ``outcome`` (``success``, ``failure``,
    ``pending``, ``excluded``, and overall also ``pending:reason`` and
    ``excluded:reason``), ``n``; only the numbers above zero."""
    rows: list[tuple[str, str, str, str, int]] = []
    for r in report.results:
        g = r.goal_id
        rows += [(TOTAL, TOTAL, g, "success", r.success), (TOTAL, TOTAL, g, "failure", r.failure),
                 (TOTAL, TOTAL, g, "pending", r.pending),
                 (TOTAL, TOTAL, g, "excluded", sum(r.excluded.values()))]
        rows += [(TOTAL, TOTAL, g, f"excluded:{k}", v) for k, v in r.excluded.items()]
        rows += [(TOTAL, TOTAL, g, f"pending:{k}", v) for k, v in r.waiting.items()]
        for dimension in DIMENSIONS:
            for category, c in r.breakdowns.get(dimension, {}).items():
                rows += [(dimension, category, g, "success", c.success),
                         (dimension, category, g, "failure", c.failure),
                         (dimension, category, g, "pending", c.pending),
                         (dimension, category, g, "excluded", c.excluded)]
    frame = pl.DataFrame(rows, schema=_SCHEMA, orient="row")
    return frame.filter(pl.col("n") > 0)


def from_reference(counts: pl.DataFrame) -> pl.DataFrame:
    """The same table from a reference's counts per dimension, category, goal and outcome
    (the totals are the sums over projects)."""
    c = counts.filter(pl.col("outcome") != "value_sum").select(
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
