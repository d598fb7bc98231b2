"""Charts for the HTML report: matplotlib figures rendered to inline SVG.

Why matplotlib: it renders on the server to static SVG, so the HTML report needs no
JavaScript and no network, prints sharply on A4 and stays small (a few kB a chart with text
kept as text). Figures are built with the object API (``Figure``, never ``pyplot``), and the
two settings that only exist as global rcParams (text as text, the seed of the SVG element
ids) are set while saving. matplotlib keeps global state (rcParams, font and text caches)
that is not safe to share between threads, so each chart is built and saved under one
lock: reports can be rendered from several threads and come out byte for byte the same.
Each chart gets its own id seed, so many SVGs in one page never share an element id.
"""

from __future__ import annotations

import functools
import io
import math
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from goalkit.model._indicator import Unit
from goalkit.model._result import Status
from goalkit.reports._view import MONITORED

if TYPE_CHECKING:
    from collections.abc import Sequence

    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from goalkit.reports._i18n import Labels
    from goalkit.reports._view_records import DimensionView, GoalView

__all__ = ["MOST_BARS", "STATUS_COLOURS", "breakdown_chart", "goal_chart", "progress_chart",
           "too_many_to_draw"]

STATUS_COLOURS = {
    Status.MET: "#2e7d32",
    Status.NOT_MET: "#c62828",
    Status.PENDING: "#b26a00",
    Status.NEEDS_ASSESSMENT: "#6a1b9a",
    MONITORED: "#00695c",
    Status.NO_DATA: "#757575",
}
TARGET_COLOUR = "#1565c0"
MOST_BARS = 30
"""The most categories a breakdown chart draws: a bar each, 0.3 inch apart, so that a chart
of 30 fits an A4 page beside its table. A breakdown of more (a register's 3,334 projects:
each chart 1,000 inches tall, about ten seconds of matplotlib's time) gets no chart, and
the report says so; its table holds every category."""
_LOCK = threading.RLock()

F = TypeVar("F", bound=Callable[..., Any])


def _one_at_a_time(fn: F) -> F:
    """Build and save a chart while no other thread touches matplotlib."""

    @functools.wraps(fn)
    def locked(*args: Any, **kwargs: Any) -> Any:
        with _LOCK:
            return fn(*args, **kwargs)

    return locked  # type: ignore[return-value]


def _svg(fig: Figure, seed: str) -> str:
    import matplotlib as mpl  # noqa: PLC0415

    buf = io.StringIO()
    with _LOCK, mpl.rc_context({"svg.fonttype": "none", "svg.hashsalt": seed}):
        fig.savefig(buf, format="svg", metadata={"Date": None})
    text = buf.getvalue()
    start = text.find("<svg")
    return text[start:] if start >= 0 else text


def _figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure  # noqa: PLC0415

    fig = Figure(figsize=(width, height), dpi=96)
    fig.set_facecolor("white")
    return fig


def _scale(unit: Unit) -> float:
    return 100.0 if unit is Unit.SHARE else 1.0


def _share_top(drawn: Sequence[float], room: float) -> float:
    """The top of a share's axis, in per cent: 100, or above the largest value drawn where
    one is over 100 % (a reported share, or a ratio in per cent, can be)."""
    return max([100.0, *(v * room for v in drawn if not math.isnan(v))])


def _style(ax: Axes) -> None:
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=8)


@_one_at_a_time
def goal_chart(g: GoalView, t: Labels) -> str | None:
    """The value against the target: bar, bounds while anyone is undecided, interval, target band.

    ``None`` when there is nothing to draw (no value and no bounds).
    """
    r = g.result
    if r.value is None and r.lower is None and r.upper is None:
        return None
    k = _scale(r.unit)
    fig = _figure(6.2, 1.4)
    fig.subplots_adjust(left=0.03, right=0.97, top=0.95, bottom=0.5)
    ax = fig.add_subplot()
    _style(ax)
    top = [v for v in (r.value, r.lower, r.upper,
                       *(() if r.target is None else (r.target.low, r.target.high)),
                       *(r.interval or ())) if v is not None]
    xmax = (_share_top([v * k for v in top], 1.15) if r.unit is Unit.SHARE
            else max(1.0, max(top) * 1.15))
    if r.target is not None:
        lo = (r.target.low if r.target.low is not None else 0.0) * k
        hi = (r.target.high * k) if r.target.high is not None else xmax
        ax.axvspan(lo, hi, color=TARGET_COLOUR, alpha=0.10, lw=0, label=t("target"))
        for edge in (r.target.low, r.target.high):
            if edge is not None:
                ax.axvline(edge * k, color=TARGET_COLOUR, lw=1.2, ls="--")
    colour = STATUS_COLOURS[g.shown]
    if g.bounds and (r.lower is not None or r.upper is not None):
        lo_b = (r.lower or 0.0) * k
        hi_b = r.upper * k if r.upper is not None else xmax
        ax.barh([0], [hi_b - lo_b], left=[lo_b], height=0.7, color=colour, alpha=0.22,
                label=g.bounds_label)
    if r.value is not None:
        ax.barh([0], [r.value * k], height=0.34, color=colour, label=t("value"))
        note = g.value + (f" ({g.numbers})" if g.numbers else "")
        if g.undecided:
            note += f"; {g.undecided}"
        ax.text(0.0, 0.62, note, transform=ax.get_yaxis_transform(), fontsize=7.5,
                color="#212121", va="bottom", ha="left")
    if r.interval is not None:
        ax.errorbar([r.value * k if r.value is not None else sum(r.interval) * k / 2], [0],
                    xerr=[[max(0.0, (r.value or 0) * k - r.interval[0] * k)],
                          [max(0.0, r.interval[1] * k - (r.value or 0) * k)]],
                    fmt="none", ecolor="#212121", elinewidth=1, capsize=4,
                    label=t("95 % interval"))
    ax.set_xlim(0, xmax)
    ax.set_ylim(-0.6, 0.95)
    ax.set_yticks([])
    if r.unit is Unit.SHARE:
        ax.set_xlabel("%", fontsize=8)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.5), ncol=4, fontsize=7,
                  frameon=False)
    return _svg(fig, f"goal-{g.id}")


@_one_at_a_time
def breakdown_chart(g: GoalView, dim: DimensionView, t: Labels) -> str | None:
    """One bar a category; suppressed categories named, without a bar. ``None`` when there
    is no category, or too many (:func:`too_many_to_draw`)."""
    if not dim.cells or too_many_to_draw(dim):
        return None
    k = _scale(g.unit)
    names = [c.category for c in dim.cells]
    values = [(c.raw_value or 0.0) * k if c.hidden is None else 0.0 for c in dim.cells]
    height = 0.3 * len(names) + 0.55
    fig = _figure(6.2, height)
    # room for the longest category at 8 pt (about 0.065 in a character), so that
    # "icke-binära personer" is not cut off at the figure's edge
    left = min(0.45, max(0.17, (0.065 * max(len(n) for n in names) + 0.2) / 6.2))
    fig.subplots_adjust(left=left, right=0.95, top=1 - 0.1 / height, bottom=0.4 / height)
    ax = fig.add_subplot()
    _style(ax)
    y = list(range(len(names)))
    ax.barh(y, values, height=0.6, color=STATUS_COLOURS[g.shown], alpha=0.85)
    ax.set_yticks(y, labels=names)
    ax.invert_yaxis()
    xmax = _share_top(values, 1.2) if g.unit is Unit.SHARE else max([1.0, *values]) * 1.2
    ax.set_xlim(0, xmax)
    for yi, c in zip(y, dim.cells, strict=True):
        text = (t("suppressed") if c.hidden is not None
                else c.value + (f" ({c.numbers})" if c.numbers else "")
                + (f"; {c.undecided}" if c.undecided else ""))
        inside = values[yi] > xmax * 0.6  # a long bar holds its text: none runs off the edge
        ax.text(values[yi] + xmax * (-0.01 if inside else 0.01), yi, text, va="center",
                ha="right" if inside else "left", fontsize=7,
                color="white" if inside else "#424242",
                style="italic" if c.hidden is not None else "normal")
    r = g.result
    if g.unit is Unit.SHARE and r.target is not None:
        for edge in (r.target.low, r.target.high):
            if edge is not None:
                ax.axvline(edge * k, color=TARGET_COLOUR, lw=1.2, ls="--")
    return _svg(fig, f"breakdown-{g.id}-{dim.name}")


def too_many_to_draw(dim: DimensionView) -> bool:
    """Whether a breakdown has more categories than a chart draws (:data:`MOST_BARS`)."""
    return len(dim.cells) > MOST_BARS


@_one_at_a_time
def progress_chart(g: GoalView, t: Labels, dates: Sequence[str]) -> str | None:
    """The value at each reporting date, with its counts, the bounds while anyone is
    undecided, and the target."""
    steps = g.steps
    if len(steps) < 2 or all(s.raw_value is None for s in steps):
        return None  # nothing but a target line: no empty chart
    k = _scale(g.unit)
    fig = _figure(6.2, 2.0)
    fig.subplots_adjust(left=0.09, right=0.97, top=0.95, bottom=0.33)
    ax = fig.add_subplot()
    _style(ax)
    ax.spines["left"].set_visible(True)
    x = list(range(len(steps)))
    lows = [(s.lower if s.lower is not None else s.raw_value) for s in steps]
    highs = [(s.upper if s.upper is not None else s.raw_value) for s in steps]
    if any(lo is not None and hi is not None and lo != hi for lo, hi in zip(lows, highs,
                                                                              strict=True)):
        ax.fill_between(x, [(v or 0.0) * k for v in lows], [(v or 0.0) * k for v in highs],
                        color="#9e9e9e", alpha=0.25, lw=0, label=t("bounds while undecided"))
    vals = [s.raw_value * k if s.raw_value is not None else float("nan") for s in steps]
    ax.plot(x, vals, color="#212121", lw=1.5, marker="o", ms=4, label=t("value"))
    for xi, s in zip(x, steps, strict=True):
        if s.status is not None and s.raw_value is not None:
            ax.plot([xi], [s.raw_value * k], marker="o", ms=7, color=STATUS_COLOURS[s.shown])
        note = "\n".join(part for part in (s.numbers, s.undecided) if part)
        if note:
            ax.annotate(note, (xi, s.raw_value * k if s.raw_value is not None else 0.0),
                        textcoords="offset points", xytext=(0, 7), ha="center", fontsize=6,
                        color="#424242")
    r = g.result
    if r.target is not None:
        for edge in (r.target.low, r.target.high):
            if edge is not None:
                ax.axhline(edge * k, color=TARGET_COLOUR, lw=1.2, ls="--", label=t("target"))
    ax.set_xticks(x, labels=list(dates), fontsize=7)
    ax.set_xlim(-0.4, len(steps) - 0.6)  # room for the first and last date's label
    if g.unit is Unit.SHARE:
        ax.set_ylim(0, _share_top([*vals, *((v or 0.0) * k for v in highs)], 1.1))
        ax.set_ylabel("%", fontsize=8)
    handles, names = ax.get_legend_handles_labels()
    unique = dict(zip(names, handles, strict=True))
    if unique:
        ax.legend(unique.values(), unique.keys(), loc="upper center",
                  bbox_to_anchor=(0.5, -0.18), ncol=3, fontsize=7, frameon=False)
    return _svg(fig, f"progress-{g.id}")
