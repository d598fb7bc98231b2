"""Evaluate the Härjedalen pre-study on young adults aged 20–30 on the example data, at the
two autumn reports (dates assumed) and the final report.

The data folder holds the interviewees (``participants.csv``) plus ``measurements.csv``
(the inventory's register figures about the population aged 20–30) and ``assessments.csv``
(the steering group's judgements), which goalkit's folder loader reads
with them.

Run: python examples/harjedalen-youth/evaluate.py
"""

from __future__ import annotations

from pathlib import Path

from goalkit import evaluate_over_time, render
from goalkit.plugins import load_data, load_project

PROJECT_ID = "harjedalen-youth"
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
