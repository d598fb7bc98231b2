"""Swedish and English for every report: gettext catalogs, and numbers and dates per locale.

Messages are marked in the source with ``_()`` (or :func:`N_` where the text is only named
and translated later) and in the templates with ``_()``; their ids are the English text.
The catalogs live in ``goalkit/reports/locales/<lang>/LC_MESSAGES/goalkit.po`` and are
compiled to the ``.mo`` files next to them, which are committed so a fresh clone works
without a build step. After changing a message::

    pybabel extract -F src/goalkit/reports/babel.cfg -k t -k n:1,2 --no-location \
        --sort-output -o src/goalkit/reports/locales/goalkit.pot src/goalkit/reports
    pybabel update -i src/goalkit/reports/locales/goalkit.pot \
        -d src/goalkit/reports/locales -D goalkit
    # translate the new entries in sv/LC_MESSAGES/goalkit.po, then
    pybabel compile -d src/goalkit/reports/locales -D goalkit

A test fails when a ``.mo`` file is older than its ``.po`` in content, or a message has no
Swedish translation.

Numbers and dates are formatted with Babel's CLDR data (``44,7 %`` and ``15 juni 2015`` in
Swedish; ``44.7%`` and ``15 June 2015`` in English). Babel is imported only when a report is
rendered, so ``import goalkit`` stays fast.
"""

from __future__ import annotations

import functools
import gettext
import os
import re
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from goalkit._exceptions import UnknownNameError
from goalkit.model._goal import Level, Target
from goalkit.model._indicator import Unit
from goalkit.model._reasons import AWAITING, REASONS, Family, reason_label
from goalkit.model._result import Status

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import date

    from goalkit.model._project import ColumnLabels
    from goalkit.model._text import Text

__all__ = [
    "DOMAIN",
    "LANGS",
    "LOCALE_DIR",
    "N_",
    "Labels",
    "check_lang",
    "default_lang",
    "labels",
    "translations",
]

DOMAIN = "goalkit"
LANGS: tuple[str, ...] = ("sv", "en")
"""The languages every report speaks."""
LOCALE_DIR = Path(__file__).parent / "locales"

_CLDR = {"sv": "sv_SE", "en": "en_GB"}

_PLAIN = 1e15
"""A number :meth:`Labels.number` writes itself is less than this in size."""
_QUANTA = tuple(Decimal(1).scaleb(-d) for d in range(10))
"""The last decimal kept, by how many decimals are written (``1``, ``0.1``, …)."""


@functools.cache
def _separators(locale: str) -> dict[int, str]:
    """Python's grouping comma and decimal point as the locale writes them (a table for
    :meth:`str.translate`)."""
    from babel.numbers import get_decimal_symbol, get_group_symbol  # noqa: PLC0415

    return str.maketrans({",": get_group_symbol(locale), ".": get_decimal_symbol(locale)})


def N_(message: str) -> str:  # noqa: N802  # the gettext convention for "mark, translate later"
    """Mark ``message`` for extraction without translating it here."""
    return message


def default_lang(environ: Mapping[str, str] | None = None) -> str:
    """``sv`` when the user's locale is Swedish, else ``en``.

    Reads ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` in gettext's order; the first
    one set decides.
    """
    env = os.environ if environ is None else environ
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var)
        if value:
            first = value.split(":")[0].lower()
            return "sv" if first.startswith("sv") else "en"
    return "en"


def check_lang(lang: str) -> str:
    """``lang`` if goalkit speaks it.

    :raises UnknownNameError: naming the languages there are.
    """
    if lang not in LANGS:
        raise UnknownNameError("language", lang, LANGS)
    return lang


@functools.cache
def translations(lang: str) -> gettext.NullTranslations:
    """The compiled catalog for ``lang`` (read once, then shared: it is read-only)."""
    check_lang(lang)
    return gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[lang], fallback=False)


STATUS_LABELS: Mapping[Status, str] = {
    Status.MET: N_("met"),
    Status.NOT_MET: N_("not met"),
    Status.PENDING: N_("pending"),
    Status.NEEDS_ASSESSMENT: N_("needs assessment"),
    Status.NO_DATA: N_("no data"),
}

STATUS_EXPLAINED: Mapping[Status, str] = {
    Status.MET: N_("The target is reached and nothing that can still happen can undo it."),
    Status.NOT_MET: N_("The target is missed and nothing that can still happen can reach it."),
    Status.PENDING: N_(
        "Not decided yet: people may still enrol, follow-up windows are open, or the bounds "
        "straddle the target."
    ),
    Status.NEEDS_ASSESSMENT: N_("No data can decide this goal: a person must judge it."),
    Status.NO_DATA: N_("Nobody to compute the value from yet (never counted as 0 %)."),
}

LEVEL_LABELS: Mapping[Level, str] = {
    Level.LONG_TERM: N_("long-term goal"),
    Level.PROJECT: N_("project goal"),
    Level.SUB_GOAL: N_("sub-goal"),
    Level.EFFECT: N_("effect goal"),
    Level.PRODUCT: N_("product goal"),
}

UNIT_LABELS: Mapping[Unit, str] = {
    Unit.PEOPLE: N_("people"),
    Unit.SHARE: N_("share"),
    Unit.DAYS: N_("days"),
    Unit.SCORE: N_("score"),
    Unit.MONEY: N_("money"),
    Unit.NUMBER: N_("number"),
    Unit.VERDICT: N_("verdict"),
}

REASON_LABELS: Mapping[str, str] = {r.code: r.en for r in REASONS}
"""The English labels of the declared reasons; ``goalkit.model._reasons`` holds each
reason with its label in both languages, and :meth:`Labels.reason` reads it there."""

ANCHOR_LABELS: Mapping[str, str] = {
    "enrolled": N_("enrolment"),
    "enrolment": N_("enrolment"),
    "exited": N_("exit"),
    "exit": N_("exit"),
    "employment_start": N_("start of employment"),
    "employment_end": N_("end of employment"),
    "employment_offer": N_("offer of employment"),
    "employment": N_("employment"),
    "income_support_start": N_("start of income support"),
    "income_support_end": N_("end of income support"),
    "studies_start": N_("start of studies"),
    "studies": N_("studies"),
    "baseline": N_("first answer"),
    "follow_up": N_("follow-up answer"),
}
"""Anchors and event kinds goalkit itself knows, for generated reason codes
(``awaiting_<anchor>``); a project's own event kinds are shown as the data name them."""

COLUMN_LABELS: Mapping[str, str] = {
    "group": N_("group"),
    "municipality": N_("municipality"),
    "birth_country": N_("country of birth"),
    "country_of_birth": N_("country of birth"),
    "education": N_("education"),
    "language": N_("language"),
    "referred_by": N_("referred by"),
    "status": N_("status"),
    "phase": N_("phase"),
    "sex": N_("sex"),
    "age_band": N_("age band"),
    "age": N_("age"),
}
"""Participant columns goalkit itself names (``missing_<column>``, breakdown dimensions)."""

DIMENSION_LABELS: Mapping[str, str] = COLUMN_LABELS

SEVERITY_LABELS: Mapping[str, str] = {
    "error": N_("error"),
    "warning": N_("warning"),
    "note": N_("note"),
}

ISSUE_LABELS: Mapping[str, str] = {
    "unreadable": N_("a file or table cannot be read"),
    "not_read": N_("a file or list that is no table, not read"),
    "empty_file": N_("an empty file"),
    "no_participants": N_("no participants table"),
    "encoding": N_("the file is not UTF-8"),
    "field_count": N_("a row with the wrong number of fields"),
    "ambiguous_table": N_("two sources for the same table"),
    "missing_column": N_("a required column is missing"),
    "duplicate_column": N_("two columns for the same field"),
    "unknown_column": N_("a column goalkit does not keep"),
    "wrong_type": N_("a cell that is not a value"),
    "no_rows": N_("a table without rows"),
    "missing_value": N_("a required cell is empty"),
    "bad_date": N_("a date that cannot be read"),
    "bad_number": N_("a number that cannot be read"),
    "out_of_range": N_("a value outside any plausible range"),
    "unknown_code": N_("an unknown code"),
    "score_out_of_range": N_("a survey score outside its scale"),
    "exit_before_enrolment": N_("exit before enrolment"),
    "duplicate_participant": N_("the same participant on several rows"),
    "unknown_participant": N_("an event or answer for an unknown participant"),
    "excluded_participant": N_("an event or answer for a participant left out"),
    "event_before_enrolment": N_("an event before enrolment"),
    "answer_before_enrolment": N_("a survey answer before enrolment"),
    "age_outside_target_group": N_("age outside the target group"),
    "breakdown_impossible": N_("a reported breakdown adds up to more than its total"),
    "breakdown_incomplete": N_("a reported breakdown adds up to less than its total"),
    "breakdown_as_reported": N_("a breakdown that does not add up in the source document "
                                "itself"),
    "conflicting_figures": N_("one figure reported with two different values"),
    "unknown_goal": N_("an assessment of no assessed goal of the project"),
    "conflicting_assessments": N_("one goal assessed twice on a day with two verdicts"),
    "personal_id": N_("an id that looks like a personal identity number"),
    "rows_excluded": N_("rows left out"),
    # what the goals use that the data lack (goalkit.engine._coverage.COVERAGE_CODES)
    "column_not_in_data": N_("a column a goal uses that the data lack"),
    "question_not_in_data": N_("a survey question a goal uses that no answer has"),
    "phase_not_in_data": N_("a survey phase a goal uses that no answer has"),
    "event_kind_not_in_data": N_("an event kind a goal uses that no event has"),
    "anchor_not_in_data": N_("a date a goal counts from that the data lack"),
    "metric_not_in_data": N_("a reported figure a goal uses that no figure gives"),
    "empty_data": N_("data without any participant"),
}
"""Every data-issue code (``goalkit.data._validate``, and the coverage check's), as a short
phrase to translate; the issue's own message (English, with the details) is shown next to
it."""

TABLE_LABELS: Mapping[str, str] = {
    "participants": N_("participants"),
    "events": N_("events"),
    "responses": N_("survey answers"),
    "assessments": N_("assessments"),
    "measurements": N_("reported figures"),
}
"""The tables of a data set, as a report names them."""

CATEGORY_LABELS: Mapping[tuple[str, str], str] = {
    ("sex", "F"): N_("women"),
    ("sex", "M"): N_("men"),
    ("sex", "X"): N_("non-binary persons"),
}
"""Categories goalkit names itself: sex as ESF+ counts it, women, men and non-binary persons
(:data:`goalkit.model._words.SEX_CATEGORIES`), each shown like any other category."""

CODE_LABELS: Mapping[str, str] = {
    "yes": N_("yes"),
    "no": N_("no"),
    "true": N_("yes"),
    "false": N_("no"),
    "unknown": N_("unknown"),
    "other": N_("other"),
}
"""Category codes that read as words in any column (``yes`` → ``ja``)."""

AUDIENCE_LABELS: Mapping[str, str] = {
    "public": N_("public: for funders, the web and open data (small counts hidden)"),
    "internal": N_("internal: for the project's own steering group"),
}


_WHERE_SV = (
    (re.compile(r"(^|, )row (\d+)"), r"\1rad \2"),
    (re.compile(r"(^|, )column '"), r"\1kolumn '"),
    (re.compile(r"^measurement "), "mätning "),
    (re.compile(r"^assessment "), "bedömning "),
    (re.compile(r"^goal '"), "mål '"),
)
"""goalkit's own words in where an issue lies (``goalkit.data._problems.Problem.where``,
``goalkit.data._figures``, ``goalkit.engine._coverage``), as Swedish writes them."""


class Labels:
    """Every word and number a report shows, in one language.

    :param lang: ``"sv"`` or ``"en"``.
    """

    def __init__(self, lang: str) -> None:
        self.lang = check_lang(lang)
        self._t = translations(lang)
        self._locale = _CLDR[lang]

    # -- words ---------------------------------------------------------------------------

    def __call__(self, message: str) -> str:
        """Translate ``message`` (its English text)."""
        return self._t.gettext(message)

    def n(self, singular: str, plural: str, count: int) -> str:
        """Translate with a plural form chosen by ``count``."""
        return self._t.ngettext(singular, plural, count)

    def text(self, text: Text) -> str:
        """A project's own text in this language, falling back to the other."""
        return text.get(self.lang)

    def status(self, status: Status) -> str:
        """``met`` / ``uppfyllt`` …"""
        return self(STATUS_LABELS[status])

    def status_explained(self, status: Status) -> str:
        """What the status means, in a sentence."""
        return self(STATUS_EXPLAINED[status])

    def level(self, level: Level) -> str:
        """``sub-goal`` / ``delmål`` …"""
        return self(LEVEL_LABELS[level])

    def unit(self, unit: Unit) -> str:
        """The name of a unit."""
        return self(UNIT_LABELS[unit])

    def reason(self, reason: str) -> str:
        """Why someone is pending or left out, as declared with the reason; a generated one
        with its anchor or column in words (``awaiting_<event>``: *awaiting <event>*);
        unknown codes as they are."""
        return reason_label(reason, self.lang, self._name_words)

    def _name_words(self, family: Family, name: str) -> str:
        return self.anchor(name) if family is AWAITING else self.column(name)

    def anchor(self, name: str) -> str:
        """An anchor or event kind goalkit knows, in words; a project's own as it is."""
        return self(ANCHOR_LABELS[name]) if name in ANCHOR_LABELS else name

    def column(self, name: str) -> str:
        """A participant column goalkit knows, in words; a project's own as it is."""
        return self(COLUMN_LABELS[name]) if name in COLUMN_LABELS else name

    def table(self, name: str) -> str:
        """A table of the data set (``responses`` → ``enkätsvar``); another as it is."""
        return self(TABLE_LABELS[name]) if name in TABLE_LABELS else name

    def audience(self, audience: str) -> str:
        """Who the report is for, in a phrase."""
        return self(AUDIENCE_LABELS[audience]) if audience in AUDIENCE_LABELS else audience

    def severity(self, severity: str) -> str:
        """``error`` / ``fel``, ``warning`` / ``varning``."""
        return self(SEVERITY_LABELS[severity]) if severity in SEVERITY_LABELS else severity

    def issue(self, code: str) -> str:
        """What a data-issue code means, in a few words; an unknown code as it is."""
        return self(ISSUE_LABELS[code]) if code in ISSUE_LABELS else code.replace("_", " ")

    def where(self, where: str) -> str:
        """Where a data issue lies (``participants.csv, row 3, column 'sex'``) in this
        language: goalkit's own words translated (:data:`_WHERE_SV`), file, table, metric
        and goal names as they are."""
        if self.lang != "sv":
            return where
        for pattern, swedish in _WHERE_SV:
            where = pattern.sub(swedish, where)
        return where

    def dimension(self, name: str, names: ColumnLabels | None = None) -> str:
        """A breakdown dimension: the project's own word for it (``names``, its goal
        file's ``[labels.columns]``), else goalkit's (``sex`` → ``kön``), else as it is."""
        own = names.column(name, self.lang) if names is not None else None
        if own:
            return own
        return self(DIMENSION_LABELS[name]) if name in DIMENSION_LABELS else name

    def category(self, dimension: str, category: str,
                 names: ColumnLabels | None = None) -> str:
        """A breakdown category: the project's own word for the code (``names``, its goal
        file's ``[labels.codes.<column>]``), else goalkit's (``F`` → ``kvinnor``,
        ``unknown`` translated), else as it is (age bands, other codes)."""
        own = names.code(dimension, category, self.lang) if names is not None else None
        if own:
            return own
        key = (dimension, category)
        if key in CATEGORY_LABELS:
            return self(CATEGORY_LABELS[key])
        if category.lower() in CODE_LABELS:
            return self(CODE_LABELS[category.lower()])
        return category

    # -- numbers and dates ---------------------------------------------------------------

    def number(self, value: float, decimals: int = 0) -> str:
        """A number with this language's separators, exactly as Babel's
        ``format_decimal`` writes it with the pattern ``#,##0`` (and ``decimals`` zeros
        after the point): the value's shortest text rounded half to even, grouped by
        threes, a minus sign for any negative value (``-0`` for -0.001). Written here in
        one step for a plain finite number of at most 15 digits before the point (about
        1.6 µs against Babel's 8.6: a register's report of 3,334 projects formats some
        85,000 numbers); anything else is Babel's. ``tests/test_reports_i18n.py`` holds
        the two equal."""
        if type(value) in (int, float) and -_PLAIN < value < _PLAIN and 0 <= decimals <= 9:
            exact = Decimal(str(value))
            text = f"{abs(exact.quantize(_QUANTA[decimals])):,f}".translate(
                _separators(self._locale))
            return "-" + text if exact.is_signed() else text
        from babel.numbers import format_decimal  # noqa: PLC0415

        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return str(format_decimal(value, format=pattern, locale=self._locale))

    def count(self, value: int | None) -> str:
        """A number of people; ``–`` for none."""
        return "–" if value is None else self.number(value)

    def percent(self, share: float, decimals: int = 1) -> str:
        """A share (a fraction) in per cent: ``44,7 %`` / ``44.7%``."""
        text = self.number(share * 100, decimals)
        return f"{text}\u00a0%" if self.lang == "sv" else f"{text}%"

    def value(self, value: float | None, unit: Unit) -> str:
        """A goal's value as people read it, with its unit; ``–`` when there is none (never
        0 %)."""
        if value is None:
            return "–"
        if unit is Unit.SHARE:
            return self.percent(value)
        if unit is Unit.PEOPLE:
            return self._t.ngettext("{n} person", "{n} people", round(value)).format(
                n=self.number(value))
        if unit is Unit.DAYS:
            return self._t.gettext("{n} days").format(n=self.number(value))
        if unit is Unit.MONEY:
            return self._t.gettext("{n} kr").format(n=self.number(value))
        text = self.number(value) if float(value).is_integer() else self.number(value, 2)
        if unit is Unit.SCORE:
            return self._t.gettext("{n} points").format(n=text)
        return text

    def money(self, value: float, currency: str = "SEK") -> str:
        """An amount with its currency as a reader writes it: ``35 477 034 kr`` for
        kronor, ``1 000 EUR`` for another currency."""
        if currency.upper() in ("SEK", "KR"):
            return self._t.gettext("{n} kr").format(n=self.number(value))
        return f"{self.number(value)} {currency}"

    def not_reached(self, after: float | None) -> str:
        """A median not reached: ``ej uppnådd (> 180 dagar)``, or without the days."""
        if after is None:
            return self._t.gettext("not reached")
        return self._t.gettext("not reached (> {n} days)").format(n=self.number(after))

    def points(self, delta: float, unit: Unit) -> str:
        """A change in value with its sign: ``+5,2 procentenheter`` / ``+5.2 pp``."""
        sign = "+" if delta > 0 else ("−" if delta < 0 else "±")
        size = abs(delta)
        if unit is Unit.SHARE:
            return sign + self._t.gettext("{n} pp").format(n=self.number(size * 100, 1))
        return sign + self.value(size, unit)

    def short_date(self, day: date) -> str:
        """A short date for a chart axis, in this language: ``15 juni 2015`` reads
        ``15 juni 2015`` / ``15 Jun 2015`` (the month's abbreviation per locale)."""
        from babel.dates import format_date  # noqa: PLC0415

        return str(format_date(day, format="d MMM y", locale=self._locale))

    def target(self, target: Target | None, unit: Unit) -> str:
        """``≥ 75 %``, ``40–60 %``; empty for a monitored indicator."""
        if target is None:
            return ""
        def v(x: float | None) -> str:
            return self.value(x, unit)

        if target.op == "at_least":
            return f"≥ {v(target.low)}"
        if target.op == "at_most":
            return f"≤ {v(target.high)}"
        if target.op == "between":
            return f"{v(target.low)}–{v(target.high)}"
        return f"= {v(target.low)}"

    def date(self, day: date | None) -> str:
        """``15 juni 2015`` / ``15 June 2015``; ``–`` for none."""
        if day is None:
            return "–"
        from babel.dates import format_date  # noqa: PLC0415

        return str(format_date(day, format="long", locale=self._locale))


@functools.cache
def labels(lang: str) -> Labels:
    """The shared :class:`Labels` for ``lang`` (read-only once built)."""
    return Labels(lang)
