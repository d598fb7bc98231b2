"""Every data issue carries its whole message in Swedish, and a Swedish report shows it."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import pytest
from reports_support import text_of

import goalkit
from goalkit.data import read_data
from goalkit.data._figures import check_measurements
from goalkit.engine._coverage import coverage_issues
from goalkit.model._records import Measurement
from goalkit.plugins import make_plugin_manager

if TYPE_CHECKING:
    from goalkit.model._result import DataIssue

ROOT = Path(__file__).resolve().parents[1]
GOALS = ROOT / "examples/quickstart/goals.toml"
PNR = "811228-9874"  # a valid test personal identity number

PARTICIPANTS = f"""participant_id,enrolled,exited,sex,birth_year
P1,2015-13-45,,F,1990
P2,,,F,1990
P3,2015-02-01,2015-01-01,F,1990
P4,2015-02-01,,K,1990
P5,2015-02-01,,F,abc
P6,2015-02-01,,F,1990
P6,2015-02-01,,M,1990
P7,2015-02-01,,F,1700
P8,2015-02-01,,F,1990.5
{PNR},2015-02-01,,F,1990
P9,2015-02-01,,{PNR},1990
P10,2015-02-01,,F,1990,extra
P11,2015-02-01,,F,1990
P12,2015-02-01,,2015-01-01,1990
P13,2015-02-01,,{"x" * 50},1990
"""
EVENTS = """participant_id,date,kind,note
NOBODY,2015-03-01,study_start,x
P1,2015-03-01,study_start,x
P11,2015-01-01,study_start,x
"""
RESPONSES = """participant_id,date,phase,question,score
P11,2015-03-01,entry,wellbeing,5000000
"""
MEASUREMENTS = """metric,date,value,additive,colour
served,2015-03-01,10,maybe,red
"""
ASSESSMENTS = "goal,date,verdict\nplan,2015-03-01,gr\u00e5t\n"

# English words of goalkit's own messages: none may be in a Swedish message.
ENGLISH = frozenset(re.findall(r"[a-z]+", """
a an the is are was of in on to at by for with and or but not no row rows column columns
value values expected got required cannot read date number whole more same also left out
table participant participants answer event file mapping goal reported breakdown impossible
unknown which looks like lists given ignored outside before after kept map its their adds
up exceed use project own ids header has field fields quote separator stray
it that this from there must have been can should every one than longer holds free
characters identifier number numbers looks lines over runs joins
"""))
DATA_NAMES = re.compile(r"'[^']*'|\[[^\]]*\]|\S*[_.:/\\]\S*")
"""Quoted names, a mapping file's keys, and names, paths and codes: the data's own words."""


def english_in(message: str) -> set[str]:
    """English words left once quoted names, config keys and paths are set aside."""
    words = re.findall(r"[A-Za-zåäöÅÄÖ]+", DATA_NAMES.sub(" ", message))
    return {w for w in words if w.lower() in ENGLISH}


@pytest.fixture(scope="module")
def issues(tmp_path_factory: pytest.TempPathFactory) -> list[DataIssue]:
    folder = tmp_path_factory.mktemp("bad")
    for name, text in (("participants", PARTICIPANTS), ("events", EVENTS),
                       ("responses", RESPONSES), ("measurements", MEASUREMENTS)):
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    (folder / "assessments.csv").write_bytes(ASSESSMENTS.encode("cp1252"))
    data = read_data(folder)
    found = list(data.issues)
    project = goalkit.load_goals(GOALS)
    found += coverage_issues(project, data, breakdowns=["no_such_column"])
    found += coverage_issues(project, goalkit.Dataset.from_records(()))
    day = date(2015, 3, 1)
    found += check_measurements([
        Measurement("served", day, 10, {"sex": {"F": 6, "M": 6}}),
        Measurement("served", day, 12, {"sex": {"F": 6, "M": 3}}),
    ])
    reported = goalkit.loads_goals('''
id = "figures"
name = "Figures"
period = { start = 2015-01-01, end = 2015-12-31 }
[[goals]]
id = "n"
level = "project"
target = { at_least = 10 }
indicator = { kind = "reported", metric = "participants" }
''')
    found += coverage_issues(reported, goalkit.Dataset.from_records((), measurements=(
        Measurement("participant", day, 3),)))
    return found


def head(message: str) -> str:
    """The message up to its first character a format may escape."""
    return re.split(r"[\'\"\[\]_*<>&]", message)[0].strip()


EXPECTED = {
    "bad_date", "missing_value", "exit_before_enrolment", "unknown_code", "bad_number",
    "duplicate_participant", "out_of_range", "personal_id", "field_count", "unknown_column",
    "unknown_participant", "excluded_participant", "event_before_enrolment",
    "score_out_of_range", "encoding", "rows_excluded", "column_not_in_data",
    "question_not_in_data", "event_kind_not_in_data", "anchor_not_in_data", "empty_data",
    "conflicting_figures", "breakdown_impossible", "breakdown_incomplete",
    "metric_not_in_data",
}


def test_the_bad_data_reach_every_code_the_test_means_to_check(
    issues: list[DataIssue],
) -> None:
    assert {i.code for i in issues} >= EXPECTED


def test_every_issue_has_a_swedish_message_with_no_english_of_goalkits_own(
    issues: list[DataIssue],
) -> None:
    """Before: a data issue had an English message only."""
    untranslated = [(i.code, i.message) for i in issues if not i.message_sv.strip()]
    assert untranslated == []
    english = {(i.code, i.message_sv): english_in(i.message_sv) for i in issues}
    assert {k: v for k, v in english.items() if v} == {}
    # the English messages are still English (the check above is not vacuous)
    assert all(english_in(i.message) for i in issues)


def test_a_swedish_report_shows_the_swedish_message_and_an_english_one_the_english(
    issues: list[DataIssue],
) -> None:
    """Before: a Swedish report showed the kind of issue and left the message out. (The
    steering group's report: a public one names each kind of issue alone.)"""
    project = goalkit.load_goals(GOALS)
    data = goalkit.Dataset.from_folder(ROOT / "examples/quickstart/data")
    report = goalkit.evaluate(project, data, date(2015, 6, 15))
    report = attrs.evolve(report, issues=tuple(issues))
    pm = make_plugin_manager(entry_points=False)
    flat = re.compile(r"\s+")
    for name in ("md", "html", "table", "xlsx"):
        fmt = pm.format(name)
        inside = {"audience": "internal"}
        sv = flat.sub(" ", text_of(fmt.render([report], project=project, lang="sv",
                                              options=inside)))
        en = flat.sub(" ", text_of(fmt.render([report], project=project, lang="en",
                                              options=inside)))
        for issue in issues:
            # each format escapes quotes and brackets its own way: compare the words
            # before the first of them
            assert head(issue.message_sv) in sv, (name, issue.code)
            assert head(issue.message) in en, (name, issue.code)
        assert "ett datum krävs här" in sv
        assert "a date is required here" not in sv


def test_where_an_issue_lies_is_written_in_swedish_in_a_swedish_report(
    issues: list[DataIssue],
) -> None:
    """Before: a Swedish report said where an issue lies in English ("row 3, column 'x'",
    "measurement …", "goal '…'"); the file, table, metric and goal names stay as they are."""
    from goalkit.reports._view import build_view  # noqa: PLC0415

    project = goalkit.load_goals(GOALS)
    data = goalkit.Dataset.from_folder(ROOT / "examples/quickstart/data")
    report = attrs.evolve(goalkit.evaluate(project, data, date(2015, 6, 15)),
                          issues=tuple(issues))
    inside = {"audience": "internal"}  # rows are listed in the steering group's report
    sv = build_view([report], project=project, lang="sv", options=inside).issues
    en = build_view([report], project=project, lang="en", options=inside).issues
    assert any(re.search(r"\brow \d+", v.where) for v in en)
    assert any(re.search(r"column '", v.where) for v in en)
    assert any(v.where.startswith(("measurement ", "goal '")) for v in en)
    for v in sv:
        assert not re.search(r"(^|, )(row \d|column ')|^(measurement |goal ')", v.where), v.where
    assert any(re.search(r"\brad \d+, kolumn '", v.where) for v in sv)
