"""The engine's own rules, each written once in the vocabulary of classification and read
by both executors: who belongs to a goal's cohort, the end-of-project rule, age and age
band, and the exit as known on a day.

The plain-Python executor reads them with ``goalkit.engine._rows``, the columnar one with
``goalkit.engine._query``; neither has a copy of its own.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from goalkit.indicators._vocabulary import (
    Branch,
    Rules,
    Term,
    anchor,
    choose,
    column,
    constant,
    difference,
    exit_waits,
    exited_by,
    matches,
    month_day,
    reads_exit,
    year,
)
from goalkit.model._indicator import State
from goalkit.model._reasons import (
    ENROLLED_AFTER_COHORT_CLOSE,
    OUTSIDE_FILTER,
    OUTSIDE_TARGET_GROUP,
)

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from goalkit.model._indicator import GoalContext, PersonIndicator

__all__ = [
    "AGE",
    "PROJECT_END",
    "age_band",
    "band_labels",
    "cohort_rules",
    "exit_at_end",
    "outside_the_target_group",
    "stays_past",
]

PROJECT_END = "project_end"
"""The exit reason of a person treated as leaving at the end of the project period."""


def _age() -> Term:
    enrolled, born = column("enrolled"), column("birth_date")
    before_birthday = choose((month_day(enrolled) < month_day(born), 1), otherwise=0)
    exact = difference(difference(year(enrolled), year(born)), before_birthday)
    return choose((born.present(), exact),
                  otherwise=difference(year(enrolled), column("birth_year")))


AGE: Term = _age()
"""Age in whole years at enrolment; from the birth year alone, the difference of years."""


def band_labels(edges: Sequence[int]) -> list[str]:
    """Labels of the bands the lower ``edges`` make: ``-15``, ``16-19``, …, ``65-``."""
    labels = [f"-{edges[0] - 1}"]
    labels += [f"{lo}-{hi - 1}" for lo, hi in itertools.pairwise(edges)]
    labels.append(f"{edges[-1]}-")
    return labels


def age_band(edges: Sequence[int]) -> Term:
    """The age band the column ``age`` falls in (null for an unknown age)."""
    labels = band_labels(edges)
    age = column("age")
    cases = [(age.is_null(), constant(None))]
    cases += [(age < edge, constant(text)) for edge, text in zip(edges, labels, strict=False)]
    return choose(*cases, otherwise=labels[-1])


def outside_the_target_group(group: tuple[int | None, int | None]) -> Term:
    """Whether a person is certainly outside the target group ``(min_age, max_age)`` at
    enrolment. From a birth year alone the age is one of two years (``age - 1`` or
    ``age``): only a certain miss counts, as in the data issue
    ``age_outside_target_group``; an unknown age never does."""
    age = column("age")
    youngest = choose((column("birth_date").present(), age), otherwise=age - 1)
    low, high = group
    out: Term = constant(value=False)
    if low is not None:
        out = out | (age < low)
    if high is not None:
        out = out | (youngest > high)
    return out


def exit_at_end(ctx: GoalContext) -> date | None:
    """The day everyone not yet exited is treated as exiting (the end-of-project rule): the
    last day of the project period, once the as-of date has reached it; ``None`` when the
    rule is off or the period has not ended (nobody has left because of it yet)."""
    end = ctx.period_end
    if not ctx.exit_at_end or end is None or end > ctx.as_of:
        return None
    return end


def stays_past(end: date) -> Term:
    """Whether a person is still in the project after ``end`` (has not exited by then): the
    end-of-project rule has them leave on ``end`` (reason ``project_end``)."""
    return ~exited_by(end)


def cohort_rules(ind: PersonIndicator, ctx: GoalContext) -> Rules:
    """Who the goal leaves out before its kind sees them, and why: the branches hold for the
    people outside the cohort (``otherwise`` is never read: everyone else is classified by
    the kind). A filter on the exit sees it as known at the horizon, and holds a person
    pending (``not_exited``) before the due date until they have exited."""
    where = ind.where
    return Rules(
        [
            Branch(anchor("enrolled") > ctx.enrolment_horizon, State.EXCLUDED,
                   ENROLLED_AFTER_COHORT_CLOSE),
            None if ctx.target_group is None else Branch(
                outside_the_target_group(ctx.target_group), State.EXCLUDED, OUTSIDE_TARGET_GROUP),
            exit_waits(ctx) if where and reads_exit(where.columns) else None,
            Branch(~matches(where), State.EXCLUDED, OUTSIDE_FILTER) if where else None,
        ],
        (State.EXCLUDED, OUTSIDE_FILTER),
    )
