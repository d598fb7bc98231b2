"""Kinds read from records rather than people: reported figures and assessments."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from attrs import frozen

from goalkit.indicators._vocabulary import Uses
from goalkit.model._indicator import (
    AggregateIndicator,
    FigureUnit,
    GoalContext,
    Summary,
    Unit,
    figure_unit,
    figure_unit_field,
    figure_value,
)
from goalkit.model._text import Text
from goalkit.model._words import quoted, words

if TYPE_CHECKING:
    from collections.abc import Sequence

    from goalkit.model._records import Assessment, Measurement

__all__ = ["Assessed", "Reported"]


@frozen
class Reported(AggregateIndicator):
    """The latest reported figure of ``metric`` dated up to the horizon.

    ``kind = "reported"``. For projects that report aggregate figures rather than people
    (the regional Jämtland project). With ``dimension`` and ``category`` it reads one part
    of the figure's breakdown (``dimension = "sex"``, ``category = "F"``). A later report
    may revise a figure, so a reported goal is decided only once its due date has passed.
    ``measured_in`` (``unit`` in a goal file) says what the figure counts, so that a
    reader sees it with its unit: ``people``, ``percent`` (read as a share: 26.8 is
    0.268, shown 26,8 %), ``share``, ``money``, ``days`` or a plain ``number`` (the
    default).
    """

    kind: ClassVar[str] = "reported"
    unit: ClassVar[Unit] = Unit.NUMBER
    metric: str
    dimension: str | None = None
    category: str | None = None
    measured_in: FigureUnit = figure_unit_field()

    def __attrs_post_init__(self) -> None:
        if (self.dimension is None) != (self.category is None):
            msg = "give both dimension and category, or neither"
            raise ValueError(msg)

    def value_unit(self) -> Unit:
        return figure_unit(self.measured_in)

    def data_uses(self) -> Uses:
        """What the kind reads in the data: its metric."""
        return Uses(metrics={self.metric})

    def describe(self, lang: str) -> str:
        m = quoted(self.metric, lang)
        part = ""
        if self.dimension is not None:
            d, c = quoted(self.dimension, lang), quoted(self.category, lang)
            part = words(lang, f", delen {c} av {d}", f", the part {c} of {d}")
        in_percent = (words(lang, " (i procent)", " (in per cent)")
                      if self.measured_in == "percent" else "")
        return words(
            lang,
            f"Den senast rapporterade siffran för {m}{part}{in_percent}, daterad senast den "
            "dag läget gäller. En senare rapport kan ändra siffran, så målet avgörs först "
            "när slutdatumet har passerat.",
            f"The latest reported figure for {m}{part}{in_percent}, dated up to the as-of "
            "day. A later report may revise it, so the goal is decided only once its due "
            "date has passed.",
        )

    def evaluate(
        self,
        goal_id: str,
        measurements: Sequence[Measurement],
        assessments: Sequence[Assessment],
        ctx: GoalContext,
    ) -> Summary:
        latest: Measurement | None = None
        for m in measurements:
            if m.metric == self.metric and m.date <= ctx.horizon and (
                latest is None or m.date >= latest.date
            ):
                latest = m
        if latest is None:
            return Summary(value=None)
        value: float | None = latest.value
        if self.dimension is not None:
            value = latest.breakdown.get(self.dimension, {}).get(str(self.category))
        if value is not None:
            value = figure_value(value, self.measured_in)  # per cent as the share it is
        final = value if ctx.deadline_passed else None
        evidence = (f"{latest.metric} {latest.date.isoformat()}: {latest.source or ''}".strip(),)
        return Summary(
            value=value,
            lower=value,
            upper=value,
            final_lower=final,
            final_upper=final,
            evidence=evidence,
        )


@frozen
class Assessed(AggregateIndicator):
    """A goal judged by a person: the latest :class:`Assessment` up to the as-of date.

    ``kind = "assessed"``. For deliverables (a documented course programme) and qualitative
    goals (prejudice eliminated). Without an assessment the goal *needs assessment*.
    ``criteria`` says what the assessor should look for: one text, or a Swedish and an
    English one (``{ sv = "…", en = "…" }``), so that each report reads in its language.
    """

    kind: ClassVar[str] = "assessed"
    unit: ClassVar[Unit] = Unit.VERDICT
    criteria: Text = Text()

    def describe(self, lang: str) -> str:
        text = words(lang, "Ett omdöme som en person har gjort och registrerat för målet (det "
                           "senaste fram till den dag läget gäller).",
                     "A judgement a person has made and recorded for the goal (the latest "
                     "up to the as-of day).")
        criteria = self.criteria.get(lang)
        if criteria:
            text += words(lang, f" Bedömningsgrund: {criteria}", f" Criteria: {criteria}")
        return text

    def evaluate(
        self,
        goal_id: str,
        measurements: Sequence[Measurement],
        assessments: Sequence[Assessment],
        ctx: GoalContext,
    ) -> Summary:
        latest: Assessment | None = None
        for a in assessments:
            if a.goal == goal_id and a.date <= ctx.as_of and (
                latest is None or a.date >= latest.date
            ):
                latest = a
        if latest is None:
            return Summary(value=None, verdict="needs_assessment")
        evidence = (latest.evidence,) if latest.evidence else ()
        return Summary(value=None, verdict=latest.verdict.value, evidence=evidence)
