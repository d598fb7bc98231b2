"""Records: participants, their events and answers, reported figures and judgements."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from typing import Any

from attrs import field, frozen

__all__ = ["Assessment", "Event", "Measurement", "Participant", "Response", "Verdict"]


@frozen
class Participant:
    """One row of the ``participants`` table.

    :param birth_date: exact birth date, if known; else ``birth_year``.
    :param extra: any further columns (group, municipality, …) for filters and breakdowns.
    """

    participant_id: str
    enrolled: dt.date
    sex: str | None = None
    birth_date: dt.date | None = None
    birth_year: int | None = None
    exited: dt.date | None = None
    exit_reason: str | None = None
    extra: Mapping[str, Any] = field(factory=dict)


@frozen
class Event:
    """One row of the ``events`` table: something that happened to a participant.

    Kinds used by the built-in projects: ``employment_offer``, ``employment_start``,
    ``study_start``, ``income_support_start``, ``income_support_end``, ``action_plan``.
    """

    participant_id: str
    date: dt.date
    kind: str


@frozen
class Response:
    """One row of the ``responses`` table: a survey answer."""

    participant_id: str
    date: dt.date
    phase: str
    question: str
    score: float


@frozen
class Measurement:
    """An aggregate figure someone reported, as of a date.

    :param metric: what was measured (``participants``, ``ended_to_work``, …).
    :param date: the date the figure describes (the end of its period).
    :param value: the figure.
    :param breakdown: dimension to category to figure, e.g.
        ``{"sex": {"F": 90, "M": 196}}``; a data check compares each dimension's sum
        with ``value``.
    :param additive: whether the breakdown's parts add up to the figure (counts: the
        default) or not (rates, averages); only additive breakdowns are checked.
    :param period_start: the start of the period the figure covers, if it covers one.
    :param source: where the figure comes from (a report, a page).
    """

    metric: str
    date: dt.date
    value: float
    breakdown: Mapping[str, Mapping[str, float]] = field(factory=dict)
    additive: bool = True
    period_start: dt.date | None = None
    source: str | None = None


class Verdict(enum.StrEnum):
    """The judgement an assessment records."""

    MET = "met"
    NOT_MET = "not_met"
    PENDING = "pending"


@frozen
class Assessment:
    """A recorded judgement of a goal that data cannot compute.

    :param goal: the goal's id.
    :param date: when the judgement was made; the latest one up to the horizon counts.
    :param verdict: met, not met, or pending (work under way).
    :param evidence: what the judgement rests on (a document, a decision, a link).
    :param assessor: who judged (a role, not a person's name, in published reports).
    """

    goal: str
    date: dt.date
    verdict: Verdict = field(converter=Verdict)
    evidence: str = ""
    assessor: str | None = None
