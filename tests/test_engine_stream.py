"""The columnar executor hands out each goal's counts as soon as they are collected, while
it computes the next goal in a worker thread of the call's own: the results, the errors
and the threads must be as if it had collected everything first."""

from __future__ import annotations

import datetime as dt
import threading
import time
from typing import Any, ClassVar

import narwhals as nw
import polars as pl
import pytest
from attrs import frozen

import goalkit
from goalkit.engine._columnar import collect_in_turn
from goalkit.goals import Count, Goal, Period, Text
from goalkit.indicators import Frames, Person, cases, outcome_frame, share_summary
from goalkit.model import GoalContext, PersonIndicator, State, Summary, Tally, Unit


def _batch(ran: list[int], n: int, pause: float = 0.0,
           started: threading.Event | None = None) -> list[nw.LazyFrame[Any]]:
    """A query that notes (in ``ran``) that it was computed, and (``started``) when it
    starts."""

    def note(s: pl.Series) -> pl.Series:
        if started is not None:
            started.set()
        time.sleep(pause)
        ran.append(n)
        return s

    frame = pl.LazyFrame({"x": [n]}).select(pl.col("x").map_batches(note, return_dtype=pl.Int64))
    return [nw.from_native(frame)]


def test_batches_come_in_order_and_a_stopped_stream_starts_no_more() -> None:
    ran: list[int] = []
    second = threading.Event()
    stream = collect_in_turn(
        [_batch(ran, 0), _batch(ran, 1, pause=0.5, started=second), _batch(ran, 2)],
        background=True,
    )
    assert next(stream)[0]["x"].to_list() == [0]
    assert second.wait(timeout=30)
    stream.close()  # while batch 1 is computed, batch 2 still waits: it is never started
    assert ran == [0, 1]  # and batch 1 is done: close waited for it
    assert _collectors() == []
    ran.clear()
    everything = collect_in_turn([_batch(ran, n) for n in range(4)], background=True)
    assert [b[0]["x"].to_list() for b in everything] == [[0], [1], [2], [3]]
    assert ran == [0, 1, 2, 3]


@frozen
class Broken(PersonIndicator):
    """A plugin kind whose query fails only when it is collected."""

    kind: ClassVar[str] = "broken"
    unit: ClassVar[Unit] = Unit.SHARE

    def classify(self, person: Person, ctx: GoalContext) -> tuple[State, None, None]:
        return (State.SUCCESS, None, None)

    def classify_frame(self, frames: Frames, ctx: GoalContext) -> nw.LazyFrame[Any]:
        # every participant id as a number: these ids are not numbers
        bad = nw.col("participant_id").cast(nw.Int64()) > 0
        return outcome_frame(frames, frames.participants,
                             cases([(bad, State.SUCCESS, None)], (State.FAILURE, None)))

    def summarize(self, tally: Tally, ctx: GoalContext) -> Summary:
        return share_summary(tally, ctx)


def _project(*indicators: goalkit.kinds.Indicator) -> goalkit.Project:
    return goalkit.Project(
        id="z", name=Text("Z"),
        period=Period(dt.date(2014, 1, 1), dt.date(2014, 12, 31)),
        goals=[Goal(id=f"g{i}", level="sub_goal", indicator=ind)
               for i, ind in enumerate(indicators)],
    )


def _data() -> goalkit.Dataset:
    people = pl.DataFrame({"participant_id": ["a", "b"], "enrolled": [dt.date(2014, 2, 1)] * 2})
    return goalkit.Dataset.from_frames(people)


def _collectors() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("goalkit-collect")]


def test_an_error_in_a_later_goal_is_an_evaluation_error_and_leaves_no_thread() -> None:
    """The first goal is already handed out when the second fails to collect: the host
    still gets one EvaluationError naming the engine's error, and no thread stays."""
    project = _project(Count(), Broken(), Count())
    with pytest.raises(goalkit.EvaluationError, match=r"evaluation failed: .*participant_id"
                       ) as caught:
        goalkit.evaluate(project, _data(), dt.date(2014, 6, 1), engine="columnar")
    assert "goal 'g1' (broken)" in str(caught.value)  # which goal failed
    assert _collectors() == []


@frozen
class Unsummed(PersonIndicator):
    """A plugin kind that counts but fails to summarize: the assembly stops half way."""

    kind: ClassVar[str] = "unsummed"
    unit: ClassVar[Unit] = Unit.SHARE

    def classify(self, person: Person, ctx: GoalContext) -> tuple[State, None, None]:
        return (State.SUCCESS, None, None)

    def classify_frame(self, frames: Frames, ctx: GoalContext) -> nw.LazyFrame[Any]:
        return outcome_frame(frames, frames.participants, cases([], (State.SUCCESS, None)))

    def summarize(self, tally: Tally, ctx: GoalContext) -> Summary:
        raise ValueError("no summary")


def test_a_failed_assembly_stops_the_collection_before_the_call_returns() -> None:
    """Stopped by the call itself, not whenever its frames (held by the traceback the host
    is looking at) are collected."""
    project = _project(Count(), Unsummed(), *[Count()] * 20)
    try:
        goalkit.evaluate(project, _data(), dt.date(2014, 6, 1), engine="columnar")
    except ValueError as e:
        assert str(e) == "no summary"  # noqa: PT017 (the traceback must be alive here)
        assert _collectors() == []
    else:
        pytest.fail("the failed summary was not raised")


def test_an_evaluation_leaves_no_thread_behind() -> None:
    project = _project(Count(), Count())
    report = goalkit.evaluate(project, _data(), dt.date(2014, 6, 1), engine="columnar")
    assert [r.value for r in report.results] == [2.0, 2.0]
    assert _collectors() == []


def test_an_error_in_a_goal_names_it_on_both_executors() -> None:
    """A kind that fails for one goal: the error says which goal and kind."""
    project = _project(Count(), Count(), Failing())
    for engine in ("python", "columnar"):
        with pytest.raises(goalkit.EvaluationError,
                           match=r"evaluation failed: goal 'g2' \(failing\): ValueError"):
            goalkit.evaluate(project, _data(), dt.date(2014, 6, 1), engine=engine)  # type: ignore[arg-type]


@frozen
class Failing(PersonIndicator):
    """A plugin kind whose classification fails in both executors."""

    kind: ClassVar[str] = "failing"
    unit: ClassVar[Unit] = Unit.SHARE

    def classify(self, person: Person, ctx: GoalContext) -> tuple[State, None, None]:
        raise ValueError("cannot classify")

    def classify_frame(self, frames: Frames, ctx: GoalContext) -> nw.LazyFrame[Any]:
        raise ValueError("cannot classify")

    def summarize(self, tally: Tally, ctx: GoalContext) -> Summary:
        return share_summary(tally, ctx)
