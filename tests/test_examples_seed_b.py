"""The worked examples of the Västerås plugins (Ny i Västerås, Etableringsspåret): each
evaluate.py runs, exits 0 and prints every reporting date of its project, and each
example's generated files are those its generator makes."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

import goalkit

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = {
    "ny-i-vasteras": ROOT / "plugins/goalkit-ny-i-vasteras/src/goalkit_ny_i_vasteras/goals.toml",
    "etableringssparet": (
        ROOT / "plugins/goalkit-etableringssparet/src/goalkit_etableringssparet/goals.toml"
    ),
}


@pytest.mark.parametrize("project_id", sorted(EXAMPLES))
def test_evaluate_script_prints_every_reporting_date(project_id: str) -> None:
    project = goalkit.load_goals(EXAMPLES[project_id])
    done = subprocess.run(
        [sys.executable, str(ROOT / "examples" / project_id / "evaluate.py")],
        capture_output=True, text=True, encoding="utf-8", timeout=300, check=False, cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    headers = [line for line in done.stdout.splitlines() if line.startswith("== ")]
    assert [h.split()[1] for h in headers] == [d.isoformat() for d in project.reporting_dates]
    for goal in project.goals:
        assert done.stdout.count(f"\n{goal.id} ") == len(project.reporting_dates), goal.id


@pytest.mark.parametrize("project_id", sorted(EXAMPLES))
def test_example_goal_file_is_the_packaged_one_plus_the_example_records(project_id: str) -> None:
    """examples/<id>/goals.toml (for `goalkit evaluate`) is generated: the plugin's goal
    file with the assessments and measurements of data/*.csv added, nothing else."""
    packaged = goalkit.load_goals(EXAMPLES[project_id])
    example = goalkit.load_goals(ROOT / "examples" / project_id / "goals.toml")
    data = ROOT / "examples" / project_id / "data"

    def rows(name: str) -> list[dict[str, str]]:
        path = data / name
        if not path.exists():
            return []
        with path.open(encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))

    added_assessments = example.assessments[len(packaged.assessments):]
    added_measurements = example.measurements[len(packaged.measurements):]
    assert attrs.evolve(example, assessments=packaged.assessments,
                        measurements=packaged.measurements) == packaged
    assert [(a.goal, a.date.isoformat(), a.verdict.value) for a in added_assessments] == [
        (r["goal"], r["date"], r["verdict"]) for r in rows("assessments.csv")
    ]
    assert [(m.metric, m.date.isoformat(), m.value) for m in added_measurements] == [
        (r["metric"], r["date"], float(r["value"])) for r in rows("measurements.csv")
    ]
