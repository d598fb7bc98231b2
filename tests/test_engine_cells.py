"""The columnar executor works out the breakdown cells of the built-in share and count kinds
as columns (issue 14 point 2): one vectorised pass a breakdown column, no Python summary a
cell, every field the number the kind's own ``summarize`` gives; and it builds each job's
rules once. The executor-equality properties (``test_engine_properties.py``) hold whole
reports equal; these tests pin the columnar forms against the kinds' own code and count
the Python calls that the columns replace."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import attrs
import polars as pl
import pytest
from attrs import field, frozen
from hypothesis import given
from hypothesis import strategies as st

import goalkit
import goalkit.indicators._people as people_module
from goalkit.engine._assemble import _cell
from goalkit.engine._columnar import prepare, run_columnar
from goalkit.engine._plan import context_for, plan_jobs
from goalkit.engine._summaries import CellTable, cell_table, summary_form
from goalkit.goals import (
    Balance,
    Count,
    EventWithin,
    Goal,
    Level,
    PairedChange,
    Period,
    Share,
    StatusAt,
    SurveyShare,
    Text,
)
from goalkit.kinds import GoalContext, State, Tally
from goalkit.reports._json import report_to_dict
from goalkit.specs._converter import unstructure

if TYPE_CHECKING:
    from goalkit.indicators import Rules

AS_OF = dt.date(2016, 6, 30)
PERIOD = Period(dt.date(2015, 1, 1), dt.date(2016, 12, 31))

KINDS = [Count(), Share(), Balance(), EventWithin(events=("offer",), days=(0, 90)),
         StatusAt(start="a", end="b", days=30),
         SurveyShare(question="q", phase="exit", at_least=4),
         PairedChange(question="q", before="entry", after="exit")]


def _people(n: int, projects: int) -> pl.DataFrame:
    return pl.DataFrame({
        "participant_id": [str(i) for i in range(n)],
        "project": [f"p{i % projects:03d}" for i in range(n)],
        "enrolled": [dt.date(2015, 1, 1) + dt.timedelta(days=i % 300) for i in range(n)],
        "exited": [dt.date(2016, 1, 1) if i % 3 == 0 else None for i in range(n)],
        "exit_reason": ["work" if i % 2 else "other" if i % 3 == 0 else None
                        for i in range(n)],
        "sex": ["F" if i % 2 else "M" for i in range(n)],
        "birth_year": [1970 + i % 40 for i in range(n)],
    })


def _project(*goals: Goal) -> goalkit.Project:
    return goalkit.Project(id="z", name=Text("Z"), period=PERIOD, goals=goals,
                           breakdowns=("project",), categorical=("project",))


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.kind)
def test_the_built_in_share_and_count_kinds_have_a_columnar_form(kind: Any) -> None:
    """Every built-in kind whose summary is a share or a count of people is read as
    columns."""
    assert summary_form(kind) == ("count" if kind.kind == "count" else "share")


@frozen
class OwnSummary(Share):
    """A share whose summary is its own code (here the same numbers)."""

    def summarize(self, tally: Tally, ctx: GoalContext) -> goalkit.kinds.Summary:
        return super().summarize(tally, ctx)


def test_a_kind_that_overrides_summarize_is_summarized_by_its_own_code() -> None:
    assert summary_form(OwnSummary()) is None


def test_the_cells_of_a_share_are_not_summarized_one_by_one(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A share broken down into 40 projects calls its Python summary once, for the goal's
    total, however many cells are read; the cells still say what the summary would."""
    calls: list[Tally] = []
    own = people_module.share_summary

    def counted(tally: Tally, ctx: GoalContext, **kw: Any) -> Any:
        calls.append(tally)
        return own(tally, ctx, **kw)

    monkeypatch.setattr(people_module, "share_summary", counted)
    project = _project(Goal("g", Level.SUB_GOAL, Share(anchor="exited",
                                                        condition={"exit_reason": "work"})))
    data = goalkit.Dataset.from_frames(_people(400, 40))
    result = goalkit.evaluate(project, data, AS_OF, engine="columnar")["g"]
    cells = {d: dict(c.items()) for d, c in result.breakdowns.items()}
    assert len(cells["project"]) == 40
    assert len(calls) == 1
    ctx = context_for(project, project.goals[0], AS_OF)
    for cell in (c for dim in cells.values() for c in dim.values()):  # what the summary says
        tally = Tally(success=cell.success, failure=cell.failure, pending=cell.pending)
        assert attrs.evolve(_cell(own(tally, ctx)), excluded=cell.excluded) == cell


_COUNTS = st.integers(0, 3) | st.integers(0, 2**40)


@given(
    rows=st.lists(st.tuples(st.sampled_from(["a", "b", "unknown", None]),
                            st.sampled_from([int(s) for s in State]), _COUNTS),
                  max_size=30)
    | st.lists(st.tuples(st.sampled_from([7, 10, None]),
                         st.sampled_from([int(s) for s in State]), _COUNTS), max_size=30),
    form_kind=st.sampled_from([Count(), Share()]),
    as_of=st.sampled_from([dt.date(2015, 6, 1), dt.date(2017, 6, 1)]),  # open, closed
)
def test_a_columnar_cell_is_what_the_kinds_own_summary_gives(
        rows: list[tuple[Any, int, int]], form_kind: Any, as_of: dt.date) -> None:
    """For any counts by category (text or numbers) and state (a missing category and one
    written ``unknown`` one cell), every field of every cell is the number the kind's
    ``summarize`` gives of the category's tally, with the cohort open or closed."""
    project = _project(Goal("g", Level.SUB_GOAL, form_kind))
    ctx = context_for(project, project.goals[0], as_of)
    text = any(isinstance(k, str) for k, _, _ in rows)
    counted = pl.DataFrame(rows, orient="row", schema={
        "key": pl.String if text else pl.Int64, "state": pl.Int8,
        "_n": pl.UInt32 if all(n < 2**32 for _, _, n in rows) else pl.Int64})
    tallies: dict[str, dict[str, int]] = {}
    for key, state, n in rows:
        t = tallies.setdefault("unknown" if key is None else str(key),
                               {"success": 0, "failure": 0, "pending": 0, "excluded": 0})
        name = {State.SUCCESS: "success", State.FAILURE: "failure",
                State.PENDING: "pending"}.get(State(state), "excluded")
        t[name] += n
    form = summary_form(form_kind)
    assert form is not None
    breakdown = cell_table(counted, "key", form, ctx).cells()
    plain = breakdown.plain()  # before any cell is made
    cells = dict(breakdown.items())
    expected = {
        category: _cell(form_kind.summarize(
            Tally(success=t["success"], failure=t["failure"], pending=t["pending"],
                  excluded={"x": t["excluded"]} if t["excluded"] else {}), ctx))
        for category, t in sorted(tallies.items())
    }
    assert list(cells) == list(expected)
    assert cells == expected
    assert plain == {category: attrs.asdict(cell) for category, cell in expected.items()}


def test_a_report_writes_columnar_cells_without_making_them(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A breakdown worked out as columns goes into the report's plain data (its JSON)
    from the cells' fields, no cell made; the same data as the cells made one by one."""
    project = _project(Goal("g", Level.SUB_GOAL, Share(anchor="exited",
                                                        condition={"exit_reason": "work"})))
    data = goalkit.Dataset.from_frames(_people(400, 40))
    report = goalkit.evaluate(project, data, AS_OF, engine="columnar")

    def made(*_: Any) -> Any:
        raise AssertionError("a cell was made")

    with monkeypatch.context() as m:
        m.setattr(CellTable, "cell", made)
        plain = report_to_dict(report)["results"][0]["breakdowns"]
    assert len(plain["project"]) == 40
    one_by_one = {d: {k: unstructure(v) for k, v in c.items()}
                  for d, c in report["g"].breakdowns.items()}
    assert plain == one_by_one


@frozen
class Noted(Balance):
    """A balance that notes every time its rules are built."""

    built: list[int] = field(factory=list, eq=False, repr=False)

    def rules(self, ctx: GoalContext) -> Rules:
        self.built.append(1)
        return super().rules(ctx)


def test_the_columnar_executor_builds_each_jobs_rules_once() -> None:
    """The columns a job reads and its query come from the same rules, built once."""
    kinds = [Noted(), Noted(column="project", categories=("p001",))]
    project = _project(*(Goal(f"g{i}", Level.SUB_GOAL, k) for i, k in enumerate(kinds)))
    data = goalkit.Dataset.from_frames(_people(50, 5))
    jobs = plan_jobs(project, project.goals, AS_OF)
    frames = prepare(data.with_frames(), AS_OF, project.age_bands)
    outputs, _ = run_columnar(frames, jobs, ["project"], audit=False)
    try:
        assert [o.total.cohort for o in outputs] == [50, 50]
    finally:
        outputs.close()
    assert [len(k.built) for k in kinds] == [1, 1]
