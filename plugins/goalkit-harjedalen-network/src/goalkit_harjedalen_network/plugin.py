"""Hook implementations: the Härjedalen network-building project and its worked examples."""

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

PROJECT_ID = "harjedalen-network"


load_project = packaged_project("goalkit_harjedalen_network")
"""The project, as the goal file packaged with the plugin states it."""


def example_dataset() -> goalkit.Dataset:
    """The seeded synthetic data set of ``examples/harjedalen-network`` (seed 2014)."""
    from goalkit_harjedalen_network.synthetic import generate  # noqa: PLC0415 - only when run

    return generate(2014).dataset()


plugin = ProjectPlugin(
    PROJECT_ID,
    load_project,
    data=example_dataset,
    examples={
        "harjedalen-network/interim-2014-12-15": (
            date(2014, 12, 15),
            {
                "sex-balance": "pending",
                "offer-within-6-months": "pending",
                "course-programme": "needs_assessment",
                "prejudice-eliminated": "needs_assessment",
            },
            "First interim report: enrolment still open, nothing decided yet.",
        ),
        "harjedalen-network/interim-2015-06-15": (
            date(2015, 6, 15),
            {
                "unemployment-falling": "pending",
                "sex-balance": "pending",
                "offer-within-6-months": "pending",
                "premises-secured": "pending",
            },
            "Second interim report: enrolment open, windows after exit open, premises under "
            "negotiation; unemployment is judged against the level at project start.",
        ),
        "harjedalen-network/final-2016-01-15": (
            date(2016, 1, 15),
            {
                "enrolled-30": "met",
                "sex-balance": "met",
                "satisfied-strengthened": "met",
                "wellbeing-improved": "met",
                "employability-improved": "not_met",
                "network-grown": "met",
                "want-to-stay": "met",
                "unemployment-parity": "pending",
                "unemployment-falling": "pending",
                "course-programme": "met",
                "premises-secured": "met",
                "association-channels": "not_met",
                "working-model": "not_met",
                "prejudice-eliminated": "needs_assessment",
            },
            "Final report: every goal due at project end is decided.",
        ),
        "harjedalen-network/windows-closed-2016-05-31": (
            date(2016, 5, 31),
            {
                "offer-within-6-months": "met",
            },
            "The last six-month window after exit has closed: 11 of the 35 in the target group "
            "offered (the person over 65 is left out).",
        ),
    },
)
"""The hooks: the project under its id, and its worked examples on the synthetic data."""
goalkit_register_projects = plugin.goalkit_register_projects
goalkit_register_examples = plugin.goalkit_register_examples
