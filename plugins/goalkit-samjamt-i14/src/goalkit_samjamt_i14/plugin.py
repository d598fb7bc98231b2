"""Hook implementations: the Samjamt/i14 pre-study and its worked examples."""

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

PROJECT_ID = "samjamt-i14"


load_project = packaged_project("goalkit_samjamt_i14")
"""The project, as the goal file packaged with the plugin states it."""


def example_dataset() -> goalkit.Dataset:
    """The seeded synthetic data set of ``examples/samjamt-i14`` (seed 2014)."""
    from goalkit_samjamt_i14.synthetic import generate  # noqa: PLC0415 - only when run

    return generate(2014).dataset()


@hookimpl
def goalkit_register_projects(projects: Registry[ProjectFactory]) -> None:
    """Register the project under its id."""
    projects.add(PROJECT_ID, load_project)


@hookimpl
def goalkit_register_examples(examples: Registry[PluginExample]) -> None:
    """Synthetic data half-way and at the end of the pre-study."""
    examples.add(
        f"{PROJECT_ID}/mid-2014-06-30",
        PluginExample(
            project=PROJECT_ID,
            data=example_dataset,
            as_of=date(2014, 6, 30),
            expected={
                "shorter-time-to-work": "needs_assessment",
                "methods-learning-background": "needs_assessment",
                "final-report": "needs_assessment",
            },
            description="Half-way: the median time to work is shown, nothing is judged yet.",
        ),
    )
    examples.add(
        f"{PROJECT_ID}/final-2014-11-28",
        PluginExample(
            project=PROJECT_ID,
            data=example_dataset,
            as_of=date(2014, 11, 28),
            expected={
                "shorter-time-to-work": "needs_assessment",
                "methods-learning-background": "met",
                "methods-civic-orientation": "not_met",
                "shared-understanding": "not_met",
                "final-report": "met",
                "quality-sustainability": "pending",
                "implementation-project": "needs_assessment",
            },
            description="End of the pre-study: the methods goals as the steering group judged.",
        ),
    )
