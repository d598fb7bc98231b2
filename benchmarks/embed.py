"""The embedding cost: one project of 300 people held by a host as plain Python records,
the whole suite evaluated per call (as on every page view), and the import times.

``python -m benchmarks.embed`` prints one JSON line.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time

IMPORT = (
    "import time; t = time.perf_counter(); import goalkit; a = time.perf_counter(); "
    "goalkit.plugins.make_plugin_manager(); b = time.perf_counter(); "
    "print(a - t, b - a)"
)


def import_times(runs: int = 11) -> tuple[float, float]:
    """Median seconds of ``import goalkit`` and of loading the plugins after it, each in a
    fresh interpreter."""
    first, then = [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", IMPORT], capture_output=True, text=True,
                             check=True).stdout.split()
        first.append(float(out[0]))
        then.append(float(out[1]))
    return statistics.median(first), statistics.median(then)


def per_call(calls: int = 300) -> dict[str, float]:
    """Seconds per call for one project of 300 people held as records."""
    import goalkit  # noqa: PLC0415
    from benchmarks.generate import AS_OF, generate_frames  # noqa: PLC0415
    from benchmarks.suite import suite  # noqa: PLC0415

    p, e, r = generate_frames(300, seed=7)
    people, events, answers = p.to_dicts(), e.to_dicts(), r.to_dicts()
    project = suite()
    w = time.perf_counter()
    data = goalkit.Dataset.from_records(people, events, answers)
    goalkit.evaluate(project, data, AS_OF)
    first = time.perf_counter() - w
    evals, full = [], []
    for _ in range(calls):
        w = time.perf_counter()
        goalkit.evaluate(project, data, AS_OF)
        evals.append(time.perf_counter() - w)
    for _ in range(calls // 3):
        w = time.perf_counter()
        goalkit.evaluate(project, goalkit.Dataset.from_records(people, events, answers), AS_OF)
        full.append(time.perf_counter() - w)
    return {"first": first, "evaluate": statistics.median(evals),
            "from_records_and_evaluate": statistics.median(full),
            "people": float(len(people))}


def main() -> None:
    imp, plugins = import_times()
    print(json.dumps({"import": imp, "plugins": plugins, **per_call()}))


if __name__ == "__main__":
    main()
