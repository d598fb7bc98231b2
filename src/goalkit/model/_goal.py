"""Goals and their targets."""

from __future__ import annotations

import enum
import math
from datetime import date
from typing import TYPE_CHECKING, Literal

from attrs import field, frozen

from goalkit.model._indicator import Indicator
from goalkit.model._suggest import FieldError
from goalkit.model._text import Text
from goalkit.model._worked import Worked

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["DEFAULT_MIN_RESPONSE_RATE", "Goal", "Level", "NotExited", "Target", "TargetOp"]

DEFAULT_MIN_RESPONSE_RATE = 0.5
"""The response rate below which a survey-based goal is not decided, unless the project
or goal sets its own: below one half, those who did not answer outnumber those who did."""


class Level(enum.StrEnum):
    """Where a goal sits in a project's logic, as the documents name the levels."""

    LONG_TERM = "long_term"
    """Long-term or overall goal (*långsiktigt mål*, *övergripande mål*)."""
    PROJECT = "project"
    """Project goal (*projektmål*)."""
    SUB_GOAL = "sub_goal"
    """Sub-goal (*delmål*)."""
    EFFECT = "effect"
    """Effect goal (*effektmål*): what changes for the participants."""
    PRODUCT = "product"
    """Product goal (*produktmål*) or deliverable."""


TargetOp = Literal["at_least", "at_most", "between", "equal"]

NotExited = Literal["pending", "exits_at_end"]
"""The end-of-project rule for people who never exit: ``pending`` (they stay not exited,
and a goal anchored on the exit waits for them for ever) or ``exits_at_end`` (they are
treated as leaving on the last day of the project period, reason ``project_end``)."""

NOT_EXITED: tuple[str, ...] = ("pending", "exits_at_end")


def _not_exited(_: object, attribute: object, value: str | None) -> None:
    if value is not None and value not in NOT_EXITED:
        msg = f"not_exited is one of {', '.join(map(repr, NOT_EXITED))}, got {value!r}"
        raise ValueError(msg)


def _rate(_: object, attribute: object, value: float | None) -> None:
    if value is not None and (isinstance(value, bool) or not 0 <= value <= 1):
        msg = f"a response rate is a fraction between 0 and 1, got {value!r}"
        raise ValueError(msg)


def _finite(_: object, attribute: object, value: float | None) -> None:
    if value is not None and not math.isfinite(value):
        msg = f"target bound must be a finite number, got {value!r}"
        raise ValueError(msg)


def strings(value: Iterable[str]) -> tuple[str, ...]:
    """Any iterable of texts as a tuple (typed, so that a host's type checker accepts a list
    where the field holds a tuple; ``converter=tuple`` is generic and it does not)."""
    return tuple(value)


@frozen
class Target:
    """What value a goal's indicator must reach.

    Shares are fractions (``0.75`` for 75 %), counts are numbers of people, times are days,
    costs are in the project's currency. Bounds are inclusive.

    Build one with the class methods: ``Target.at_least(30)``, ``Target.between(0.4, 0.6)``.
    """

    op: TargetOp
    low: float | None = field(default=None, validator=_finite)
    high: float | None = field(default=None, validator=_finite)

    def __attrs_post_init__(self) -> None:
        needs = {
            "at_least": (True, False),
            "at_most": (False, True),
            "between": (True, True),
            "equal": (True, True),
        }[self.op]
        if (self.low is not None, self.high is not None) != needs:
            parts = [name for name, needed in zip(("low", "high"), needs, strict=True) if needed]
            msg = f"a {self.op!r} target needs {' and '.join(parts)}"
            raise ValueError(msg)
        if self.low is not None and self.high is not None and self.low > self.high:
            msg = f"target range is empty: {self.low} > {self.high}"
            raise ValueError(msg)
        if self.op == "equal" and self.low != self.high:
            msg = "an 'equal' target has one value"
            raise ValueError(msg)

    @classmethod
    def at_least(cls, value: float) -> Target:
        """The value must be ``>= value``."""
        return cls("at_least", low=value)

    @classmethod
    def at_most(cls, value: float) -> Target:
        """The value must be ``<= value``."""
        return cls("at_most", high=value)

    @classmethod
    def between(cls, low: float, high: float) -> Target:
        """The value must lie in ``[low, high]``."""
        return cls("between", low=low, high=high)

    @classmethod
    def equal(cls, value: float) -> Target:
        """The value must be exactly ``value``."""
        return cls("equal", low=value, high=value)

    def satisfied_by(self, value: float) -> bool:
        """Whether ``value`` meets the target."""
        return (self.low is None or value >= self.low) and (
            self.high is None or value <= self.high
        )

    def decide(self, lower: float | None, upper: float | None) -> bool | None:
        """Decide the target for a value known only to lie in ``[lower, upper]``.

        ``None`` as a bound means unbounded on that side. Returns ``True`` when every value
        in the range meets the target, ``False`` when none does, else ``None``.
        """
        lo = -math.inf if lower is None else lower
        hi = math.inf if upper is None else upper
        t_lo = -math.inf if self.low is None else self.low
        t_hi = math.inf if self.high is None else self.high
        if t_lo <= lo and hi <= t_hi:
            return True
        if hi < t_lo or lo > t_hi:
            return False
        return None

    def gap(self, value: float) -> float:
        """How far ``value`` is from the target: 0 when met, else the distance to the range."""
        if self.low is not None and value < self.low:
            return self.low - value
        if self.high is not None and value > self.high:
            return value - self.high
        return 0.0


def _slug(_: object, attribute: object, value: str) -> None:
    """An id: letters, digits, ``-``, ``_`` and ``.``, not starting with a dot (``..`` or
    ``.`` would name a folder above or the same folder where an id names a file or folder
    of a report site)."""
    key = f".{getattr(attribute, 'name', 'id')}"
    given: object = value  # a host's Python may give anything
    if not isinstance(given, str):
        msg = f"an id is a text, got {value!r}"
        raise FieldError(msg, key=key)
    if not value or not all(c.isalnum() or c in "-_." for c in value):
        msg = f"an id is letters, digits, '-', '_' or '.', got {value!r}"
        raise FieldError(msg, key=key)
    if value.startswith("."):
        msg = f"an id does not start with a dot ('.' and '..' name folders), got {value!r}"
        raise FieldError(msg, key=key)


@frozen
class Goal:
    """One promise of a project.

    :param id: stable identifier, unique within the project (letters, digits, ``-_.``).
    :param level: where the goal sits (:class:`Level`).
    :param title: a short name for reports.
    :param wording: the document's own words, verbatim, in its language.
    :param interpretation: how goalkit reads the wording: what is counted and why.
    :param indicator: what is measured (one of the indicator kinds).
    :param target: the value to reach; ``None`` for a monitored indicator, which is
        reported with its value and the status ``needs_assessment``.
    :param due: the date the target must be reached by. Facts dated after it do not count,
        and nobody who enrols after it joins the goal's cohort. ``None``: the goal runs to
        the end of the project period and every follow-up window runs to its end.
    :param parent: the id of the goal this one serves (a sub-goal's project goal).
    :param breakdowns: participant columns to break this goal down by, besides the project's
        standard breakdowns (sex and age band unless the project asks for fewer).
    :param target_group_only: count only people inside the project's target group (their
        age at enrolment); by default everyone counts, and people outside the group are
        only flagged in the data issues.
    :param min_response_rate: for a survey-based goal, the response rate below which it is
        not decided (``None``: the project's, 50 % by default; ``0``: no minimum).
    :param not_exited: the end-of-project rule for people who never exit (``None``: the
        project's, ``exits_at_end`` by default); see :data:`NotExited`.
    """

    id: str = field(validator=_slug)
    level: Level = field(converter=Level)
    indicator: Indicator
    title: Text = Text()
    wording: str = ""
    interpretation: Text = Text()
    target: Target | None = None
    due: date | None = None
    parent: str | None = None
    breakdowns: tuple[str, ...] = field(default=(), converter=strings)
    target_group_only: bool = False
    min_response_rate: float | None = field(default=None, validator=_rate)
    not_exited: NotExited | None = field(default=None, validator=_not_exited)
    _worked: Worked = field(factory=Worked, init=False, eq=False, repr=False)
    """What is worked out from the goal once (the columns its definition reads)."""

    def __attrs_post_init__(self) -> None:
        if self.target is not None:
            try:
                self.indicator.check_target(self.target)
            except ValueError as e:
                raise FieldError(str(e), key=".target") from None
