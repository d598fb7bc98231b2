"""The vocabulary of classification: a person-level kind as data the engine interprets.

A kind written in it says *what* decides a person, once; the engine works out *how*, twice:
row by row in plain Python (``goalkit.engine._rows``) and as one narwhals query for
polars, DuckDB, pandas, pyarrow or Spark (``goalkit.engine._query``). Nothing here imports
a data-frame library.

The words:

* per-person **lookups**: :func:`anchor` (the person's own date: ``enrolled``,
  ``exited``, or the first event of a kind), :func:`first_event` (the first event of some
  kinds inside a window), :func:`first_answer` (the score of the first answer to a
  question in a phase inside a window; on a tie the lowest) and :func:`in_spell` (whether
  the person is in a status that starts and ends with events, on a day);
* **terms** built from them and from participant columns (:func:`column`, :func:`matches`
  a :class:`~goalkit.model.Filter`, :func:`is_in`), constants, day arithmetic (``day +
  7``, ``earliest(a, b)``, ``days_between(a, b)``), comparisons and ``&``, ``|``, ``~``;
* an ordered table of **branches** (:class:`Branch`: condition → state and reason) with
  what everyone else gets, and an optional **value** (:class:`Rules`).

Every date is a day number (days since 1970-01-01, :func:`day`) in both interpretations, and
a missing value is null, as in SQL: arithmetic and comparisons with a null are null, ``&``
and ``|`` are three-valued, and a branch is taken only where its condition is true.
"""

from __future__ import annotations

import operator
from datetime import date
from typing import TYPE_CHECKING, Any

from attrs import field, frozen

from goalkit.model._filter import Filter
from goalkit.model._indicator import GoalContext, PersonIndicator, State
from goalkit.model._reasons import NO_ANCHOR_BY_DUE, NOT_EXITED, waiting_reason

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence


__all__ = [
    "EXIT_COLUMNS",
    "Branch",
    "Declared",
    "Rules",
    "Term",
    "Uses",
    "anchor",
    "anchor_waits",
    "choose",
    "column",
    "constant",
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
    "lookups",
    "matches",
    "month_day",
    "reads_exit",
    "rules_uses",
    "year",
]

_EPOCH = date(1970, 1, 1).toordinal()

EXIT_COLUMNS = frozenset({"exited", "exit_reason"})
"""The participant columns that are known only once the person has exited."""


def day(d: date) -> int:
    """A date as its day number (days since 1970-01-01), as every executor counts days."""
    return d.toordinal() - _EPOCH


def reads_exit(columns: Iterable[str]) -> bool:
    """Whether a test on these participant columns reads the person's exit."""
    return not EXIT_COLUMNS.isdisjoint(columns)


def _term(value: object) -> Term:
    """A term for ``value``: itself, or a constant (a date as its day number)."""
    if isinstance(value, Term):
        return value
    return Const(day(value) if isinstance(value, date) else value)


class Term:
    """A value per person: a number, a day, a score, a truth value or text, or null.

    Terms combine with ``+ days`` and ``- days`` (a day shifted), comparisons (``<``,
    ``<=``, ``>``, ``>=``; a comparison with a null is null), ``&``, ``|``, ``~`` (three
    valued) and :meth:`is_null`; ``==`` compares declarations, use :func:`is_in` for
    values.
    """

    __slots__ = ()

    def __add__(self, days: int) -> Term:
        return Shift(self, int(days))

    def __sub__(self, days: int) -> Term:
        return Shift(self, -int(days))

    def __lt__(self, other: object) -> Term:
        return Compare("lt", self, _term(other))

    def __le__(self, other: object) -> Term:
        return Compare("le", self, _term(other))

    def __gt__(self, other: object) -> Term:
        return Compare("gt", self, _term(other))

    def __ge__(self, other: object) -> Term:
        return Compare("ge", self, _term(other))

    def __and__(self, other: object) -> Term:
        return Logic("and", self, _term(other))

    def __or__(self, other: object) -> Term:
        return Logic("or", self, _term(other))

    def __invert__(self) -> Term:
        return Not(self)

    def is_null(self) -> Term:
        """True where the value is missing (never null itself)."""
        return IsNull(self)

    def present(self) -> Term:
        """True where there is a value (never null itself)."""
        return Not(IsNull(self))

    def parts(self) -> tuple[Term, ...]:
        """The terms this one is made of, in the order of its fields: a field that is a
        term, or a tuple of terms (or of pairs of them, as :class:`Choose`'s cases), gives
        each; any other value (a name, a number of days, a filter) none."""
        found: list[Term] = []
        for f in getattr(type(self), "__attrs_attrs__", ()):  # attrs.fields(), unchecked
            v = getattr(self, f.name)
            if isinstance(v, Term):
                found.append(v)
            elif isinstance(v, tuple):
                found.extend(_terms_in(v))
        return tuple(found)


def _terms_in(values: Iterable[Any]) -> Iterator[Term]:
    for v in values:
        if isinstance(v, Term):
            yield v
        elif isinstance(v, tuple):
            yield from _terms_in(v)


# -- lookups -----------------------------------------------------------------------------


class Lookup(Term):
    """A fact looked up per person (a date or a score): the executors compute each lookup
    once per person, the columnar one as a join."""

    __slots__ = ()


@frozen(order=False)
class Anchor(Lookup):
    """The person's own date ``name``: ``enrolled``, ``exited`` or the first event of that
    kind (not cut at the horizon: :func:`anchor_waits` does that)."""

    name: str


@frozen(order=False)
class FirstEvent(Lookup):
    """The day of the earliest event of one of ``kinds`` dated in ``[start, end]``."""

    kinds: tuple[str, ...]
    start: Term
    end: Term


@frozen(order=False)
class FirstAnswer(Lookup):
    """The score of the earliest answer to ``question`` in ``phase`` dated in ``[start,
    end]``; on a tie, the lowest score."""

    phase: str
    question: str
    start: Term
    end: Term


@frozen(order=False)
class InSpell(Lookup):
    """Whether the person is in the status that runs from a ``start`` event to the next
    ``end`` event on day ``at`` (an end on the day of a start does not end it); null when
    ``at`` is."""

    start: str
    end: str
    at: Term


# -- terms -------------------------------------------------------------------------------


@frozen(order=False)
class Const(Term):
    """The same value for everyone (``None``: null)."""

    value: Any


@frozen(order=False)
class Column(Term):
    """A participant column as known at the horizon: the exit columns (``exited``,
    ``exit_reason``) are null until the exit has been made by then."""

    name: str


@frozen(order=False)
class Matches(Term):
    """Whether the participant columns (as :class:`Column` reads them) pass a filter
    (never null: a condition on a missing value is false)."""

    where: Filter


@frozen(order=False)
class IsIn(Term):
    """Whether a term's value is one of ``values`` (false for a null)."""

    term: Term
    values: tuple[Any, ...]


@frozen(order=False)
class Shift(Term):
    """A day (or any integer) plus ``days``."""

    term: Term
    days: int


@frozen(order=False)
class Earliest(Term):
    """The least of the values that are not null (null when all are)."""

    terms: tuple[Term, ...]


@frozen(order=False)
class Between(Term):
    """``end - start`` (days between two days, a change in score)."""

    end: Term
    start: Term


@frozen(order=False)
class DatePart(Term):
    """A part of a date column: its ``year``, or its month and day as ``month * 100 +
    day`` (``month_day``, for "has the birthday come"), as an integer."""

    term: Term
    part: str


COMPARE: dict[str, Any] = {
    "lt": operator.lt, "le": operator.le, "gt": operator.gt, "ge": operator.ge,
}


@frozen(order=False)
class Compare(Term):
    """``left <op> right`` (null when either is)."""

    op: str
    left: Term
    right: Term


@frozen(order=False)
class Logic(Term):
    """Three-valued ``and``/``or``."""

    op: str
    left: Term
    right: Term


@frozen(order=False)
class Not(Term):
    """Three-valued negation."""

    term: Term


@frozen(order=False)
class IsNull(Term):
    """Whether a value is missing."""

    term: Term


@frozen(order=False)
class Choose(Term):
    """The value of the first ``(condition, value)`` whose condition is true, else
    ``otherwise``."""

    cases: tuple[tuple[Term, Term], ...]
    otherwise: Term


# -- the words kinds are written in --------------------------------------------------------


def anchor(name: str) -> Term:
    """The person's own date ``name``: ``enrolled``, ``exited``, or the first event of that
    kind (null when they have none)."""
    return Anchor(name)


def first_event(kinds: Sequence[str] | str, start: object, end: object) -> Term:
    """The day of the person's earliest event of one of ``kinds`` dated in ``[start,
    end]`` (days, dates or terms; null for none)."""
    names = (kinds,) if isinstance(kinds, str) else tuple(kinds)
    return FirstEvent(names, _term(start), _term(end))


def first_answer(phase: str, question: str, start: object, end: object) -> Term:
    """The score of the person's earliest answer to ``question`` in ``phase`` dated in
    ``[start, end]``; on a tie the lowest (null for none). A later answer never overturns
    it, so a decided person stays decided."""
    return FirstAnswer(phase, question, _term(start), _term(end))


def in_spell(start: str, end: str, at: object) -> Term:
    """Whether the person is in the status that starts with event ``start`` and ends with
    the next ``end`` on day ``at``."""
    return InSpell(start, end, _term(at))


def column(name: str) -> Term:
    """A participant column, the exit columns as known at the horizon (put
    :func:`exit_waits` before a branch that reads them)."""
    return Column(name)


def matches(where: Filter) -> Term:
    """Whether a person's columns pass ``where`` (as :func:`column` reads them)."""
    return Matches(where)


def is_in(term: Term, values: Sequence[Any]) -> Term:
    """Whether ``term`` is one of ``values`` (false for a null)."""
    return IsIn(term, tuple(values))


def constant(value: object) -> Term:
    """The same value for every person (a date as its day number; ``None``: null)."""
    return _term(value)


def earliest(*terms: object) -> Term:
    """The earliest of some days, leaving out nulls (``earliest(close, ctx.horizon)``)."""
    return Earliest(tuple(_term(t) for t in terms))


def difference(later: object, earlier: object) -> Term:
    """``later - earlier``: a change in score, or the days between two days."""
    return Between(_term(later), _term(earlier))


def days_between(start: object, end: object) -> Term:
    """The number of days from ``start`` to ``end``."""
    return Between(_term(end), _term(start))


def year(term: Term) -> Term:
    """The year of a date column."""
    return DatePart(term, "year")


def month_day(term: Term) -> Term:
    """The month and day of a date column as ``month * 100 + day``."""
    return DatePart(term, "month_day")


def exited_by(when: object) -> Term:
    """The exit rule: whether the person's exit is made by the day ``when`` (an exit dated
    after it is not made yet). The as-of cut, the exit as known at the horizon, the people
    the exit rule holds pending and the end-of-project rule all read it."""
    x = anchor("exited")
    return x.present() & (x <= _term(when))


def choose(*cases: tuple[object, object], otherwise: object = None) -> Term:
    """The value of the first ``(condition, value)`` whose condition is true, else
    ``otherwise``."""
    return Choose(tuple((_term(c), _term(v)) for c, v in cases), _term(otherwise))


@frozen
class Branch:
    """A condition, and the state and reason of the people it is the first to hold for."""

    when: Term = field(converter=_term)
    state: State
    reason: str | None = None


def _present(branches: Iterable[Branch | None]) -> tuple[Branch, ...]:
    return tuple(b for b in branches if b is not None)


@frozen
class Rules:
    """A classification: the first branch whose condition is true gives a person's state and
    reason, ``otherwise`` gives them to everyone else, and ``value`` (if any) gives each
    person a number (a change in score, a number of days). Branches given as ``None`` are
    left out, so that a rule that does not apply to a goal can be written in place."""

    branches: tuple[Branch, ...] = field(converter=_present)
    otherwise: tuple[State, str | None] = (State.FAILURE, None)
    value: Term | None = None

    def terms(self) -> Iterator[Term]:
        """Every term the rules are made of, each before those it is made of."""
        roots = [b.when for b in self.branches]
        if self.value is not None:
            roots.append(self.value)
        stack = list(reversed(roots))
        while stack:
            t = stack.pop()
            yield t
            stack.extend(reversed(t.parts()))

    @property
    def columns(self) -> frozenset[str]:
        """The participant columns the rules read."""
        found: set[str] = set()
        for t in self.terms():
            if isinstance(t, Column):
                found.add(t.name)
            elif isinstance(t, Matches):
                found |= t.where.columns
        return frozenset(found)

    @property
    def reasons(self) -> frozenset[str]:
        """Every reason the rules can give."""
        return frozenset(r for r in (*(b.reason for b in self.branches), self.otherwise[1])
                         if r is not None)


def lookups(rules: Rules) -> list[Lookup]:
    """The lookups of ``rules``, each once, every lookup after those its window reads."""
    found: list[Lookup] = []

    def visit(t: Term) -> None:
        for p in t.parts():
            visit(p)
        if isinstance(t, Lookup) and t not in found:
            found.append(t)

    for t in [b.when for b in rules.branches] + ([rules.value] if rules.value else []):
        visit(t)
    return found


def _names(values: Iterable[str | None]) -> frozenset[str]:
    return frozenset(v for v in values if v is not None)


@frozen
class Uses:
    """The names in the data an indicator relies on: participant columns, survey questions
    and phases, event kinds, anchors and reported metrics."""

    columns: frozenset[str] = field(factory=frozenset, converter=_names)
    questions: frozenset[str] = field(factory=frozenset, converter=_names)
    phases: frozenset[str] = field(factory=frozenset, converter=_names)
    event_kinds: frozenset[str] = field(factory=frozenset, converter=_names)
    anchors: frozenset[str] = field(factory=frozenset, converter=_names)
    metrics: frozenset[str] = field(factory=frozenset, converter=_names)

    def __or__(self, other: Uses) -> Uses:
        return Uses(self.columns | other.columns, self.questions | other.questions,
                    self.phases | other.phases, self.event_kinds | other.event_kinds,
                    self.anchors | other.anchors, self.metrics | other.metrics)


def _reads(term: Term, lookup: Lookup) -> bool:
    stack = [term]
    while stack:
        t = stack.pop()
        if t == lookup:
            return True
        stack.extend(t.parts())
    return False


def rules_uses(rules: Rules) -> Uses:
    """What ``rules`` read in the data: the participant columns they test, the question and
    phase of each answer, the event kinds of each event and spell, and each anchor.

    The anchor ``exited`` counts only where people wait for it (a pending branch reads
    it): a kind that merely stops following people at their exit needs no one to have
    exited.
    """
    questions: set[str] = set()
    phases: set[str] = set()
    events: set[str] = set()
    anchors: set[str] = set()
    for t in rules.terms():
        if isinstance(t, Anchor) and t.name != "exited":
            anchors.add(t.name)
        elif isinstance(t, FirstEvent):
            events.update(t.kinds)
        elif isinstance(t, FirstAnswer):
            questions.add(t.question)
            phases.add(t.phase)
        elif isinstance(t, InSpell):
            events.update((t.start, t.end))
    exit_ = Anchor("exited")
    if any(_reads(b.when, exit_) for b in rules.branches if b.state == State.PENDING):
        anchors.add("exited")
    return Uses(columns=rules.columns, questions=questions, phases=phases,
                event_kinds=events, anchors=anchors)


OPEN_GOAL = GoalContext(as_of=date(2000, 1, 1), due=None, cohort_close=date(2000, 1, 1))
"""The dates a kind's rules are read against to learn what they read: a goal still open
(no due date), so that every rule that makes people wait for something is in place."""


# -- the engine's own rules, written once ---------------------------------------------------


def anchor_waits(a: Term, name: str, ctx: GoalContext) -> Branch:
    """The branch for people whose anchor ``a`` (called ``name``) is not known by the
    horizon: pending (``not_exited``, ``awaiting_<name>``) before the due date, excluded
    (``no_anchor_by_due``) once it has passed."""
    missing = a.is_null() | (a > ctx.horizon)
    if ctx.deadline_passed:
        return Branch(missing, State.EXCLUDED, NO_ANCHOR_BY_DUE)
    return Branch(missing, State.PENDING, waiting_reason(name))


def exit_waits(ctx: GoalContext) -> Branch | None:
    """The exit rule: before the due date a person who has not exited by the horizon is
    pending (``not_exited``), since a test on their exit can still go either way; ``None``
    once the due date has passed (an exit after it is then not made)."""
    if ctx.deadline_passed:
        return None
    return Branch(~exited_by(ctx.horizon), State.PENDING, NOT_EXITED)


class Declared(PersonIndicator):
    """A person-level kind written in the vocabulary: it says :meth:`rules` and the engine
    classifies with them in both executors (no ``classify`` or ``classify_frame`` of its
    own). Set ``tables`` to the tables its lookups read (``events`` for
    :func:`first_event`, :func:`in_spell` and an anchor on an event; ``responses`` for
    :func:`first_answer`)."""

    def rules(self, ctx: GoalContext) -> Rules:
        """The classification of a cohort member for a goal with these dates."""
        raise NotImplementedError

    def data_uses(self) -> Uses:
        """What the kind reads in the data: what its rules read (for a goal still open,
        so that every waiting rule is in place), and the columns of its ``where``."""
        uses = rules_uses(self.rules(OPEN_GOAL))
        where = getattr(self, "where", None)
        if isinstance(where, Filter):
            uses = uses | Uses(columns=where.columns)
        return uses
