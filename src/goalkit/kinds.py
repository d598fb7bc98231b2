"""What an author of an indicator kind needs, in one place.

A kind says what is measured. A plugin adds one by subclassing :class:`PersonIndicator`
(people classified one by one), :class:`CompositeIndicator` (other indicators combined) or
:class:`AggregateIndicator` (recorded figures or judgements), decorating it with
``@attrs.frozen``, setting the class variables ``kind`` and ``unit``, and registering it
through the ``goalkit_register_kinds`` hook (:data:`goalkit.plugins.hookimpl`). It then
loads from and writes to goal files like a built-in kind. The tutorial
(``docs/tutorial-plugin.md``) writes one from start to end; ``goalkit.testing`` checks it.

The names, by what they are for:

* the families: :class:`Indicator`, :class:`PersonIndicator`, :class:`CompositeIndicator`,
  :class:`AggregateIndicator`, with :class:`Unit`;
* what a person kind is given and returns: :class:`GoalContext` (the dates
  the goal is evaluated against), :class:`Person` (one participant's facts, plain Python),
  :class:`Frames` (the same as narwhals frames), :class:`State` and :class:`Outcome` (a
  classification), :class:`ReasonCodes` (the reason numbers the engine counts by);
* what it summarises: :class:`Tally` (counts per state) into :class:`Summary` (a value
  with its bounds), helped by :func:`share_summary`, :func:`count_summary` and
  :func:`wilson_interval`;
* the building blocks of a kind with code of its own: :func:`cases`, :class:`Cases` and
  :class:`Branch` (an ordered table of conditions) with :func:`outcome_frame`, :func:`day`
  and :data:`PID` for the query side, :func:`first_answer` and :func:`reads_exit`;
* :data:`BUILTIN_KINDS`, every built-in kind, to read as examples.

A host that only loads goals and evaluates them needs none of this: see :mod:`goalkit`.
"""

from goalkit.indicators import (
    BUILTIN_KINDS,
    PID,
    Branch,
    Cases,
    cases,
    count_summary,
    day,
    first_answer,
    outcome_frame,
    reads_exit,
    share_summary,
)
from goalkit.model import (
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

__all__ = [
    "BUILTIN_KINDS",
    "PID",
    "AggregateIndicator",
    "Branch",
    "Cases",
    "CompositeIndicator",
    "Frames",
    "GoalContext",
    "Indicator",
    "Outcome",
    "Person",
    "PersonIndicator",
    "ReasonCodes",
    "State",
    "Summary",
    "Tally",
    "Unit",
    "cases",
    "count_summary",
    "day",
    "first_answer",
    "outcome_frame",
    "reads_exit",
    "share_summary",
    "wilson_interval",
]
