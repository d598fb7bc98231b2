"""Hook implementations: the Härjedalen pre-study on young adults and its examples."""

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

PROJECT_ID = "harjedalen-youth"


load_project = packaged_project("goalkit_harjedalen_youth")
"""The project, as the goal file packaged with the plugin states it."""


def example_dataset() -> goalkit.Dataset:
    """The seeded synthetic data set of ``examples/harjedalen-youth`` (seed 2012)."""
    from goalkit_harjedalen_youth.synthetic import generate  # noqa: PLC0415 - only when run

    return generate(2012).dataset()


@hookimpl
def goalkit_register_projects(projects: Registry[ProjectFactory]) -> None:
    """Register the project under its id."""
    projects.add(PROJECT_ID, load_project)


@hookimpl
def goalkit_register_examples(examples: Registry[PluginExample]) -> None:
    """Synthetic data at the first autumn report and at the final report."""
    examples.add(
        f"{PROJECT_ID}/first-report-2012-10-15",
        PluginExample(
            project=PROJECT_ID,
            data=example_dataset,
            as_of=date(2012, 10, 15),
            expected={
                "count-outside": "no_data",
                "interviews-20": "pending",
                "interview-form": "met",
                "inventory-measures": "needs_assessment",
            },
            description="First report: the form is ready, interviews under way, no figures.",
        ),
    )
    examples.add(
        f"{PROJECT_ID}/final-2013-01-31",
        PluginExample(
            project=PROJECT_ID,
            data=example_dataset,
            as_of=date(2013, 1, 31),
            expected={
                "count-outside": "met",
                "count-unknown": "met",
                "interviews-20": "met",
                "views-and-needs": "met",
                "proposal": "met",
                "organisation-action-plan": "needs_assessment",
            },
            description="Final report: figures reported, 20 random interviews, proposal made.",
        ),
    )
