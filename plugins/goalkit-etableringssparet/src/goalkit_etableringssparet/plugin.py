"""The goalkit plugin: the project Etableringsspåret and its worked examples."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import goalkit
import goalkit.plugins
from goalkit.plugins import PluginExample, packaged_project

if TYPE_CHECKING:
    from goalkit.plugins import Registry

__all__ = ["PROJECT_ID", "goalkit_register_examples", "goalkit_register_projects", "load_project"]

PROJECT_ID = "etableringssparet"


load_project = packaged_project("goalkit_etableringssparet")
"""The project, as the goal file packaged with the plugin states it."""


def _example_data() -> goalkit.Dataset:
    from goalkit_etableringssparet._synthetic import dataset  # noqa: PLC0415 - only when run

    return dataset()


@goalkit.plugins.hookimpl
def goalkit_register_projects(projects: Registry[object]) -> None:
    """Register ``etableringssparet``."""
    projects.add(PROJECT_ID, load_project)


@goalkit.plugins.hookimpl
def goalkit_register_examples(examples: Registry[PluginExample]) -> None:
    """The seeded synthetic data set (30 people), at the final report and after the
    six-month follow-ups."""
    examples.add(
        "etableringssparet-final-report",
        PluginExample(
            project=PROJECT_ID,
            data=_example_data,
            as_of=date(2016, 6, 30),
            description=(
                "Project end: the employment goals are decided; the six-month follow-up "
                "goals are still open for groups 4 and 5."
            ),
            expected={
                "thirty-participants": "met",
                "occupational-experience": "met",
                "influence-own-situation": "met",
                "understanding-society-labour-market": "met",
                "swedish-improved": "not_met",
                "action-plan": "met",
                "af-intervention-offer": "pending",
                "self-supporting-75": "pending",
                "model-city-af-cooperation": "met",
                "final-report": "met",
                "model-civic-knowledge": "pending",
                "better-equipped": "needs_assessment",
            },
        ),
    )
    examples.add(
        "etableringssparet-six-month-follow-up",
        PluginExample(
            project=PROJECT_ID,
            data=_example_data,
            as_of=date(2016, 12, 31),
            description="Every group's six-month follow-up is done.",
            expected={
                "af-intervention-offer": "met",
                "self-supporting-75": "met",
                "model-civic-knowledge": "met",
                "swedish-improved": "not_met",
            },
        ),
    )
