"""One measurement in its own process, so that its peak memory is its own.

``python -m benchmarks.measure ENGINE FOLDER REPEAT MODE`` prints one JSON line: the load,
evaluation and end-to-end times (seconds, wall and CPU), the peak memory (MiB), and where
it wrote its numbers (for the equality check). ``MODE`` is ``all`` or ``e2e``.
"""

from __future__ import annotations

import json
import resource
import statistics
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

from benchmarks.generate import AS_OF

if TYPE_CHECKING:
    from collections.abc import Callable

TABLES = ("participants", "events", "responses")


def _timed(fn: Callable[[], Any], repeat: int) -> tuple[list[float], list[float], Any]:
    walls, cpus, out = [], [], None
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        out = fn()
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    return walls, cpus, out


def _goalkit(folder: Path, repeat: int, mode: str) -> tuple[dict[str, Any], pl.DataFrame]:
    import goalkit  # noqa: PLC0415
    from benchmarks.compare import from_report  # noqa: PLC0415
    from benchmarks.suite import suite  # noqa: PLC0415

    project = suite()
    res: dict[str, Any] = {}
    report = None
    if mode == "all":
        def load() -> goalkit.Dataset:
            frames = [pl.read_parquet(folder / f"{t}.parquet") for t in TABLES]
            return goalkit.Dataset.from_frames(*frames)

        res["load"], res["load_cpu"], data = _timed(load, repeat)
        res["eval"], res["eval_cpu"], report = _timed(
            lambda: goalkit.evaluate(project, data, AS_OF), repeat)
        del data
    res["e2e"], res["e2e_cpu"], report2 = _timed(
        lambda: goalkit.evaluate(project, goalkit.Dataset.from_folder(folder), AS_OF), repeat)
    return res, from_report(report or report2)


def _polars(folder: Path, repeat: int, mode: str) -> tuple[dict[str, Any], pl.DataFrame]:
    from benchmarks.compare import from_reference  # noqa: PLC0415
    from benchmarks.reference_polars import evaluate_polars  # noqa: PLC0415

    res: dict[str, Any] = {}
    if mode == "all":
        res["load"], res["load_cpu"], frames = _timed(
            lambda: [pl.read_parquet(folder / f"{t}.parquet") for t in TABLES], repeat)
        people, events, answers = (f.lazy() for f in frames)
        res["eval"], res["eval_cpu"], counts = _timed(
            lambda: evaluate_polars(people, events, answers, AS_OF), repeat)
        del frames, people, events, answers

    def scanned() -> pl.DataFrame:
        p, e, r = (pl.scan_parquet(folder / f"{t}.parquet") for t in TABLES)
        return evaluate_polars(p, e, r, AS_OF)

    res["e2e"], res["e2e_cpu"], counts = _timed(scanned, repeat)
    return res, from_reference(counts)


def _duckdb(folder: Path, repeat: int, mode: str) -> tuple[dict[str, Any], pl.DataFrame]:
    import duckdb  # noqa: PLC0415

    from benchmarks.compare import from_reference  # noqa: PLC0415
    from benchmarks.reference_duckdb import evaluate_duckdb  # noqa: PLC0415

    res: dict[str, Any] = {}
    files = {t: f"read_parquet('{folder / t}.parquet')" for t in TABLES}
    if mode == "all":
        con = duckdb.connect()

        def load() -> None:
            for t in TABLES:
                con.execute(f"CREATE OR REPLACE TABLE {t} AS SELECT * FROM {files[t]}")

        res["load"], res["load_cpu"], _ = _timed(load, repeat)
        res["eval"], res["eval_cpu"], counts = _timed(
            lambda: evaluate_duckdb(con, {t: t for t in TABLES}, AS_OF), repeat)
        con.close()
    res["e2e"], res["e2e_cpu"], counts = _timed(
        lambda: evaluate_duckdb(duckdb.connect(), files, AS_OF), repeat)
    return res, from_reference(counts)


def main(argv: list[str]) -> None:
    engine, folder, repeat, mode = argv[0], Path(argv[1]), int(argv[2]), argv[3]
    run = {"goalkit": _goalkit, "polars": _polars, "duckdb": _duckdb}[engine]
    res, table = run(folder, repeat, mode)
    out = folder / f"numbers-{engine}.parquet"
    table.write_parquet(out)
    summary = {k: statistics.median(v) for k, v in res.items()}
    summary["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    summary["numbers"] = str(out)
    print(json.dumps(summary))


if __name__ == "__main__":
    main(sys.argv[1:])
