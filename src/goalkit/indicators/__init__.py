"""The built-in indicator kinds. Each is a frozen attrs class; see its docstring."""

from __future__ import annotations

from goalkit.indicators._combined import CostPerOutcome, Ratio
from goalkit.indicators._people import Balance, Count, Share
from goalkit.indicators._recorded import Assessed, Reported
from goalkit.indicators._survey import MeanChange, PairedChange, SurveyShare
from goalkit.indicators._timing import EventWithin, StatusAt, TimeToEvent

__all__ = [
    "BUILTIN_KINDS",
    "Assessed",
    "Balance",
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
