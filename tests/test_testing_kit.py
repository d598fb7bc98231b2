"""The plugin authors' kit: ``check_goal_texts``, and ``run_examples`` on other data."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from typing import Any

import attrs
from plugin_helpers import project

import goalkit
from goalkit.goals import Goal, Text
from goalkit.plugins import PluginExample, hookimpl
from goalkit.testing import check_goal_texts, plugin_host, run_examples

AS_OF = date(2025, 1, 15)


def people(n: int) -> goalkit.Dataset:
    return goalkit.Dataset.from_records(
        [{"participant_id": f"p{i}", "enrolled": date(2024, 3, 1)} for i in range(n)])


def example_plugin() -> Any:
    """A project (at least two enrolled) and an example: three people, so ``met``."""

    @hookimpl
    def goalkit_register_projects(projects: goalkit.plugins.Registry[Any]) -> None:
        projects.add("demo", project)

    @hookimpl
    def goalkit_register_examples(examples: goalkit.plugins.Registry[Any]) -> None:
        examples.add("demo-final", PluginExample(
            project="demo", data=lambda: people(3), as_of=AS_OF,
            expected={"enrolled": "met"}))

    return SimpleNamespace(goalkit_register_projects=goalkit_register_projects,
                           goalkit_register_examples=goalkit_register_examples)


def test_run_examples_on_other_data() -> None:
    """With ``data``, every example is evaluated on it: data that still meets the goal
    passes, data that misses it is reported per engine."""
    host = plugin_host(("demo", example_plugin()))
    assert all(r.ok for r in run_examples(host))
    assert all(r.ok for r in run_examples(host, data=people(5)))
    missed = run_examples(host, data=people(1), engines=("python",))
    assert [m for r in missed for m in r.mismatches] == [
        "example 'demo-final' (demo, python engine): goal 'enrolled' expected met, got not_met"]


def test_check_goal_texts_lists_every_missing_text() -> None:
    """A goal without wording, or without a title or interpretation in a language, is
    named with what it lacks; a fully described goal is not."""
    base = project("demo")
    (goal,) = base.goals
    described = attrs.evolve(
        goal, wording="Minst två ska skrivas in.",
        title=Text(sv="Två inskrivna", en="Two enrolled"),
        interpretation=Text(sv="Inskrivna under perioden.", en="Enrolled."))
    bare = attrs.evolve(described, id="bare", wording="", title=Text(sv="Bara svenska"),
                        interpretation=Text())

    def with_goals(*goals: Goal) -> goalkit.Project:
        listed: Any = list(goals)  # Project converts the list to a tuple
        return attrs.evolve(base, goals=listed)

    assert check_goal_texts(with_goals(described)) == []
    assert check_goal_texts(with_goals(described, bare)) == [
        "goal 'bare' has no wording, title (en), interpretation (sv), interpretation (en)"]
    assert check_goal_texts(with_goals(bare), languages=["sv"]) == [
        "goal 'bare' has no wording, interpretation (sv)"]
