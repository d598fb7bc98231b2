"""The goalkit plugin: the project Ny i Västerås and its worked examples."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import goalkit
import goalkit.plugins
from goalkit.plugins import PluginExample, packaged_project

if TYPE_CHECKING:
    from goalkit.plugins import Registry

__all__ = ["PROJECT_ID", "goalkit_register_examples", "goalkit_register_projects", "load_project"]

PROJECT_ID = "ny-i-vasteras"


load_project = packaged_project("goalkit_ny_i_vasteras")
"""The project, as the goal file packaged with the plugin states it."""


def _example_data() -> goalkit.Dataset:
    from goalkit_ny_i_vasteras._synthetic import dataset  # noqa: PLC0415 - only when run

    return dataset()


@goalkit.plugins.hookimpl
def goalkit_register_projects(projects: Registry[object]) -> None:
    """Register ``ny-i-vasteras``."""
    projects.add(PROJECT_ID, load_project)


@goalkit.plugins.hookimpl
def goalkit_register_examples(examples: Registry[PluginExample]) -> None:
    """The seeded synthetic pilot data, at the project's end and half a year later."""
    examples.add(
        "ny-i-vasteras-final-report",
        PluginExample(
            project=PROJECT_ID,
            data=_example_data,
            as_of=date(2016, 5, 31),
            description=(
                "Project end: the deliverables are judged; the final report is not yet in; "
                "the follow-up of the pilots gives values to monitor."
            ),
            expected={
                "actor-mapping": "met",
                "guidance-plans-and-pilots": "met",
                "actor-information-languages": "met",
                "city-information-channels": "met",
                "final-report": "needs_assessment",
                "authorities-know-cultures": "pending",
                "networks-and-lasting-activities": "needs_assessment",
                "knowledge-of-living-in-vasteras": "needs_assessment",
                "overall-purpose": "needs_assessment",
            },
        ),
    )
    examples.add(
        "ny-i-vasteras-after-project",
        PluginExample(
            project=PROJECT_ID,
            data=_example_data,
            as_of=date(2016, 12, 31),
            description="Half a year after the project: the final report and lasting networks.",
            expected={
                "final-report": "met",
                "networks-and-lasting-activities": "met",
            },
        ),
    )
