"""The built-in indicator kinds, and the pieces they are built from.

Each kind is a frozen attrs class; see its docstring. The helpers below are public so that
a plugin's own kind can be written the way the built-in ones are: ``day`` (a date as the
columnar executor's day number), ``cases`` and ``outcome_frame`` (the classification
columns, with reasons as the numbers the engine counts by), ``with_anchor``,
``first_event_in`` and ``first_answer_in`` (per-person dates and answers as queries),
``observed_anchor``, ``any_event`` and ``first_answer`` (the same in plain Python),
``columns_seen`` and ``exit_rule`` (a test on the exit waits for it, in plain Python and
as a query; built from ``reads_exit``, ``known_columns``, ``exit_pending`` and
``with_exit_known``), and ``share_summary`` and ``count_summary`` (values
and bounds from counts).
"""

from __future__ import annotations

from goalkit.indicators._combined import CostPerOutcome, Ratio
from goalkit.indicators._people import Balance, Count, Share
from goalkit.indicators._recorded import Assessed, Reported
from goalkit.indicators._support import (
    PID,
    Branch,
    Cases,
    anchor_branches,
    any_event,
    cases,
    columns_seen,
    count_summary,
    day,
    exit_pending,
    exit_rule,
    first_answer,
    first_answer_in,
    first_event_in,
    known_columns,
    observed_anchor,
    outcome_frame,
    reads_exit,
    share_summary,
    shift,
    with_anchor,
    with_exit_known,
)
from goalkit.indicators._survey import MeanChange, PairedChange, SurveyShare
from goalkit.indicators._timing import EventWithin, StatusAt, TimeToEvent, km_median

__all__ = [
    "BUILTIN_KINDS",
    "PID",
    "Assessed",
    "Balance",
    "Branch",
    "Cases",
    "CostPerOutcome",
    "Count",
    "EventWithin",
    "MeanChange",
    "PairedChange",
    "Ratio",
    "Reported",
    "Share",
    "StatusAt",
    "SurveyShare",
    "TimeToEvent",
    "anchor_branches",
    "any_event",
    "cases",
    "columns_seen",
    "count_summary",
    "day",
    "exit_pending",
    "exit_rule",
    "first_answer",
    "first_answer_in",
    "first_event_in",
    "km_median",
    "known_columns",
    "observed_anchor",
    "outcome_frame",
    "reads_exit",
    "share_summary",
    "shift",
    "with_anchor",
    "with_exit_known",
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
