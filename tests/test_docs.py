"""The documentation builds, and every Python example in it runs as written."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)
PAGES = [
    page
    for page in sorted([*(ROOT / "docs").glob("*.md"), ROOT / "README.md"])
    if BLOCK.search(page.read_text(encoding="utf-8"))
]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_python_examples_run(page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every ```python block of a page runs, in order, sharing one namespace, from the
    repository root (as a reader would run them)."""
    blocks = BLOCK.findall(page.read_text(encoding="utf-8"))
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {"__name__": f"docs_{page.stem}"}
    for i, block in enumerate(blocks, start=1):
        # dont_inherit: the examples run as a reader runs them, without this module's
        # ``from __future__ import annotations``.
        code = compile(block, f"{page.name} (example {i})", "exec", dont_inherit=True)
        exec(code, namespace)


def test_docs_build_strictly(tmp_path: Path) -> None:
    """``mkdocs build --strict`` succeeds: every page in the nav exists, no broken links."""
    mkdocs = shutil.which("mkdocs", path=str(Path(sys.executable).parent)) or shutil.which("mkdocs")
    assert mkdocs, "mkdocs is a test dependency"
    result = subprocess.run(
        [mkdocs, "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
