"""The benchmark's pieces on a tiny population: the hand-written polars and DuckDB SQL
references and goalkit (columnar and plain Python) give exactly the same numbers. Not a
timing test: the benchmark itself is ``python -m benchmarks`` (docs/scale.md)."""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb
import pytest

import goalkit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from typing import TYPE_CHECKING

from benchmarks.compare import differences, from_reference, from_report
from benchmarks.generate import AS_OF, generate_frames, write_parquet
from benchmarks.reference_duckdb import evaluate_duckdb
from benchmarks.reference_polars import evaluate_polars
from benchmarks.run import parse_size, render
from benchmarks.suite import suite

if TYPE_CHECKING:
    import polars as pl


@pytest.fixture(scope="module")
def population() -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    return generate_frames(1_500, seed=11)


def test_the_generator_is_seeded_and_sized() -> None:
    """Same seed, same rows; about three events and six answers a person."""
    a, b = generate_frames(900, seed=3), generate_frames(900, seed=3)
    assert all(x.equals(y) for x, y in zip(a, b, strict=True))
    people, events, answers = a
    assert people.height == 900
    assert 2.5 < events.height / people.height < 3.5
    assert 5.0 < answers.height / people.height < 7.0
    assert people["project"].n_unique() == 3


@pytest.mark.parametrize("as_of", [AS_OF, AS_OF.replace(year=2015), AS_OF.replace(year=2018)])
def test_references_and_goalkit_agree(
    population: tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame], as_of: object
) -> None:
    """Per project and overall, every goal's people in every outcome (and every reason)
    are the same in goalkit, in the polars reference and in the DuckDB SQL reference."""
    p, e, r = population
    assert isinstance(as_of, type(AS_OF))
    report = goalkit.evaluate(suite(), goalkit.Dataset.from_frames(p, e, r), as_of)
    ours = from_report(report)
    assert ours.height > 0
    polars_ref = from_reference(evaluate_polars(p.lazy(), e.lazy(), r.lazy(), as_of))
    con = duckdb.connect()
    for name, frame in (("participants", p), ("events", e), ("responses", r)):
        con.register(name, frame.to_arrow())
    duck_ref = from_reference(
        evaluate_duckdb(con, {t: t for t in ("participants", "events", "responses")}, as_of)
    )
    assert differences(ours, polars_ref).is_empty()
    assert differences(ours, duck_ref).is_empty()
    records = goalkit.Dataset.from_records(p.to_dicts(), e.to_dicts(), r.to_dicts())
    python = goalkit.evaluate(suite(), records, as_of, engine="python")
    assert goalkit.report_to_json(python) == goalkit.report_to_json(report)


def test_from_parquet_gives_the_same_numbers(
    tmp_path: Path, population: tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]
) -> None:
    """The Parquet files the benchmark writes read back into the same report."""
    folder = write_parquet(tmp_path / "tiny", 1_500, seed=11)
    p, e, r = population
    from_files = goalkit.evaluate(suite(), goalkit.Dataset.from_folder(folder), AS_OF)
    in_memory = goalkit.evaluate(suite(), goalkit.Dataset.from_frames(p, e, r), AS_OF)
    assert goalkit.report_to_json(from_files) == goalkit.report_to_json(in_memory)


def test_sizes_and_table() -> None:
    """Sizes read as the command line gives them; the table names the ratio."""
    assert [parse_size(s) for s in ("10k", "1m", "5m", "250")] == [10_000, 1_000_000,
                                                                  5_000_000, 250]
    row = {"people": "10k", "rows": 5, "goalkit_eval": 0.2, "polars_eval": 0.1,
           "duckdb_eval": 0.15, "goalkit_e2e": 0.3, "polars_e2e": 0.2, "duckdb_e2e": 0.25,
           "goalkit_load": 0.1, "polars_load": 0.1, "duckdb_load": 0.1, "goalkit_mib": 100.0,
           "polars_mib": 90.0, "duckdb_mib": 95.0, "ratio_eval": 2.0, "ratio_e2e": 1.5,
           "per_million": 20.0, "per_million_what": "eval"}
    assert "**2.00**" in render([row])
