"""The benchmark's pieces on a tiny population: the hand-written polars, DuckDB SQL and
pure-Python references and goalkit (columnar and plain Python) give exactly the same numbers,
overall and per project, sex and age band, or per project only; the comparison notices one
count out of place, on every path; peak memory is the measured process's own; and the whole
benchmark runs and says "same numbers: yes". Not a timing test: the benchmark itself is
``python -m benchmarks`` (docs/scale.md)."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

import goalkit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from typing import TYPE_CHECKING

import polars as pl
from benchmarks.compare import differences, from_reference, from_report, from_report_json
from benchmarks.embed import per_call
from benchmarks.generate import AS_OF, generate_frames, write_parquet
from benchmarks.measure import CollectClock
from benchmarks.paths import compare_files, run_process, subprocess_env
from benchmarks.reference_duckdb import evaluate_duckdb
from benchmarks.reference_polars import evaluate_polars
from benchmarks.reference_python import as_frame, evaluate_records
from benchmarks.run import Target, all_same, combine, label, parse_size, rounds_of
from benchmarks.script import evaluate as script_evaluate
from benchmarks.suite import per_project_suite, suite, write_goal_file

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


def _references(
    frames: Frames, as_of: dt.date, dimensions: tuple[str, ...] = ("project", "sex", "age_band")
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Both query references' raw counts."""
    p, e, r = frames
    polars_counts = evaluate_polars(p.lazy(), e.lazy(), r.lazy(), as_of, dimensions=dimensions)
    con = duckdb.connect()
    for name, frame in zip(TABLES, frames, strict=True):
        con.register(name, frame.to_arrow())
    return polars_counts, evaluate_duckdb(con, {t: t for t in TABLES}, as_of, dimensions)


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
    (and overall every reason) are the same in goalkit, in the polars reference, in the
    DuckDB SQL reference and in the pure-Python reference over the same rows as records;
    goalkit's plain Python engine gives the same report."""
    p, e, r = edged
    report = goalkit.evaluate(suite(), goalkit.Dataset.from_frames(p, e, r), as_of)
    ours = from_report(report)
    polars_counts, duck_counts = _references(edged, as_of)
    assert differences(ours, from_reference(polars_counts)).is_empty()
    assert differences(ours, from_reference(duck_counts)).is_empty()
    python_counts = evaluate_records(p.to_dicts(), e.to_dicts(), r.to_dicts(), as_of)
    assert differences(ours, from_reference(as_frame(python_counts))).is_empty()
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


def test_per_project_references_count_the_project_only(edged: Frames) -> None:
    """The per-project suite's references count no sex or age band, and give goalkit's
    project breakdown and totals (which are all its comparison looks at)."""
    p, e, r = edged
    report = goalkit.evaluate(per_project_suite(), goalkit.Dataset.from_frames(p, e, r), AS_OF)
    ours = from_report(report, ("project",))
    assert set(ours["dimension"]) == {"project", "*"}
    for counts in _references(edged, AS_OF, ("project",)):
        assert set(counts["dimension"]) == {"project"}
        assert differences(ours, from_reference(counts, ("project",))).is_empty()


def test_the_json_report_gives_the_report_numbers(population: Frames) -> None:
    """Reading goalkit's numbers from its JSON report (the command line's output) gives the
    same table as reading them from the report."""
    report = goalkit.evaluate(suite(), goalkit.Dataset.from_frames(*population), AS_OF)
    as_json = json.loads(goalkit.report_to_json(report))
    assert from_report_json(as_json).sort("dimension", "category", "goal", "outcome").equals(
        from_report(report).sort("dimension", "category", "goal", "outcome"))


def test_the_command_line_and_the_script_agree_and_a_changed_number_shows(
    tmp_path: Path,
) -> None:
    """``goalkit evaluate GOALFILE --format json`` and the hand-written script, both run as
    the benchmark runs them, write the same numbers; one count changed in the script's file
    is found, in that cell and the goal's total only."""
    folder = write_parquet(tmp_path / "300", 300, seed=5)
    goals = write_goal_file(folder, "per-project")
    report, theirs = tmp_path / "report.json", tmp_path / "script.json"
    run = run_process(
        [sys.executable, "-c", "import sys; from goalkit.cli import main; sys.exit(main())",
         "evaluate", str(goals), "--data", str(folder), "--as-of", AS_OF.isoformat(),
         "--format", "json"], stdout=report, ok=(0, 1))
    assert run.peak_mib > 0
    script_evaluate(folder, AS_OF, theirs, ("project",))
    table, diff = compare_files(report, theirs, ("project",))
    assert diff.is_empty()
    assert table.height > 0
    rows = json.loads(theirs.read_text())
    changed = next(x for x in rows if x["dimension"] == "project" and x["outcome"] == "failure")
    changed["n"] += 1
    theirs.write_text(json.dumps(rows))
    _, diff = compare_files(report, theirs, ("project",))
    assert set(diff.select("dimension", "category", "goal", "outcome").rows()) == {
        ("project", changed["category"], changed["goal"], "failure"),
        ("*", "*", changed["goal"], "failure"),  # the totals are the projects' sums
    }


def test_peak_memory_is_the_measured_process_own() -> None:
    """A process's peak memory is its own, not that of the process it was started from
    (this test's, with polars loaded): a bare interpreter stays small, and one that fills
    200 MiB is counted with them."""
    polars_loaded = pl.DataFrame({"x": range(1_000_000)})  # this process is the larger
    bare = run_process([sys.executable, "-c", "pass"])
    filled = run_process([sys.executable, "-c", "b = bytearray(200 * 2**20); b[::4096] = "
                          "b'x' * len(b[::4096])"])
    assert polars_loaded.height == 1_000_000
    assert bare.peak_mib < 60
    assert filled.peak_mib > 200


def test_an_in_memory_measurement_reports_its_own_peak(tmp_path: Path) -> None:
    """The in-memory measurement (``python -m benchmarks.measure``), started straight from
    a process much larger than itself as the benchmark starts it, reports its own peak
    memory, not the larger one it was started from (which Linux's ``ru_maxrss`` carries
    over)."""
    folder = write_parquet(tmp_path / "data", 300)
    held = bytearray(600 * 2**20)
    held[::4096] = b"x" * len(held[::4096])  # this process: over 600 MiB resident
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.measure", "polars", str(folder), "1", "per-project"],
        capture_output=True, text=True, env=subprocess_env(), check=True)
    peak = json.loads(done.stdout.strip().splitlines()[-1])["peak_mib"]
    assert len(held) == 600 * 2**20
    assert 0 < peak < 400


def test_the_memory_profile_follows_the_command_line_step_by_step(tmp_path: Path) -> None:
    """``python -m benchmarks.profiling command-line --memory``: every step of the command
    line, in order, with a peak that never falls and is never below what is resident."""
    from benchmarks.profiling import memory_stages  # noqa: PLC0415

    stages = memory_stages(write_parquet(tmp_path / "data", 300), "per-project")
    assert [s[0].split(" (")[0] for s in stages] == [
        "start", "plugins and the goal file", "reading the files", "validating",
        "what the goals use, in the data", "evaluating", "the report as plain data",
        "writing the JSON bytes"]
    cells = re.fullmatch(r"the report as plain data \((\d+) breakdown cells\)", stages[6][0])
    assert cells is not None
    assert int(cells[1]) > 0  # a cell per project and goal, at the least
    peaks = [peak for *_, peak in stages]
    assert peaks == sorted(peaks)
    assert all(peak >= rss > 0 and seconds >= 0 and cpu >= 0
               for _, seconds, cpu, rss, peak in stages)


def test_time_inside_collections_is_counted_once() -> None:
    """Overlapping collections (a worker thread and the caller) count once, and only the
    part inside the evaluation's own span."""
    clock = CollectClock()
    clock.spans = [(1.0, 3.0), (2.0, 4.0), (6.0, 7.0), (9.0, 12.0)]
    assert clock.inside(0.0, 10.0) == pytest.approx(3.0 + 1.0 + 1.0)
    assert clock.inside(2.5, 6.5) == pytest.approx(1.5 + 0.5)
    assert clock.inside(4.0, 6.0) == 0.0


def test_the_embedded_call_matches_pure_python() -> None:
    """The embedded measurement's three ways (data set kept, built each call, pure Python)
    give the same numbers for one project of 300 people, for each suite."""
    for name in ("standard", "per-project"):
        got = per_call(calls=2, suite=name)
        assert got["same"] is True
        assert got["people"] == 300
        assert got["numbers"] > 0
        assert got["suite"] == name


def test_sizes_and_targets() -> None:
    """Sizes read as the command line gives them and are labelled back; a target is met at
    its limit and not above it; one path with other numbers makes the run's "same numbers"
    no."""
    assert [parse_size(s) for s in ("10k", "1m", "5m", "250")] == [10_000, 1_000_000,
                                                                  5_000_000, 250]
    assert [label(n) for n in (10_000, 1_000_000, 250)] == ["10k", "1m", "250"]
    assert Target("1m", "x", 1.5, 1.5, "").met
    assert not Target("1m", "x", 1.51, 1.5, "").met
    assert "[FAIL] 1m: x: 1.51" in Target("1m", "x", 1.51, 1.5, "1.51").line()
    size = {"in_memory": [{"same": True}], "command_line": [{"same": True}]}
    assert all_same([size], {"suites": [{"same": True}, {"same": True}]})
    assert not all_same([size, {**size, "command_line": [{"same": False}]}], None)
    assert not all_same([size], {"suites": [{"same": True}, {"same": False}]})


def test_rounds_take_turns_and_ratios_are_taken_within_a_round() -> None:
    """Each engine goes first once in three rounds; the ratio is the median of the rounds'
    own ratios, so a slow round for everyone does not count against goalkit."""
    assert rounds_of(("a", "b", "c"), 3) == [["a", "b", "c"], ["b", "c", "a"], ["c", "a", "b"]]

    def lap(gk: float, pol: float, duck: float) -> dict[str, dict[str, float]]:
        return {"goalkit": {"eval": gk, "load": 0.1, "peak_mib": 10.0, "python_share": 0.2,
                            "collections": 7.0},
                "polars": {"eval": pol, "load": 0.1, "peak_mib": 9.0},
                "duckdb": {"eval": duck, "load": 0.1, "peak_mib": 30.0}}

    got = combine([lap(1.2, 1.0, 1.1), lap(2.6, 2.0, 2.1), lap(1.3, 1.2, 1.0)])
    assert got["ratios"] == pytest.approx([1.2, 1.3, 1.3])
    assert got["ratio"] == pytest.approx(1.3)
    assert got["goalkit"]["eval"] == pytest.approx(1.3)  # the median of its own rounds
    assert got["duckdb"]["peak_mib"] == 30.0
    assert got["python_share"] == pytest.approx(0.2)
    assert got["collections"] == 7.0


def test_the_benchmark_runs_and_says_the_numbers_are_the_same(tmp_path: Path) -> None:
    """``python -m benchmarks`` on 300 people (one suite, one thread count, one round)
    prints every kind of target with a verdict and "same numbers: yes", and writes them."""
    out = tmp_path / "results.md"
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--sizes", "300", "--suites", "per-project",
         "--threads", "1", "--rounds", "1", "--repeat", "1", "--no-embedding",
         "--data", str(tmp_path), "--out", str(out)],
        capture_output=True, text=True, env=subprocess_env(), check=False,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    verdicts = [x for x in lines if x.startswith(("[pass]", "[FAIL]"))]
    kinds = ("command line, per-project suite, wall time",
             "command line, per-project suite, peak memory",
             "in memory, per-project suite, 1 thread(s):",
             "single-threaded Python share", "goalkit validate")
    assert all(any(k in v for v in verdicts) for k in kinds)
    assert lines[-1] == "same numbers: yes"
    assert any(x.startswith("300 report (html, xlsx), per-project: goalkit ") for x in lines)
    written = out.read_text(encoding="utf-8")
    assert "Same numbers: **yes**" in written
    assert "## `goalkit report`, whole process: the documents people read" in written
    assert re.search(r"\| 300 \| per-project \| html, xlsx \| [\d.]+ \| [\d.]+ \| ", written)
    assert any(x.startswith("300 validate, text ids: goalkit ") for x in lines)
    assert re.search(r"\| 300 \| numbers \| [\d.]+ \| [\d.]+ \| ", written)
    assert re.search(r"\| 300 \| text \| [\d.]+ \| [\d.]+ \| ", written)
    ids = pl.read_parquet(tmp_path / "300-text" / "events.parquet")["participant_id"]
    assert ids.str.starts_with("P-").all()
    documents = sorted(p.suffix for p in (tmp_path / "300-out" / "documents-per-project")
                       .iterdir())
    assert documents == [".html", ".xlsx"]
