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

__all__ = ["looks_like_personal_number", "luhn_ok", "shown"]

_PNR = re.compile(r"^(?:(\d{2}))?(\d{2})(\d{2})(\d{2})[-+ ]?(\d{3})(\d)$")
_DIGIT_RUN = re.compile(r"\d[\d\- +]{8,14}\d")


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
    ``YYYYMMDDNNNN``; checks the month, the day (1–31, or 61–91 for a samordningsnummer)
    and the Luhn digit.
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


def shown(value: object, *, limit: int = 40) -> str:
    """A value as it may appear in a message: quoted, shortened, and redacted when it
    looks like (or contains) a personal identity number."""
    text = str(value)
    for run in _DIGIT_RUN.findall(text):
        if looks_like_personal_number(run):
            return "<redacted: looks like a personal identity number>"
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return repr(text)
