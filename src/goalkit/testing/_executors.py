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
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from goalkit.data._dataset import Dataset
    from goalkit.model._indicator import Indicator
    from goalkit.model._project import Project

__all__ = ["BACKENDS", "executors_disagree", "random_data", "words_read"]

BACKENDS: tuple[str, ...] = ("python", "polars", "duckdb")
"""The executors (and columnar back ends) :func:`executors_disagree` compares by default;
DuckDB only where it is installed."""


def words_read(indicator: Indicator, project: Project) -> tuple[set[str], set[tuple[str, str]]]:
    """The event kinds and the ``(phase, question)`` pairs a kind and the kinds it is built
    from read: from the lookups of a declared kind, and from the fields of the built-in
    ones that name events, phases and questions."""
    from goalkit.engine._plan import context_for  # noqa: PLC0415
    from goalkit.indicators._vocabulary import (  # noqa: PLC0415
        Anchor,
        Declared,
        FirstAnswer,
        FirstEvent,
        InSpell,
        lookups,
    )
    from goalkit.model._goal import Goal  # noqa: PLC0415

    events: set[str] = set()
    answers: set[tuple[str, str]] = set()
    stack = [indicator]
    while stack:
        ind = stack.pop()
        stack.extend(ind.children())
        if not isinstance(ind, Declared):
            continue
        for as_of in (project.period.start, project.period.end):
            ctx = context_for(project, Goal(id="probe", level="sub_goal", indicator=ind), as_of)
            for lk in lookups(ind.rules(ctx)):
                if isinstance(lk, Anchor) and lk.name not in ("enrolled", "exited"):
                    events.add(lk.name)
                elif isinstance(lk, FirstEvent):
                    events.update(lk.kinds)
                elif isinstance(lk, InSpell):
                    events.update((lk.start, lk.end))
                elif isinstance(lk, FirstAnswer):
                    answers.add((lk.phase, lk.question))
    return events, answers


def random_data(
    project: Project,
    *,
    events: Iterable[str] = (),
    answers: Iterable[tuple[str, str]] = (),
    max_people: int = 25,
) -> st.SearchStrategy[Dataset]:
    """Random data sets for ``project``: people enrolled during its period (some exited,
    some not, of either sex, with a birth date, a birth year or neither), each with events
    and answers dated around their enrolment and exit.

    The events and answers are those the project's kinds read (:func:`words_read`), and
    ``events`` and ``answers`` (``(phase, question)``) besides, for a kind that writes its
    own ``classify``. This is not data built to a status (``datasets`` is): it is any data,
    for properties that hold on all of it.
    """
    kinds: set[str] = set(events)
    asked: set[tuple[str, str]] = set(answers)
    for goal in project.goals:
        found_events, found_answers = words_read(goal.indicator, project)
        kinds |= found_events
        asked |= found_answers
    return _data(project.period.start, project.period.end, sorted(kinds), sorted(asked),
                 max_people)


@st.composite
def _data(
    draw: st.DrawFn, start: date, end: date, kinds: Sequence[str],
    asked: Sequence[tuple[str, str]], max_people: int,
) -> Dataset:
    from goalkit.data._dataset import Dataset  # noqa: PLC0415

    span = max((end - start).days, 0)
    people: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    responses: list[dict[str, Any]] = []
    for i in range(draw(st.integers(0, max_people))):
        pid = f"p{i:03d}"
        enrolled = start + timedelta(days=draw(st.integers(0, span)))
        exited = (enrolled + timedelta(days=draw(st.integers(0, 400)))
                  if draw(st.booleans()) else None)
        born = draw(st.sampled_from(["date", "year", "none"]))
        birth = date(1960, 1, 1) + timedelta(days=draw(st.integers(0, 15000)))
        people.append({
            "participant_id": pid, "enrolled": enrolled, "exited": exited,
            "exit_reason": draw(st.sampled_from(["work", "studies", "other"])) if exited
            else None,
            "sex": draw(st.sampled_from(["F", "M", None])),
            "birth_date": birth if born == "date" else None,
            "birth_year": birth.year if born == "year" else None,
        })
        around = [enrolled, *([exited] if exited else [])]
        for _ in range(draw(st.integers(0, 4)) if kinds else 0):
            when = draw(st.sampled_from(around)) + timedelta(days=draw(st.integers(-30, 400)))
            events.append({"participant_id": pid, "date": max(when, enrolled),
                           "kind": draw(st.sampled_from(kinds))})
        for _ in range(draw(st.integers(0, 4)) if asked else 0):
            phase, question = draw(st.sampled_from(asked))
            when = draw(st.sampled_from(around)) + timedelta(days=draw(st.integers(-40, 60)))
            responses.append({"participant_id": pid, "date": max(when, enrolled),
                              "phase": phase, "question": question,
                              "score": float(draw(st.integers(1, 5)))})
    result: Dataset = Dataset.from_records(people, events, responses,
                                           source="goalkit.testing.random_data")
    return result


def _on(backend: str, data: Dataset) -> Dataset | None:
    """The data set on a columnar back end (``None``: that back end is not installed)."""
    import attrs  # noqa: PLC0415

    from goalkit.data._dataset import Dataset  # noqa: PLC0415

    if backend == "polars":
        return data  # the columnar executor reads records into polars frames
    try:
        import duckdb  # noqa: PLC0415
    except ImportError:
        return None
    frames = data.with_frames()
    con = duckdb.connect()
    rel = [con.from_arrow(f.collect().to_arrow())
           for f in (frames.participants, frames.events, frames.responses)]
    # the issues validation found in the records travel with them, as in any data set
    return attrs.evolve(Dataset.from_frames(*rel), issues=data.issues)


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
