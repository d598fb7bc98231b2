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
* the vocabulary of classification, which both executors read, so a kind written in it
  needs no code of its own (``docs/indicators.md``): :class:`Declared` (the base of such a
  kind), per-person lookups :func:`anchor`, :func:`first_event`, :func:`first_answer` and
  :func:`in_spell`; terms :class:`Term`, :func:`column`, :func:`constant`, :func:`matches`,
  :func:`is_in`, :func:`earliest`, :func:`difference`, :func:`days_between`,
  :func:`choose` and :func:`exited_by`; the engine's own rules as words,
  :func:`anchor_waits` and :func:`exit_waits`; :class:`Rules` and :class:`Branch` (an
  ordered table of conditions, each giving a state and a reason); reasons declared once,
  :class:`Reason` in :data:`REASONS`, read with :func:`reason_label`; and
  :func:`km_median` for a time-to-event value;
* the building blocks of a kind with code of its own: :func:`cases` and :class:`Cases`
  with :func:`outcome_frame`, :func:`day` and :data:`PID` for the query side, and
  :func:`reads_exit`;
* :data:`BUILTIN_KINDS`, every built-in kind, to read as examples.

A host that only loads goals and evaluates them needs none of this: see :mod:`goalkit`.
"""

from goalkit.indicators import (
    BUILTIN_KINDS,
    PID,
    REASONS,
    Branch,
    Cases,
    Declared,
    Frames,
    Person,
    Reason,
    ReasonCodes,
    Rules,
    Term,
    anchor,
    anchor_waits,
    cases,
    choose,
    column,
    constant,
    count_summary,
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
    km_median,
    matches,
    outcome_frame,
    reads_exit,
    reason_label,
    share_summary,
)
from goalkit.model import (
    AggregateIndicator,
    CompositeIndicator,
    GoalContext,
    Indicator,
    Outcome,
    PersonIndicator,
    State,
    Summary,
    Tally,
    Unit,
    wilson_interval,
)

__all__ = [
    "BUILTIN_KINDS",
    "PID",
    "REASONS",
    "AggregateIndicator",
    "Branch",
    "Cases",
    "CompositeIndicator",
    "Declared",
    "Frames",
    "GoalContext",
    "Indicator",
    "Outcome",
    "Person",
    "PersonIndicator",
    "Reason",
    "ReasonCodes",
    "Rules",
    "State",
    "Summary",
    "Tally",
    "Term",
    "Unit",
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
    "wilson_interval",
]
