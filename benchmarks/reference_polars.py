"""The benchmark's goal suite written by hand in polars: what a data engineer would write
without goalkit. Same rules as goalkit's kinds (see :mod:`benchmarks.suite`), counted per
project; the totals are the sums over projects.

Returns one row per project and goal: ``success``, ``failure``, ``pending``, the excluded and
pending people by reason, and the sum of the changes (for the paired goal).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

if TYPE_CHECKING:
    import datetime as dt

__all__ = ["STATES", "evaluate_polars"]

STATES = ("success", "failure", "pending")
PID = "participant_id"
WINDOW = 30  # days either side of the anchor in which a survey answer counts


def _first_answer(
    people: pl.LazyFrame, responses: pl.LazyFrame, phase: str, question: str, anchor: str,
    as_of: dt.date, name: str,
) -> pl.LazyFrame:
    """Per person: the score of the earliest answer within the anchor's window (on a tie,
    the lowest score)."""
    a = pl.col(anchor)
    return (
        responses.filter((pl.col("phase") == phase) & (pl.col("question") == question))
        .join(people.select(PID, anchor), on=PID)
        .filter(
            (pl.col("date") >= a - pl.duration(days=WINDOW))
            & (pl.col("date") <= pl.min_horizontal(a + pl.duration(days=WINDOW), pl.lit(as_of)))
        )
        .group_by(PID)
        .agg(pl.col("score").sort_by("date", "score").first().alias(name))
    )


def _outcomes(
    participants: pl.LazyFrame, events: pl.LazyFrame, responses: pl.LazyFrame, as_of: dt.date
) -> pl.LazyFrame:
    """One row per person known on ``as_of``: state and reason for each goal."""
    asof = pl.lit(as_of)
    people = participants.filter(pl.col("enrolled") <= as_of).select(
        PID, "project", "enrolled", "sex",
        pl.when(pl.col("exited") <= as_of).then(pl.col("exited")).alias("exited"),
    )
    ev = events.filter(pl.col("date") <= as_of)
    rs = responses.filter(pl.col("date") <= as_of)
    x = pl.col("exited")
    day = pl.duration(days=1)
    sat = _first_answer(people, rs, "exit", "satisfied", "exited", as_of, "sat")
    wb0 = _first_answer(people, rs, "entry", "wellbeing", "enrolled", as_of, "wb0")
    wb1 = _first_answer(people, rs, "exit", "wellbeing", "exited", as_of, "wb1")
    exits = people.select(PID, "exited").filter(x.is_not_null())
    offer = (
        ev.filter(pl.col("kind") == "employment_offer")
        .join(exits, on=PID)
        .filter((pl.col("date") >= x) & (pl.col("date") <= pl.min_horizontal(x + 183 * day, asof)))
        .select(PID).unique().with_columns(pl.lit(value=True).alias("offer"))
    )
    t = x + 90 * day
    starts = (
        ev.filter(pl.col("kind") == "income_support_start")
        .join(exits, on=PID)
        .filter(pl.col("date") <= t)
        .group_by(PID)
        .agg(pl.col("date").max().alias("last_start"), t.first().alias("t"))
    )
    ended = (
        ev.filter(pl.col("kind") == "income_support_end")
        .join(starts, on=PID)
        .filter((pl.col("date") > pl.col("last_start")) & (pl.col("date") <= pl.col("t")))
        .select(PID).unique().with_columns(pl.lit(value=True).alias("ended"))
    )
    on_support = pl.col("last_start").is_not_null() & pl.col("ended").is_null()
    wide = (
        people.join(sat, on=PID, how="left")
        .join(wb0, on=PID, how="left")
        .join(wb1, on=PID, how="left")
        .join(offer, on=PID, how="left")
        .join(starts.select(PID, "last_start"), on=PID, how="left")
        .join(ended, on=PID, how="left")
    )
    not_exited = x.is_null()
    closed = x + WINDOW * day <= asof
    s, f, p = "success", "failure", "pending"

    def out(state: str, reason: str | None = None) -> pl.Expr:
        return pl.lit(state if reason is None else f"{state}:{reason}")

    change = pl.col("wb1") - pl.col("wb0")
    return wide.select(
        "project",
        pl.lit(s).alias("enrolled"),
        pl.when(pl.col("sex").is_null()).then(out("excluded", "missing_sex"))
        .when(pl.col("sex") == "F").then(out(s)).otherwise(out(f)).alias("sex-balance"),
        pl.when(not_exited).then(out(p, "not_exited"))
        .when(pl.col("sat") >= 4).then(out(s))
        .when(pl.col("sat").is_not_null()).then(out(f))
        .when(closed).then(out("excluded", "no_response"))
        .otherwise(out(p, "awaiting_response")).alias("satisfied"),
        pl.when(pl.col("wb0").is_null() & (pl.col("enrolled") + WINDOW * day <= asof))
        .then(out("excluded", "no_baseline"))
        .when(pl.col("wb0").is_null()).then(out(p, "awaiting_baseline"))
        .when(not_exited).then(out(p, "not_exited"))
        .when(change > 0).then(out(s))
        .when(pl.col("wb1").is_not_null()).then(out(f))
        .when(closed).then(out("excluded", "no_follow_up"))
        .otherwise(out(p, "awaiting_follow_up")).alias("wellbeing"),
        pl.when(pl.col("wb0").is_not_null() & pl.col("wb1").is_not_null() & ~not_exited)
        .then(change).alias("wellbeing_change"),
        pl.when(not_exited).then(out(p, "not_exited"))
        .when(pl.col("offer")).then(out(s))
        .when(x + 183 * day <= asof).then(out(f))
        .otherwise(out(p, "window_open")).alias("offer-6m"),
        pl.when(not_exited).then(out(p, "not_exited"))
        .when(t > asof).then(out(p, "window_open"))
        .when(~on_support).then(out(s)).otherwise(out(f)).alias("no-support-90d"),
    )


def evaluate_polars(
    participants: pl.LazyFrame, events: pl.LazyFrame, responses: pl.LazyFrame, as_of: dt.date,
    *, engine: str = "auto",
) -> pl.DataFrame:
    """Counts per project, goal and outcome (``success``, ``failure``, ``pending:reason``,
    ``excluded:reason``), and the summed change per project for the paired goal."""
    goals = ["enrolled", "sex-balance", "satisfied", "wellbeing", "offer-6m", "no-support-90d"]
    wide = _outcomes(participants, events, responses, as_of)
    counts = (
        wide.unpivot(index="project", on=goals, variable_name="goal", value_name="outcome")
        .group_by("project", "goal", "outcome")
        .agg(pl.len().alias("n"))
    )
    change = wide.group_by("project").agg(
        pl.lit("wellbeing").alias("goal"),
        pl.lit("value_sum").alias("outcome"),
        pl.col("wellbeing_change").sum().alias("value_sum"),
        pl.col("wellbeing_change").count().cast(pl.UInt32).alias("n"),
    )
    c, v = pl.collect_all([counts, change], engine=engine)  # type: ignore[arg-type]
    return pl.concat(
        [c.with_columns(pl.lit(None, pl.Float64).alias("value_sum")),
         v.select("project", "goal", "outcome", "n", "value_sum")],
        how="vertical_relaxed",
    )
