"""Run the benchmark: ``python -m benchmarks --sizes 10k,100k,1m,5m`` from the repository.

For each size it writes a seeded synthetic population to ``benchmarks/.data/`` as Parquet,
evaluates the standard suite (:mod:`benchmarks.suite`) overall and broken down by project,
sex and age band with goalkit and with the hand-written polars and DuckDB SQL references,
each engine in its own process, in rounds that take turns (so that the machine's slow
spells do not land on one engine), checks that all three give exactly the same numbers
(every cell of every breakdown, and overall every reason), and prints the table (also
written to ``benchmarks/results.md``): the median times of loading the Parquet files into
memory, of the evaluation on the loaded data, and end to end from Parquet; goalkit's time as
a ratio to the faster reference in the same round (median over rounds, and each round's);
the time per million people; and each process's peak memory.
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
from benchmarks.generate import write_parquet

ROOT = Path(__file__).resolve().parent
DATA = ROOT / ".data"
ENGINES = ("polars", "duckdb", "goalkit")
EVAL_ONLY_LIMIT = 5_000_000
"""Above this many people only the end-to-end run from Parquet is measured."""


def parse_size(text: str) -> int:
    """``10k`` → 10 000, ``5m`` → 5 000 000."""
    t = text.strip().lower()
    factor = {"k": 1_000, "m": 1_000_000}.get(t[-1:], 1)
    return int(float(t[:-1] if factor > 1 else t) * factor)


def label(n: int) -> str:
    """5 000 000 → ``5m``."""
    return f"{n // 1_000_000}m" if n % 1_000_000 == 0 else f"{n // 1_000}k"


def measure(engine: str, folder: Path, repeat: int, mode: str) -> dict[str, Any]:
    """One engine on one size, in a fresh process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT.parent)}
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.measure", engine, str(folder), str(repeat), mode],
        capture_output=True, text=True, env=env, check=False,
    )
    if out.returncode:
        sys.stderr.write(out.stderr)
        msg = f"{engine} failed on {folder.name}"
        raise RuntimeError(msg)
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


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
    rounds apart), so that a slow spell of the machine does not land on one engine only."""
    got: dict[str, Any] = {}
    for e in ENGINES:
        runs = [r[e] for r in per_round]
        got[e] = {k: statistics.median(x[k] for x in runs)
                  for k in ("load", "eval", "e2e") if k in runs[0]}
        got[e]["peak_mib"] = max(x["peak_mib"] for x in runs)
    for k in ("eval", "e2e"):
        if k in per_round[0]["goalkit"]:
            got[f"ratio_{k}"] = statistics.median(
                r["goalkit"][k] / min(r["polars"][k], r["duckdb"][k]) for r in per_round)
            got[f"ratios_{k}"] = [
                r["goalkit"][k] / min(r["polars"][k], r["duckdb"][k]) for r in per_round]
    return got


def run(sizes: list[int], repeat: int | None, rounds: int | None) -> str:
    """Measure every size and return the results as Markdown."""
    rows = []
    for n in sizes:
        folder = write_parquet(DATA / label(n), n)
        mode = "all" if n <= EVAL_ONLY_LIMIT else "e2e"
        reps = repeat or (3 if n <= 1_000_000 else 1)
        laps = rounds or (3 if n <= EVAL_ONLY_LIMIT else 1)
        per_round = []
        for order in rounds_of(ENGINES, laps):
            done = {e: measure(e, folder, reps, mode) for e in order}
            numbers = {e: pl.read_parquet(done[e]["numbers"]) for e in ENGINES}
            same = all(differences(numbers["goalkit"], numbers[e]).is_empty()
                       for e in ("polars", "duckdb"))
            if not same:
                msg = f"goalkit and the references disagree at {label(n)} people"
                raise AssertionError(msg)
            per_round.append(done)
        got = combine(per_round)
        gk = got["goalkit"]
        rows.append({
            "people": label(n), "rows": numbers["goalkit"].height,
            **{f"{e}_{k}": got[e].get(k) for e in ENGINES for k in ("load", "eval", "e2e")},
            **{f"{e}_mib": got[e]["peak_mib"] for e in ENGINES},
            "ratio_eval": got.get("ratio_eval"),
            "ratio_e2e": got["ratio_e2e"],
            "ratios": {k: got.get(f"ratios_{k}") for k in ("eval", "e2e")},
            "per_million": (gk.get("eval") or gk["e2e"]) / n * 1e6,
            "per_million_what": "eval" if "eval" in gk else "e2e",
            "repeat": reps,
            "rounds": laps,
        })
        spread = "; ".join(
            f"{k} rounds " + ", ".join(f"{x:.2f}" for x in v)
            for k, v in rows[-1]["ratios"].items() if v
        )
        print(f"{label(n)}: goalkit eval {_s(gk.get('eval'))} s, e2e {_s(gk['e2e'])} s; "
              f"ratio eval {_s(rows[-1]['ratio_eval'])}, e2e {rows[-1]['ratio_e2e']:.3f} "
              f"({spread}); same numbers: yes", flush=True)
    return render(rows)


def render(rows: list[dict[str, Any]]) -> str:
    """The results table in Markdown."""
    head = (
        "| people | goalkit eval s | polars eval s | DuckDB eval s | **ratio eval** "
        "| goalkit e2e s | polars e2e s | DuckDB e2e s | **ratio e2e** "
        "| goalkit s per 1m | load s (goalkit / polars / DuckDB) "
        "| peak MiB (goalkit / polars / DuckDB) | ratios per round (eval; e2e) "
        "| same numbers |\n"
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
    )
    body = ""
    for r in rows:
        ratio_eval = "–" if r["ratio_eval"] is None else f"**{r['ratio_eval']:.2f}**"
        body += (
            f"| {r['people']} | {_s(r['goalkit_eval'])} | {_s(r['polars_eval'])} "
            f"| {_s(r['duckdb_eval'])} | {ratio_eval} | {_s(r['goalkit_e2e'])} "
            f"| {_s(r['polars_e2e'])} | {_s(r['duckdb_e2e'])} | **{r['ratio_e2e']:.2f}** "
            f"| {r['per_million']:.3f} ({r['per_million_what']}) "
            f"| {_s(r['goalkit_load'])} / {_s(r['polars_load'])} / {_s(r['duckdb_load'])} "
            f"| {r['goalkit_mib']:.0f} / {r['polars_mib']:.0f} / {r['duckdb_mib']:.0f} "
            f"| {_ratios(r['ratios'])} | yes ({r['rows']} numbers) |\n"
        )
    return head + body


def _ratios(ratios: dict[str, list[float] | None]) -> str:
    return "; ".join(", ".join(f"{x:.2f}" for x in v) if v else "–"
                     for v in (ratios["eval"], ratios["e2e"]))


def embedding() -> str:
    """The embedding cost and import times, in Markdown."""
    env = {**os.environ, "PYTHONPATH": str(ROOT.parent)}
    out = subprocess.run([sys.executable, "-m", "benchmarks.embed"], capture_output=True,
                         text=True, env=env, check=True)
    e = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"embedding: {e['evaluate'] * 1000:.2f} ms per call; import {e['import'] * 1000:.0f}"
          f" ms; plugins {e['plugins'] * 1000:.0f} ms", flush=True)
    return (
        "| measure | result | target |\n|---|---|---|\n"
        f"| one project ({e['people']:.0f} people as records): `evaluate` per call after the "
        f"first (median) | {e['evaluate'] * 1000:.2f} ms | < 5 ms |\n"
        f"| the same with `Dataset.from_records` on every call | "
        f"{e['from_records_and_evaluate'] * 1000:.2f} ms | – |\n"
        f"| first call (data set and first evaluation) | {e['first'] * 1000:.1f} ms | – |\n"
        f"| `import goalkit` (median of 11 fresh interpreters) | {e['import'] * 1000:.0f} ms "
        "| < 150 ms |\n"
        f"| loading the plugins after it (`make_plugin_manager()`) | "
        f"{e['plugins'] * 1000:.0f} ms | < 100 ms |\n"
    )


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


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--sizes", default="10k,100k,1m",
                        help="comma-separated people counts (default: 10k,100k,1m)")
    parser.add_argument("--repeat", type=int, default=None,
                        help="runs per engine process (default: 3 up to 1m, then 1)")
    parser.add_argument("--rounds", type=int, default=None,
                        help="rounds of the three engines, in turn (default: 3 up to 5m, "
                             "then 1)")
    parser.add_argument("--no-embedding", action="store_true",
                        help="skip the per-call and import measurements")
    parser.add_argument("--out", default=str(ROOT / "results.md"),
                        help="where to write the Markdown results ('-' for nowhere)")
    args = parser.parse_args(argv)
    sizes = [parse_size(s) for s in args.sizes.split(",") if s.strip()]
    started = time.strftime("%Y-%m-%d %H:%M")
    table = run(sizes, args.repeat, args.rounds)
    embed = "" if args.no_embedding else embedding()
    text = (
        f"# Benchmark results\n\nMeasured {started} with "
        f"`python -m benchmarks --sizes {args.sizes}` on {environment()}.\n\n"
        "Seconds are medians; *eval* is the evaluation of the six-goal suite on data already "
        "in memory, *e2e* the same from the Parquet files, *load* reading them into memory. "
        "The engines run in rounds, one process each per round, taking turns to go first; "
        "the ratio is the median over the rounds of goalkit's time over the faster "
        "hand-written reference in the same round (each round's ratio is listed too). Peak "
        "memory is the largest of each engine's processes.\n\n"
        f"{table}\n{embed}"
    )
    print()
    print(text)
    if args.out != "-":
        Path(args.out).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
