"""Where the time goes on each path the benchmark measures, with :mod:`cProfile`.

``python -m benchmarks.profiling PATH [--size 1m] [--top 30]`` runs one path once under the
profiler, in this process, on the benchmark's data (generated as by ``python -m benchmarks``)
and prints the functions with the most cumulative time, then those with the most time of
their own. ``PATH`` is ``command-line`` (``goalkit evaluate GOALFILE --format json``, the
report written to a file), ``in-memory`` (``goalkit.evaluate`` on loaded data), ``validate``
(``goalkit validate --data``) or ``embedded`` (50 calls of ``Dataset.from_records`` and
``evaluate`` on 300 people). ``--suite`` picks the suite (default: ``per-project``).

The profiler follows the calling thread only: a query that goalkit collects in a worker
thread shows as the calling thread waiting for it, which is what it costs in wall time.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import os
import pstats
import time
from typing import TYPE_CHECKING

from benchmarks.generate import AS_OF, generate_frames, write_parquet
from benchmarks.measure import TABLES
from benchmarks.run import DATA, label, parse_size
from benchmarks.suite import SUITES, write_goal_file

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path


def _command_line(folder: Path, suite: str) -> Callable[[], object]:
    from goalkit.cli import main  # noqa: PLC0415

    goals = write_goal_file(folder, suite)
    out = folder / f"report-{suite}-profiled.json"

    def run() -> object:
        with out.open("w", encoding="utf-8") as f, contextlib.redirect_stdout(f):
            return main(["evaluate", str(goals), "--data", str(folder), "--as-of",
                         AS_OF.isoformat(), "--format", "json"])

    return run


def _in_memory(folder: Path, suite: str) -> Callable[[], object]:
    import polars as pl  # noqa: PLC0415

    import goalkit  # noqa: PLC0415

    data = goalkit.Dataset.from_frames(*(pl.read_parquet(folder / f"{t}.parquet")
                                         for t in TABLES))
    project = SUITES[suite][0]()
    return lambda: goalkit.evaluate(project, data, AS_OF)


def _validate(folder: Path, _: str) -> Callable[[], object]:
    from goalkit.cli import main  # noqa: PLC0415

    def run() -> object:
        with open(os.devnull, "w", encoding="utf-8") as f, contextlib.redirect_stdout(f):  # noqa: PTH123
            return main(["validate", "--data", str(folder)])

    return run


def _embedded(_: Path, suite: str) -> Callable[[], object]:
    import goalkit  # noqa: PLC0415

    p, e, r = generate_frames(300, seed=7)
    rows, events, answers = p.to_dicts(), e.to_dicts(), r.to_dicts()
    project = SUITES[suite][0]()

    def run() -> object:
        for _ in range(50):
            goalkit.evaluate(project, goalkit.Dataset.from_records(rows, events, answers),
                             AS_OF)
        return None

    return run


PATHS = {"command-line": _command_line, "in-memory": _in_memory, "validate": _validate,
         "embedded": _embedded}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profiling", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", choices=sorted(PATHS))
    parser.add_argument("--size", default="1m", help="people (default: 1m)")
    parser.add_argument("--suite", default="per-project", choices=sorted(SUITES))
    parser.add_argument("--top", type=int, default=30, help="functions listed (default: 30)")
    args = parser.parse_args(argv)
    n = parse_size(args.size)
    folder = write_parquet(DATA / label(n), n)
    run = PATHS[args.path](folder, args.suite)
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.runcall(run)
    wall = time.perf_counter() - start
    print(f"{args.path}, {label(n)} people, {args.suite} suite: {wall:.2f} s under the profiler")
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(args.top)
    stats.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
