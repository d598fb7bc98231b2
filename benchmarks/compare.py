"""goalkit's report and the hand-written references as the same table, and their
differences: per project and overall, for every goal, the people in each outcome."""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

if TYPE_CHECKING:
    import goalkit

__all__ = ["differences", "from_reference", "from_report"]

_KEY = ["project", "goal", "outcome"]


def from_report(report: goalkit.Report) -> pl.DataFrame:
    """``project`` (``*`` for the total), ``goal``, ``outcome`` (``success``, ``failure``,
    ``pending``, ``excluded``, and overall also ``pending:reason`` and
    ``excluded:reason``), ``n``."""
    rows: list[tuple[str, str, str, int]] = []
    for r in report.results:
        g = r.goal_id
        rows += [("*", g, "success", r.success), ("*", g, "failure", r.failure),
                 ("*", g, "pending", r.pending),
                 ("*", g, "excluded", sum(r.excluded.values()))]
        rows += [("*", g, f"excluded:{k}", v) for k, v in r.excluded.items()]
        rows += [("*", g, f"pending:{k}", v) for k, v in r.waiting.items()]
        for project, c in r.breakdowns.get("project", {}).items():
            rows += [(project, g, "success", c.success), (project, g, "failure", c.failure),
                     (project, g, "pending", c.pending), (project, g, "excluded", c.excluded)]
    frame = pl.DataFrame(rows, schema={"project": pl.String, "goal": pl.String,
                                       "outcome": pl.String, "n": pl.Int64}, orient="row")
    return frame.filter(pl.col("n") > 0)


def from_reference(counts: pl.DataFrame) -> pl.DataFrame:
    """The same table from a reference's counts per project, goal and outcome."""
    c = counts.filter(pl.col("outcome") != "value_sum").select(
        pl.col("project").cast(pl.String), "goal", "outcome", pl.col("n").cast(pl.Int64)
    )
    family = pl.col("outcome").str.split(":").list.first()
    per_project = c.group_by("project", "goal", family.alias("outcome")).agg(pl.col("n").sum())
    overall = c.group_by("goal", "outcome").agg(pl.col("n").sum())
    overall_family = c.group_by("goal", family.alias("outcome")).agg(pl.col("n").sum())
    star = pl.lit("*").alias("project")
    return pl.concat(
        [
            per_project.select([*_KEY, "n"]),
            overall.filter(pl.col("outcome").str.contains(":")).select(star, "goal", "outcome",
                                                                      "n"),
            overall_family.select(star, "goal", "outcome", "n"),
        ]
    ).filter(pl.col("n") > 0)


def differences(a: pl.DataFrame, b: pl.DataFrame) -> pl.DataFrame:
    """Rows where the two tables disagree (empty when they give the same numbers)."""
    joined = a.join(b, on=_KEY, how="full", coalesce=True, suffix="_b")
    return joined.filter(pl.col("n").fill_null(0) != pl.col("n_b").fill_null(0)).sort(_KEY)
