"""A host's own code, typed: what a case-management system writes against goalkit's public
API. ``tests/test_quality.py`` type-checks it with ``mypy --strict``, so that a host's type
checker accepts the ordinary ways of calling goalkit (lists where tuples are held, …)."""

from __future__ import annotations

import datetime as dt

import goalkit
from goalkit.goals import Balance, Count, Goal, Level, Period, Share, Target, Text


def check(people: list[dict[str, object]]) -> dict[str, str]:
    goals = [
        Goal("enrolled", Level.PROJECT, Count(),
             target=Target.at_least(30), due=dt.date(2024, 12, 31)),
        Goal("women", Level.SUB_GOAL,
             Balance(column="sex", categories=("F",)),
             target=Target.between(0.4, 0.6), breakdowns=["group"]),
        Goal("work", Level.EFFECT,
             Share(anchor="exited", condition={"exit_reason": "work"}),
             target=Target.at_least(0.25)),
    ]
    project = goalkit.Project(
        id="p",
        name=Text(sv="Projekt", en="Project"),
        period=Period(dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        goals=goals,
        partners=["Kommunen"],
        breakdowns=("group",),
        age_bands=[18, 25, 65],
    )
    data = goalkit.Dataset.from_records(people)
    report = goalkit.evaluate(project, data, dt.date(2024, 6, 1))
    text: str = goalkit.report_to_json(report)
    assert text
    out: dict[str, str] = {}
    for result in report.results:
        value: float | None = result.value
        bounds: tuple[float | None, float | None] = (result.lower, result.upper)
        out[result.goal_id] = f"{result.status.value} {value} {bounds}"
    return out
