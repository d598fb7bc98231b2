"""Evaluate Etableringsspåret's synthetic example at each of the project's reporting dates.

Run: python examples/etableringssparet/evaluate.py  (after make_data.py)

The project comes from the installed plugin through goalkit's plugin manager when there
is one, else from the plugin's goal file in this repository. The data come from data/
(participants, events, responses) plus data/assessments.csv and data/measurements.csv
when they are there.
"""

from __future__ import annotations

import csv
import sys
from datetime import date
from pathlib import Path

import attrs

import goalkit

HERE = Path(__file__).parent
DATA = HERE / "data"
PROJECT_ID = "etableringssparet"
GOAL_FILE = (HERE.parent.parent / "plugins" / "goalkit-etableringssparet" / "src"
             / "goalkit_etableringssparet" / "goals.toml")


def load_project() -> goalkit.Project:
    """Through the plugin manager if goalkit has one, else from the goal file."""
    try:
        from goalkit.plugins import load_project as from_plugins  # noqa: PLC0415 - optional
    except ImportError:
        return goalkit.load_goals(GOAL_FILE)
    try:
        project: goalkit.Project = from_plugins(PROJECT_ID)
    except goalkit.GoalkitError as e:
        print(f"note: {e}; reading {GOAL_FILE.name} instead", file=sys.stderr)
        return goalkit.load_goals(GOAL_FILE)
    return project


def read_rows(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def read_assessments(path: Path) -> tuple[goalkit.Assessment, ...]:
    return tuple(
        goalkit.Assessment(goal=r["goal"], date=date.fromisoformat(r["date"]),
                           verdict=r["verdict"], evidence=r["evidence"],
                           assessor=r["assessor"] or None)
        for r in read_rows(path)
    )


def read_measurements(path: Path) -> tuple[goalkit.Measurement, ...]:
    return tuple(
        goalkit.Measurement(metric=r["metric"], date=date.fromisoformat(r["date"]),
                            value=float(r["value"]),
                            period_start=date.fromisoformat(r["period_start"])
                            if r["period_start"] else None,
                            source=r["source"] or None)
        for r in read_rows(path)
    )


def show(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    if unit == "share":
        return f"{value * 100:.0f} %"
    if unit in ("people", "days") or value == int(value):
        return f"{value:.0f}"
    return f"{value:.2f}"


def main() -> int:
    project = load_project()
    data = goalkit.Dataset.from_folder(DATA)
    # The folder loader reads participants, events and responses; the example's reported
    # figures and assessments sit next to them as CSV files.
    data = attrs.evolve(data, measurements=read_measurements(DATA / "measurements.csv"),
                        assessments=read_assessments(DATA / "assessments.csv"))
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
