"""Reported figures: an impossible breakdown is an error, an incomplete one a warning with
its remainder as the category ``unknown``, additivity is said per breakdown, and one figure
reported twice with different values is reported (issue 10, point 8)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from strategies import measurements_off_by

import goalkit
import goalkit.goals
from goalkit.cli import ExitCode, main
from goalkit.data import read_data
from goalkit.data._figures import UNKNOWN, check_measurements, complete_breakdowns
from goalkit.goals import Count, Goal, Period, Text
from goalkit.model import FigureBreakdown
from goalkit.model._project import ColumnLabels

if TYPE_CHECKING:
    from pathlib import Path

D = dt.date.fromisoformat
PERIOD = Period(D("2015-09-01"), D("2018-12-31"))
ON = D("2016-10-31")

PARTICIPANTS = "participant_id,enrolled,sex\nP1,2015-10-01,F\n"


def _project(*measurements: goalkit.Measurement, goals: tuple[Goal, ...] = (),
             declared: tuple[FigureBreakdown, ...] = ()) -> goalkit.Project:
    return goalkit.Project(id="p", name=Text("P"), period=PERIOD, goals=goals,
                           measurements=measurements, figure_breakdowns=declared)


def _ended() -> goalkit.Measurement:
    return goalkit.Measurement("ended", ON, 123,
                               breakdown={"destination": {"work": 53, "studies": 7, "other": 21}})


def _participants() -> goalkit.Measurement:
    return goalkit.Measurement("participants", ON, 259, breakdown={"sex": {"F": 90, "M": 196}})


def test_parts_over_the_total_are_impossible_and_parts_short_of_it_incomplete() -> None:
    """90 + 196 > 259 is an error of its own code; 53 + 7 + 21 of 123 a warning naming the
    42 with unknown destination."""
    issues = check_measurements([_participants(), _ended()])
    assert [(i.severity, i.code) for i in issues] == [
        ("error", "breakdown_impossible"), ("warning", "breakdown_incomplete")]
    assert "exceed the whole by 27" in issues[0].message
    assert "42 with unknown destination" in issues[1].message
    assert issues[1].where == "measurement ended 2016-10-31"


def test_the_remainder_of_an_incomplete_breakdown_is_its_own_category() -> None:
    """A reported goal reads the 42 of unknown destination as the category ``unknown``;
    an impossible breakdown gets no such category."""
    goals = (
        Goal(id="unknown", level="project", indicator=goalkit.goals.Reported(
            metric="ended", dimension="destination", category="unknown")),
        Goal(id="work", level="project", indicator=goalkit.goals.Reported(
            metric="ended", dimension="destination", category="work")),
        Goal(id="sex", level="project", indicator=goalkit.goals.Reported(
            metric="participants", dimension="sex", category="unknown")),
    )
    report = goalkit.evaluate(_project(_ended(), _participants(), goals=goals), None, ON)
    assert (report["unknown"].value, report["work"].value, report["sex"].value) == (42, 53, None)
    assert sorted(i.code for i in report.issues) == ["breakdown_impossible",
                                                     "breakdown_incomplete"]


def test_additivity_is_said_per_breakdown() -> None:
    """A declared non-additive breakdown is not checked, for its metric or for every
    metric; a declaration for the metric wins over the general one; others stay checked."""
    rate = goalkit.Measurement("unemployment", ON, 8.1,
                               breakdown={"sex": {"F": 7.0, "M": 9.0}, "area": {"a": 1.0}})
    general = (FigureBreakdown(dimension="sex", additive=False),)
    assert [i.code for i in check_measurements([rate], general)] == ["breakdown_incomplete"]
    assert "by area" in check_measurements([rate], general)[0].message
    both = (FigureBreakdown(dimension="area", additive=False),
            FigureBreakdown(dimension="sex", metric="unemployment", additive=False))
    assert check_measurements([rate], both) == []
    specific = (FigureBreakdown(dimension="sex", additive=False),
                FigureBreakdown(dimension="sex", metric="participants", additive=True))
    assert [i.code for i in check_measurements([_participants()], specific)] == [
        "breakdown_impossible"]


def test_figure_breakdowns_are_read_from_a_goal_file() -> None:
    project = goalkit.loads_goals('''
id = "p"
name = "P"
period = { start = 2015-09-01, end = 2018-12-31 }
[[figure_breakdowns]]
dimension = "sex"
metric = "unemployment"
additive = false
[[measurements]]
metric = "unemployment"
date = 2016-10-31
value = 8.1
breakdown = { sex = { F = 7.0, M = 9.0 } }
''')
    assert project.figure_breakdowns == (
        FigureBreakdown(dimension="sex", metric="unemployment", additive=False),)
    assert goalkit.evaluate(project, None, ON).issues == ()
    assert goalkit.loads_goals(goalkit.dumps_goals(project)) == project


def test_two_different_figures_for_one_metric_and_date_are_reported() -> None:
    """The same figure twice is no issue; a second, different one is an error naming the
    metric, the date and both figures, and not resolved silently."""
    first = goalkit.Measurement("participants", ON, 259, source="report A")
    again = goalkit.Measurement("participants", ON, 259, source="report A, again")
    other = goalkit.Measurement("participants", ON, 262, source="report B")
    assert check_measurements([first, again]) == []
    (issue,) = check_measurements([first, again, other])
    assert (issue.severity, issue.code) == ("error", "conflicting_figures")
    assert "'participants' on 2016-10-31" in issue.message
    assert "259 (report A)" in issue.message
    assert "262 (report B)" in issue.message
    goal = Goal(id="n", level="project",
                indicator=goalkit.goals.Reported(metric="participants"))
    report = goalkit.evaluate(_project(first, goals=(goal,)),
                              goalkit.Dataset.from_records((), measurements=[other]), ON)
    assert [i.code for i in report.issues] == ["conflicting_figures"]


def test_the_engine_still_offers_the_check_from_its_new_home() -> None:
    assert goalkit.engine.check_measurements is check_measurements


def _folder(tmp: Path, measurements: str) -> Path:
    (tmp / "participants.csv").write_text(PARTICIPANTS, encoding="utf-8")
    (tmp / "measurements.csv").write_text(measurements, encoding="utf-8")
    return tmp


INCOMPLETE = ("metric,date,value,destination.work,destination.studies,destination.other\n"
              "ended,2016-10-31,123,53,7,21\n")
IMPOSSIBLE = "metric,date,value,sex.F,sex.M\nparticipants,2016-10-31,259,90,196\n"


def test_strict_reading_accepts_an_incomplete_breakdown_and_refuses_an_impossible_one(
    tmp_path: Path,
) -> None:
    project = _project()
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    data = read_data(_folder(tmp_path / "a", INCOMPLETE), strict=True, project=project)
    assert [i.code for i in data.issues] == ["breakdown_incomplete"]
    with pytest.raises(goalkit.DataValidationError, match="breakdown_impossible"):
        read_data(_folder(tmp_path / "b", IMPOSSIBLE), strict=True, project=project)


def test_validate_warns_of_an_incomplete_breakdown_and_fails_on_an_impossible_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert main(["validate", "--data", str(_folder(tmp_path / "a", INCOMPLETE))]) == ExitCode.OK
    out = capsys.readouterr().out
    assert "warning [breakdown_incomplete]" in out
    assert "42 with unknown destination" in out
    assert main(["validate", "--data", str(_folder(tmp_path / "b", IMPOSSIBLE))]) == \
        ExitCode.BAD_INPUT
    assert "error   [breakdown_impossible]" in capsys.readouterr().out


@given(measurements_off_by())
def test_the_check_follows_the_sign_of_the_difference(
    drawn: tuple[goalkit.Measurement, int],
) -> None:
    """Parts over the total: one error; under it: one warning, and the completed breakdown
    (with its ``unknown``) adds up to the total exactly; equal: nothing."""
    m, offset = drawn
    codes = [i.code for i in check_measurements([m])]
    expected = {1: ["breakdown_impossible"], 0: [], -1: ["breakdown_incomplete"]}
    assert codes == expected[(offset > 0) - (offset < 0)]
    (completed,) = complete_breakdowns([m])
    if offset < 0:
        assert completed.breakdown["cat"][UNKNOWN] == -offset
        assert sum(completed.breakdown["cat"].values()) == m.value
        assert check_measurements([completed]) == []
    else:
        assert completed == m


def test_the_swedish_message_names_the_breakdown_and_its_categories_in_swedish() -> None:
    """Before: "uppdelningen efter sex … 90 (F) + 196 (M)" in a Swedish report; now goalkit's
    words (kön, kvinnor, män) and the project's own (``[labels]``) for its columns."""
    (sex,) = check_measurements([_participants()])
    assert "uppdelningen efter kön summerar till 286: 90 (kvinnor) + 196 (män)" in sex.message_sv
    assert "breakdown by sex adds up to 286: 90 (F) + 196 (M)" in sex.message
    names = ColumnLabels(columns={"destination": {"sv": "utfall", "en": "outcome"}},
                         codes={"destination": {"work": {"sv": "arbete", "en": "work"}}})
    (outcome,) = check_measurements([_ended()], names=names)
    assert "uppdelningen efter utfall" in outcome.message_sv
    assert "53 (arbete)" in outcome.message_sv
    assert "där utfall är okänt" in outcome.message_sv


def test_a_reported_figure_has_no_cohort_that_people_enrol_into() -> None:
    """Before: a reported figure, as of a day inside the project period, was said to have an
    open cohort, and a report printed "bounds among those enrolled so far: 259 … 259" for a
    number that counts no participant. A goal counting people keeps its open cohort."""
    reported = Goal(id="r", level="effect",
                    indicator=goalkit.goals.Reported(metric="participants"))
    counted = Goal(id="c", level="effect", indicator=Count())
    project = goalkit.Project(id="p", name=Text("P"), period=PERIOD,
                              goals=(reported, counted), measurements=(_participants(),))
    people = goalkit.Dataset.from_records([{"participant_id": "A", "enrolled": ON}])
    report = goalkit.evaluate(project, people, ON)
    assert (report["r"].value, report["r"].cohort_open) == (259, False)
    assert report["c"].cohort_open
    md = goalkit.render(report, "md", project=project, lang="en",
                        options={"audience": "internal"})
    assert "enrolled so far: 259" not in str(md).replace("\u2009", " ")


_RATE = '''
id = "p"
name = "P"
period = { start = 2015-09-01, end = 2018-12-31 }
[[goals]]
id = "rate"
level = "effect"
title = "Unemployment among newly arrived"
indicator = { kind = "reported", metric = "unemployment", unit = "percent" }
[[goals]]
id = "people"
level = "effect"
title = "Participants"
indicator = { kind = "reported", metric = "participants", unit = "people" }
[[goals]]
id = "to-work"
level = "effect"
title = "Share who ended in work"
[goals.indicator]
kind = "ratio"
scale = 100
unit = "percent"
numerator = { kind = "reported", metric = "ended", dimension = "outcome", category = "work" }
denominator = { kind = "reported", metric = "ended" }
[[goals]]
id = "plain"
level = "effect"
title = "Workshops"
indicator = { kind = "reported", metric = "workshops" }
[[measurements]]
metric = "unemployment"
date = 2016-10-31
value = 26.8
[[measurements]]
metric = "participants"
date = 2016-10-31
value = 259
[[measurements]]
metric = "ended"
date = 2016-10-31
value = 123
breakdown = { outcome = { work = 53 } }
[[measurements]]
metric = "workshops"
date = 2016-10-31
value = 8
'''


def test_a_reported_figure_is_shown_with_its_unit() -> None:
    """Before: a rate reported in per cent read *26,80* and a number of people *259*,
    their units only in the title, if there. A goal says what its figure counts (``unit``);
    a figure in per cent is read as the share it is (one meaning of a share everywhere:
    its JSON, its target, its chart) and every format shows it with its unit."""
    project = goalkit.loads_goals(_RATE)
    report = goalkit.evaluate(project, None, ON)
    assert (report["rate"].value, report["rate"].unit) == (0.268, goalkit.Unit.SHARE)
    # divided as written: 16.4 % is 0.164 in the JSON, not 16.4 / 100 = 0.16399999999999998
    other = goalkit.loads_goals(_RATE.replace("value = 26.8", "value = 16.4"))
    assert goalkit.evaluate(other, None, ON)["rate"].value == 0.164
    assert (report["people"].value, report["people"].unit) == (259, goalkit.Unit.PEOPLE)
    # 100 × 53 / 123 in per cent is the share 53 / 123 itself, to the last digit
    assert (report["to-work"].value, report["to-work"].unit) == (53 / 123, goalkit.Unit.SHARE)
    assert (report["plain"].value, report["plain"].unit) == (8, goalkit.Unit.NUMBER)
    sv = str(goalkit.render(report, "md", project=project, lang="sv"))
    assert "| följs upp | 26,8\u00a0% |" in sv
    assert "| följs upp | 259 personer |" in sv
    assert "| följs upp | 43,1\u00a0% |" in sv
    assert "(i procent)" in sv  # the definition says the figure was in per cent
    en = str(goalkit.render(report, "md", project=project, lang="en"))
    assert "| monitored | 26.8% |" in en
    assert "| monitored | 259 people |" in en
    assert "| monitored | 8 |" in en
    assert goalkit.loads_goals(goalkit.dumps_goals(project)) == project
    assert 'unit = "percent"' in goalkit.dumps_goals(project)


def test_a_figures_unit_must_be_one_goalkit_knows(tmp_path: Path) -> None:
    """A unit goalkit does not know is the goal file's error, naming the unit and those
    allowed (exit 2 on the command line); a target of a figure in per cent is a share, and
    one written in per cent is refused, saying how to write it."""
    bad = _RATE.replace('unit = "people"', 'unit = "persons"')
    with pytest.raises(goalkit.GoalFileError) as e:
        goalkit.loads_goals(bad)
    assert "unit must be one of 'number', 'people', 'money', 'days', 'share', 'percent', " \
           "got 'persons' @ $.goals[1].indicator.unit" in str(e.value)
    # named where the goal file writes it, as the author wrote it: a ratio's own unit, a
    # part's, a unit that is no text
    ratio = _RATE.replace('scale = 100\nunit = "percent"', 'scale = 100\nunit = "procent"')
    part = _RATE.replace('metric = "ended" }', 'metric = "ended", unit = "st" }')
    number = _RATE.replace('unit = "people"', "unit = 5")
    for text, where in ((ratio, "$.goals[2].indicator.unit"),
                        (part, "$.goals[2].indicator.denominator.unit"),
                        (number, "$.goals[1].indicator.unit")):
        with pytest.raises(goalkit.GoalFileError) as e:
            goalkit.loads_goals(text)
        assert [m.rpartition(" @ ")[2] for m in e.value.errors] == [where]
    path = tmp_path / "goals.toml"
    path.write_text(bad, encoding="utf-8")
    assert main(["evaluate", str(path), "--as-of", str(ON)]) == ExitCode.BAD_INPUT
    with pytest.raises(goalkit.GoalFileError) as e:
        goalkit.loads_goals(_RATE.replace('title = "Unemployment among newly arrived"',
                                          'title = "U"\ntarget = { at_most = 25 }'))
    assert "a share target is a fraction between 0 and 1 (75 % is 0.75), got 25" in str(e.value)
    met = goalkit.loads_goals(_RATE.replace('title = "Unemployment among newly arrived"',
                                            'title = "U"\ntarget = { at_most = 0.3 }\n'
                                            'due = 2016-10-31'))
    assert goalkit.evaluate(met, None, ON)["rate"].status is goalkit.Status.MET
