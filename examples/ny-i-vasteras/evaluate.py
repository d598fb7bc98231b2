"""Evaluate Ny i Västerås's synthetic example at each of the project's reporting dates.

The project comes from the installed plugin; the data from ``data/`` through goalkit's
folder loader (participants, events, responses, measurements, assessments), as
``make_data.py`` wrote them.

Run: python examples/ny-i-vasteras/evaluate.py
"""

from __future__ import annotations

from pathlib import Path

from goalkit import evaluate_over_time, render
from goalkit.plugins import load_data, load_project

PROJECT_ID = "ny-i-vasteras"
DATA = Path(__file__).parent / "data"


def main() -> None:
    project = load_project(PROJECT_ID)
    data = load_data(DATA)
    labels = {r.date: f"{r.kind.value}: {r.label.get('en')}" for r in project.reporting}
    for report in evaluate_over_time(project, data, labels):
        print(f"== {project.id} as of {report.as_of.isoformat()} ({labels[report.as_of]})")
        print(render(report, "table", project=project, lang="en"))
        for issue in report.issues:  # the data issues again, with the codes docs/data.md lists
            print(f"   {issue.code}: {issue.message}")


if __name__ == "__main__":
    main()
