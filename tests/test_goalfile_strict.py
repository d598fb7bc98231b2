"""Goal files are read strictly: every value of the type its field holds (never converted
with ``int()``, ``str()`` or ``bool()``), every mistake a plain message at the path to its
key, with the name meant where one is close."""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from pathlib import Path

import pytest

import goalkit
from goalkit.cli import ExitCode, main
from goalkit.model import Goal, Level, Target

HEAD = '''id = "t"
name = "T"
period = { start = 2014-06-02, end = 2015-11-30 }
'''
COUNT = '''[[goals]]
id = "x"
level = "sub_goal"
indicator = { kind = "count" }
target = { at_least = 3 }
'''
QUICKSTART_DATA = Path(__file__).resolve().parents[1] / "examples/quickstart/data"


def errors_of(text: str) -> list[str]:
    with pytest.raises(goalkit.GoalFileError) as info:
        goalkit.loads_goals(text, source="goals.toml")
    return list(info.value.errors) or [str(info.value)]


def _no_python(lines: list[str]) -> None:
    for line in lines:
        for word in ("Error:", "Traceback", "object has no attribute", "not iterable",
                     "typing.", "index out of range"):
            assert word not in line, line


def refused(text: str, path: str, words: str) -> None:
    lines = errors_of(text)
    _no_python(lines)
    assert any(line.endswith(f"@ {path}") and words in line for line in lines), lines


@pytest.mark.parametrize(
    ("text", "path"),
    [
        (HEAD + COUNT + 'target_group_only = "false"\n', "$.goals[0].target_group_only"),
        (HEAD + COUNT + 'target_group_only = "no"\n', "$.goals[0].target_group_only"),
        (HEAD + COUNT + "target_group_only = 1\n", "$.goals[0].target_group_only"),
        (HEAD + COUNT + '[[figure_breakdowns]]\ndimension = "sex"\nadditive = "false"\n',
         "$.figure_breakdowns[0].additive"),
    ],
)
def test_yes_or_no_is_only_true_or_false(text: str, path: str) -> None:
    """A text or a number is not a yes/no: ``"false"`` read as true was the worst of it."""
    refused(text, path, "expected true or false")


@pytest.mark.parametrize(
    ("text", "path", "words"),
    [
        (HEAD + "min_response_rate = true\n" + COUNT, "$.min_response_rate", "got true"),
        (HEAD + 'min_response_rate = "0.5"\n' + COUNT, "$.min_response_rate", "a number"),
        (HEAD + COUNT.replace('id = "x"', "id = 5"), "$.goals[0].id", "a text"),
        (HEAD + COUNT.replace('id = "x"', "id = true"), "$.goals[0].id", "a text"),
        (HEAD + COUNT.replace('id = "x"', "id = 2015-01-01"), "$.goals[0].id", "a text"),
        (HEAD.replace('id = "t"', "id = 5") + COUNT, "$.id", "a text"),
        (HEAD + 'partners = "AF"\n' + COUNT, "$.partners", "a list"),
        (HEAD + 'categorical = "municipality"\n' + COUNT, "$.categorical", "a list"),
        (HEAD + 'breakdowns = "sex"\n' + COUNT, "$.breakdowns", "a list"),
        (HEAD + COUNT + "wording = 3\n", "$.goals[0].wording", "a text"),
        (HEAD + "owner = 5\n" + COUNT, "$.owner", "a text"),
        (HEAD + 'target_group = { min_age = "18" }\n' + COUNT, "$.target_group.min_age",
         "a whole number"),
        (HEAD + 'age_bands = [16, "20"]\n' + COUNT, "$.age_bands[1]", "a whole number"),
        (HEAD + "budget = { currency = 5 }\n" + COUNT, "$.budget.currency", "a text"),
        (HEAD + COUNT + '[[measurements]]\nmetric = "m"\ndate = 2015-01-01\nvalue = "259"\n',
         "$.measurements[0].value", "a number"),
        (HEAD + COUNT + '[[measurements]]\nmetric = "m"\ndate = 2015-01-01\nvalue = true\n',
         "$.measurements[0].value", "a number"),
        (HEAD + COUNT + 'due = "2015-01-01"\n', "$.goals[0].due", "TOML date"),
        ('id = "t"\nname = "T"\nperiod = { start = "2014-06-02", end = 2015-11-30 }\n'
         + COUNT, "$.period.start", "TOML date"),
        (HEAD + '[[goals]]\nid = "x"\nlevel = "sub_goal"\nindicator = { kind = '
         '"event_within", events = ["a"], anchor = "exited", days = [0.5, 10.7] }\n',
         "$.goals[0].indicator.days[0]", "a whole number"),
    ],
)
def test_a_value_of_another_type_is_refused_not_converted(
    text: str, path: str, words: str
) -> None:
    """``id = 5`` is not the id ``"5"``, ``"AF"`` not the partners A and F, ``10.7`` days
    not 10: each is refused at its key."""
    refused(text, path, words)


@pytest.mark.parametrize("bad", ["..", ".", ".hidden"])
def test_an_id_of_dots_is_refused_for_project_and_goal(bad: str) -> None:
    """An id names a folder of a report site: ``..`` would write outside it."""
    refused(HEAD.replace('id = "t"', f'id = "{bad}"') + COUNT, "$.id", "dot")
    refused(HEAD + COUNT.replace('id = "x"', f'id = "{bad}"'), "$.goals[0].id", "dot")
    with pytest.raises(ValueError, match="dot"):
        Goal(id=bad, level=Level.SUB_GOAL,
                     indicator=goalkit.loads_goals(HEAD + COUNT).goals[0].indicator)


def test_a_site_of_a_project_named_dot_dot_is_refused_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    goals = tmp_path / "r.toml"
    goals.write_text(HEAD.replace('id = "t"', 'id = ".."') + COUNT, encoding="utf-8")
    out = tmp_path / "site" / "inner"
    code = main(["site", str(goals), "--data", str(QUICKSTART_DATA), "--as-of",
                 "2016-06-30", "--lang", "sv", "--out", str(out)])
    assert code == ExitCode.BAD_INPUT
    assert "$.id" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize(
    ("text", "path", "words"),
    [
        (HEAD + "age_bands = []\n" + COUNT, "$.age_bands", "at least one"),
        ('id = "t"\nname = "T"\nperiod = "2014"\n' + COUNT, "$.period", "a table"),
        (HEAD + '[goals]\nid = "x"\nlevel = "sub_goal"\nindicator = { kind = "count" }\n',
         "$.goals", "a list"),
        (HEAD + "goals = [1, 2]\n", "$.goals[0]", "a table"),
        (HEAD + COUNT + '[[measurements]]\nmetric = "m"\ndate = 2015-01-01\nvalue = 3\n'
         "breakdown = { sex = 5 }\n", "$.measurements[0].breakdown['sex']", "a table"),
        (HEAD + 'not_exited = "exit_at_end"\n' + COUNT, "$.not_exited",
         "expected one of 'pending', 'exits_at_end', got 'exit_at_end'; "
         "did you mean 'exits_at_end'?"),
        (HEAD + COUNT.replace('"sub_goal"', '"subgoal"'), "$.goals[0].level",
         "did you mean 'sub_goal'?"),
    ],
)
def test_a_wrong_shape_is_a_plain_message_not_a_python_error(
    text: str, path: str, words: str
) -> None:
    refused(text, path, words)


@pytest.mark.parametrize(
    ("text", "path", "words"),
    [
        (HEAD + COUNT + 'were = { sex = "F" }\n', "$.goals[0].were", "did you mean 'where'"),
        (HEAD + '[[goals]]\nid = "x"\nlevel = "sub_goal"\n'
         'indicator = { kind = "count", wher = { sex = "F" } }\n',
         "$.goals[0].indicator.wher", "did you mean 'where'?"),
        (HEAD + COUNT + 'idd = "y"\n', "$.goals[0].idd", "did you mean 'id'?"),
        (HEAD + COUNT + 'titel = "y"\n', "$.goals[0].titel", "did you mean 'title'?"),
        (HEAD + COUNT.replace("[[goals]]", "[[goal]]"), "$.goal", "did you mean 'goals'?"),
        (HEAD.replace("period", "perod") + COUNT, "$.perod", "did you mean 'period'?"),
        (HEAD + COUNT.replace("at_least", "at_lest"), "$.goals[0].target.at_lest",
         "did you mean 'at_least'?"),
        (HEAD + COUNT.replace('"count"', '"cuont"'), "$.goals[0].indicator.kind",
         "did you mean 'count'?"),
    ],
)
def test_an_unknown_key_is_named_at_its_own_path_with_the_key_meant(
    text: str, path: str, words: str
) -> None:
    refused(text, path, words)


@pytest.mark.parametrize(
    ("target", "words"),
    [
        ("equal = 60.4", "whole number"),
        ("at_least = 1.5", "whole number"),
        ("at_least = -5", "0 or more"),
        ("between = [-2, 4]", "0 or more"),
    ],
)
def test_a_count_target_is_a_whole_number_of_people(target: str, words: str) -> None:
    """60.4 people was shown as "60 people" and decided against 60.4."""
    refused(HEAD + COUNT.replace("at_least = 3", target), "$.goals[0].target", words)


@pytest.mark.parametrize(
    "indicator",
    [
        'indicator = { kind = "time_to_event", events = ["employment_start"] }',
        'indicator = { kind = "cost_per_outcome", outcome = { kind = "count" } }',
    ],
)
def test_a_target_below_zero_is_refused_where_no_value_can_be(indicator: str) -> None:
    text = HEAD + COUNT.replace('indicator = { kind = "count" }', indicator).replace(
        "at_least = 3", "at_most = -1")
    refused(text, "$.goals[0].target", "0 or more")


def test_whole_and_fractional_targets_that_make_sense_still_load() -> None:
    project = goalkit.loads_goals(
        HEAD + COUNT.replace("at_least = 3", "at_least = 0") + COUNT.replace(
            'id = "x"', 'id = "y"').replace(
            'indicator = { kind = "count" }',
            'indicator = { kind = "cost_per_outcome", outcome = { kind = "count" } }'
        ).replace("at_least = 3", "at_most = 12500.5"))
    assert [g.target for g in project.goals] == [Target.at_least(0),
                                                 Target.at_most(12500.5)]


ASSESSED = '''[[goals]]
id = "model"
level = "sub_goal"
indicator = { kind = "assessed" }
'''


def _assessment(goal: str, verdict: str = "met", day: str = "2015-01-01") -> str:
    return f'[[assessments]]\ngoal = "{goal}"\ndate = {day}\nverdict = "{verdict}"\n'


def test_an_assessment_of_no_goal_of_the_project_is_refused_with_the_goal_meant() -> None:
    refused(HEAD + ASSESSED + _assessment("modle"), "$.assessments[0].goal",
            "did you mean 'model'?")


def test_an_assessment_of_a_computed_goal_is_refused() -> None:
    refused(HEAD + ASSESSED + COUNT + _assessment("model") + _assessment("x"),
            "$.assessments[1].goal", "not assessed")


def test_two_assessments_of_a_goal_on_one_day_must_agree() -> None:
    base = HEAD + ASSESSED + _assessment("model", "met")
    refused(base + _assessment("model", "not_met"), "$.assessments[1].verdict",
            "different verdicts")
    again = goalkit.loads_goals(base + _assessment("model", "met")
                                + _assessment("model", "not_met", "2015-02-01"))
    assert len(again.assessments) == 3


def test_control_characters_in_a_text_are_refused() -> None:
    """An escape sequence in a name would be sent to the terminal that prints it."""
    refused(HEAD.replace('name = "T"', 'name = "T\\u001b]0;pwned\\u0007"') + COUNT,
            "$.name", "control characters")
    refused(HEAD + COUNT + 'title = { sv = "a\\u009bb" }\n', "$.goals[0].title",
            "control characters")
    project = goalkit.loads_goals(HEAD + COUNT + 'wording = "a\\tb\\nc"\n')
    assert project.goals[0].wording == "a\tb\nc"


def test_a_byte_order_mark_is_passed_over(tmp_path: Path) -> None:
    """Editors on Windows write one; the file is still TOML."""
    path = tmp_path / "goals.toml"
    path.write_bytes(b"\xef\xbb\xbf" + (HEAD + COUNT).encode("utf-8"))
    assert goalkit.load_goals(path) == goalkit.loads_goals(HEAD + COUNT)
    assert goalkit.loads_goals("\ufeff" + HEAD + COUNT).id == "t"


@pytest.mark.skipif(sys.platform == "win32", reason="a named pipe and /dev/zero")
def test_a_file_that_is_not_a_regular_file_is_read_only_up_to_the_limit(
    tmp_path: Path
) -> None:
    with pytest.raises(goalkit.GoalFileError, match="at most"):
        goalkit.load_goals("/dev/zero")
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)

    def write() -> None:  # more than the limit, to a reader that stops at it
        with contextlib.suppress(BrokenPipeError), pipe.open("wb") as f:
            f.write(b"#" * 300_000)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        with pytest.raises(goalkit.GoalFileError, match="at most"):
            goalkit.load_goals(pipe)
    finally:
        writer.join(10)


def test_every_example_and_seed_goal_file_still_loads() -> None:
    root = Path(__file__).resolve().parents[1]
    files = [*root.glob("examples/**/*.toml"), *root.glob("plugins/*/src/**/*.toml")]
    goal_files = [f for f in files if f.name != "goalkit.toml"
                  and "[[goals]]" in f.read_text(encoding="utf-8")]
    assert goal_files
    for f in goal_files:
        goalkit.load_goals(f)
