"""Goals written in code: the goal model and the built-in indicator kinds, in one place.

A goal file is the usual way to say what a project promised (``goalkit.load_goals``). A
host that builds its goals in code instead (a case-management system that keeps them in
its own database, a test) needs the same words the goal file has, and nothing else::

    import datetime as dt

    import goalkit
    from goalkit.goals import Goal, Level, Period, Project, Share, Target, Text

    work = Goal("work", Level.SUB_GOAL,
                Share(anchor="exited", condition={"exit_reason": "work"}),
                target=Target.at_least(0.4))
    project = Project(id="to-work", name=Text(sv="Till arbete", en="To work"),
                      period=Period(dt.date(2024, 1, 1), dt.date(2024, 12, 31)), goals=[work])
    assert goalkit.loads_goals(goalkit.dumps_goals(project)) == project

The names, by what they are for:

* the project and its dates: :class:`Project` (what ``goalkit.load_goals`` returns, also
  on the face of :mod:`goalkit`), :class:`Period`, :class:`ReportingDate` with
  :class:`ReportKind`, :class:`TargetGroup`, :class:`Budget` and :class:`BudgetLine`;
* a goal: :class:`Goal` at a :class:`Level`, with a :class:`Target`, its words in a
  :class:`Text` (Swedish and English), and a :class:`Filter` of :class:`Condition`
  (who a goal is about);
* the built-in kinds, what a goal measures: people classified one by one (:class:`Count`,
  :class:`Share`, :class:`Balance`, :class:`SurveyShare`, :class:`PairedChange`,
  :class:`MeanChange`, :class:`EventWithin`, :class:`StatusAt`, :class:`TimeToEvent`),
  indicators combined (:class:`Ratio`, :class:`CostPerOutcome`), and figures or
  judgements recorded by hand (:class:`Reported`, :class:`Assessed`). Each is described in
  ``docs/indicators.md``.

Why a module of its own rather than :mod:`goalkit.model` and :mod:`goalkit.indicators`:
those hold, beside these names, what the engine and a kind's author need (contexts,
tallies, summaries, the vocabulary of classification); a host that writes goals needs one
import that reads like the goal file, and the names here are the same objects as there.
Each reads as defined here (``Goal.__module__ == "goalkit.goals"``), ``Project`` as on
the face of :mod:`goalkit`.
"""

from goalkit import _lazy
from goalkit.indicators import (
    Assessed,
    Balance,
    CostPerOutcome,
    Count,
    EventWithin,
    MeanChange,
    PairedChange,
    Ratio,
    Reported,
    Share,
    StatusAt,
    SurveyShare,
    TimeToEvent,
)
from goalkit.model import (
    Budget,
    BudgetLine,
    Condition,
    Filter,
    Goal,
    Level,
    Period,
    Project,
    ReportingDate,
    ReportKind,
    Target,
    TargetGroup,
    Text,
)

__all__ = [
    "Assessed",
    "Balance",
    "Budget",
    "BudgetLine",
    "Condition",
    "CostPerOutcome",
    "Count",
    "EventWithin",
    "Filter",
    "Goal",
    "Level",
    "MeanChange",
    "PairedChange",
    "Period",
    "Project",
    "Ratio",
    "ReportKind",
    "Reported",
    "ReportingDate",
    "Share",
    "StatusAt",
    "SurveyShare",
    "Target",
    "TargetGroup",
    "Text",
    "TimeToEvent",
]

_lazy.adopt(Project, "goalkit")  # on the host's face too: it reads as goalkit's there
for _name in __all__:
    if _name != "Project":
        _lazy.adopt(globals()[_name], __name__)
del _name
