"""What an evaluation says: a result per goal, gathered in a report."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from typing import Any

import attrs
from attrs import field, frozen

from goalkit._exceptions import UnknownNameError
from goalkit.model._goal import Level, Target
from goalkit.model._indicator import Unit
from goalkit.model._text import Text
from goalkit.model._worked import Worked

__all__ = [
    "REPORT_SCHEMA",
    "Cell",
    "Cells",
    "DataIssue",
    "DataSummary",
    "GoalResult",
    "Members",
    "Report",
    "ResponseRate",
    "Status",
]


REPORT_SCHEMA = "goalkit.report/1"
"""The version of the report's JSON schema (``docs/report-schema.json``)."""


class Status(enum.StrEnum):
    """The honest status of a goal as of a date."""

    MET = "met"
    """The target is reached and nothing that can still happen can undo it."""
    NOT_MET = "not_met"
    """The target is missed and nothing that can still happen can reach it."""
    PENDING = "pending"
    """Not decided: people may still enrol, windows are open, or the bounds straddle the
    target."""
    NEEDS_ASSESSMENT = "needs_assessment"
    """No data can decide this goal (or it has no target): a person must judge it."""
    NO_DATA = "no_data"
    """Nobody to compute the value from (a zero denominator is never 0 %)."""


@frozen
class Cell:
    """One part of a breakdown: the same numbers as the whole, for one category."""

    value: float | None
    success: int
    failure: int
    pending: int
    excluded: int
    lower: float | None = None
    upper: float | None = None
    numerator: int | None = None
    denominator: int | None = None


CELL_FIELDS: tuple[str, ...] = tuple(a.name for a in attrs.fields(Cell))
"""The fields of :class:`Cell`, in order."""


class Cells(Mapping[str, Cell]):
    """One breakdown of a result: category to :class:`Cell`, each cell made when it is first
    read.

    An evaluation keeps its counts per category as they come from the query. A built-in
    share or count has every cell's numbers worked out in one columnar pass a breakdown
    column, and a cell is made from its row when read; any other kind's cell summary
    (value, bounds) is worked out by the kind only when someone reads the cell: a register
    broken down into thousands of projects pays in Python for the cells a report shows,
    not for every one the query counted. A cell, once made, is kept, so every read gives
    the same object.
    It behaves as a read-only ``dict`` (equal to one with the same cells) whose categories
    are in the order given (sorted, from an evaluation).

    :param categories: the categories, in order.
    :param make: makes the cell of a category (called at most once a category, unless two
        threads read the same new cell at once: then both get equal cells).
    :param fields: gives the fields of a category's cell, in the order of :class:`Cell`'s,
        without making the cell (:meth:`plain`); ``None`` when only ``make`` can.
    """

    __slots__ = ("_cells", "_fields", "_make")

    def __init__(self, categories: Iterable[str], make: Callable[[str], Cell],
                 fields: Callable[[str], tuple[Any, ...]] | None = None) -> None:
        self._cells: dict[str, Cell | None] = dict.fromkeys(categories)
        self._make = make
        self._fields = fields

    def plain(self) -> dict[str, dict[str, Any]] | None:
        """Every cell as plain data (a dict of its fields by name, in their order), as the
        report's JSON holds it, without making the cells (a register's report writes
        20,000 of them); ``None`` when the cells are made only one at a time."""
        fields = self._fields
        if fields is None:
            return None
        names = CELL_FIELDS
        return {category: dict(zip(names, fields(category), strict=True))
                for category in self._cells}

    def copied(self, copy: Callable[[Cell], Cell]) -> Cells:
        """The same breakdown whose every cell is ``copy`` of this one's, made when first
        read: a copy costs nothing for the cells nobody reads, and :meth:`plain` reads
        the same fields without making any (a register's report hands each format a copy
        of 20,000 cells)."""
        return Cells(self._cells, lambda category: copy(self[category]), self._fields)

    def __getitem__(self, category: str) -> Cell:
        cell = self._cells[category]  # a KeyError for a category there is not
        if cell is None:
            cell = self._cells[category] = self._make(category)
        return cell

    def __iter__(self) -> Iterator[str]:
        return iter(self._cells)

    def __len__(self) -> int:
        return len(self._cells)

    def __contains__(self, category: object) -> bool:
        return category in self._cells

    def __repr__(self) -> str:
        return repr(dict(self.items()))

    def __reduce__(self) -> tuple[type[dict[str, Cell]], tuple[dict[str, Cell]]]:
        """Pickled (and deep-copied) as the plain ``dict`` of its cells, every cell made:
        what makes them stays with the evaluation."""
        return dict, (dict(self.items()),)


@frozen
class ResponseRate:
    """Who answered a survey-based goal, and what non-response could change.

    :param asked: people who should have answered (the goal's decided people and its
        non-responders).
    :param answered: people who answered.
    :param minimum: the response rate below which the goal is not decided (``None``: no
        minimum).
    :param lower: the value if every non-responder had answered badly.
    :param upper: the value if every non-responder had answered well.
    """

    asked: int
    answered: int
    minimum: float | None = None
    lower: float | None = None
    upper: float | None = None

    @property
    def rate(self) -> float | None:
        """The share who answered (``None`` when nobody was asked)."""
        return self.answered / self.asked if self.asked else None


@frozen(eq=False)
class Members:
    """For the host's own audit: which participants fell where. Never published.

    Every participant of the data set as of the date is in exactly one group.
    """

    numerator: frozenset[str]
    failure: frozenset[str]
    pending: frozenset[str]
    excluded: Mapping[str, frozenset[str]]

    @property
    def denominator(self) -> frozenset[str]:
        """Decided people: the numerator and the closed failures."""
        return self.numerator | self.failure


@frozen
class GoalResult:
    """One goal's status as of a date, with the numbers behind it.

    :param value: the value so far; ``None`` when nothing can be computed.
    :param lower: the value if every pending person ends badly.
    :param upper: the value if every pending person ends well (``None``: unbounded,
        because people can still enrol).
    :param success: people counted in the numerator (or counted, for a count).
    :param failure: people decided and not meeting the condition.
    :param pending: people whose outcome is still open.
    :param excluded: reason to number of people left out of this goal.
    :param waiting: reason to number of pending people.
    :param cohort_open: whether people can still enrol into this goal's cohort (never for a
        goal that counts no participant: a reported figure or a judgement).
    :param definition: what was counted, in words made from the indicator (who is in the
        denominator, what counts as success, as of which date, due when).
    :param response: for a survey-based goal, who answered and the bounds over non-response.
    :param not_reached_after: for a median not reached, the longest follow-up in days: the
        median lies beyond it.
    :param breakdowns: dimension (``sex``, ``age_band``, …) to category to :class:`Cell`
        (from an evaluation, :class:`Cells`: each cell made when first read).
    :param breakdowns_read: the dimensions of ``breakdowns`` whose column the goal's
        definition reads (a column its kind tests or filters on; ``age_band`` when only the
        project's target group counts): a count of such a dimension's category can be 0 by
        definition (a balance goal's women never fail; the people whose sex is missing are
        all left out), and a public report's suppression takes every 0 there as known to
        its reader (``docs/privacy.md``). ``None`` when not known (a plugin's kind that
        does not say what it reads, a report written before this was recorded): every
        dimension is taken as read.
    :param left_out_in: dimension to reason left out to the categories of ``breakdowns``
        that the goal's definition lets that reason's people be in, where those are
        fewer than all (the people whose sex is missing: ``unknown``; those outside the
        target group: the age bands below and above its ages; those outside a filter on
        the dimension: the categories failing it). Every person left out has one reason,
        so those categories leave out at least the reason's count, which a public
        report's suppression takes as known to its reader (``docs/privacy.md``); a public
        JSON does not carry it (it names the categories of every dimension, published or
        not). ``None`` when not known (a report written before this was recorded, a
        result built by hand): only a missing value's ``unknown`` is then taken as known.
    :param members: the participant ids behind the numbers, only when asked for
        (``audit=True``); never serialized.
    """

    goal_id: str
    level: Level
    title: Text
    wording: str
    interpretation: Text
    kind: str
    unit: Unit
    status: Status
    as_of: date
    due: date | None
    target: Target | None
    value: float | None
    lower: float | None = None
    upper: float | None = None
    numerator: int | None = None
    denominator: int | None = None
    interval: tuple[float, float] | None = None
    success: int = 0
    failure: int = 0
    pending: int = 0
    excluded: Mapping[str, int] = field(factory=dict)
    waiting: Mapping[str, int] = field(factory=dict)
    cohort_open: bool = False
    gap: float | None = None
    definition: Text | None = None
    response: ResponseRate | None = None
    not_reached_after: float | None = None
    breakdowns: Mapping[str, Mapping[str, Cell]] = field(factory=dict)
    breakdowns_read: tuple[str, ...] | None = None
    left_out_in: Mapping[str, Mapping[str, tuple[str, ...]]] | None = None
    evidence: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    members: Members | None = field(default=None, eq=False, repr=False)


@frozen
class DataIssue:
    """A problem noticed in the data or in reported figures.

    :param severity: ``error`` (rows were left out or numbers contradict each other),
        ``warning``, or ``note`` (a fact the report shows and nobody needs to mend: the
        source document itself reports a figure so, as the project declares, or a person
        is outside the target group, flagged and kept; never refused, not even with
        ``--strict``).
    :param code: a stable code (``breakdown_impossible``, ``exit_before_enrolment``, …).
    :param message: what is wrong, in English.
    :param where: the table, file, row or metric concerned; never a person's identifier.
    :param count: how many rows or cases the issue stands for.
    :param message_sv: the same message as a Swedish reader writes it (empty: not
        translated; a Swedish report then shows the kind of issue only).
    """

    severity: str
    code: str
    message: str
    where: str = ""
    count: int = 1
    message_sv: str = ""


@frozen
class DataSummary:
    """What the evaluation read, and what it left out of everything."""

    participants: int = 0
    events: int = 0
    responses: int = 0
    after_as_of: Mapping[str, int] = field(factory=dict)
    """Table to rows dated after the as-of date (not yet known on that date)."""


@frozen
class Report:
    """Every goal of a project as of one date.

    A report is read by goal id: ``report["enrolled"]`` is that goal's result (an
    :class:`~goalkit.UnknownNameError` naming the goals there are, for one that is not),
    and ``"enrolled" in report`` says whether it is there. Iterating a report yields its
    results (:class:`GoalResult`), in the project's order, and ``len(report)`` counts
    them; a result is ``in`` the report it is one of.
    """

    project_id: str
    project_name: Text
    as_of: date
    results: tuple[GoalResult, ...]
    data: DataSummary = DataSummary()
    issues: tuple[DataIssue, ...] = ()
    schema: str = REPORT_SCHEMA
    generator: str = ""
    _worked: Worked = field(factory=Worked, init=False, eq=False, repr=False)
    """What is worked out from this report, kept with it (never serialized)."""

    def __iter__(self) -> Iterator[GoalResult]:
        return iter(self.results)

    def __len__(self) -> int:
        return len(self.results)

    def __contains__(self, item: object) -> bool:
        """A goal id is in the report when ``report[goal_id]`` finds its result; a result
        is in it when it is one of its results."""
        if isinstance(item, str):
            return any(r.goal_id == item for r in self.results)
        return item in self.results

    def __getitem__(self, goal_id: str) -> GoalResult:
        for r in self.results:
            if r.goal_id == goal_id:
                return r
        raise UnknownNameError("goal", goal_id, [r.goal_id for r in self.results])

    def counts(self) -> dict[Status, int]:
        """Number of goals per status (every status present, zero included)."""
        out = dict.fromkeys(Status, 0)
        for r in self.results:
            out[r.status] += 1
        return out
