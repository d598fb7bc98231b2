"""The worked examples of the Västerås plugins (Ny i Västerås, Etableringsspåret): each
evaluate.py runs, exits 0 and prints every reporting date of its project, and each
example's committed data are what its generator makes."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

import goalkit

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = {
    "ny-i-vasteras": ROOT / "plugins/goalkit-ny-i-vasteras/src/goalkit_ny_i_vasteras/goals.toml",
    "etableringssparet": (
        ROOT / "plugins/goalkit-etableringssparet/src/goalkit_etableringssparet/goals.toml"
    ),
}


def header_date(header: str) -> str:
    """The date of a heading ``== <project> as of <date> (<label>)``."""
    return header.split(" as of ", 1)[1].split(maxsplit=1)[0]


@pytest.mark.parametrize("project_id", sorted(EXAMPLES))
def test_evaluate_script_prints_every_reporting_date(project_id: str) -> None:
    project = goalkit.load_goals(EXAMPLES[project_id])
    done = subprocess.run(
        [sys.executable, str(ROOT / "examples" / project_id / "evaluate.py")],
        capture_output=True, text=True, encoding="utf-8", timeout=300, check=False, cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    headers = [line for line in done.stdout.splitlines() if line.startswith("== ")]
    assert [header_date(h) for h in headers] == [d.isoformat() for d in project.reporting_dates]
    for goal in project.goals:
        assert done.stdout.count(f"\n{goal.id} ") == len(project.reporting_dates), goal.id


@pytest.mark.parametrize("project_id", sorted(EXAMPLES))
def test_committed_data_is_what_make_data_writes(
    project_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The CSV files in examples/<id>/data are those make_data.py writes (same bytes), so
    the committed example never drifts from its seeded generator."""
    folder = ROOT / "examples" / project_id
    spec = importlib.util.spec_from_file_location(f"make_data_{project_id}",
                                                  folder / "make_data.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "DATA", tmp_path)
    module.main()
    written = sorted(f.name for f in tmp_path.iterdir())
    assert written == sorted(f.name for f in (folder / "data").iterdir())
    for name in written:
        assert (tmp_path / name).read_bytes() == (folder / "data" / name).read_bytes(), name
