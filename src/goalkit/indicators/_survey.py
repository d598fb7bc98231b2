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
from goalkit.indicators._support import (
    EXCLUDED,
    FAILURE,
    PENDING,
    PID,
    SUCCESS,
    anchor_branches,
    answer_lookup,
    cases,
    day,
    first_answer,
    first_answer_in,
    observed_anchor,
    outcome_frame,
    share_summary,
    shift,
    with_anchor,
)
from goalkit.model._filter import Filter
from goalkit.model._indicator import (
    Frames,
    GoalContext,
    Outcome,
    Person,
    PersonIndicator,
    Summary,
    Tally,
    Unit,
)
from goalkit.model._words import number, quoted, where_sentence, window_words, words

if TYPE_CHECKING:
    import narwhals as nw

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


def _window_frame(
    people: nw.LazyFrame[Any], anchor_col: str, days: tuple[int, int], ctx: GoalContext, tag: str
) -> nw.LazyFrame[Any]:
    """Add ``_lo{tag}`` and ``_hi{tag}``: the window cut at the horizon, in day numbers."""
    import narwhals as nw  # noqa: PLC0415

    a = nw.col(anchor_col)
    return people.with_columns(
        (a + days[0]).alias(f"_lo{tag}"),
        nw.min_horizontal(a + days[1], nw.lit(day(ctx.horizon))).alias(f"_hi{tag}"),
    )


def _closed(anchor_col: str, days: tuple[int, int], ctx: GoalContext) -> nw.Expr:
    import narwhals as nw  # noqa: PLC0415

    if ctx.deadline_passed:
        return nw.lit(value=True)
    return (nw.col(anchor_col) + days[1]) <= day(ctx.horizon)


@frozen
class SurveyShare(PersonIndicator):
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
    nonresponse: ClassVar[frozenset[str]] = frozenset({"no_response"})
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

    def classify(self, person: Person, ctx: GoalContext) -> Outcome:
        a = observed_anchor(person, self.resolved_anchor, ctx)
        if isinstance(a, tuple):
            return a
        hi = shift(a, self.days[1])
        score = first_answer(
            person, self.phase, self.question, shift(a, self.days[0]), min(hi, ctx.horizon)
        )
        if score is not None:
            return (SUCCESS if self.good(score) else FAILURE, None, None)
        if ctx.deadline_passed or hi <= ctx.horizon:
            return (EXCLUDED, "no_response", None)
        return (PENDING, "awaiting_response", None)

    def classify_frame(self, frames: Frames, ctx: GoalContext) -> nw.LazyFrame[Any]:
        import narwhals as nw  # noqa: PLC0415

        anchor = self.resolved_anchor
        people = with_anchor(frames.participants, frames.events, anchor)
        people = _window_frame(people, "_a", self.days, ctx, "")
        people = first_answer_in(
            people, frames.responses, self.phase, self.question, ("_lo", "_hi"), "_s"
        )
        s = nw.col("_s")
        good = ~s.is_null()
        if self.at_least is not None:
            good = good & (s >= self.at_least)
        if self.at_most is not None:
            good = good & (s <= self.at_most)
        outcome = cases(
            [
                anchor_branches("_a", ctx, anchor),
                (good, SUCCESS, None),
                (~s.is_null(), FAILURE, None),
                (_closed("_a", self.days, ctx), EXCLUDED, "no_response"),
            ],
            (PENDING, "awaiting_response"),
        )
        return outcome_frame(frames, people, outcome)

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


class _Paired(PersonIndicator):
    """The same question answered in two phases by the same person; value = after − before."""

    aggregation: ClassVar[Any] = "sum"
    tables: ClassVar[frozenset[str]] = frozenset({"responses"})
    nonresponse: ClassVar[frozenset[str]] = frozenset({"no_baseline", "no_follow_up"})
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

    def _answer(
        self, person: Person, ctx: GoalContext, phase: str, anchor: str,
        days: tuple[int, int], reasons: tuple[str, str],
    ) -> float | Outcome:
        """The person's answer in ``phase`` within ``days`` of their ``anchor``, else their
        outcome for lacking it: excluded with ``reasons[0]`` once it can no longer come,
        pending with ``reasons[1]`` before."""
        at = observed_anchor(person, anchor, ctx)
        if isinstance(at, tuple):
            return at
        last = shift(at, days[1])
        score = first_answer(person, phase, self.question, shift(at, days[0]),
                             min(last, ctx.horizon))
        if score is not None:
            return score
        if ctx.deadline_passed or last <= ctx.horizon:
            return (EXCLUDED, reasons[0], None)
        return (PENDING, reasons[1], None)

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

    def classify(self, person: Person, ctx: GoalContext) -> Outcome:
        b_anchor, a_anchor = self.anchors
        before = self._answer(person, ctx, self.before, b_anchor, self.before_days,
                              ("no_baseline", "awaiting_baseline"))
        if isinstance(before, tuple):
            return before
        after = self._answer(person, ctx, self.after, a_anchor, self.after_days,
                             ("no_follow_up", "awaiting_follow_up"))
        if isinstance(after, tuple):
            return after
        change = after - before
        return (SUCCESS if change > self.threshold else FAILURE, None, change)

    def classify_frame(self, frames: Frames, ctx: GoalContext) -> nw.LazyFrame[Any]:
        import narwhals as nw  # noqa: PLC0415

        b_anchor, a_anchor = self.anchors
        people = with_anchor(frames.participants, frames.events, b_anchor, "_ab")
        people = with_anchor(people, frames.events, a_anchor, "_aa")
        people = _window_frame(people, "_ab", self.before_days, ctx, "b")
        people = _window_frame(people, "_aa", self.after_days, ctx, "a")
        # Both answers are looked up from the same people and joined side by side.
        before = answer_lookup(
            people, frames.responses, self.before, self.question, ("_lob", "_hib"), "_sb"
        )
        after = answer_lookup(
            people, frames.responses, self.after, self.question, ("_loa", "_hia"), "_sa"
        )
        people = people.join(before, on=PID, how="left").join(after, on=PID, how="left")
        change = nw.col("_sa") - nw.col("_sb")
        has_b, has_a = ~nw.col("_sb").is_null(), ~nw.col("_sa").is_null()
        outcome = cases(
            [
                anchor_branches("_ab", ctx, b_anchor),
                (~has_b & _closed("_ab", self.before_days, ctx), EXCLUDED, "no_baseline"),
                (~has_b, PENDING, "awaiting_baseline"),
                anchor_branches("_aa", ctx, a_anchor),
                (has_a & (change > self.threshold), SUCCESS, None),
                (has_a, FAILURE, None),
                (_closed("_aa", self.after_days, ctx), EXCLUDED, "no_follow_up"),
            ],
            (PENDING, "awaiting_follow_up"),
        )
        value = nw.when(has_a & has_b).then(change)
        return outcome_frame(frames, people, outcome, value)


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
