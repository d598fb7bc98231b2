"""goalkit: say what a social project promised, and check at any date whether it keeps it.

The small public face::

    import goalkit
    project = goalkit.load_goals("goals.toml")
    data = goalkit.Dataset.from_folder("data/")
    report = goalkit.evaluate(project, data, as_of=datetime.date(2015, 6, 15))
    print(goalkit.report_to_json(report))
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from goalkit._exceptions import (
    DataError,
    DataValidationError,
    DuplicateRegistrationError,
    EvaluationError,
    GoalFileError,
    GoalkitError,
    PluginError,
    UnknownNameError,
)
from goalkit._lazy import lazy_names
from goalkit._version import __version__
from goalkit.indicators import (
    Assessed,
    Balance,
    CostPerOutcome,
    Count,
    EventWithin,
    Frames,
    MeanChange,
    PairedChange,
    Person,
    Ratio,
    Reported,
    Share,
    StatusAt,
    SurveyShare,
    TimeToEvent,
)
from goalkit.model import (
    AggregateIndicator,
    Assessment,
    Budget,
    BudgetLine,
    Cell,
    CompositeIndicator,
    Condition,
    DataIssue,
    DataSummary,
    Event,
    Filter,
    Goal,
    GoalContext,
    GoalResult,
    Indicator,
    Level,
    Measurement,
    Members,
    Participant,
    Period,
    PersonIndicator,
    Project,
    Report,
    ReportingDate,
    ReportKind,
    Response,
    State,
    Status,
    Summary,
    Tally,
    Target,
    TargetGroup,
    Text,
    Unit,
    Verdict,
)

if TYPE_CHECKING:
    from goalkit.data import SCHEMA, Dataset
    from goalkit.engine import evaluate
    from goalkit.plugins import make_plugin_manager
    from goalkit.reports import report_from_json, report_to_json
    from goalkit.specs import dump_goals, dumps_goals, load_goals, loads_goals

# Data, engine, plugins, reports and goal files load on first use, so that `import goalkit`
# stays cheap for a host that embeds it (PEP 562).
_LAZY = {
    "SCHEMA": "goalkit.data",
    "Dataset": "goalkit.data",
    "evaluate": "goalkit.engine",
    "make_plugin_manager": "goalkit.plugins",
    "report_from_json": "goalkit.reports",
    "report_to_json": "goalkit.reports",
    "dump_goals": "goalkit.specs",
    "dumps_goals": "goalkit.specs",
    "load_goals": "goalkit.specs",
    "loads_goals": "goalkit.specs",
}
_SUBMODULES = frozenset({"cli", "data", "engine", "indicators", "model", "plugins", "reports",
                         "specs", "testing", "typing"})


__getattr__, __dir__ = lazy_names(globals(), _LAZY, _SUBMODULES)


__all__ = [
    "SCHEMA",
    "AggregateIndicator",
    "Assessed",
    "Assessment",
    "Balance",
    "Budget",
    "BudgetLine",
    "Cell",
    "CompositeIndicator",
    "Condition",
    "CostPerOutcome",
    "Count",
    "DataError",
    "DataIssue",
    "DataSummary",
    "DataValidationError",
    "Dataset",
    "DuplicateRegistrationError",
    "EvaluationError",
    "Event",
    "EventWithin",
    "Filter",
    "Frames",
    "Goal",
    "GoalContext",
    "GoalFileError",
    "GoalResult",
    "GoalkitError",
    "Indicator",
    "Level",
    "MeanChange",
    "Measurement",
    "Members",
    "PairedChange",
    "Participant",
    "Period",
    "Person",
    "PersonIndicator",
    "PluginError",
    "Project",
    "Ratio",
    "Report",
    "ReportKind",
    "Reported",
    "ReportingDate",
    "Response",
    "Share",
    "State",
    "Status",
    "StatusAt",
    "Summary",
    "SurveyShare",
    "Tally",
    "Target",
    "TargetGroup",
    "Text",
    "TimeToEvent",
    "Unit",
    "UnknownNameError",
    "Verdict",
    "__version__",
    "dump_goals",
    "dumps_goals",
    "evaluate",
    "load_goals",
    "loads_goals",
    "make_plugin_manager",
    "report_from_json",
    "report_to_json",
]
