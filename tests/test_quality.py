"""The source passes the linters the project holds itself to: ruff, and mypy in strict mode."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    assert found, f"{name} is a test dependency"
    return found


def test_ruff_is_clean_on_src() -> None:
    """``ruff check src`` finds nothing (rules and commented ignores in pyproject.toml)."""
    done = subprocess.run([_tool("ruff"), "check", "src"], cwd=ROOT, capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stdout[-4000:]


def test_mypy_strict_is_clean_on_src() -> None:
    """``mypy`` (strict, on src, as configured in pyproject.toml) finds nothing."""
    done = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stdout[-4000:]
