"""A data set prepared for the plain-Python executor, held by a host between calls.

The engine's work that depends on the data but not on the goals (each person's facts
grouped and sorted, their age and age band) and that depends on the data and the date (the
people as known on it) is kept in a :class:`Prepared` that the host makes once
(:func:`prepare`) and passes to :func:`goalkit.evaluate` instead of the
:class:`~goalkit.data.Dataset`. The data set itself holds none of it (records read in one
pass carry their facts grouped per person, a view of the data as read, of no goal, band or
date): data does not hold engine state, and nothing is kept between calls unless the host
keeps it. (The goals' rules compiled for a date depend on no data at all: they are kept
for a goal and date, whatever the data set, by :mod:`goalkit.engine._kept`.)

Measured on the benchmark's data (300 people held as records, the six-goal suite; the
fastest of 50 calls on the development machine): a call on a kept :class:`Prepared` took
2.0–2.1 ms; keeping only the index (the people of the date cut and the rules compiled on
every call) 3.8 ms; a call on the data set itself (a fresh one made in the call: the index
built too) 5.8 ms. Records read in one pass come with each person's facts already grouped
(:attr:`goalkit.data._rows.Records.facts`), so that building the index for them is making
each :class:`~goalkit.indicators.Person` (0.6 ms on the same data, the fastest of 300,
against 2.0 ms when it grouped the facts and sorted the tables' dates too).
"""

from __future__ import annotations

import bisect
from datetime import date
from operator import itemgetter
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from attrs import field, frozen

from goalkit.data._rows import EventRow, ResponseRow
from goalkit.data._typed import Grouped, settled_facts
from goalkit.engine._rows import compile_term, compile_test
from goalkit.engine._rules import AGE, age_band
from goalkit.indicators._inputs import Person
from goalkit.indicators._vocabulary import exited_by
from goalkit.model._project import UNKNOWN

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from goalkit.data._dataset import Dataset, Records
    from goalkit.data._typed import Facts

__all__ = ["DATES_KEPT", "People", "Prepared", "prepare"]

DATES_KEPT = 8
"""How many as-of dates' people a :class:`Prepared` keeps: a host evaluating on every
page view asks for today, again and again."""


@frozen(eq=False)
class _Index:
    """What does not depend on the as-of date: facts grouped per person and sorted."""

    people: tuple[Person, ...]
    """Each participant as known once every fact has come (before any as-of cut)."""
    last_facts: tuple[date, ...]
    """The latest date among each one's enrolment, exit, events and answers (in the same
    order: two tuples, not a pair per person)."""
    events: tuple[EventRow, ...]
    responses: tuple[ResponseRow, ...]
    """The rows, as read: counted by date for each date asked for (one pass over each
    table costs a fifth of sorting its dates, the fresh index's part of a page view that
    builds its data set each call; the people of a date take a pass over everyone
    anyway)."""


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
        tuple of categories), and the categories of each number (each value labelled as
        :func:`~goalkit.engine._plan.label` does)."""
        key = tuple(dims)
        found = self._cells.get(key)
        if found is None:
            cell_of: dict[tuple[str, ...], int] = {}
            numbers = [
                cell_of.setdefault(
                    tuple([UNKNOWN if v is None else str(v) for v in map(p.columns.get, key)]),
                    len(cell_of))
                for p in self.people
            ]
            found = self._cells[key] = (numbers, list(cell_of))
        return found


class Prepared:
    """A data set and what the plain-Python executor derives from it, kept between calls.

    Make one with :func:`prepare` and pass it to :func:`goalkit.evaluate` in place of the
    data set; it answers exactly as the data set does. It keeps each person's facts grouped
    and sorted (once) and the people as known on the last :data:`DATES_KEPT` dates asked
    for. Nothing in it changes what a call answers, so two threads using one at once get
    what each would alone (at worst both build the same thing).
    """

    __slots__ = ("_dates", "_indexes", "data")

    def __init__(self, data: Dataset) -> None:
        self.data = data
        """The data set, as the host gave it."""
        self._indexes: dict[tuple[int, ...], _Index] = {}
        self._dates: dict[tuple[date, tuple[int, ...]], People] = {}

    def __repr__(self) -> str:
        return f"Prepared({self.data.source!r}, {len(self._dates)} date(s) kept)"

    def people(self, as_of: date, age_bands: Sequence[int]) -> People:
        """The participants known on ``as_of``, their facts cut at that date (kept for the
        last :data:`DATES_KEPT` dates)."""
        bands = tuple(age_bands)
        key = (as_of, bands)
        found = self._dates.get(key)
        if found is None:
            index = self._indexes.get(bands)
            if index is None:
                index = self._indexes[bands] = _build_index(self.data.with_records(), bands)
                for old_bands in list(self._indexes)[:-DATES_KEPT]:
                    self._indexes.pop(old_bands, None)
            found = self._dates[key] = _people_on(index, as_of)
            for old in list(self._dates)[:-DATES_KEPT]:
                self._dates.pop(old, None)
        return found

    @property
    def dates_kept(self) -> tuple[date, ...]:
        """The as-of dates whose people are kept, oldest first."""
        return tuple(d for d, _ in self._dates)


def prepare(data: Dataset | Prepared) -> Prepared:
    """A data set prepared for repeated evaluations: pass it to :func:`goalkit.evaluate` in
    place of ``data`` (a host that evaluates the same data on every page view keeps it).

    Records (:meth:`~goalkit.data.Dataset.from_records`) gain the most: each call then
    skips grouping every person's facts and, for a date asked for before, cutting them at
    it. Frames evaluated in plain Python are collected once; the columnar executor reads
    the data set as it is.

    :raises EvaluationError: for ``data`` that is not a :class:`~goalkit.Dataset` (nor
        prepared already), naming the call that makes one.
    """
    if isinstance(data, Prepared):
        return data
    _check_data(data)
    return Prepared(data)


def _check_data(data: object) -> None:
    """Refuse what is not a data set, as :func:`goalkit.evaluate` does, naming the call
    that makes one."""
    from goalkit.data._dataset import Dataset  # noqa: PLC0415

    if not isinstance(data, Dataset):
        from goalkit._exceptions import EvaluationError  # noqa: PLC0415
        from goalkit.data._dataset import data_hint, described  # noqa: PLC0415

        raise EvaluationError(f"data must be a goalkit.Dataset, got {described(data)}; "
                              f"{data_hint(data)}")


def _build_index(records: Records, age_bands: Sequence[int]) -> _Index:
    """Each person's facts grouped by kind (or phase and question) and sorted, with their
    age and age band. Records read in one pass come with their facts grouped as they were
    read (:attr:`~goalkit.data._rows.Records.facts`); others are grouped here
    (:func:`_grouped`)."""
    facts = records.facts if records.facts is not None else _grouped(records)
    age, band = compile_term(AGE), compile_term(age_band(age_bands))
    people, last_facts = [], []
    for row in records.participants:
        pid = row["participant_id"]
        own_events, own_answers, last = facts[pid]
        # a read-only row is copied as the dict it wraps (eight times faster than dict())
        columns = row.copy() if type(row) is MappingProxyType else dict(row)
        columns["age"] = age(columns)
        columns["age_band"] = band(columns)
        people.append(Person(pid, row["enrolled"], row["exited"], columns, own_events,
                             own_answers))
        last_facts.append(last)
    return _Index(tuple(people), tuple(last_facts), records.events, records.responses)


def _grouped(records: Records) -> dict[str, Facts]:
    """Each participant's facts grouped by kind (or phase and question) and sorted, with
    the date of their latest fact, from rows read another way than in one pass: one pass
    over each table, each group a tuple from the start (most hold one fact), a group of
    more than one sorted after (together a third less time than grouping in lists, and
    far less than sorting the tables first)."""
    grouped = Grouped({row["participant_id"]: row["enrolled"] for row in records.participants})
    known = grouped.of
    tables: tuple[Sequence[Any], Sequence[Any]] = (records.events, records.responses)
    for part, table in enumerate(tables):
        for row in table:
            own = known.get(row[0])
            if own is None:
                continue
            when = row[1]
            key, fact = (row[2], when) if len(row) == 3 else ((row[2], row[3]), (when, row[4]))
            if when > own[2]:  # noqa: PLR1730 - a comparison: max() is a call
                own[2] = when
            groups = own[part]
            if key in groups:
                grouped.add(groups, key, fact)
            else:
                groups[key] = (fact,)
    return settled_facts(records.participants, grouped)


def _people_on(index: _Index, as_of: date) -> People:
    """The participants known on ``as_of``, cut at it (not at all for people with no later
    fact)."""
    exit_made = compile_test(exited_by(as_of))
    people = []
    late = 0
    for person, last_fact in zip(index.people, index.last_facts, strict=True):
        if person.enrolled > as_of:
            late += 1
        elif last_fact <= as_of:
            people.append(person)
        else:
            people.append(_cut(person, as_of, exit_made))
    known_events = len([1 for row in index.events if row[1] <= as_of])
    known_responses = len([1 for row in index.responses if row[1] <= as_of])
    known = {
        "participants": len(people),
        "events": known_events,
        "responses": known_responses,
    }
    after = {
        "participants": late,
        "events": len(index.events) - known_events,
        "responses": len(index.responses) - known_responses,
    }
    columns = frozenset().union(*(p.columns for p in people))
    return People(tuple(people), known, after, columns)


def _cut(person: Person, as_of: date, exit_made: Callable[[Person], bool]) -> Person:
    """The person as known on ``as_of``: a later exit not yet made (``exit_made`` by then
    or not), later facts not yet seen."""
    exited = person.exited if exit_made(person) else None
    columns: Mapping[str, Any] = person.columns
    if exited is None and (columns.get("exited") is not None
                           or columns.get("exit_reason") is not None):
        columns = {**columns, "exited": None, "exit_reason": None}
    events = {}
    for kind, dates in person.events.items():  # each group sorted: most end by then
        if dates and dates[-1] <= as_of:
            events[kind] = dates
        else:
            kept = dates[: bisect.bisect_right(dates, as_of)]
            if kept:
                events[kind] = kept
    responses = {}
    for key, answers in person.responses.items():  # each sorted by date
        if answers and answers[-1][0] <= as_of:
            responses[key] = answers
        else:
            n = bisect.bisect_right(answers, as_of, key=_first)
            if n:
                responses[key] = answers[:n]
    return Person(person.id, person.enrolled, exited, columns, events, responses)


_first = itemgetter(0)
