"""Which participant columns a result may be broken down by, and what a filter may
compare them with.

A filter on one of goalkit's own columns is checked when it is built
(:data:`goalkit.model._filter.KNOWN_COLUMNS`); a filter on an extra column of the data is
checked against the data before either executor runs (:func:`check_filters`), so both
refuse ``group = 5`` on a column of text with the same error.

A breakdown prints every category of its column as a label in every report: a column of
identifiers, dates or free text would publish people. So a breakdown column must be
categorical, checked once for every evaluation (:func:`check_breakdowns`, called by
:func:`goalkit.evaluate` with every column a result will be broken down by):

* never ``participant_id``, a date column, ``birth_year`` or the exact ``age`` (use
  ``age_band``);
* at most :data:`MAX_CATEGORIES` distinct values;
* no category longer than :data:`MAX_CATEGORY_LENGTH` characters (free text);
* no category that looks like an identifier (a participant id of the data, of four
  or more characters, a run of six
  or more digits, letters followed by three or more digits), a Swedish personal identity
  number or a date.

A project may declare an extra column categorical (``Project.categorical``: a project or
municipality code of a register with thousands of codes): its number of values is not
limited and its codes are not taken for identifiers, but a date, a personal identity number
or free text is still refused, and ``participant_id`` and the date columns can never be
declared.

``docs/data.md`` lists the limits. The error names the column, never a value.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from goalkit._exceptions import DataError
from goalkit.data._privacy import contains_personal_number

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from goalkit.data._dataset import Dataset
    from goalkit.model._filter import Filter
    from goalkit.model._goal import Goal

__all__ = [
    "MAX_CATEGORIES",
    "MAX_CATEGORY_LENGTH",
    "NOT_CATEGORICAL",
    "check_breakdowns",
    "check_filters",
    "value_problem",
]

MAX_CATEGORIES = 30
"""The most distinct values a breakdown column may hold."""

MAX_CATEGORY_LENGTH = 40
"""The longest category label, in characters; a longer value is free text."""

NOT_CATEGORICAL = {
    "participant_id": "it identifies people",
    "enrolled": "it is a date", "exited": "it is a date", "birth_date": "it is a date",
    "birth_year": "it is a birth year (break down by age_band)",
    "age": "it is an exact age (break down by age_band)",
}
"""Columns never broken down by, with why."""

COMPUTED = frozenset({"age_band"})
"""Columns goalkit makes itself from a fixed list of bands: always categorical."""

_DATE = re.compile(
    r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|(19|20)\d{2}(0[1-9]|1[0-2])"
    r"(0[1-9]|[12]\d|3[01])(?!\d)"
)
_ID = re.compile(r"\d{6,}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}")
_CODE_ID = re.compile(r"[A-Za-z]{1,6}[-_]?\d{3,}")
_SHORT_CODE = 4
"""A value shorter than this may equal a participant id by chance (group "1", person "1")."""


def _refuse(column: str, why: str) -> DataError:
    return DataError(
        f"cannot break down by this column: {why}; a breakdown needs a categorical column "
        f"(at most {MAX_CATEGORIES} short values such as sex, municipality or group)",
        source="breakdown", column=column,
    )


def value_problem(value: Any, ids: frozenset[str], *, declared: bool = False) -> str | None:
    """Why a category value may not be published (``None`` when it may); a column the
    project declares categorical may hold codes that look like ids."""
    if isinstance(value, dt.date):
        return "it holds dates"
    text = str(value).strip()
    if len(text) > MAX_CATEGORY_LENGTH:
        return f"it holds text longer than {MAX_CATEGORY_LENGTH} characters (free text)"
    if contains_personal_number(text):  # however written (goalkit.data._privacy)
        return "a value looks like a personal identity number"
    if _DATE.search(text):
        return "a value looks like a date"
    if declared:
        return None
    if (len(text) >= _SHORT_CODE and text in ids) or _ID.search(text) or _CODE_ID.fullmatch(text):
        return "a value looks like an identifier"
    return None


def _check_values(column: str, values: Iterable[Any], ids: frozenset[str], *,
                  declared: bool = False) -> None:
    distinct = 0
    for value in values:
        if value is None:
            continue
        distinct += 1
        if distinct > MAX_CATEGORIES and not declared:
            raise _refuse(column, f"it has more than {MAX_CATEGORIES} distinct values")
        why = value_problem(value, ids, declared=declared)
        if why is not None:
            raise _refuse(column, why)


def check_breakdowns(columns: Sequence[str], data: Dataset,
                     declared: Iterable[str] = ()) -> None:
    """Refuse a breakdown column that is not categorical (see the module's notes).

    :param columns: every column results will be broken down by.
    :param data: the data set whose values are checked.
    :param declared: the columns the project declares categorical.
    :raises DataError: naming the column and why; exit code 2 on the command line.
    """
    wanted = [c for c in dict.fromkeys(columns) if c not in COMPUTED]
    for column in wanted:
        if column in NOT_CATEGORICAL:
            raise _refuse(column, NOT_CATEGORICAL[column])
    if not wanted:
        return
    ours = frozenset(declared)
    if data.records is not None:
        people = data.records.participants
        ids = frozenset({str(p["participant_id"]) for p in people})
        for column in wanted:
            seen: dict[Any, None] = {}
            for p in people:
                value = p.get(column)
                if value is not None and value not in seen:
                    seen[value] = None
                    if len(seen) > MAX_CATEGORIES and column not in ours:
                        break
            _check_values(column, seen, ids, declared=column in ours)
        return
    _check_frames(wanted, data, ours)


def _check_frames(columns: Sequence[str], data: Dataset, declared: frozenset[str]) -> None:
    import narwhals as nw  # noqa: PLC0415

    frame = data.with_frames().participants
    names = set(frame.collect_schema().names())
    for column in (c for c in columns if c in names):
        unique = frame.select(nw.col(column)).unique().drop_nulls()
        if column not in declared:
            unique = unique.head(MAX_CATEGORIES + 1)
        values = unique.collect().get_column(column).to_list()
        texts = [str(v) for v in values if not isinstance(v, dt.date)]
        ids: frozenset[str] = frozenset()
        if texts and column not in declared:
            found = (frame.filter(nw.col("participant_id").is_in(texts))
                     .select(nw.col("participant_id")).head(1).collect())
            ids = frozenset(found.get_column("participant_id").to_list())
        _check_values(column, values, ids, declared=column in declared)


def _filters(obj: Any) -> list[Filter]:
    """Every filter an indicator holds, its parts' too (eight levels deep at most)."""
    import attrs  # noqa: PLC0415

    from goalkit.model._filter import Filter  # noqa: PLC0415

    found: list[Filter] = []
    stack = [(obj, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, Filter):
            found.append(item)
        elif depth >= 8:
            continue
        elif isinstance(item, tuple | list):
            stack.extend((part, depth + 1) for part in reversed(item)
                         if not isinstance(part, _PLAIN))
        elif attrs.has(type(item)):
            stack.extend((getattr(item, f.name), depth + 1)
                         for f in reversed(attrs.fields(type(item))))
    return found


_PLAIN = (str, int, float, dt.date)
"""Values that hold no filter (skipped without a look)."""


def _frame_kind(dtype: Any) -> str | None:
    """The kind of value a column of ``dtype`` holds; ``None`` for a column that holds no
    value at all (nulls with no type, as a frame made from records gives them), which any
    filter compares with as missing, as plain Python does."""
    import narwhals as nw  # noqa: PLC0415

    if dtype == nw.Unknown:
        return None
    if dtype in (nw.String, nw.Categorical, nw.Enum):
        return "text"
    if dtype == nw.Boolean:
        return "boolean"
    if dtype in (nw.Date, nw.Datetime):
        return "date"
    if dtype.is_numeric():
        return "number"
    return str(dtype)


def check_filters(goals: Sequence[Goal], data: Dataset) -> None:
    """Refuse a filter that compares an extra column with a value of another kind (text
    with a number, …), the same way for records and frames.

    :raises EvaluationError: naming the goal, the column and both kinds.
    """
    from goalkit._exceptions import EvaluationError  # noqa: PLC0415
    from goalkit.model._filter import KNOWN_COLUMNS, kind_of  # noqa: PLC0415

    wanted: list[tuple[str, str, str]] = []  # goal, column, kind of the filter's values
    for g in goals:
        for f in _filters(g.indicator):
            for c in f.conditions:
                if c.op == "is_null" or c.column in KNOWN_COLUMNS:
                    continue
                first = c.value[0] if isinstance(c.value, tuple) else c.value
                wanted.append((g.id, c.column, kind_of(first)))
    if not wanted:
        return
    kinds: dict[str, str] = {}
    if data.records is not None:
        for _, column, _ in wanted:
            value = next((p[column] for p in data.records.participants
                          if p.get(column) is not None), None)
            if value is not None:
                kinds[column] = kind_of(value)
    else:
        schema = data.with_frames().participants.collect_schema()
        kinds = {c: k for _, c, _ in wanted
                 if c in schema and (k := _frame_kind(schema[c])) is not None}
    for goal, column, kind in wanted:
        held = kinds.get(column)
        if held is not None and held != kind:
            raise EvaluationError(
                f"the filter on column {column!r} compares it with a {kind}, but the column "
                f"holds a {held}; write the value as the data has it", goal=goal)
