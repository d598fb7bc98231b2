"""Kinds read from survey answers: a share answering well, and change between two phases.

An answer belongs to a phase window: the days ``[lo, hi]`` around the person's anchor
(enrolment for the ``entry`` phase, exit for every other phase, unless set). A person's
answer in a phase is their *earliest* answer inside the window (on a tie, the lowest
score): later answers never overturn it, so a decided person stays decided.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from attrs import field, frozen

from goalkit.indicators._people import _to_filter
from goalkit.indicators._support import EXCLUDED, FAILURE, PENDING, SUCCESS, share_summary
from goalkit.indicators._vocabulary import (
    Branch,
    Declared,
    Rules,
    anchor,
    anchor_waits,
    choose,
    constant,
    difference,
    earliest,
    first_answer,
)
from goalkit.model._filter import Filter
from goalkit.model._indicator import GoalContext, Summary, Tally, Unit
from goalkit.model._reasons import (
    AWAITING_BASELINE,
    AWAITING_FOLLOW_UP,
    AWAITING_RESPONSE,
    NO_BASELINE,
    NO_FOLLOW_UP,
    NO_RESPONSE,
)
from goalkit.model._words import number, quoted, where_sentence, window_words, words

if TYPE_CHECKING:
    from goalkit.indicators._vocabulary import Term

__all__ = ["MeanChange", "PairedChange", "SurveyShare"]

DEFAULT_WINDOW = (-30, 30)


def _window(value: Any) -> tuple[int, int]:
    lo, hi = (int(v) for v in value)
    if lo > hi:
        msg = f"window [{lo}, {hi}] is empty: the first day comes after the last"
        raise ValueError(msg)
    return (lo, hi)


def default_anchor(phase: str) -> str:
    """Enrolment for the ``entry`` phase, exit for every other phase."""
    return "enrolled" if phase == "entry" else "exited"


def _answer(
    phase: str, question: str, a: Term, days: tuple[int, int], ctx: GoalContext
) -> tuple[Term, Term]:
    """The person's first answer in ``phase`` within ``days`` of their anchor day ``a``
    (cut at the horizon), and whether that window has closed (for good, once the due date
    has passed)."""
    last = a + days[1]
    score = first_answer(phase, question, a + days[0], earliest(last, ctx.horizon))
    closed = constant(value=True) if ctx.deadline_passed else last <= ctx.horizon
    return score, closed


@frozen
class SurveyShare(Declared):
    """The share of people whose answer to ``question`` in ``phase`` scores well.

    ``kind = "survey_share"``. Example: "at least 75 % satisfied at exit":
    ``phase = "exit"``, ``question = "satisfied"``, ``at_least = 4`` (on a 1–5 scale).
    People who never answered inside the window are excluded (``no_response``) once it
    has closed, and pending until then. They are the goal's non-responders: the result
    carries the response rate, with the share if they had all answered badly or well, and
    below the minimum response rate the goal is not decided.
    """

    kind: ClassVar[str] = "survey_share"
    unit: ClassVar[Unit] = Unit.SHARE
    tables: ClassVar[frozenset[str]] = frozenset({"responses"})
    nonresponse: ClassVar[frozenset[str]] = frozenset({NO_RESPONSE})
    question: str
    phase: str = "exit"
    at_least: float | None = None
    at_most: float | None = None
    anchor: str | None = None
    days: tuple[int, int] = field(default=DEFAULT_WINDOW, converter=_window)
    where: Filter = field(default=Filter(), converter=_to_filter)

    def __attrs_post_init__(self) -> None:
        if self.at_least is None and self.at_most is None:
            msg = "a survey share needs at_least or at_most: which scores count as success"
            raise ValueError(msg)

    @property
    def resolved_anchor(self) -> str:
        """The anchor actually used."""
        return self.anchor or default_anchor(self.phase)

    def good(self, score: float) -> bool:
        """Whether a score counts as a success."""
        return (self.at_least is None or score >= self.at_least) and (
            self.at_most is None or score <= self.at_most
        )

    def describe(self, lang: str) -> str:
        lo, hi = self.at_least, self.at_most
        if lo is not None and hi is not None:
            score = words(lang, f"mellan {number(lo, lang)} och {number(hi, lang)}",
                          f"between {number(lo, lang)} and {number(hi, lang)}")
        elif lo is not None:
            score = words(lang, f"minst {number(lo, lang)}", f"at least {number(lo, lang)}")
        else:
            top = number(hi or 0, lang)
            score = words(lang, f"högst {top}", f"at most {top}")
        q, ph = quoted(self.question, lang), quoted(self.phase, lang)
        window = window_words(self.days, self.resolved_anchor, lang)
        return words(
            lang,
            f"Andelen av dem som svarat på frågan {q} i fasen {ph} som svarat {score} "
            f"(det första svaret {window}). Den som inte har svarat när fönstret har "
            "stängts är bortfall och räknas inte i andelen; svarsfrekvensen och andelen om "
            "bortfallet hade svarat dåligt eller väl redovisas.",
            f"The share of those who answered question {q} in phase {ph} with a score "
            f"{score} (their first answer {window}). Someone who has not answered when "
            "the window closes is a non-responder and is not counted in the share; the "
            "response rate, and the share had the non-responders answered badly or well, "
            "are shown.",
        ) + where_sentence(self.where, lang)

    def rules(self, ctx: GoalContext) -> Rules:
        name = self.resolved_anchor
        a = anchor(name)
        s, closed = _answer(self.phase, self.question, a, self.days, ctx)
        good = s.present()
        if self.at_least is not None:
            good = good & (s >= self.at_least)
        if self.at_most is not None:
            good = good & (s <= self.at_most)
        return Rules(
            [
                anchor_waits(a, name, ctx),
                Branch(good, SUCCESS),
                Branch(s.present(), FAILURE),
                Branch(closed, EXCLUDED, NO_RESPONSE),
            ],
            (PENDING, AWAITING_RESPONSE),
        )

    def summarize(self, tally: Tally, ctx: GoalContext) -> Summary:
        return share_summary(tally, ctx)


def _scale(value: Any) -> tuple[float, float] | None:
    if value is None:
        return None
    lo, hi = (float(v) for v in value)
    if lo >= hi:
        msg = f"scale [{lo}, {hi}] needs its lowest score below its highest"
        raise ValueError(msg)
    return (lo, hi)


class _Paired(Declared):
    """The same question answered in two phases by the same person; value = after − before."""

    aggregation: ClassVar[Any] = "sum"
    tables: ClassVar[frozenset[str]] = frozenset({"responses"})
    nonresponse: ClassVar[frozenset[str]] = frozenset({NO_BASELINE, NO_FOLLOW_UP})
    question: str
    before: str
    after: str
    threshold: float
    before_anchor: str | None
    after_anchor: str | None
    before_days: tuple[int, int]
    after_days: tuple[int, int]

    @property
    def anchors(self) -> tuple[str, str]:
        """The anchors of the two phases."""
        return (
            self.before_anchor or default_anchor(self.before),
            self.after_anchor or default_anchor(self.after),
        )

    def _phases(self, lang: str) -> str:
        b_anchor, a_anchor = self.anchors
        before = f"{quoted(self.before, lang)} ({window_words(self.before_days, b_anchor, lang)})"
        after = f"{quoted(self.after, lang)} ({window_words(self.after_days, a_anchor, lang)})"
        return words(lang, f"både i fasen {before} och i fasen {after}",
                     f"both in phase {before} and in phase {after}")

    def _missing(self, lang: str) -> str:
        return words(lang, " Den som saknar något av svaren när fönstret har stängts är "
                           "bortfall och räknas inte.",
                     " Someone missing either answer when its window closes is a "
                     "non-responder and is not counted.")

    def rules(self, ctx: GoalContext) -> Rules:
        b_name, a_name = self.anchors
        ab, aa = anchor(b_name), anchor(a_name)
        before, b_closed = _answer(self.before, self.question, ab, self.before_days, ctx)
        after, a_closed = _answer(self.after, self.question, aa, self.after_days, ctx)
        has_b, has_a = before.present(), after.present()
        change = difference(after, before)
        return Rules(
            [
                anchor_waits(ab, b_name, ctx),
                Branch(~has_b & b_closed, EXCLUDED, NO_BASELINE),
                Branch(~has_b, PENDING, AWAITING_BASELINE),
                anchor_waits(aa, a_name, ctx),
                Branch(has_a & (change > self.threshold), SUCCESS),
                Branch(has_a, FAILURE),
                Branch(a_closed, EXCLUDED, NO_FOLLOW_UP),
            ],
            (PENDING, AWAITING_FOLLOW_UP),
            value=choose((has_a & has_b, change)),
        )


@frozen
class PairedChange(_Paired):
    """The share of people whose score improved between two phases (after − before >
    ``threshold``).

    ``kind = "paired_change"``. Example: "self-assessed wellbeing improved":
    ``question = "wellbeing"``, ``before = "entry"``, ``after = "exit"``. Only people who
    answered both times are decided; no baseline (``no_baseline``) or no follow-up answer
    once the window has closed (``no_follow_up``) excludes a person.
    """

    kind: ClassVar[str] = "paired_change"
    unit: ClassVar[Unit] = Unit.SHARE
    question: str
    before: str = "entry"
    after: str = "exit"
    threshold: float = 0.0
    before_anchor: str | None = None
    after_anchor: str | None = None
    before_days: tuple[int, int] = field(default=DEFAULT_WINDOW, converter=_window)
    after_days: tuple[int, int] = field(default=DEFAULT_WINDOW, converter=_window)
    where: Filter = field(default=Filter(), converter=_to_filter)

    def describe(self, lang: str) -> str:
        q, t = quoted(self.question, lang), number(self.threshold, lang)
        return words(
            lang,
            f"Andelen av dem som svarat på frågan {q} {self._phases(lang)} vars svar har "
            f"ökat med mer än {t}.",
            f"The share of those who answered question {q} {self._phases(lang)} whose "
            f"score rose by more than {t}.",
        ) + self._missing(lang) + where_sentence(self.where, lang)

    def summarize(self, tally: Tally, ctx: GoalContext) -> Summary:
        return share_summary(tally, ctx)


@frozen
class MeanChange(_Paired):
    """The mean change in score between two phases, over people who answered both.

    ``kind = "mean_change"``. Same people and windows as ``paired_change``. With a
    ``scale`` (lowest and highest score) the bounds say how far pending people could still
    move the mean; without one they are unbounded while anybody is pending.
    """

    kind: ClassVar[str] = "mean_change"
    unit: ClassVar[Unit] = Unit.SCORE
    question: str
    before: str = "entry"
    after: str = "exit"
    threshold: float = 0.0
    before_anchor: str | None = None
    after_anchor: str | None = None
    before_days: tuple[int, int] = field(default=DEFAULT_WINDOW, converter=_window)
    after_days: tuple[int, int] = field(default=DEFAULT_WINDOW, converter=_window)
    scale: tuple[float, float] | None = field(default=None, converter=_scale)
    where: Filter = field(default=Filter(), converter=_to_filter)

    def describe(self, lang: str) -> str:
        q = quoted(self.question, lang)
        return words(
            lang,
            f"Medelförändringen i svaret på frågan {q} bland dem som svarat "
            f"{self._phases(lang)} (senare svar minus tidigare).",
            f"The mean change in the answer to question {q} among those who answered "
            f"{self._phases(lang)} (later answer minus earlier).",
        ) + self._missing(lang) + where_sentence(self.where, lang)

    def response_bounds(
        self, tally: Tally, nonresponders: int
    ) -> tuple[float | None, float | None]:
        """The mean if every non-responder had changed by the least and by the most the
        scale allows (unbounded without a scale)."""
        n, total = tally.value_count, tally.value_sum
        if self.scale is None:
            if nonresponders:
                return (None, None)
            mean = self.summarize_value(tally)
            return (mean, mean)
        span = self.scale[1] - self.scale[0]
        if not n + nonresponders:
            return (None, None)
        return (round((total - nonresponders * span) / (n + nonresponders), 9),
                round((total + nonresponders * span) / (n + nonresponders), 9))

    @staticmethod
    def summarize_value(tally: Tally) -> float | None:
        """The mean change of the decided people."""
        n = tally.value_count
        return round(tally.value_sum / n, 9) if n else None

    def summarize(self, tally: Tally, ctx: GoalContext) -> Summary:
        n, p, total = tally.value_count, tally.pending, tally.value_sum
        value = round(total / n, 9) if n else None
        if p == 0:
            lower = upper = value
        elif self.scale is None:
            lower = upper = None
        else:
            span = self.scale[1] - self.scale[0]
            lower = round((total - p * span) / (n + p), 9)
            upper = round((total + p * span) / (n + p), 9)
        open_ = ctx.cohort_open
        return Summary(
            value=value,
            lower=lower,
            upper=upper,
            final_lower=None if open_ else lower,
            final_upper=None if open_ else upper,
            numerator=None,
            denominator=n,
            tally=tally,
        )
