"""One in-memory measurement in its own process, so that its peak memory is its own.

``python -m benchmarks.measure ENGINE FOLDER REPEAT SUITE`` (``ENGINE`` is ``goalkit``,
``polars`` or ``duckdb``; ``SUITE`` a name in :data:`benchmarks.suite.SUITES`) prints one
JSON line: the times of loading the Parquet files into memory and of evaluating the suite on
the loaded data (seconds, wall and CPU, medians of ``REPEAT`` runs), for goalkit its
single-threaded Python share (:class:`CollectClock`), the peak memory of this process (MiB,
:func:`own_peak_mib`: loading, evaluating and the numbers' table together), and where it
wrote its numbers (for the equality check). ``POLARS_MAX_THREADS`` in the environment sets
the threads of polars, and of DuckDB too.
"""

from __future__ import annotations

import functools
import json
import os
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

from benchmarks.generate import AS_OF, outputs

if TYPE_CHECKING:
    from collections.abc import Callable

TABLES = ("participants", "events", "responses")


def own_peak_mib() -> float | None:
    """This process's own peak resident memory (MiB): ``VmHWM`` of ``/proc/self/status``,
    which starts afresh when a program is executed. Not ``getrusage(RUSAGE_SELF).ru_maxrss``:
    Linux carries that over from the process this one was started from, so every engine
    measured from the benchmark's process (polars and the data loaded) read as large as it.
    ``None`` where there is no ``/proc`` (the table then shows no peak)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:  # noqa: PTH123
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _timed(fn: Callable[[], Any], repeat: int) -> tuple[list[float], list[float], Any]:
    walls, cpus, out = [], [], None
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        out = fn()
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    return walls, cpus, out


class CollectClock:
    """The wall-clock spans spent inside polars' query collection, from any thread: a timing
    wrapper the benchmark puts around ``polars.LazyFrame.collect`` and
    ``polars.collect_all`` in its own measuring process (goalkit's code is not touched).
    The rest of an evaluation's wall time is time when no polars query is running: Python
    on one core (goalkit's single-threaded share)."""

    def __init__(self) -> None:
        self.spans: list[tuple[float, float]] = []
        self._lock = threading.Lock()

    def install(self) -> None:
        """Wrap the collection entry points (for the rest of this process)."""
        pl.LazyFrame.collect = self._wrap(pl.LazyFrame.collect)  # type: ignore[method-assign]
        pl.collect_all = self._wrap(pl.collect_all)

    def _wrap(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                end = time.perf_counter()
                with self._lock:
                    self.spans.append((start, end))

        return timed

    def inside(self, start: float, end: float) -> float:
        """Seconds between ``start`` and ``end`` during which some collection was running
        (overlapping spans counted once)."""
        total, reach = 0.0, start
        for a, b in sorted(self.spans):
            lo, hi = max(a, reach), min(b, end)
            if hi > lo:
                total += hi - lo
                reach = hi
        return total


def _goalkit(folder: Path, repeat: int, dimensions: tuple[str, ...],
             make: Callable[[], Any]) -> tuple[dict[str, Any], pl.DataFrame]:
    import goalkit  # noqa: PLC0415
    from benchmarks.compare import from_report  # noqa: PLC0415

    project = make()
    res: dict[str, Any] = {}

    def load() -> goalkit.Dataset:
        frames = [pl.read_parquet(folder / f"{t}.parquet") for t in TABLES]
        return goalkit.Dataset.from_frames(*frames)

    res["load"], res["load_cpu"], data = _timed(load, repeat)
    clock = CollectClock()
    clock.install()  # a few microseconds a collection, against seconds of evaluation
    walls, cpus, shares, report = [], [], [], None
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        report = goalkit.evaluate(project, data, AS_OF)
        done = time.perf_counter()
        cpus.append(time.process_time() - c)
        walls.append(done - w)
        shares.append(1 - clock.inside(w, done) / (done - w))
    res["eval"], res["eval_cpu"] = walls, cpus
    res["python_share"] = shares
    res["collections"] = [len(clock.spans) / repeat]  # none seen: the share means nothing
    if report is None:
        msg = "repeat must be at least 1"
        raise ValueError(msg)
    return res, from_report(report, dimensions)


def _polars(folder: Path, repeat: int, dimensions: tuple[str, ...],
            _: Callable[[], Any]) -> tuple[dict[str, Any], pl.DataFrame]:
    from benchmarks.compare import from_reference  # noqa: PLC0415
    from benchmarks.reference_polars import evaluate_polars  # noqa: PLC0415

    res: dict[str, Any] = {}
    res["load"], res["load_cpu"], frames = _timed(
        lambda: [pl.read_parquet(folder / f"{t}.parquet") for t in TABLES], repeat)
    people, events, answers = (f.lazy() for f in frames)
    res["eval"], res["eval_cpu"], counts = _timed(
        lambda: evaluate_polars(people, events, answers, AS_OF, dimensions=dimensions), repeat)
    return res, from_reference(counts, dimensions)


def _duckdb(folder: Path, repeat: int, dimensions: tuple[str, ...],
            _: Callable[[], Any]) -> tuple[dict[str, Any], pl.DataFrame]:
    import duckdb  # noqa: PLC0415

    from benchmarks.compare import from_reference  # noqa: PLC0415
    from benchmarks.reference_duckdb import evaluate_duckdb  # noqa: PLC0415

    res: dict[str, Any] = {}
    files = {t: f"read_parquet('{folder / t}.parquet')" for t in TABLES}
    con = duckdb.connect()
    threads = os.environ.get("POLARS_MAX_THREADS")
    if threads:  # the same number of threads as the polars engines
        con.execute(f"SET threads = {int(threads)}")

    def load() -> None:
        for t in TABLES:
            con.execute(f"CREATE OR REPLACE TABLE {t} AS SELECT * FROM {files[t]}")

    res["load"], res["load_cpu"], _ = _timed(load, repeat)
    res["eval"], res["eval_cpu"], counts = _timed(
        lambda: evaluate_duckdb(con, {t: t for t in TABLES}, AS_OF, dimensions), repeat)
    con.close()
    return res, from_reference(counts, dimensions)


def main(argv: list[str]) -> None:
    from benchmarks.suite import SUITES  # noqa: PLC0415

    engine, folder, repeat, suite = argv[0], Path(argv[1]), int(argv[2]), argv[3]
    make, dimensions = SUITES[suite]
    run = {"goalkit": _goalkit, "polars": _polars, "duckdb": _duckdb}[engine]
    res, table = run(folder, repeat, dimensions, make)
    out = outputs(folder) / f"numbers-{engine}.parquet"
    table.write_parquet(out)
    summary = {k: statistics.median(v) for k, v in res.items()}
    summary["peak_mib"] = own_peak_mib()
    summary["numbers"] = str(out)
    print(json.dumps(summary))


if __name__ == "__main__":
    main(sys.argv[1:])
