"""Hook implementations: the Samjamt/i14 pre-study and its worked examples."""

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

PROJECT_ID = "samjamt-i14"


load_project = packaged_project("goalkit_samjamt_i14")
"""The project, as the goal file packaged with the plugin states it."""


def example_dataset() -> goalkit.Dataset:
    """The seeded synthetic data set of ``examples/samjamt-i14`` (seed 2014)."""
    from goalkit_samjamt_i14.synthetic import generate  # noqa: PLC0415 - only when run

    return generate(2014).dataset()


plugin = ProjectPlugin(
    PROJECT_ID,
    load_project,
    data=example_dataset,
    examples={
        "samjamt-i14/mid-2014-06-30": (
            date(2014, 6, 30),
            {
                "shorter-time-to-work": "needs_assessment",
                "methods-learning-background": "needs_assessment",
                "final-report": "needs_assessment",
            },
            "Half-way: the median time to work is shown, nothing is judged yet.",
        ),
        "samjamt-i14/final-2014-11-28": (
            date(2014, 11, 28),
            {
                "shorter-time-to-work": "needs_assessment",
                "methods-learning-background": "met",
                "methods-civic-orientation": "not_met",
                "shared-understanding": "not_met",
                "final-report": "met",
                "quality-sustainability": "pending",
                "implementation-project": "needs_assessment",
            },
            "End of the pre-study: the methods goals as the steering group judged.",
        ),
    },
)
"""The hooks: the project under its id, and its worked examples on the synthetic data."""
goalkit_register_projects = plugin.goalkit_register_projects
goalkit_register_examples = plugin.goalkit_register_examples
