"""Projects: who, when, for whom, with what money, and their goals."""

from __future__ import annotations

import enum
from collections.abc import Mapping  # cattrs reads the field types at run time
from datetime import date
from typing import TYPE_CHECKING

from attrs import field, frozen

from goalkit._exceptions import UnknownNameError
from goalkit.model._goal import (
    DEFAULT_MIN_RESPONSE_RATE,
    Goal,
    NotExited,
    _not_exited,
    _rate,
    _slug,
    strings,
)
from goalkit.model._reasons import MISSING_COLUMN
from goalkit.model._records import Assessment, Measurement
from goalkit.model._suggest import FieldError, did_you_mean
from goalkit.model._text import Text

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

__all__ = [
    "AGE_COLUMNS",
    "DEFAULT_AGE_BANDS",
    "STANDARD_BREAKDOWNS",
    "UNKNOWN",
    "Budget",
    "BudgetKind",
    "BudgetLine",
    "ColumnLabels",
    "FigureBreakdown",
    "Period",
    "Project",
    "ReportKind",
    "ReportingDate",
    "TargetGroup",
    "dimension_columns",
    "missing_puts_in_unknown",
    "missing_reasons",
]

DEFAULT_AGE_BANDS: tuple[int, ...] = (16, 20, 25, 30, 35, 45, 55, 65)
"""Lower edges of the default age bands at enrolment: ``-15``, ``16-19``, …, ``65-``."""

STANDARD_BREAKDOWNS: tuple[str, ...] = ("sex", "age_band")
"""The breakdowns every goal has unless its project asks for fewer
(:attr:`Project.standard_breakdowns`)."""

AGE_COLUMNS = frozenset({"age", "age_band", "birth_date", "birth_year"})
"""The participant columns an age band is, or is worked out from."""


def dimension_columns(dimension: str) -> frozenset[str]:
    """The participant columns a breakdown's categories are made of: an age band's
    (:data:`AGE_COLUMNS`), any other dimension's own column."""
    return AGE_COLUMNS if dimension == "age_band" else frozenset({dimension})


UNKNOWN = "unknown"
"""The category of a breakdown that holds the people (or, of a reported figure, the part)
with no value in its column."""


def missing_puts_in_unknown(dimension: str) -> tuple[str, ...]:
    """The columns whose missing value puts a person in a breakdown's ``unknown``
    category: its own (an age band's: the age; a birth year alone may be missing where a
    birth date gives the age)."""
    return ("age", "age_band") if dimension == "age_band" else (dimension,)


def missing_reasons(dimension: str) -> frozenset[str]:
    """The reasons a goal leaves a person out for a missing value
    (``missing_<column>``) whose people are all in the breakdown's :data:`UNKNOWN`
    category (:func:`missing_puts_in_unknown`)."""
    return frozenset(MISSING_COLUMN.code(c) for c in missing_puts_in_unknown(dimension))


# Typed converters: ``converter=tuple`` is generic, and a host's type checker then refuses
# a list (or even a tuple) where the field holds a tuple. One generic converter
# (``Iterable[T] -> tuple[T, ...]``) fails the same way, so each item type has its own.


def _goals(value: Iterable[Goal]) -> tuple[Goal, ...]:
    return tuple(value)


def _lines(value: Iterable[BudgetLine]) -> tuple[BudgetLine, ...]:
    return tuple(value)


def _dates(value: Iterable[ReportingDate]) -> tuple[ReportingDate, ...]:
    return tuple(value)


def _ints(value: Iterable[int]) -> tuple[int, ...]:
    return tuple(value)


def _measurements(value: Iterable[Measurement]) -> tuple[Measurement, ...]:
    return tuple(value)


def _assessments(value: Iterable[Assessment]) -> tuple[Assessment, ...]:
    return tuple(value)


def _day_tuple(value: Iterable[date]) -> tuple[date, ...]:
    return tuple(value)


def _figure_breakdowns(value: Iterable[FigureBreakdown]) -> tuple[FigureBreakdown, ...]:
    return tuple(value)


@frozen
class Period:
    """A closed date range."""

    start: date
    end: date

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            msg = f"period ends ({self.end}) before it starts ({self.start})"
            raise ValueError(msg)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


class ReportKind(enum.StrEnum):
    """What a reporting date is for."""

    INTERIM = "interim"
    FINAL = "final"
    OTHER = "other"


@frozen
class ReportingDate:
    """A date the project reports on its goals (to a steering group or the funder)."""

    date: date
    kind: ReportKind = field(default=ReportKind.INTERIM, converter=ReportKind)
    label: Text = Text()


@frozen
class TargetGroup:
    """Who the project is for. Ages are at enrolment, inclusive."""

    description: Text = Text()
    min_age: int | None = None
    max_age: int | None = None


class BudgetKind(enum.StrEnum):
    """What a budget line's amount is."""

    PLANNED = "planned"
    """Budgeted (granted) for the line's period."""
    SPENT = "spent"
    """Spent (or drawn from the funder) over the line's period: known once it has ended."""


@frozen
class BudgetLine:
    """One budget figure over a period: planned (the default) or spent.

    :param kind: ``planned`` or ``spent``; a spent line counts as spent to date once its
        period has ended (a line without a period always counts).
    """

    amount: float
    label: Text = Text()
    period: Period | None = None
    kind: BudgetKind = field(default=BudgetKind.PLANNED, converter=BudgetKind)


@frozen
class Budget:
    """The project's money. ``total`` is the whole budget (else the planned lines' sum):
    what cost-per-outcome goals divide by default."""

    total: float | None = None
    currency: str = "SEK"
    lines: tuple[BudgetLine, ...] = field(default=(), converter=_lines)


@frozen
class FigureBreakdown:
    """How one breakdown of reported figures relates to the figure's total.

    Said once per breakdown (goal file ``[[figure_breakdowns]]``), not per figure: whether
    the parts of ``dimension`` add up to the total of ``metric`` (every metric when
    ``None``). An additive breakdown whose parts exceed the total is impossible (an
    error); one whose parts fall short is incomplete (a warning), and the remainder is
    its own category ``unknown``. A breakdown not declared is additive (counts).

    Where the source document itself reports parts that do not add up (Jämtland's
    "259 deltagare … (90 kvinnor och 196 män)"), ``as_reported`` quotes the document's
    words: the difference is then a note (``breakdown_as_reported``), shown in the data
    check and in every report with the quote, neither an error nor passed over in
    silence; the figures are kept as the document gives them, and nothing is corrected.
    A shortfall is excused on the ``dates`` listed (every date when none are); an excess,
    which no count can have, only on a date listed.

    :param dimension: the breakdown's name (``sex``, ``destination``).
    :param metric: the figure it breaks down, or ``None`` for every figure.
    :param additive: whether the parts add up to the total (counts) or not (rates,
        averages: not checked).
    :param as_reported: the source document's own words for the figure whose parts do
        not add up, quoted; only for one metric's additive breakdown.
    :param dates: the dates of the figures ``as_reported`` concerns.
    """

    dimension: str
    metric: str | None = None
    additive: bool = True
    as_reported: str | None = None
    dates: tuple[date, ...] = field(default=(), converter=_day_tuple)

    def __attrs_post_init__(self) -> None:
        if self.as_reported is None:
            if self.dates:
                msg = (f"figure breakdown {self.dimension!r} lists dates but no "
                       "as_reported: the dates say which figures the quote concerns")
                raise ValueError(msg)
            return
        if not self.as_reported.strip():
            msg = (f"figure breakdown {self.dimension!r}: as_reported must quote the "
                   "source document's words, not be empty")
            raise ValueError(msg)
        if self.metric is None or not self.additive:
            msg = (f"figure breakdown {self.dimension!r}: as_reported needs one metric "
                   "and an additive breakdown (only parts meant to add up can fail to)")
            raise ValueError(msg)

    def excuses(self, on: date, *, excess: bool) -> bool:
        """Whether the figure dated ``on`` is declared as reported: a shortfall on a date
        listed or any date when none are, an excess only on a date listed."""
        if self.as_reported is None:
            return False
        return on in self.dates if excess or self.dates else True


def _text_map(value: Mapping[str, Text]) -> dict[str, Text]:
    return dict(value)


def _code_maps(value: Mapping[str, Mapping[str, Text]]) -> dict[str, dict[str, Text]]:
    return {column: dict(codes) for column, codes in value.items()}


@frozen
class ColumnLabels:
    """Words for a project's own participant columns and their codes, in Swedish and
    English, for reports (goal file ``[labels.columns]`` and ``[labels.codes.<column>]``).

    A breakdown by an extra column is headed by its label (``funktionsnedsättning``, not
    ``disability``), and each category by its code's label (``ja``, not ``yes``). A column
    or code without a label is shown as goalkit names it, or as the data write it.

    :param columns: column name to its label.
    :param codes: column name to (code, as the data write it, to its label).
    """

    columns: Mapping[str, Text] = field(factory=dict, converter=_text_map)
    codes: Mapping[str, Mapping[str, Text]] = field(factory=dict, converter=_code_maps)

    def column(self, name: str, lang: str) -> str | None:
        """The label of column ``name`` in ``lang`` (``None``: none given)."""
        text = self.columns.get(name)
        return None if text is None else text.get(lang) or None

    def code(self, column: str, code: str, lang: str) -> str | None:
        """The label of ``code`` in ``column`` in ``lang`` (``None``: none given)."""
        text = self.codes.get(column, {}).get(code)
        return None if text is None else text.get(lang) or None


def _names(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):  # not a list of one-letter names
        msg = f"standard_breakdowns is a list of names, got the text {value!r}"
        raise TypeError(msg)
    return tuple(value)


def _standard(_: object, attribute: object, value: tuple[str, ...]) -> None:
    for name in value:
        if name not in STANDARD_BREAKDOWNS:
            msg = (f"standard_breakdowns names only {' and '.join(map(repr, STANDARD_BREAKDOWNS))}"
                   f" (other columns go in breakdowns), got {name!r}")
            raise ValueError(msg)
    if len(set(value)) != len(value):
        msg = f"standard_breakdowns names a breakdown twice: {list(value)}"
        raise ValueError(msg)


def _unique_goal_ids(inst: Project, _: object, goals: tuple[Goal, ...]) -> None:
    seen: set[str] = set()
    for i, g in enumerate(goals):
        if g.id in seen:
            msg = f"goal id {g.id!r} is used twice"
            raise FieldError(msg, key=f".goals[{i}].id")
        seen.add(g.id)
    for i, g in enumerate(goals):
        if g.parent is not None and g.parent not in seen:
            msg = (f"goal {g.id!r} names parent {g.parent!r}, which is not a goal of the "
                   f"project{did_you_mean(g.parent, seen)}")
            raise FieldError(msg, key=f".goals[{i}].parent")


def _reads_assessments(goal: Goal) -> bool:
    """Whether the goal's indicator, or one it is built from, reads assessments."""
    stack = [goal.indicator]
    while stack:
        indicator = stack.pop()
        if indicator.reads_assessments():
            return True
        stack.extend(indicator.children())
    return False


def assessment_problem(assessment: Assessment, goals: Iterable[Goal]) -> str | None:
    """What is wrong with an assessment for a project of ``goals``: it names no goal of
    the project (with the closest id), or a goal that no assessment decides; ``None``
    when it is for an assessed goal."""
    by_id = {g.id: g for g in goals}
    goal = by_id.get(assessment.goal)
    if goal is None:
        return (f"assessment of goal {assessment.goal!r}, which is not a goal of the "
                f"project{did_you_mean(assessment.goal, by_id)}")
    if not _reads_assessments(goal):
        return (f"assessment of goal {assessment.goal!r}, whose indicator "
                f"({goal.indicator.kind}) is computed, not assessed: only a goal of kind "
                "'assessed' reads assessments")
    return None


def conflicting_assessments(assessments: Iterable[Assessment]
                            ) -> Iterator[tuple[int, Assessment, Assessment]]:
    """Each assessment (with its place) whose goal and date an earlier one has, with a
    different verdict: which judgement holds cannot be known (mirrors
    ``conflicting_figures``)."""
    first: dict[tuple[str, date], Assessment] = {}
    for i, a in enumerate(assessments):
        earlier = first.setdefault((a.goal, a.date), a)
        if earlier.verdict is not a.verdict:
            yield i, earlier, a


def _assessments_of_goals(inst: Project, _: object,
                          assessments: tuple[Assessment, ...]) -> None:
    for i, a in enumerate(assessments):
        problem = assessment_problem(a, inst.goals)
        if problem is not None:
            raise FieldError(problem, key=f".assessments[{i}].goal")
    for i, earlier, a in conflicting_assessments(assessments):
        msg = (f"goal {a.goal!r} is assessed twice on {a.date.isoformat()} with different "
               f"verdicts ({earlier.verdict.value} and {a.verdict.value}): which holds "
               "cannot be known")
        raise FieldError(msg, key=f".assessments[{i}].verdict")


@frozen
class Project:
    """A project and everything it promised.

    :param id: stable identifier (letters, digits, ``-_.``).
    :param period: when the project runs; nobody enrols after it ends.
    :param reporting: the dates the project reports on, interim and final.
    :param age_bands: lower edges of the age bands used in breakdowns.
    :param breakdowns: participant columns every goal is broken down by, besides the
        standard ones.
    :param standard_breakdowns: which of sex and age band every goal is broken down by
        (default: both); fewer are fewer cells to compute, and none leaves only the
        project's own (a register broken down per project only). A goal's own
        ``breakdowns`` may still ask for one.
    :param categorical: extra participant columns the project declares categorical (a
        project or municipality code in a register): a breakdown by one of them may have
        more than ``MAX_CATEGORIES`` values, and codes that look like ids are taken as
        codes; a date, a personal identity number or free text is still refused.
    :param measurements: figures the project's own documents report.
    :param assessments: judgements recorded for goals no data can compute.
    :param figure_breakdowns: which breakdowns of reported figures add up to their total
        (default: every breakdown does).
    :param min_response_rate: the response rate below which a survey-based goal is not
        decided (a goal may set its own); ``0`` for no minimum.
    :param not_exited: the end-of-project rule for people who never exit (a goal may set
        its own): ``exits_at_end`` (default) or ``pending``.
    :param labels: words for the project's own columns and codes in reports.
    """

    id: str = field(validator=_slug)
    name: Text
    period: Period
    goals: tuple[Goal, ...] = field(default=(), converter=_goals, validator=_unique_goal_ids)
    owner: str = ""
    partners: tuple[str, ...] = field(default=(), converter=strings)
    target_group: TargetGroup = TargetGroup()
    budget: Budget = Budget()
    reporting: tuple[ReportingDate, ...] = field(default=(), converter=_dates)
    description: Text = Text()
    age_bands: tuple[int, ...] = field(default=DEFAULT_AGE_BANDS, converter=_ints)
    breakdowns: tuple[str, ...] = field(default=(), converter=strings)
    standard_breakdowns: tuple[str, ...] = field(
        default=STANDARD_BREAKDOWNS, converter=_names, validator=_standard
    )
    categorical: tuple[str, ...] = field(default=(), converter=strings)
    measurements: tuple[Measurement, ...] = field(default=(), converter=_measurements)
    assessments: tuple[Assessment, ...] = field(
        default=(), converter=_assessments, validator=_assessments_of_goals
    )
    figure_breakdowns: tuple[FigureBreakdown, ...] = field(
        default=(), converter=_figure_breakdowns
    )
    min_response_rate: float = field(default=DEFAULT_MIN_RESPONSE_RATE, validator=_rate)
    not_exited: NotExited = field(default="exits_at_end", validator=_not_exited)
    labels: ColumnLabels = ColumnLabels()

    def __attrs_post_init__(self) -> None:
        if not self.age_bands:
            msg = "age_bands needs at least one lower edge (the default is 16, 20, 25, …)"
            raise FieldError(msg, key=".age_bands")
        if list(self.age_bands) != sorted(set(self.age_bands)):
            msg = f"age_bands must be increasing, got {list(self.age_bands)}"
            raise FieldError(msg, key=".age_bands")

    def goal(self, goal_id: str) -> Goal:
        """The goal with this id.

        :raises UnknownNameError: naming the goals there are.
        """
        for g in self.goals:
            if g.id == goal_id:
                return g
        raise UnknownNameError("goal", goal_id, [g.id for g in self.goals])

    def __iter__(self) -> Iterator[Goal]:
        return iter(self.goals)

    @property
    def reporting_dates(self) -> tuple[date, ...]:
        """The reporting dates in order."""
        return tuple(sorted(r.date for r in self.reporting))
