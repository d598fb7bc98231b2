"""The plain-Python executor: for a few hundred people held in memory.

It imports no data-frame library and costs well under a millisecond a goal for a
project-sized data set. Its results equal the columnar executor's (a property test holds
the two together).
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from attrs import field, frozen

from goalkit.engine._plan import Counts, Job, JobOutput, label
from goalkit.engine._rows import compile_branches, compile_rules, compile_term, compile_test
from goalkit.engine._rules import (
    AGE,
    PROJECT_END,
    age_band,
    cohort_rules,
    exit_at_end,
    stays_past,
)
from goalkit.indicators._inputs import Person
from goalkit.indicators._vocabulary import Declared, exited_by

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from goalkit.data._dataset import Records
    from goalkit.model._indicator import GoalContext, Outcome, PersonIndicator

__all__ = ["People", "build_people", "run_python"]


@frozen(eq=False)
class _Entry:
    """One participant as known once every fact has come (before any as-of cut)."""

    row: Mapping[str, Any]
    person: Person
    last_fact: date
    """The latest date among their enrolment, exit, events and answers."""


@frozen(eq=False)
class _Index:
    """What does not depend on the as-of date: facts grouped per person and sorted."""

    entries: tuple[_Entry, ...]
    event_dates: tuple[date, ...]
    response_dates: tuple[date, ...]


def _index(records: Records, age_bands: Sequence[int]) -> _Index:
    key = ("python-index", tuple(age_bands))
    found: _Index | None = records.memo.get(key)
    if found is None:
        found = records.memo[key] = _build_index(records, age_bands)
    return found


def _build_index(records: Records, age_bands: Sequence[int]) -> _Index:
    events: dict[str, dict[str, list[date]]] = {}
    for pid, when, kind in records.events:
        events.setdefault(pid, {}).setdefault(kind, []).append(when)
    responses: dict[str, dict[tuple[str, str], list[tuple[date, float]]]] = {}
    for pid, when, phase, question, score in records.responses:
        responses.setdefault(pid, {}).setdefault((phase, question), []).append((when, score))
    age, band = compile_term(AGE), compile_term(age_band(age_bands))
    entries = []
    for row in records.participants:
        pid, enrolled, exited = row["participant_id"], row["enrolled"], row["exited"]
        ev = {k: tuple(sorted(v)) for k, v in events.get(pid, {}).items()}
        rs = {k: tuple(sorted(v)) for k, v in responses.get(pid, {}).items()}
        years = age(row)
        columns = {**row, "age": years, "age_band": band({"age": years})}
        last = max([enrolled, *([exited] if exited else []), *(v[-1] for v in ev.values()),
                    *(v[-1][0] for v in rs.values())])
        entries.append(_Entry(row, Person(pid, enrolled, exited, columns, ev, rs), last))
    return _Index(
        tuple(entries),
        tuple(sorted(e[1] for e in records.events)),
        tuple(sorted(r[1] for r in records.responses)),
    )


def _cut(person: Person, as_of: date, exit_made: Callable[[Person], bool]) -> Person:
    """The person as known on ``as_of``: a later exit not yet made (``exit_made`` by then
    or not), later facts not yet seen."""
    exited = person.exited if exit_made(person) else None
    columns = dict(person.columns)
    columns["exited"] = exited
    if exited is None:
        columns["exit_reason"] = None
    events = {}
    for kind, dates in person.events.items():
        kept = dates[: bisect.bisect_right(dates, as_of)]
        if kept:
            events[kind] = kept
    responses = {}
    for key, answers in person.responses.items():
        n = bisect.bisect_right(answers, as_of, key=lambda a: a[0])
        if n:
            responses[key] = answers[:n]
    return Person(person.id, person.enrolled, exited, columns, events, responses)


@frozen(eq=False)
class People:
    """The participants known on one date, their facts cut at it, with the row counts."""

    people: tuple[Person, ...]
    known: dict[str, int]
    after: dict[str, int]
    columns: frozenset[str]
    """Every column any of them has."""
    _cells: dict[tuple[str, ...], tuple[list[int], list[tuple[str, ...]]]] = field(
        factory=dict, init=False, repr=False
    )

    def cells(self, dims: Sequence[str]) -> tuple[list[int], list[tuple[str, ...]]]:
        """Each person's breakdown cell as a small number (cheaper to group by than the
        tuple of categories), and the categories of each number."""
        key = tuple(dims)
        found = self._cells.get(key)
        if found is None:
            cell_of: dict[tuple[str, ...], int] = {}
            numbers = [
                cell_of.setdefault(tuple(label(p.columns.get(d)) for d in dims), len(cell_of))
                for p in self.people
            ]
            found = self._cells[key] = (numbers, list(cell_of))
        return found


DATES_KEPT = 8
"""How many as-of dates' people a data set keeps (a host evaluating on every page view asks
for today, again and again)."""


def build_people(records: Records, as_of: date, age_bands: Sequence[int]) -> People:
    """The participants known on ``as_of``, their facts cut at that date.

    The grouping and sorting of each person's facts is done once per data set; an
    evaluation only cuts them at its date (and not at all for people with no later fact).
    The people of the last few dates asked for are kept with the records.
    """
    key = ("people", as_of, tuple(age_bands))
    memo = records.memo
    found: People | None = memo.get(key)
    if found is None:
        found = memo[key] = _build_people(records, as_of, age_bands)
        dated = [k for k in list(memo) if k[0] == "people"]
        for old in dated[:-DATES_KEPT]:
            memo.pop(old, None)
    return found


def _build_people(records: Records, as_of: date, age_bands: Sequence[int]) -> People:
    index = _index(records, age_bands)
    exit_made = compile_test(exited_by(as_of))
    people = []
    late = 0
    for entry in index.entries:
        person = entry.person
        if person.enrolled > as_of:
            late += 1
        elif entry.last_fact <= as_of:
            people.append(person)
        else:
            people.append(_cut(person, as_of, exit_made))
    known_events = bisect.bisect_right(index.event_dates, as_of)
    known_responses = bisect.bisect_right(index.response_dates, as_of)
    known = {
        "participants": len(people),
        "events": known_events,
        "responses": known_responses,
    }
    after = {
        "participants": late,
        "events": len(index.event_dates) - known_events,
        "responses": len(index.response_dates) - known_responses,
    }
    columns = frozenset().union(*(p.columns for p in people))
    return People(tuple(people), known, after, columns)


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
    ind, ctx = job.indicator, job.ctx
    classify = _classifier(ind, ctx)
    end = exit_at_end(ctx)
    stays = None if end is None else compile_test(stays_past(end))
    dist = ind.aggregation == "distribution"
    sums = ind.aggregation == "sum"  # values are summed for this kind only
    # people counted per cell, state, reason (and value, for a distribution) first:
    # a few dozen groups, each turned into counts once
    groups: dict[tuple[Any, ...], list[Any]] = {}
    members: dict[tuple[int, str | None], set[str]] | None = {} if audit else None
    for person, cell in zip(people, cells, strict=True):
        if stays is not None and end is not None and stays(person):
            person = _exits_at(person, end)  # noqa: PLW2901 - the person as the rule sees them
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
