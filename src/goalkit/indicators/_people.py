"""Kinds about who the participants are: count, share with a condition, balance."""

from __future__ import annotations

from typing import Any, ClassVar

from attrs import field, frozen

from goalkit.indicators._support import EXCLUDED, FAILURE, SUCCESS, count_summary, share_summary
from goalkit.indicators._vocabulary import (
    Branch,
    Declared,
    Rules,
    anchor,
    anchor_waits,
    column,
    exit_waits,
    is_in,
    matches,
    reads_exit,
)
from goalkit.model._filter import Filter
from goalkit.model._indicator import GoalContext, Summary, Tally, Unit
from goalkit.model._reasons import missing_reason
from goalkit.model._words import (
    anchor_done,
    category_name,
    column_name,
    denominator_words,
    filter_words,
    joined,
    names_people,
    where_sentence,
    words,
)

__all__ = ["Balance", "Count", "Share"]


def _to_filter(value: Any) -> Filter:
    return value if isinstance(value, Filter) else Filter.from_mapping(value)


class _AnchoredCondition(Declared):
    """Success when the person's anchor date is known and ``condition`` holds then.

    A condition on the exit (``exited``, ``exit_reason``) is judged on the exit as known at
    the horizon: before the due date a person who has not exited is pending."""

    anchor: str
    condition: Filter

    def rules(self, ctx: GoalContext) -> Rules:
        return Rules(
            [
                anchor_waits(anchor(self.anchor), self.anchor, ctx),
                exit_waits(ctx) if reads_exit(self.condition.columns) else None,
                Branch(matches(self.condition), SUCCESS),
            ],
            (FAILURE, None),
        )


@frozen
class Count(_AnchoredCondition):
    """The number of people in the cohort, optionally those whose anchor date has come and
    who meet ``condition`` then.

    ``kind = "count"``. Examples: everyone enrolled (the default); people who ended the
    project to work: ``anchor = "exited"``, ``condition = { exit_reason = "work" }``.
    While people can still enrol the count has no upper bound; at least-targets are met as
    soon as they are reached, because a count only grows.
    """

    kind: ClassVar[str] = "count"
    unit: ClassVar[Unit] = Unit.PEOPLE
    where: Filter = field(default=Filter(), converter=_to_filter)
    anchor: str = "enrolled"
    condition: Filter = field(default=Filter(), converter=_to_filter)

    def describe(self, lang: str) -> str:
        done = self.anchor != "enrolled"
        if not done and not self.condition:
            head = words(lang, "Antalet deltagare som skrivits in",
                         "The number of participants enrolled")
        else:
            head = words(lang, f"Antalet deltagare som har {anchor_done(self.anchor, lang)}",
                         f"The number of participants who have {anchor_done(self.anchor, lang)}")
            if self.condition:
                head += words(lang, f" och där {filter_words(self.condition, lang)}",
                              f" and whose {filter_words(self.condition, lang)}")
        return head + "." + where_sentence(self.where, lang)

    def summarize(self, tally: Tally, ctx: GoalContext) -> Summary:
        return count_summary(tally, ctx)


@frozen
class Share(_AnchoredCondition):
    """The share of the cohort who meet ``condition`` once their anchor date has come.

    ``kind = "share"``. Example: the share of those who ended the project who ended to
    work or studies: ``anchor = "exited"``,
    ``condition = { exit_reason = { in = ["work", "studies"] } }``. People whose anchor
    has not come are pending; after the due date they are excluded (``no_anchor_by_due``).
    """

    kind: ClassVar[str] = "share"
    unit: ClassVar[Unit] = Unit.SHARE
    where: Filter = field(default=Filter(), converter=_to_filter)
    anchor: str = "exited"
    condition: Filter = field(default=Filter(), converter=_to_filter)

    def describe(self, lang: str) -> str:
        done = anchor_done(self.anchor, lang)
        cond = filter_words(self.condition, lang) or words(lang, "villkoret gäller",
                                                           "the condition holds")
        if lang == "sv":
            text = (f"Andelen av dem som har {done} där {cond}. Nämnaren är alla som har "
                    f"{done}; den som ännu inte har {done} är inte avgjord.")
        else:
            text = (f"The share of those who have {done} whose {cond}. The denominator is "
                    f"everyone who has {done}; someone who has not {done} yet is not decided.")
        return text + where_sentence(self.where, lang)

    def summarize(self, tally: Tally, ctx: GoalContext) -> Summary:
        return share_summary(tally, ctx)


def _categories(value: Any) -> tuple[Any, ...]:
    if isinstance(value, list | tuple):
        return tuple(value)
    return (value,)


@frozen
class Balance(Declared):
    """The share of the cohort whose ``column`` is one of ``categories``.

    ``kind = "balance"``. Example: "an even split by sex" read as the share of women
    between 40 % and 60 %: ``column = "sex"``, ``categories = ["F"]`` with
    ``target = { between = [0.4, 0.6] }``. People with no value in the column are excluded
    (``missing_sex``). The share can move while people enrol, so it is decided only once
    the cohort has closed.
    """

    kind: ClassVar[str] = "balance"
    unit: ClassVar[Unit] = Unit.SHARE
    column: str = "sex"
    categories: tuple[Any, ...] = field(default=("F",), converter=_categories)
    where: Filter = field(default=Filter(), converter=_to_filter)

    def rules(self, ctx: GoalContext) -> Rules:
        value = column(self.column)
        return Rules(
            [
                exit_waits(ctx) if reads_exit((self.column,)) else None,
                Branch(value.is_null(), EXCLUDED, missing_reason(self.column)),
                Branch(is_in(value, self.categories), SUCCESS),
            ],
            (FAILURE, None),
        )

    def describe(self, lang: str) -> str:
        col = column_name(self.column, lang)
        cats = joined([category_name(self.column, c, lang) for c in self.categories],
                      words(lang, "eller", "or"))
        if names_people(self.column):  # "the share who are women", not "whose sex is"
            share = words(lang, f"Andelen av deltagarna som är {cats}.",
                          f"The share of participants who are {cats}.")
        else:
            share = words(lang, f"Andelen av deltagarna där {col} är {cats}.",
                          f"The share of participants whose {col} is {cats}.")
        return (f"{share} {denominator_words(self.column, self.where, lang)}"
                + where_sentence(self.where, lang))

    def summarize(self, tally: Tally, ctx: GoalContext) -> Summary:
        return share_summary(tally, ctx)

