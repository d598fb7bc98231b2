"""What the goals use against what the data have: no silent nothing.

A goal naming a survey question, phase, event kind, anchor, column or reported metric that
the data do not have is never decided (``question = "satisfed"`` stays pending forever).
:func:`coverage_issues` names each one, with a "did you mean" where a known name is close,
so that ``goalkit validate`` and ``goalkit evaluate`` can say so. The engine sits between
the goals and the data, so this lives here.

What a goal uses comes from its kinds: a kind written in the vocabulary
(:class:`~goalkit.indicators.Declared`) reads it from its rules, any other kind says it by
defining ``data_uses()`` returning :class:`Uses` (otherwise only its ``where`` filter is
read). No kind is named here, so a new kind is covered without a change to this module.
"""

from __future__ import annotations

import difflib
import itertools
import math
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from attrs import frozen

from goalkit.data._typed import PARTICIPANT_FIELDS
from goalkit.engine._plan import engine_errors
from goalkit.engine._rules import band_labels
from goalkit.indicators._vocabulary import Uses
from goalkit.model._filter import Filter
from goalkit.model._indicator import PersonIndicator
from goalkit.model._project import AGE_COLUMNS, UNKNOWN, dimension_columns, missing_reasons
from goalkit.model._reasons import OUTSIDE_FILTER, OUTSIDE_TARGET_GROUP
from goalkit.model._result import DataIssue

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from goalkit.data._dataset import Dataset
    from goalkit.model._goal import Goal
    from goalkit.model._indicator import Indicator
    from goalkit.model._project import Project

__all__ = [
    "COVERAGE_CODES",
    "DataNames",
    "Uses",
    "breakdowns_read",
    "coverage_issues",
    "data_names",
    "goal_uses",
    "left_out_in",
    "needs_participants",
    "uses_of",
]

COVERAGE_CODES: dict[str, str] = {
    "column_not_in_data": "A goal filters, tests or breaks down by a participant column the "
                          "data lack (an error: the evaluation refuses it).",
    "question_not_in_data": "A goal's survey question is in no answer of the data.",
    "phase_not_in_data": "A goal's survey phase is in no answer of the data.",
    "event_kind_not_in_data": "A goal's event kind is in no event of the data.",
    "anchor_not_in_data": "A goal's anchor (an exit, an event kind) is in no row of the data.",
    "metric_not_in_data": "A reported goal's metric is in no reported figure.",
    "empty_data": "The data hold no participant, while some goal counts participants.",
}
"""The codes of :func:`coverage_issues`, with what each means (``docs/data.md``)."""

DERIVED_COLUMNS = frozenset({"age", "age_band"})
"""Participant columns goalkit works out itself (from a birth date or year)."""

BUILTIN_ANCHORS = ("enrolled", "exited")


def _filters(ind: Indicator) -> frozenset[str]:
    out: set[str] = set()
    for name in ("where", "condition"):
        f = getattr(ind, name, None)
        if isinstance(f, Filter):
            out |= f.columns
    return frozenset(out)


def _own(ind: Indicator) -> Uses:
    own = getattr(ind, "data_uses", None)
    if callable(own):
        found: Uses = own()
        return found
    return Uses(columns=_filters(ind))


def uses_of(ind: Indicator) -> Uses:
    """What an indicator (and every indicator it is built from) uses."""
    out = _own(ind)
    for child in ind.children():
        out = out | uses_of(child)
    return out


def goal_uses(goal: Goal) -> Uses:
    """What ``goal``'s indicator uses (:func:`uses_of`), worked out once a goal (its kinds'
    rules built and read: about 0.1 ms a goal, asked at every evaluation); a plugin kind's
    failure names the goal."""
    with engine_errors(f"goal {goal.id!r} ({goal.indicator.kind})"):
        return goal._worked.get("uses", lambda: uses_of(goal.indicator))


def breakdowns_read(goal: Goal, dimensions: Iterable[str], *,
                    target_group: bool) -> tuple[str, ...] | None:
    """The ``dimensions`` whose column ``goal``'s definition reads (:func:`uses_of` its
    indicator; the age when only the project's target group counts): those whose
    categories it can tie to its counts (``GoalResult.breakdowns_read``). ``None`` when a
    person kind in the indicator does not say what it reads (``data_uses``). Worked out
    once a goal (its kinds' rules built and read: 0.7 ms for six goals, at every
    evaluation of 300 people a host asks for)."""
    def read() -> frozenset[str] | None:
        return goal_uses(goal).columns if _says_uses(goal.indicator) else None

    columns = goal._worked.get("columns read", read)
    if columns is None:
        return None
    if target_group:
        columns |= AGE_COLUMNS
    return tuple(d for d in dimensions if dimension_columns(d) & columns)


def left_out_in(goal: Goal, breakdowns: Mapping[str, Iterable[str]],
                excluded: Iterable[str], *, target_group: tuple[int | None, int | None] | None,
                age_bands: Sequence[int]) -> dict[str, dict[str, tuple[str, ...]]]:
    """Where, by ``goal``'s definition, the people it leaves out for each reason of
    ``excluded`` can be: dimension to reason to the categories of ``breakdowns`` (by
    dimension) that can hold them, where those are fewer than all
    (``GoalResult.left_out_in``). Every person left out has one reason, so a reader of the
    definitions knows that the categories of a reason leave out at least the reason's
    count; a public report's audit knows it too (``docs/privacy.md``).

    Said for three reasons, each a superset of where its people can be (a category is
    named unless the definition rules it out):

    * a missing value (``missing_<column>``): in the ``unknown`` category of the
      dimensions that column's missing value puts a person in;
    * outside the project's target group (only its target group counts): in the age bands
      that hold an age at enrolment below ``min_age`` or above ``max_age`` (an unknown age
      never counts as outside);
    * outside the goal's filter (a person kind's ``where``, when it reads only the
      dimension's columns and compares text, or ages for the age band): in the categories
      whose values fail it.
    """
    reasons = tuple(excluded)
    if not reasons:
        return {}
    bands = dict(zip(band_labels(age_bands), _band_ages(age_bands), strict=True))
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for dim, found in breakdowns.items():
        categories = tuple(found)
        lie: dict[str, tuple[str, ...]] = {}
        for reason in reasons:
            inside = _lie_in(reason, dim, categories, goal, target_group,
                             bands if dim == "age_band" else {})
            if inside is not None and len(inside) < len(categories):
                lie[reason] = inside
        if lie:
            out[dim] = lie
    return out


def _lie_in(reason: str, dim: str, categories: tuple[str, ...], goal: Goal,
            target_group: tuple[int | None, int | None] | None,
            bands: Mapping[str, tuple[int | None, int | None]]) -> tuple[str, ...] | None:
    """The ``categories`` of ``dim`` that can hold people ``goal`` leaves out for
    ``reason`` (``bands``: each age band's youngest and oldest age, for the age band);
    ``None`` when its definition does not say (see :func:`left_out_in`)."""
    if reason in missing_reasons(dim):
        return tuple(c for c in categories if c == UNKNOWN)
    ind = goal.indicator
    if not isinstance(ind, PersonIndicator):
        return None
    if reason == OUTSIDE_TARGET_GROUP and dim == "age_band" and target_group is not None:
        return tuple(c for c in categories if c in bands and _beyond(bands[c], target_group))
    where = getattr(ind, "where", None)
    if reason != OUTSIDE_FILTER or not isinstance(where, Filter) or not where:
        return None
    if dim == "age_band":
        if not where.columns <= {"age", "age_band"}:
            return None
        ages = [v for c in where.conditions if c.column == "age"
                for v in (c.value if isinstance(c.value, tuple) else (c.value,))
                if isinstance(v, int | float) and not isinstance(v, bool)]
        return tuple(c for c in categories if any(
            not where.matches({"age": a, "age_band": None if a is None else c})
            for a in (_tried(bands[c], ages) if c in bands else (None,))))
    if where.columns != {dim} or not all(_texts(c.value) for c in where.conditions
                                         if c.op != "is_null"):
        return None
    return tuple(c for c in categories if not where.matches({dim: c}) or (
        c == UNKNOWN and not where.matches({dim: None})))


def _beyond(band: tuple[int | None, int | None],
            group: tuple[int | None, int | None]) -> bool:
    """Whether an age band holds an age below or above the target group's ``group``."""
    (youngest, oldest), (low, high) = band, group
    return ((low is not None and (youngest is None or youngest < low))
            or (high is not None and (oldest is None or oldest > high)))


def _texts(value: object) -> bool:
    return all(isinstance(v, str) for v in (value if isinstance(value, tuple) else (value,)))


def _band_ages(edges: Sequence[int]) -> list[tuple[int | None, int | None]]:
    """Each age band's youngest and oldest age at enrolment (``None``: no end), in the
    order of :func:`~goalkit.engine._rules.band_labels`."""
    bounds: list[int | None] = [None, *edges, None]
    return [(lo, None if hi is None else hi - 1) for lo, hi in itertools.pairwise(bounds)]


def _tried(band: tuple[int | None, int | None], ages: Sequence[float]) -> list[int]:
    """Ages of ``band`` that a filter comparing ages with the numbers ``ages`` answers for
    as it would for every age of the band: each whole age of the band from one below the
    least number to one above the greatest, and the band's ends, or one age beyond those
    where it has none (a comparison with numbers changes its answer only at them)."""
    lo, hi = band
    least = math.floor(min(ages, default=0)) - 1
    most = math.ceil(max(ages, default=0)) + 1
    start = min(least, hi if hi is not None else least) - 1 if lo is None else lo
    stop = max(most, lo if lo is not None else most) + 1 if hi is None else hi
    return [*range(max(start, least), min(stop, most) + 1), start, stop]


def _says_uses(ind: Indicator) -> bool:
    if isinstance(ind, PersonIndicator) and not callable(getattr(ind, "data_uses", None)):
        return False
    return all(_says_uses(c) for c in ind.children())


def needs_participants(ind: Indicator) -> bool:
    """Whether an indicator counts participants (is, or is built from, a person kind)."""
    return isinstance(ind, PersonIndicator) or any(
        needs_participants(c) for c in ind.children())


@frozen
class DataNames:
    """The names a data set has: its participant columns, event kinds, survey phases and
    questions, reported metrics, and how many participants (and exits) it holds."""

    columns: frozenset[str]
    event_kinds: frozenset[str]
    phases: frozenset[str]
    questions: frozenset[str]
    metrics: frozenset[str]
    participants: int
    exits: int


def _names_used(uses: Sequence[Uses]) -> tuple[set[str], set[str], set[str]]:
    """The event kinds (anchors that are events included), phases and questions ``uses``
    name, which the data must hold."""
    return ({n for u in uses for n in (*u.event_kinds, *u.anchors)} - set(BUILTIN_ANCHORS),
            {n for u in uses for n in u.phases}, {n for u in uses for n in u.questions})


def _asked_names(data: Dataset, project: Project, uses: Sequence[Uses]) -> DataNames | None:
    """:func:`data_names` where every event kind (anchors included), phase and question
    the goals use is in the data's tables, with only those names (all the messages read
    of them then); ``None`` where one is not, or the data are records. On a million
    people a column compared with a few names costs about half of finding its distinct
    values, which only the messages about a missing name need."""
    if data.records is not None:
        return None
    import narwhals as nw  # noqa: PLC0415

    from goalkit.engine._columnar import collect_all  # noqa: PLC0415

    kinds, phases, questions = (sorted(names) for names in _names_used(uses))
    f = data.with_frames()

    def present(column: str, names: Sequence[str]) -> list[nw.Expr]:
        return [(nw.col(column) == nw.lit(n)).any().alias(f"{column}{i}")
                for i, n in enumerate(names)]

    asked = [(f.events, present("kind", kinds)),
             (f.responses, [*present("phase", phases), *present("question", questions)])]
    queries = [f.participants.select(nw.len().alias("n"),
                                     (~nw.col("exited").is_null()).sum().alias("exits")),
               *(frame.select(*exprs) for frame, exprs in asked if exprs)]
    counted, *found = collect_all(queries)
    if not all(bool(v) for frame in found for v in frame.row(0)):
        return None
    metrics = {m.metric for m in (*data.measurements, *project.measurements)}
    return DataNames(
        columns=frozenset(f.participants.collect_schema().names()),
        event_kinds=frozenset(kinds), phases=frozenset(phases), questions=frozenset(questions),
        metrics=frozenset(metrics), participants=int(counted["n"][0]),
        exits=int(counted["exits"][0] or 0))


_OWN_COLUMNS = frozenset(PARTICIPANT_FIELDS)
"""The participant columns records have even where no record holds them."""


def _counted(people: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    """How many participants records hold, and how many of them have exited (in C loops:
    asked at every evaluation of records)."""
    exited = [p.get("exited") for p in people]
    return {"participants": len(exited), "exits": len(exited) - exited.count(None)}


def _asked_of_records(data: Dataset, project: Project, uses: Sequence[Uses],
                      breakdowns: Iterable[str]) -> DataNames | None:
    """:func:`_asked_names` of records read in one pass (their facts grouped per person):
    each name a goal uses looked for until one person has it, not every row's name
    gathered (at every evaluation a host asks for, 0.2 → 0.05 ms at 300 people)."""
    r = data.records
    if r is None or r.facts is None or not r.participants:
        return None
    facts = r.facts.values()
    kinds, phases, questions = _names_used(uses)
    columns = {c for u in uses for c in u.columns} | set(breakdowns)
    people = r.participants
    if not (all(any(k in f[0] for f in facts) for k in kinds)
            and all(any(p == k[0] for f in facts for k in f[1]) for p in phases)
            and all(any(q == k[1] for f in facts for k in f[1]) for q in questions)
            and all(c in _OWN_COLUMNS or c in DERIVED_COLUMNS or any(c in p for p in people)
                    for c in columns)):
        return None
    return DataNames(
        columns=frozenset(columns | _OWN_COLUMNS), event_kinds=frozenset(kinds),
        phases=frozenset(phases), questions=frozenset(questions),
        metrics=frozenset({m.metric for m in (*data.measurements, *project.measurements)}),
        **_counted(people))


def data_names(data: Dataset, project: Project | None = None) -> DataNames:
    """What ``data`` holds (all of it, whatever the date), plus the project's own figures."""
    metrics = {m.metric for m in data.measurements}
    if project is not None:
        metrics |= {m.metric for m in project.measurements}
    if data.records is not None:  # in C loops: asked at every evaluation of records
        r = data.records
        return DataNames(
            columns=frozenset().union(_OWN_COLUMNS, *r.participants),
            event_kinds=frozenset(map(itemgetter(2), r.events)),
            phases=frozenset(map(itemgetter(2), r.responses)),
            questions=frozenset(map(itemgetter(3), r.responses)), metrics=frozenset(metrics),
            **_counted(r.participants))
    import narwhals as nw  # noqa: PLC0415

    from goalkit.engine._columnar import collect_all  # noqa: PLC0415

    f = data.with_frames()

    def distinct(frame: Any, column: str) -> frozenset[str]:
        return frozenset(str(v) for v in frame[column].to_list() if v is not None)

    # one query per table, collected together (on polars in one go): the answers are read
    # once for their phases and questions, which come in few pairs
    counted, kinds, pairs = collect_all([
        f.participants.select(nw.len().alias("n"),
                              (~nw.col("exited").is_null()).sum().alias("exits")),
        f.events.select("kind").unique(),
        f.responses.select("phase", "question").unique(),
    ])
    return DataNames(
        columns=frozenset(f.participants.collect_schema().names()),
        event_kinds=distinct(kinds, "kind"), phases=distinct(pairs, "phase"),
        questions=distinct(pairs, "question"), metrics=frozenset(metrics),
        participants=int(counted["n"][0]), exits=int(counted["exits"][0] or 0))


def _did_you_mean(name: str, known: Iterable[str], *, sv: bool = False) -> str:
    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
    if not close:
        return ""
    return f"; menade du {close[0]!r}?" if sv else f"; did you mean {close[0]!r}?"


_WHAT_SV = {"columns": "kolumner", "questions": "frågor", "phases": "faser",
            "event kinds": "händelsetyper", "metrics": "mått"}


def _listed(what: str, known: Iterable[str], *, sv: bool = False) -> str:
    names = sorted(known)
    if not names:
        return f" (data har inga {_WHAT_SV[what]})" if sv else f" (the data have no {what})"
    shown = ", ".join(map(repr, names[:12]))
    if sv:
        more = f" och {len(names) - 12} till" if len(names) > 12 else ""
        return f" (data har {shown}{more})"
    more = f" and {len(names) - 12} more" if len(names) > 12 else ""
    return f" (the data have {shown}{more})"


def coverage_issues(
    project: Project, data: Dataset, goals: Sequence[str] | None = None,
    breakdowns: Sequence[str] = (),
) -> list[DataIssue]:
    """Every name a goal uses that the data lack, one issue per goal and name.

    Columns the data lack are errors (an evaluation refuses them); questions, phases,
    event kinds, anchors and metrics are warnings (the goal stays undecided); data without
    participants, while some goal counts them, is one ``empty_data`` warning.

    :param goals: only these goal ids (default: all).
    :param breakdowns: more participant columns every goal is broken down by.
    """
    chosen = [g for g in project.goals if goals is None or g.id in goals]
    used = [goal_uses(goal) for goal in chosen]
    wanted = {*project.breakdowns, *breakdowns, *(c for g in chosen for c in g.breakdowns)}
    has = (_asked_names(data, project, used) or _asked_of_records(data, project, used, wanted)
           or data_names(data, project))
    issues: list[DataIssue] = []
    counting = [g for g in chosen if needs_participants(g.indicator)]
    if counting and has.participants == 0:
        issues.append(DataIssue(
            severity="warning", code="empty_data",
            message=(f"the data hold no participant, so {len(counting)} goal(s) counting "
                     "participants have nothing to count (is --data the right source?)"),
            message_sv=(f"data har inga deltagare, så {len(counting)} mål som räknar "
                        "deltagare har inget att räkna (är --data rätt källa?)"),
            where=data.source))
    for goal, uses in zip(chosen, used, strict=True):
        issues.extend(_goal_issues(project, goal, uses, has, breakdowns))
    return issues


def _goal_issues(
    project: Project, goal: Goal, uses: Uses, has: DataNames, breakdowns: Sequence[str]
) -> list[DataIssue]:
    where = f"goal {goal.id!r}"
    out: list[DataIssue] = []

    def add(severity: str, code: str, message: str, message_sv: str) -> None:
        out.append(DataIssue(severity=severity, code=code, message=message, where=where,
                             message_sv=message_sv))

    if has.participants:  # without participants there are no columns to speak of
        known = has.columns | DERIVED_COLUMNS
        wanted = [*sorted(uses.columns), *project.breakdowns, *goal.breakdowns, *breakdowns]
        for col in dict.fromkeys(wanted):
            if col not in known:
                add("error", "column_not_in_data",
                    f"column {col!r} is not in the participants table"
                    f"{_did_you_mean(col, known)}{_listed('columns', has.columns)}",
                    f"kolumnen {col!r} finns inte i deltagartabellen"
                    f"{_did_you_mean(col, known, sv=True)}"
                    f"{_listed('columns', has.columns, sv=True)}")
    for name in sorted(uses.questions - has.questions):
        add("warning", "question_not_in_data",
            f"question {name!r} is in no answer of the data, so the goal cannot be decided"
            f"{_did_you_mean(name, has.questions)}{_listed('questions', has.questions)}",
            f"frågan {name!r} finns inte i något svar i data, så målet kan inte avgöras"
            f"{_did_you_mean(name, has.questions, sv=True)}"
            f"{_listed('questions', has.questions, sv=True)}")
    for name in sorted(uses.phases - has.phases):
        add("warning", "phase_not_in_data",
            f"phase {name!r} is in no answer of the data, so the goal cannot be decided"
            f"{_did_you_mean(name, has.phases)}{_listed('phases', has.phases)}",
            f"fasen {name!r} finns inte i något svar i data, så målet kan inte avgöras"
            f"{_did_you_mean(name, has.phases, sv=True)}"
            f"{_listed('phases', has.phases, sv=True)}")
    for name in sorted(uses.event_kinds - has.event_kinds):
        add("warning", "event_kind_not_in_data",
            f"event kind {name!r} is in no event of the data"
            f"{_did_you_mean(name, has.event_kinds)}{_listed('event kinds', has.event_kinds)}",
            f"händelsetypen {name!r} finns inte i någon händelse i data"
            f"{_did_you_mean(name, has.event_kinds, sv=True)}"
            f"{_listed('event kinds', has.event_kinds, sv=True)}")
    for name in sorted(uses.anchors):
        if name == "enrolled":
            continue
        if name == "exited":
            if has.participants and not has.exits:
                add("warning", "anchor_not_in_data",
                    "anchor 'exited': no participant in the data has an exit date, so "
                    "everyone waits for their exit",
                    "utgångspunkten 'exited': ingen deltagare i data har ett slutdatum, så "
                    "alla väntar på att avsluta")
            continue
        if name not in has.event_kinds:
            anchors = {*BUILTIN_ANCHORS, *has.event_kinds}
            add("warning", "anchor_not_in_data",
                f"anchor {name!r} is neither 'enrolled', 'exited' nor an event kind in the "
                f"data{_did_you_mean(name, anchors)}{_listed('event kinds', has.event_kinds)}",
                f"utgångspunkten {name!r} är varken 'enrolled', 'exited' eller en "
                f"händelsetyp i data{_did_you_mean(name, anchors, sv=True)}"
                f"{_listed('event kinds', has.event_kinds, sv=True)}")
    for name in sorted(uses.metrics - has.metrics):
        add("warning", "metric_not_in_data",
            f"metric {name!r} is in no reported figure{_did_you_mean(name, has.metrics)}"
            f"{_listed('metrics', has.metrics)}",
            f"måttet {name!r} finns inte i någon rapporterad siffra"
            f"{_did_you_mean(name, has.metrics, sv=True)}"
            f"{_listed('metrics', has.metrics, sv=True)}")
    return out
