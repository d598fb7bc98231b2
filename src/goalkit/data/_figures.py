"""Reported figures checked against themselves: breakdowns against totals, and one figure
reported twice with different values.

A breakdown is additive unless the project says otherwise (:class:`FigureBreakdown`, goal
file ``[[figure_breakdowns]]``). Its parts exceeding the total is impossible (an error,
``breakdown_impossible``); its parts falling short is incomplete (a warning,
``breakdown_incomplete``), and :func:`complete_breakdowns` gives the remainder its own
category, :data:`UNKNOWN`. A difference the source document itself reports, declared
with its words (``as_reported``), is a note (``breakdown_as_reported``) quoting them: kept
as the document gives it, neither refused nor passed over. Two different values of one
metric at one date are an error (``conflicting_figures``): which is right cannot be known.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from goalkit.model._project import UNKNOWN
from goalkit.model._result import DataIssue

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from goalkit.model._goal import Goal
    from goalkit.model._project import ColumnLabels, FigureBreakdown
    from goalkit.model._records import Assessment, Measurement
    from goalkit.reports._i18n import Labels

__all__ = ["ASSESSMENT_CODES", "FIGURE_CODES", "NOTE_CODES", "UNKNOWN", "check_assessments",
           "check_measurements", "complete_breakdowns"]


FIGURE_CODES: dict[str, str] = {
    "breakdown_impossible": "A reported figure's additive breakdown adds up to more than "
                            "the figure (the 001 project's 90 + 196 > 259).",
    "breakdown_incomplete": "A reported figure's additive breakdown adds up to less than the "
                            "figure; the remainder is the category 'unknown'.",
    "conflicting_figures": "One metric reported with two different figures for one date.",
}
"""The problem codes of :func:`check_measurements`, with what each means."""

ASSESSMENT_CODES: dict[str, str] = {
    "unknown_goal": "An assessment of a goal the project does not have, or of a goal that "
                    "is computed, not assessed: it decides nothing.",
    "conflicting_assessments": "One goal assessed twice on one date with different "
                               "verdicts: which holds cannot be known.",
}
"""The problem codes of :func:`check_assessments`, with what each means."""

NOTE_CODES: dict[str, str] = {
    "breakdown_as_reported": "A reported figure's breakdown does not add up in the source "
                             "document itself, as the project declares with the "
                             "document's words (FigureBreakdown.as_reported): kept as "
                             "reported and shown, with the quote, as a note.",
}
"""The codes of :func:`check_measurements` that are notes, not problems: what the source
document itself says, which no data set can correct (severity ``note``; strict checks
pass them)."""


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def is_additive(
    m: Measurement, dimension: str, declared: Sequence[FigureBreakdown] = ()
) -> bool:
    """Whether ``dimension`` of ``m`` adds up to its total: the declaration for this metric,
    else the one for every metric, else yes (a figure saying ``additive = false`` has no
    additive breakdown)."""
    if not m.additive:
        return False
    general = None
    for d in declared:
        if d.dimension != dimension:
            continue
        if d.metric == m.metric:
            return d.additive
        if d.metric is None:
            general = d.additive
    return True if general is None else general


def _as_reported(
    m: Measurement, dimension: str, declared: Sequence[FigureBreakdown], *, excess: bool
) -> str | None:
    """The source's words for this figure's breakdown, where the project declares that the
    document itself reports it not adding up (``None``: not declared)."""
    for d in declared:
        if (d.dimension == dimension and d.metric == m.metric
                and d.excuses(m.date, excess=excess)):
            return d.as_reported
    return None


def _where(m: Measurement) -> str:
    return f"measurement {m.metric} {m.date.isoformat()}" + (f" ({m.source})" if m.source
                                                              else "")


def _key(m: Measurement) -> tuple[float, tuple[tuple[str, tuple[tuple[str, float], ...]], ...]]:
    return m.value, tuple(sorted((d, tuple(sorted(p.items()))) for d, p in m.breakdown.items()))


def _shown(m: Measurement) -> str:
    return f"{m.value:g}" + (f" ({m.source})" if m.source else "")


def check_measurements(
    measurements: Iterable[Measurement], declared: Sequence[FigureBreakdown] = (),
    names: ColumnLabels | None = None,
) -> list[DataIssue]:
    """Reported figures that contradict themselves or each other.

    :param declared: the project's :attr:`~goalkit.Project.figure_breakdowns`.
    :param names: the project's words for its columns and codes
        (:attr:`~goalkit.Project.labels`), so that the Swedish message names a breakdown
        and its categories in Swedish (``kön``, ``kvinnor``) as the reports do.
    :returns: ``breakdown_impossible`` errors, ``breakdown_incomplete`` warnings,
        ``breakdown_as_reported`` notes and ``conflicting_figures`` errors, in the
        figures' order.
    """
    issues: list[DataIssue] = []
    seen: dict[tuple[str, object], list[Measurement]] = {}
    for m in measurements:
        same = seen.setdefault((m.metric, m.date), [])
        if same and _key(m) not in {_key(o) for o in same}:
            issues.append(DataIssue(
                severity="error",
                code="conflicting_figures",
                message=(f"{m.metric!r} on {m.date.isoformat()} is reported with different "
                         f"figures: {_shown(same[0])} and {_shown(m)}"
                         + ("" if m.value != same[0].value else " (their breakdowns differ)")
                         + "; a reported goal reads the last one listed"),
                message_sv=(f"{m.metric!r} den {m.date.isoformat()} är rapporterad med olika "
                            f"siffror: {_shown(same[0])} och {_shown(m)}"
                            + ("" if m.value != same[0].value
                               else " (deras uppdelningar skiljer sig)")
                            + "; ett rapporterat mål läser den sist listade"),
                where=f"measurement {m.metric} {m.date.isoformat()}",
            ))
        same.append(m)
        for dim, parts in sorted(m.breakdown.items()):
            if not is_additive(m, dim, declared):
                continue
            total = sum(parts.values())
            if _close(total, m.value):
                continue
            detail = " + ".join(f"{v:g} ({k})" for k, v in parts.items())
            head = (f"reported {m.metric!r} on {m.date.isoformat()} is {m.value:g}, but its "
                    f"breakdown by {dim} adds up to {total:g}: {detail}")
            sv = _swedish()
            detail_sv = " + ".join(f"{v:g} ({sv.category(dim, k, names)})"
                                   for k, v in parts.items())
            dim_sv = sv.dimension(dim, names)
            head_sv = (f"rapporterat {m.metric!r} den {m.date.isoformat()} är {m.value:g}, "
                       f"men uppdelningen efter {dim_sv} summerar till {total:g}: {detail_sv}")
            unknown_sv = (f"{m.value - total:g} där {dim_sv} är okänt (kategorin "
                          f"”{sv.category(dim, UNKNOWN, names)}”)")
            quote = _as_reported(m, dim, declared, excess=total > m.value)
            if quote is not None:
                gap = (f"the parts exceed the whole by {total - m.value:g}" if total > m.value
                       else f"{m.value - total:g} with unknown {dim} (the category "
                            f"{UNKNOWN!r})")
                gap_sv = (f"delarna överstiger helheten med {total - m.value:g}"
                          if total > m.value
                          else unknown_sv)
                issues.append(DataIssue(
                    severity="note", code="breakdown_as_reported",
                    message=f"{head}; {gap}. The project declares that its source document "
                            f"reports this breakdown so: \"{quote}\"; kept as reported, "
                            "nothing corrected",
                    message_sv=f"{head_sv}; {gap_sv}. Projektet anger att "
                               f"källdokumentet redovisar uppdelningen så: \"{quote}\"; "
                               "redovisas som det står, inget är rättat",
                    where=_where(m)))
            elif total > m.value:
                issues.append(DataIssue(
                    severity="error", code="breakdown_impossible",
                    message=f"{head}; the parts exceed the whole by {total - m.value:g}, "
                            "which is impossible",
                    message_sv=f"{head_sv}; delarna överstiger helheten med "
                               f"{total - m.value:g}, vilket är omöjligt",
                    where=_where(m)))
            else:
                issues.append(DataIssue(
                    severity="warning", code="breakdown_incomplete",
                    message=f"{head}; {m.value - total:g} with unknown {dim} (the category "
                            f"{UNKNOWN!r})",
                    message_sv=f"{head_sv}; {unknown_sv}",
                    where=_where(m)))
    return issues


def complete_breakdowns(
    measurements: Iterable[Measurement], declared: Sequence[FigureBreakdown] = ()
) -> tuple[Measurement, ...]:
    """The figures with every incomplete additive breakdown's remainder added to its
    :data:`UNKNOWN` category (an impossible breakdown is left as it is)."""
    out = []
    for m in measurements:
        breakdown = {dim: dict(parts) for dim, parts in m.breakdown.items()}
        changed = False
        for dim, parts in breakdown.items():
            total = sum(parts.values())
            if is_additive(m, dim, declared) and total < m.value and not _close(total, m.value):
                parts[UNKNOWN] = parts.get(UNKNOWN, 0.0) + (m.value - total)
                changed = True
        out.append(attrs.evolve(m, breakdown=breakdown) if changed else m)
    return tuple(out)


def _swedish() -> Labels:
    """goalkit's Swedish words (loaded on first use: only a breakdown that does not add up
    needs them)."""
    from goalkit.reports._i18n import labels  # noqa: PLC0415

    return labels("sv")


def check_assessments(assessments: Iterable[Assessment], goals: Sequence[Goal],
                      ) -> list[DataIssue]:
    """Assessments that decide nothing, or contradict each other: one of a goal the project
    does not have (with the goal meant) or of a goal that is computed, not assessed
    (``unknown_goal``), and two different verdicts of one goal on one date
    (``conflicting_assessments``); errors, as a goal file's are refused
    (:class:`~goalkit.Project`). For an assessments table read with a project: a goal
    file's assessments were checked when it was read.
    """
    from goalkit.model._project import (  # noqa: PLC0415
        assessment_problem,
        conflicting_assessments,
    )
    from goalkit.model._suggest import closest  # noqa: PLC0415

    listed = list(assessments)
    ids = sorted({g.id for g in goals})
    issues: list[DataIssue] = []
    for a in listed:
        problem = assessment_problem(a, goals)
        if problem is None:
            continue
        if a.goal in ids:
            kind = next(g.indicator.kind for g in goals if g.id == a.goal)
            message_sv = (f"en bedömning av målet {a.goal!r}, vars indikator ({kind}) "
                          "beräknas, inte bedöms: bara ett mål av slaget 'assessed' läser "
                          "bedömningar")
        else:
            close = closest(a.goal, ids)
            message_sv = (f"en bedömning av målet {a.goal!r}, som inte är ett av projektets "
                          "mål" + (f"; menade du {close!r}?" if close else ""))
        issues.append(DataIssue("error", "unknown_goal", problem, _assessed_at(a),
                                message_sv=message_sv))
    for _, earlier, a in conflicting_assessments(listed):
        issues.append(DataIssue(
            "error", "conflicting_assessments",
            f"goal {a.goal!r} is assessed twice on {a.date.isoformat()} with different "
            f"verdicts ({earlier.verdict.value} and {a.verdict.value}): which holds cannot be "
            "known",
            _assessed_at(a),
            message_sv=f"målet {a.goal!r} är bedömt två gånger den {a.date.isoformat()} med "
                       f"olika omdömen ({earlier.verdict.value} och {a.verdict.value}): vilket "
                       "som gäller går inte att veta"))
    return issues


def _assessed_at(a: Assessment) -> str:
    return f"assessment {a.goal} {a.date.isoformat()}"
