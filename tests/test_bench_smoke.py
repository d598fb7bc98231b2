"""The benchmark's pieces on a tiny population: the hand-written polars and DuckDB SQL
references and goalkit (columnar and plain Python) give exactly the same numbers, overall
and per project, sex and age band, and the comparison notices one count out of place. Not a
timing test: the benchmark itself is ``python -m benchmarks`` (docs/scale.md)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import duckdb
import pytest

import goalkit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from typing import TYPE_CHECKING

import polars as pl
from benchmarks.compare import differences, from_reference, from_report
from benchmarks.generate import AS_OF, generate_frames, write_parquet
from benchmarks.reference_duckdb import evaluate_duckdb
from benchmarks.reference_polars import evaluate_polars
from benchmarks.run import combine, parse_size, render, rounds_of
from benchmarks.suite import suite

if TYPE_CHECKING:
    from collections.abc import Callable

Frames = tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]
AGE_BANDS = {"-15", "16-19", "20-24", "25-29", "30-34", "35-44", "45-54", "55-64", "65-",
             "unknown"}
TABLES = ("participants", "events", "responses")


@pytest.fixture(scope="module")
def population() -> Frames:
    return generate_frames(1_500, seed=11)


def _years_before(day: dt.date, years: int, days: int = 0) -> dt.date:
    return day.replace(year=day.year - years) + dt.timedelta(days=days)


@pytest.fixture(scope="module")
def edged(population: Frames) -> Frames:
    """The population with people at the edges of the age rule in front: a birthday on the
    day of enrolment or the day after, at 16 and 65; the birth year alone; no birth data
    (the ``unknown`` band, once with no sex either); 29 February; a birth date that
    disagrees with the birth year (the date wins)."""
    p, e, r = population
    rows = p.head(11).to_dicts()
    edits: list[Callable[[dt.date], dict[str, object]]] = [
        lambda d: {"birth_date": _years_before(d, 16), "birth_year": None},  # 16
        lambda d: {"birth_date": _years_before(d, 16, 1), "birth_year": None},  # 15
        lambda d: {"birth_date": _years_before(d, 65), "birth_year": None},  # 65
        lambda d: {"birth_date": _years_before(d, 65, 1), "birth_year": None},  # 64
        lambda d: {"birth_date": None, "birth_year": d.year - 20},  # 20
        lambda d: {"birth_date": None, "birth_year": d.year - 15},  # 15
        lambda _: {"birth_date": None, "birth_year": None},  # unknown
        lambda _: {"birth_date": None, "birth_year": None, "sex": None},  # unknown twice
        lambda _: {"enrolled": dt.date(2016, 2, 28), "exited": None, "exit_reason": None,
                   "birth_date": dt.date(2000, 2, 29), "birth_year": None},  # 15
        lambda _: {"enrolled": dt.date(2016, 3, 1), "exited": None, "exit_reason": None,
                   "birth_date": dt.date(1996, 2, 29), "birth_year": None},  # 20
        lambda d: {"birth_date": _years_before(d, 30), "birth_year": d.year - 50},  # 30
    ]
    for row, edit in zip(rows, edits, strict=True):
        enrolled = row["enrolled"]
        assert isinstance(enrolled, dt.date)
        row.update(edit(enrolled))
    edged_people = pl.concat([pl.DataFrame(rows, schema=p.schema), p.slice(len(rows))])
    return edged_people, e, r


def _references(frames: Frames, as_of: dt.date) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Both references' raw counts."""
    p, e, r = frames
    polars_counts = evaluate_polars(p.lazy(), e.lazy(), r.lazy(), as_of)
    con = duckdb.connect()
    for name, frame in zip(TABLES, frames, strict=True):
        con.register(name, frame.to_arrow())
    return polars_counts, evaluate_duckdb(con, {t: t for t in TABLES}, as_of)


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
def test_references_and_goalkit_agree(edged: Frames, as_of: dt.date) -> None:
    """Per project, per sex, per age band and overall, every goal's people in every outcome
    (and overall every reason) are the same in goalkit, in the polars reference and in the
    DuckDB SQL reference; goalkit's plain Python engine gives the same report."""
    p, e, r = edged
    report = goalkit.evaluate(suite(), goalkit.Dataset.from_frames(p, e, r), as_of)
    ours = from_report(report)
    polars_counts, duck_counts = _references(edged, as_of)
    assert differences(ours, from_reference(polars_counts)).is_empty()
    assert differences(ours, from_reference(duck_counts)).is_empty()
    categories = {
        d: set(ours.filter(pl.col("dimension") == d)["category"])
        for d in ("project", "sex", "age_band")
    }
    assert categories["sex"] == {"F", "M", "X", "unknown"}
    assert categories["age_band"] == AGE_BANDS
    assert categories["project"] == set(p["project"])
    records = goalkit.Dataset.from_records(p.to_dicts(), e.to_dicts(), r.to_dicts())
    python = goalkit.evaluate(suite(), records, as_of, engine="python")
    assert _without_issues(python) == _without_issues(report)
    assert {i.severity for i in records.issues} == {"warning"}  # validated: nothing left out


def _without_issues(report: goalkit.Report) -> dict[str, object]:
    """A report's numbers: records and files are validated (their warnings listed in the
    report), frames from_frames trusts are not."""
    data: dict[str, object] = json.loads(goalkit.report_to_json(report))
    data.pop("issues")
    return data


def test_the_references_give_the_same_rows(edged: Frames) -> None:
    """The polars and DuckDB references give the same rows, the paired goal's summed change
    included, and every breakdown of a goal adds up to the same people."""
    polars_counts, duck_counts = _references(edged, AS_OF)
    key = ["dimension", "category", "goal", "outcome"]
    assert polars_counts.columns == [*key, "n", "value_sum"]
    assert polars_counts.sort(key).equals(duck_counts.sort(key))
    per_dimension = (
        polars_counts.filter(pl.col("outcome") != "value_sum")
        .group_by("goal", "dimension").agg(pl.col("n").sum())
    )
    assert per_dimension.height == 6 * 3
    assert per_dimension["n"].n_unique() == 1


@pytest.mark.parametrize("dimension", ["sex", "age_band", "project"])
def test_one_count_out_of_place_is_a_difference(edged: Frames, dimension: str) -> None:
    """A reference that puts one person in the wrong category of a breakdown (the totals and
    the other breakdowns unchanged) disagrees with goalkit in exactly those two cells."""
    p, e, r = edged
    report = goalkit.evaluate(suite(), goalkit.Dataset.from_frames(p, e, r), AS_OF)
    counts, _ = _references(edged, AS_OF)
    rows = counts.filter((pl.col("dimension") == dimension) & (pl.col("goal") == "satisfied")
                         & (pl.col("outcome") == "success"))
    assert rows.height >= 2
    wrong, right = rows["category"][0], rows["category"][1]
    category, n = pl.col("category"), pl.col("n")
    at = ((pl.col("dimension") == dimension) & (pl.col("goal") == "satisfied")
          & (pl.col("outcome") == "success"))
    moved = counts.with_columns(
        pl.when(at & (category == wrong)).then(n - 1)
        .when(at & (category == right)).then(n + 1).otherwise(n).alias("n")
    )
    found = differences(from_report(report), from_reference(moved))
    expected = {(dimension, wrong, "satisfied", "success", -1),
                (dimension, right, "satisfied", "success", 1)}
    cells = found.select("dimension", "category", "goal", "outcome",
                         pl.col("n_b").fill_null(0) - pl.col("n").fill_null(0))
    assert expected == set(cells.rows())


def test_from_parquet_gives_the_same_numbers(
    tmp_path: Path, population: tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]
) -> None:
    """The Parquet files the benchmark writes read back into the same report."""
    folder = write_parquet(tmp_path / "tiny", 1_500, seed=11)
    p, e, r = population
    read = goalkit.Dataset.from_folder(folder)
    from_files = goalkit.evaluate(suite(), read, AS_OF)
    in_memory = goalkit.evaluate(suite(), goalkit.Dataset.from_frames(p, e, r), AS_OF)
    assert _without_issues(from_files) == _without_issues(in_memory)
    assert {i.severity for i in read.issues} == {"warning"}


def test_sizes_and_table() -> None:
    """Sizes read as the command line gives them; the table names the ratio."""
    assert [parse_size(s) for s in ("10k", "1m", "5m", "250")] == [10_000, 1_000_000,
                                                                  5_000_000, 250]
    row = {"people": "10k", "rows": 5, "goalkit_eval": 0.2, "polars_eval": 0.1,
           "duckdb_eval": 0.15, "goalkit_e2e": 0.3, "polars_e2e": 0.2, "duckdb_e2e": 0.25,
           "goalkit_load": 0.1, "polars_load": 0.1, "duckdb_load": 0.1, "goalkit_mib": 100.0,
           "polars_mib": 90.0, "duckdb_mib": 95.0, "ratio_eval": 2.0, "ratio_e2e": 1.5,
           "per_million": 20.0, "per_million_what": "eval",
           "ratios": {"eval": [2.0, 2.5], "e2e": None}}
    table = render([row])
    assert "**2.00**" in table
    assert "| 2.00, 2.50; – |" in table


def test_rounds_take_turns_and_ratios_are_taken_within_a_round() -> None:
    """Each engine goes first once in three rounds; the ratio is the median of the rounds'
    own ratios, so a slow round for everyone does not count against goalkit."""
    assert rounds_of(("a", "b", "c"), 3) == [["a", "b", "c"], ["b", "c", "a"], ["c", "a", "b"]]

    def lap(gk: float, pol: float, duck: float) -> dict[str, dict[str, float]]:
        return {"goalkit": {"e2e": gk, "peak_mib": 10.0}, "polars": {"e2e": pol, "peak_mib": 9.0},
                "duckdb": {"e2e": duck, "peak_mib": 30.0}}

    got = combine([lap(1.2, 1.0, 1.1), lap(2.6, 2.0, 2.1), lap(1.3, 1.2, 1.0)])
    assert got["ratios_e2e"] == pytest.approx([1.2, 1.3, 1.3])
    assert got["ratio_e2e"] == pytest.approx(1.3)
    assert got["goalkit"]["e2e"] == pytest.approx(1.3)  # the median of its own rounds
    assert got["duckdb"]["peak_mib"] == 30.0
    assert "ratio_eval" not in got
