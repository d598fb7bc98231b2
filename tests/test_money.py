"""Money: a cost per outcome says which amount over which period it divides (the whole
budget by default, the budget to date, or the money spent), and a project's budget is
summarised for reports: planned, spent to date, share of the period elapsed (issue 10,
point 9)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
from reports_support import visible

import goalkit
import goalkit.goals
from goalkit.goals import BudgetLine, CostPerOutcome, Count, Goal, Period, Target, Text
from goalkit.model import BudgetKind, BudgetSummary, budget_summary
from goalkit.plugins import make_plugin_manager
from goalkit.reports._view import build_view

D = dt.date.fromisoformat
PERIOD = Period(D("2015-01-01"), D("2016-12-31"))  # 731 days
BUDGET = goalkit.goals.Budget(total=731_000.0, currency="SEK", lines=[
    BudgetLine(100_000.0, Text("Spent 2015 H1"),
               Period(D("2015-01-01"), D("2015-06-30")), kind="spent"),
    BudgetLine(150_000.0, Text("Spent 2015 H2"),
               Period(D("2015-07-01"), D("2015-12-31")), kind="spent"),
    BudgetLine(365_000.0, Text("Planned 2015"),
               Period(D("2015-01-01"), D("2015-12-31"))),
])
WORK = Count(anchor="exited", condition={"exit_reason": "work"})


def _people(n: int = 10) -> goalkit.Dataset:
    """``n`` people enrolled in January 2015, half of them exiting to work in 2015."""
    rows = []
    for i in range(n):
        exited = D("2015-03-01") + dt.timedelta(days=30 * i) if i % 2 == 0 else None
        rows.append({"participant_id": f"p{i}", "enrolled": "2015-01-05",
                     "exited": exited, "exit_reason": "work" if exited else None})
    return goalkit.Dataset.from_records(rows)


def _project(ind: CostPerOutcome, *, target: float | None = None,
             due: dt.date | None = None, budget: goalkit.goals.Budget = BUDGET) -> goalkit.Project:
    goal = Goal(id="cost", level="project", indicator=ind, due=due,
                target=None if target is None else Target.at_most(target))
    return goalkit.Project(id="p", name=Text("P"), period=PERIOD, goals=[goal],
                           budget=budget)


def test_the_default_divides_the_whole_budget_and_says_so() -> None:
    """Without an amount, the project's budget total; the definition names amount and
    period in Swedish and English, and no English-only note is left (issue 10 points 9
    and 11)."""
    report = goalkit.evaluate(_project(CostPerOutcome(outcome=WORK)), _people(),
                              D("2015-12-31"))
    r = report["cost"]
    assert r.value == pytest.approx(731_000 / 5)
    assert r.notes == ()
    assert ("Beloppet som delas är hela budgeten, 731\u00a0000\u00a0kr (1 januari 2015 – "
            "31 december 2016), oavsett datum.") in r.definition.sv
    assert ("Divides the whole budget, 731,000 SEK (1 January 2015 – 31 December 2016), "
            "whatever the date.") in r.definition.en
    given = goalkit.evaluate(_project(CostPerOutcome(outcome=WORK, amount=1000.0)),
                             _people(), D("2015-12-31"))["cost"]
    assert given.value == pytest.approx(200.0)
    assert "1\u00a0000\u00a0kr" in given.definition.sv
    assert "1,000 SEK" in given.definition.en


def test_the_budget_to_date_divides_the_elapsed_share() -> None:
    """365 of 731 days elapsed on 2015-12-31: the budget to date is 365 000 SEK."""
    ind = CostPerOutcome(outcome=WORK, basis="budget_to_date")
    r = goalkit.evaluate(_project(ind), _people(), D("2015-12-31"))["cost"]
    assert r.value == pytest.approx(365_000 / 5)
    assert "Divides the budget to date, 365,000 SEK: 49.9% of the whole budget" \
        in r.definition.en
    assert ("Beloppet som delas är budgeten hittills, 365\u00a0000\u00a0kr: 49,9\u00a0% av "
            "hela budgeten") in r.definition.sv


def test_money_spent_counts_the_spending_periods_ended_by_then() -> None:
    """On 2015-10-01 only the first half-year's spending is known; at year end both."""
    ind = CostPerOutcome(outcome=WORK, basis="spent")
    autumn = goalkit.evaluate(_project(ind), _people(), D("2015-10-01"))["cost"]
    people = autumn.success
    assert autumn.value == pytest.approx(100_000 / people)
    assert "spending periods up to 30 June 2015" in autumn.definition.en
    assert "förbrukningsperioder t.o.m. 30 juni 2015" in autumn.definition.sv
    end = goalkit.evaluate(_project(ind), _people(), D("2015-12-31"))["cost"]
    assert end.value == pytest.approx(250_000 / 5)
    early = goalkit.evaluate(_project(ind), _people(), D("2015-05-01"))["cost"]
    assert early.value is None
    assert "no spending recorded up to 1 May 2015" in early.definition.en
    assert "ingen förbrukning redovisad t.o.m. 1 maj 2015" in early.definition.sv


def test_a_cost_of_money_still_to_be_spent_is_not_met_early() -> None:
    """Spending can still grow before the due date: an at-most target is not met then,
    whereas the whole budget (fixed) met it already."""
    spent = CostPerOutcome(outcome=WORK, basis="spent")
    whole = CostPerOutcome(outcome=WORK)
    due = D("2016-12-31")
    on = D("2016-01-31")
    assert goalkit.evaluate(_project(spent, target=1e9, due=due), _people(), on)["cost"].status \
        == goalkit.Status.PENDING
    assert goalkit.evaluate(_project(whole, target=1e9, due=due), _people(), on)["cost"].status \
        == goalkit.Status.MET


def test_statuses_of_the_budget_to_date_are_never_undone() -> None:
    """Decided at some date, the same at the due date, for several targets."""
    ind = CostPerOutcome(outcome=WORK, basis="budget_to_date")
    due = D("2016-06-30")
    for target in (50_000.0, 80_000.0, 120_000.0, 200_000.0):
        project = _project(ind, target=target, due=due)
        final = goalkit.evaluate(project, _people(), due)["cost"].status
        for month in range(1, 19):
            on = D("2015-01-28") + dt.timedelta(days=30 * month)
            status = goalkit.evaluate(project, _people(), on)["cost"].status
            if status in (goalkit.Status.MET, goalkit.Status.NOT_MET):
                assert status == final, (target, on)


def test_an_amount_with_money_spent_is_refused_in_a_goal_file() -> None:
    with pytest.raises(goalkit.GoalFileError, match="give no amount"):
        goalkit.loads_goals('''
id = "p"
name = "P"
period = { start = 2015-01-01, end = 2016-12-31 }
[[goals]]
id = "c"
level = "project"
indicator = { kind = "cost_per_outcome", basis = "spent", amount = 5, outcome = { kind = "count" } }
''')


def test_the_budget_summary_for_reports() -> None:
    """Planned, planned to date, spent to date (and through when), share elapsed."""
    project = _project(CostPerOutcome(outcome=WORK))
    summary = budget_summary(project, D("2015-12-31"))
    assert summary == BudgetSummary(
        currency="SEK", period=PERIOD, as_of=D("2015-12-31"), planned=731_000.0,
        planned_to_date=pytest.approx(365_000.0), spent=250_000.0,
        spent_through=D("2015-12-31"), elapsed=pytest.approx(365 / 731))
    assert summary.spent_share == pytest.approx(250 / 731)
    before = budget_summary(project, D("2014-06-01"))
    assert before is not None
    assert (before.elapsed, before.spent, before.planned_to_date) == (0.0, None, 0.0)
    assert budget_summary(_project(CostPerOutcome(outcome=WORK),
                                   budget=goalkit.goals.Budget()), D("2015-12-31")) is None


def test_budget_lines_in_a_goal_file_say_what_they_are() -> None:
    """``kind = "spent"`` on a line; without a total, the planned lines are the budget."""
    project = goalkit.loads_goals('''
id = "p"
name = "P"
period = { start = 2014-06-02, end = 2015-11-30 }
[budget]
currency = "SEK"
[[budget.lines]]
amount = 2400000
label = "Beviljat"
kind = "planned"
[[budget.lines]]
amount = 302000
label = "Förbrukat 2014"
kind = "spent"
period = { start = 2014-06-01, end = 2014-12-31 }
''')
    assert [line.kind for line in project.budget.lines] == [BudgetKind.PLANNED,
                                                           BudgetKind.SPENT]
    summary = budget_summary(project, D("2015-01-15"))
    assert summary is not None
    assert (summary.planned, summary.spent) == (2_400_000, 302_000)
    assert goalkit.loads_goals(goalkit.dumps_goals(project)) == project


def test_the_bounds_hold_the_cost_once_all_the_money_is_spent() -> None:
    """Spending reported for a period that ends after the project: on the project's last
    day the bounds must still contain the cost once that spending is known."""
    late = BudgetLine(400_000.0, period=Period(D("2016-07-01"),
                                               D("2017-03-31")), kind="spent")
    budget = goalkit.goals.Budget(total=731_000.0, lines=[*BUDGET.lines, late])
    project = _project(CostPerOutcome(outcome=WORK, basis="spent"), budget=budget)
    early = goalkit.evaluate(project, _people(), D("2016-12-31"))["cost"]
    final = goalkit.evaluate(project, _people(), D("2017-06-30"))["cost"]
    assert final.value == pytest.approx(650_000 / 5)
    assert early.lower is not None
    assert early.lower <= final.value
    assert early.upper is None or final.value <= early.upper


@pytest.mark.parametrize("name", ["table", "md", "html", "xlsx"])
def test_every_human_readable_format_has_the_budget_section(name: str) -> None:
    """Planned, planned to date, spent to date (through when), share spent and share of the
    period, in Swedish and English, amounts as a reader writes them (issue 10 point 9)."""
    project = _project(CostPerOutcome(outcome=WORK))
    report = goalkit.evaluate(project, _people(), D("2015-10-01"))
    fmt = make_plugin_manager(entry_points=False).format(name)
    options = {"width": 400} if name == "table" else None
    sv = visible(name, fmt.render([report], project=project, lang="sv", options=options))
    for expected in ("Budget", "Budget hittills", "Förbrukat t.o.m. 30 juni 2015",
                     "Andel förbrukad", "Andel av projekttiden"):
        assert expected in sv, expected
    if name != "xlsx":  # the workbook holds numbers with a number format
        for amount in ("731 000 kr", "274 000 kr", "100 000 kr", "13,7 %", "37,5 %"):
            assert amount in sv.replace("\u00a0", " "), amount
    en = visible(name, fmt.render([report], project=project, lang="en", options=options))
    for expected in ("Budget to date", "Spent up to 30 June 2015", "Share spent",
                     "Share of the project period"):
        assert expected in en, expected
    without = visible(name, fmt.render([report], lang="sv", options=options))
    assert "Budget hittills" not in without


def test_the_budget_section_says_when_nothing_is_spent_yet() -> None:
    """No spending period ended by the date: "ej redovisat", never 0 kr."""
    project = _project(CostPerOutcome(outcome=WORK))
    report = goalkit.evaluate(project, _people(), D("2015-05-01"))
    view = build_view([report], project=project, lang="sv")
    assert view.budget is not None
    rows = {row.label: row.text for row in view.budget.rows}
    assert rows["Förbrukat"] == "ej redovisat"
    assert rows["Andel förbrukad"] == "–"
    assert rows["Budget"].replace("\u00a0", " ") == "731 000 kr"
    en = build_view([report], project=project, lang="en").budget
    assert en is not None
    assert [row.text for row in en.rows][2] == "not reported"
    no_budget = _project(CostPerOutcome(outcome=WORK), budget=goalkit.goals.Budget())
    assert build_view([report], project=no_budget, lang="sv").budget is None


def test_the_json_format_carries_the_budget_summary_documented_in_the_schema() -> None:
    """``"budget"`` beside the results when the project has money, valid against
    ``docs/report-schema.json``; no project, no key."""
    schema = json.loads((Path(__file__).resolve().parents[1] / "docs/report-schema.json")
                        .read_text(encoding="utf-8"))
    project = _project(CostPerOutcome(outcome=WORK))
    report = goalkit.evaluate(project, _people(), D("2015-10-01"))
    fmt = make_plugin_manager(entry_points=False).format("json")
    doc = json.loads(fmt.render([report], project=project))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()) \
        .validate(doc)
    money = doc["budget"]
    assert (money["planned"], money["spent"], money["spent_through"], money["as_of"]) == (
        731_000.0, 100_000.0, "2015-06-30", "2015-10-01")
    assert money["elapsed"] == pytest.approx(274 / 731)
    assert money["spent_share"] == pytest.approx(100 / 731)
    assert "budget" not in json.loads(fmt.render([report]))
