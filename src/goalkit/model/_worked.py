"""What is worked out from an immutable object once, and kept with it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable

__all__ = ["Worked"]

T = TypeVar("T")


class Worked:
    """What is worked out from one immutable object and kept with it, so that it is
    worked out once: a public report's suppression audit (shared by every format and
    language it is written in), the columns a goal's definition reads (asked at every
    evaluation). Not a field anyone reads: no two objects share one, a copy of a report
    made for a format (:func:`goalkit.reports._render.frozen_reports`) shares its
    original's, and :func:`attrs.evolve` gives the new object its own, empty one. What it
    keeps must not be changed by whoever gets it (it is read-only where that matters)."""

    __slots__ = ("_found",)

    def __init__(self) -> None:
        self._found: dict[Hashable, Any] = {}

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        """The answer kept under ``key``, made by ``make`` the first time it is asked for
        (two threads asking at once may both make it: the answers are equal)."""
        if key not in self._found:
            self._found[key] = make()
        found: T = self._found[key]
        return found

    def __repr__(self) -> str:
        return f"<worked out: {len(self._found)}>"

    def __reduce__(self) -> tuple[type[Worked], tuple[()]]:
        """A pickled (or deep-copied) report starts with nothing worked out."""
        return Worked, ()
