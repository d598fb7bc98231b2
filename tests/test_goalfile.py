"""Goal files: every problem reported with the path to its field; data, never code."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

import goalkit

if TYPE_CHECKING:
    from pathlib import Path

HEAD = '''
id = "x"
name = "X"
period = { start = 2014-01-01, end = 2014-12-31 }
'''


def errors_of(text: str) -> list[str]:
    with pytest.raises(goalkit.GoalFileError) as info:
        goalkit.loads_goals(text, source="goals.toml")
    assert str(info.value).startswith("goals.toml")
    return list(info.value.errors) or [str(info.value)]


@pytest.mark.parametrize(
    ("body", "path", "words"),
    [
        ('[[goals]]\nid = "a"\nlevel = "sub_goal"\nindicator = { kind = "count" }\n'
         'target = { at_least = "many" }', "goals[0].target", "number"),
        ('[[goals]]\nid = "a"\nlevel = "sub_goal"\nindicator = { kind = "cuont" }',
         "goals[0].indicator", "cuont"),
        ('[[goals]]\nid = "a"\nlevel = "sub_goal"\nindicator = { kind = "count", were = {} }',
         "goals[0].indicator", "were"),
        ('[[goals]]\nid = "a"\nlevel = "sub_goal"\nindicator = { kind = "event_within" }',
         "goals[0].indicator", "events"),
        ('[[goals]]\nid = "a"\nlevel = "sub_goal"\ndue = "soon"\nindicator = { kind = "count" }',
         "goals[0].due", "date"),
        ('[[goals]]\nid = "a"\nlevel = "sub_goal"\nindicator = { kind = "count", '
         'where = { age = { around = 30 } } }', "goals[0].indicator", "around"),
        ('colour = "blue"', "$", "colour"),
    ],
)
def test_errors_name_the_path_to_the_field(body: str, path: str, words: str) -> None:
    """Each mistake is reported with where it is and what was expected."""
    lines = errors_of(HEAD + body)
    assert any(path in line and words in line for line in lines), lines


def test_all_problems_are_listed_together() -> None:
    """Two bad goals give two lines, not one error at a time."""
    body = ('[[goals]]\nid = "a"\nlevel = "sub_goal"\nindicator = { kind = "count" }\n'
            'target = { at_least = "x" }\n'
            '[[goals]]\nid = "b"\nlevel = "nope"\nindicator = { kind = "count" }\n')
    lines = errors_of(HEAD + body)
    assert any("goals[0]" in line for line in lines)
    assert any("goals[1]" in line for line in lines)


def test_bad_toml_names_line_and_column() -> None:
    """A syntax error says where it is."""
    (line,) = errors_of("id = \n")
    assert "line 1" in line


def test_missing_and_unreadable_files(tmp_path: Path) -> None:
    """A missing file or a non-UTF-8 file is a GoalFileError naming it."""
    with pytest.raises(goalkit.GoalFileError, match="no such file"):
        goalkit.load_goals(tmp_path / "nope.toml")
    latin = tmp_path / "latin.toml"
    latin.write_bytes('name = "Härjedalen"'.encode("latin-1"))
    with pytest.raises(goalkit.GoalFileError, match="UTF-8"):
        goalkit.load_goals(latin)


def test_goal_files_are_data_not_code(tmp_path: Path) -> None:
    """Nothing in a goal file is executed: a would-be expression is only a string."""
    marker = tmp_path / "pwned"
    attack = f"__import__('os').system('touch {marker}')"
    body = (f'[[goals]]\nid = "a"\nlevel = "sub_goal"\n'
            f'indicator = {{ kind = "count", where = {{ sex = "{attack}" }} }}\n')
    project = goalkit.loads_goals(HEAD + body)
    goalkit.evaluate(project, goalkit.Dataset.from_records(
        [{"participant_id": "1", "enrolled": "2014-02-01", "sex": "F"}]), as_of=project.period.end)
    assert not marker.exists()


def test_the_example_goal_file_round_trips() -> None:
    """The quick-start goal file reads, writes and reads back to the same project."""
    project = goalkit.load_goals("examples/quickstart/goals.toml")
    assert goalkit.loads_goals(goalkit.dumps_goals(project)) == project
