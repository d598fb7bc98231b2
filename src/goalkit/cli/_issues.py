"""Data problems as the command line lists them: a line each, in English or Swedish."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from goalkit.model._result import DataIssue

__all__ = ["format_issues"]


def format_issues(issues: Sequence[DataIssue], lang: str = "en") -> list[str]:
    """One line per issue: severity, code, where, and what is wrong, in ``lang`` (``sv``:
    the Swedish message and place, where the issue has them)."""
    from goalkit.reports._i18n import labels  # noqa: PLC0415

    t = labels(lang)
    sv = lang == "sv"
    lines = []
    for i in issues:
        count = (f" ({i.count} {'rader' if sv else 'rows'})" if i.count > 1 else "")
        where = f"{t.where(i.where)}: " if i.where else ""
        message = (i.message_sv or i.message) if sv else i.message
        severity = t.severity(i.severity) if sv else i.severity
        lines.append(f"{severity:<{10 if sv else 7}} [{i.code}] {where}{message}{count}")
    return lines
