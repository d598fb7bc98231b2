"""Evaluate the Region Jämtland Härjedalen integration project on the example data, at the
status report behind the document's figures (2016-10-31) and at project end.

The document's own figures are in the plugin's goal file. The data folder holds goalkit's
tables plus ``measurements.csv`` (synthetic later status figures and unemployment rates) and
``assessments.csv`` (the steering group's judgements), which goalkit's folder loader reads
with them; the data check notes the document's own 90 + 196 ≠ 259 under each table
(breakdown_as_reported, quoting it).

Run: python examples/jamtland-integration/evaluate.py
"""

from __future__ import annotations

from pathlib import Path

from goalkit import evaluate_over_time, render
from goalkit.plugins import load_data, load_project

PROJECT_ID = "jamtland-integration"
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
