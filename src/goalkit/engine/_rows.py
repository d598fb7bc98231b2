"""The vocabulary of classification interpreted row by row, in plain Python.

:func:`compile_rules` turns a kind's :class:`~goalkit.indicators.Rules` for one goal into
one function of a person, made once per job: every term becomes a closure, and each lookup
is computed at most once per person, when a branch first needs it. Days are day numbers,
as in the columnar interpretation (``goalkit.engine._query``), and nulls behave as there.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, cast

from goalkit.indicators._vocabulary import (
    COMPARE,
    EXIT_COLUMNS,
    Anchor,
    Between,
    Branch,
    Choose,
    Column,
    Compare,
    Const,
    DatePart,
    Earliest,
    FirstAnswer,
    FirstEvent,
    InSpell,
    IsIn,
    IsNull,
    Logic,
    Lookup,
    Matches,
    Not,
    Rules,
    Shift,
    day,
    exited_by,
    lookups,
    reads_exit,
)
from goalkit.model._indicator import State

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from goalkit.indicators._inputs import Person
    from goalkit.indicators._vocabulary import Term
    from goalkit.model._indicator import GoalContext, Outcome

__all__ = ["compile_branches", "compile_rules", "compile_term", "compile_test"]

_EPOCH = date(1970, 1, 1).toordinal()
_FIRST, _LAST = date.min.toordinal(), date.max.toordinal()


def _date(n: int) -> date:
    """A day number as a date, clamped to the calendar."""
    return date.fromordinal(min(max(n + _EPOCH, _FIRST), _LAST))


class _Row:
    """One person while their rules are read: the lookups found so far, and their columns as
    the rules see them (made when first read)."""

    __slots__ = ("found", "person", "seen")

    def __init__(self, person: Person, size: int,
                 seen: Mapping[str, Any] | None = None) -> None:
        self.person = person
        self.found: list[Any] = [_UNSET] * size
        self.seen = seen


_UNSET = object()


def compile_term(t: Term) -> Callable[[Mapping[str, Any]], Any]:
    """A term that reads only columns (no lookup) as a function of a row of columns."""
    term = _reader({}, None)
    read = term(t)
    nobody = cast("Person", None)  # a row of columns only: its terms have no lookup
    return lambda columns: read(_Row(nobody, 0, columns))


def compile_test(t: Term) -> Callable[[Person], bool]:
    """Whether a condition is true of a person (null is not)."""
    index = {lk: i for i, lk in enumerate(lookups(Rules([Branch(t, State.SUCCESS)])))}
    read = _reader(index, None)(t)
    size = len(index)
    return lambda person: read(_Row(person, size)) is True


def compile_rules(rules: Rules, ctx: GoalContext) -> Callable[[Person], Outcome]:
    """The classification of one person by ``rules`` for a goal with the dates ``ctx``."""
    first = _compile(rules, ctx)
    last_state, last_reason = rules.otherwise

    def classify(person: Person) -> Outcome:
        state, reason, value = first(person)
        return (last_state, last_reason, value) if state is None else (state, reason, value)

    return classify


def compile_branches(rules: Rules, ctx: GoalContext) -> Callable[[Person], Outcome | None]:
    """The state and reason of the first branch of ``rules`` that holds for a person
    (``None`` when none does: ``otherwise`` is not read)."""
    first = _compile(rules, ctx)

    def classify(person: Person) -> Outcome | None:
        state, reason, value = first(person)
        return None if state is None else (state, reason, value)

    return classify


def _compile(
    rules: Rules, ctx: GoalContext
) -> Callable[[Person], tuple[State | None, str | None, float | None]]:
    """The first branch that holds for a person (state ``None`` for none), and their value."""
    found = lookups(rules)
    index = {lk: i for i, lk in enumerate(found)}
    term = _reader(index, ctx.horizon if reads_exit(rules.columns) else None)
    size = len(index)
    branches = [(term(b.when), b.state, b.reason) for b in rules.branches]
    value = None if rules.value is None else term(rules.value)

    def first(person: Person) -> tuple[State | None, str | None, float | None]:
        row = _Row(person, size)
        v = None
        if value is not None:
            found = value(row)
            v = None if found is None else float(found)
        for cond, state, reason in branches:
            if cond(row) is True:
                return (state, reason, v)
        return (None, None, v)

    return first


def _reader(  # noqa: PLR0915 - one case a word of the vocabulary
    index: dict[Lookup, int], horizon: date | None
) -> Callable[[Term], Callable[[_Row], Any]]:
    """How terms are read for one set of rules: each lookup found once a person, in its
    slot of ``index``; the columns as they are, or (given the ``horizon``) the exit columns
    as known then."""
    exit_known: Callable[[_Row], Any] | None = None

    def seen(row: _Row) -> Mapping[str, Any]:
        if row.seen is None:
            assert row.person is not None
            cols = row.person.columns
            if exit_known is not None and exit_known(row) is not True:
                cols = {**cols, "exited": None, "exit_reason": None}
            row.seen = cols
        return row.seen

    def lookup(lk: Lookup) -> Callable[[_Row], Any]:
        at = index.setdefault(lk, len(index))
        find = _lookup(lk, term)

        def get(row: _Row) -> Any:
            value = row.found[at]
            if value is _UNSET:
                value = row.found[at] = find(row)
            return value

        return get

    def term(t: Term) -> Callable[[_Row], Any]:
        if isinstance(t, Lookup):
            return lookup(t)
        if isinstance(t, Const):
            value = t.value
            return lambda _: value
        if isinstance(t, Column):
            name = t.name
            as_day = name in EXIT_COLUMNS or name == "enrolled"

            def col(row: _Row) -> Any:
                v = seen(row).get(name)
                return day(v) if as_day and isinstance(v, date) else v

            return col
        if isinstance(t, Matches):
            where = t.where
            return lambda row: where.matches(seen(row))
        if isinstance(t, IsIn):
            inner, values = term(t.term), t.values

            def is_in(row: _Row) -> bool:
                v = inner(row)
                return v is not None and v in values

            return is_in
        if isinstance(t, Shift):
            inner, n = term(t.term), t.days

            def shift(row: _Row) -> Any:
                v = inner(row)
                return None if v is None else v + n

            return shift
        if isinstance(t, Earliest):
            parts = [term(p) for p in t.terms]

            def least(row: _Row) -> Any:
                values = [v for v in (p(row) for p in parts) if v is not None]
                return min(values) if values else None

            return least
        if isinstance(t, Between):
            end, start = term(t.end), term(t.start)

            def between(row: _Row) -> Any:
                e, s = end(row), start(row)
                return None if e is None or s is None else e - s

            return between
        if isinstance(t, DatePart):
            inner, part = term(t.term), t.part

            def date_part(row: _Row) -> int | None:
                v = inner(row)
                if v is None:
                    return None
                d = _date(v) if isinstance(v, int) else v
                return d.year if part == "year" else d.month * 100 + d.day

            return date_part
        if isinstance(t, Compare):
            left, right, op = term(t.left), term(t.right), COMPARE[t.op]

            def compare(row: _Row) -> bool | None:
                a, b = left(row), right(row)
                return None if a is None or b is None else bool(op(a, b))

            return compare
        if isinstance(t, Logic):
            return _logic(t.op, term(t.left), term(t.right))
        if isinstance(t, Not):
            inner = term(t.term)

            def negate(row: _Row) -> bool | None:
                v = inner(row)
                return None if v is None else not v

            return negate
        if isinstance(t, IsNull):
            inner = term(t.term)
            return lambda row: inner(row) is None
        if isinstance(t, Choose):
            cases = [(term(c), term(v)) for c, v in t.cases]
            otherwise = term(t.otherwise)

            def choose(row: _Row) -> Any:
                for cond, value in cases:
                    if cond(row) is True:
                        return value(row)
                return otherwise(row)

            return choose
        msg = f"no plain-Python reading of the term {t!r}"
        raise TypeError(msg)

    if horizon is not None:
        exit_known = term(exited_by(horizon))
    return term


def _logic(op: str, left: Callable[[_Row], Any], right: Callable[[_Row], Any],
           ) -> Callable[[_Row], bool | None]:
    """Three-valued ``and`` / ``or``, as SQL and the data-frame libraries have them."""
    if op == "and":

        def both(row: _Row) -> bool | None:
            a = left(row)
            if a is False:
                return False
            b = right(row)
            if b is False:
                return False
            return None if a is None or b is None else True

        return both

    def either(row: _Row) -> bool | None:
        a = left(row)
        if a is True:
            return True
        b = right(row)
        if b is True:
            return True
        return None if a is None or b is None else False

    return either


def _lookup(lk: Lookup, term: Callable[[Term], Callable[[_Row], Any]],
            ) -> Callable[[_Row], Any]:
    """How one lookup is found for a person."""
    if isinstance(lk, Anchor):
        name = lk.name

        def anchor(row: _Row) -> int | None:
            found = row.person.anchor(name)
            return None if found is None else day(found)

        return anchor
    if isinstance(lk, FirstEvent):
        kinds, start, end = lk.kinds, term(lk.start), term(lk.end)

        def event(row: _Row) -> int | None:
            lo, hi = start(row), end(row)
            if lo is None or hi is None or lo > hi:
                return None
            first, last = _date(lo), _date(hi)
            found: date | None = None
            for kind in kinds:
                for when in row.person.events.get(kind, ()):
                    if when > last:
                        break
                    if when >= first:
                        if found is None or when < found:
                            found = when
                        break
            return None if found is None else day(found)

        return event
    if isinstance(lk, FirstAnswer):
        key, start, end = (lk.phase, lk.question), term(lk.start), term(lk.end)

        def answer(row: _Row) -> float | None:
            lo, hi = start(row), end(row)
            if lo is None or hi is None or lo > hi:
                return None
            first, last = _date(lo), _date(hi)
            best: tuple[date, float] | None = None
            for when, score in row.person.responses.get(key, ()):
                if when < first:
                    continue
                if when > last or (best is not None and when > best[0]):
                    break
                best = (when, score if best is None else min(score, best[1]))
            return None if best is None else best[1]

        return answer
    if isinstance(lk, InSpell):
        begin, stop, at = lk.start, lk.end, term(lk.at)

        def spell(row: _Row) -> bool | None:
            t = at(row)
            if t is None:
                return None
            last = _date(t)
            started = None
            for d in row.person.events.get(begin, ()):
                if d > last:
                    break
                started = d
            if started is None:
                return False
            return not any(started < d <= last for d in row.person.events.get(stop, ()))

        return spell
    msg = f"no plain-Python reading of the lookup {lk!r}"
    raise TypeError(msg)
