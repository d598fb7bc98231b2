"""The JSON writer: the content the standard library writes, deterministic bytes, and a
number that is not finite refused (not written as ``null``, which reads as no value)."""

from __future__ import annotations

import json
import math
from datetime import date
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import as_of_dates, datasets, projects

import goalkit
from goalkit.goals import Level, Text
from goalkit.reports._json import (
    _default,
    dumps_json,
    dumps_json_bytes,
    report_to_dict,
    report_to_json_bytes,
)

plain = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text()
    | st.floats(allow_nan=False, allow_infinity=False) | st.dates(),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=30,
)
"""Plain data as a report's dictionary holds it: texts, numbers, dates, lists, tables."""


def _standard(data: Any) -> str:
    """What the standard library writes (the writer before this one)."""
    return json.dumps(data, default=_default, sort_keys=True, ensure_ascii=False,
                      allow_nan=False, indent=2) + "\n"


@given(data=plain)
def test_the_content_is_the_standard_librarys(data: Any) -> None:
    """Read back, the text is what the standard library's text reads back as, number for
    number (the shortest exact form of a float may be spelled differently: 3e-05)."""
    assert json.loads(dumps_json(data)) == json.loads(_standard(data))
    assert json.loads(dumps_json(data, indent=None)) == json.loads(_standard(data))


@given(project=projects(), data=datasets(), as_of=as_of_dates)
def test_a_report_is_written_as_the_standard_library_wrote_it(
    project: goalkit.Project, data: goalkit.Dataset, as_of: date
) -> None:
    """Every evaluated report: the same lines, save only a float's spelling, and it reads
    back as the same report."""
    report = goalkit.evaluate(project, data, as_of)
    text = goalkit.report_to_json(report)
    old = _standard(report_to_dict(report))
    assert json.loads(text) == json.loads(old)
    assert len(text.splitlines()) == len(old.splitlines())
    assert goalkit.report_from_json(text) == report


@given(items=st.dictionaries(st.text(max_size=6), st.integers(), max_size=8))
def test_same_content_same_bytes_whatever_the_order(items: dict[str, int]) -> None:
    """Keys are sorted: two tables built in different orders are written alike."""
    backwards = dict(reversed(list(items.items())))
    assert dumps_json({"a": items, "b": [backwards]}) == dumps_json(
        {"b": [items], "a": backwards})


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_a_number_that_is_not_finite_is_refused_naming_where(bad: float) -> None:
    """Refused with where it is, never written as ``null``."""
    report = goalkit.Report(project_id="p", project_name=Text(en="P"),
                            as_of=date(2015, 1, 1), results=())
    data = report_to_dict(report)
    data["results"] = [{"goal_id": "g", "value": 0.5, "interval": [0.1, bad]}]
    with pytest.raises(ValueError, match=r"at \$\.results\[0\]\.interval\[1\]"):
        dumps_json(data)
    with pytest.raises(ValueError, match="finite"):
        goalkit.report_to_json(attrs.evolve(report, results=(  # a plugin kind's NaN value
            attrs.evolve(_result(), value=bad),)))


@given(data=plain | st.integers(2**64, 2**70), indent=st.sampled_from([2, None, 4]))
def test_the_bytes_are_the_texts_in_utf8(data: Any, indent: int | None) -> None:
    """Written as bytes (for a file or a pipe), a report is its text in UTF-8, whichever
    writer writes it (orjson, or the standard library for another indent or a huge
    integer)."""
    assert dumps_json_bytes(data, indent=indent) == dumps_json(data, indent=indent).encode()


def test_a_reports_bytes_are_its_text_in_utf8() -> None:
    report = goalkit.Report(project_id="p", project_name=Text(sv="Härjedalen ”nätverk”"),
                            as_of=date(2015, 1, 1), results=(_result(),))
    assert report_to_json_bytes(report) == goalkit.report_to_json(report).encode("utf-8")


def test_what_json_has_no_form_for_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="set"):
        dumps_json({"a": {1, 2}})


def _result() -> goalkit.GoalResult:
    return goalkit.GoalResult(
        goal_id="g", level=Level.PROJECT, title=Text(en="G"), wording="",
        interpretation=Text(en=""), kind="share", unit=goalkit.Unit.SHARE,
        status=goalkit.Status.PENDING, as_of=date(2015, 1, 1), due=None, target=None,
        value=None)
