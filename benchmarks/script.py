"""The hand-written script processes that goalkit's command line is measured against: what a
data engineer would run instead of ``goalkit evaluate`` and ``goalkit validate``.

``python -m benchmarks.script evaluate FOLDER AS_OF OUT.json [DIMENSION ...]`` reads the
Parquet files in ``FOLDER`` with polars, computes the suite's numbers by hand
(:func:`benchmarks.reference_polars.evaluate_polars`, per project unless other breakdowns are
named) with every goal's totals, and writes them to ``OUT.json`` as JSON: one object per
breakdown (``*`` for the totals), category, goal and outcome, with the people counted.

``python -m benchmarks.script read FOLDER`` reads the three tables once into memory (one pass
of polars over the same files ``goalkit validate`` checks) and prints their row counts.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import polars as pl

from benchmarks.reference_polars import evaluate_polars

TABLES = ("participants", "events", "responses")


def evaluate(folder: Path, as_of: dt.date, out: Path, dimensions: tuple[str, ...]) -> None:
    """The suite's numbers from the files in ``folder``, written to ``out``."""
    people, events, answers = (pl.scan_parquet(folder / f"{t}.parquet") for t in TABLES)
    counts = evaluate_polars(people, events, answers, as_of, dimensions=dimensions)
    totals = (
        counts.filter((pl.col("dimension") == dimensions[0]) & (pl.col("outcome") != "value_sum"))
        .group_by("goal", "outcome").agg(pl.col("n").sum())
        .select(pl.lit("*").alias("dimension"), pl.lit("*").alias("category"), "goal",
                "outcome", "n", pl.lit(None, pl.Float64).alias("value_sum"))
    )
    pl.concat([counts, totals], how="vertical_relaxed").write_json(out)


def read(folder: Path) -> None:
    """Every table read into memory once."""
    frames = [pl.read_parquet(folder / f"{t}.parquet") for t in TABLES]
    print(" ".join(f"{t}={f.height}" for t, f in zip(TABLES, frames, strict=True)))


def main(argv: list[str]) -> None:
    if argv[0] == "evaluate":
        evaluate(Path(argv[1]), dt.date.fromisoformat(argv[2]), Path(argv[3]),
                 tuple(argv[4:]) or ("project",))
    elif argv[0] == "read":
        read(Path(argv[1]))
    else:
        msg = f"unknown command {argv[0]!r}: evaluate or read"
        raise SystemExit(msg)


if __name__ == "__main__":
    main(sys.argv[1:])
