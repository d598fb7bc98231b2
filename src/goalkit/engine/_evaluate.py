"""``evaluate``: every goal of a project, as of a date, against a data set."""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Literal

from goalkit._exceptions import EvaluationError, UnknownNameError
from goalkit._version import __version__
from goalkit.data._breakdowns import check_breakdowns, check_filters
from goalkit.data._dataset import Dataset, data_hint, described
from goalkit.data._figures import check_assessments, check_measurements, complete_breakdowns
from goalkit.engine._assemble import assemble
from goalkit.engine._coverage import coverage_issues, needs_participants
from goalkit.engine._plan import (
    BASE_DIMENSIONS,
    Job,
    JobOutput,
    context_for,
    engine_errors,
    plan_jobs,
)
from goalkit.engine._prepared import Prepared, prepare
from goalkit.model._project import Project
from goalkit.model._result import DataSummary, Report

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from goalkit.data._dataset import NativeFrames
    from goalkit.model._goal import Goal
    from goalkit.model._result import DataIssue

__all__ = [
    "PYTHON_EXECUTOR_LIMIT",
    "Engine",
    "checked_arguments",
    "evaluate",
    "evaluate_handed_over",
]

Engine = Literal["auto", "python", "columnar"]

PYTHON_EXECUTOR_LIMIT = 20_000
"""With ``engine="auto"``, records of up to this many participants run in plain Python."""


def _dimensions(project: Project, goals: Sequence[Goal], extra: Sequence[str]) -> list[str]:
    """Every column some goal is broken down by: the project's standard ones (sex and age
    band unless it asks for fewer), its own, the call's, then each goal's own; the
    standard ones first, in their usual order, so that they are counted together."""
    named = [*project.standard_breakdowns, *project.breakdowns, *extra,
             *(d for g in goals for d in g.breakdowns)]
    return [*(d for d in BASE_DIMENSIONS if d in named),
            *(d for d in dict.fromkeys(named) if d not in BASE_DIMENSIONS)]


def evaluate(
    project: Project,
    data: Dataset | Prepared | None = None,
    as_of: date | None = None,
    *,
    goals: Sequence[str] | None = None,
    breakdowns: Sequence[str] = (),
    engine: Engine = "auto",
    audit: bool = False,
) -> Report:
    """Evaluate a project's goals as of a date.

    :param project: the project and its goals.
    :param data: the participant data (and any reported figures and assessments): a
        :class:`~goalkit.Dataset`. ``None`` (no data) only when every goal chosen is a
        reported figure or an assessment; otherwise refused, as the command line refuses
        it: no data is not data saying that nobody has enrolled (that is
        ``Dataset.from_records([])``). A host evaluating the same data again and again
        passes it prepared (:func:`goalkit.engine.prepare`): the same answers, without
        redoing what depends on the data alone.
    :param as_of: the evaluation date. Facts dated after it are treated as not yet known,
        so a past date reproduces what was known then. Required.
    :param goals: evaluate only these goal ids (default: all).
    :param breakdowns: more participant columns to break every result down by.
    :param engine: ``python`` (plain Python, for records), ``columnar`` (narwhals, for
        frames), or ``auto`` (records of up to :data:`PYTHON_EXECUTOR_LIMIT` people in Python,
        everything else columnar).
    :param audit: also record which participant ids fell in each group of each goal
        (:attr:`GoalResult.members`), for the host's own checks; never published.
    :raises EvaluationError: for a bad argument, naming it and what is accepted (a goal
        file's path is not a project: read it with :func:`goalkit.load_goals`), for no
        data where a goal counts participants, or for a goal that cannot be evaluated.
    :raises UnknownNameError: for a goal id the project does not have.
    """
    return evaluate_handed_over(project, [data], as_of, goals=goals, breakdowns=breakdowns,
                                engine=engine, audit=audit)


def evaluate_handed_over(
    project: Project,
    held: list[Dataset | Prepared | None],
    as_of: date | None = None,
    *,
    goals: Sequence[str] | None = None,
    breakdowns: Sequence[str] = (),
    engine: Engine = "auto",
    audit: bool = False,
    lacking: Sequence[DataIssue] | None = None,
) -> Report:
    """:func:`evaluate` of the data set in the one-item list ``held``, which it empties.

    ``lacking``: what the goals use that the data lack
    (:func:`~goalkit.engine._coverage.coverage_issues` of the same goals, data and
    breakdowns), when the caller has checked it already: the command line says it before
    it evaluates, and the report carries the same issues without the check run twice.

    A caller that keeps no other reference to the data set hands it over: the evaluation
    then keeps only what it reads, and lets go of each table as soon as no goal still to be
    computed reads it (the participants once they are prepared, the events and the
    answers once the last goal reading each is computed), so that their memory is reused
    by the goals computed after. The command line holds its data only to evaluate them.
    """
    data_given = held.pop()
    _check_project(project)
    if as_of is None:
        raise EvaluationError("as_of is required: the date to evaluate the goals as of")
    if isinstance(as_of, datetime) or not isinstance(as_of, date):
        raise EvaluationError(f"as_of must be a datetime.date, got {as_of!r}")
    chosen, breakdowns = checked_arguments(project, data_given, goals=goals,
                                           breakdowns=breakdowns, engine=engine, audit=audit)
    # no data (allowed where no goal chosen counts participants): empty tables
    prepared = prepare(data_given if data_given is not None else Dataset.from_records(()))
    del data_given
    data = prepared.data
    dims = _dimensions(project, chosen, breakdowns)
    check_breakdowns(dims, data, project.categorical)  # ids, dates, free text: refused
    check_filters(chosen, data)  # a filter of the wrong kind: one error for both executors
    # what the goals use that the data lack, said in the report: a goal whose question no
    # answer holds stays pending, and says why nowhere else
    if lacking is None:
        lacking = coverage_issues(project, data, [g.id for g in chosen], breakdowns)
    every = {*project.standard_breakdowns, *project.breakdowns, *breakdowns}
    wanted = [[d for d in dims if d in every or d in g.breakdowns] for g in chosen]
    contexts = [context_for(project, g, as_of) for g in chosen]
    jobs = plan_jobs(project, chosen, as_of, contexts)
    if engine == "auto":
        count = data.participant_count
        engine = "python" if count is not None and count <= PYTHON_EXECUTOR_LIMIT else "columnar"
    # what is read after the evaluation, taken now: the data set itself is not kept
    reported, assessed, found = data.measurements, data.assessments, data.issues
    with engine_errors():
        if engine == "python":
            outputs, summary = _run_python(project, prepared, as_of, jobs, dims, audit=audit)
        else:
            frames = [data.with_frames()]
            del data, prepared  # the tables are held by the queries alone (and the host)
            outputs, summary = _run_columnar(project, frames, as_of, jobs, dims, audit=audit)
    # An incomplete breakdown's remainder is its own category, "unknown".
    measurements = complete_breakdowns((*project.measurements, *reported),
                                       project.figure_breakdowns)
    assessments = (*project.assessments, *assessed)
    try:
        results = assemble(chosen, contexts, _guarded(outputs), wanted, measurements, assessments,
                           project.age_bands)
    finally:  # an executor may still be computing (when the assembly failed): stop it
        close = getattr(outputs, "close", None)
        if close is not None:
            close()
    return Report(
        project_id=project.id,
        project_name=project.name,
        as_of=as_of,
        results=tuple(results),
        data=summary,
        # A figure dated after the as-of date is not known yet: it is not checked either.
        issues=(*found, *check_measurements(
            (m for m in (*project.measurements, *reported) if m.date <= as_of),
            project.figure_breakdowns, project.labels),
            *check_assessments((a for a in assessments if a.date <= as_of), project.goals),
            *lacking),
        generator=f"goalkit {__version__}",
    )


def checked_arguments(
    project: Project,
    data: object,
    *,
    goals: object = None,
    breakdowns: object = (),
    engine: object = "auto",
    audit: object = False,
) -> tuple[list[Goal], tuple[str, ...]]:
    """The arguments of :func:`evaluate` (but ``as_of``) checked, each read once: the goals
    chosen, in the project's order, and the extra breakdowns.

    :raises EvaluationError: naming the argument that is not what it should be, and what
        is accepted; also for no data (``None``) when a goal chosen counts participants: no
        data is not data saying that nobody has enrolled, and would read as it.
    :raises UnknownNameError: for a goal id the project does not have.
    """
    _check_project(project)
    if not (data is None or isinstance(data, Dataset | Prepared)):
        raise EvaluationError(f"data must be a goalkit.Dataset (or what goalkit.prepare made "
                              f"of one), got {described(data)}; {data_hint(data)}")
    if engine not in ("auto", "python", "columnar"):
        raise EvaluationError(f"engine must be 'auto', 'python' or 'columnar', got {engine!r}")
    if not isinstance(audit, bool):
        raise EvaluationError(f"audit must be True or False, got {described(audit)}")
    chosen = list(project.goals)
    if goals is not None:
        ids = _names(goals, "goals", "a goal id", "goal ids (None for every goal)")
        known = {g.id for g in project.goals}
        for gid in ids:
            if gid not in known:
                raise UnknownNameError("goal", gid, sorted(known))
        chosen = [g for g in project.goals if g.id in set(ids)]
    columns = _names(breakdowns, "breakdowns", "a column name", "participant column names")
    if data is None:
        _require_data(project, chosen)
    return chosen, columns


def _check_project(project: object) -> None:
    if not isinstance(project, Project):
        hint = ("; read a goal file with goalkit.load_goals(path), or an installed project "
                "with goalkit.load_project(id)") if isinstance(project, str | os.PathLike) else ""
        raise EvaluationError(f"project must be a goalkit.Project, got {described(project)}"
                              f"{hint}")


def _names(given: object, name: str, each: str, what: str) -> tuple[str, ...]:
    """Goal ids or column names, read once (a generator too); a single one is refused,
    never read letter by letter."""
    if isinstance(given, str):
        raise EvaluationError(f"{name} must be {what}, got {described(given)}; for one, pass "
                              f"[{given!r}]")
    if not isinstance(given, Iterable):
        none = "; pass () for none" if given is None else ""
        raise EvaluationError(f"{name} must be {what}, got {described(given)}{none}")
    names = tuple(given)
    for i, item in enumerate(names):
        if not isinstance(item, str):
            raise EvaluationError(f"{name}[{i}] must be {each} (a str), got {item!r}")
    return names


def _require_data(project: Project, chosen: Sequence[Goal]) -> None:
    """Refuse no data for goals that count participants, as the command line does
    (``goalkit evaluate`` without ``--data``): empty tables would read "not met" and "no
    data", for good, without a word."""
    counting = [g.id for g in chosen if needs_participants(g.indicator)]
    if counting:
        shown = ", ".join(map(repr, counting[:5])) + (" …" if len(counting) > 5 else "")
        raise EvaluationError(
            f"data is required: {len(counting)} goal(s) of {project.id!r} count participants "
            f"({shown}); pass a goalkit.Dataset (one of no records, "
            "goalkit.Dataset.from_records([]), says that nobody has enrolled), or choose "
            "only goals that are reported figures or assessments")


def _guarded(outputs: Iterable[JobOutput]) -> Iterator[JobOutput]:
    """The executor's outputs, which it may still be computing while they are read."""
    with engine_errors():
        yield from outputs


def _run_python(
    project: Project, prepared: Prepared, as_of: date, jobs: Sequence[Job],
    dims: Sequence[str], *, audit: bool,
) -> tuple[Iterable[JobOutput], DataSummary]:
    from goalkit.engine._python import run_python  # noqa: PLC0415

    known = prepared.people(as_of, project.age_bands)
    if known.people:  # an empty table has no columns to check
        _refuse_missing(_missing_columns(jobs, dims, known.columns), known.columns)
    outputs = run_python(known, jobs, dims, audit=audit)
    return outputs, DataSummary(**known.known, after_as_of=known.after)


def _run_columnar(
    project: Project, held: list[NativeFrames], as_of: date, jobs: Sequence[Job],
    dims: Sequence[str], *, audit: bool,
) -> tuple[Iterable[JobOutput], DataSummary]:
    """The columnar executor on the tables in the one-item list ``held``, which it
    empties: once the jobs' queries are made, only they refer to the tables."""
    from goalkit.engine._columnar import (  # noqa: PLC0415
        count_rows,
        prepare,
        read_row_counts,
        row_count_queries,
        run_columnar,
        vocabulary_only,
        with_null_columns,
    )

    frames = held.pop()
    prepared = prepare(frames, as_of, project.age_bands, ids=audit,
                       matched=vocabulary_only(jobs))
    columns = prepared.participants.collect_schema().names()
    prepared = with_null_columns(prepared, _unheld(jobs, columns), text=False)
    missing = _missing_columns(jobs, dims, columns)
    if missing:  # refused unless there is nobody: then the columns are simply empty
        known, after = count_rows(frames, as_of)
        if known["participants"] or after["participants"]:
            _refuse_missing(missing, columns)
        prepared = with_null_columns(prepared, missing)
        outputs, _ = run_columnar(prepared, jobs, dims, audit=audit)
    else:  # the row counts are collected with the evaluation (one read of each table)
        also = row_count_queries(frames, as_of)
        del frames
        outputs, counted = run_columnar(prepared, jobs, dims, audit=audit, also=also)
        known, after = read_row_counts(counted)
    return outputs, DataSummary(**known, after_as_of=after)


def _unheld(jobs: Sequence[Job], names: Iterable[str]) -> list[str]:
    """The participant columns a kind's declared rules read and the data do not hold (an
    optional column, such as the group a balance counts by): plain Python reads each as
    missing for every person, and the query must too."""
    from goalkit.indicators._vocabulary import Declared  # noqa: PLC0415

    return sorted({c for job in jobs if isinstance(job.indicator, Declared)
                   for c in job.rules().columns} - set(names))


def _missing_columns(jobs: Sequence[Job], dims: Sequence[str], names: Iterable[str]) -> list[str]:
    """Breakdown and filter columns the participants table lacks, in a stable order."""
    available = set(names)
    wanted = [*dims, *(c for job in jobs for c in sorted(job.indicator.where.columns))]
    return [c for c in dict.fromkeys(wanted) if c not in available]


def _refuse_missing(missing: Sequence[str], names: Iterable[str]) -> None:
    if missing:
        raise EvaluationError(
            f"column(s) {', '.join(map(repr, missing))} used by a filter or breakdown are not "
            f"in the participants table; it has {', '.join(sorted(names))}"
        )
