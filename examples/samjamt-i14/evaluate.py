"""Evaluate the Samjamt/i14 pre-study on the example data at its final reading (the end of
the implementation period; the document gives no report dates).

The data folder holds goalkit's tables (the people the methods were tried with) plus
``assessments.csv`` (the steering group's judgements of the methods goals), which goalkit's folder
loader reads with them.

Run: python examples/samjamt-i14/evaluate.py
"""

from __future__ import annotations

from pathlib import Path

from goalkit import evaluate_over_time, render
from goalkit.plugins import load_data, load_project

PROJECT_ID = "samjamt-i14"
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
