"""Validation: raw tables of text in, the clean rows and every problem out.

Every loader reads its source into :class:`~goalkit.data._raw.RawTable` objects whose
cells are all text (``None`` for an empty cell), so every source goes through one and the
same parsing: the same data gives the same canonical types (participant ids as text, dates
as dates, scores as floats) whatever it was stored in. :func:`clean` then checks every
row of every table (:mod:`goalkit.data._checks`) and collects every problem as a
:class:`~goalkit.data._problems.Problem`; nothing stops at the first. Each table is parsed
once, as one lazy query collecting every check (:mod:`goalkit.data._table`).

A problem of severity ``error`` leaves its row out of the data set (and says so); a
``warning`` keeps it. A *fatal* problem (a file that cannot be read, a required column that
is missing) leaves nothing to evaluate, so :func:`clean` raises
:class:`~goalkit.DataValidationError` listing every problem found. In strict mode any error
is refused the same way.

The data flows one way: raw tables (:mod:`goalkit.data._raw`) -> this validation -> the
data set (:func:`goalkit.data._dataset.validate` builds a :class:`~goalkit.data.Dataset`
from what :func:`clean` kept), so this module never imports the data set.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from attrs import frozen

from goalkit._exceptions import DataError, DataValidationError
from goalkit.data._cells import probe
from goalkit.data._checks import (
    assessment_records,
    assessments,
    events,
    ids_looked_at_later,
    measurement_records,
    measurements,
    odd_ids,
    participant_frame,
    participants,
    questions,
    responses,
)
from goalkit.data._mapping import TABLES, ColumnMapping
from goalkit.data._problems import (
    CODES,
    ROW_ISSUE_LIMIT,
    Problem,
    Severity,
    issues_to_error,
    refuse_errors,
)
from goalkit.data._raw import RawData, RawTable
from goalkit.data._schema import MAX_COLUMNS, MAX_TEXT
from goalkit.data._table import Table, run

if TYPE_CHECKING:
    import polars as pl  # noqa: TC004  # attrs reads no annotations

    from goalkit.model._project import Project
    from goalkit.model._records import (  # noqa: TC004  # attrs reads no annotations
        Assessment,
        Measurement,
    )
    from goalkit.model._result import DataIssue  # noqa: TC004  # attrs reads no annotations

__all__ = [
    "CODES",
    "MAX_COLUMNS",
    "MAX_TEXT",
    "ROW_ISSUE_LIMIT",
    "Clean",
    "Problem",
    "RawData",
    "RawTable",
    "check_records",
    "clean",
    "issues_to_error",
    "refuse_errors",
]


@frozen
class _Checked:
    """What one validation pass found: every problem, and each table checked."""

    problems: list[Problem]
    tables: dict[str, Table]
    checked: frozenset[str]
    """The tables whose rows were checked (none of their required columns missing)."""
    measurements: tuple[Measurement, ...]
    assessments: tuple[Assessment, ...]
    ids_hash_apart: bool
    """Whether the participants' ids hash apart (see :class:`Clean`)."""

    def refused(self, *, strict: bool) -> bool:
        """Fatal, or (in strict mode) any error."""
        return any(p.fatal for p in self.problems) or (
            strict and any(p.severity == "error" for p in self.problems)
        )

    def release(self) -> None:
        """Let go of what each table's checks hold (:meth:`Table.release`), now rather
        than when Python's collector finds it."""
        for t in self.tables.values():
            t.release()

    def frames(self) -> dict[str, pl.DataFrame]:
        """The rows kept of each table checked: participants, events and answers."""
        out: dict[str, pl.DataFrame] = {}
        for name in ("participants", "events", "responses"):
            if name in self.checked:
                t = self.tables[name]
                out[name] = participant_frame(t) if name == "participants" else t.kept()
        return out


def _check(
    raw: RawData,
    mapping: ColumnMapping,
    *,
    project: Project | None = None,
    strict: bool = False,
) -> _Checked:
    """Check every row of every table: the one pass every way in goes through.

    Each table is one query (:mod:`goalkit.data._table`), all collected together; then
    events and answers are joined to the participants kept. Before them, one collection
    asks every table what its checks must know of its values.
    """
    problems: list[Problem] = list(raw.problems)
    target = None
    if project is not None and (
        project.target_group.min_age is not None or project.target_group.max_age is not None
    ):
        target = (project.target_group.min_age, project.target_group.max_age)
    tables: dict[str, Table] = {
        name: Table(name, raw.tables[name], mapping) for name in TABLES if name in raw.tables
    }
    later = ids_looked_at_later(tables)
    probe(tables.values(), {name: questions(t) for name, t in tables.items()},
          ids_later=later)
    checked: set[str] = set()
    people: Table | None = None
    if "participants" in tables:
        if participants(tables["participants"], target):
            checked.add("participants")
            people = tables["participants"]
    elif not any(p.fatal for p in problems):
        problems.append(Problem("error", "no_participants",
                                "no participants table (a file, sheet or database table "
                                "called participants or deltagare, or one named in a mapping "
                                "file's [tables])", raw.source, fatal=True,
                                message_sv="ingen deltagartabell (en fil, ett blad eller en "
                                "databastabell som heter participants eller deltagare, eller "
                                "som anges under [tables] i en mappningsfil)"))
    rest = {"events": lambda t: events(t, people), "responses": lambda t: responses(t, people),
            "measurements": measurements, "assessments": assessments}
    checked.update(name for name, check in rest.items()
                   if name in tables and check(tables[name]))
    # every table, those whose required columns are missing too: their cells were checked
    run(list(tables.values()))
    # an id not found that the probe would have stripped or refused: the table checked
    # again, its ids looked at before its checks, as every other text column's cells are
    for t in odd_ids([tables[name] for name in later]):
        t.release()
        again = tables[t.name] = Table(t.name, raw.tables[t.name], mapping)
        probe([again], {t.name: questions(again)})
        checked.discard(t.name)
        if rest[t.name](again):
            checked.add(t.name)
        run([again])
    figures = measurement_records(tables["measurements"]) if "measurements" in checked else ()
    verdicts = assessment_records(tables["assessments"]) if "assessments" in checked else ()
    for t in tables.values():
        problems.extend(t.listed())
        if t.left_out():
            problems.append(t.excluded_summary())
    if strict:
        from goalkit.data._figures import (  # noqa: PLC0415
            check_assessments,
            check_measurements,
        )

        own = project.measurements if project is not None else ()
        declared = project.figure_breakdowns if project is not None else ()
        found = check_measurements((*own, *figures), declared,
                                   project.labels if project is not None else None)
        if project is not None:
            found += check_assessments((*project.assessments, *verdicts), project.goals)
        problems.extend(Problem(_severity(i.severity), i.code, i.message, i.where,
                                message_sv=i.message_sv) for i in found)
    # every event and answer kept names a participant kept (checked exactly, on the text)
    apart = people is not None and bool(people.probed.get("distinct_ids"))
    return _Checked(problems, tables, frozenset(checked), figures, verdicts, apart)


@frozen
class Clean:
    """The rows of each table that passed validation, and every problem found."""

    frames: dict[str, pl.LazyFrame]
    """The kept rows by table name (``participants`` always; ``events`` and ``responses``
    when read), filtered only where rows were left out: a column that holds its values as
    read (text, and dates and numbers a typed source stored as such) is the column read
    itself, not a copy (:meth:`goalkit.data._table.Table.as_read`); only what was parsed
    or mapped was made anew. (At a million people read from Parquet, copies of every
    column cost about 290 MiB beside the 290 MiB of data read.)"""
    measurements: tuple[Measurement, ...]
    assessments: tuple[Assessment, ...]
    issues: tuple[DataIssue, ...]
    """Every problem, with a ``rows_excluded`` summary per table that lost rows."""
    ids_hash_apart: bool = False
    """Whether each participant's id hashes to a number of its own
    (:func:`goalkit.data._table.key_hash`; the participants' probe sorts the hashes), so
    that, every event and answer kept naming a participant kept, the hashes join the
    tables as the ids do (:attr:`goalkit.data.NativeFrames.ids_hash_apart`)."""


def clean(
    raw: RawData,
    mapping: ColumnMapping | None = None,
    *,
    project: Project | None = None,
    strict: bool = False,
) -> Clean:
    """Check every row of every table, and keep the rows that pass.

    :param mapping: the project's column names and codes (default: none).
    :param project: when given, ages at enrolment are checked against its target group,
        and its reported figures' breakdowns are checked in strict mode.
    :param strict: refuse the data if any problem is an error.
    :returns: the clean tables; every problem is in their ``issues``.
    :raises DataValidationError: listing every problem, when something fatal was found
        (no participants, a required column missing, a file that cannot be read), or in
        strict mode when any problem is an error.
    """
    mapping = mapping if mapping is not None else ColumnMapping()
    found = _check(raw, mapping, project=project, strict=strict)
    try:
        if found.refused(strict=strict):
            raise issues_to_error([p.issue() for p in found.problems])
        return Clean({name: rows.lazy() for name, rows in found.frames().items()},
                     found.measurements, found.assessments,
                     tuple(p.issue() for p in found.problems), found.ids_hash_apart)
    finally:
        found.release()


def check_records(raw: RawData, *, strict: bool
                  ) -> tuple[tuple[DataIssue, ...], dict[str, list[dict[str, Any]]], set[int]]:
    """Validate tables a host built from Python records (:meth:`Dataset.from_records`,
    each cell written as a file's: ``goalkit.data._rows.cell``): the same checks as a
    file, returning the issues, the rows kept of each table checked as validation read
    and parsed them (participants, events, answers), and the participants' row numbers
    left out.

    :raises DataError: in strict mode, naming the table, row and column of each error
        (a :class:`DataValidationError` when there are several); and always when
        something is fatal.
    """
    found = _check(raw, ColumnMapping())
    try:
        if any(p.fatal for p in found.problems):
            raise issues_to_error([p.issue() for p in found.problems])
        if strict:
            errors = [
                DataError(f"[{p.code}] {p.message}", source=p.origin or None, row=p.row,
                          column=p.column)
                for p in found.problems if p.severity == "error" and p.code != "rows_excluded"
            ]
            if errors:
                raise errors[0] if len(errors) == 1 else DataValidationError(errors)
        kept = {name: frame.rows(named=True) for name, frame in found.frames().items()}
        left_out = (found.tables["participants"].excluded_rows()
                    if "participants" in found.tables else set())
        return tuple(p.issue() for p in found.problems), kept, left_out
    finally:
        found.release()


_SEVERITIES: dict[str, Severity] = {"error": "error", "warning": "warning", "note": "note"}
"""A reported figure's issue severity as a problem's: the same three words."""


def _severity(value: str) -> Severity:
    return _SEVERITIES[value]
