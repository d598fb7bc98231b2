"""A seeded synthetic population: participants, events and survey answers.

About 300 people a project, ~3 events and ~6 answers a person, dated around 2014–2016 so
that, as of :data:`AS_OF`, some people have not exited, some follow-up windows are still
open, and some rows lie after the as-of date. Generated in chunks of one million people with
numpy and written to Parquet, so 20 million people fit in memory.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import numpy as np
import polars as pl
import pyarrow.parquet as pq

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["AS_OF", "PEOPLE_PER_PROJECT", "generate", "generate_frames", "outputs",
           "write_parquet", "write_text_ids"]

AS_OF = dt.date(2016, 6, 30)
START = dt.date(2014, 1, 1)
PEOPLE_PER_PROJECT = 300
CHUNK = 1_000_000
_EPOCH = dt.date(1970, 1, 1)
_D0 = (START - _EPOCH).days
_EVENT_KINDS = ["income_support_start", "income_support_end", "employment_offer", "action_plan",
                "employment_start", "course_start"]
_PHASES = ["entry", "exit", "follow_up_6m"]
_QUESTIONS = ["wellbeing", "satisfied", "confidence"]
_ENROL_SPAN = (dt.date(2016, 12, 31) - START).days  # some enrolments after AS_OF


def _dates(days: np.ndarray) -> pl.Series:
    return pl.Series(days.astype(np.int32)).cast(pl.Date)


def _chunk(first: int, n: int, seed: int) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """People ``first`` … ``first + n - 1``; the same seed and numbers give the same rows."""
    rng = np.random.default_rng([seed, first])
    idx = np.arange(first, first + n, dtype=np.int64)
    pid = pl.Series(idx).cast(pl.String).alias("participant_id")
    project = (
        pl.Series(idx // PEOPLE_PER_PROJECT).cast(pl.String)
    )
    enrolled = _D0 + rng.integers(0, _ENROL_SPAN, n)
    has_exit = rng.random(n) < 0.8
    exited = enrolled + rng.integers(20, 420, n)
    sex_u = rng.random(n)
    sex = pl.Series(["F", "M", "X"]).gather((sex_u >= 0.49).astype(np.int8)
                                            + (sex_u >= 0.97).astype(np.int8))
    age = rng.integers(16, 66, n)
    birth = enrolled - age * 365 - rng.integers(0, 365, n)
    exact = rng.random(n) < 0.7
    reason = pl.Series(["work", "studies", "other", "moved"]).gather(rng.integers(0, 4, n))
    participants = pl.DataFrame(
        {
            "participant_id": pid,
            "project": project.alias("project"),
            "enrolled": _dates(enrolled),
            "sex": sex.set(pl.Series(sex_u > 0.99), None),
            "birth_date": _dates(birth).set(pl.Series(~exact), None),
            "birth_year": pl.Series(
                (1970 + (birth / 365.2425)).astype(np.int64)
            ).set(pl.Series(exact), None),
            "exited": _dates(exited).set(pl.Series(~has_exit), None),
            "exit_reason": reason.set(pl.Series(~has_exit), None),
        }
    )
    ev_pid, ev_day, ev_kind = [], [], []

    def add(mask: np.ndarray, days: np.ndarray, kind: str) -> None:
        ev_pid.append(idx[mask])
        ev_day.append(days[mask])
        ev_kind.append(np.full(int(mask.sum()), _EVENT_KINDS.index(kind), dtype=np.int8))

    # income support: a spell starting around enrolment, often ended, sometimes a second one
    on = rng.random(n) < 0.55
    s1 = enrolled + rng.integers(-60, 200, n)
    add(on, s1, "income_support_start")
    ended = on & (rng.random(n) < 0.6)
    e1 = s1 + rng.integers(30, 500, n)
    add(ended, e1, "income_support_end")
    again = ended & (rng.random(n) < 0.3)
    add(again, e1 + rng.integers(10, 200, n), "income_support_start")
    # employment offers around and after exit
    offer = rng.random(n) < 0.55
    add(offer, np.where(has_exit, exited, enrolled + 300) + rng.integers(-40, 260, n),
        "employment_offer")
    add(rng.random(n) < 0.5, enrolled + rng.integers(0, 60, n), "action_plan")
    add(rng.random(n) < 0.2, enrolled + rng.integers(30, 700, n), "employment_start")
    add(rng.random(n) < 0.8, enrolled + rng.integers(0, 300, n), "course_start")
    events = pl.DataFrame(
        {
            "participant_id": pl.Series(np.concatenate(ev_pid)).cast(pl.String),
            "date": _dates(np.concatenate(ev_day)),
            "kind": pl.Series(_EVENT_KINDS).gather(np.concatenate(ev_kind)),
        }
    )
    rs_pid, rs_day, rs_phase, rs_q, rs_score = [], [], [], [], []

    def answer(mask: np.ndarray, days: np.ndarray, phase: str, question: str,
               scores: np.ndarray) -> None:
        rs_pid.append(idx[mask])
        rs_day.append(days[mask])
        rs_phase.append(np.full(int(mask.sum()), _PHASES.index(phase), dtype=np.int8))
        rs_q.append(np.full(int(mask.sum()), _QUESTIONS.index(question), dtype=np.int8))
        rs_score.append(scores[mask].astype(np.float64))

    base = rng.integers(1, 6, n)
    entry_day = enrolled + rng.integers(-10, 45, n)
    answered_entry = rng.random(n) < 0.85
    answer(answered_entry, entry_day, "entry", "wellbeing", base)
    answer(answered_entry, entry_day, "entry", "satisfied", rng.integers(1, 6, n))
    answer(answered_entry, entry_day, "entry", "confidence", rng.integers(1, 6, n))
    # a second answer on the same day now and then: the lowest score wins the tie
    tie = answered_entry & (rng.random(n) < 0.03)
    answer(tie, entry_day, "entry", "wellbeing", rng.integers(1, 6, n))
    exit_base = np.where(has_exit, exited, enrolled + 400)
    exit_day = exit_base + rng.integers(-25, 50, n)
    answered_exit = rng.random(n) < 0.75
    after = np.clip(base + rng.integers(-1, 3, n), 1, 5)
    answer(answered_exit, exit_day, "exit", "wellbeing", after)
    answer(answered_exit, exit_day, "exit", "satisfied", rng.integers(1, 6, n))
    answer(answered_exit, exit_day, "exit", "confidence", rng.integers(1, 6, n))
    late = answered_exit & (rng.random(n) < 0.1)
    answer(late, exit_day + rng.integers(1, 20, n), "exit", "satisfied", rng.integers(1, 6, n))
    follow = rng.random(n) < 0.5
    follow_day = exit_base + 180 + rng.integers(-20, 20, n)
    answer(follow, follow_day, "follow_up_6m", "wellbeing", rng.integers(1, 6, n))
    answer(follow, follow_day, "follow_up_6m", "satisfied", rng.integers(1, 6, n))
    responses = pl.DataFrame(
        {
            "participant_id": pl.Series(np.concatenate(rs_pid)).cast(pl.String),
            "date": _dates(np.concatenate(rs_day)),
            "phase": pl.Series(_PHASES).gather(np.concatenate(rs_phase)),
            "question": pl.Series(_QUESTIONS).gather(np.concatenate(rs_q)),
            "score": pl.Series(np.concatenate(rs_score)),
        }
    )
    return participants, events, responses


def generate_frames(
    people: int, seed: int = 2016
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """The whole population in memory (for the smaller sizes and the tests)."""
    parts = [_chunk(f, min(CHUNK, people - f), seed) for f in range(0, people, CHUNK)]
    return (
        pl.concat([p[0] for p in parts]),
        pl.concat([p[1] for p in parts]),
        pl.concat([p[2] for p in parts]),
    )


def write_parquet(folder: Path, people: int, seed: int = 2016) -> Path:
    """Write ``participants``, ``events`` and ``responses`` Parquet files to ``folder``,
    chunk by chunk (one row group per chunk); skip if they are already there."""
    folder.mkdir(parents=True, exist_ok=True)
    done = folder / ".complete"
    if done.exists() and done.read_text() == f"{people} {seed}":
        return folder
    writers: dict[str, pq.ParquetWriter] = {}
    try:
        for first in range(0, people, CHUNK):
            tables = _chunk(first, min(CHUNK, people - first), seed)
            for name, frame in zip(("participants", "events", "responses"), tables,
                                   strict=True):
                arrow = frame.to_arrow()
                if name not in writers:
                    writers[name] = pq.ParquetWriter(folder / f"{name}.parquet", arrow.schema,
                                                     compression="zstd")
                writers[name].write_table(arrow, row_group_size=256 * 1024)
    finally:
        for w in writers.values():
            w.close()
    done.write_text(f"{people} {seed}")
    return folder


def write_text_ids(folder: Path) -> Path:
    """The tables of ``folder`` (:func:`write_parquet`) with every participant id made text
    that is no number (``P-0``, ``P-1``, …), in a folder beside it (``1m-text`` for
    ``1m``): validation looks ids that are whole numbers up by number, and other ids
    join on their hashes, so ``goalkit validate`` is measured on both. Skipped if there
    already, as of the same tables."""
    out = folder.with_name(f"{folder.name}-text")
    out.mkdir(parents=True, exist_ok=True)
    done, source = out / ".complete", (folder / ".complete").read_text()
    if done.exists() and done.read_text() == source:
        return out
    for name in ("participants", "events", "responses"):
        pl.scan_parquet(folder / f"{name}.parquet").with_columns(
            ("P-" + pl.col("participant_id")).alias("participant_id"),
        ).sink_parquet(out / f"{name}.parquet", compression="zstd")
    done.write_text(source)
    return out


def outputs(folder: Path) -> Path:
    """Where the benchmark writes what it makes of the data in ``folder`` (goal files,
    reports, the references' numbers): a folder beside it, ``1m-out`` for ``1m``, so that
    the data folder holds the three tables only, as a user's does (goalkit names any
    other data file it finds in a folder it reads)."""
    out = folder.with_name(f"{folder.name}-out")
    out.mkdir(parents=True, exist_ok=True)
    return out


def generate(people: int, seed: int = 2016) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """Alias of :func:`generate_frames`."""
    return generate_frames(people, seed)
