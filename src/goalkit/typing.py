"""Protocols and aliases plugin authors and hosts type against."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from goalkit.data._dataset import Dataset
    from goalkit.model._project import Project
    from goalkit.model._result import Report

__all__ = ["DateLike", "Loader", "ProjectFactory", "ReportFormat"]

DateLike = date
"""Dates are always :class:`datetime.date` (never datetimes) in goalkit's API."""


class ProjectFactory(Protocol):
    """Builds a project when called; registered through ``goalkit_register_projects``."""

    def __call__(self) -> Project: ...


@runtime_checkable
class Loader(Protocol):
    """Reads participant data from one kind of source into a :class:`goalkit.Dataset`.

    Registered through ``goalkit_register_loaders``.
    """

    description: str
    """One line for ``goalkit plugins``: what sources it reads."""

    def can_load(self, source: str) -> bool:
        """Whether ``source`` (a path or URL) is this loader's kind."""
        ...

    def load(self, source: str, *, mapping: Mapping[str, Any] | None = None) -> Dataset:
        """Read ``source``; ``mapping`` renames columns and codes onto the schema.

        :raises goalkit.DataError: naming the file, sheet, row and column at fault.
        """
        ...


@runtime_checkable
class ReportFormat(Protocol):
    """Writes reports in one format; registered through ``goalkit_register_formats``."""

    description: str
    suffix: str
    """File suffix, with the dot: ``.html``."""
    binary: bool
    """Whether :meth:`render` returns bytes (Excel) rather than text."""

    def render(
        self,
        reports: Sequence[Report],
        *,
        project: Project | None = None,
        lang: str = "sv",
        options: Mapping[str, Any] | None = None,
    ) -> str | bytes:
        """Render one report, or several of the same project at successive dates (progress
        over time), in ``lang`` (``"sv"`` or ``"en"``)."""
        ...


PathLike = str | Path
