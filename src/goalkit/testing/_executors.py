"""The executor-equality property, for a kind's author: plain Python ≡ polars ≡ DuckDB.

A kind written in the vocabulary of classification is read by both executors from one
declaration; a kind with ``classify`` and ``classify_frame`` of its own has two copies of
its meaning. Either way the property is the same: on any data and any date, every executor
gives the same report, byte for byte. :func:`random_data` draws data that exercises a
kind (its events, phases and questions, dated around each person's enrolment and exit);
:func:`executors_disagree` says where the reports differ::

    @given(data=random_data(project), as_of=st.dates(start, end))
    def test_my_kind_is_one_meaning(data, as_of):
        assert executors_disagree(project, data, as_of) == []
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from datetime import date

    from goalkit.data._dataset import Dataset
    from goalkit.model._project import Project
    from goalkit.testing._aim import Aim

__all__ = ["BACKENDS", "executors_disagree", "random_data"]

BACKENDS: tuple[str, ...] = ("python", "polars", "duckdb")
"""The executors (and columnar back ends) :func:`executors_disagree` compares by default;
DuckDB only where it is installed. ``polars`` evaluates the data as validation hands over
a user's files (the ids' hashes in the id column, where they hash apart)."""


def random_data(
    project: Project,
    *,
    events: Iterable[str] = (),
    answers: Iterable[tuple[str, str]] = (),
    max_people: int = 25,
    as_of: date | Iterable[date] | None = None,
) -> st.SearchStrategy[Dataset]:
    """Random data sets for ``project``, aimed at every branch of its kinds.

    People enrol during its period (some exited, some not; of each sex, ``F``, ``M``, ``X``
    or unknown; with a birth date, a birth year or neither). What each kind written in the
    vocabulary reads is drawn from its declaration (:func:`~goalkit.testing._aim.aim`): the
    event kinds and answers its lookups name, dated on the edges of its windows relative to
    each person's own dates (and at random around them); scores on both sides of its
    thresholds; and, for each participant column it tests, values that pass and fail. So a
    plugin's kind in the vocabulary gets data that reaches each of its states and reasons
    without a line of its own. ``events`` and ``answers`` (``(phase, question)``) are added,
    for a kind that writes its own ``classify``.

    Which states a person is in depends also on the day the data are read on: a window
    still open, an answer still to come, an exit not yet made. Give that day as ``as_of``
    (one date, or several: the dates the property is evaluated on) and people's enrolments,
    exits, events and answers are also dated from it and from the horizons it gives each
    goal (:func:`~goalkit.testing._aim.horizons`: the due date once it has passed), on the
    day a window closes on it, a day either side, and at random before it. So a person who
    exited, answered at entry and is still inside the follow-up window
    (``awaiting_follow_up``) is drawn by aim, not luck. Without ``as_of`` (``None``, the
    default) the draws are those made before it existed.

    This is not data built to a status (``datasets`` is): it is any data, for properties
    that hold on all of it, such as ``executors_disagree(...) == []``.

    :raises TypeError: ``as_of`` is neither ``None``, a date nor a sequence of dates.
    :raises ValueError: ``as_of`` is an empty sequence.
    """
    from goalkit.testing._aim import Aim, aim, horizons  # noqa: PLC0415

    found = Aim(events=tuple(events), answers=tuple(answers))
    for goal in project.goals:
        found |= aim(goal.indicator, project)
    days = () if as_of is None else horizons(project, as_of)
    return _data(project.period.start, project.period.end, found, max_people, days)


@st.composite
def _data(draw: st.DrawFn, start: date, end: date, found: Aim, max_people: int,
          days: tuple[date, ...]) -> Dataset:
    from goalkit.data._dataset import Dataset  # noqa: PLC0415
    from goalkit.testing._aim import aimed_person  # noqa: PLC0415

    person = aimed_person(start, end, found, days)
    people: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    responses: list[dict[str, Any]] = []
    for i in range(draw(st.integers(0, max_people))):
        pid = f"p{i:03d}"
        row, evs, answers = draw(person)
        people.append({"participant_id": pid, **row})
        events.extend({"participant_id": pid, "date": when, "kind": kind} for when, kind in evs)
        responses.extend({"participant_id": pid, "date": when, "phase": phase,
                          "question": question, "score": score}
                         for when, phase, question, score in answers)
    result: Dataset = Dataset.from_records(people, events, responses,
                                           source="goalkit.testing.random_data")
    return result


def _on(backend: str, data: Dataset) -> Dataset | None:
    """The data set on a columnar back end (``None``: that back end is not installed)."""
    import attrs  # noqa: PLC0415

    from goalkit.data._dataset import Dataset  # noqa: PLC0415

    if backend == "polars":
        return as_from_files(data)
    try:
        import duckdb  # noqa: PLC0415
    except ImportError:
        return None
    frames = data.with_frames()
    con = duckdb.connect()
    rel = [con.from_arrow(f.collect().to_arrow())
           for f in (frames.participants, frames.events, frames.responses)]
    # the issues validation found in the records travel with them, as in any data set,
    # and so does the name of their source (which a report's issues name)
    return attrs.evolve(Dataset.from_frames(*rel), issues=data.issues, source=data.source)


def as_from_files(data: Dataset) -> Dataset:
    """The data set as a file of the same rows reaches the columnar executor: its tables
    as polars frames, every text column but the ids held as a categorical (as a Parquet
    file's columns of few values are), through validation, which finds the participants'
    ids to hash apart (:attr:`~goalkit.data.NativeFrames.ids_hash_apart`), so that the
    executor joins people on the ids' hashes, as it does on a user's files; a kind that
    reads the id column as text, not only joins and groups by it, or a text column with
    ``.str``, differs here."""
    import attrs  # noqa: PLC0415
    import polars as pl  # noqa: PLC0415

    from goalkit.data._loaders import FramesLoader  # noqa: PLC0415

    frames = data.with_frames()
    # every text column but the ids held as a categorical, as a Parquet file's text
    # columns of few values are read (goalkit.data._sources.frame_table): a kind's query
    # that reads such a column with `.str` fails here too, not only on a user's files
    text = pl.selectors.string() - pl.selectors.by_name("participant_id")
    validated = FramesLoader().load_frames({
        name: frame.collect().to_native().with_columns(text.cast(pl.Categorical))
        for name, frame in (("participants", frames.participants),
                            ("events", frames.events), ("responses", frames.responses))
    })
    # the same rows (validation keeps what the records kept) and the records' own issues
    return attrs.evolve(validated, measurements=data.measurements,
                        assessments=data.assessments, source=data.source, issues=data.issues)


def executors_disagree(
    project: Project, data: Dataset, as_of: date, *, backends: Sequence[str] = BACKENDS,
) -> list[str]:
    """Where the reports of the executors differ on ``data`` as of ``as_of``, one entry per
    back end that differs from the first (a diff of their JSON); an empty list when every
    report is byte for byte the same.

    Use it as ``assert executors_disagree(project, data, as_of) == []``.
    """
    from goalkit.engine import evaluate  # noqa: PLC0415
    from goalkit.reports._json import report_to_json  # noqa: PLC0415

    reports: list[tuple[str, str]] = []
    for backend in backends:
        if backend == "python":
            text = report_to_json(evaluate(project, data, as_of, engine="python"))
        else:
            on = _on(backend, data)
            if on is None:
                continue
            text = report_to_json(evaluate(project, on, as_of, engine="columnar"))
        reports.append((backend, text))
    first, base = reports[0]
    return [
        f"{name} differs from {first}:\n" + "\n".join(difflib.unified_diff(
            base.splitlines(), text.splitlines(), first, name, lineterm="", n=2))
        for name, text in reports[1:] if text != base
    ]
