"""Whole processes, measured from outside: goalkit's command line against the hand-written
script processes (:mod:`benchmarks.script`).

Each measured process is started by a fresh, small timing process (:data:`_TIMER`) that
starts only it: the wall time is measured around it, and its peak memory is
``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`` in the timing process, the child's maximum
resident set size (as ``/usr/bin/time`` reports it). Python's start and the imports are part
of both sides, as when a user runs them. Before anything is measured, :func:`compile_sources`
compiles goalkit's, its plugins' and the benchmark's own modules to bytecode, as ``pip
install`` does for an installed package and as a first run does where Python may write it:
in a process that may not write bytecode (``PYTHONDONTWRITEBYTECODE``) and finds none, every
start would compile some 650 modules again, about 0.1–0.2 s that no installed goalkit pays.
"""

from __future__ import annotations

import compileall
import importlib.metadata
import importlib.util
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

from benchmarks.compare import differences, from_reference, from_report_json
from benchmarks.generate import AS_OF, outputs
from benchmarks.suite import SUITES, write_goal_file

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["REPORT_FORMATS", "Run", "command_line", "compare_files", "compile_sources",
           "goalkit_command", "report", "run_process", "subprocess_env", "validate"]

ROOT = Path(__file__).resolve().parent


def subprocess_env(**extra: str) -> dict[str, str]:
    """The environment of a measured process: this one's, with the repository first on the
    path (for ``benchmarks``) and ``extra`` on top."""
    path = os.pathsep.join(p for p in (str(ROOT.parent), os.environ.get("PYTHONPATH")) if p)
    return {**os.environ, "PYTHONPATH": path, **extra}


def compile_sources() -> list[Path]:
    """Compile to bytecode (``__pycache__``) the packages the measured processes import from
    source: goalkit, the plugins of the ``goalkit`` entry-point group and the benchmark's
    own; returns their folders. Polars, DuckDB and the other libraries were compiled when
    pip installed them."""
    import goalkit  # noqa: PLC0415

    folders = {Path(goalkit.__file__).parent, ROOT}
    for point in importlib.metadata.entry_points(group="goalkit"):
        spec = importlib.util.find_spec(point.module.partition(".")[0])
        if spec is not None and spec.origin is not None:
            folders.add(Path(spec.origin).parent)
    for folder in sorted(folders):
        compileall.compile_dir(folder, quiet=1)
    return sorted(folders)


def goalkit_command() -> list[str]:
    """How to run the ``goalkit`` command line with this interpreter: ``python -m goalkit``
    where the package has a ``__main__``, else its entry point (``goalkit.cli:script``)."""
    if importlib.util.find_spec("goalkit.__main__") is not None:
        return [sys.executable, "-m", "goalkit"]
    return [sys.executable, "-c", "import sys; from goalkit.cli import script; sys.exit(script())"]


class Run:
    """One finished process: ``wall`` seconds, ``peak_mib`` its maximum resident set size,
    ``returncode``, and what it wrote on standard error."""

    __slots__ = ("peak_mib", "returncode", "stderr", "wall")

    def __init__(self, wall: float, peak_mib: float, returncode: int, stderr: str) -> None:
        self.wall, self.peak_mib = wall, peak_mib
        self.returncode, self.stderr = returncode, stderr


_TIMER = """
import json, resource, subprocess, sys, time
with open(sys.argv[1], "wb") as out:
    start = time.perf_counter()
    code = subprocess.call(sys.argv[2:], stdout=out)
    wall = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"wall": wall, "peak_kib": peak, "returncode": code}))
"""
"""The small process that starts each measured one: a child's peak memory as the kernel
counts it includes the memory of the process it was started from, so that process must be
small (a bare interpreter, about 10 MiB), not this one with polars loaded."""


def run_process(argv: list[str], stdout: Path | None = None,
                env: dict[str, str] | None = None, ok: tuple[int, ...] = (0,)) -> Run:
    """Run ``argv`` to its end from a fresh timing process, its standard output into
    ``stdout`` (or nowhere).

    :raises RuntimeError: when it exits with a code not in ``ok``, with its standard error.
    """
    done = subprocess.run(
        [sys.executable, "-I", "-c", _TIMER, str(stdout or os.devnull), *argv],
        capture_output=True, text=True, env=env or subprocess_env(), check=False,
    )
    if done.returncode:
        msg = f"the timing process failed:\n{done.stderr[-4000:]}"
        raise RuntimeError(msg)
    got = json.loads(done.stdout)
    if got["returncode"] not in ok:
        msg = f"{' '.join(argv)} exited with {got['returncode']}:\n{done.stderr[-4000:]}"
        raise RuntimeError(msg)
    return Run(got["wall"], got["peak_kib"] / 1024, got["returncode"], done.stderr)


def _pairs(first: list[str], second: list[str], rounds: int,
           measure: Any) -> list[tuple[Run, Run]]:
    """``rounds`` pairs of runs, taking turns to go first."""
    pairs = []
    for r in range(rounds):
        if r % 2:
            b = measure(second)
            a = measure(first)
        else:
            a = measure(first)
            b = measure(second)
        pairs.append((a, b))
    return pairs


def _summary(pairs: list[tuple[Run, Run]]) -> dict[str, Any]:
    """Medians of each side, and goalkit's ratios: time, the median of the rounds' own
    ratios; memory, the largest peak over the largest peak."""
    ours, theirs = [a for a, _ in pairs], [b for _, b in pairs]
    ratios = [a.wall / b.wall for a, b in pairs]
    return {
        "goalkit_s": statistics.median(a.wall for a in ours),
        "reference_s": statistics.median(b.wall for b in theirs),
        "goalkit_mib": max(a.peak_mib for a in ours),
        "reference_mib": max(b.peak_mib for b in theirs),
        "ratio_time": statistics.median(ratios),
        "ratios_time": ratios,
        "ratio_memory": max(a.peak_mib for a in ours) / max(b.peak_mib for b in theirs),
    }


def _goalkit(folder: Path, suite: str, command: str, *options: str) -> list[str]:
    """``goalkit COMMAND GOALFILE --data FOLDER --as-of … OPTIONS``: the suite as a goal
    file in ``folder``, evaluated on its data as of :data:`AS_OF`."""
    goals = write_goal_file(outputs(folder), suite)
    return [*goalkit_command(), command, str(goals), "--data", str(folder), "--as-of",
            AS_OF.isoformat(), *options]


def _script(folder: Path, suite: str) -> tuple[Path, list[str]]:
    """Where the hand-written script writes the suite's numbers as JSON, and its command."""
    theirs = outputs(folder) / f"script-{suite}.json"
    return theirs, [sys.executable, "-m", "benchmarks.script", "evaluate", str(folder),
                    AS_OF.isoformat(), str(theirs), *SUITES[suite][1]]


def command_line(folder: Path, suite: str, rounds: int) -> dict[str, Any]:
    """``goalkit evaluate GOALFILE --data FOLDER --as-of … --format json`` writing its
    report to a file, against the hand-written script writing the same numbers as JSON;
    and whether they are the same numbers (every breakdown the suite asks for, and every
    goal's totals with every reason)."""
    dimensions = SUITES[suite][1]
    report = outputs(folder) / f"report-{suite}.json"
    ours = _goalkit(folder, suite, "evaluate", "--format", "json")
    theirs, script = _script(folder, suite)

    def measure(argv: list[str]) -> Run:
        if argv is ours:  # exit 1: some goal not met, as expected
            return run_process(argv, stdout=report, ok=(0, 1))
        return run_process(argv)

    got = _summary(_pairs(ours, script, rounds, measure))
    table, diff = compare_files(report, theirs, dimensions)
    got.update(same=diff.is_empty(), numbers=table.height, differences=diff.height,
               report_mib=report.stat().st_size / 2**20)
    return got


def compare_files(report: Path, script: Path,
                  dimensions: Sequence[str]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """goalkit's numbers from its JSON report, and where the script's JSON disagrees (empty
    when nowhere): every breakdown in ``dimensions`` and every goal's totals."""
    with report.open(encoding="utf-8") as f:
        table = from_report_json(json.load(f), dimensions)
    counts = pl.read_json(script, infer_schema_length=None)
    return table, differences(table, from_reference(counts, dimensions))


REPORT_FORMATS = ("html", "xlsx")
"""The documents :func:`report` writes: the steering group's page and the controller's
workbook."""


def report(folder: Path, suite: str, rounds: int) -> dict[str, Any]:
    """``goalkit report GOALFILE --data FOLDER --as-of … --format html --format xlsx --lang
    sv --out DIR``, the documents people read (for the public: small counts hidden, the
    suppression audited), against the same hand-written script as :func:`command_line`
    (which writes only the numbers, as JSON): what the whole path from the files to the
    written documents costs. No target is set for it; its numbers are the evaluation's,
    checked on the command line's path."""
    out = outputs(folder) / f"documents-{suite}"
    ours = _goalkit(folder, suite, "report", *(a for f in REPORT_FORMATS for a in ("--format", f)),
                    "--lang", "sv", "--out", str(out))
    _, script = _script(folder, suite)
    got = _summary(_pairs(ours, script, rounds, run_process))
    got.update(suite=suite, formats=REPORT_FORMATS,
               document_mib=sum(f.stat().st_size for f in out.iterdir()) / 2**20)
    return got


def validate(folder: Path, rounds: int) -> dict[str, Any]:
    """``goalkit validate --data FOLDER`` against one pass of polars reading the same tables
    into memory (:func:`benchmarks.script.read`)."""
    ours = [*goalkit_command(), "validate", "--data", str(folder)]
    script = [sys.executable, "-m", "benchmarks.script", "read", str(folder)]
    return _summary(_pairs(ours, script, rounds, run_process))
