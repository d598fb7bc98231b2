"""Evaluate the Härjedalen pre-study on young adults aged 20–30 on the example data, at the
two autumn reports (dates assumed) and the final report.

The data folder holds the interviewees (``participants.csv``) plus ``measurements.csv``
(the inventory's register figures about the population aged 20–30) and ``assessments.csv``
(the steering group's judgements), which goalkit's folder loader reads
with them.

Run: python examples/harjedalen-youth/evaluate.py
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import attrs

import goalkit

HERE = Path(__file__).parent
DATA = HERE / "data"
PROJECT_ID = "harjedalen-youth"
GOAL_FILE = (
    HERE.parents[1]
    / "plugins/goalkit-harjedalen-youth/src/goalkit_harjedalen_youth/goals.toml"
)
FOLLOW_UP: dict[date, str] = {}


def load_project() -> goalkit.Project:
    """The installed plugin's project through goalkit's plugin manager, else the goal file."""
    try:
        from goalkit.plugins import load_project as from_plugins  # noqa: PLC0415
    except ImportError:  # a goalkit without a plugin manager
        return goalkit.load_goals(GOAL_FILE)
    try:
        return from_plugins(PROJECT_ID)
    except goalkit.GoalkitError:  # the plugin is not installed (or not loadable) here
        return goalkit.load_goals(GOAL_FILE)


def load_data() -> goalkit.Dataset:
    """The folder through goalkit's loaders (all five tables), else the three canonical
    tables plus ``measurements.csv`` and ``assessments.csv`` read here."""
    try:
        from goalkit.plugins import load_data as from_loaders  # noqa: PLC0415
    except ImportError:
        return attrs.evolve(goalkit.Dataset.from_folder(DATA), measurements=_measurements(),
                            assessments=_assessments())
    return from_loaders(DATA)


def _rows(name: str) -> list[dict[str, str]]:
    path = DATA / name
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _measurements() -> tuple[goalkit.Measurement, ...]:
    out = []
    for r in _rows("measurements.csv"):
        breakdown: dict[str, dict[str, float]] = {}
        for column, value in r.items():
            if "." in column and value:
                dim, cat = column.split(".", 1)
                breakdown.setdefault(dim, {})[cat] = float(value)
        when = _day(r["date"])
        assert when is not None
        out.append(goalkit.Measurement(r["metric"], when, float(r["value"]), breakdown,
                                       period_start=_day(r["period_start"]),
                                       source=r["source"] or None))
    return tuple(out)


def _assessments() -> tuple[goalkit.Assessment, ...]:
    return tuple(
        goalkit.Assessment(r["goal"], date.fromisoformat(r["date"]), r["verdict"],
                           r["evidence"], r["assessor"] or None)
        for r in _rows("assessments.csv")
    )


def show(value: float | None, unit: goalkit.Unit) -> str:
    """A value as people read it."""
    if value is None:
        return "–"
    if unit is goalkit.Unit.SHARE:
        return f"{value * 100:.1f} %"
    if unit in (goalkit.Unit.PEOPLE, goalkit.Unit.DAYS):
        return f"{value:.0f}"
    return f"{value:.3g}"


def table(report: goalkit.Report) -> str:
    """One line per goal: id, level, status, value, bounds, pending people."""
    rows = [("goal", "level", "status", "value", "bounds", "pending")]
    for r in report:
        bounds = f"{show(r.lower, r.unit)} … {show(r.upper, r.unit)}" if r.pending else ""
        rows.append((r.goal_id, r.level.value, r.status.value, show(r.value, r.unit), bounds,
                     str(r.pending) if r.pending else ""))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows
    )


def main() -> None:
    project = load_project()
    data = load_data()
    dates = [(r.date, f"{r.kind.value}: {r.label.get('en')}") for r in project.reporting]
    dates += sorted(FOLLOW_UP.items())
    for as_of, label in dates:
        report = goalkit.evaluate(project, data, as_of)
        counts = ", ".join(f"{n} {s.value}" for s, n in report.counts().items() if n)
        print(f"== {project.id} as of {as_of.isoformat()} ({label})")
        print(table(report))
        print(f"   {counts}")
        for issue in report.issues:
            print(f"   issue [{issue.severity}] {issue.code}: {issue.message}")
        print()


if __name__ == "__main__":
    main()
