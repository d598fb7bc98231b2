"""Kinds about who the participants are: count, share with a condition, balance."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from attrs import field, frozen

from goalkit.indicators._support import (
    EXCLUDED,
    FAILURE,
    SUCCESS,
    Branch,
    anchor_branches,
    cases,
    columns_seen,
    count_summary,
    exit_rule,
    observed_anchor,
    outcome_frame,
    share_summary,
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
from goalkit.model._words import (
    anchor_done,
    categories_in,
    category_name,
    column_name,
    filter_words,
    where_sentence,
    words,
)

if TYPE_CHECKING:
    import narwhals as nw

__all__ = ["Balance", "Count", "Share"]


def _to_filter(value: Any) -> Filter:
    return value if isinstance(value, Filter) else Filter.from_mapping(value)


class _AnchoredCondition(PersonIndicator):
    """Success when the person's anchor date is known and ``condition`` holds then.

    A condition on the exit (``exited``, ``exit_reason``) is judged on the exit as known at
    the horizon: before the due date a person who has not exited is pending."""

    anchor: str
    condition: Filter

    def classify(self, person: Person, ctx: GoalContext) -> Outcome:
        a = observed_anchor(person, self.anchor, ctx)
        if isinstance(a, tuple):
            return a
        columns = columns_seen(person, ctx, self.condition.columns)
        if isinstance(columns, tuple):
            return columns
        if self.condition.matches(columns):
            return (SUCCESS, None, None)
        return (FAILURE, None, None)

    def classify_frame(self, frames: Frames, ctx: GoalContext) -> nw.LazyFrame[Any]:
        import narwhals as nw  # noqa: PLC0415

        people = with_anchor(frames.participants, frames.events, self.anchor)
        people, waiting = exit_rule(people, ctx, self.condition.columns)
        branches: list[Branch] = [anchor_branches("_a", ctx, self.anchor), *waiting]
        holds = self.condition.expr()
        branches.append((nw.lit(value=True) if holds is None else holds, SUCCESS, None))
        return outcome_frame(frames, people, cases(branches, (FAILURE, None)))


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


_NAMED_COLUMNS = frozenset({"sex"})
"""Columns whose categories name people (``kvinnor``, ``women``): a balance on one reads
"the share who are women", not "whose sex is women"."""


def _listed(items: list[str], last: str) -> str:
    """``a, b och c`` / ``a, b and c``."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def _categories(value: Any) -> tuple[Any, ...]:
    if isinstance(value, list | tuple):
        return tuple(value)
    return (value,)


@frozen
class Balance(PersonIndicator):
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

    def classify(self, person: Person, ctx: GoalContext) -> Outcome:
        columns = columns_seen(person, ctx, (self.column,))
        if isinstance(columns, tuple):
            return columns
        value = columns.get(self.column)
        if value is None:
            return (EXCLUDED, f"missing_{self.column}", None)
        return (SUCCESS if value in self.categories else FAILURE, None, None)

    def classify_frame(self, frames: Frames, ctx: GoalContext) -> nw.LazyFrame[Any]:
        import narwhals as nw  # noqa: PLC0415

        people, branches = exit_rule(frames.participants, ctx, (self.column,))
        c = nw.col(self.column)
        branches += [
            (c.is_null(), EXCLUDED, f"missing_{self.column}"),
            (c.is_in(list(self.categories)).fill_null(value=False), SUCCESS, None),
        ]
        return outcome_frame(frames, people, cases(branches, (FAILURE, None)))

    def describe(self, lang: str) -> str:
        col = column_name(self.column, lang)
        named = [category_name(self.column, c, lang) for c in self.categories]
        sv_or, en_or = _listed(named, "eller"), _listed(named, "or")
        counted, listed = categories_in(self.column, self.where.conditions)
        if listed or counted:
            shown = [category_name(self.column, c, lang) for c in counted]
            if listed:
                sv_of, en_of = _listed(shown, "och"), _listed(shown, "and")
            else:  # the known categories, and any other code the data give
                sv_of = _listed([*shown, "den som har en annan kod angiven"], "och")
                en_of = _listed([*shown, "anyone recorded with another code"], "and")
            if not shown and listed:
                sv_of, en_of = "ingen", "nobody"
            denominator = words(
                lang, f" Nämnaren är {sv_of}; den som saknar uppgift om {col} räknas inte.",
                f" The denominator is {en_of}; those with no {col} recorded are not counted.")
        else:
            denominator = words(
                lang, f" Nämnaren är alla med {col} angivet, vilket det än är; den som saknar "
                f"uppgift om {col} räknas inte.",
                f" The denominator is everyone with a {col} recorded, whatever it is; those "
                f"with no {col} recorded are not counted.")
        if self.column in _NAMED_COLUMNS:
            share = words(lang, f"Andelen av deltagarna som är {sv_or}.",
                          f"The share of participants who are {en_or}.")
        else:
            share = words(lang, f"Andelen av deltagarna där {col} är {sv_or}.",
                          f"The share of participants whose {col} is {en_or}.")
        return share + denominator + where_sentence(self.where, lang)

    def summarize(self, tally: Tally, ctx: GoalContext) -> Summary:
        return share_summary(tally, ctx)

