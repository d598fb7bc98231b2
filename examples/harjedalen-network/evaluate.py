"""Evaluate the Härjedalen network-building project on the example data, at each reporting
date of the document (and when the last six-month window after exit closes).

The data folder holds goalkit's three tables plus ``measurements.csv`` (reference
statistics) and ``assessments.csv`` (the steering group's judgements).

Run: python examples/harjedalen-network/evaluate.py
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from goalkit import evaluate_over_time, render
from goalkit.plugins import load_data, load_project

PROJECT_ID = "harjedalen-network"
DATA = Path(__file__).parent / "data"
EXTRA = {date(2016, 5, 31): "last six-month window after exit closes (not in the document)"}


def main() -> None:
    project = load_project(PROJECT_ID)
    data = load_data(DATA)
    labels = {r.date: f"{r.kind.value}: {r.label.get('en')}" for r in project.reporting}
    labels |= EXTRA
    for report in evaluate_over_time(project, data, labels):
        print(f"== {project.id} as of {report.as_of.isoformat()} ({labels[report.as_of]})")
        print(render(report, "table", project=project, lang="en"))
        for issue in report.issues:  # the data issues again, with the codes docs/data.md lists
            print(f"   {issue.code}: {issue.message}")


if __name__ == "__main__":
    main()
