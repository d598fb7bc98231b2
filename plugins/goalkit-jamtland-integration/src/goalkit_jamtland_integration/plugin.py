"""Hook implementations: the Region Jämtland Härjedalen integration project and its examples."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from goalkit.plugins import PluginExample, hookimpl, packaged_project

if TYPE_CHECKING:

    import goalkit
    from goalkit.plugins import Registry
    from goalkit.typing import ProjectFactory

__all__ = [
    "PROJECT_ID",
    "example_dataset",
    "goalkit_register_examples",
    "goalkit_register_projects",
    "load_project",
]

PROJECT_ID = "jamtland-integration"


load_project = packaged_project("goalkit_jamtland_integration")
"""The project, as the goal file packaged with the plugin states it."""


def example_dataset() -> goalkit.Dataset:
    """The seeded synthetic data set of ``examples/jamtland-integration`` (seed 2015)."""
    from goalkit_jamtland_integration.synthetic import generate  # noqa: PLC0415 - only when run

    return generate(2015).dataset()


@hookimpl
def goalkit_register_projects(projects: Registry[ProjectFactory]) -> None:
    """Register the project under its id."""
    projects.add(PROJECT_ID, load_project)


@hookimpl
def goalkit_register_examples(examples: Registry[PluginExample]) -> None:
    """The document's own figures at its status report, and synthetic figures at the end."""
    examples.add(
        f"{PROJECT_ID}/status-2016-10-31",
        PluginExample(
            project=PROJECT_ID,
            data=example_dataset,
            as_of=date(2016, 10, 31),
            expected={
                "participants": "needs_assessment",
                "participants-women": "needs_assessment",
                "ended-to-work": "needs_assessment",
                "unemployment-reduced": "needs_assessment",
                "local-workshops": "pending",
                "cooperation-af-associations": "met",
                "attitude-communicator": "needs_assessment",
                "diversity": "needs_assessment",
            },
            description="The document's status figures: monitored, shown, not judged.",
        ),
    )
    examples.add(
        f"{PROJECT_ID}/end-2018-03-31",
        PluginExample(
            project=PROJECT_ID,
            data=example_dataset,
            as_of=date(2018, 3, 31),
            expected={
                "participants": "needs_assessment",
                "local-workshops": "met",
                "attitude-communicator": "met",
                "project-goal": "met",
                "labour-supply": "pending",
                "diversity": "needs_assessment",
            },
            description="Project end: the workshop goal is decided, the figures stay monitored.",
        ),
    )
