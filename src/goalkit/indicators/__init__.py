"""The built-in indicator kinds, and the vocabulary they are written in.

Each kind is a frozen attrs class; see its docstring. A person-level kind is a
declaration in the vocabulary of classification (:class:`Declared`, :class:`Rules`,
:class:`Branch` and the words :func:`anchor`, :func:`first_event`, :func:`first_answer`,
:func:`in_spell`, :func:`column`, :func:`matches`, …): the engine reads it row by row in
plain Python and as one narwhals query, so a plugin's kind written in it gets both
executors for free. The engine's own rules a kind puts in its table are here too:
:func:`anchor_waits` (pending or excluded while the anchor has not come) and
:func:`exit_waits` (pending until the exit, for a test that reads it).

Every reason a person can be pending or left out is declared once with its labels
(:data:`REASONS`, :func:`reason_label`). A kind that needs code of its own writes
``classify`` and ``classify_frame`` with :func:`cases` and :func:`outcome_frame`; values
and bounds come from :func:`share_summary` and :func:`count_summary`.
"""

from __future__ import annotations

from goalkit.indicators._combined import CostPerOutcome, Ratio
from goalkit.indicators._inputs import Frames, Person, ReasonCodes
from goalkit.indicators._people import Balance, Count, Share
from goalkit.indicators._recorded import Assessed, Reported
from goalkit.indicators._support import (
    PID,
    Cases,
    cases,
    count_summary,
    outcome_frame,
    share_summary,
)
from goalkit.indicators._survey import MeanChange, PairedChange, SurveyShare
from goalkit.indicators._timing import EventWithin, StatusAt, TimeToEvent, km_median
from goalkit.indicators._vocabulary import (
    Branch,
    Declared,
    Rules,
    Term,
    anchor,
    anchor_waits,
    choose,
    column,
    constant,
    day,
    days_between,
    difference,
    earliest,
    exit_waits,
    exited_by,
    first_answer,
    first_event,
    in_spell,
    is_in,
    matches,
    reads_exit,
)
from goalkit.model._reasons import REASONS, Reason, reason_label

__all__ = [
    "BUILTIN_KINDS",
    "PID",
    "REASONS",
    "Assessed",
    "Balance",
    "Branch",
    "Cases",
    "CostPerOutcome",
    "Count",
    "Declared",
    "EventWithin",
    "Frames",
    "MeanChange",
    "PairedChange",
    "Person",
    "Ratio",
    "Reason",
    "ReasonCodes",
    "Reported",
    "Rules",
    "Share",
    "StatusAt",
    "SurveyShare",
    "Term",
    "TimeToEvent",
    "anchor",
    "anchor_waits",
    "cases",
    "choose",
    "column",
    "constant",
    "count_summary",
    "day",
    "days_between",
    "difference",
    "earliest",
    "exit_waits",
    "exited_by",
    "first_answer",
    "first_event",
    "in_spell",
    "is_in",
    "km_median",
    "matches",
    "outcome_frame",
    "reads_exit",
    "reason_label",
    "share_summary",
]

BUILTIN_KINDS = (
    Count,
    Share,
    Balance,
    SurveyShare,
    PairedChange,
    MeanChange,
    EventWithin,
    StatusAt,
    TimeToEvent,
    Ratio,
    CostPerOutcome,
    Reported,
    Assessed,
)
"""Every built-in kind, in the order the documentation presents them."""
