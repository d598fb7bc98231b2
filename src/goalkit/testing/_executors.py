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
    from goalkit.model._project import Project
    from goalkit.testing._aim import Aim

__all__ = ["BACKENDS", "executors_disagree", "random_data"]

BACKENDS: tuple[str, ...] = ("python", "polars", "duckdb")
"""The executors (and columnar back ends) :func:`executors_disagree` compares by default;
DuckDB only where it is installed."""


def random_data(
    project: Project,
    *,
    events: Iterable[str] = (),
    answers: Iterable[tuple[str, str]] = (),
    max_people: int = 25,
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

    This is not data built to a status (``datasets`` is): it is any data, for properties
    that hold on all of it, such as ``executors_disagree(...) == []``.
    """
    from goalkit.testing._aim import Aim, aim  # noqa: PLC0415

    found = Aim(events=tuple(events), answers=tuple(answers))
    for goal in project.goals:
        found |= aim(goal.indicator, project)
    return _data(project.period.start, project.period.end, found, max_people)


_EXIT_REASONS = ("work", "studies", "other")


@st.composite
def _data(draw: st.DrawFn, start: date, end: date, found: Aim, max_people: int) -> Dataset:
    from goalkit.data._dataset import Dataset  # noqa: PLC0415
    from goalkit.testing._aim import SEXES, finite, shifted  # noqa: PLC0415

    span = max((end - start).days, 0)
    kinds, asked = found.events, found.answers
    offsets = found.offsets
    scores = finite(found.scores)
    people: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    responses: list[dict[str, Any]] = []
    lo, hi = date(1900, 1, 1), date(2200, 12, 31)

    def when(own: list[date], spread: int) -> date:
        """A day on an edge the rules name (an offset from one of the person's own days, or a
        day either side) or anywhere around their own days."""
        base = draw(st.sampled_from(own))
        if draw(st.booleans()):
            days = draw(st.sampled_from(offsets)) + draw(st.sampled_from((-1, 0, 1)))
        else:
            days = draw(st.integers(-spread // 10, spread))
        return shifted(base, days, lo, hi)

    for i in range(draw(st.integers(0, max_people))):
        pid = f"p{i:03d}"
        enrolled = start + timedelta(days=draw(st.integers(0, span)))
        exited = None
        if draw(st.booleans()):
            exited = max(enrolled, when([enrolled], 400))
        born = draw(st.sampled_from(["date", "year", "none"]))
        birth = date(1960, 1, 1) + timedelta(days=draw(st.integers(0, 15000)))
        row: dict[str, Any] = {
            "participant_id": pid, "enrolled": enrolled, "exited": exited,
            "exit_reason": None,
            "sex": draw(st.sampled_from(SEXES)),
            "birth_date": birth if born == "date" else None,
            "birth_year": birth.year if born == "year" else None,
        }
        for name, values in sorted(found.columns.items()):
            _column(draw, row, name, values)
        if exited is not None and row["exit_reason"] is None:
            row["exit_reason"] = draw(st.sampled_from(_EXIT_REASONS))
        people.append(row)
        own = [enrolled, *([exited] if exited else [])]
        for _ in range(draw(st.integers(0, 5)) if kinds else 0):
            kind = draw(st.sampled_from(kinds))
            day = max(when(own, 400), enrolled)
            events.append({"participant_id": pid, "date": day, "kind": kind})
            own.append(day)  # an anchor event: later windows open from it
        for _ in range(draw(st.integers(0, 4)) if asked else 0):
            phase, question = draw(st.sampled_from(asked))
            responses.append({"participant_id": pid, "date": max(when(own, 60), enrolled),
                              "phase": phase, "question": question,
                              "score": float(draw(st.sampled_from(scores)))})
    result: Dataset = Dataset.from_records(people, events, responses,
                                           source="goalkit.testing.random_data")
    return result


def _column(draw: st.DrawFn, row: dict[str, Any], name: str, values: tuple[Any, ...]) -> None:
    """Give the person a value of a column a kind tests, among ``values``."""
    from goalkit.testing._aim import SEXES  # noqa: PLC0415

    if name in ("participant_id", "enrolled", "exited", "birth_date", "birth_year", "age_band"):
        return  # drawn with the person
    if name == "age":
        ages = [a for a in values if isinstance(a, int) and not isinstance(a, bool)
                and 0 <= a <= 110]
        if not ages:
            return
        aimed: bool = draw(st.booleans())
        if aimed:
            age: int = draw(st.sampled_from(ages))
            row["birth_year"], row["birth_date"] = row["enrolled"].year - age, None
        return
    if name == "sex":
        named = sorted({s for s in values if isinstance(s, str)} - set(SEXES))
        row["sex"] = draw(st.sampled_from([*SEXES, *named]))
        return
    if name == "exit_reason":
        if row["exited"] is not None:
            pool = [s for s in values if s is None or isinstance(s, str)]
            row["exit_reason"] = draw(st.sampled_from([*_EXIT_REASONS, *pool]))
        return
    row[name] = draw(st.sampled_from(values))


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
