"""Helpers the report tests share."""

from __future__ import annotations

import html
import io
import re
from datetime import date
from typing import Any

import openpyxl

import goalkit
from goalkit.goals import Level, Target, Text
from goalkit.model._result import GoalResult, Report, Status
from goalkit.plugins import make_plugin_manager


def text_of(body: str | bytes) -> str:
    """Everything a reader can see in a rendered report (every cell of a workbook)."""
    if isinstance(body, str):
        return body
    wb = openpyxl.load_workbook(io.BytesIO(body))
    return "\n".join(str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True)
                     for v in row if v is not None)


AS_OF = date(2016, 6, 30)


def result(goal_id: str = "g", **kw: Any) -> GoalResult:
    """A goal result as the engine gives it (a share unless told otherwise)."""
    fields: dict[str, Any] = {
        "goal_id": goal_id, "level": Level.PROJECT,
        "title": Text(sv=f"Mål {goal_id}", en=f"Goal {goal_id}"), "wording": "",
        "interpretation": Text(sv="", en=""), "kind": "share",
        "unit": goalkit.Unit.SHARE, "status": Status.PENDING, "as_of": AS_OF, "due": None,
        "target": Target.at_least(0.3), "value": None,
    }
    fields.update(kw)
    return GoalResult(**fields)


def report(*results: GoalResult, as_of: date = AS_OF) -> Report:
    return Report(project_id="p", project_name=Text(sv="Projektet", en="The project"),
                  as_of=as_of, results=results, generator="goalkit test")


def visible(name: str, body: str | bytes) -> str:
    """What a reader sees: tags dropped and entities read for HTML, escapes read for
    Markdown, every cell of a workbook; whitespace collapsed."""
    text = text_of(body)
    if name == "html":
        text = re.sub(r"<style.*?</style>", " ", text, flags=re.DOTALL)
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    if name == "md":
        text = html.unescape(re.sub(r"\\(.)", r"\1", text))
    return " ".join(text.replace("\u00a0", " ").split())


def render(name: str, reports: list[Report], lang: str = "sv",
           options: dict[str, Any] | None = None) -> str | bytes:
    opts = {"width": 400, **(options or {})} if name == "table" else options
    return make_plugin_manager(entry_points=False).format(name).render(
        reports, lang=lang, options=opts)
