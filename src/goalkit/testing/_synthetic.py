"""Building blocks for seeded synthetic data sets: the tables, as a data set and as the
CSV folder goalkit's folder loader reads."""

from __future__ import annotations

import csv
import enum
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from attrs import Factory, define, field, frozen

from goalkit.model._records import Assessment, Event, Measurement, Response

if TYPE_CHECKING:
    import random

    from goalkit.data._dataset import Dataset

__all__ = ["SyntheticData", "SyntheticRows", "random_date", "write_csv"]

TABLE_FILES = ("participants", "events", "responses", "measurements", "assessments")
"""The tables :meth:`SyntheticData.write_folder` writes, each as ``<name>.csv``."""
EVENT_COLUMNS = ("participant_id", "date", "kind")
RESPONSE_COLUMNS = ("participant_id", "date", "phase", "question", "score")
MEASUREMENT_COLUMNS = ("metric", "date", "value", "period_start", "source")
ASSESSMENT_COLUMNS = ("goal", "date", "verdict", "evidence", "assessor")


def random_date(rnd: random.Random, first: date, last: date) -> date:
    """A day between ``first`` and ``last`` (both included), drawn from ``rnd``."""
    return first + timedelta(days=rnd.randint(0, (last - first).days))


def _row(value: Any, columns: Sequence[str]) -> tuple[Any, ...]:
    if isinstance(value, Mapping):
        return tuple(value[c] for c in columns)
    if isinstance(value, Sequence) and not isinstance(value, str):
        return tuple(value)
    return tuple(getattr(value, c) for c in columns)


def _events(rows: Any) -> tuple[Event, ...]:
    return tuple(r if isinstance(r, Event) else Event(*_row(r, EVENT_COLUMNS)) for r in rows)


def _responses(rows: Any) -> tuple[Response, ...]:
    return tuple(r if isinstance(r, Response) else Response(*_row(r, RESPONSE_COLUMNS))
                 for r in rows)


def _participants(rows: Any) -> tuple[Mapping[str, Any], ...]:
    return tuple(dict(r) for r in rows)


def _measurements(rows: Iterable[Measurement]) -> tuple[Measurement, ...]:
    return tuple(rows)


def _assessments(rows: Iterable[Assessment]) -> tuple[Assessment, ...]:
    return tuple(rows)


def _person_date_phase_question(row: tuple[Any, ...]) -> tuple[Any, ...]:
    return row[:4]


Table = tuple[Sequence[str], Sequence[Sequence[Any]]]


@frozen
class SyntheticData:
    """The tables of one synthetic data set.

    :param participants: one mapping per person, with the schema's keys (``participant_id``,
        ``enrolled``, …) and any further columns (group, municipality, …).
    :param events: :class:`goalkit.Event` records, or ``(participant_id, date, kind)``
        tuples, or mappings with those keys.
    :param responses: :class:`goalkit.Response` records, or ``(participant_id, date, phase,
        question, score)`` tuples, or mappings with those keys.
    :param source: how the data set names itself (reports show it).
    """

    participants: tuple[Mapping[str, Any], ...] = field(converter=_participants)
    events: tuple[Event, ...] = field(default=(), converter=_events)
    responses: tuple[Response, ...] = field(default=(), converter=_responses)
    measurements: tuple[Measurement, ...] = field(default=(), converter=_measurements)
    assessments: tuple[Assessment, ...] = field(default=(), converter=_assessments)
    source: str = "synthetic data"

    def dataset(self) -> Dataset:
        """The tables as a :class:`goalkit.Dataset` (through ``Dataset.from_records``)."""
        from goalkit.data._dataset import Dataset  # noqa: PLC0415

        return Dataset.from_records(
            self.participants, self.events, self.responses,
            measurements=self.measurements, assessments=self.assessments, source=self.source,
        )

    def write_folder(
        self, folder: str | Path, *, participant_columns: Sequence[str] | None = None
    ) -> Path:
        """Write the tables into ``folder`` as goalkit's folder loader reads them: one
        ``<table>.csv`` each (UTF-8, ``\\n`` line ends, ISO dates, empty cells for missing
        values, whole numbers without ``.0``). Empty tables are left out (an old file of
        that name is removed). The same data gives the same bytes.

        * ``participants.csv``: ``participant_columns`` in that order (default: every key,
          in the order the rows first use them);
        * ``events.csv`` and ``responses.csv``: sorted by person, date, then kind (or
          phase and question);
        * ``measurements.csv``: one row per figure, its breakdown in columns named
          ``dimension.category`` (``sex.F``), and ``additive`` only when some figure is
          not additive;
        * ``assessments.csv``: one row per judgement.

        :returns: the folder.
        """
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        columns = (list(participant_columns) if participant_columns is not None
                   else list(dict.fromkeys(k for p in self.participants for k in p)))
        events = sorted(_row(e, EVENT_COLUMNS) for e in self.events)
        responses = sorted((_row(r, RESPONSE_COLUMNS) for r in self.responses),
                           key=_person_date_phase_question)
        tables: dict[str, Table] = {
            "participants": (columns, [[p.get(c) for c in columns] for p in self.participants]),
            "events": (EVENT_COLUMNS, events),
            "responses": (RESPONSE_COLUMNS, responses),
            "measurements": _measurement_table(self.measurements),
            "assessments": (ASSESSMENT_COLUMNS, [_row(a, ASSESSMENT_COLUMNS)
                                                 for a in self.assessments]),
        }
        for name in TABLE_FILES:
            header, rows = tables[name]
            path = out / f"{name}.csv"
            path.unlink(missing_ok=True)
            if rows:
                write_csv(path, header, rows)
        return out


def _measurement_table(measurements: Sequence[Measurement]) -> Table:
    parts = sorted({(dim, cat) for m in measurements
                    for dim, cats in m.breakdown.items() for cat in cats})
    flag = ["additive"] if any(not m.additive for m in measurements) else []
    header = [*MEASUREMENT_COLUMNS, *flag, *(f"{dim}.{cat}" for dim, cat in parts)]
    rows = [
        [*_row(m, MEASUREMENT_COLUMNS), *([m.additive] if flag else []),
         *(m.breakdown.get(dim, {}).get(cat) for dim, cat in parts)]
        for m in measurements
    ]
    return header, rows


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return str(value)


def write_csv(path: str | Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """One CSV file as goalkit's loaders read it: a header, then ``rows`` (UTF-8, ``\\n``
    line ends, ``None`` as an empty cell, dates as ISO dates, ``3.0`` as ``3``)."""
    with Path(path).open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows([_cell(v) for v in row] for row in rows)


@define
class SyntheticRows:
    """The tables while a generator writes them; :meth:`build` freezes them.

    ::

        rows = SyntheticRows()
        rows.person(participant_id="p1", enrolled=date(2024, 1, 15), sex="F")
        rows.event("p1", date(2024, 6, 1), "employment_start")
        rows.answer("p1", date(2024, 6, 1), "exit", "satisfied", 4)
        data = rows.build(source="my synthetic example")
    """

    participants: list[dict[str, Any]] = Factory(list)
    events: list[Event] = Factory(list)
    responses: list[Response] = Factory(list)

    def person(self, **columns: Any) -> dict[str, Any]:
        """Add a participant; returns the row, which may still be changed (an exit, …)."""
        self.participants.append(columns)
        return columns

    def event(self, participant_id: str, when: date, kind: str) -> None:
        """Add an event."""
        self.events.append(Event(participant_id, when, kind))

    def answer(
        self, participant_id: str, when: date, phase: str, question: str, score: float
    ) -> None:
        """Add a survey answer."""
        self.responses.append(Response(participant_id, when, phase, question, score))

    def build(
        self,
        *,
        measurements: Sequence[Measurement] = (),
        assessments: Sequence[Assessment] = (),
        source: str = "synthetic data",
    ) -> SyntheticData:
        """The rows so far, with the figures and judgements, as :class:`SyntheticData`."""
        return SyntheticData(self.participants, self.events, self.responses, measurements,
                             assessments, source)
