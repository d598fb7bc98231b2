"""The ``goalkit`` command line."""

from __future__ import annotations

from goalkit.cli._main import ExitCode, cli, main, script

__all__ = ["ExitCode", "cli", "main", "script"]
