"""What a kind's declaration says data must hold to reach each of its branches.

A kind written in the vocabulary of classification names everything it reads: the event
kinds of its anchors, of :func:`~goalkit.kinds.first_event` and
:func:`~goalkit.kinds.in_spell`, the phases and questions of
:func:`~goalkit.kinds.first_answer`, the participant columns it tests (and the values its
filters and ``is_in`` name), the windows it shifts a person's own days by, and the scores
its comparisons turn on. :func:`aim` reads them from the rules, for the dates of an open goal
and of one whose due date has passed, so that random data (``random_data``) can date events
on a window's edges, draw scores on either side of a threshold and column values that pass
and fail each test: reaching every branch by drawing, not by luck. Given the days the data
will be read on (:func:`horizons`), it also dates people's enrolments, exits, events and
answers from them, so that windows still open on those days are drawn by aim as well.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, cast

from attrs import field, frozen
from hypothesis import strategies as st

from goalkit.model._indicator import State

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from goalkit.indicators._vocabulary import Term
    from goalkit.model._indicator import GoalContext, Indicator
    from goalkit.model._project import Project
    from goalkit.testing._people_rows import Rows

__all__ = ["SCALE", "SEXES", "Aim", "aim", "aimed_person", "horizons", "outcomes"]

SEXES: tuple[str | None, ...] = ("F", "M", "X", None)
"""The values of ``sex`` drawn: female, male, non-binary (as the data accepts) and unknown."""

SCALE: tuple[float, ...] = (1.0, 2.0, 3.0, 4.0, 5.0)
"""The scores drawn besides those around a threshold (a 1 to 5 scale)."""


def _sorted(values: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(sorted(set(values), key=lambda v: (type(v).__name__, v)))


@frozen
class Aim:
    """What random data should hold to reach every branch of some kinds.

    :param events: the event kinds their lookups and anchors read.
    :param answers: the ``(phase, question)`` pairs their answers are looked up in.
    :param offsets: days, relative to a person's own dates (enrolment, exit, an anchor
        event), on which their windows open and close and their statuses are read; an event
        or answer dated on one of them, or a day either side, falls on each side of an edge.
    :param columns: each participant column they test, with values that pass and fail the
        test (``None`` among them: a missing value).
    :param scores: scores on both sides of every threshold, and ones whose differences are.
    """

    events: tuple[str, ...] = field(default=(), converter=_sorted)
    answers: tuple[tuple[str, str], ...] = field(default=(), converter=_sorted)
    offsets: tuple[int, ...] = field(default=(0,), converter=_sorted)
    columns: Mapping[str, tuple[Any, ...]] = field(factory=dict)
    scores: tuple[float, ...] = field(default=SCALE, converter=_sorted)

    def __or__(self, other: Aim) -> Aim:
        columns = dict(self.columns)
        for name, values in other.columns.items():
            columns[name] = _sorted((*columns.get(name, ()), *values))
        return Aim(events=(*self.events, *other.events),
                   answers=(*self.answers, *other.answers),
                   offsets=(*self.offsets, *other.offsets), columns=columns,
                   scores=(*self.scores, *other.scores))


def aim(indicator: Indicator, project: Project) -> Aim:
    """What data should hold to reach every branch of ``indicator`` (and of the indicators
    it is built from) for a goal of ``project``: read from the rules of each kind written in
    the vocabulary, as of the period's start, its end and a day past it. A kind with code of
    its own names nothing here: give ``random_data`` its events and answers."""
    from goalkit.engine._plan import context_for  # noqa: PLC0415
    from goalkit.indicators._vocabulary import Declared  # noqa: PLC0415
    from goalkit.model._goal import Goal  # noqa: PLC0415

    found = Aim()
    stack = [indicator]
    while stack:
        ind = stack.pop()
        stack.extend(ind.children())
        if not isinstance(ind, Declared):
            continue
        where = getattr(ind, "where", None)
        if where is not None:
            found |= Aim(columns=_filter_values(where.conditions))
        start, end = project.period.start, project.period.end
        for as_of in (start, end, end + timedelta(days=1)):
            goal = Goal(id="aim", level="sub_goal", indicator=ind, due=end)
            found |= _read(ind.rules(context_for(project, goal, as_of)))
    return found


def horizons(project: Project, as_of: date | Iterable[date]) -> tuple[date, ...]:
    """The days data are read on when ``project`` is evaluated as of ``as_of`` (one date or
    several): each date itself, and for each goal the last day its records are read to (the
    due date, once it has passed) and the last day a person may enrol to be counted (the
    cohort's close, once it has passed). Sorted, each once.

    :raises TypeError: ``as_of`` is not a date or a sequence of dates.
    :raises ValueError: ``as_of`` is an empty sequence.
    """
    from goalkit.engine._plan import context_for  # noqa: PLC0415

    given: object = as_of  # any value: a wrong one is caught here
    one = isinstance(given, date | str | bytes) or not isinstance(given, Iterable)
    values = (given,) if one else tuple(cast("Iterable[object]", given))
    dates = [d for d in values if isinstance(d, date)]
    if len(dates) < len(values):
        wrong = next(d for d in values if not isinstance(d, date))
        msg = f"as_of must be a date or a sequence of dates, not {wrong!r}"
        raise TypeError(msg)
    if not dates:
        msg = "as_of names no date: give a date, a sequence of dates, or None"
        raise ValueError(msg)
    days = set(dates)
    for goal in project.goals:
        for day in dates:
            ctx = context_for(project, goal, day)
            days.update((ctx.horizon, ctx.enrolment_horizon))
    return tuple(sorted(days))


def _read(rules: Any) -> Aim:
    from goalkit.indicators import _vocabulary as v  # noqa: PLC0415

    events: set[str] = set()
    answers: set[tuple[str, str]] = set()
    offsets: set[int] = {0}
    columns: dict[str, tuple[Any, ...]] = {}
    scores: set[float] = set(SCALE)
    for t in rules.terms():
        if isinstance(t, v.Anchor) and t.name not in ("enrolled", "exited"):
            events.add(t.name)
        elif isinstance(t, v.FirstEvent):
            events.update(t.kinds)
        elif isinstance(t, v.InSpell):
            events.update((t.start, t.end))
        elif isinstance(t, v.FirstAnswer):
            answers.add((t.phase, t.question))
        elif isinstance(t, v.Shift):
            offsets.add(t.days)
        elif isinstance(t, v.Matches):
            for name, values in _filter_values(t.where.conditions).items():
                columns[name] = (*columns.get(name, ()), *values)
        elif isinstance(t, v.IsIn) and isinstance(t.term, v.Column):
            name = t.term.name
            columns[name] = (*columns.get(name, ()), *_alike(t.values, [*t.values, None]))
        elif isinstance(t, v.Column):
            columns.setdefault(t.name, (None, "other"))
        elif isinstance(t, v.Compare):
            scores.update(_around(t, v))
    return Aim(events=events, answers=answers, offsets=offsets, columns=columns,
               scores=scores)


def _reads_answer(t: Term, v: Any) -> tuple[bool, bool]:
    """Whether ``t`` reads an answer, and whether it is a difference of answers."""
    if isinstance(t, v.FirstAnswer):
        return True, False
    if isinstance(t, v.Between):
        return _reads_answer(t.end, v)[0] and _reads_answer(t.start, v)[0], True
    return False, False


def _around(t: Any, v: Any) -> Iterator[float]:
    """Scores on both sides of the threshold a comparison holds an answer (or a change in
    answers) to."""
    for side, other in ((t.left, t.right), (t.right, t.left)):
        reads, change = _reads_answer(side, v)
        if not (reads and isinstance(other, v.Const)):
            continue
        value = other.value
        if isinstance(value, bool) or not isinstance(value, int | float):
            continue
        for k in (-1.0, 0.0, 1.0):
            if change:  # a change of value + k: answers from 1 to 1 + value + k
                yield from (s + value + k for s in SCALE)
            else:
                yield value + k


def _filter_values(conditions: Iterable[Any]) -> dict[str, tuple[Any, ...]]:
    """For each column of some conditions, values that pass and fail them."""
    from goalkit.testing._people_rows import candidates  # noqa: PLC0415

    by_column: dict[str, list[Any]] = {}
    for c in conditions:
        by_column.setdefault(c.column, []).append(c)
    return {name: _alike([x for c in conds for x in (c.value if isinstance(c.value, tuple)
                                                      else (c.value,))], candidates(conds))
            for name, conds in by_column.items()}


def _alike(named: Iterable[Any], values: Iterable[Any]) -> tuple[Any, ...]:
    """Of ``values``, ``None`` and those of the type of the values a test names (text, or
    numbers), with one more that none of the tests names, so that a column holds one type."""
    named = [x for x in named if x is not None and not isinstance(x, bool)]
    numbers = bool(named) and all(isinstance(x, int | float) for x in named)
    kind: type | tuple[type, ...] = (int, float) if numbers else str
    out = [x for x in values if x is None or (isinstance(x, kind) and not isinstance(x, bool))]
    out.append(max(named) + 1 if numbers else "other")
    return _sorted(out)


def outcomes(ind: Any, ctx: GoalContext) -> frozenset[State]:
    """The states a kind's rules can give a person for a goal with these dates: each branch's
    up to the first that holds for everyone (a constant truth, a filter with no condition),
    and ``otherwise`` if none does; a branch that holds for nobody (a constant falsehood;
    waiting for the enrolment, which every person the engine hands a kind has) gives none.
    A ``where`` filter leaves people out (``excluded``)."""
    from goalkit.indicators import _vocabulary as v  # noqa: PLC0415
    from goalkit.model._filter import Filter  # noqa: PLC0415

    rules = ind.rules(ctx)
    never = (v.Const(value=False), v.anchor_waits(v.anchor("enrolled"), "enrolled", ctx).when)
    always = (v.Const(value=True), v.matches(Filter()))
    found: set[State] = set()
    for branch in rules.branches:
        if branch.when in never:
            continue
        found.add(branch.state)
        if branch.when in always:
            break
    else:
        found.add(rules.otherwise[0])
    if getattr(ind, "where", None):
        found.add(State.EXCLUDED)
    return frozenset(found)


_EXIT_REASONS = ("work", "studies", "other")
_DRAWN = frozenset({"participant_id", "enrolled", "exited", "birth_date", "birth_year",
                    "age_band"})
"""Participant columns drawn with the person, never from a kind's tests."""


def aimed_person(
    start: date, end: date, found: Aim, read_on: Sequence[date] = (),
) -> st.SearchStrategy[Rows]:
    """One person enrolled in ``[start, end]``, aimed by ``found``: their participant fields
    (no id), events ``(date, kind)`` and answers ``(date, phase, question, score)``.

    Some exit (on an edge or at random); each has a sex (``F``, ``M``, ``X`` or unknown), a
    birth date, a birth year or neither, and a value for every column the kinds test. Each
    event and answer is dated on an edge the rules name (an offset from one of the
    person's own days, or a day either side) or at random around those days; an event is
    one of the person's own days for the events after it (an anchor event).

    ``read_on`` are the days the data will be read on (:func:`horizons`). Given, the
    enrolment, the exit, each event and each answer may instead be dated from one of them:
    on the day a window the rules name would close (or open) on it, a day either side, or
    at random around it, so that windows still open and answers still to come are drawn
    by aim. With none, the draws are exactly those made without them.
    """
    span = max((end - start).days, 0)
    kinds, asked, offsets = found.events, found.answers, found.offsets
    scores = finite(found.scores)
    lo, hi = date(1900, 1, 1), date(2200, 12, 31)
    # a window opens or closes ``o`` days from a person's own day: on the horizon when
    # that day is ``o`` days before it
    back = _sorted(-o for o in offsets)

    @st.composite
    def draw_person(draw: st.DrawFn) -> Rows:
        def when(own: list[date], spread: int) -> date:
            if read_on and draw(st.integers(0, 3)) == 0:  # one in four: from a horizon
                return from_horizon(spread)
            base = draw(st.sampled_from(own))
            if draw(st.booleans()):
                days = draw(st.sampled_from(offsets)) + draw(st.sampled_from((-1, 0, 1)))
            else:
                days = draw(st.integers(-spread // 10, spread))
            return shifted(base, days, lo, hi)

        def from_horizon(spread: int) -> date:
            base = draw(st.sampled_from(read_on))
            if draw(st.booleans()):
                days = draw(st.sampled_from(back)) + draw(st.sampled_from((-1, 0, 1)))
            else:
                days = draw(st.integers(-spread, spread // 10))
            return shifted(base, days, lo, hi)

        if bool(read_on) and draw(st.booleans()):
            enrolled = min(max(from_horizon(span), start), end)
        else:
            enrolled = start + timedelta(days=draw(st.integers(0, span)))
        exited = None
        if read_on:  # not exited, exited from the enrolment, or from a horizon
            exit_from = draw(st.sampled_from(("none", "enrolled", "horizon")))
            if exit_from != "none":
                exited = max(enrolled, from_horizon(400) if exit_from == "horizon"
                             else when([enrolled], 400))
        elif draw(st.booleans()):
            exited = max(enrolled, when([enrolled], 400))
        born = draw(st.sampled_from(["date", "year", "none"]))
        birth = date(1960, 1, 1) + timedelta(days=draw(st.integers(0, 15000)))
        row: dict[str, Any] = {
            "enrolled": enrolled, "exited": exited, "exit_reason": None,
            "sex": draw(st.sampled_from(SEXES)),
            "birth_date": birth if born == "date" else None,
            "birth_year": birth.year if born == "year" else None,
        }
        for name, values in sorted(found.columns.items()):
            _column(draw, row, name, values)
        if exited is not None and row["exit_reason"] is None:
            row["exit_reason"] = draw(st.sampled_from(_EXIT_REASONS))
        own = [enrolled, *([exited] if exited else [])]
        events: list[tuple[date, str]] = []
        for _ in range(draw(st.integers(0, 5)) if kinds else 0):
            day = max(when(own, 400), enrolled)
            events.append((day, draw(st.sampled_from(kinds))))
            own.append(day)  # an anchor event: later windows open from it
        answers: list[tuple[date, str, str, float]] = []
        for _ in range(draw(st.integers(0, 4)) if asked else 0):
            phase, question = draw(st.sampled_from(asked))
            answers.append((max(when(own, 60), enrolled), phase, question,
                            float(draw(st.sampled_from(scores)))))
        return row, events, answers

    return draw_person()


def _column(draw: st.DrawFn, row: dict[str, Any], name: str, values: tuple[Any, ...]) -> None:
    """Give the person a value of a column a kind tests, among ``values``."""
    if name in _DRAWN:
        return
    if name == "age":
        ages = [a for a in values if isinstance(a, int) and not isinstance(a, bool)
                and 0 <= a <= 110]
        if not ages:
            return
        aimed: bool = draw(st.booleans())
        if aimed:
            age: int = draw(st.sampled_from(ages))
            row["birth_year"], row["birth_date"] = row["enrolled"].year - age, None
        return
    if name == "sex":
        named = sorted({s for s in values if isinstance(s, str)} - set(SEXES))
        row["sex"] = draw(st.sampled_from([*SEXES, *named]))
        return
    if name == "exit_reason":
        if row["exited"] is not None:
            pool = [s for s in values if s is None or isinstance(s, str)]
            row["exit_reason"] = draw(st.sampled_from([*_EXIT_REASONS, *pool]))
        return
    row[name] = draw(st.sampled_from(values))


def shifted(d: date, days: int, lo: date, hi: date) -> date:
    """``d`` moved by ``days``, kept inside ``[lo, hi]``."""
    try:
        moved = d + timedelta(days=days)
    except OverflowError:
        moved = hi if days > 0 else lo
    return min(max(moved, lo), hi)


def finite(values: Iterable[float]) -> tuple[float, ...]:
    """The finite values (a score is never infinite or not a number)."""
    return tuple(x for x in values if math.isfinite(x))
