"""Swedish personal identity numbers: recognise them so they never travel further.

A *personnummer* is ``YYMMDD-NNNC`` (``+`` instead of ``-`` from the year a person turns
100), also written with the century (``YYYYMMDDNNNC``) or without a separator. A
*samordningsnummer* (co-ordination number) is the same with 60 added to the day. The last
digit ``C`` is a Luhn check digit over the ten digits ``YYMMDDNNN``.

goalkit warns when a participant id looks like one (or refuses it, when asked): a project
should use its own ids. Values that look like one are never echoed into messages.
"""

from __future__ import annotations

import re

__all__ = [
    "PERSONAL_NUMBER",
    "PERSONAL_NUMBER_CELL",
    "contains_personal_number",
    "looks_like_personal_number",
    "luhn_ok",
    "shown",
]

_SPACE = r"[ \u00a0\u2007\u2009\u200b\u202f\u2060]"
"""A space as a word processor or a register writes one: a space, a no-break, figure,
thin or narrow no-break space, or an invisible one (a zero-width space, a word joiner)."""
_DASH = r"[-+_\u00ad\u2010-\u2015\u2212\ufe63\uff0d]"
"""The separator before the last four digits: ``-`` or ``+`` (Skatteverket's), ``_`` (a
system that allows no ``-`` in a field), or a dash as autocorrect writes it (Word turns
``850101 - 1236`` into ``850101 – 1236``): a soft hyphen, a hyphen, a non-breaking
hyphen, a figure, en or em dash, a horizontal bar, a minus sign, a small or fullwidth
hyphen-minus. Not a dot or a slash: ``850101.1236`` is a number with four decimals, and
no Swedish practice writes a personal identity number so."""
_SEPARATOR = f"{_SPACE}?{_DASH}?{_SPACE}?"

PERSONAL_NUMBER = rf"\d{{6}}{_SEPARATOR}\d{{4}}"
"""The one pattern of a personal identity number's ten digits, however written (six
digits, maybe a separator with a space either side, four digits): for Python's ``re`` and
for polars (Rust's ``regex``) alike. Text it matches in *may* hold one;
:func:`looks_like_personal_number` decides (a date and a check digit). Validation looks
for it in every cell (:mod:`goalkit.data._cells`), in participant ids
(:data:`PERSONAL_NUMBER_CELL`), and in a host's records
(:data:`goalkit.data._typed.DOUBTFUL`, which spells it out)."""

PERSONAL_NUMBER_CELL = rf"^\s*(?:\d{{2}})?{PERSONAL_NUMBER}\s*$"
"""A whole cell that may be a personal identity number (a participant id), with or
without the century."""

_PNR = re.compile(rf"^(?:(\d{{2}}))?(\d{{2}})(\d{{2}})(\d{{2}}){_SEPARATOR}(\d{{3}})(\d)$")
_RUN = re.compile(rf"(?<!\d)(?:\d{{2}})?{PERSONAL_NUMBER}(?!\d)")


def luhn_ok(digits: str) -> bool:
    """Whether a string of digits passes the Luhn (mod 10) check."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def looks_like_personal_number(value: str) -> bool:
    """Whether ``value`` is a valid Swedish personnummer or samordningsnummer.

    Accepts ``YYMMDD-NNNN``, ``YYMMDD+NNNN``, ``YYMMDDNNNN``, ``YYYYMMDD-NNNN`` and
    ``YYYYMMDDNNNN``, the separator also written as a dash or an underscore, or a space,
    with a space either side or not (:data:`PERSONAL_NUMBER`); checks the month, the day
    (1–31, or 61–91 for a samordningsnummer) and the Luhn digit.
    """
    m = _PNR.match(value.strip())
    if m is None:
        return False
    century, yy, mm, dd, serial, check = m.groups()
    if century is not None and century not in ("18", "19", "20"):
        return False
    month, day = int(mm), int(dd)
    if not 1 <= month <= 12:
        return False
    if not (1 <= day <= 31 or 61 <= day <= 91):
        return False
    return luhn_ok(f"{yy}{mm}{dd}{serial}{check}")


def contains_personal_number(text: str) -> bool:
    """Whether ``text`` holds a personal identity number, written any way
    :data:`PERSONAL_NUMBER` reads, among other text or alone."""
    return any(looks_like_personal_number(m) for m in _RUN.findall(text))


def shown(value: object, *, limit: int = 40) -> str:
    """A value as it may appear in a message: quoted, shortened, and redacted when it
    looks like (or contains) a personal identity number."""
    text = str(value)
    if contains_personal_number(text):
        return "<redacted: looks like a personal identity number>"
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return repr(text)
