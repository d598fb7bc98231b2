"""Words for what an indicator counts, in Swedish and English.

Every kind's ``describe(lang)`` is built from these pieces, so that the same thing reads
the same in every definition: a filter, an anchor, a window, a score, a list of codes.
Swedish is written as a Swedish evaluator writes it, not translated word by word.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import attrs

from goalkit.model._filter import Filter

if TYPE_CHECKING:
    from collections.abc import Iterable

    from goalkit.model._filter import Condition
    from goalkit.model._indicator import Indicator

__all__ = [
    "SEX_CATEGORIES",
    "anchor_done",
    "anchor_noun",
    "categories_in",
    "category_name",
    "column_name",
    "denominator_words",
    "filter_words",
    "generic",
    "joined",
    "long_date",
    "names_people",
    "number",
    "one_of",
    "percent",
    "quoted",
    "read_date",
    "window_words",
    "words",
]

_COLUMNS = {
    "sex": ("kön", "sex"),
    "age": ("ålder vid inskrivningen", "age at enrolment"),
    "age_band": ("åldersgrupp", "age band"),
    "exit_reason": ("avslutsorsak", "exit reason"),
    "exited": ("avslutsdatum", "exit date"),
    "enrolled": ("inskrivningsdatum", "enrolment date"),
    "birth_year": ("födelseår", "birth year"),
    "birth_date": ("födelsedatum", "birth date"),
}

SEX_CATEGORIES: tuple[str, ...] = ("F", "M", "X")
"""The categories of sex as ESF+ counts them: women (``F``), men (``M``) and non-binary
persons (``X``), each a category like the others (``docs/data.md``)."""

_CATEGORIES = {
    ("sex", "F"): ("kvinnor", "women"),
    ("sex", "M"): ("män", "men"),
    ("sex", "X"): ("icke-binära personer", "non-binary persons"),
}
"""Categories goalkit itself names, in Swedish and English (the reports' own labels are in
:data:`goalkit.reports._i18n.CATEGORY_LABELS`)."""

_KNOWN_CATEGORIES: dict[str, tuple[str, ...]] = {"sex": SEX_CATEGORIES}
"""The categories of a column goalkit knows them all for."""

_PEOPLE_COLUMNS = frozenset({"sex"})
"""Columns whose categories name people (``kvinnor``, ``women``)."""

_MONTHS = {
    "sv": ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
           "september", "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}


def words(lang: str, sv: str, en: str) -> str:
    """``sv`` for Swedish, ``en`` otherwise."""
    return sv if lang == "sv" else en


def long_date(d: date, lang: str) -> str:
    """A date as a reader writes it: ``31 december 2018``, ``31 December 2018``."""
    return f"{d.day} {_MONTHS['sv' if lang == 'sv' else 'en'][d.month - 1]} {d.year}"


def number(x: float, lang: str) -> str:
    """A number without needless decimals; a decimal comma and a minus sign in Swedish."""
    if x == int(x) and abs(x) < 1e15:
        text = f"{int(x):,}"
    else:
        text = f"{x:,.6g}" if abs(x) >= 1e6 else f"{x:g}"
    if lang == "sv":
        text = text.replace(",", "\u00a0").replace(".", ",").replace("-", "−")
    return text


def percent(share: float, lang: str) -> str:
    """A share as a percentage: ``50 %`` (Swedish), ``50%`` (English)."""
    value = number(round(share * 100, 1), lang)
    return f"{value}\u00a0%" if lang == "sv" else f"{value}%"


def quoted(value: Any, lang: str) -> str:
    """A code or name as written in the data: ”F” in Swedish, "F" in English."""
    if isinstance(value, bool):
        return words(lang, "ja" if value else "nej", "yes" if value else "no")
    if isinstance(value, int | float):
        return number(value, lang)
    if isinstance(value, date):
        return long_date(value, lang)
    return f"”{value}”" if lang == "sv" else f'"{value}"'


def one_of(values: Iterable[Any], lang: str, *, joiner: str | None = None) -> str:
    """``”a”, ”b” eller ”c”`` / ``"a", "b" or "c"``."""
    items = [quoted(v, lang) for v in values]
    last = joiner or words(lang, "eller", "or")
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def column_name(column: str, lang: str) -> str:
    """A participant column in words (an extra column by its own name)."""
    known = _COLUMNS.get(column)
    if known is None:
        return quoted(column, lang)
    return known[0] if lang == "sv" else known[1]


def category_name(column: str, value: Any, lang: str) -> str:
    """A category in words with its code: ``kvinnor (”F”)`` / ``women ("F")``; a code goalkit
    does not name, quoted as the data write it."""
    known = _CATEGORIES.get((column, value)) if isinstance(value, str) else None
    if known is None:
        return quoted(value, lang)
    return f"{known[0] if lang == 'sv' else known[1]} ({quoted(value, lang)})"


def categories_in(column: str, conditions: Iterable[Condition]) -> tuple[tuple[Any, ...], bool]:
    """Which categories of ``column`` pass ``conditions`` (those of a filter on it), and
    whether those are all (``True``: only listed values pass, through ``eq`` or ``in``) or
    the known ones among any other value the data give (``False``). For a column goalkit
    knows no categories of, and no ``eq`` or ``in``, that is ``((), False)``."""
    conditions = [c for c in conditions if c.column == column]
    listed: list[Any] | None = None
    for c in conditions:
        if c.op in ("eq", "in"):
            values = list(c.value) if c.op == "in" else [c.value]
            listed = values if listed is None else [v for v in listed if v in values]
    candidates = listed if listed is not None else list(_KNOWN_CATEGORIES.get(column, ()))
    passing = tuple(v for v in candidates if all(c.matches(v) for c in conditions))
    return passing, listed is not None


def names_people(column: str) -> bool:
    """Whether the categories of ``column`` name people (``kvinnor``, ``women``), so that a
    sentence reads "the share who are women", not "whose sex is women"."""
    return column in _PEOPLE_COLUMNS


def joined(items: Iterable[str], last: str) -> str:
    """``a, b och c`` / ``a, b or c``: words already written, joined by ``last``."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def denominator_words(column: str, where: Filter, lang: str) -> str:
    """Which categories of ``column`` form a share's denominator, as a sentence: the
    categories goalkit knows for the column (women, men and non-binary persons for sex) and
    anyone recorded with another code, narrowed by the conditions of ``where`` on the
    column; everyone with a value when goalkit knows no categories of it. People with no
    value are never counted."""
    col = column_name(column, lang)
    counted, closed = categories_in(column, where.conditions)
    named = [category_name(column, c, lang) for c in counted]
    if closed:
        who = joined(named, words(lang, "och", "and")) or words(lang, "ingen", "nobody")
    elif named:
        who = joined([*named, words(lang, "den som har en annan kod angiven",
                                    "anyone recorded with another code")],
                     words(lang, "och", "and"))
    else:
        who = words(lang, f"alla som har ett värde för {col}, vilket det än är",
                    f"everyone with a value for {col}, whatever it is")
    return words(lang, f"Nämnaren är {who}; den som saknar uppgift om {col} räknas inte.",
                 f"The denominator is {who}; those with no {col} recorded are not counted.")


def _condition(c: Condition, lang: str) -> str:
    name, v = column_name(c.column, lang), c.value
    sv = lang == "sv"
    if c.op == "is_null":
        if v:
            return f"{name} saknas" if sv else f"{name} is missing"
        return f"{name} är känd" if sv else f"{name} is known"
    phrase = {
        "eq": ("är", "is"),
        "ne": ("är inte", "is not"),
        "ge": ("är minst", "is at least"),
        "gt": ("är över", "is over"),
        "le": ("är högst", "is at most"),
        "lt": ("är under", "is under"),
    }.get(c.op)
    if phrase is not None:
        return f"{name} {phrase[0] if sv else phrase[1]} {quoted(v, lang)}"
    if c.op == "in":
        return f"{name} {words(lang, 'är', 'is')} {one_of(v, lang)}"
    if c.op == "not_in":
        return f"{name} {words(lang, 'är varken', 'is neither')} " + one_of(
            v, lang, joiner=words(lang, "eller", "nor"))
    low, high = v
    return (f"{name} är mellan {quoted(low, lang)} och {quoted(high, lang)}" if sv
            else f"{name} is between {quoted(low, lang)} and {quoted(high, lang)}")


def filter_words(f: Filter, lang: str) -> str:
    """Every condition of a filter, joined by "och"/"and" (empty for an empty filter)."""
    return f" {words(lang, 'och', 'and')} ".join(_condition(c, lang) for c in f.conditions)


def anchor_noun(anchor: str, lang: str) -> str:
    """The anchor date as a noun: ``inskrivningen``, ``avslutet``, ``första ”k”``."""
    if anchor == "enrolled":
        return words(lang, "inskrivningen", "enrolment")
    if anchor == "exited":
        return words(lang, "avslutet", "exit")
    return words(lang, f"första händelsen {quoted(anchor, lang)}",
                 f"the first {quoted(anchor, lang)} event")


def anchor_done(anchor: str, lang: str) -> str:
    """What has happened once the anchor has come: ``skrivits in``, ``avslutat``."""
    if anchor == "enrolled":
        return words(lang, "skrivits in", "enrolled")
    if anchor == "exited":
        return words(lang, "avslutat", "exited")
    return words(lang, f"haft händelsen {quoted(anchor, lang)}",
                 f"had the event {quoted(anchor, lang)}")


def window_words(days: tuple[int, int], anchor: str, lang: str) -> str:
    """``inom 0 till 183 dagar efter avslutet`` / ``within 0 to 183 days of exit``."""
    lo, hi = days
    noun = anchor_noun(anchor, lang)
    if lo >= 0:
        return words(lang, f"{number(lo, lang)}–{number(hi, lang)} dagar efter {noun}",
                     f"{lo}–{hi} days after {noun}")
    if hi <= 0:
        return words(lang, f"{number(-hi, lang)}–{number(-lo, lang)} dagar före {noun}",
                     f"{-hi}–{-lo} days before {noun}")
    return words(lang, f"från {number(-lo, lang)} dagar före till {number(hi, lang)} dagar "
                       f"efter {noun}",
                 f"from {-lo} days before to {hi} days after {noun}")


def where_sentence(where: Filter, lang: str) -> str:
    """`` Endast deltagare där …`` for a cohort filter (empty for none)."""
    if not where:
        return ""
    return words(lang, f" Endast deltagare där {filter_words(where, lang)}.",
                 f" Only participants whose {filter_words(where, lang)}.")


def generic(ind: Indicator, lang: str) -> str:
    """The default description of a kind that writes none of its own: its name and the
    settings that differ from their defaults."""
    parts = []
    fields: tuple[Any, ...] = getattr(type(ind), "__attrs_attrs__", ())
    if fields:
        for f in fields:
            value = getattr(ind, f.name)
            default = f.default
            if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                default = default.factory()
            if default is not attrs.NOTHING and value == default:
                continue
            if isinstance(value, Filter):
                if not value:
                    continue
                shown = filter_words(value, lang)
            elif isinstance(value, tuple):
                shown = ", ".join(quoted(v, lang) for v in value)
            else:
                shown = quoted(value, lang)
            parts.append(f"{f.name} = {shown}")
    settings = f" ({'; '.join(parts)})" if parts else ""
    return words(lang, f"Måttet {quoted(ind.kind, lang)}{settings}.",
                 f"The measure {quoted(ind.kind, lang)}{settings}.")


def read_date(text: str, expected: str = "a date") -> date:
    """A date as goalkit reads one it was given as text (every ``--as-of``, a site's
    manifest): exactly ``YYYY-MM-DD``, as the options say and goalkit writes it, blanks
    around it allowed. Not the rest of what :meth:`datetime.date.fromisoformat` reads
    (``20150615``, the week date ``2015-W24-1``, another day): the help never promised
    them, and ``2015-6-15`` is refused.

    :param expected: what the message says was expected (``"dates"`` for a list).
    :raises ValueError: ``expected a date as YYYY-MM-DD, got '20150615'``, and why for a
        day there is not (``got '2015-06-31' (day is out of range for month)``).
    """
    day = text.strip()
    digits = day[:4] + day[5:7] + day[8:]
    why = ""
    if len(day) == 10 and day[4] == day[7] == "-" and all(c in "0123456789" for c in digits):
        try:
            return date.fromisoformat(day)
        except ValueError as e:
            why = f" ({e})"
    msg = f"expected {expected} as YYYY-MM-DD, got {day!r}{why}"
    raise ValueError(msg)
