"""The domain model: projects, goals, targets, indicators, records and results."""

from __future__ import annotations

from goalkit.model._filter import Condition, Filter
from goalkit.model._goal import Goal, Level, Target
from goalkit.model._indicator import (
    AggregateIndicator,
    CompositeIndicator,
    Frames,
    GoalContext,
    Indicator,
    Outcome,
    Person,
    PersonIndicator,
    ReasonCodes,
    State,
    Summary,
    Tally,
    Unit,
    wilson_interval,
)
from goalkit.model._project import (
    DEFAULT_AGE_BANDS,
    Budget,
    BudgetLine,
    Period,
    Project,
    ReportingDate,
    ReportKind,
    TargetGroup,
)
from goalkit.model._records import Assessment, Event, Measurement, Participant, Response, Verdict
from goalkit.model._result import (
    REPORT_SCHEMA,
    Cell,
    DataIssue,
    DataSummary,
    GoalResult,
    Members,
    Report,
    Status,
)
from goalkit.model._text import Text

__all__ = [
    "DEFAULT_AGE_BANDS",
    "REPORT_SCHEMA",
    "AggregateIndicator",
    "Assessment",
    "Budget",
    "BudgetLine",
    "Cell",
    "CompositeIndicator",
    "Condition",
    "DataIssue",
    "DataSummary",
    "Event",
    "Filter",
    "Frames",
    "Goal",
    "GoalContext",
    "GoalResult",
    "Indicator",
    "Level",
    "Measurement",
    "Members",
    "Outcome",
    "Participant",
    "Period",
    "Person",
    "PersonIndicator",
    "Project",
    "ReasonCodes",
    "Report",
    "ReportKind",
    "ReportingDate",
    "Response",
    "State",
    "Status",
    "Summary",
    "Tally",
    "Target",
    "TargetGroup",
    "Text",
    "Unit",
    "Verdict",
    "wilson_interval",
]
