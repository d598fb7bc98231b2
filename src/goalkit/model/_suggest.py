"""What a mistake in a goal file or configuration is told with: the closest name meant
("did you mean"), and an error that names the key it is about."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["FieldError", "closest", "did_you_mean"]


def closest(name: str, known: Iterable[str]) -> str | None:
    """The name in ``known`` closest to ``name``, or ``None`` when none is close (a ``-``
    written for a ``_`` is found too). (``difflib`` is imported here: a name is only
    looked for when one is wrong.)"""
    import difflib  # noqa: PLC0415

    names = sorted(set(known))
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    if not close and "-" in name and name.replace("-", "_") in names:
        close = [name.replace("-", "_")]
    return close[0] if close else None


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """``"; did you mean 'where'?"`` for the name in ``known`` closest to ``name``
    (:func:`closest`), or ``""`` when none is close."""
    close = closest(name, known)
    return f"; did you mean {close!r}?" if close else ""


class FieldError(ValueError):
    """A value refused when an object is built, about one of its fields: the goal file's
    message then names the field's own key (``$.goals[0].target``), not the table.

    :param message: what is wrong.
    :param key: the path below the object, as a goal file writes it (``.target``,
        ``.assessments[1].goal``).
    """

    def __init__(self, message: str, *, key: str) -> None:
        self.key = key
        super().__init__(message)
