"""A plugin adds an indicator kind the core does not have: it evaluates in both engines
and loads from and writes to goal files like a built-in kind."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any, ClassVar

import narwhals as nw
import pytest
from attrs import field, frozen
from hypothesis import given
from hypothesis import strategies as st

import goalkit
from goalkit import GoalFileError, Status
from goalkit.indicators import PID, Frames, Person, cases, day, outcome_frame, share_summary
from goalkit.model import GoalContext, PersonIndicator, State, Summary, Tally, Unit
from goalkit.plugins import hookimpl
from goalkit.testing import check_plugin, executors_disagree, plugin_host


@frozen
class MinEvents(PersonIndicator):
    """The share of people with at least ``at_least`` events of kind ``event`` by the
    goal's horizon; people short of it are pending until the due date, then failures."""

    kind: ClassVar[str] = "min_events"
    unit: ClassVar[Unit] = Unit.SHARE
    tables: ClassVar[frozenset[str]] = frozenset({"events"})
    event: str
    at_least: int = field(default=2)

    def classify(self, person: Person, ctx: GoalContext) -> tuple[State, str | None, None]:
        n = sum(1 for d in person.events.get(self.event, ()) if d <= ctx.horizon)
        if n >= self.at_least:
            return (State.SUCCESS, None, None)
        if ctx.deadline_passed:
            return (State.FAILURE, None, None)
        return (State.PENDING, "too_few_events", None)

    def classify_frame(self, frames: Frames, ctx: GoalContext) -> nw.LazyFrame[Any]:
        counts = (
            frames.events.filter((nw.col("kind") == self.event)
                                 & (nw.col("date") <= day(ctx.horizon)))
            .group_by(PID)
            .agg(nw.len().alias("_n"))
        )
        people = frames.participants.join(counts, on=PID, how="left")
        n = nw.col("_n").fill_null(0)
        state, reason = cases(
            [
                (n >= self.at_least, State.SUCCESS, None),
                (nw.lit(ctx.deadline_passed), State.FAILURE, None),
            ],
            (State.PENDING, "too_few_events"),
        )
        # the (state, reason) pair, reason as text: the engine takes that too
        return outcome_frame(frames, people, (state, reason))

    def summarize(self, tally: Tally, ctx: GoalContext) -> Summary:
        return share_summary(tally, ctx)


@hookimpl
def goalkit_register_kinds(kinds: Any) -> None:
    kinds.add(MinEvents.kind, MinEvents)


PLUGIN = SimpleNamespace(goalkit_register_kinds=goalkit_register_kinds)

GOALS = """\
schema = "goalkit.goals/1"
id = "meetings"
name = "Meetings project"
period = { start = 2024-01-01, end = 2024-06-30 }

[[goals]]
id = "two-meetings"
level = "sub_goal"
due = 2024-12-31
target = { at_least = 0.5 }
indicator = { kind = "min_events", event = "meeting", at_least = 2 }
"""


def data() -> goalkit.Dataset:
    """Four people: two with two meetings by September, one with one, one with none."""
    people = [{"participant_id": f"p{i}", "enrolled": dt.date(2024, 2, i), "sex": "F"}
              for i in range(1, 5)]
    meetings = [("p1", "2024-03-01"), ("p1", "2024-04-01"), ("p2", "2024-05-01"),
                ("p2", "2024-09-01"), ("p3", "2024-03-15")]
    events = [{"participant_id": p, "date": d, "kind": "meeting"} for p, d in meetings]
    return goalkit.Dataset.from_records(people, events)


@pytest.mark.parametrize("engine", ["python", "columnar"])
@pytest.mark.parametrize(
    ("as_of", "status", "success", "failure", "pending"),
    [
        (dt.date(2024, 7, 1), Status.PENDING, 1, 0, 3),
        (dt.date(2024, 9, 1), Status.MET, 2, 0, 2),
        (dt.date(2025, 1, 31), Status.MET, 2, 2, 0),
    ],
)
def test_new_kind_evaluates_in_both_engines(
    engine: str, as_of: dt.date, status: Status, success: int, failure: int, pending: int
) -> None:
    """A goal of the plugin's kind, read from a goal file through the host's kinds, gets
    the same counts and status from the plain-Python and the columnar engine."""
    host = plugin_host(PLUGIN)
    project = host.loads_goals(GOALS)
    (result,) = goalkit.evaluate(project, data(), as_of, engine=engine).results  # type: ignore[arg-type]
    assert (result.status, result.success, result.failure, result.pending) == (
        status, success, failure, pending)
    assert result.kind == "min_events"


def test_new_kind_round_trips_through_the_goal_file() -> None:
    """dumps_goals/loads_goals with the host's kinds give back the same project."""
    host = plugin_host(PLUGIN)
    project = host.loads_goals(GOALS)
    assert isinstance(project.goals[0].indicator, MinEvents)
    text = goalkit.dumps_goals(project, kinds=host.kind_classes)
    assert 'kind = "min_events"' in text
    assert goalkit.loads_goals(text, kinds=host.kind_classes) == project
    assert host.loads_goals(host.dumps_goals(project)) == project


def test_without_the_plugin_the_kind_is_unknown() -> None:
    """A host without the plugin refuses the goal file, naming the unknown kind and the
    known ones."""
    with pytest.raises(GoalFileError, match="unknown indicator kind 'min_events'"):
        plugin_host().loads_goals(GOALS)


def test_kind_plugin_passes_the_check() -> None:
    """check_plugin finds nothing wrong with the kind plugin; it does find a kind that
    leaves out its columnar classification."""
    assert check_plugin(PLUGIN, name="min-events") == []

    @frozen
    class Lazy(PersonIndicator):
        kind: ClassVar[str] = "lazy"
        unit: ClassVar[Unit] = Unit.SHARE

        def classify(self, person: Person, ctx: GoalContext) -> tuple[State, None, None]:
            return (State.SUCCESS, None, None)

    @hookimpl
    def goalkit_register_kinds(kinds: Any) -> None:
        kinds.add("lazy", Lazy)

    problems = check_plugin(SimpleNamespace(goalkit_register_kinds=goalkit_register_kinds),
                            name="lazy")
    assert problems == [
        "indicator kind 'lazy' does not implement classify_frame()",
        "indicator kind 'lazy' does not implement summarize()",
    ]


@given(
    counts=st.lists(st.integers(0, 4), min_size=1, max_size=8),
    at_least=st.integers(1, 3),
    as_of=st.dates(dt.date(2024, 1, 1), dt.date(2025, 3, 1)),
)
def test_new_kind_engines_agree(counts: list[int], at_least: int, as_of: dt.date) -> None:
    """For any number of meetings per person, both engines give the same result."""
    people = [{"participant_id": f"p{i}", "enrolled": dt.date(2024, 1, 1)}
              for i in range(len(counts))]
    events = [{"participant_id": f"p{i}", "date": dt.date(2024, 1 + j * 2, 1), "kind": "meeting"}
              for i, n in enumerate(counts) for j in range(n)]
    dataset = goalkit.Dataset.from_records(people, events)
    host = plugin_host(PLUGIN)
    project = host.loads_goals(GOALS.replace("at_least = 2 }", f"at_least = {at_least} }}"))
    python = goalkit.evaluate(project, dataset, as_of, engine="python").results[0]
    columnar = goalkit.evaluate(project, dataset, as_of, engine="columnar").results[0]
    assert (python.status, python.success, python.failure, python.pending) == (
        columnar.status, columnar.success, columnar.failure, columnar.pending)


@frozen
class IdInitial(PersonIndicator):
    """The share of people whose id starts with ``initial``: a kind that reads the id
    column as text, which the columnar executor does not promise (it may hold the ids'
    hashes; :data:`~goalkit.indicators.PID`)."""

    kind: ClassVar[str] = "id_initial"
    unit: ClassVar[Unit] = Unit.SHARE
    initial: str = "p"

    def classify(self, person: Person, ctx: GoalContext) -> tuple[State, None, None]:
        return (State.SUCCESS if person.id.startswith(self.initial) else State.FAILURE,
                None, None)

    def classify_frame(self, frames: Frames, ctx: GoalContext) -> nw.LazyFrame[Any]:
        text = nw.col(PID).cast(nw.String())
        state, reason = cases([(text.str.starts_with(self.initial), State.SUCCESS, None)],
                              (State.FAILURE, None))
        return outcome_frame(frames, frames.participants, (state, reason))

    def summarize(self, tally: Tally, ctx: GoalContext) -> Summary:
        return share_summary(tally, ctx)


def test_a_kind_that_reads_the_id_as_text_is_caught_by_the_executor_property() -> None:
    """`executors_disagree` runs the columnar executor on the data as validation hands
    over a user's files, the ids' hashes in the id column: a kind whose query reads the id
    as text (not only joins and groups by it) differs from plain Python there, so its
    author finds out before a user's files do."""

    @hookimpl
    def register(kinds: Any) -> None:
        kinds.add(IdInitial.kind, IdInitial)

    host = plugin_host(SimpleNamespace(goalkit_register_kinds=register))
    project = host.loads_goals(GOALS.replace(
        'indicator = { kind = "min_events", event = "meeting", at_least = 2 }',
        'indicator = { kind = "id_initial" }'))
    found = executors_disagree(project, data(), dt.date(2024, 9, 1),
                               backends=("python", "polars"))
    assert len(found) == 1
    assert found[0].startswith("polars differs from python")
