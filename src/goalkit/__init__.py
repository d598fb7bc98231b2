"""goalkit: say what a social project promised, and check at any date whether it keeps it.

The public face is what a host needs: load goals, read data, evaluate (at one date, over
time, or again and again on data prepared once), render, the plugin host, the results and
the errors::

    import goalkit
    project = goalkit.load_goals("goals.toml")
    data = goalkit.read_data("data/", project=project)
    report = goalkit.evaluate(project, data, as_of=datetime.date(2015, 6, 15))
    print(goalkit.render(report, "md", project=project))

Two other audiences have a module each: a host that writes its goals in code rather
than in a goal file finds the goal model and the built-in kinds in :mod:`goalkit.goals`,
and the author of an indicator kind of their own finds what that needs in
:mod:`goalkit.kinds`. Everything else is in the documented subpackages
(``goalkit.model``, ``goalkit.data``, ``goalkit.plugins``, …).

Everything but the errors loads on first use (PEP 562), so ``import goalkit`` stays cheap
for a host that embeds it; a name, once loaded, reads as goalkit's own (``__module__``),
as httpx does.
"""

import logging as _logging
import typing as _typing

from goalkit import _lazy
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
from goalkit._version import __version__

if _typing.TYPE_CHECKING:
    from goalkit.data import SCHEMA, Dataset, read_data
    from goalkit.engine import Prepared, evaluate, evaluate_over_time, prepare
    from goalkit.model import (
        Assessment,
        DataIssue,
        DataSummary,
        Event,
        GoalResult,
        Measurement,
        Participant,
        Project,
        Report,
        Response,
        Status,
        Unit,
        Verdict,
    )
    from goalkit.plugins import PluginHost, load_project, make_plugin_manager
    from goalkit.reports import render, report_from_json, report_to_json
    from goalkit.specs import dump_goals, dumps_goals, load_goals, loads_goals

_HOME = {
    # load: goal files and installed projects (goals written in code: goalkit.goals)
    "load_goals": "goalkit.specs",
    "loads_goals": "goalkit.specs",
    "dump_goals": "goalkit.specs",
    "dumps_goals": "goalkit.specs",
    "load_project": "goalkit.plugins",
    "Project": "goalkit.model",
    # read data: the data set, its schema, and the records a host hands it
    "read_data": "goalkit.data",
    "Dataset": "goalkit.data",
    "SCHEMA": "goalkit.data",
    **dict.fromkeys(
        ("Participant", "Event", "Response", "Measurement", "Assessment", "Verdict"),
        "goalkit.model",
    ),
    # evaluate, at one date or over time
    "evaluate": "goalkit.engine",
    "evaluate_over_time": "goalkit.engine",
    "prepare": "goalkit.engine",
    "Prepared": "goalkit.engine",
    # results
    **dict.fromkeys(
        ("Report", "GoalResult", "Status", "Unit", "DataIssue", "DataSummary"), "goalkit.model"
    ),
    # render
    "render": "goalkit.reports",
    "report_to_json": "goalkit.reports",
    "report_from_json": "goalkit.reports",
    # the plugin host
    "make_plugin_manager": "goalkit.plugins",
    "PluginHost": "goalkit.plugins",
}
_SUBMODULES = frozenset({"cli", "data", "engine", "goals", "indicators", "kinds", "model",
                         "plugins", "reports", "specs", "testing", "typing"})

# goalkit's messages are records of the `goalkit` logger and its children; the library
# never configures logging (the command line installs its own handler while it runs)
_logging.getLogger(__name__).addHandler(_logging.NullHandler())

for _error in (DataError, DataValidationError, DuplicateRegistrationError, EvaluationError,
               GoalFileError, GoalkitError, PluginError, UnknownNameError):
    _lazy.adopt(_error, __name__)
del _error

__getattr__, __dir__ = _lazy.lazy_names(globals(), _HOME, _SUBMODULES, adopted=True)

__all__ = [
    "SCHEMA",
    "Assessment",
    "DataError",
    "DataIssue",
    "DataSummary",
    "DataValidationError",
    "Dataset",
    "DuplicateRegistrationError",
    "EvaluationError",
    "Event",
    "GoalFileError",
    "GoalResult",
    "GoalkitError",
    "Measurement",
    "Participant",
    "PluginError",
    "PluginHost",
    "Prepared",
    "Project",
    "Report",
    "Response",
    "Status",
    "Unit",
    "UnknownNameError",
    "Verdict",
    "__version__",
    "dump_goals",
    "dumps_goals",
    "evaluate",
    "evaluate_over_time",
    "load_goals",
    "load_project",
    "loads_goals",
    "make_plugin_manager",
    "prepare",
    "read_data",
    "render",
    "report_from_json",
    "report_to_json",
]
