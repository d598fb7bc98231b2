"""Swedish and English: the catalogs are complete and compiled, and every label of every
format is translated."""

from __future__ import annotations

import gettext
import io
import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from hypothesis import example, given
from hypothesis import strategies as st
from reports_support import text_of

import goalkit
from goalkit.data._validate import CODES
from goalkit.goals import Target
from goalkit.model._result import Status
from goalkit.plugins import make_plugin_manager
from goalkit.reports._i18n import (
    ISSUE_LABELS,
    LANGS,
    LEVEL_LABELS,
    LOCALE_DIR,
    REASON_LABELS,
    STATUS_LABELS,
    UNIT_LABELS,
    Labels,
    default_lang,
)

if TYPE_CHECKING:
    from collections.abc import Callable

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "src/goalkit/reports"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None, "t": None,
            "n": (1, 2)}
"""The markers ``_i18n.py`` documents for ``pybabel extract`` (``-k t -k n:1,2``)."""


def extracted() -> set[str]:
    """Every message the source and templates mark, as the maintainer's pybabel sees it."""
    method_map = [("**.py", "python"), ("**/templates/**.j2", "jinja2")]
    options = {"**/templates/**.j2": {"extensions": "jinja2.ext.i18n"}}
    ids = set()
    for _, _, message, _, _ in extract_from_dir(
        str(REPORTS), method_map, options_map=options, keywords=KEYWORDS,
    ):
        ids.add(message if isinstance(message, str) else message[0])
    return ids


def catalog(lang: str):  # type: ignore[no-untyped-def]
    with (LOCALE_DIR / lang / "LC_MESSAGES/goalkit.po").open("rb") as f:
        return read_po(f, locale=lang)


def test_every_marked_message_is_in_the_catalogs_and_nothing_else() -> None:
    marked = extracted()
    assert "Summary" in marked
    for lang in LANGS:
        ids = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog(lang) if m.id}
        assert marked - ids == set(), f"not in {lang}: run the pybabel steps in _i18n.py"
        assert ids - marked == set(), f"obsolete in {lang}"


def test_every_swedish_message_is_translated_and_keeps_its_placeholders() -> None:
    for m in catalog("sv"):
        if not m.id:
            continue
        assert not m.fuzzy, m.id
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        assert all(strings), f"no Swedish for {m.id!r}"
        for s in strings:
            assert set(re.findall(r"{\w+}", s)) == set(re.findall(r"{\w+}", ids[0])), m.id


@pytest.mark.parametrize("lang", LANGS)
def test_the_committed_mo_files_are_compiled_from_the_po_files(lang: str) -> None:
    """A fresh clone works without a build step, so the .mo files are committed; they must
    say what the .po files say."""
    buf = io.BytesIO()
    write_mo(buf, catalog(lang))
    buf.seek(0)
    fresh = gettext.GNUTranslations(buf)
    with (LOCALE_DIR / lang / "LC_MESSAGES/goalkit.mo").open("rb") as f:
        shipped = gettext.GNUTranslations(f)
    for m in catalog(lang):
        if m.id and isinstance(m.id, str):
            assert shipped.gettext(m.id) == fresh.gettext(m.id), m.id


def test_every_status_level_unit_and_reason_has_a_swedish_word() -> None:
    sv, en = Labels("sv"), Labels("en")
    for table in (STATUS_LABELS, LEVEL_LABELS, UNIT_LABELS, REASON_LABELS):
        for message in table.values():
            assert sv(message)
            assert en(message) == message
    assert {sv.status(s) for s in Status} == {
        "uppfyllt", "ej uppfyllt", "ej avgjort", "kräver bedömning", "inga data"}
    assert sv.reason("awaiting_employment_start") == "väntar på anställningens start"
    assert sv.reason("awaiting_mentor_meeting") == "väntar på mentor_meeting"  # the data's word


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "sv_SE.UTF-8"}, "sv"),
        ({"LC_ALL": "sv_FI.UTF-8", "LANG": "en_US.UTF-8"}, "sv"),
        ({"LANGUAGE": "en:sv", "LANG": "sv_SE.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_swedish_is_the_default_under_a_swedish_locale(
    environ: dict[str, str], expected: str
) -> None:
    assert default_lang(environ) == expected


def test_numbers_and_dates_follow_the_language() -> None:
    sv, en = Labels("sv"), Labels("en")
    assert sv.percent(0.4468) == "44,7\u00a0%"
    assert en.percent(0.4468) == "44.7%"
    assert sv.value(2400000, goalkit.Unit.MONEY) == "2\u00a0400\u00a0000 kr"
    assert sv.date(date(2015, 6, 15)) == "15 juni 2015"
    assert en.date(date(2015, 6, 15)) == "15 June 2015"
    assert sv.value(None, goalkit.Unit.SHARE) == "–"
    between = Target.between(0.4, 0.6)
    assert sv.target(between, goalkit.Unit.SHARE) == "40,0\u00a0%–60,0\u00a0%"


_NUMBERS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=-1e16, max_value=1e16),
    st.floats(min_value=-2000, max_value=2000),
    st.integers(min_value=-(10**18), max_value=10**18),
    st.integers(min_value=-10**7, max_value=10**7),
    st.sampled_from([0.0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.125, 2.675, 0.05, -0.04, 1e-7, 999.95,
                     999999.5, 1e15 - 0.5, -1e15 + 0.5, 123456789012345.67]),
)


_EDGES = [(0.5, 0), (1.5, 0), (2.5, 0), (-2.5, 0), (0.125, 2), (2.675, 2), (999.95, 1),
          (-0.001, 0), (-0.0, 0), (-0.0, 2), (1234567.5, 0), (-1234567.25, 1), (1e-7, 3),
          (10**15 - 1, 0), (1e15, 0), (float("nan"), 1), (True, 0)]
"""Ties at every precision (rounded half to even), signs that round to zero, grouping, and
the edges of the numbers written without Babel."""


def _edges(test: Callable[..., None]) -> Callable[..., None]:
    for value, decimals in _EDGES:
        for lang in sorted(LANGS):
            test = example(value=value, decimals=decimals, lang=lang)(test)
    return test


@_edges
@given(value=_NUMBERS, decimals=st.integers(min_value=0, max_value=9),
       lang=st.sampled_from(sorted(LANGS)))
def test_a_number_is_written_as_babel_writes_it(value: float, decimals: int, lang: str) -> None:
    """The labels write a plain number themselves (a register's report formats tens of
    thousands): every number, rounded half to even from its shortest text, grouped, signed,
    exactly as Babel's ``format_decimal`` with the same pattern; or the same error."""
    t = Labels(lang)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    try:
        expected = str(format_decimal(value, format=pattern, locale=t._locale))
    except Exception as e:  # a number Babel cannot write: neither can we
        with pytest.raises(type(e)):
            t.number(value, decimals)
        return
    assert t.number(value, decimals) == expected


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(goalkit.UnknownNameError, match="de"):
        Labels("de")


ENGLISH_ONLY = ("Summary", "bounds while pending", "needs assessment", "Data issues",
                "About this report", "change since previous report", "left out")


@pytest.mark.parametrize("name", ["table", "md", "html", "xlsx"])
def test_a_swedish_report_has_no_english_labels(name: str) -> None:
    project = goalkit.load_goals(ROOT / "examples/quickstart/goals.toml")
    data = goalkit.Dataset.from_folder(ROOT / "examples/quickstart/data")
    reports = [goalkit.evaluate(project, data, d) for d in project.reporting_dates[:2]]
    fmt = make_plugin_manager(entry_points=False).format(name)
    sv = text_of(fmt.render(reports, project=project, lang="sv"))
    en = text_of(fmt.render(reports, project=project, lang="en"))
    for word in ENGLISH_ONLY:
        assert word not in sv, word
    assert "Sammanfattning" in sv or name == "table"
    assert "ej avgjort" in sv
    assert "pending" in en


def test_every_data_issue_code_has_a_phrase_in_both_languages() -> None:
    """Issues are listed in every report; each code reads as words in the report's language,
    next to goalkit's own (English) message."""
    from goalkit.engine._coverage import COVERAGE_CODES  # noqa: PLC0415

    codes = {*CODES, *COVERAGE_CODES}  # what the goals use that the data lack, too
    assert codes <= set(ISSUE_LABELS)
    sv = Labels("sv")
    for code in codes:
        assert sv.issue(code) != ISSUE_LABELS[code], code
    assert sv.severity("error") == "fel"
