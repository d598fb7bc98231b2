"""Hook implementations: the Region Jämtland Härjedalen integration project and its examples."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from goalkit.plugins import ProjectPlugin, packaged_project

if TYPE_CHECKING:
    import goalkit

__all__ = [
    "PROJECT_ID",
    "example_dataset",
    "goalkit_register_examples",
    "goalkit_register_projects",
    "load_project",
    "plugin",
]

PROJECT_ID = "jamtland-integration"


load_project = packaged_project("goalkit_jamtland_integration")
"""The project, as the goal file packaged with the plugin states it."""


def example_dataset() -> goalkit.Dataset:
    """The seeded synthetic data set of ``examples/jamtland-integration`` (seed 2015)."""
    from goalkit_jamtland_integration.synthetic import generate  # noqa: PLC0415 - only when run

    return generate(2015).dataset()


plugin = ProjectPlugin(
    PROJECT_ID,
    load_project,
    data=example_dataset,
    examples={
        "jamtland-integration/status-2016-10-31": (
            date(2016, 10, 31),
            {
                "participants": "needs_assessment",
                "participants-women": "needs_assessment",
                "ended-to-work": "needs_assessment",
                "share-to-work": "needs_assessment",
                "ended-outcome-not-stated": "needs_assessment",
                "unemployment-reduced": "needs_assessment",
                "local-workshops": "pending",
                "cooperation-af-associations": "met",
                "attitude-communicator": "needs_assessment",
                "diversity": "needs_assessment",
            },
            "The document's status figures: monitored, shown, not judged.",
        ),
        "jamtland-integration/end-2018-03-31": (
            date(2018, 3, 31),
            {
                "participants": "needs_assessment",
                "local-workshops": "met",
                "attitude-communicator": "met",
                "project-goal": "met",
                "labour-supply": "pending",
                "diversity": "needs_assessment",
            },
            "Project end: the workshop goal is decided, the figures stay monitored.",
        ),
    },
)
"""The hooks: the project under its id, and its worked examples on the synthetic data."""
goalkit_register_projects = plugin.goalkit_register_projects
goalkit_register_examples = plugin.goalkit_register_examples
