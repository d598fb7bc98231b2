"""The goalkit plugin: the project Etableringsspåret and its worked examples."""

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

PROJECT_ID = "etableringssparet"


load_project = packaged_project("goalkit_etableringssparet")
"""The project, as the goal file packaged with the plugin states it."""


def _example_data() -> goalkit.Dataset:
    from goalkit_etableringssparet._synthetic import dataset  # noqa: PLC0415 - only when run

    return dataset()


plugin = ProjectPlugin(
    PROJECT_ID,
    load_project,
    data=_example_data,
    examples={
        "etableringssparet-interim-report": (
            date(2015, 5, 6),
            {
                "thirty-participants": "pending",
                "self-supporting-75": "pending",
                "action-plan": "pending",
                "occupational-experience": "pending",
                "model-city-af-cooperation": "needs_assessment",
            },
            (
                "Interim report: 16 of groups 1–3 have started the job, the appendix's "
                "recruitment figures are reported, no goal is decided yet."
            ),
        ),
        "etableringssparet-final-report": (
            date(2016, 6, 30),
            {
                "thirty-participants": "not_met",
                "occupational-experience": "needs_assessment",
                "influence-own-situation": "needs_assessment",
                "understanding-society-labour-market": "needs_assessment",
                "swedish-improved": "not_met",
                "action-plan": "not_met",
                "af-intervention-offer": "pending",
                "self-supporting-75": "pending",
                "model-city-af-cooperation": "met",
                "final-report": "met",
                "model-civic-knowledge": "pending",
                "better-equipped": "needs_assessment",
            },
            (
                "Project end: the employment goals are decided (28 of the 30 enrolled started "
                "the job, short of 30; the one who quit after five weeks got no action plan); "
                "the 'Alla deltagare' goals are not decided by data: 2 of the 28 who "
                "started the job gave no after-measurement, so 'all' cannot be shown; "
                "except Swedish, which one who answered did not improve: 'all' is missed "
                "whatever the two would have said; "
                "the six-month follow-up goals are still open for groups 4 and 5."
            ),
        ),
        "etableringssparet-six-month-follow-up": (
            date(2016, 12, 31),
            {
                "af-intervention-offer": "met",
                "self-supporting-75": "not_met",
                "model-civic-knowledge": "met",
                "swedish-improved": "not_met",
            },
            "Every group's six-month follow-up is done: 15 of the 27 who answered work or "
            "study (27 of 30 answered, the minimum 90 %), short of 75 % whatever the three "
            "non-responders do (50–60 %).",
        ),
        "etableringssparet-twelve-month-follow-up": (
            date(2017, 6, 30),
            {
                "self-supporting-75": "not_met",
                "thirty-participants": "not_met",
                "overall-purpose": "needs_assessment",
            },
            "Every group's twelve-month follow-up is done; decided goals stay as they were.",
        ),
    },
)
"""The hooks: the project under its id, and its worked examples on the synthetic data."""
goalkit_register_projects = plugin.goalkit_register_projects
goalkit_register_examples = plugin.goalkit_register_examples
