"""The goalkit plugin: the project Ny i Västerås and its worked examples."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from goalkit.plugins import ProjectPlugin, packaged_project

if TYPE_CHECKING:
    import goalkit

__all__ = [
    "PROJECT_ID",
    "goalkit_register_examples",
    "goalkit_register_projects",
    "load_project",
    "plugin",
]

PROJECT_ID = "ny-i-vasteras"


load_project = packaged_project("goalkit_ny_i_vasteras")
"""The project, as the goal file packaged with the plugin states it."""


def _example_data() -> goalkit.Dataset:
    from goalkit_ny_i_vasteras._synthetic import dataset  # noqa: PLC0415 - only when run

    return dataset()


plugin = ProjectPlugin(
    PROJECT_ID,
    load_project,
    data=_example_data,
    examples={
        "ny-i-vasteras-final-report": (
            date(2016, 5, 31),
            {
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
            (
                "Project end: the deliverables are judged; the final report is not yet in; the "
                "follow-up of the pilots gives values to monitor."
            ),
        ),
        "ny-i-vasteras-after-project": (
            date(2016, 12, 31),
            {
                "final-report": "met",
                "networks-and-lasting-activities": "met",
            },
            "Half a year after the project: the final report and lasting networks.",
        ),
    },
)
"""The hooks: the project under its id, and its worked examples on the synthetic data."""
goalkit_register_projects = plugin.goalkit_register_projects
goalkit_register_examples = plugin.goalkit_register_examples
