"""The plain-Python executor: for a few hundred people held in memory.

It imports no data-frame library and costs well under a millisecond a goal for a
project-sized data set. Its results equal the columnar executor's (a property test holds
the two together).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from goalkit.engine._kept import kept
from goalkit.engine._plan import Counts, Job, JobOutput
from goalkit.engine._rows import compile_branches, compile_rules, compile_test
from goalkit.engine._rules import PROJECT_END, cohort_rules, exit_at_end, stays_past
from goalkit.indicators._inputs import Person
from goalkit.indicators._vocabulary import Declared

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from datetime import date

    from goalkit.engine._prepared import People
    from goalkit.model._indicator import GoalContext, Outcome, PersonIndicator

__all__ = ["run_python"]


def _exits_at(person: Person, end: date) -> Person:
    """The person as the end-of-project rule sees them: leaving on ``end``, the last day of
    the project period, because the project ended (an exit after it is not counted)."""
    columns = {**person.columns, "exited": end, "exit_reason": PROJECT_END}
    return Person(person.id, person.enrolled, end, columns, person.events, person.responses)


def _classifier(ind: PersonIndicator, ctx: GoalContext) -> Callable[[Person], Outcome]:
    """How one job classifies a person: the cohort rule, then the kind's declared rules
    read row by row, or its own ``classify``."""
    cohort = cohort_rules(ind, ctx)
    if isinstance(ind, Declared):
        return compile_rules(ind.rules(ctx), ctx, first=cohort)
    left_out = compile_branches(cohort, ctx)

    def classify(person: Person) -> Outcome:
        outcome = left_out(person)
        return ind.classify(person, ctx) if outcome is None else outcome

    return classify


@kept
def _compiled(
    ind: PersonIndicator, ctx: GoalContext
) -> tuple[Callable[[Person], Outcome], date | None, Callable[[Person], bool] | None]:
    """One job's classification, and its end-of-project rule (the day and who stays past
    it), compiled once per indicator and goal dates (:func:`~goalkit.engine._kept.kept`)."""
    end = exit_at_end(ctx)
    return (_classifier(ind, ctx), end,
            None if end is None else compile_test(stays_past(end)))


def run_python(
    known: People, jobs: Sequence[Job], dims: Sequence[str], *, audit: bool
) -> list[JobOutput]:
    """Classify every person for every job and count them per breakdown cell."""
    outputs = []
    for job in jobs:
        with job.errors():
            outputs.append(_count(known, job, dims, audit=audit))
    return outputs


def _count(known: People, job: Job, dims: Sequence[str], *, audit: bool) -> JobOutput:
    """Classify every person for one job and count them per breakdown cell."""
    people = known.people
    cells, keys = known.cells(dims)
    ind = job.indicator
    classify, end, stays = _compiled(ind, job.ctx)
    dist = ind.aggregation == "distribution"
    sums = ind.aggregation == "sum"  # values are summed for this kind only
    if stays is not None and end is not None:  # the people as the rule sees them
        people = tuple(_exits_at(p, end) if stays(p) else p for p in people)
    # people counted per cell, state, reason (and value, for a distribution) first:
    # a few dozen groups, each turned into counts once
    groups: dict[tuple[Any, ...], list[Any]] = {}
    members: dict[tuple[int, str | None], set[str]] | None = None
    if not (sums or audit):  # counted by outcome in one pass (no value is summed)
        for (cell, (state, reason, value)), n in Counter(
                zip(cells, map(classify, people), strict=True)).items():
            group = (cell, state, reason, value if dist else None)
            slot = groups.get(group)
            if slot is None:
                groups[group] = [n, 0.0, 0]
            else:
                slot[0] += n
    else:
        members = {} if audit else None
        for person, cell in zip(people, cells, strict=True):
            state, reason, value = classify(person)
            group = (cell, state, reason, value if dist else None)
            slot = groups.get(group)
            if slot is None:
                slot = groups[group] = [0, 0.0, 0]
            slot[0] += 1
            if value is not None and sums:
                slot[1] += value
                slot[2] += 1
            if members is not None:
                members.setdefault((int(state), reason), set()).add(person.id)
    rows = [(int(state), reason, v, n, value_sum, value_count, *keys[cell])
            for (cell, state, reason, v), (n, value_sum, value_count) in groups.items()]
    counts = Counts(dims)
    counts.add(list(zip(*rows, strict=True)) if rows else [()] * (6 + len(dims)), dims,
               total=True)
    return counts.output(members)
