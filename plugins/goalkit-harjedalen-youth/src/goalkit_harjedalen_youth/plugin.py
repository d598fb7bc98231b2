"""Hook implementations: the Härjedalen pre-study on young adults and its examples."""

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

PROJECT_ID = "harjedalen-youth"


load_project = packaged_project("goalkit_harjedalen_youth")
"""The project, as the goal file packaged with the plugin states it."""


def example_dataset() -> goalkit.Dataset:
    """The seeded synthetic data set of ``examples/harjedalen-youth`` (seed 2012)."""
    from goalkit_harjedalen_youth.synthetic import generate  # noqa: PLC0415 - only when run

    return generate(2012).dataset()


plugin = ProjectPlugin(
    PROJECT_ID,
    load_project,
    data=example_dataset,
    examples={
        "harjedalen-youth/first-report-2012-10-15": (
            date(2012, 10, 15),
            {
                "count-outside": "no_data",
                "interviews-20": "pending",
                "interview-form": "met",
                "inventory-measures": "needs_assessment",
            },
            "First report: the form is ready, interviews under way, no figures.",
        ),
        "harjedalen-youth/final-2013-01-31": (
            date(2013, 1, 31),
            {
                "count-outside": "needs_assessment",
                "count-unknown": "needs_assessment",
                "interviews-20": "met",
                "views-and-needs": "met",
                "proposal": "met",
                "organisation-action-plan": "needs_assessment",
            },
            "Final report: figures reported, 20 random interviews in the target group (a 21st "
            "is outside it), proposal made.",
        ),
    },
)
"""The hooks: the project under its id, and its worked examples on the synthetic data."""
goalkit_register_projects = plugin.goalkit_register_projects
goalkit_register_examples = plugin.goalkit_register_examples
