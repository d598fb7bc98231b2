"""A person-level kind written in the vocabulary of classification only: the engine reads it
in plain Python and as a query, the two agree byte for byte on any data, and the kind
round-trips through a goal file like a built-in one."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any, ClassVar

import pytest
from attrs import frozen
from hypothesis import given
from hypothesis import strategies as st

import goalkit
from goalkit.indicators import (
    BUILTIN_KINDS,
    REASONS,
    Branch,
    Declared,
    Rules,
    anchor,
    anchor_waits,
    days_between,
    earliest,
    first_answer,
    first_event,
    reason_label,
    share_summary,
)
from goalkit.kinds import GoalContext, Summary, Tally, Unit
from goalkit.model import State
from goalkit.model._reasons import FAMILIES
from goalkit.plugins import hookimpl
from goalkit.testing import check_plugin, executors_disagree, plugin_host, random_data


@frozen
class SatisfiedThenWork(Declared):
    """The share of people who, once exited, answered ``question`` in the exit survey with
    at least ``at_least`` and started work within ``days`` days of their exit; pending while
    the window is open, excluded (``no_response``) without an answer once it has closed."""

    kind: ClassVar[str] = "satisfied_then_work"
    unit: ClassVar[Unit] = Unit.SHARE
    tables: ClassVar[frozenset[str]] = frozenset({"events", "responses"})
    question: str = "satisfied"
    at_least: float = 4.0
    event: str = "employment_start"
    days: int = 90

    def rules(self, ctx: GoalContext) -> Rules:
        x = anchor("exited")
        close = x + self.days
        score = first_answer("exit", self.question, x - 30, earliest(x + 30, ctx.horizon))
        work = first_event(self.event, x, earliest(close, ctx.horizon))
        return Rules(
            [
                anchor_waits(x, "exited", ctx),
                Branch(score.is_null() & (close <= ctx.horizon), State.EXCLUDED,
                       "no_response"),
                Branch(work.present() & (score >= self.at_least), State.SUCCESS),
                Branch(close <= ctx.horizon, State.FAILURE),
            ],
            (State.PENDING, "window_open"),
            value=days_between(x, work),
        )

    def summarize(self, tally: Tally, ctx: GoalContext) -> Summary:
        return share_summary(tally, ctx)


@hookimpl
def goalkit_register_kinds(kinds: Any) -> None:
    kinds.add(SatisfiedThenWork.kind, SatisfiedThenWork)


PLUGIN = SimpleNamespace(goalkit_register_kinds=goalkit_register_kinds)

GOALS = """\
schema = "goalkit.goals/1"
id = "declared"
name = "A kind in the vocabulary"
period = { start = 2024-01-01, end = 2025-06-30 }

[[goals]]
id = "satisfied-work"
level = "sub_goal"
wording = "Hälften av de nöjda deltagarna ska börja arbeta inom 90 dagar."
due = 2025-06-30
target = { at_least = 0.5 }
indicator = { kind = "satisfied_then_work", question = "satisfied", at_least = 4, days = 60 }

[[goals]]
id = "satisfied-work-women"
level = "sub_goal"
wording = "Detsamma bland kvinnorna."
target = { at_least = 0.5 }
indicator = { kind = "satisfied_then_work" }
"""

HOST = plugin_host(("declared", PLUGIN))
PROJECT = HOST.loads_goals(GOALS, source="<test>")
AS_OF = st.dates(date(2024, 1, 1), date(2026, 6, 30))


def test_the_kind_round_trips_through_a_goal_file() -> None:
    """A kind declared in the vocabulary loads from and writes to a goal file; the plugin
    passes every check of the kit."""
    assert PROJECT.goals[0].indicator == SatisfiedThenWork(days=60)
    assert HOST.loads_goals(HOST.dumps_goals(PROJECT)) == PROJECT
    assert check_plugin(PLUGIN, name="declared") == []


@given(data=random_data(PROJECT), as_of=AS_OF)
def test_the_kind_is_one_meaning_in_every_executor(data: goalkit.Dataset, as_of: date) -> None:
    """Plain Python, polars and DuckDB give byte-identical reports for the declared kind,
    read back from its goal file, on any data."""
    assert executors_disagree(PROJECT, data, as_of) == []


def test_the_kind_classifies_as_declared() -> None:
    """The rules decide: answered 5 and started work 20 days after exit succeeds, answered
    2 fails, no answer is left out once the window has closed."""
    people = [
        {"participant_id": "a", "enrolled": date(2024, 1, 1), "exited": date(2024, 3, 1),
         "exit_reason": "work"},
        {"participant_id": "b", "enrolled": date(2024, 1, 1), "exited": date(2024, 3, 1),
         "exit_reason": "work"},
        {"participant_id": "c", "enrolled": date(2024, 1, 1), "exited": date(2024, 3, 1),
         "exit_reason": "other"},
    ]
    events = [{"participant_id": p, "date": date(2024, 3, 21), "kind": "employment_start"}
              for p in ("a", "b")]
    responses = [
        {"participant_id": "a", "date": date(2024, 3, 1), "phase": "exit",
         "question": "satisfied", "score": 5.0},
        {"participant_id": "b", "date": date(2024, 3, 1), "phase": "exit",
         "question": "satisfied", "score": 2.0},
    ]
    data = goalkit.Dataset.from_records(people, events, responses)
    for engine in ("python", "columnar"):
        report = goalkit.evaluate(PROJECT, data, date(2024, 12, 31), engine=engine,
                                  goals=["satisfied-work"])
        (result,) = report.results
        assert (result.success, result.failure, dict(result.excluded)) == (
            1, 1, {"no_response": 1})


def test_every_reason_a_built_in_kind_gives_is_declared_with_both_labels() -> None:
    """Every fixed reason has a Swedish label of its own; every generated family too."""
    assert all(r.sv and r.en and r.sv != r.en for r in REASONS)
    assert all(f.sv != f.en for f in FAMILIES)
    assert reason_label("awaiting_mentor_meeting", "sv") == "väntar på mentor_meeting"
    assert reason_label("missing_sex", "en") == "sex missing"


def _string_literals(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)
            and isinstance(n.value, str)]


def test_no_reason_code_is_typed_twice() -> None:
    """A reason's code is written once, where it is declared: the engine, the kinds and the
    reports use the constant."""
    src = Path(goalkit.__file__).parent
    codes = {r.code for r in REASONS} - {"pending", "excluded", "missing", "waiting"}
    found = {
        (str(path.relative_to(src)), code)
        for path in src.rglob("*.py") if path.name != "_reasons.py"
        for code in set(_string_literals(path)) & codes
    }
    assert found == set()


PERSON_KINDS = [k for k in BUILTIN_KINDS if issubclass(k, goalkit.kinds.PersonIndicator)]


@pytest.mark.parametrize("kind", PERSON_KINDS)
def test_every_built_in_person_kind_is_declared(kind: type) -> None:
    """Each built-in person-level kind is one declaration: no classify of its own."""
    assert issubclass(kind, Declared)
    assert "classify" not in vars(kind)
    assert "classify_frame" not in vars(kind)
