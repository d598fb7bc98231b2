"""A goal's definition in words: what its indicator counts, among whom, as of when.

The indicator says what it counts (:meth:`Indicator.describe`); the engine adds what the
goal and project decide around it: the cohort, the target group, the end-of-project rule,
the minimum response rate, the as-of date and the due date. Made once per goal, in Swedish
and English, from the same things the engine computes with: never written by hand.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from goalkit.engine._kept import kept
from goalkit.indicators._vocabulary import (
    EXIT_COLUMNS,
    Anchor,
    Column,
    Declared,
    Matches,
    reads_exit,
)
from goalkit.model._filter import Filter
from goalkit.model._indicator import AggregateIndicator, Indicator, PersonIndicator
from goalkit.model._text import Text, unwritable
from goalkit.model._words import long_date, percent, words

if TYPE_CHECKING:
    from goalkit.indicators._vocabulary import Rules
    from goalkit.model._goal import Goal
    from goalkit.model._indicator import GoalContext

__all__ = ["definition", "uses_exit"]


def _people_kinds(ind: Indicator) -> list[PersonIndicator]:
    if isinstance(ind, PersonIndicator):
        return [ind]
    return [p for c in ind.children() for p in _people_kinds(c)]


def _written(self: Indicator, method: str, text: object) -> str:
    """``text``, what the kind's ``method`` returned, if it is text that can be written
    (as UTF-8: no lone surrogate such as ``'\\ud800'``).

    The indicator is ``self`` here on purpose: an error raised in this frame is blamed on
    the plugin whose kind it is, as one raised in the kind's own method would be
    (:func:`goalkit.plugins._guard.plugin_of` reads a frame's ``self``).

    :raises TypeError: when it is not text.
    :raises ValueError: when it holds a lone surrogate.
    """
    where = f"indicator kind {self.kind!r} ({type(self).__qualname__}): {method}"
    if not isinstance(text, str):
        msg = f"{where} returned {type(text).__name__}, not text"
        raise TypeError(msg)
    why = unwritable(text)
    if why is not None:
        msg = f"{where} returned text holding {why.removeprefix('holds ')}"
        raise ValueError(msg)
    return text


def _described(ind: Indicator, lang: str) -> str:
    """What an indicator counts (:meth:`Indicator.describe`), each of the indicators it is
    built from checked first: the kind whose words cannot be written is the one named, not
    the built-in composite that quotes them."""
    for c in ind.children():
        _described(c, lang)
    return _written(ind, f"describe({lang!r})", ind.describe(lang))


def _explained(ind: Indicator, ctx: GoalContext, lang: str) -> list[str]:
    """What an indicator and the ones it is built from add for this goal (the amount a
    cost divides), outermost first."""
    own = _written(ind, f"explain(ctx, {lang!r})", ind.explain(ctx, lang))
    return [*([own] if own else []), *(s for c in ind.children()
                                        for s in _explained(c, ctx, lang))]


def uses_exit(ind: Indicator, ctx: GoalContext) -> bool:
    """Whether an indicator (or a part of it) reads the exit: a filter on the exit columns,
    or, for a kind written in the vocabulary, rules that read the exit day or columns (an
    anchor on it, a condition on it, a survey phase anchored on it). A kind with code of its
    own is asked through its fields named ``anchor`` and ``column``."""
    for p in _people_kinds(ind):
        if reads_exit(p.where.columns):
            return True
        if isinstance(p, Declared):
            if _rules_read_exit(p.rules(ctx)):
                return True
            continue
        fields: tuple[Any, ...] = getattr(type(p), "__attrs_attrs__", ())
        for f in fields:
            value = getattr(p, f.name)
            if isinstance(value, Filter) and reads_exit(value.columns):
                return True
            if f.name in ("anchor", "column") and value in ("exited", "exit_reason"):
                return True
    return False


def _rules_read_exit(rules: Rules) -> bool:
    """Whether rules read the exit day or the exit columns (one walk over their terms)."""
    for t in rules.terms():
        if isinstance(t, Anchor) and t.name == "exited":
            return True
        if isinstance(t, Column) and t.name in EXIT_COLUMNS:
            return True
        if isinstance(t, Matches) and reads_exit(t.where.columns):
            return True
    return False


def _sentences(goal: Goal, ctx: GoalContext, lang: str, *, exits: bool) -> str:
    ind = goal.indicator
    out = [_described(ind, lang), *_explained(ind, ctx, lang)]
    people = _people_kinds(ind)
    if people:
        close = long_date(ctx.cohort_close, lang)
        who = words(lang, f"Räknas bland deltagare som har skrivits in senast den {close}",
                    f"Counted among participants enrolled up to {close}")
        if ctx.target_group is not None:
            low, high = ctx.target_group
            ages = f"{'' if low is None else low}–{'' if high is None else high}"
            who += words(lang, f" och som hör till projektets målgrupp ({ages} år vid "
                               "inskrivningen)",
                         f" who belong to the project's target group (aged {ages} at "
                         "enrolment)")
        out.append(who + ".")
        if exits and ctx.period_end is not None:
            end = long_date(ctx.period_end, lang)
            if ctx.exit_at_end:
                out.append(words(
                    lang,
                    f"Den som inte har avslutat när projektperioden slutar den {end} räknas "
                    "som avslutad den dagen (orsak: projektet slutade); ett senare avslut "
                    "räknas inte.",
                    f"Someone who has not exited when the project period ends on {end} is "
                    "treated as exiting that day (reason: the project ended); a later exit "
                    "does not count.",
                ))
            else:
                out.append(words(
                    lang,
                    "Den som aldrig avslutar förblir ej avgjord, även efter projektperiodens "
                    "slut.",
                    "Someone who never exits stays undecided, even after the project period.",
                ))
        if ctx.min_response is not None and any(p.nonresponse for p in people):
            m = percent(ctx.min_response, lang)
            out.append(words(lang, f"Målet avgörs bara om minst {m} av de tillfrågade har "
                                   "svarat, eller om målvärdet nås, eller missas, oavsett vad "
                                   "de som inte svarat skulle ha svarat.",
                             f"The goal is decided only if at least {m} of those asked "
                             "answered, or if the target is met, or missed, whatever those "
                             "who did not answer would have said."))
    as_of = long_date(ctx.as_of, lang)
    if goal.due is not None:
        due = long_date(goal.due, lang)
        out.append(words(lang, f"Läget den {as_of}; målet ska vara nått den {due}.",
                         f"As of {as_of}; due {due}."))
    elif ctx.period_end is not None and not isinstance(ind, AggregateIndicator):
        end = long_date(ctx.period_end, lang)
        out.append(words(lang, f"Läget den {as_of}; målet gäller till projektperiodens slut "
                               f"den {end}.",
                         f"As of {as_of}; the goal runs to the end of the project period, "
                         f"{end}."))
    else:
        out.append(words(lang, f"Läget den {as_of}.", f"As of {as_of}."))
    return " ".join(s.strip() for s in out)


@kept
def definition(goal: Goal, ctx: GoalContext) -> Text:
    """What a goal's result counts, in Swedish and English (written once for a goal and
    its dates, :func:`~goalkit.engine._kept.kept`)."""
    exits = bool(_people_kinds(goal.indicator)) and uses_exit(goal.indicator, ctx)
    return Text(sv=_sentences(goal, ctx, "sv", exits=exits),
                en=_sentences(goal, ctx, "en", exits=exits))
