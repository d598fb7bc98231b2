"""The embedding cost: one project of 300 people held by a host as plain Python records,
the whole suite evaluated per call (as on every page view) with the data set kept (prepared
once, :func:`goalkit.engine.prepare`) and built each call, beside a pure-Python pass over
the same records counting the same breakdowns; for each suite (:data:`SUITES`: the
standard one, by project, sex and age band, and the one broken down by project only, whose
pure-Python pass does least); and the import times.

``python -m benchmarks.embed`` prints one JSON line: the import times and, under
``suites``, each suite's measurement (:func:`per_call`).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from typing import Any

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


def per_call(calls: int = 100, people: int = 300, suite: str = "standard") -> dict[str, Any]:
    """Seconds per call (medians) for one project of ``people`` people held as records,
    three ways taking turns call by call: ``evaluate`` on a data set kept between calls
    (prepared once: the engine's index of it is the host's to keep),
    ``Dataset.from_records`` and ``evaluate`` together (as a page view that builds its data
    each time), and the hand-written pure-Python pass
    (:func:`benchmarks.reference_python.evaluate_records`); and whether all three give the
    same numbers, for the goals of ``suite`` (a name in :data:`benchmarks.suite.SUITES`,
    whose breakdowns the pure-Python pass counts). ``cpu`` has the same medians in the
    calling thread's CPU time: on a machine shared with other work a call of several
    milliseconds is often preempted (on the two-core development machine under load the
    wall-time median of building and evaluating swung between 7 and 15 ms from run to run
    while its CPU time stayed within 7–8.5 ms), so a ratio of CPU times is the steadier
    comparison there."""
    import goalkit  # noqa: PLC0415
    import goalkit.engine  # noqa: PLC0415
    from benchmarks.compare import differences, from_reference, from_report  # noqa: PLC0415
    from benchmarks.generate import AS_OF, generate_frames  # noqa: PLC0415
    from benchmarks.reference_python import as_frame, evaluate_records  # noqa: PLC0415
    from benchmarks.suite import SUITES  # noqa: PLC0415

    p, e, r = generate_frames(people, seed=7)
    rows, events, answers = p.to_dicts(), e.to_dicts(), r.to_dicts()
    build, dimensions = SUITES[suite]
    project = build()
    w = time.perf_counter()
    data = goalkit.engine.prepare(goalkit.Dataset.from_records(rows, events, answers))
    goalkit.evaluate(project, data, AS_OF)
    first = time.perf_counter() - w
    kept, built, python = [], [], []
    cpu: dict[str, list[float]] = {"evaluate": [], "from_records_and_evaluate": [],
                                    "python": []}
    report = fresh = counts = None
    wall, own = time.perf_counter, time.thread_time
    for _ in range(calls):
        w, c = wall(), own()
        report = goalkit.evaluate(project, data, AS_OF)
        kept.append(wall() - w)
        cpu["evaluate"].append(own() - c)
        w, c = wall(), own()
        fresh = goalkit.evaluate(project, goalkit.Dataset.from_records(rows, events, answers),
                                 AS_OF)
        built.append(wall() - w)
        cpu["from_records_and_evaluate"].append(own() - c)
        w, c = wall(), own()
        counts = evaluate_records(rows, events, answers, AS_OF, dimensions)
        python.append(wall() - w)
        cpu["python"].append(own() - c)
    assert report is not None
    assert fresh is not None
    assert counts is not None
    ours = from_report(report)
    same = (differences(ours, from_reference(as_frame(counts))).is_empty()
            and differences(ours, from_report(fresh)).is_empty())
    return {"first": first, "evaluate": statistics.median(kept),
            "from_records_and_evaluate": statistics.median(built),
            "python": statistics.median(python),
            "cpu": {k: statistics.median(v) for k, v in cpu.items()},
            "people": people, "calls": calls, "same": same, "numbers": ours.height,
            "suite": suite}


def main() -> None:
    from benchmarks.suite import SUITES  # noqa: PLC0415

    imp, plugins = import_times()
    print(json.dumps({"import": imp, "plugins": plugins,
                      "suites": [per_call(suite=name) for name in SUITES]}))


if __name__ == "__main__":
    main()
