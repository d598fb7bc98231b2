"""Hook implementations: the Härjedalen network-building project and its worked examples."""

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

PROJECT_ID = "harjedalen-network"


load_project = packaged_project("goalkit_harjedalen_network")
"""The project, as the goal file packaged with the plugin states it."""


def example_dataset() -> goalkit.Dataset:
    """The seeded synthetic data set of ``examples/harjedalen-network`` (seed 2014)."""
    from goalkit_harjedalen_network.synthetic import generate  # noqa: PLC0415 - only when run

    return generate(2014).dataset()


@hookimpl
def goalkit_register_projects(projects: Registry[ProjectFactory]) -> None:
    """Register the project under its id."""
    projects.add(PROJECT_ID, load_project)


@hookimpl
def goalkit_register_examples(examples: Registry[PluginExample]) -> None:
    """Synthetic data at an interim report, the final report and the last window's close."""
    examples.add(
        f"{PROJECT_ID}/interim-2014-12-15",
        PluginExample(
            project=PROJECT_ID,
            data=example_dataset,
            as_of=date(2014, 12, 15),
            expected={
                "sex-balance": "pending",
                "offer-within-6-months": "pending",
                "course-programme": "needs_assessment",
                "prejudice-eliminated": "needs_assessment",
            },
            description="First interim report: enrolment still open, nothing decided yet.",
        ),
    )
    examples.add(
        f"{PROJECT_ID}/final-2016-01-15",
        PluginExample(
            project=PROJECT_ID,
            data=example_dataset,
            as_of=date(2016, 1, 15),
            expected={
                "enrolled-30": "met",
                "sex-balance": "met",
                "satisfied-strengthened": "met",
                "wellbeing-improved": "met",
                "employability-improved": "not_met",
                "network-grown": "met",
                "want-to-stay": "met",
                "unemployment-parity": "pending",
                "course-programme": "met",
                "premises-secured": "met",
                "association-channels": "not_met",
                "working-model": "not_met",
                "prejudice-eliminated": "needs_assessment",
            },
            description="Final report: every goal due at project end is decided.",
        ),
    )
    examples.add(
        f"{PROJECT_ID}/windows-closed-2016-05-31",
        PluginExample(
            project=PROJECT_ID,
            data=example_dataset,
            as_of=date(2016, 5, 31),
            expected={"offer-within-6-months": "met"},
            description="The last six-month window after exit has closed: 11 of 36 offered.",
        ),
    )
