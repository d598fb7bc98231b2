"""Where a goal's definition puts the people it leaves out (``GoalResult.left_out_in``):
what a reader of the definitions knows, and what a public report's audit must know too
(docs/privacy.md, the attacker)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from hypothesis import given, settings
from strategies import START, as_of_dates, datasets_rows, projects

import goalkit
import goalkit.indicators as ind
from goalkit.goals import Filter, Goal, Level, Period, TargetGroup, Text
from goalkit.reports._plugin import JsonFormat


@settings(max_examples=60, deadline=None)
@given(project=projects(), rows=datasets_rows(), as_of=as_of_dates)
def test_everyone_left_out_for_a_reason_is_in_the_categories_it_names(
    project: goalkit.Project, rows: tuple[list[dict[str, Any]], ...], as_of: date
) -> None:
    """Each person a goal leaves out for a reason the result places (a missing value,
    outside the target group, outside a filter) is in one of the categories named: the
    people of that reason alone, evaluated again, fill no other category."""
    people, events, answers = rows
    report = goalkit.evaluate(project, goalkit.Dataset.from_records(people, events, answers),
                              as_of, audit=True)
    for goal, result in zip(project.goals, report.results, strict=True):
        assert result.left_out_in is not None
        assert result.members is not None
        for dim, reasons in result.left_out_in.items():
            for reason, categories in reasons.items():
                assert set(categories) < set(result.breakdowns[dim])
                ids = result.members.excluded[reason]
                alone = goalkit.evaluate(
                    goalkit.Project(id=project.id, name=project.name, period=project.period,
                                    goals=[goal], target_group=project.target_group,
                                    standard_breakdowns=(dim,) if dim in ("sex", "age_band")
                                    else (), breakdowns=() if dim in ("sex", "age_band")
                                    else (dim,), not_exited=project.not_exited),
                    goalkit.Dataset.from_records(
                        [p for p in people if p["participant_id"] in ids],
                        [e for e in events if e["participant_id"] in ids],
                        [a for a in answers if a["participant_id"] in ids]),
                    as_of)
                (again,) = alone.results
                assert again.excluded.get(reason) == len(ids)
                filled = {c for c, cell in again.breakdowns[dim].items() if cell.excluded}
                assert filled <= set(categories), (goal.id, dim, reason)


def _goal(where: Filter | None = None, *, target_group_only: bool = False) -> Goal:
    return Goal(id="g", level=Level.SUB_GOAL, title=Text(en="g"),
                indicator=ind.Count(where=where or Filter()),
                target_group_only=target_group_only)


def _people(*rows: tuple[str, str | None, int]) -> list[dict[str, Any]]:
    return [{"participant_id": pid, "enrolled": date(2020, 3, 1), "sex": sex,
             "birth_date": date(2020 - age, 1, 1)} for pid, sex, age in rows]


PEOPLE = _people(("a", "F", 17), ("b", "M", 30), ("c", "X", 70), ("d", None, 40),
                 ("e", "F", 45), ("f", "M", 22))


def _result(goal: Goal, **project: Any) -> goalkit.GoalResult:
    p = goalkit.Project(id="p", name=Text(en="p"), period=Period(START, date(2021, 12, 31)),
                        goals=[goal], **project)
    (result,) = goalkit.evaluate(p, goalkit.Dataset.from_records(PEOPLE),
                                 date(2021, 6, 1)).results
    return result


def test_outside_the_target_group_lies_in_the_bands_beyond_its_ages() -> None:
    result = _result(_goal(target_group_only=True),
                     target_group=TargetGroup(min_age=18, max_age=65))
    assert dict(result.excluded) == {"outside_target_group": 2}
    assert result.left_out_in is not None
    assert set(result.left_out_in) == {"age_band"}  # the others' people are in any sex
    assert set(result.left_out_in["age_band"]["outside_target_group"]) == {"16-19", "65-"}


def test_outside_a_filter_on_sex_lies_in_the_other_sexes() -> None:
    result = _result(_goal(Filter.from_mapping({"sex": "F"})))
    assert result.left_out_in is not None
    assert set(result.left_out_in["sex"]["outside_filter"]) == {"M", "X", "unknown"}


def test_outside_a_filter_on_age_lies_in_the_bands_that_fail_it() -> None:
    result = _result(_goal(Filter.from_mapping({"age": {"ge": 21}})))
    assert result.left_out_in is not None
    assert set(result.left_out_in["age_band"]["outside_filter"]) == {"16-19", "20-24"}


def test_a_filter_on_another_column_says_nothing_of_a_breakdown() -> None:
    result = _result(_goal(Filter.from_mapping({"sex": "F", "age": {"ge": 21}})))
    assert result.left_out_in == {}


def test_a_public_json_does_not_name_them_and_an_internal_one_does() -> None:
    result = _result(_goal(Filter.from_mapping({"sex": "F"})))
    report = goalkit.Report(project_id="p", project_name=Text(en="p"),
                            as_of=date(2021, 6, 1), results=(result,))
    public = json.loads(JsonFormat().render([report], options={"audience": "public"}))
    internal = json.loads(JsonFormat().render([report], options={"audience": "internal"}))
    assert "left_out_in" not in public["results"][0]
    assert sorted(internal["results"][0]["left_out_in"]["sex"]["outside_filter"]) == [
        "M", "X", "unknown"]
    assert goalkit.report_from_json(goalkit.report_to_json(report)) == report
