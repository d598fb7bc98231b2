"""The vocabulary of classification interpreted row by row, in plain Python.

:func:`compile_rules` turns a kind's :class:`~goalkit.indicators.Rules` for one goal into
one Python function of a person, made once per job (and kept for the date by the engine's
:class:`~goalkit.engine.Prepared`): the rules are written out as the source of that
function, as attrs and cattrs write their generated methods, and compiled. Every term
becomes an expression; a lookup read more than once is found once a person, when a branch
first needs it, and kept in a local variable; the rest of the code is the branches, in
order. Days are day numbers, as in the columnar interpretation (``goalkit.engine._query``),
and nulls behave as there.

Measured on the benchmark's data (300 people, the six-goal suite, every person classified
for every goal; the fastest of 200 rounds on the development machine), the closures nested
one a term that this replaced took 2.4 ms, the written-out functions 0.7 ms, with the same
outcomes; writing the six functions (and compiling them: the compiled code is kept per
source text, :func:`_code`) costs 0.38 ms a date, the fastest of 300 (0.56 ms when finding
the lookups to keep walked a term again at each of its uses, :func:`_slots`).
"""

from __future__ import annotations

import bisect
import functools
from datetime import date
from typing import TYPE_CHECKING, Any

from goalkit.engine._kept import kept
from goalkit.indicators._vocabulary import (
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
    exited_by,
    reads_exit,
)
from goalkit.model._indicator import State

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence
    from types import CodeType

    from goalkit.indicators._inputs import Person
    from goalkit.indicators._vocabulary import Term
    from goalkit.model._indicator import GoalContext, Outcome

__all__ = ["compile_branches", "compile_rules", "compile_term", "compile_test"]

_EPOCH = date(1970, 1, 1).toordinal()
_FIRST, _LAST = date.min.toordinal(), date.max.toordinal()
_OPS = {"lt": "<", "le": "<=", "gt": ">", "ge": ">="}
_EMPTY: tuple[Any, ...] = ()


@kept
def compile_term(t: Term) -> Callable[[Mapping[str, Any]], Any]:
    """A term that reads only columns (no lookup) as a function of a row of columns."""
    code = _Writer({}, columns="row")
    expr = code.term(t)
    return code.function("term", "row", [f"return {expr}"])  # type: ignore[no-any-return]


@kept
def compile_test(t: Term) -> Callable[[Person], bool]:
    """Whether a condition is true of a person (null is not)."""
    code = _Writer(_slots(Rules([Branch(t, State.SUCCESS)])))
    expr = code.term(t)
    return code.function("test", "person", [*code.head(None), f"return {expr} is True"])  # type: ignore[no-any-return]


def compile_rules(
    rules: Rules, ctx: GoalContext, *, first: Rules | None = None
) -> Callable[[Person], Outcome]:
    """The classification of one person by ``rules`` for a goal with the dates ``ctx``;
    the branches of ``first`` (the cohort rule) before them, without a value. States are
    given as their numbers (``int(State)``: a number hashes several times faster than an
    enum member, and the engine groups people by it)."""
    return _compile(rules, ctx, first=first)  # type: ignore[return-value]


def compile_branches(rules: Rules, ctx: GoalContext) -> Callable[[Person], Outcome | None]:
    """The state and reason of the first branch of ``rules`` that holds for a person
    (``None`` when none does: ``otherwise`` is not read)."""
    return _compile(rules, ctx, fall_through=True)


def _compile(
    rules: Rules, ctx: GoalContext, *, fall_through: bool = False, first: Rules | None = None,
) -> Callable[[Person], Outcome | None]:
    """The outcome of the first branch that holds for a person, with their value; for
    nobody, ``otherwise`` (or ``None`` to fall through). The branches of ``first`` come
    before, and give no value."""
    before = first.branches if first else ()
    code = _Writer(_slots(Rules([*before, *rules.branches], value=rules.value)))
    lines: list[str] = []
    for b in before:
        lines += [f"if {code.term(b.when)} is True:",
                  f"    return {code.constant((int(b.state), b.reason, None))}"]
    if rules.value is not None:
        lines += [f"value = {code.term(rules.value)}",
                  "if value is not None:", "    value = float(value)"]
    outcomes = [(b.state, b.reason) for b in rules.branches]
    if not fall_through:
        outcomes.append(rules.otherwise)
    returns = [  # an outcome with no value made once, not once a person
        f"return {code.constant((int(state), reason, None))}" if rules.value is None
        else f"return ({code.constant(int(state))}, {code.constant(reason)}, value)"
        for state, reason in outcomes]
    for b, done in zip(rules.branches, returns, strict=False):
        lines += [f"if {code.term(b.when)} is True:", f"    {done}"]
    lines.append(returns[-1] if not fall_through else "return None")
    horizon = ctx.horizon if reads_exit(code.read) else None
    return code.function("classify", "person", [*code.head(horizon), *lines])  # type: ignore[no-any-return]


def _slots(rules: Rules) -> dict[Lookup, str]:
    """The lookups kept once found for a person, each with its local variable: those the
    rules read more than once, other than the person's own enrolment and exit (read where
    they are); in the order each is first read (as :meth:`Rules.terms` walks them).

    A term that appears several times is most often one object used again (a lookup
    written once and read in several branches): its lookups are counted once an object
    and added up where it is used (:func:`_lookup_uses`), rather than walked again at
    each use (almost half of writing the suite's six functions when every use was
    walked)."""
    memo: dict[int, dict[int, tuple[Lookup, int]]] = {}
    roots = [b.when for b in rules.branches]
    if rules.value is not None:
        roots.append(rules.value)
    uses: dict[Lookup, int] = {}
    for root in roots:
        for lk, n in _lookup_uses(root, memo).values():
            uses[lk] = uses.get(lk, 0) + n
    kept = [lk for lk, n in uses.items() if n > 1]
    return {lk: f"found{i}" for i, lk in enumerate(kept)}


def _own_date(t: Term) -> bool:
    """Whether ``t`` is the person's own enrolment or exit (read where it is used)."""
    return isinstance(t, Anchor) and t.name in ("enrolled", "exited")


def _lookup_uses(
    t: Term, memo: dict[int, dict[int, tuple[Lookup, int]]]
) -> dict[int, tuple[Lookup, int]]:
    """The lookups ``t`` is made of (itself included; never the person's own enrolment
    or exit), each as the object and how many times it is read, by the object's id, in
    the order first read; ``memo`` holds the answer for each term object already walked
    (alive while the rules are)."""
    found = memo.get(id(t))
    if found is None:
        found = {id(t): (t, 1)} if isinstance(t, Lookup) and not _own_date(t) else {}
        for part in t.parts():
            for key, (lk, n) in _lookup_uses(part, memo).items():
                had = found.get(key)
                found[key] = (lk, n) if had is None else (lk, had[1] + n)
        memo[id(t)] = found
    return found


class _Writer:
    """The source of one function being written: its expressions, its local variables, and
    the values it reads by name (constants, filters, helpers)."""

    def __init__(self, slots: dict[Lookup, str], columns: str = "cols") -> None:
        self.slots = slots
        self.names: dict[str, Any] = dict(_HELPERS)
        self._constants: dict[tuple[type, Any, Any], str] = {}
        self._temps = 0
        self.columns = columns
        self.read: set[str] = set()
        """The participant columns read so far (by name)."""
        self.reads_columns = False
        self.anchors: set[str] = set()

    def constant(self, value: Any) -> str:
        """A name the function reads ``value`` by (one name for equal values of the same
        types: ``1``, ``1.0`` and ``True`` are equal, but are not the same constant)."""
        try:
            kinds = tuple(map(type, value)) if type(value) is tuple else None
            key: Any = (type(value), kinds, value)
            found = self._constants.get(key)
        except TypeError:  # unhashable: a name of its own
            key, found = None, None
        if found is None:
            found = f"k{len(self.names)}"
            self.names[found] = value
            if key is not None:
                self._constants[key] = found
        return found

    def temp(self) -> str:
        """A new local variable for a value read twice in one expression."""
        self._temps += 1
        return f"t{self._temps}"

    def head(self, horizon: date | None) -> list[str]:
        """The function's first lines: the columns as the rules see them (the exit columns
        null until the exit is made by ``horizon``, when given), the kept lookups unset."""
        lines = []
        known = (None if horizon is None or not self.reads_columns
                 else self.term(exited_by(horizon)))
        if "enrolled" in self.anchors:
            lines.append("enrolled_day = person.enrolled.toordinal() - EPOCH")
        if "exited" in self.anchors:
            lines.append("exited_day = None if (x := person.exited) is None "
                         "else x.toordinal() - EPOCH")
        if self.reads_columns:
            lines.append("cols = person.columns")
            if known is not None:
                lines += [f"if {known} is not True:",
                          "    cols = {**cols, 'exited': None, 'exit_reason': None}"]
        if self.slots:
            lines.append(" = ".join([*self.slots.values(), "UNSET"]))
        return lines

    def function(self, name: str, arg: str, body: list[str]) -> Any:
        """The function ``name(arg)`` with ``body``, compiled."""
        source = "\n".join([f"def {name}({arg}):", *(f"    {line}" for line in body)])
        namespace = dict(self.names)
        exec(_code(source, name), namespace)  # noqa: S102 - our own source
        made = namespace[name]
        made.__source__ = source  # for whoever debugs it
        return made

    def term(self, t: Term) -> str:
        """An expression for ``t``."""
        if isinstance(t, Lookup):
            return self.lookup(t)
        if isinstance(t, Const):
            return self.constant(t.value)
        if isinstance(t, Column):
            self.read.add(t.name)
            self.reads_columns = True
            read = f"{self.columns}.get({self.constant(t.name)})"
            if t.name in EXIT_COLUMNS or t.name == "enrolled":
                v = self.temp()
                return f"(day({v}) if isinstance(({v} := {read}), date) else {v})"
            return read
        if isinstance(t, Matches):
            self.read |= t.where.columns
            self.reads_columns = True
            return f"{self.constant(t.where)}.matches({self.columns})"
        if isinstance(t, IsIn):
            v = self.temp()
            values = self.constant(t.values)
            return f"(({v} := {self.term(t.term)}) is not None and {v} in {values})"
        if isinstance(t, Shift) and t.days == 0:
            return self.term(t.term)
        if isinstance(t, Shift):
            v = self.temp()
            return f"(None if ({v} := {self.term(t.term)}) is None else {v} + {int(t.days)})"
        if isinstance(t, Earliest) and len(t.terms) == 2 and isinstance(t.terms[1], Const):
            a, b = self.temp(), self.constant(t.terms[1].value)  # earliest(close, horizon)
            if t.terms[1].value is None:
                return self.term(t.terms[0])
            return f"({b} if ({a} := {self.term(t.terms[0])}) is None or {a} > {b} else {a})"
        if isinstance(t, Earliest):
            return f"earliest({', '.join(self.term(p) for p in t.terms)})"
        if isinstance(t, Between):
            e, s = self.temp(), self.temp()
            return (f"(None if ({e} := {self.term(t.end)}) is None "
                    f"or ({s} := {self.term(t.start)}) is None else {e} - {s})")
        if isinstance(t, DatePart):
            if isinstance(t.term, Column):  # a date column read as the date it is
                self.read.add(t.term.name)
                self.reads_columns = True
                inner = f"{self.columns}.get({self.constant(t.term.name)})"
            else:
                inner = self.term(t.term)
            return f"{'year' if t.part == 'year' else 'month_day'}({inner})"
        if isinstance(t, Compare):
            return self.compare(t)
        if isinstance(t, Logic):
            a, b = self.temp(), self.temp()
            left, right = self.term(t.left), self.term(t.right)
            if t.op == "and":
                return (f"(False if ({a} := {left}) is False else False if ({b} := {right}) "
                        f"is False else None if {a} is None or {b} is None else True)")
            return (f"(True if ({a} := {left}) is True else True if ({b} := {right}) "
                    f"is True else None if {a} is None or {b} is None else False)")
        if isinstance(t, Not) and isinstance(t.term, IsNull):  # present(): one step
            return f"({self.term(t.term.term)} is not None)"
        if isinstance(t, Not):
            v = self.temp()
            return f"(None if ({v} := {self.term(t.term)}) is None else not {v})"
        if isinstance(t, IsNull):
            return f"({self.term(t.term)} is None)"
        if isinstance(t, Choose):
            return self.choose(t)
        msg = f"no plain-Python reading of the term {t!r}"
        raise TypeError(msg)

    def compare(self, t: Compare) -> str:
        """A comparison (null with a null)."""
        a, op = self.temp(), _OPS[t.op]
        left = self.term(t.left)
        if isinstance(t.right, Const) and t.right.value is not None:
            return f"(None if ({a} := {left}) is None else {a} {op} {self.constant(t.right.value)})"
        b = self.temp()
        return (f"(None if ({a} := {left}) is None or ({b} := {self.term(t.right)}) is None "
                f"else {a} {op} {b})")

    def choose(self, t: Choose) -> str:
        """The value of the first case that holds; a value per range of one term (the age
        band) by bisection."""
        table = _ranges(t)
        if table is not None:
            x, missing, edges, labels = table
            v = self.temp()
            return (f"({self.constant(missing)} if ({v} := {self.term(x)}) is None else "
                    f"{self.constant(labels)}[bisect_right({self.constant(edges)}, {v})])")
        out = self.term(t.otherwise)
        for cond, value in reversed(t.cases):
            out = f"({self.term(value)} if {self.term(cond)} is True else {out})"
        return out

    def lookup(self, lk: Lookup) -> str:
        """A lookup: found where it is read, or once a person into its local variable."""
        find = self._find(lk)
        slot = self.slots.get(lk)
        if slot is None:
            return find
        return f"({slot} if {slot} is not UNSET else ({slot} := {find}))"

    def _find(self, lk: Lookup) -> str:
        if isinstance(lk, Anchor):
            if lk.name in ("enrolled", "exited"):  # day numbers found first (cheap)
                self.anchors.add(lk.name)
                return f"{lk.name}_day"
            return f"anchor(person, {self.constant(lk.name)})"
        if isinstance(lk, FirstEvent):
            return (f"first_event(person.events, {self.constant(lk.kinds)}, "
                    f"{self.term(lk.start)}, {self.term(lk.end)})")
        if isinstance(lk, FirstAnswer):
            return (f"first_answer(person.responses.get({self.constant((lk.phase, lk.question))},"
                    f" EMPTY), {self.term(lk.start)}, {self.term(lk.end)})")
        if isinstance(lk, InSpell):
            return (f"in_spell(person.events, {self.constant(lk.start)}, "
                    f"{self.constant(lk.end)}, {self.term(lk.at)})")
        msg = f"no plain-Python reading of the lookup {lk!r}"
        raise TypeError(msg)


@functools.lru_cache(maxsize=1024)
def _code(source: str, name: str) -> CodeType:
    """``source`` compiled. Compiling costs four times what writing the source does (the
    benchmark's six goals: 1.5 ms against 0.37 ms), and a host that builds its data set on
    every call (a page view) classifies by the same goals each time: the code of a source
    is kept, as :mod:`re` keeps a pattern's and :mod:`fnmatch` a translated one. It is a
    pure function of the text, giving an immutable code object, so nothing a call can see
    depends on what was kept (every constant is passed in by name, never written in); it
    is bounded, and thread-safe."""
    return compile(source, f"<goalkit {name}>", "exec")


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


# -- what the written functions call ------------------------------------------------------


def _day(d: date) -> int:
    return d.toordinal() - _EPOCH


def _date(n: int) -> date:
    """A day number as a date, clamped to the calendar."""
    n += _EPOCH
    return _from_ordinal(n if _FIRST <= n <= _LAST else min(max(n, _FIRST), _LAST))


_from_ordinal = date.fromordinal


def _year(v: Any) -> int | None:
    return None if v is None else (_date(v) if isinstance(v, int) else v).year


def _month_day(v: Any) -> int | None:
    if v is None:
        return None
    d = _date(v) if isinstance(v, int) else v
    return d.month * 100 + d.day


def _earliest(*values: Any) -> Any:
    present = [v for v in values if v is not None]
    return min(present) if present else None


def _anchor(person: Person, name: str) -> int | None:
    found = person.anchor(name)
    return None if found is None else found.toordinal() - _EPOCH


def _first_event(events: Mapping[str, Sequence[date]], kinds: Sequence[str],
                 lo: int | None, hi: int | None) -> int | None:
    """The day of the earliest event of ``kinds`` in ``[lo, hi]`` (each kind's dates
    sorted); compared as ordinals, so that no day need be made a date."""
    if lo is None or hi is None or lo > hi:
        return None
    lo += _EPOCH
    hi += _EPOCH
    found: int | None = None
    for kind in kinds:
        dates = events.get(kind)
        if not dates:
            continue
        i = bisect.bisect_left(dates, lo, key=_ordinal)
        if i < len(dates):
            n = dates[i].toordinal()
            if n <= hi and (found is None or n < found):
                found = n
    return None if found is None else found - _EPOCH


_ordinal = date.toordinal


def _first_answer(answers: Sequence[tuple[date, float]], lo: int | None,
                  hi: int | None) -> float | None:
    """The score of the earliest answer in ``[lo, hi]`` (answers sorted by date); on a tie,
    the lowest. Compared as ordinals."""
    if lo is None or hi is None or lo > hi or not answers:
        return None
    lo += _EPOCH
    hi += _EPOCH
    on: int | None = None
    best: float | None = None
    for when, score in answers:
        n = when.toordinal()
        if n < lo:
            continue
        if n > hi or (on is not None and n > on):
            break
        if best is None or score < best:
            on, best = n, score
    return best


def _in_spell(events: Mapping[str, Sequence[date]], begin: str, stop: str,
              at: int | None) -> bool | None:
    """Whether the last ``begin`` event by day ``at`` has no ``stop`` event after it by
    then."""
    if at is None:
        return None
    last = _date(at)
    started = None
    for d in events.get(begin, _EMPTY):
        if d > last:
            break
        started = d
    if started is None:
        return False
    return not any(started < d <= last for d in events.get(stop, _EMPTY))


_HELPERS: dict[str, Any] = {
    "UNSET": object(), "EPOCH": _EPOCH, "EMPTY": _EMPTY, "date": date, "day": _day,
    "bisect_right": bisect.bisect_right, "year": _year, "month_day": _month_day,
    "earliest": _earliest, "anchor": _anchor, "first_event": _first_event,
    "first_answer": _first_answer, "in_spell": _in_spell,
}
"""The names every written function reads besides its own constants."""
