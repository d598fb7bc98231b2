"""A self-contained HTML report (``html``): one file, no scripts, no network, prints on A4.

Rendered with Jinja2 (autoescaped) from ``templates/report.html.j2``; the style sheet is
inlined and the charts are inline SVG from matplotlib (see :mod:`goalkit.reports._charts`).
"""

from __future__ import annotations

import functools
from importlib.resources import files
from typing import TYPE_CHECKING

from goalkit.reports._i18n import translations
from goalkit.reports._view import ViewFormat

if TYPE_CHECKING:

    import jinja2

    from goalkit.reports._view_records import ReportView


__all__ = ["HtmlFormat", "render_html"]


@functools.cache
def _environment(lang: str) -> jinja2.Environment:
    """One Jinja2 environment per language (read-only once built, so shared)."""
    import jinja2  # noqa: PLC0415

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("goalkit.reports", "templates"),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(translations(lang), newstyle=False)  # type: ignore[attr-defined]
    return env


def _css() -> str:
    """The style sheet, marked safe: goalkit's own file, inlined as it is (autoescaping it
    turned its quotes into ``&#34;`` and every font rule into nothing)."""
    from markupsafe import Markup  # noqa: PLC0415

    text = (files("goalkit.reports") / "templates" / "report.css").read_text(encoding="utf-8")
    return Markup(text)  # noqa: S704  # goalkit's own style sheet, no outside text


def _charts(view: ReportView) -> dict[str, dict[str, str | None]]:
    """Every chart of the page, by goal (``goal``, ``progress``) and by goal and breakdown
    (``breakdown``); and, for a breakdown of too many groups to draw, their number as the
    reader reads it (``too_many``)."""
    from goalkit.reports._charts import (  # noqa: PLC0415
        breakdown_chart,
        goal_chart,
        progress_chart,
        too_many_to_draw,
    )

    t = view.labels
    out: dict[str, dict[str, str | None]] = {"goal": {}, "progress": {}, "breakdown": {},
                                             "too_many": {}}
    short_dates = [t.short_date(d) for d in view.dates]
    for g in view.goals:
        out["goal"][g.id] = goal_chart(g, t)
        out["progress"][g.id] = progress_chart(g, t, short_dates) if g.steps else None
        for dim in g.breakdowns:
            key = f"{g.id}/{dim.name}"
            out["breakdown"][key] = breakdown_chart(g, dim, t)
            if too_many_to_draw(dim):
                out["too_many"][key] = t.count(len(dim.cells))
    return out


def render_html(view: ReportView) -> str:
    """The whole report as one HTML page."""
    from goalkit.reports._charts import MOST_BARS  # noqa: PLC0415

    template = _environment(view.lang).get_template("report.html.j2")
    return template.render(view=view, charts=_charts(view), css=_css(), most_bars=MOST_BARS)


class HtmlFormat(ViewFormat[str]):
    """A self-contained HTML page with charts; works offline and prints on A4."""

    description = "HTML, self-contained (inline SVG charts, print CSS for A4)"
    suffix = ".html"
    binary = False

    def render_view(self, view: ReportView) -> str:
        """The view, rendered."""
        return render_html(view)
