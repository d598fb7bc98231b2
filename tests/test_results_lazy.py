"""A result's breakdown cells are made when they are read: an evaluation counts every
category in the query, and works out a cell's summary (value, bounds, interval) only for
the cells someone reads; what is read is what an eager evaluation would have given."""

from __future__ import annotations

import copy as copy_module
import datetime as dt
import pickle
from typing import TYPE_CHECKING, Any, ClassVar

import polars as pl
import pytest
from attrs import field, frozen

import goalkit
from goalkit.goals import Goal, Period, Text
from goalkit.indicators import cases, outcome_frame, share_summary
from goalkit.kinds import (
    Frames,
    GoalContext,
    Person,
    PersonIndicator,
    State,
    Summary,
    Tally,
    Unit,
)
from goalkit.model._result import Cells

if TYPE_CHECKING:
    import narwhals as nw

AS_OF = dt.date(2014, 6, 1)


@frozen
class Noted(PersonIndicator):
    """Everyone succeeds; every summary made is noted (its tally's success count), and one
    of exactly ``fail_at`` successes fails."""

    kind: ClassVar[str] = "noted"
    unit: ClassVar[Unit] = Unit.SHARE
    made: list[int] = field(factory=list, eq=False, repr=False)
    fail_at: int | None = None

    def classify(self, person: Person, ctx: GoalContext) -> tuple[State, None, None]:
        return (State.SUCCESS, None, None)

    def classify_frame(self, frames: Frames, ctx: GoalContext) -> nw.LazyFrame[Any]:
        return outcome_frame(frames, frames.participants, cases([], (State.SUCCESS, None)))

    def summarize(self, tally: Tally, ctx: GoalContext) -> Summary:
        self.made.append(tally.success)
        if tally.success == self.fail_at:
            raise ValueError("no summary for this cell")
        return share_summary(tally, ctx)


def _evaluate(kind: Noted, engine: str) -> goalkit.Report:
    project = goalkit.Project(
        id="z", name=Text("Z"),
        period=Period(dt.date(2014, 1, 1), dt.date(2014, 12, 31)),
        goals=[Goal(id="g", level="sub_goal", indicator=kind)],
    )
    people = {"participant_id": ["a", "b", "c", "d"], "enrolled": [dt.date(2014, 2, 1)] * 4,
              "sex": ["F", "M", "M", "M"]}
    data = (goalkit.Dataset.from_frames(pl.DataFrame(people)) if engine == "columnar" else
            goalkit.Dataset.from_records([dict(zip(people, row, strict=True))
                                          for row in zip(*people.values(), strict=True)]))
    return goalkit.evaluate(project, data, AS_OF, engine=engine)  # type: ignore[arg-type]


@pytest.mark.parametrize("engine", ["python", "columnar"])
def test_a_cell_is_summarized_when_first_read_and_kept(engine: str) -> None:
    """The evaluation summarizes the total only; reading a cell summarizes it once."""
    kind = Noted()
    result = _evaluate(kind, engine)["g"]
    assert kind.made == [4]
    sex = result.breakdowns["sex"]
    assert list(sex) == ["F", "M"]
    assert len(kind.made) == 1  # the categories are known without their summaries
    men = sex["M"]
    assert kind.made == [4, 3]
    assert sex["M"] is men
    assert kind.made == [4, 3]
    assert (men.success, men.value, men.numerator, men.denominator) == (3, 1.0, 3, 3)
    assert dict(sex) == {"F": sex["F"], "M": men}
    assert sorted(kind.made) == [1, 3, 4]


@pytest.mark.parametrize("engine", ["python", "columnar"])
def test_a_cell_that_cannot_be_summarized_names_its_goal_when_read(engine: str) -> None:
    """The evaluation succeeds (the total is fine); the failing cell is an evaluation
    error naming the goal and its kind, raised where the cell is read."""
    result = _evaluate(Noted(fail_at=1), engine)["g"]
    assert result.breakdowns["sex"]["M"].success == 3
    with pytest.raises(goalkit.EvaluationError,
                       match=r"goal 'g' \(noted\): ValueError: no summary for this cell"):
        result.breakdowns["sex"]["F"]


def test_cells_read_as_a_dict() -> None:
    """Equal to a dict of the same cells (either way round), in the given order, a missing
    category a KeyError, and shown as the dict it stands for."""
    made = {c: goalkit.model.Cell(value=None, success=n, failure=0, pending=0, excluded=0)
            for n, c in enumerate("ab")}
    cells = Cells(["a", "b"], made.__getitem__)
    assert cells == made
    assert made == cells
    assert cells != {"a": made["a"]}
    assert list(cells.items()) == list(made.items())
    assert "a" in cells
    assert "c" not in cells
    assert len(cells) == 2
    assert repr(cells) == repr(made)
    with pytest.raises(KeyError):
        cells["c"]


@pytest.mark.parametrize("engine", ["python", "columnar"])
def test_a_result_pickles_and_copies_with_its_cells(engine: str) -> None:
    """A host may pickle or deep-copy a report: the copy holds every cell, as a dict."""
    report = _evaluate(Noted(), engine)
    for copy in (pickle.loads(pickle.dumps(report)), copy_module.deepcopy(report)):
        assert copy == report
        assert type(copy["g"].breakdowns["sex"]) is dict
        assert copy["g"].breakdowns["sex"]["M"].success == 3
