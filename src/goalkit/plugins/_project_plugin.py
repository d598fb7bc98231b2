"""The hooks of the usual goal plugin: one project, and its worked examples on one data set."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from attrs import field, frozen

from goalkit.model._result import Status
from goalkit.plugins._example import PluginExample
from goalkit.plugins.hookspecs import hookimpl

if TYPE_CHECKING:
    # annotations only, never structured (discovering plugins stays fast)
    from goalkit.data._dataset import Dataset  # noqa: TC004
    from goalkit.plugins._registry import Registry
    from goalkit.typing import ProjectFactory  # noqa: TC004

__all__ = ["ProjectPlugin"]

Expectation = tuple[date, Mapping[str, str], str]
"""An example's as-of date, the status each named goal must have then, and what it shows."""


def _expectations(_: object, __: object, value: Mapping[str, Expectation]) -> None:
    """Each example is ``(as_of, expected, description)``: said when the plugin is written,
    naming the example, not when a host first registers it."""
    for name, example in value.items():
        ok = (isinstance(example, tuple) and len(example) == 3
              and isinstance(example[0], date) and isinstance(example[1], Mapping)
              and isinstance(example[2], str))
        if not ok:
            msg = (f"example {name!r}: expected (as_of date, {{goal id: status}}, "
                   f"description), got {example!r}")
            raise TypeError(msg)
        try:
            PluginExample(project="", data="", as_of=example[0], expected=example[1])
        except ValueError as e:
            statuses = ", ".join(s.value for s in Status)
            msg = f"example {name!r}: {e} (a status is one of {statuses})"
            raise ValueError(msg) from e


@frozen(eq=False)
class ProjectPlugin:
    """A goal plugin for one project: registers the project under its id, and its worked
    examples, all on one data set. In the plugin's module (its entry point)::

        plugin = ProjectPlugin(
            "lunden",
            packaged_project("goalkit_lunden"),
            data=example_dataset,
            examples={
                "lunden/final-2016-01-15": (date(2016, 1, 15), {"enrolled": "met"},
                                            "Final report: every goal decided."),
            },
        )
        goalkit_register_projects = plugin.goalkit_register_projects
        goalkit_register_examples = plugin.goalkit_register_examples

    :param project_id: the project's id, as the goal file states it.
    :param load_project: the project factory (usually :func:`packaged_project`).
    :param data: the examples' data: a folder or file any registered loader reads, or a
        callable returning a :class:`goalkit.Dataset` (built only when an example runs).
    :param examples: example name to :data:`Expectation`.
    """

    project_id: str
    load_project: ProjectFactory
    data: Path | str | Callable[[], Dataset]
    examples: Mapping[str, Expectation] = field(validator=_expectations)

    @hookimpl
    def goalkit_register_projects(self, projects: Registry[ProjectFactory]) -> None:
        """Register the project under its id."""
        projects.add(self.project_id, self.load_project)

    @hookimpl
    def goalkit_register_examples(self, examples: Registry[PluginExample]) -> None:
        """Register every worked example."""
        for name, (as_of, expected, description) in self.examples.items():
            examples.add(name, PluginExample(project=self.project_id, data=self.data,
                                             as_of=as_of, expected=expected,
                                             description=description))
