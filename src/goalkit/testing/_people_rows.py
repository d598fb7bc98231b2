"""People built to be in a state for a goal: their dates around the goal's own, and filter
columns chosen among values that pass (or fail) a filter. The kinds' builders
(``_kind_data``) are made of these."""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st

from goalkit.model._indicator import GoalContext, State

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from goalkit.model._filter import Condition, Filter
    from goalkit.model._project import Project

__all__ = [
    "DERIVED",
    "FAR",
    "GoalDates",
    "PersonStrategy",
    "Rows",
    "anchor_rows",
    "anchored_in",
    "apply_columns",
    "filter_columns",
    "one_of",
    "plus",
    "unanchored",
    "without_anchor",
]

Rows = tuple[dict[str, Any], list[tuple[date, str]], list[tuple[date, str, str, float]]]
"""One person: participant fields (no id), events ``(date, kind)``, answers
``(date, phase, question, score)``."""

PersonStrategy = st.SearchStrategy[Rows]

FAR = 400
"""How far (days) before a window dates with no other bound are drawn from."""

DERIVED = frozenset({"participant_id", "enrolled", "exited", "birth_date", "birth_year",
                      "age_band"})


# -- dates -------------------------------------------------------------------------------


def span(lo: date, hi: date) -> st.SearchStrategy[date] | None:
    return None if lo > hi else st.dates(lo, hi)


def plus(d: date, days: int) -> date:
    try:
        return d + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


class GoalDates:
    """The dates one goal is judged against, and the enrolment range."""

    def __init__(self, project: Project, ctx: GoalContext) -> None:
        from goalkit.engine._rules import exit_at_end  # noqa: PLC0415

        self.ctx = ctx
        self.h = ctx.horizon
        self.e_lo = project.period.start
        self.e_hi = ctx.enrolment_horizon
        self.passed = ctx.deadline_passed
        self.end = exit_at_end(ctx)
        """The end-of-project rule's exit day, once it applies: nobody is still in the
        project after it, and an exit after it does not count."""

    def people(
        self, anchors: Mapping[str, tuple[date, date]]
    ) -> st.SearchStrategy[tuple[date, dict[str, date]]] | None:
        """``(enrolled, {anchor: date})`` with each anchor's date in its range and on or
        after enrolment (``enrolled`` constrains the enrolment itself). ``None`` when no
        such person exists."""
        lo, hi = self.e_lo, self.e_hi
        others = {}
        for name, (a_lo, a_hi) in anchors.items():
            if name == "enrolled":
                lo, hi = max(lo, a_lo), min(hi, a_hi)
            else:
                last = min(a_hi, self.h)
                if name == "exited" and self.end is not None:
                    last = min(last, self.end)
                others[name] = (a_lo, last)
                hi = min(hi, last)
        if lo > hi or any(a_lo > a_hi for a_lo, a_hi in others.values()):
            return None

        @st.composite
        def draw(d: st.DrawFn) -> tuple[date, dict[str, date]]:
            e = d(st.dates(lo, hi))
            out = {"enrolled": e} if "enrolled" in anchors else {}
            for name, (a_lo, a_hi) in others.items():
                out[name] = d(st.dates(max(e, a_lo), a_hi))
            return e, out

        return draw()


def anchor_rows(e: date, dates: Mapping[str, date]) -> Rows:
    part: dict[str, Any] = {"enrolled": e, "exited": None, "exit_reason": None}
    events = []
    for name, when in dates.items():
        if name == "exited":
            part["exited"] = when
            part["exit_reason"] = "other"
        elif name != "enrolled":
            events.append((when, name))
    return part, events, []


def unanchored(dts: GoalDates, anchor: str) -> PersonStrategy | None:
    """A person whose anchor has not come by the horizon (never an exit, once the
    end-of-project rule has given everyone one)."""
    if anchor == "enrolled" or (anchor == "exited" and dts.end is not None):
        return None
    people = dts.people({})
    if people is None:
        return None
    return people.map(lambda ea: anchor_rows(ea[0], {}))


def one_of(options: Iterable[PersonStrategy | None]) -> PersonStrategy | None:
    found = [o for o in options if o is not None]
    return st.one_of(found) if found else None


def without_anchor(dts: GoalDates, anchor: str, state: State) -> PersonStrategy | None:
    """A person without their anchor, who is pending before the deadline and excluded
    after it."""
    pending = not dts.passed
    if (state is State.PENDING) != pending or state not in (State.PENDING, State.EXCLUDED):
        return None
    return unanchored(dts, anchor)


def anchored_in(
    dts: GoalDates, anchor: str, lo: date, hi: date,
    then: Callable[[st.DrawFn, date, Rows], Rows] | None = None,
) -> PersonStrategy | None:
    people = dts.people({anchor: (lo, hi)})
    if people is None:
        return None

    @st.composite
    def draw(d: st.DrawFn) -> Rows:
        e, dates = d(people)
        rows = anchor_rows(e, dates)
        return then(d, dates[anchor], rows) if then is not None else rows

    return draw()


# -- filter columns ----------------------------------------------------------------------


def candidates(conditions: Iterable[Condition]) -> list[Any]:
    values: list[Any] = [None, "F", "M", "X", "other", 30]
    for c in conditions:
        raw = c.value if isinstance(c.value, tuple) else (c.value,)
        for v in raw:
            if isinstance(v, bool):
                continue
            values.append(v)
            if isinstance(v, str):
                values.append(f"{v}-other")
            elif isinstance(v, int | float):
                values.extend([v - 1, v + 1, math.floor(v), math.ceil(v)])
        if c.op == "between" and all(isinstance(v, int | float) for v in raw):
            low, high = math.ceil(raw[0]), math.floor(raw[1])
            values.extend(range(low, min(high, low + 60) + 1))
    seen: set[tuple[str, Any]] = set()
    out: list[Any] = []
    for v in values:
        key = (type(v).__name__, v)
        if key not in seen:
            seen.add(key)
            out.append(v)
    return out


def column_values(
    conditions: list[Condition], want: bool, column: str
) -> list[Any]:
    pool = candidates(conditions)
    if column == "age":
        pool = [v for v in pool if v is None or (isinstance(v, int) and 0 <= v <= 100)]
    if column in ("sex", "exit_reason"):
        pool = [v for v in pool if v is None or isinstance(v, str)]
    ok = [v for v in pool if all(c.matches(v) for c in conditions) is want]
    if want and len(ok) > 1 and None in ok:
        ok.remove(None)
    return ok


def filter_columns(
    filters: Iterable[tuple[Filter, bool]],
) -> st.SearchStrategy[dict[str, Any]] | None:
    """Values for the filter columns such that each filter passes (``True``) or fails;
    ``None`` when the filters contradict each other (nobody can be like that)."""
    fixed: dict[str, list[Any]] = {}
    failing: list[dict[str, list[Any]]] = []
    by_filter = []
    for flt, want in filters:
        cols: dict[str, list[Condition]] = {}
        for c in flt.conditions:
            if c.column in DERIVED:
                msg = (f"data for a filter on {c.column!r} is not built yet; filter on sex, "
                       "age, exit_reason or an extra column")
                raise NotImplementedError(msg)
            cols.setdefault(c.column, []).append(c)
        by_filter.append((cols, want))
    for cols, want in by_filter:
        if want:
            for column, conds in cols.items():
                allowed = column_values(conds, want=True, column=column)
                prev = fixed.get(column)
                fixed[column] = allowed if prev is None else [v for v in prev if v in allowed]
    for cols, want in by_filter:
        if not want:
            options = {}
            for column, conds in cols.items():
                bad = column_values(conds, want=False, column=column)
                if column in fixed:
                    bad = [v for v in bad if v in fixed[column]]
                if bad:
                    options[column] = bad
            if not options:
                return None
            failing.append(options)
    if any(not values for values in fixed.values()):
        return None

    @st.composite
    def draw(d: st.DrawFn) -> dict[str, Any]:
        out = {column: d(st.sampled_from(values)) for column, values in fixed.items()}
        for options in failing:
            column = d(st.sampled_from(sorted(options)))
            out[column] = d(st.sampled_from(options[column]))
        return out

    return draw()


def apply_columns(
    rows: Rows, columns: Mapping[str, Any], age: int, *, exits: bool = True
) -> Rows:
    """The person with these column values. A value for ``exit_reason`` is only known once
    the person has exited: someone who has not is given an exit on their enrolment day
    (``exits``), or keeps no exit and no reason (a person who must stay unexited to be
    pending or without their anchor)."""
    part, events, answers = rows
    part = dict(part)
    for column, value in columns.items():
        if column == "age":
            age = value
        elif column == "exit_reason":
            if part["exited"] is None and exits:
                part["exited"] = part["enrolled"]
            part["exit_reason"] = value if part["exited"] is not None else None
        else:
            part[column] = value
    part["birth_year"] = None if age is None else part["enrolled"].year - age
    return part, events, answers
