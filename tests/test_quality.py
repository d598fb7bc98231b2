"""The code passes the linters the project holds itself to: ruff on everything (the library,
its plugins, tests, examples and benchmark), and mypy in strict mode on the library."""

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


def test_ruff_is_clean_everywhere() -> None:
    """``ruff check .`` finds nothing (rules and commented ignores in pyproject.toml)."""
    done = subprocess.run([_tool("ruff"), "check", "."], cwd=ROOT, capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stdout[-4000:]


def test_mypy_strict_is_clean_on_src() -> None:
    """``mypy`` (strict, on src, as configured in pyproject.toml) finds nothing."""
    done = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stdout[-4000:]


def test_a_hosts_typed_code_checks_against_the_public_api() -> None:
    """``mypy --strict`` accepts a host's ordinary calls (``tests/typed_host.py``, and the
    benchmark, which is a host too): the model's fields take lists and tuples alike, and
    results carry their types."""
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "tests/typed_host.py",
         "benchmarks"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stdout[-4000:]
