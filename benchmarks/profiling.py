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

``python -m benchmarks.profiling command-line --memory`` profiles memory instead: it runs
the command line's steps one by one as ``goalkit evaluate`` does (reading the files,
validating, checking what the goals use, evaluating, the report as plain data, the JSON
bytes) and prints after each its seconds, its CPU seconds (every thread of the process:
on a shared machine, the steadier measure) and the process's resident memory and its
peak so far (``VmRSS`` and ``VmHWM`` of ``/proc/self/status``, which count polars' memory
too, unlike :mod:`tracemalloc`). Freed memory that the allocator keeps for reuse still
counts as resident.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import os
import pstats
import time
from typing import TYPE_CHECKING

from benchmarks.generate import AS_OF, generate_frames, outputs, write_parquet
from benchmarks.measure import TABLES
from benchmarks.run import DATA, label, parse_size
from benchmarks.suite import SUITES, write_goal_file

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from goalkit import Dataset, Prepared


def _command_line(folder: Path, suite: str) -> Callable[[], object]:
    from goalkit.cli import main  # noqa: PLC0415

    goals = write_goal_file(outputs(folder), suite)
    out = outputs(folder) / f"report-{suite}-profiled.json"

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


def _memory() -> tuple[float, float]:
    """This process's resident memory and its peak so far (MiB)."""
    got = {}
    with open("/proc/self/status", encoding="ascii") as f:  # noqa: PTH123
        for line in f:
            if line.startswith(("VmRSS:", "VmHWM:")):
                got[line[:5]] = int(line.split()[1]) / 1024
    return got["VmRSS"], got["VmHWM"]


def memory_stages(folder: Path, suite: str) -> list[tuple[str, float, float, float, float]]:
    """The command line's steps, each with its seconds, the CPU seconds of this process
    (every thread: polars' too) and the resident memory and peak (MiB) after it, as
    ``goalkit evaluate GOALFILE --data FOLDER --format json`` takes them (its report
    written to nowhere). Writing the report is shown in its two parts: the report as plain
    data (the converter; a breakdown worked out as columns is written from its cells'
    fields, none made, as the command line does) and the JSON bytes.
    """
    from goalkit.data._dataset import validate  # noqa: PLC0415
    from goalkit.data._loaders import FolderLoader  # noqa: PLC0415
    from goalkit.data._mapping import ColumnMapping  # noqa: PLC0415
    from goalkit.engine._coverage import coverage_issues  # noqa: PLC0415
    from goalkit.engine._evaluate import evaluate_handed_over  # noqa: PLC0415
    from goalkit.plugins import load_project, make_plugin_manager  # noqa: PLC0415
    from goalkit.reports._json import dumps_json_bytes, report_to_dict  # noqa: PLC0415

    out: list[tuple[str, float, float, float, float]] = []
    start, cpu = time.perf_counter(), time.process_time()

    def stage(name: str) -> None:
        nonlocal start, cpu
        now, cpu_now = time.perf_counter(), time.process_time()
        out.append((name, now - start, cpu_now - cpu, *_memory()))
        start, cpu = now, cpu_now

    stage("start (goalkit imported)")
    host = make_plugin_manager()
    project = load_project(str(write_goal_file(outputs(folder), suite)), host=host)
    stage("plugins and the goal file")
    mapping = ColumnMapping()
    raw = FolderLoader().read_safely(str(folder), mapping)
    stage("reading the files (raw tables)")
    data = validate(raw, mapping, project=project)
    del raw
    stage("validating (the data set)")
    coverage_issues(project, data)
    stage("what the goals use, in the data")
    held: list[Dataset | Prepared | None] = [data]  # handed over, as the command line does
    del data
    report = evaluate_handed_over(project, held, AS_OF)
    stage("evaluating")
    cells = sum(len(cells) for result in report.results  # counted, not made
                for cells in result.breakdowns.values())
    plain = report_to_dict(report)
    stage(f"the report as plain data ({cells} breakdown cells)")
    with open(os.devnull, "wb") as f:  # noqa: PTH123
        f.write(dumps_json_bytes(plain))
    stage("writing the JSON bytes")
    return out


PATHS = {"command-line": _command_line, "in-memory": _in_memory, "validate": _validate,
         "embedded": _embedded}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profiling", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", choices=sorted(PATHS))
    parser.add_argument("--size", default="1m", help="people (default: 1m)")
    parser.add_argument("--suite", default="per-project", choices=sorted(SUITES))
    parser.add_argument("--top", type=int, default=30, help="functions listed (default: 30)")
    parser.add_argument("--memory", action="store_true",
                        help="resident memory after each step instead (command-line only)")
    args = parser.parse_args(argv)
    n = parse_size(args.size)
    folder = write_parquet(DATA / label(n), n)
    if args.memory:
        if args.path != "command-line":
            parser.error("--memory profiles the command line only")
        print(f"command line, {label(n)} people, {args.suite} suite: step, seconds, "
              "CPU seconds (every thread), resident MiB after it, peak MiB so far")
        for name, seconds, cpu, rss, peak in memory_stages(folder, args.suite):
            print(f"  {name:50s} {seconds:6.2f} s {cpu:6.2f} s CPU {rss:7.0f} MiB "
                  f"{peak:7.0f} MiB")
        return
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
