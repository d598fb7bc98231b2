"""The benchmark's goal suite written by hand in polars: what a data engineer would write
without goalkit. Same rules as goalkit's kinds (see :mod:`benchmarks.suite`), and the same
breakdowns as goalkit's report: every goal counted per project, per sex and per age band at
enrolment (a missing sex or age is ``unknown``); the totals are the sums over projects.

Returns one row per dimension, category, goal and outcome: the people in ``success`` and
``failure``, the excluded and pending people by reason, and per project the sum of the
changes (for the paired goal).
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

import polars as pl

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Sequence

__all__ = ["AGE_BANDS", "DIMENSIONS", "GOALS", "STATES", "evaluate_polars"]

STATES = ("success", "failure", "pending")
GOALS = ("enrolled", "sex-balance", "satisfied", "wellbeing", "offer-6m", "no-support-90d")
DIMENSIONS = ("project", "sex", "age_band")
AGE_BANDS = (16, 20, 25, 30, 35, 45, 55, 65)
"""Lower edges of the age bands (goalkit's default): ``-15``, ``16-19``, …, ``65-``."""
UNKNOWN = "unknown"  # the category of a missing sex or age
PID = "participant_id"
WINDOW = 30  # days either side of the anchor in which a survey answer counts


def _age_band() -> pl.Expr:
    """Age in whole years at enrolment (from the birth date when there is one, else the
    year difference from the birth year), in its band; ``unknown`` without either."""
    e, b = pl.col("enrolled"), pl.col("birth_date")
    before_birthday = (e.dt.month().cast(pl.Int32) * 100 + e.dt.day()) < (
        b.dt.month().cast(pl.Int32) * 100 + b.dt.day()
    )
    age = (
        pl.when(b.is_not_null())
        .then(e.dt.year() - b.dt.year() - before_birthday.cast(pl.Int32))
        .otherwise(e.dt.year() - pl.col("birth_year"))
    )
    labels = [f"-{AGE_BANDS[0] - 1}"]
    labels += [f"{lo}-{hi - 1}" for lo, hi in itertools.pairwise(AGE_BANDS)]
    labels.append(f"{AGE_BANDS[-1]}-")
    band = pl.lit(labels[-1])
    for edge, text in reversed(list(zip(AGE_BANDS, labels, strict=False))):
        band = pl.when(age < edge).then(pl.lit(text)).otherwise(band)
    return pl.when(age.is_null()).then(pl.lit(UNKNOWN)).otherwise(band)


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
        PID, "project", "enrolled", "sex", _age_band().alias("age_band"),
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
        pl.col("sex").fill_null(UNKNOWN),
        "age_band",
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
    *, engine: str = "auto", dimensions: Sequence[str] = DIMENSIONS,
) -> pl.DataFrame:
    """Counts per dimension (``project``, ``sex``, ``age_band``, or only those named in
    ``dimensions``), category, goal and outcome (``success``, ``failure``,
    ``pending:reason``, ``excluded:reason``), and the summed change per project for the
    paired goal."""
    # one row per person, computed once; then each goal's column counted by each dimension
    # (18 small group-bys over the wide frame: faster than unpivoting it to six rows a person)
    unasked = [d for d in ("sex", "age_band") if d not in dimensions]  # not computed at all
    wide = _outcomes(participants, events, responses, as_of).drop(unasked).collect(
        engine=engine  # type: ignore[call-overload]
    ).lazy()
    counts = [
        wide.group_by(pl.col(dimension).alias("category"), pl.col(goal).alias("outcome"))
        .agg(pl.len().alias("n"))
        .select(pl.lit(dimension).alias("dimension"), "category", pl.lit(goal).alias("goal"),
                "outcome", "n", pl.lit(None, pl.Float64).alias("value_sum"))
        for dimension in dimensions for goal in GOALS
    ]
    change = wide.group_by(pl.col("project").alias("category")).agg(
        pl.lit("project").alias("dimension"),
        pl.lit("wellbeing").alias("goal"),
        pl.lit("value_sum").alias("outcome"),
        pl.col("wellbeing_change").count().cast(pl.UInt32).alias("n"),
        pl.col("wellbeing_change").sum().cast(pl.Float64).alias("value_sum"),
    ).select("dimension", "category", "goal", "outcome", "n", "value_sum")
    frames: list[pl.DataFrame] = pl.collect_all(
        [*counts, change], engine=engine  # type: ignore[call-overload]
    )
    return pl.concat(frames, how="vertical_relaxed")
