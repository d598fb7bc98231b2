"""What the executors hand a kind that classifies with code of its own: one person in plain
Python (:class:`Person`), or the cohort as narwhals frames (:class:`Frames`), with the
small numbers the columnar executor counts reasons by (:class:`ReasonCodes`).

A kind written in the vocabulary of classification never sees these: the engine reads its
rules itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from attrs import frozen

if TYPE_CHECKING:
    import narwhals as nw  # noqa: TC004 - only in annotations; never structured by cattrs

__all__ = ["Frames", "Person", "ReasonCodes"]


@frozen(eq=False)
class Person:
    """One participant as the plain-Python executor sees them, facts cut at the as-of date.

    :param columns: every participant column (``participant_id``, ``sex``, ``age``,
        ``age_band``, ``exit_reason`` and any extra ones), for filters and breakdowns.
    :param events: event kind to the sorted dates of that kind.
    :param responses: ``(phase, question)`` to the ``(date, score)`` answers, sorted.
    """

    id: str
    enrolled: date
    exited: date | None
    columns: Mapping[str, Any]
    events: Mapping[str, tuple[date, ...]]
    responses: Mapping[tuple[str, str], tuple[tuple[date, float], ...]]

    def anchor(self, name: str) -> date | None:
        """The person's own date called ``name``: ``enrolled``, ``exited``, or the first
        event of that kind."""
        if name == "enrolled":
            return self.enrolled
        if name == "exited":
            return self.exited
        dates = self.events.get(name)
        return dates[0] if dates else None


@frozen(eq=False)
class Frames:
    """The canonical tables as narwhals lazy frames, cut at the as-of date.

    ``participants`` carries the derived ``age`` and ``age_band`` columns; every date is a
    day number (an integer, days since 1970-01-01). All three share one back end (polars,
    DuckDB, …).
    """

    participants: nw.LazyFrame[Any]
    events: nw.LazyFrame[Any]
    responses: nw.LazyFrame[Any]
    keep: tuple[str, ...] = ()
    """Participant columns a classification passes through (the breakdown columns)."""
    reasons: ReasonCodes | None = None
    """Where the engine wants reasons as small numbers rather than text (see
    :class:`ReasonCodes`); :func:`goalkit.indicators.outcome_frame` uses it."""


class ReasonCodes:
    """Small numbers for the reasons of one evaluation's classifications, and back.

    Millions of people each given a reason as text cost far more to produce and to count
    than as a number, so the columnar executor hands one of these to every classification
    (``Frames.reasons``) and turns the numbers back into reasons once counted. Local to one
    evaluation, never shared between threads.
    """

    def __init__(self) -> None:
        self._codes: dict[str, int] = {}
        self._names: list[str] = []

    def code(self, reason: str) -> int:
        """The number of ``reason`` (a new one for a reason not seen before)."""
        found = self._codes.get(reason)
        if found is None:
            found = self._codes[reason] = len(self._names)
            self._names.append(reason)
        return found

    def name(self, code: int | None) -> str | None:
        """The reason of a number (``None`` for none)."""
        return None if code is None else self._names[code]
