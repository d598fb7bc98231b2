"""A fuzzer for data and goal files: random edits of good files (stray quotes, separators,
line breaks, NUL bytes, deep brackets, long numbers, deleted and repeated lines) never give
an internal error, and never lose a participant row without counting it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from hostile.cases import GOAL_DATA, GOOD_CSV
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import goalkit
from goalkit import DataValidationError, GoalkitError
from goalkit.data import read_data

QUICKSTART = Path(__file__).parents[2] / "examples" / "quickstart" / "goals.toml"

PIECES = ['"', '""', ",", ";", "\t", "\n", "\r\n", "\r", "\x00", " ", "x", "9", "-", ".",
          "2014-02-30", "1e999", "inf", "NaN", "9" * 30, "811218-9876", "[" * 40, "{a=" * 40,
          "ID001", ",,,,,,", "\ufeff", "é", "=", "'", "[[goals]]", "a.b.c.d.e.f.g.h"]

Edit = tuple[str, int, int, str]


def edits() -> st.SearchStrategy[list[Edit]]:
    one = st.tuples(st.sampled_from(["insert", "delete", "replace", "repeat_line"]),
                    st.integers(0, 10_000), st.integers(0, 60), st.sampled_from(PIECES))
    return st.lists(one, min_size=1, max_size=6)


def apply(text: str, changes: list[Edit]) -> str:
    for op, at, length, piece in changes:
        i = at % (len(text) + 1)
        if op == "insert":
            text = text[:i] + piece + text[i:]
        elif op == "delete":
            text = text[:i] + text[i + length:]
        elif op == "replace":
            text = text[:i] + piece + text[i + len(piece):]
        else:
            lines = text.splitlines(keepends=True)
            if lines:
                k = at % len(lines)
                lines.insert(k, lines[k] * (1 + length % 3))
                text = "".join(lines)
    return text


def _data_lines(text: str) -> tuple[int, int]:
    """(lines after the header holding anything, every line after the header): the rows
    goalkit must keep or count lie between the two."""
    lines = re.split(r"\r\n|\r|\n", text.lstrip("\ufeff"))
    if lines and lines[-1] == "":
        lines.pop()
    filled = [i for i, line in enumerate(lines) if re.sub(r"[,;\t\s\"]", "", line)]
    if not filled:
        return 0, 0
    after = lines[filled[0] + 1:]
    return sum(1 for line in after if re.sub(r"[,;\t\s\"]", "", line)), len(after)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changes=edits())
def test_mutated_csv_is_read_or_refused_and_every_row_counted(
    changes: list[Edit], tmp_path_factory: object
) -> None:
    text = apply(GOOD_CSV, changes)
    folder = Path(tmp_path_factory.mktemp("fuzz"))  # type: ignore[attr-defined]
    path = folder / "participants.csv"
    path.write_text(text, encoding="utf-8", newline="")
    try:
        data = read_data(path)
    except DataValidationError:
        return  # refused whole, with the reasons
    except GoalkitError:
        return
    kept = len(data.with_records().participants)
    left_out = sum(i.count for i in data.issues
                   if i.code == "rows_excluded" and "of participants" in i.message)
    filled, every = _data_lines(text)
    assert filled <= kept + left_out <= every, (kept, left_out, filled, every)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changes=edits())
def test_mutated_goal_file_is_read_or_refused_never_a_crash(
    changes: list[Edit], tmp_path_factory: object
) -> None:
    text = apply(QUICKSTART.read_text(encoding="utf-8"), changes)
    folder = Path(tmp_path_factory.mktemp("fuzz"))  # type: ignore[attr-defined]
    path = folder / "goals.toml"
    path.write_text(text, encoding="utf-8")
    try:
        project = goalkit.load_goals(path)
    except GoalkitError:
        return
    data = goalkit.Dataset.from_records([
        {"participant_id": f"P{i}", "enrolled": dt.date(2014, 9, 1 + i), "sex": "FM"[i % 2],
         "birth_year": 1980 + i}
        for i in range(10)
    ])
    try:
        goalkit.evaluate(project, data, dt.date(2015, 1, 1))
    except GoalkitError:
        return


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changes=edits())
def test_mutated_data_through_a_goal_never_crashes(
    changes: list[Edit], tmp_path_factory: object
) -> None:
    """Whatever survives validation can be evaluated and broken down (or is refused)."""
    text = apply(GOAL_DATA, changes)
    folder = Path(tmp_path_factory.mktemp("fuzz"))  # type: ignore[attr-defined]
    path = folder / "participants.csv"
    path.write_text(text, encoding="utf-8", newline="")
    project = goalkit.load_goals(QUICKSTART)
    try:
        data = read_data(path)
        goalkit.evaluate(project, data, dt.date(2015, 1, 1), breakdowns=["group"])
    except GoalkitError:
        return
