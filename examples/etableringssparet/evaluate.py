"""Evaluate Etableringsspåret's synthetic example at each of the project's reporting dates.

Run: python examples/etableringssparet/evaluate.py  (after make_data.py)

The project comes from the installed plugin through goalkit's plugin manager, or from
the plugin's goal file in this repository when the plugin is not installed. The data come
from data/ through the registered loaders (participants, events, responses, measurements,
assessments).
"""

from __future__ import annotations

import sys
from pathlib import Path

import goalkit
from goalkit.plugins import load_data, load_project

HERE = Path(__file__).parent
DATA = HERE / "data"
PROJECT_ID = "etableringssparet"
GOAL_FILE = (HERE.parent.parent / "plugins" / "goalkit-etableringssparet" / "src"
             / "goalkit_etableringssparet" / "goals.toml")


def get_project() -> goalkit.Project:
    """The installed plugin's project, or the plugin's goal file if it is not installed."""
    try:
        return load_project(PROJECT_ID)
    except goalkit.GoalkitError as e:
        print(f"note: {e}; reading {GOAL_FILE} instead", file=sys.stderr)
        return load_project(GOAL_FILE)


def show(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    if unit == "share":
        return f"{value * 100:.0f} %"
    if unit in ("people", "days") or value == int(value):
        return f"{value:.0f}"
    return f"{value:.2f}"


def main() -> int:
    project = get_project()
    # The folder loader reads every table there is: participants, events, responses,
    # measurements and assessments.
    data = load_data(DATA)
    print(f"{project.name.get('sv')} / {project.name.get('en')} ({project.id})")
    for rd in sorted(project.reporting, key=lambda r: r.date):
        report = goalkit.evaluate(project, data, rd.date)
        print(f"\n== {rd.date.isoformat()} {rd.kind.value}: {rd.label.get('en')}")
        rows = [("goal", "level", "status", "value", "n", "excluded")]
        for r in report:
            n = "" if r.denominator is None else str(r.denominator)
            excluded = ", ".join(f"{k} {v}" for k, v in r.excluded.items())
            rows.append((r.goal_id, r.level.value, r.status.value, show(r.value, r.unit.value),
                         n, excluded))
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        for row in rows:
            print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        counts = ", ".join(f"{s.value} {n}" for s, n in report.counts().items() if n)
        print(f"-- {counts}")
        for issue in report.issues:
            print(f"   data issue ({issue.severity}, {issue.code}): {issue.message}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
