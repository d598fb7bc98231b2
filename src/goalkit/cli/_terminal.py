"""What the command line shows on a terminal: a progress bar while steps run, and the
``table`` format with colour; nothing of either in a pipe, a log or a test."""

from __future__ import annotations

import contextlib
import sys
from typing import TYPE_CHECKING, Any

from goalkit.cli._log import quiet

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from goalkit.model._project import Project
    from goalkit.model._result import Report

__all__ = ["is_terminal", "progress_steps", "render_for_terminal"]


def is_terminal(stream: Any) -> bool:
    """Whether ``stream`` is a terminal (not a pipe, a file or a test's capture)."""
    isatty = getattr(stream, "isatty", None)
    return bool(isatty is not None and isatty())


@contextlib.contextmanager
def progress_steps(label: str, total: int) -> Iterator[Callable[[], None]]:
    """A progress bar on stderr while ``total`` steps run, only when stderr is a terminal
    (quiet in a pipe, a log or a test) and the command line was not asked to be quiet
    (``-q``). Yields the function to call after each step."""
    if not is_terminal(sys.stderr) or total < 1 or quiet():
        yield lambda: None
        return
    from rich.console import Console  # noqa: PLC0415
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn  # noqa: PLC0415

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda: bar.advance(task)


def render_for_terminal(reports: Sequence[Report], project: Project | None, lang: str,
                        *, min_cell: int = 0, audience: str = "internal") -> str:
    """The ``table`` format for standard output: colour only on a terminal (and never
    with ``NO_COLOR`` set). ``goalkit evaluate`` shows the internal numbers; ``goalkit
    report`` passes its ``--audience`` and ``--min-cell``."""
    import os  # noqa: PLC0415
    import shutil  # noqa: PLC0415

    from goalkit.reports._table import TableFormat  # noqa: PLC0415

    color = is_terminal(sys.stdout) and not os.environ.get("NO_COLOR")
    width = shutil.get_terminal_size().columns if color else 120
    return TableFormat().render(reports, project=project, lang=lang,
                                options={"color": color, "width": width, "min_cell": min_cell,
                                         "audience": audience})
