"""The vocabulary of classification interpreted row by row, in plain Python.

:func:`compile_rules` turns a kind's :class:`~goalkit.indicators.Rules` for one goal into
one function of a person, made once per job: every term becomes a closure, and each lookup
is computed at most once per person, when a branch first needs it. Days are day numbers,
as in the columnar interpretation (``goalkit.engine._query``), and nulls behave as there.
"""

from __future__ import annotations

import bisect
from collections import Counter
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
    try:
        return date.fromordinal(n + _EPOCH)
    except (ValueError, OverflowError):
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
    index = _slots(Rules([Branch(t, State.SUCCESS)]))
    read = _reader(index, None)(t)
    size = len(index)
    return lambda person: read(_Row(person, size)) is True


def compile_rules(
    rules: Rules, ctx: GoalContext, *, first: Rules | None = None
) -> Callable[[Person], Outcome]:
    """The classification of one person by ``rules`` for a goal with the dates ``ctx``;
    the branches of ``first`` (the cohort rule) before them, without a value."""
    classify: Callable[[Person], Outcome] = _compile(rules, ctx, first=first)
    return classify


def compile_branches(rules: Rules, ctx: GoalContext) -> Callable[[Person], Outcome | None]:
    """The state and reason of the first branch of ``rules`` that holds for a person
    (``None`` when none does: ``otherwise`` is not read)."""
    return _compile(rules, ctx, fall_through=True)


def _compile(
    rules: Rules, ctx: GoalContext, *, fall_through: bool = False, first: Rules | None = None,
) -> Callable[[Person], Any]:
    """The outcome of the first branch that holds for a person, with their value; for
    nobody, ``otherwise`` (or ``None`` to fall through). The branches of ``first`` come
    before, and give no value; one row per person serves both."""
    every = Rules([*(first.branches if first else ()), *rules.branches], value=rules.value)
    index = _slots(every)
    term = _reader(index, ctx.horizon if reads_exit(every.columns) else None)
    size = len(index)
    before = [(term(b.when), b.state, b.reason) for b in (first.branches if first else ())]
    branches = [(term(b.when), b.state, b.reason) for b in rules.branches]
    value = None if rules.value is None else term(rules.value)
    last = None if fall_through else rules.otherwise

    def classify(person: Person) -> Outcome | None:
        row = _Row(person, size)
        for cond, state, reason in before:
            if cond(row) is True:
                return (state, reason, None)
        v = None
        if value is not None:
            got = value(row)
            v = None if got is None else float(got)
        for cond, state, reason in branches:
            if cond(row) is True:
                return (state, reason, v)
        return None if last is None else (last[0], last[1], v)

    return classify


def _slots(rules: Rules) -> dict[Lookup, int]:
    """The lookups kept once found for a person, each with its slot: those the rules read
    more than once, other than the person's own enrolment and exit (read where they are)."""
    uses = Counter(t for t in rules.terms() if isinstance(t, Lookup))
    kept = [lk for lk in lookups(rules) if uses[lk] > 1 and _memoized(lk)]
    return {lk: i for i, lk in enumerate(kept)}


def _memoized(lk: Lookup) -> bool:
    """Whether a lookup may be kept once found (the person's own enrolment and exit are
    read where they are)."""
    return not (isinstance(lk, Anchor) and lk.name in ("enrolled", "exited"))


def _reader(  # noqa: PLR0915 - one case a word of the vocabulary
    index: dict[Lookup, int], horizon: date | None
) -> Callable[[Term], Callable[[_Row], Any]]:
    """How terms are read for one set of rules: each lookup found once a person, in its
    slot of ``index``; the columns as they are, or (given the ``horizon``) the exit columns
    as known then."""
    exit_known: Callable[[_Row], Any] | None = None

    def seen(row: _Row) -> Mapping[str, Any]:
        if row.seen is None:
            cols = row.person.columns
            if exit_known is not None and exit_known(row) is not True:
                cols = {**cols, "exited": None, "exit_reason": None}
            row.seen = cols
        return row.seen

    def lookup(lk: Lookup) -> Callable[[_Row], Any]:
        find = _lookup(lk, term)
        at = index.get(lk)
        if at is None:  # read once: nothing to keep
            return find

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
        if isinstance(t, Earliest) and len(t.terms) == 2:  # earliest(close, horizon)
            one, other = term(t.terms[0]), term(t.terms[1])

            def earlier(row: _Row) -> Any:
                a, b = one(row), other(row)
                return b if a is None else a if b is None or a < b else b

            return earlier
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
            return _date_part(t, term, seen)
        if isinstance(t, Compare):
            return _compare(t, term)
        if isinstance(t, Logic):
            return _logic(t.op, term(t.left), term(t.right))
        if isinstance(t, Not) and isinstance(t.term, IsNull):  # present(): one step
            present = term(t.term.term)
            return lambda row: present(row) is not None
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
            table = _ranges(t)
            if table is not None:  # a value per range of one term (the age band): bisected
                return _ranged(term(table[0]), *table[1:])
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


def _date_part(
    t: DatePart, term: Callable[[Term], Callable[[_Row], Any]],
    seen: Callable[[_Row], Mapping[str, Any]],
) -> Callable[[_Row], int | None]:
    """A part of a date; a date column's read as the date it is (not as its day number)."""
    if isinstance(t.term, Column):
        name = t.term.name

        def raw(row: _Row) -> Any:
            return seen(row).get(name)

        inner: Callable[[_Row], Any] = raw
    else:
        inner = term(t.term)
    if t.part == "year":

        def year(row: _Row) -> int | None:
            v = inner(row)
            return None if v is None else (_date(v) if isinstance(v, int) else v).year

        return year

    def month_day(row: _Row) -> int | None:
        v = inner(row)
        if v is None:
            return None
        d = _date(v) if isinstance(v, int) else v
        return d.month * 100 + d.day

    return month_day


def _ranges(t: Choose) -> tuple[Term, Any, list[Any], list[Any]] | None:
    """``choose((x.is_null(), a), (x < e1, l1), …, (x < ek, lk), otherwise=l)`` with
    constant, increasing edges, as ``(x, a, [e1…ek], [l1…lk, l])``; ``None`` for any other
    choice."""
    cases = t.cases
    if not cases or not isinstance(t.otherwise, Const):
        return None
    first, rest = cases[0], cases[1:]
    if not (isinstance(first[0], IsNull) and isinstance(first[1], Const)):
        return None
    x = first[0].term
    edges, labels = [], []
    for cond, value in rest:
        if not (isinstance(cond, Compare) and cond.op == "lt" and cond.left == x
                and isinstance(cond.right, Const) and isinstance(value, Const)):
            return None
        edges.append(cond.right.value)
        labels.append(value.value)
    if not edges or edges != sorted(edges):
        return None
    return (x, first[1].value, edges, [*labels, t.otherwise.value])


def _ranged(
    x: Callable[[_Row], Any], missing: Any, edges: list[Any], labels: list[Any]
) -> Callable[[_Row], Any]:
    """:func:`_ranges` read by bisection."""
    def ranged(row: _Row) -> Any:
        v = x(row)
        return missing if v is None else labels[bisect.bisect_right(edges, v)]

    return ranged


def _compare(t: Compare, term: Callable[[Term], Callable[[_Row], Any]],
             ) -> Callable[[_Row], bool | None]:
    """A comparison (null with a null); against a constant, the common case, without
    reading the constant per person."""
    left, op = term(t.left), COMPARE[t.op]
    if isinstance(t.right, Const) and t.right.value is not None:
        c = t.right.value
        if t.op == "gt":
            return lambda row: None if (a := left(row)) is None else a > c
        if t.op == "le":
            return lambda row: None if (a := left(row)) is None else a <= c
        return lambda row: None if (a := left(row)) is None else bool(op(a, c))
    right = term(t.right)

    def compare(row: _Row) -> bool | None:
        a, b = left(row), right(row)
        return None if a is None or b is None else bool(op(a, b))

    return compare


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
        if name == "enrolled":
            return lambda row: row.person.enrolled.toordinal() - _EPOCH
        if name == "exited":
            return lambda row: None if (x := row.person.exited) is None else x.toordinal() - _EPOCH

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
