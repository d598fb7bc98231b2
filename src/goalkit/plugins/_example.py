"""A worked example a plugin declares: data, a date, and the statuses to expect."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from attrs import field, frozen

from goalkit.model._result import Status

if TYPE_CHECKING:
    # Only named in an annotation, never structured: importing the data layer here would
    # slow down every plugin discovery.
    from goalkit.data._dataset import Dataset  # noqa: TC004

__all__ = ["PluginExample"]


def _statuses(value: Mapping[str, Status | str]) -> Mapping[str, Status]:
    return {k: Status(v) for k, v in value.items()}


@frozen
class PluginExample:
    """Data plus the status each named goal must have as of ``as_of``.

    :param project: the id of the project (registered by the same plugin).
    :param data: a folder or file any registered loader reads, or a callable returning a
        :class:`goalkit.Dataset`.
    :param expected: goal id to expected status; goals not named are not checked.
    """

    project: str
    data: Path | str | Callable[[], Dataset]
    as_of: date
    expected: Mapping[str, Status] = field(converter=_statuses)
    description: str = ""
