"""A data set: the three canonical tables, held as Python records or as data frames.

A host with a few hundred people in memory passes records
(:meth:`Dataset.from_records`) and gets the lean plain-Python executor: no data-frame
library is imported. A statistics pipeline passes frames (:meth:`Dataset.from_frames`:
polars, pandas, pyarrow, DuckDB, …) or a folder of files (:meth:`Dataset.from_folder`) and
gets the columnar executor. Either way the same goals give the same results.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
from attrs import frozen

from goalkit._exceptions import DataError
from goalkit.data._rows import (
    EventRow,
    Records,
    ResponseRow,
    checked_records,
    event_rows,
    participant_rows,
    response_rows,
)
from goalkit.data._schema import SCHEMA, TableSchema
from goalkit.model._records import Assessment, Event, Measurement, Participant, Response
from goalkit.model._result import DataIssue

if TYPE_CHECKING:
    import narwhals as nw  # noqa: TC004 - only in annotations; never structured by cattrs

    from goalkit.data._mapping import ColumnMapping
    from goalkit.data._raw import RawData
    from goalkit.model._project import Project

__all__ = [
    "Dataset",
    "EventRow",
    "NativeFrames",
    "Records",
    "ResponseRow",
    "data_hint",
    "described",
    "looks_like_frame",
    "validate",
]

FRAME_LIBRARIES = frozenset({"pandas", "polars", "pyarrow", "duckdb", "narwhals", "pyspark",
                             "dask", "modin", "ibis", "cudf"})
"""The libraries whose tables :meth:`Dataset.from_frames` reads (through narwhals)."""


def data_hint(data: object) -> str:
    """How to make a data set of what a host passed instead of one."""
    if isinstance(data, str | os.PathLike):
        return "read a folder, file or database URL with goalkit.read_data(path)"
    if looks_like_frame(data):
        return "wrap frames with goalkit.Dataset.from_frames(participants, events, responses)"
    if isinstance(data, list | tuple):
        return ("build one from records with goalkit.Dataset.from_records(participants, "
                "events, responses)")
    return ("build one with goalkit.Dataset.from_records, Dataset.from_frames, "
            "Dataset.from_folder or goalkit.read_data")


def looks_like_frame(value: object) -> bool:
    """Whether ``value`` is a data-frame library's table (told by its type's module, so
    that no such library is imported to ask)."""
    return type(value).__module__.partition(".")[0] in FRAME_LIBRARIES


def described(value: object) -> str:
    """A value a host passed, for an error message: ``None``, ``a str ('2015-06-15')``,
    ``an int``, ``a DataFrame``."""
    if value is None:
        return "None"
    name = type(value).__name__
    article = "an" if name[:1].lower() in "aeiou" else "a"
    if isinstance(value, str | bytes):
        shown = repr(value)
        return f"{article} {name} ({shown if len(shown) <= 60 else shown[:57] + '...'})"
    return f"{article} {name}"


def _records_argument(name: str, value: object, kind: type, source: str) -> list[Any]:
    """The records of one argument of :meth:`Dataset.from_records`, read once; refused
    unless they are an iterable of records (a single record, a text, a frame or nothing
    is not)."""
    record = f"goalkit.{kind.__name__}"
    if isinstance(value, (Mapping, kind)):
        single = "mapping" if isinstance(value, Mapping) else kind.__name__
        hint = f"got a single {single}; for one record pass [{name[:-1]}]"
    elif looks_like_frame(value):
        hint = f"got {described(value)}: pass a frame to goalkit.Dataset.from_frames"
    elif value is None or isinstance(value, str | bytes) or not isinstance(value, Iterable):
        hint = f"got {described(value)}" + ("; pass () for none" if name != "participants"
                                            else "; pass [] for nobody")
    else:
        return list(value)
    raise DataError(f"{name} must be an iterable of records (mappings or {record}), {hint}",
                    source=source)


def _figures_argument(name: str, value: object, kind: type, source: str) -> tuple[Any, ...]:
    """The reported figures or assessments of :meth:`Dataset.from_records` or
    :meth:`Dataset.from_frames`, each checked to be a ``kind``."""
    if value is None or isinstance(value, (str, bytes, kind)) or not isinstance(
            value, Iterable):
        raise DataError(f"{name} must be an iterable of goalkit.{kind.__name__} records, got "
                        f"{described(value)}; pass () for none", source=source)
    given = tuple(value)
    for i, item in enumerate(given):
        if not isinstance(item, kind):
            raise DataError(f"{name}[{i}] must be a goalkit.{kind.__name__}, got "
                            f"{described(item)}", source=source)
    return given


@frozen(eq=False)
class NativeFrames:
    """The tables as narwhals lazy frames with canonical column names and types."""

    participants: nw.LazyFrame[Any]
    events: nw.LazyFrame[Any]
    responses: nw.LazyFrame[Any]
    ids_hash_apart: bool = False
    """Whether validation found that each participant's id hashes (with
    :func:`~goalkit.data._table.key_hash`) to a 64-bit number of its own, and that every
    event's and answer's id is a participant's (a row naming no participant, or one left
    out, is left out). Then the ids' hashes join the tables exactly as the ids do, and the
    columnar executor joins on them (:func:`goalkit.engine._columnar.prepare`): numbers
    hash and compare faster than text. Tables a host hands over are not known to be so:
    there the executor joins on the hashes too, but compares the ids' texts after each
    join, and joins on the ids where two participants' hashes are the same."""


@frozen(eq=False)
class Dataset:
    """Participants, their events and answers, plus reported figures and assessments.

    Build one with :meth:`from_records`, :meth:`from_frames` or :meth:`from_folder`.
    """

    records: Records | None = None
    frames: NativeFrames | None = None
    measurements: tuple[Measurement, ...] = ()
    assessments: tuple[Assessment, ...] = ()
    source: str = "<memory>"
    issues: tuple[DataIssue, ...] = ()
    """Problems a loader or validation found (rows excluded, codes unknown, …); an
    evaluation copies them into its report."""

    @classmethod
    def from_records(
        cls,
        participants: Iterable[Participant | Mapping[str, Any]],
        events: Iterable[Event | Mapping[str, Any]] = (),
        responses: Iterable[Response | Mapping[str, Any]] = (),
        *,
        measurements: Iterable[Measurement] = (),
        assessments: Iterable[Assessment] = (),
        source: str = "<records>",
        strict: bool = True,
    ) -> Dataset:
        """Data held as Python records: goalkit records or mappings with the schema's keys.

        Each value is read as the same value in a file's cell is (``docs/data.md``): a
        date as :class:`datetime.date` or in any format a file may use, pandas' NaN and
        NaT as empty cells, a ``str`` subclass as its text, ``7.0`` as the id ``"7"``.
        The records are checked by the same validation as a file
        (:func:`goalkit.data.read_data`), with the same problem codes and messages; rows
        are numbered from 1 in each table. Records that validation has nothing to say
        about are taken as they are, without a data-frame library (the fast path of a host
        with a few hundred people).

        :param strict: raise on any error (the default: a host's records are its own
            program's data). With ``strict=False``, the rows at fault are left out and
            counted, as a file's are, and every problem is in ``issues``. Warnings never
            raise; they are in ``issues`` either way.
        :param participants: the participants, each a mapping or a
            :class:`~goalkit.Participant`; ``[]`` for nobody (data saying that nobody has
            enrolled). ``events`` and ``responses`` likewise, ``()`` for none.
        :param measurements: reported figures, each a :class:`~goalkit.Measurement`.
        :param assessments: assessments, each a :class:`~goalkit.Assessment`.
        :raises DataError: naming the argument, when one is not what it should be (``None``,
            a single record, a text, a data frame: refused, never read as records); in
            strict mode, naming the table, row and column of each
            error (a :class:`DataValidationError` when there are several); in either mode
            when something is fatal (more than ``MAX_COLUMNS`` columns). Never another
            exception for a value of a record.
        """
        if not isinstance(source, str):
            raise DataError(f"source must be a str (where the records come from), got "
                            f"{described(source)}")
        if not isinstance(strict, bool):
            raise DataError(f"strict must be True or False, got {described(strict)}",
                            source=source)
        people = _records_argument("participants", participants, Participant, source)
        facts = _records_argument("events", events, Event, source)
        answers = _records_argument("responses", responses, Response, source)
        figures = _figures_argument("measurements", measurements, Measurement, source)
        judged = _figures_argument("assessments", assessments, Assessment, source)
        records, issues = checked_records(people, facts, answers, source=source, strict=strict)
        return cls(records=records, measurements=figures, assessments=judged, source=source,
                   issues=issues)

    @classmethod
    def from_frames(
        cls,
        participants: Any,
        events: Any = None,
        responses: Any = None,
        *,
        measurements: Iterable[Measurement] = (),
        assessments: Iterable[Assessment] = (),
        source: str = "<frames>",
    ) -> Dataset:
        """Data held as data frames: polars (eager or lazy), pandas, pyarrow, DuckDB, or
        anything else narwhals supports. Lazy backends (polars, DuckDB, Spark) run where
        they are; eager frames move to polars.

        :raises DataError: when a required column is missing.
        """
        return cls(
            frames=NativeFrames(
                _frame(participants, SCHEMA["participants"], source),
                _frame(events, SCHEMA["events"], source, like=participants),
                _frame(responses, SCHEMA["responses"], source, like=participants),
            ),
            measurements=_figures_argument("measurements", measurements, Measurement, source),
            assessments=_figures_argument("assessments", assessments, Assessment, source),
            source=source,
        )

    @classmethod
    def from_folder(cls, path: str | Path, *, strict: bool = False) -> Dataset:
        """Read a folder exactly as :func:`goalkit.data.read_data` does: ``participants``,
        ``events``, ``responses``, ``measurements`` and ``assessments``, each as
        ``.csv``, ``.parquet``, ``.json`` or ``.xlsx``; only ``participants`` is required.
        Every row is validated: bad rows are left out and listed in ``issues`` (or, with
        ``strict``, refused), each naming its file, row and column.

        :raises DataError: naming the folder or file at fault.
        """
        from goalkit.data._mapping import ColumnMapping  # noqa: PLC0415
        from goalkit.data._sources import read_folder, read_safely  # noqa: PLC0415

        folder = Path(path)
        if not folder.is_dir():
            raise DataError("no such folder", source=str(folder))
        mapping = ColumnMapping()
        raw = read_safely(lambda: read_folder(folder, mapping), str(folder))
        return validate(raw, mapping, strict=strict)

    @property
    def participant_count(self) -> int | None:
        """Number of participant rows, when known without running a query."""
        return len(self.records.participants) if self.records is not None else None

    def with_records(self) -> Records:
        """The tables as Python records (collecting frames if need be)."""
        if self.records is not None:
            return self.records
        assert self.frames is not None
        f = self.frames
        return Records(
            participant_rows(f.participants.collect().rows(named=True)),
            event_rows(f.events.collect().rows(named=True)),
            response_rows(f.responses.collect().rows(named=True)),
        )

    def with_frames(self) -> NativeFrames:
        """The tables as narwhals lazy frames (building polars frames from records)."""
        if self.frames is not None:
            return self.frames
        assert self.records is not None
        import polars as pl  # noqa: PLC0415

        r = self.records
        base = {
            "participant_id": pl.String, "enrolled": pl.Date, "sex": pl.String,
            "birth_date": pl.Date, "birth_year": pl.Int64, "exited": pl.Date,
            "exit_reason": pl.String,
        }
        participants = (
            pl.DataFrame([dict(p) for p in r.participants], schema_overrides=base,
                         infer_schema_length=None)
            if r.participants
            else pl.DataFrame(schema=base)
        )
        events = pl.DataFrame(
            r.events, schema={"participant_id": pl.String, "date": pl.Date, "kind": pl.String},
            orient="row",
        )
        responses = pl.DataFrame(
            r.responses,
            schema={"participant_id": pl.String, "date": pl.Date, "phase": pl.String,
                    "question": pl.String, "score": pl.Float64},
            orient="row",
        )
        return NativeFrames(
            _frame(participants, SCHEMA["participants"], self.source),
            _frame(events, SCHEMA["events"], self.source),
            _frame(responses, SCHEMA["responses"], self.source),
        )


def _frame(native: Any, schema: TableSchema, source: str, like: Any = None) -> nw.LazyFrame[Any]:
    """Wrap a host's frame, check its columns and cast them to the canonical types (a
    text column held as a categorical stays one, but for the participant ids)."""
    import narwhals as nw  # noqa: PLC0415

    if native is None:
        return _empty(schema, like)
    try:
        frame = nw.from_native(native)
    except TypeError:
        raise DataError(
            f"cannot read a {type(native).__name__} as a table; pass a polars, pandas, "
            "pyarrow or DuckDB frame", source=f"{source}:{schema.name}",
        ) from None
    lazy = frame.lazy(backend="polars") if isinstance(frame, nw.DataFrame) else frame
    names = lazy.collect_schema()
    missing = [c for c in schema.required if c not in names]
    if missing:
        raise DataError(
            f"missing required column(s) {', '.join(missing)}; the table has "
            f"{', '.join(names) or 'no columns'}", source=f"{source}:{schema.name}",
            column=missing[0],
        )
    casts = []
    for col in schema.columns:
        if col.name not in names:
            if schema.name == "participants":
                casts.append(nw.lit(None, dtype=_dtype(col.type)).alias(col.name))
            continue
        if col.type == "string" and col.name != "participant_id" and (
                names[col.name] == nw.Categorical):
            continue  # text held once a value: compared and grouped as the text it holds
        casts.append(_cast(nw.col(col.name), names[col.name], col.type).alias(col.name))
    return lazy.with_columns(*casts)


def _dtype(kind: str) -> Any:
    import narwhals as nw  # noqa: PLC0415

    return {"string": nw.String(), "date": nw.Date(), "integer": nw.Int64(),
            "number": nw.Float64()}[kind]


def _cast(expr: nw.Expr, dtype: Any, kind: str) -> nw.Expr:
    import narwhals as nw  # noqa: PLC0415

    if kind == "date":
        if dtype == nw.String:
            return expr.str.to_date("%Y-%m-%d")
        if dtype == nw.Datetime:
            return expr.dt.date() if hasattr(expr.dt, "date") else expr.cast(nw.Date())
        return expr.cast(nw.Date())
    return expr.cast(_dtype(kind))


def _empty(schema: TableSchema, like: Any) -> nw.LazyFrame[Any]:
    """An empty table with the schema's columns, on the same backend as ``like``."""
    import narwhals as nw  # noqa: PLC0415
    import polars as pl  # noqa: PLC0415

    types = {"string": pl.String, "date": pl.Date, "integer": pl.Int64, "number": pl.Float64}
    empty = pl.DataFrame(schema={c.name: types[c.type] for c in schema.columns})
    if like is not None and nw.from_native(like).implementation is nw.Implementation.DUCKDB:
        import duckdb  # noqa: PLC0415

        return nw.from_native(duckdb.from_arrow(empty.to_arrow()))
    return nw.from_native(empty.lazy())


def validate(
    raw: RawData,
    mapping: ColumnMapping | None = None,
    *,
    project: Project | None = None,
    strict: bool = False,
) -> Dataset:
    """Check every row of every table (:func:`goalkit.data._validate.clean`), and build the
    data set from the rows that pass: the last step of raw tables -> validation -> data set.

    :param mapping: the project's column names and codes (default: none).
    :param project: when given, ages at enrolment are checked against its target group,
        and its reported figures' breakdowns are checked in strict mode.
    :param strict: refuse the data if any problem is an error.
    :returns: the data set; every problem is in its ``issues``, with a ``rows_excluded``
        summary per table that lost rows.
    :raises DataValidationError: listing every problem, when something fatal was found
        (no participants, a required column missing, a file that cannot be read), or in
        strict mode when any problem is an error.
    """
    from goalkit.data._validate import clean  # noqa: PLC0415

    kept = clean(raw, mapping, project=project, strict=strict)
    dataset = Dataset.from_frames(
        kept.frames["participants"], kept.frames.get("events"), kept.frames.get("responses"),
        measurements=kept.measurements, assessments=kept.assessments, source=raw.source,
    )
    assert dataset.frames is not None
    return attrs.evolve(dataset, issues=kept.issues, frames=attrs.evolve(
        dataset.frames, ids_hash_apart=kept.ids_hash_apart))
