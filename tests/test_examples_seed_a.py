"""The examples of the seed plugins 000–003 run, and their committed data is what
``make_data.py`` writes."""

from __future__ import annotations

import filecmp
import runpy
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import goalkit

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = {
    "harjedalen-network": "goalkit-harjedalen-network/src/goalkit_harjedalen_network",
    "jamtland-integration": "goalkit-jamtland-integration/src/goalkit_jamtland_integration",
    "samjamt-i14": "goalkit-samjamt-i14/src/goalkit_samjamt_i14",
    "harjedalen-youth": "goalkit-harjedalen-youth/src/goalkit_harjedalen_youth",
}


def reporting_dates(example: str) -> list[str]:
    project = goalkit.load_goals(ROOT / "plugins" / EXAMPLES[example] / "goals.toml")
    return [d.isoformat() for d in project.reporting_dates]


@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_evaluate_script_prints_every_reporting_date(example: str) -> None:
    """``evaluate.py`` exits 0 and prints a table for each reporting date of the document."""
    script = ROOT / "examples" / example / "evaluate.py"
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, check=False, cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    dates = reporting_dates(example)
    assert dates
    for day in dates:
        assert f"== {example} as of {day} " in done.stdout


@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_committed_data_is_what_make_data_writes(
    example: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Running ``make_data.py`` again writes the same files, byte for byte (it is seeded)."""
    folder = ROOT / "examples" / example
    copy = tmp_path / example
    copy.mkdir()
    (copy / "make_data.py").write_bytes((folder / "make_data.py").read_bytes())
    monkeypatch.chdir(tmp_path)
    runpy.run_path(str(copy / "make_data.py"), run_name="__main__")
    written = sorted(p.name for p in (copy / "data").iterdir())
    committed = sorted(p.name for p in (folder / "data").iterdir())
    assert written == committed
    match, mismatch, errors = filecmp.cmpfiles(copy / "data", folder / "data", committed,
                                               shallow=False)
    assert (mismatch, errors) == ([], [])
    assert match == committed


def test_the_document_figures_of_001_are_flagged_in_the_example() -> None:
    """The regional project's 90 + 196 ≠ 259 shows in the example's output, as the
    document's own figure (a note quoting it), not as an error of the data."""
    script = ROOT / "examples" / "jamtland-integration" / "evaluate.py"
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          check=True, cwd=ROOT, timeout=120)
    assert "breakdown_as_reported: reported 'participants' on 2016-10-31 is 259" in done.stdout
    assert '"259 deltagare i projektet (90 kvinnor och 196 män)"' in done.stdout


def test_figures_dated_after_the_as_of_date_are_not_checked() -> None:
    """The 001 status figures (2016-10-31) are unknown on 2016-06-30, their data issues too:
    the impossible sexes and the outcomes' unknown remainder (42) show from that date on, as
    notes quoting the document (its own figures, which no data set corrects)."""
    project = goalkit.load_goals(ROOT / "plugins" / EXAMPLES["jamtland-integration"]
                                 / "goals.toml")
    before = goalkit.evaluate(project, None, date(2016, 6, 30))
    assert before.issues == ()
    for day in (date(2016, 10, 31), date(2017, 1, 31)):
        issues = goalkit.evaluate(project, None, day).issues
        assert [(i.severity, i.code) for i in issues] == [
            ("note", "breakdown_as_reported"), ("note", "breakdown_as_reported")]
        assert ["exceed the whole by 27" in i.message for i in issues] == [True, False]
        assert ["42 with unknown outcome" in i.message for i in issues] == [False, True]
