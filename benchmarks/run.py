"""Run the benchmark: ``python -m benchmarks --sizes 10k,1m`` from the repository.

It measures the paths users take, each beside a hand-written reference in the same run and
each as a ratio (issue 14):

- the **command line**, whole process: ``goalkit evaluate GOALFILE --data FOLDER --as-of …
  --format json`` from Parquet, its report written to a file, against a hand-written polars
  script process that reads the same files and writes the same numbers as JSON: wall time
  and peak memory (:mod:`benchmarks.paths`, :mod:`benchmarks.script`);
- **evaluation in memory**: ``goalkit.evaluate`` on loaded data against the faster of the
  hand-written polars and DuckDB SQL references computing the same cells, with 1 and with 2
  threads, and goalkit's single-threaded Python share of its wall time
  (:mod:`benchmarks.measure`);
- ``goalkit report``, whole process: the documents people read (HTML and Excel, for the
  public) written from the same files, beside the same script (no target: what the whole
  path to a written report costs);
- ``goalkit validate`` against one pass of polars reading the same tables;
- the **embedded call**: one project of 300 people held as records, with the data set kept
  and built on every call, against a pure-Python pass, and ``import goalkit``
  (:mod:`benchmarks.embed`);

for two suites: the standard one (broken down by project, sex and age band) and the same
six goals broken down per project only (:mod:`benchmarks.suite`). It checks that goalkit
gives the references' numbers on every path at every size, prints every target of issue 14
with its ratio and whether it is met, and writes the results to ``benchmarks/results.md``.
It exits 1 when some numbers differ.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import polars as pl

from benchmarks.compare import differences
from benchmarks.generate import write_parquet, write_text_ids
from benchmarks.paths import command_line, compile_sources, report, subprocess_env, validate

ROOT = Path(__file__).resolve().parent
DATA = ROOT / ".data"
ENGINES = ("polars", "duckdb", "goalkit")
SUITE_NAMES = ("standard", "per-project")
LIMITS = {"command_line_time": 1.5, "command_line_memory": 1.5, "in_memory": 1.25,
          "python_share": 0.15, "validate": 2.0, "records_ms": 2.0, "records_ratio": 3.0,
          "import_ms": 150.0}
"""Issue 14's targets: ratios to the hand-written references, a share, and milliseconds."""


def parse_size(text: str) -> int:
    """``10k`` → 10 000, ``5m`` → 5 000 000."""
    t = text.strip().lower()
    factor = {"k": 1_000, "m": 1_000_000}.get(t[-1:], 1)
    return int(float(t[:-1] if factor > 1 else t) * factor)


def label(n: int) -> str:
    """5 000 000 → ``5m``, 10 000 → ``10k``, 250 → ``250``."""
    if n % 1_000_000 == 0:
        return f"{n // 1_000_000}m"
    return f"{n // 1_000}k" if n % 1_000 == 0 else str(n)


def measure(engine: str, folder: Path, repeat: int, suite: str,
            threads: int) -> dict[str, Any]:
    """One engine on one size and suite, in memory, in a fresh process with ``threads``
    threads."""
    env = subprocess_env(POLARS_MAX_THREADS=str(threads))
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.measure", engine, str(folder), str(repeat), suite],
        capture_output=True, text=True, env=env, check=False,
    )
    if out.returncode:
        sys.stderr.write(out.stderr)
        msg = f"{engine} failed on {folder.name}"
        raise RuntimeError(msg)
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _mib(x: float | None) -> str:
    return "–" if x is None else f"{x:.0f}"


def _s(x: float | None) -> str:
    return "–" if x is None else f"{x:.3f}"


def rounds_of(engines: tuple[str, ...], rounds: int) -> list[list[str]]:
    """The order the engines run in, round by round: each round starts with the next engine,
    so that none always runs first or last while the machine warms up or gets busy."""
    return [[engines[(r + i) % len(engines)] for i in range(len(engines))]
            for r in range(rounds)]


def combine(per_round: list[dict[str, dict[str, Any]]]) -> dict[str, Any]:
    """Each engine's median over the rounds, and goalkit's ratio to the faster reference:
    the median of the ratios within each round (both sides measured minutes apart, not
    rounds apart), so that a slow spell of the machine does not land on one engine only;
    and goalkit's median single-threaded Python share."""
    got: dict[str, Any] = {}
    for e in ENGINES:
        runs = [r[e] for r in per_round]
        got[e] = {k: statistics.median(x[k] for x in runs) for k in ("load", "eval")}
        peaks = [x["peak_mib"] for x in runs if x["peak_mib"] is not None]
        got[e]["peak_mib"] = max(peaks) if peaks else None
    got["ratios"] = [r["goalkit"]["eval"] / min(r["polars"]["eval"], r["duckdb"]["eval"])
                     for r in per_round]
    got["ratio"] = statistics.median(got["ratios"])
    got["python_share"] = statistics.median(r["goalkit"]["python_share"] for r in per_round)
    got["collections"] = min(r["goalkit"].get("collections", 0) for r in per_round)
    return got


def in_memory(folder: Path, suite: str, threads: int, repeat: int,
              rounds: int) -> dict[str, Any]:
    """Every engine in memory on one suite, in rounds; and whether they agree."""
    per_round, same = [], True
    for order in rounds_of(ENGINES, rounds):
        done = {e: measure(e, folder, repeat, suite, threads) for e in order}
        numbers = {e: pl.read_parquet(done[e]["numbers"]) for e in ENGINES}
        same = same and all(differences(numbers["goalkit"], numbers[e]).is_empty()
                            for e in ("polars", "duckdb"))
        per_round.append(done)
    got = combine(per_round)
    got.update(same=same, numbers=numbers["goalkit"].height, threads=threads, suite=suite)
    return got


class Target:
    """One target of issue 14 at one size: what was measured, against what, the limit."""

    def __init__(self, size: str, what: str, value: float, limit: float, shown: str,
                 detail: str = "") -> None:
        self.size, self.what, self.value, self.limit = size, what, value, limit
        self.shown, self.detail = shown, detail

    @property
    def met(self) -> bool:
        return self.value <= self.limit

    def line(self) -> str:
        verdict = "pass" if self.met else "FAIL"
        return f"[{verdict}] {self.size}: {self.what}: {self.shown}{self.detail}"


def targets_for(size: str, paths: dict[str, Any]) -> list[Target]:
    """The targets of one size's measurements."""
    out = []
    for cl in paths["command_line"]:
        s = cl["suite"]
        out.append(Target(size, f"command line, {s} suite, wall time", cl["ratio_time"],
                          LIMITS["command_line_time"],
                          f"{cl['ratio_time']:.2f} × the script (target ≤ 1.5)",
                          f" ({cl['goalkit_s']:.2f} s against {cl['reference_s']:.2f} s)"))
        out.append(Target(size, f"command line, {s} suite, peak memory", cl["ratio_memory"],
                          LIMITS["command_line_memory"],
                          f"{cl['ratio_memory']:.2f} × the script (target ≤ 1.5)",
                          f" ({cl['goalkit_mib']:.0f} MiB against "
                          f"{cl['reference_mib']:.0f} MiB)"))
    for m in paths["in_memory"]:
        what = f"in memory, {m['suite']} suite, {m['threads']} thread(s)"
        ref = min(m["polars"]["eval"], m["duckdb"]["eval"])
        out.append(Target(size, what, m["ratio"], LIMITS["in_memory"],
                          f"{m['ratio']:.2f} × the faster reference (target ≤ 1.25)",
                          f" ({m['goalkit']['eval']:.3f} s against {ref:.3f} s)"))
        out.append(Target(size, f"{what}, single-threaded Python share", m["python_share"],
                          LIMITS["python_share"],
                          f"{m['python_share']:.0%} of goalkit's wall time (target ≤ 15 %)"))
    v = paths["validate"]
    out.append(Target(size, "goalkit validate", v["ratio_time"], LIMITS["validate"],
                      f"{v['ratio_time']:.2f} × one polars read (target ≤ 2)",
                      f" ({v['goalkit_s']:.2f} s against {v['reference_s']:.2f} s)"))
    return out


def embedding_targets(e: dict[str, Any]) -> list[Target]:
    """The targets of the embedded call, for each suite, and the import."""
    out = []
    for c in e["suites"]:
        ms = c["from_records_and_evaluate"] * 1000
        ratio = c["from_records_and_evaluate"] / c["python"]
        who = f"{c['people']} people, {c['suite']}"
        out += [
            Target(who, "records, build and evaluate", ms, LIMITS["records_ms"],
                   f"{ms:.2f} ms (target < 2 ms)"),
            Target(who, "records, build and evaluate against pure Python", ratio,
                   LIMITS["records_ratio"], f"{ratio:.2f} × (target ≤ 3)",
                   f" ({ms:.2f} ms against {c['python'] * 1000:.2f} ms)"),
        ]
    out.append(Target("-", "import goalkit", e["import"] * 1000, LIMITS["import_ms"],
                      f"{e['import'] * 1000:.0f} ms (target < 150 ms)"))
    return out


def measure_size(n: int, args: argparse.Namespace) -> dict[str, Any]:
    """Every path at one size."""
    folder = write_parquet(Path(args.data) / label(n), n)
    rounds = args.rounds or (3 if n <= 1_000_000 else 1)
    repeat = args.repeat or (3 if n <= 100_000 else 1)
    got: dict[str, Any] = {"people": label(n), "rounds": rounds, "repeat": repeat,
                           "in_memory": [], "command_line": []}
    for suite in args.suites:
        for threads in args.threads:
            m = in_memory(folder, suite, threads, repeat, rounds)
            got["in_memory"].append(m)
            if not m["collections"]:
                _say("warning: goalkit collected no polars query through LazyFrame.collect "
                     "or polars.collect_all: its Python share is not measured "
                     "(see CollectClock in benchmarks/measure.py)")
            _say(f"{label(n)} in memory, {suite}, {threads} thread(s): goalkit "
                 f"{m['goalkit']['eval']:.3f} s, polars {m['polars']['eval']:.3f} s, DuckDB "
                 f"{m['duckdb']['eval']:.3f} s; ratio {m['ratio']:.2f}; Python "
                 f"{m['python_share']:.0%}; same numbers: {_yes(m['same'])}")
        cl = command_line(folder, suite, rounds)
        cl["suite"] = suite
        got["command_line"].append(cl)
        _say(f"{label(n)} command line, {suite}: goalkit {cl['goalkit_s']:.2f} s "
             f"{cl['goalkit_mib']:.0f} MiB, script {cl['reference_s']:.2f} s "
             f"{cl['reference_mib']:.0f} MiB; same numbers: {_yes(cl['same'])}")
    suite = "standard" if "standard" in args.suites else args.suites[0]
    got["report"] = r = report(folder, suite, rounds)
    _say(f"{label(n)} report ({', '.join(r['formats'])}), {suite}: goalkit "
         f"{r['goalkit_s']:.2f} s {r['goalkit_mib']:.0f} MiB, script {r['reference_s']:.2f} s "
         f"{r['reference_mib']:.0f} MiB")
    got["validate"] = validate(folder, rounds)
    got["validate_text_ids"] = validate(write_text_ids(folder), rounds)
    for key, ids in (("validate", ""), ("validate_text_ids", ", text ids")):
        v = got[key]
        _say(f"{label(n)} validate{ids}: goalkit {v['goalkit_s']:.2f} s "
             f"{v['goalkit_mib']:.0f} MiB, polars read {v['reference_s']:.2f} s "
             f"{v['reference_mib']:.0f} MiB")
    return got


def _yes(same: bool) -> str:
    return "yes" if same else "NO"


def _say(text: str) -> None:
    print(text, flush=True)


def embedding() -> dict[str, Any]:
    """The embedded call and the import times, from :mod:`benchmarks.embed`."""
    out = subprocess.run([sys.executable, "-m", "benchmarks.embed"], capture_output=True,
                         text=True, env=subprocess_env(), check=False)
    if out.returncode:
        sys.stderr.write(out.stderr)
        msg = "the embedding measurement failed"
        raise RuntimeError(msg)
    e: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    for c in e["suites"]:
        _say(f"embedded call, {c['people']} people, {c['suite']}: "
             f"{c['evaluate'] * 1000:.2f} ms kept, {c['from_records_and_evaluate'] * 1000:.2f}"
             f" ms built each call, pure Python {c['python'] * 1000:.2f} ms; same numbers: "
             f"{_yes(c['same'])}")
    _say(f"import {e['import'] * 1000:.0f} ms")
    return e


def render(sizes: list[dict[str, Any]], embed: dict[str, Any] | None,
           targets: list[Target]) -> str:
    """The results in Markdown: the targets, then each path's table."""
    same = all_same(sizes, embed)
    text = "## Targets (issue 14)\n\n| people | what | result | met |\n|---|---|---|---|\n"
    for t in targets:
        text += f"| {t.size} | {t.what} | {t.shown}{t.detail} | {'yes' if t.met else '**no**'} |\n"
    text += (f"\nSame numbers: **{_yes(same)}** (goalkit's numbers equal the references' on "
             "every path at every size).\n")
    text += (
        "\n## The command line, whole process\n\n"
        "| people | suite | goalkit s | script s | **ratio time** | goalkit MiB | script MiB "
        "| **ratio memory** | ratios per round | report MiB | same numbers |\n"
        "|---|---|---|---|---|---|---|---|---|---|---|\n"
    )
    for z in sizes:
        for c in z["command_line"]:
            text += (
                f"| {z['people']} | {c['suite']} | {c['goalkit_s']:.2f} | {c['reference_s']:.2f} "
                f"| **{c['ratio_time']:.2f}** | {c['goalkit_mib']:.0f} | {c['reference_mib']:.0f} "
                f"| **{c['ratio_memory']:.2f}** | {_list(c['ratios_time'])} "
                f"| {c['report_mib']:.1f} | {_yes(c['same'])} ({c['numbers']} numbers) |\n"
            )
    text += (
        "\n## Evaluation in memory\n\n"
        "| people | suite | threads | goalkit eval s | polars eval s | DuckDB eval s "
        "| **ratio** | ratios per round | **Python share** | load s (goalkit / polars / DuckDB) "
        "| peak MiB (goalkit / polars / DuckDB) | same numbers |\n"
        "|---|---|---|---|---|---|---|---|---|---|---|---|\n"
    )
    for z in sizes:
        for m in z["in_memory"]:
            g, p, d = m["goalkit"], m["polars"], m["duckdb"]
            text += (
                f"| {z['people']} | {m['suite']} | {m['threads']} | {_s(g['eval'])} "
                f"| {_s(p['eval'])} | {_s(d['eval'])} | **{m['ratio']:.2f}** "
                f"| {_list(m['ratios'])} | **{m['python_share']:.0%}** "
                f"| {_s(g['load'])} / {_s(p['load'])} / {_s(d['load'])} "
                f"| {_mib(g['peak_mib'])} / {_mib(p['peak_mib'])} / {_mib(d['peak_mib'])} "
                f"| {_yes(m['same'])} ({m['numbers']} numbers) |\n"
            )
    text += (
        "\n## `goalkit report`, whole process: the documents people read\n\n"
        "From the files to the written documents (HTML and Excel, in Swedish, for the "
        "public: small counts hidden and the suppression audited), against the script that "
        "writes only the numbers as JSON. No target is set for this path; the evaluate "
        "column is the command line's time above, for the same suite.\n\n"
        "| people | suite | documents | goalkit report s | goalkit evaluate s | script s "
        "| **ratio to the script** | ratios per round | goalkit MiB | script MiB "
        "| documents MiB |\n|---|---|---|---|---|---|---|---|---|---|---|\n"
    )
    for z in sizes:
        r = z["report"]
        evaluate = next((c["goalkit_s"] for c in z["command_line"] if c["suite"] == r["suite"]),
                        None)
        shown = "–" if evaluate is None else f"{evaluate:.2f}"
        text += (f"| {z['people']} | {r['suite']} | {', '.join(r['formats'])} "
                 f"| {r['goalkit_s']:.2f} | {shown} | {r['reference_s']:.2f} "
                 f"| **{r['ratio_time']:.2f}** | {_list(r['ratios_time'])} "
                 f"| {r['goalkit_mib']:.0f} | {r['reference_mib']:.0f} "
                 f"| {r['document_mib']:.1f} |\n")
    text += (
        "\n## `goalkit validate`, whole process\n\n"
        "The benchmark's participant ids are whole numbers (`0`, `1`, …), which validation "
        "looks up by number; the same tables with text ids (`P-0`, `P-1`, …) are joined on "
        "the ids' hashes. The target is set on the benchmark's own tables; the text ids' row "
        "is there for what it shows.\n\n"
        "| people | ids | goalkit s | polars read s | **ratio** | ratios per round "
        "| goalkit MiB | polars MiB |\n|---|---|---|---|---|---|---|---|\n"
    )
    for z in sizes:
        for key, ids in (("validate", "numbers"), ("validate_text_ids", "text")):
            if key not in z:
                continue
            v = z[key]
            text += (f"| {z['people']} | {ids} | {v['goalkit_s']:.2f} "
                     f"| {v['reference_s']:.2f} | **{v['ratio_time']:.2f}** "
                     f"| {_list(v['ratios_time'])} | {v['goalkit_mib']:.0f} "
                     f"| {v['reference_mib']:.0f} |\n")
    if embed is not None:
        e = embed
        first = e["suites"][0]
        text += (
            f"\n## The embedded call: one project of {first['people']} people held as "
            "records\n\n"
            f"Medians of {first['calls']} calls, the three ways taking turns; each suite's "
            "pure-Python pass counts that suite's breakdowns.\n\n"
            "| suite | `evaluate` on a data set kept between calls "
            "| `Dataset.from_records` and `evaluate` on every call "
            "| the pure-Python pass | **ratio** | CPU ms (built / pure Python) "
            "| first call | same numbers |\n|---|---|---|---|---|---|---|---|\n"
        )
        for c in e["suites"]:
            cpu = c["cpu"]
            text += (
                f"| {c['suite']} | {c['evaluate'] * 1000:.2f} ms "
                f"| {c['from_records_and_evaluate'] * 1000:.2f} ms "
                f"| {c['python'] * 1000:.2f} ms "
                f"| **{c['from_records_and_evaluate'] / c['python']:.2f}** "
                f"| {cpu['from_records_and_evaluate'] * 1000:.2f} / "
                f"{cpu['python'] * 1000:.2f} "
                f"| {c['first'] * 1000:.1f} ms | {_yes(c['same'])} ({c['numbers']} numbers) |\n"
            )
        text += (
            f"\n`import goalkit` (median of 11 fresh interpreters): {e['import'] * 1000:.0f} "
            f"ms; loading the plugins after it (`make_plugin_manager()`): "
            f"{e['plugins'] * 1000:.0f} ms. The first call of the first suite is the "
            "process's first evaluation; the second suite's comes after it.\n"
        )
    return text


def _list(xs: list[float]) -> str:
    return ", ".join(f"{x:.2f}" for x in xs)


def all_same(sizes: list[dict[str, Any]], embed: dict[str, Any] | None) -> bool:
    """Whether goalkit gave the references' numbers on every path measured."""
    checks = [m["same"] for z in sizes for m in (*z["in_memory"], *z["command_line"])]
    return all(checks) and (embed is None or all(c["same"] for c in embed["suites"]))


def environment() -> str:
    """What the numbers were measured on."""
    import duckdb  # noqa: PLC0415
    import narwhals  # noqa: PLC0415

    import goalkit  # noqa: PLC0415

    load = os.getloadavg()[0]
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{os.cpu_count()} cores, {mem:.0f} GiB, {platform.python_implementation()} "
        f"{platform.python_version()}, polars {pl.__version__}, DuckDB {duckdb.__version__}, "
        f"narwhals {narwhals.__version__}, goalkit {goalkit.__version__}; "
        f"load average {load:.1f} when the run ended"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10k,1m",
                        help="comma-separated people counts (default: 10k,1m)")
    parser.add_argument("--suites", default=",".join(SUITE_NAMES),
                        help="comma-separated suites (default: standard,per-project)")
    parser.add_argument("--threads", default="1,2",
                        help="comma-separated thread counts in memory (default: 1,2)")
    parser.add_argument("--repeat", type=int, default=None,
                        help="evaluations per in-memory process (default: 3 up to 100k, "
                             "then 1)")
    parser.add_argument("--rounds", type=int, default=None,
                        help="rounds in which goalkit and the references take turns "
                             "(default: 3 up to 1m, then 1)")
    parser.add_argument("--no-embedding", action="store_true",
                        help="skip the embedded call and the import time")
    parser.add_argument("--data", default=str(DATA),
                        help="where the generated Parquet files are kept, a folder per size "
                             "(default: benchmarks/.data)")
    parser.add_argument("--out", default=str(ROOT / "results.md"),
                        help="where to write the Markdown results ('-' for nowhere)")
    args = parser.parse_args(argv)
    args.suites = [x.strip() for x in args.suites.split(",") if x.strip()]
    args.threads = [int(x) for x in args.threads.split(",") if x.strip()]
    sizes = [parse_size(s) for s in args.sizes.split(",") if s.strip()]
    compile_sources()
    started, load_before = time.strftime("%Y-%m-%d %H:%M"), os.getloadavg()[0]
    measured = [measure_size(n, args) for n in sizes]
    embed = None if args.no_embedding else embedding()
    targets = [t for z in measured for t in targets_for(z["people"], z)]
    targets += [] if embed is None else embedding_targets(embed)
    same = all_same(measured, embed)
    print()
    for t in targets:
        print(t.line())
    print(f"same numbers: {_yes(same)}")
    command = "python -m benchmarks " + " ".join(argv if argv is not None else sys.argv[1:])
    text = (
        f"# Benchmark results\n\nMeasured {started} with `{command.strip()}` on "
        f"{environment()} (load average {load_before:.1f} when it started).\n\n"
        "Every ratio is goalkit's over the hand-written reference's, measured in the same "
        "run: times are medians of rounds in which the two sides take turns, each ratio the "
        "median of the rounds' own; peak memory is the largest maximum resident set size of "
        "each side's processes. `docs/scale.md` says how each path is measured.\n\n"
        f"{render(measured, embed, targets)}"
    )
    if args.out != "-":
        Path(args.out).write_text(text, encoding="utf-8")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
