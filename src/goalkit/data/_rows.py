"""Participants, events and answers as Python rows: a host's records checked.

:meth:`~goalkit.data.Dataset.from_records` takes a host's records as they are when nothing
in them is an error a file's validation would report (checked here cell by cell, without a
data-frame library: the lean path of a page view over a few hundred people), and otherwise
hands them to that validation (:mod:`goalkit.data._validate`), so that records and files
give the same issues (``tests/test_records_parity.py``).

Validation reads each record's value as a file's cell: :func:`cell` writes it as the text
a file would hold (the one place where a record's value becomes a file's cell), and the
rows kept are those validation read and parsed, as it reads a file's
(``tests/test_records_hostile.py``). Here only values of exactly the kept types are read
(:data:`_PLAIN_KINDS`), in ways that validation reads them too; anything else is left to it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping
from itertools import chain
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

import attrs
from attrs import frozen

from goalkit._exceptions import DataError, DataValidationError
from goalkit.data._schema import MAX_TEXT, SCHEMA, SEX_CODES, YEARS
from goalkit.data._typed import (
    DOUBTFUL,
    PARTICIPANT_FIELDS,
    SCORE_LIMIT,
    Facts,
    Grouped,
    settled_facts,
    typed_links,
    typed_people,
)
from goalkit.model._records import Participant

if TYPE_CHECKING:
    from goalkit.model._result import DataIssue

__all__ = [
    "EventRow",
    "Records",
    "ResponseRow",
    "checked_records",
    "event_rows",
    "participant_rows",
    "response_rows",
]

EventRow = tuple[str, dt.date, str]
"""``(participant_id, date, kind)``."""
ResponseRow = tuple[str, dt.date, str, str, float]
"""``(participant_id, date, phase, question, score)``."""

_ISO_DATE = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
    r"(?:[T ](?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\.[0-9]+)?)?Z?)?")
"""The dates read here as a file's validation reads them (ASCII digits only: any other
text, ``20140901`` or ``1.9.2014``, is left to that validation, which reads it with the
file's formats, :mod:`goalkit.data._parse`)."""
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
"""The numbers written as text read here (a decimal comma made a point, as validation
does); any other text is left to validation, which alone decides what a space between
digits means (``1 234``, ``1 2``), and refuses ``1_000``, ``1e3``, digits of another
script as a file's."""
_PLAIN_KINDS = frozenset({type(None), str, int, float, bool, dt.date, dt.datetime})
"""The types of value read here (of exactly these types: a subclass, ``np.str_`` or a
pandas ``Timestamp``, is converted by validation as a file's cell, :func:`cell`)."""
_WHOLE_LIMIT = 10**18
"""An int written as text here only within this; beyond, :func:`cell` writes it."""


def cell(value: Any) -> str | None:
    """A host's value as the text a file's cell would hold: the one place a record's cell
    is turned into a file's, before validation reads it as it reads a file
    (:func:`goalkit.data._sources.cell_text`, which decides for every other kind).

    ``None``, an empty or blank text, a float NaN, ``pd.NaT`` and ``pd.NA`` (a pandas
    frame's empty cells, in every column: a birth year a pandas column misses) are an
    empty cell, as a frame's are (:func:`goalkit.data.load_frames`); a text is stripped, a
    ``str`` subclass (``np.str_``) becomes a plain ``str``; dates are written
    ``YYYY-MM-DD``; whole numbers without ``.0`` (``7.0``, ``np.int64(7)`` and
    ``Decimal(7)`` as ``7``), ``True`` as ``true``. A value no file could hold (a list, an
    object, a text with a lone surrogate or a NUL) is marked as such
    (:data:`~goalkit.data._raw.WRONG_TYPE`), which validation refuses naming its table,
    row and column (``wrong_type``). Never raises."""
    kind = type(value)
    if kind is str:
        text: str = value.strip()
        return _nul() if "\x00" in text else text or None
    if value is None:
        return None
    if kind is dt.date:
        iso: str = value.isoformat()
        return iso
    if kind is int and -_WHOLE_LIMIT < value < _WHOLE_LIMIT:
        return str(value)
    if kind is float:
        if value != value:  # noqa: PLR0124 - NaN: a pandas frame's empty cell
            return None
        if math.isfinite(value):
            whole = value == int(value) and abs(value) < 2**53
            return str(int(value)) if whole else repr(value)
    return _odd_cell(value)


def _nul() -> str:
    """A text holding a NUL, refused as a file's cell is
    (:data:`~goalkit.data._raw.NUL_TEXT`)."""
    from goalkit.data._raw import NUL_TEXT, WRONG_TYPE  # noqa: PLC0415

    return f"{WRONG_TYPE}{NUL_TEXT}"


def _odd_cell(value: Any) -> str | None:
    """:func:`cell` for every kind but the common ones."""
    import decimal  # noqa: PLC0415
    import sys  # noqa: PLC0415

    from goalkit.data._raw import WRONG_TYPE  # noqa: PLC0415
    from goalkit.data._sources import cell_text  # noqa: PLC0415

    pandas = sys.modules.get("pandas")  # only a host that has it can pass its NA
    try:
        if isinstance(value, str):  # a subclass: its text, whatever its methods say
            return cell(str.strip(value))
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int):  # beyond what str() writes (4,300 digits) too
            return str(decimal.Decimal(int.__index__(value)))
        if isinstance(value, float):  # a subclass (np.float64), or not finite
            number = float.__float__(value)
            return repr(number) if math.isinf(number) else cell(number)
        if isinstance(value, decimal.Decimal):
            if value.is_snan():  # compared, it signals: as text, no number
                return "sNaN"
            return None if value.is_nan() else cell_text(value)
        if pandas is not None and value is getattr(pandas, "NA", None):
            return None  # a nullable pandas column's empty cell (it has no truth value)
        return cell_text(value)
    except Exception:  # a host's object whose conversion fails: no value
        return f"{WRONG_TYPE}{type(value).__name__}"


def _as_mapping(row: Any) -> Mapping[str, Any]:
    """A record as a dict of its columns: a dict as it is, any other mapping copied (read
    once, here), a goalkit record's fields.

    :raises TypeError: for anything else, or a mapping that cannot be read."""
    if type(row) is dict:
        return row
    if isinstance(row, Mapping):
        try:
            return dict(row.items())
        except Exception:  # a host's mapping that cannot be read
            msg = f"a {type(row).__name__} whose items cannot be read"
            raise TypeError(msg) from None
    if isinstance(row, Participant):
        d = {f: getattr(row, f) for f in PARTICIPANT_FIELDS}
        return {**_as_mapping(row.extra), **d}
    if attrs.has(type(row)):
        return attrs.asdict(row, recurse=False)
    msg = f"expected a mapping or a goalkit record, got {type(row).__name__}"
    raise TypeError(msg)


def _empty(value: Any) -> bool:
    """``None``, an empty text or a float NaN (a pandas frame's empty cell): no value, as
    in :func:`cell`."""
    kind = type(value)
    return (value is None or (kind is str and not value)
            or (kind is float and value != value))  # noqa: PLR0124


def _date(value: Any, *, table: str, row: int, column: str, required: bool) -> dt.date | None:
    kind = type(value)
    out: dt.date | None = None
    if kind is dt.date:
        out = value
    elif kind is dt.datetime:
        out = value.date()
    elif _empty(value):
        if required:
            raise DataError("a date is required here", source=table, row=row, column=column)
        return None
    elif kind is str and _ISO_DATE.fullmatch(value):
        with contextlib.suppress(ValueError):
            out = dt.date.fromisoformat(value[:10])
    if out is None:
        raise DataError(f"expected a date as YYYY-MM-DD, got {_kind(value)}",
                        source=table, row=row, column=column)
    if not YEARS[0] <= out.year <= YEARS[1]:
        raise DataError(f"a date outside {YEARS[0]}–{YEARS[1]}", source=table, row=row,
                        column=column)
    return out


def _kind(value: Any) -> str:
    """What a bad value is, without the value (a message may reach a report)."""
    if isinstance(value, str):
        return f"a text of {len(value)} character(s)"
    return f"a {type(value).__name__}"


def _text(value: Any, *, table: str, row: int, column: str, required: bool) -> str | None:
    kind = type(value)
    out: str
    if _empty(value):
        if required:
            raise DataError("a value is required here", source=table, row=row, column=column)
        return None
    if kind is str:
        out = value
    elif kind is bool or kind is float or (kind is int and -_WHOLE_LIMIT < value < _WHOLE_LIMIT):
        out = cell(value) or ""  # as a file writes it: 7.0 as "7", True as "true"
    else:
        raise DataError(f"expected text, got {_kind(value)}", source=table, row=row,
                        column=column)
    _check_length(out, table=table, row=row, column=column)
    return out


def _check_length(value: str, *, table: str, row: int, column: str) -> None:
    if len(value) > MAX_TEXT:
        raise DataError(f"a value of {len(value)} characters; expected at most {MAX_TEXT}",
                        source=table, row=row, column=column)


def _number(value: Any, *, table: str, row: int, column: str, integer: bool) -> Any:
    kind = type(value)
    if _empty(value):
        return None
    what = "a whole number" if integer else "a number"
    number: float | int
    if kind is int or kind is float:
        number = value
    elif kind is str:
        text = value.replace(",", ".", 1) if "." not in value else value  # a decimal comma
        if not _PLAIN_NUMBER.fullmatch(text):  # validation reads it, or says why not
            raise DataError(f"expected {what}, got {_kind(value)}", source=table, row=row,
                            column=column)
        number = float(text)
    else:
        raise DataError(f"expected {what}, got {_kind(value)}", source=table, row=row,
                        column=column)
    if kind is not int and not math.isfinite(number):
        raise DataError(f"expected {what}, got a value that is not finite", source=table,
                        row=row, column=column)
    if not integer:
        return number
    if kind is int:
        return number
    if number != int(number):
        raise DataError("expected a whole number, got a fraction", source=table, row=row,
                        column=column)
    return int(number)


def _plain_date(value: Any) -> bool:
    """A date :func:`_date` takes as it is."""
    return type(value) is dt.date and YEARS[0] <= value.year <= YEARS[1]


def _plain_value(value: Any) -> bool:
    """An extra column's value :func:`_extra_value` takes as it is (checked fast)."""
    kind = type(value)
    return (value is None or kind is int or kind is dt.date
            or (kind is str and len(value) <= MAX_TEXT)
            or (kind is float and math.isfinite(value)))


def _extra_value(value: Any, *, row: int, column: str) -> Any:
    """An extra participant column's value: a scalar, text within the length limit; a
    float NaN (a frame's empty cell) is no value."""
    t = "participants"
    if isinstance(value, str):
        _check_length(value, table=t, row=row, column=column)
    elif isinstance(value, float) and value != value:  # noqa: PLR0124
        return None
    elif isinstance(value, float) and not math.isfinite(value):
        raise DataError("expected a finite number", source=t, row=row, column=column)
    elif value is not None and not isinstance(value, bool | int | float | dt.date):
        raise DataError(f"expected a single value, got {_kind(value)}", source=t, row=row,
                        column=column)
    return value


def _numbered(rows: Iterable[Any], numbers: Iterable[int] | None) -> Iterable[tuple[int, Any]]:
    return enumerate(rows, start=1) if numbers is None else zip(numbers, rows, strict=True)


def _participants(
    rows: Iterable[Any], numbers: Iterable[int] | None = None
) -> tuple[Mapping[str, Any], ...]:
    out = []
    problems: list[DataError] = []
    rows_of: dict[str, list[int]] = {}
    t = "participants"
    for i, raw in _numbered(rows, numbers):
        try:
            r = _as_mapping(raw)
            clean: dict[str, Any] = {
                str(k): v if _plain_value(v) else _extra_value(v, row=i, column=str(k))
                for k, v in r.items() if k not in PARTICIPANT_FIELDS
            }
            pid, enrolled = r.get("participant_id"), r.get("enrolled")
            exited, born, year = r.get("exited"), r.get("birth_date"), r.get("birth_year")
            sex, reason = r.get("sex"), r.get("exit_reason")
            if not (type(pid) is str and 0 < len(pid) <= MAX_TEXT  # taken as they are
                    and type(enrolled) is dt.date and YEARS[0] <= enrolled.year <= YEARS[1]
                    and (exited is None or _plain_date(exited))
                    and (born is None or _plain_date(born))
                    and (year is None or type(year) is int)
                    and (sex is None or (type(sex) is str and 0 < len(sex) <= MAX_TEXT))
                    and (reason is None
                         or (type(reason) is str and 0 < len(reason) <= MAX_TEXT))):
                pid = _text(pid, table=t, row=i, column="participant_id", required=True)
                enrolled = _date(enrolled, table=t, row=i, column="enrolled", required=True)
                exited = _date(exited, table=t, row=i, column="exited", required=False)
                born = _date(born, table=t, row=i, column="birth_date", required=False)
                year = _number(year, table=t, row=i, column="birth_year", integer=True)
                sex = _text(sex, table=t, row=i, column="sex", required=False)
                reason = _text(reason, table=t, row=i, column="exit_reason", required=False)
            clean["participant_id"], clean["enrolled"] = pid, enrolled
            clean["exited"], clean["birth_date"], clean["birth_year"] = exited, born, year
            clean["sex"], clean["exit_reason"] = sex, reason
            _check_participant(clean, row=i)
            rows_of.setdefault(clean["participant_id"], []).append(i)
            out.append(MappingProxyType(clean))
        except DataError as e:
            problems.append(e)
        except TypeError as e:
            problems.append(DataError(str(e), source=t, row=i))
    for rows_with in rows_of.values():
        if len(rows_with) > 1:
            problems.extend(
                DataError("the same participant id is also on row(s) "
                          f"{', '.join(str(r) for r in rows_with if r != i)}",
                          source=t, row=i, column="participant_id")
                for i in rows_with
            )
    if problems:
        problems.sort(key=lambda e: e.row or 0)
        raise DataValidationError(problems) if len(problems) > 1 else problems[0]
    return tuple(out)


def _check_participant(p: Mapping[str, Any], *, row: int) -> None:
    """What a file's validation checks across one participant's columns."""
    t = "participants"
    year = p["birth_year"]
    if year is not None and not YEARS[0] <= year <= YEARS[1]:
        raise DataError(f"a birth year outside {YEARS[0]}–{YEARS[1]}", source=t, row=row,
                        column="birth_year")
    if p["exited"] is not None and p["exited"] < p["enrolled"]:
        raise DataError("exit before enrolment", source=t, row=row, column="exited")
    if p["birth_date"] is not None and p["birth_date"] > p["enrolled"]:
        raise DataError("born after enrolment", source=t, row=row, column="birth_date")


def _events(rows: Iterable[Any], numbers: Iterable[int] | None = None) -> tuple[EventRow, ...]:
    out = []
    t = "events"
    for i, raw in _numbered(rows, numbers):
        r = _as_mapping(raw)
        pid, when, kind = r.get("participant_id"), r.get("date"), r.get("kind")
        if not (type(pid) is str and 0 < len(pid) <= MAX_TEXT  # what _text takes as is
                and type(kind) is str and 0 < len(kind) <= MAX_TEXT
                and type(when) is dt.date and YEARS[0] <= when.year <= YEARS[1]):
            pid = _text(pid, table=t, row=i, column="participant_id", required=True)
            when = _date(when, table=t, row=i, column="date", required=True)
            kind = _text(kind, table=t, row=i, column="kind", required=True)
            assert pid is not None
            assert when is not None
            assert kind is not None
        out.append((pid, when, kind))
    return tuple(out)



def _responses(
    rows: Iterable[Any], numbers: Iterable[int] | None = None
) -> tuple[ResponseRow, ...]:
    out = []
    t = "responses"
    for i, raw in _numbered(rows, numbers):
        r = _as_mapping(raw)
        pid, when, phase, question, score = (
            r.get("participant_id"), r.get("date"), r.get("phase"), r.get("question"),
            r.get("score"))
        if not (type(pid) is str and 0 < len(pid) <= MAX_TEXT  # what _text takes as is
                and type(phase) is str and 0 < len(phase) <= MAX_TEXT
                and type(question) is str and 0 < len(question) <= MAX_TEXT
                and type(when) is dt.date and YEARS[0] <= when.year <= YEARS[1]
                and ((type(score) is float and math.isfinite(score)) or type(score) is int)):
            pid = _text(pid, table=t, row=i, column="participant_id", required=True)
            when = _date(when, table=t, row=i, column="date", required=True)
            phase = _text(phase, table=t, row=i, column="phase", required=True)
            question = _text(question, table=t, row=i, column="question", required=True)
            score = _number(score, table=t, row=i, column="score", integer=False)
            if score is None:
                raise DataError("a score is required here", source=t, row=i, column="score")
            assert pid is not None
            assert when is not None
            assert phase is not None
            assert question is not None
        out.append((pid, when, phase, question, float(score)))
    return tuple(out)


class _Doubt(Exception):  # noqa: N818 - a signal, never raised to a caller
    """Something a file's validation could flag: let it decide."""


_EVENT_KEYS = frozenset(c.name for c in SCHEMA["events"].columns)
_RESPONSE_KEYS = frozenset(c.name for c in SCHEMA["responses"].columns)


def _plain_cells(rows: Iterable[Mapping[str, Any]]) -> None:
    """Only values of the types read here (:data:`_PLAIN_KINDS`), and no text that
    validation would change or flag: surrounding spaces (stripped), a NUL, a lone
    surrogate, something like a personal identity number (looked at again in any column).
    One search over every distinct text of the table, joined by line breaks.

    :raises TypeError: for a value that is no single value (a list): validation says so.
    """
    cells = set(chain.from_iterable(m.values() for m in rows))  # each value once
    if not {type(v) for v in cells} <= _PLAIN_KINDS:
        raise _Doubt  # a str subclass, a numpy or pandas scalar, a Decimal: a file's cell
    if DOUBTFUL.search("\n".join([v for v in cells if type(v) is str])):
        raise _Doubt
    numbers = [v for v in cells if (type(v) is int or type(v) is float) and v == v]  # noqa: PLR0124
    if numbers and (min(numbers) <= -1e9 or max(numbers) >= 1e9):
        raise _Doubt  # ten digits written as a number read as text: maybe a personal number


def _plain_keys(keys: Iterable[Any]) -> None:
    """Column names validation would take as they are: texts, not empty, none doubtful
    (:data:`~goalkit.data._typed.DOUBTFUL`), no more than ``MAX_COLUMNS``."""
    from goalkit.data._schema import MAX_COLUMNS  # noqa: PLC0415

    names = list(keys)
    if len(names) > MAX_COLUMNS:
        raise _Doubt
    if not all(type(k) is str and k for k in names) or DOUBTFUL.search("\n".join(names)):
        raise _Doubt


def _settled_extras(
    rows: tuple[Mapping[str, Any], ...], keys: Iterable[Any],
) -> tuple[Mapping[str, Any], ...]:
    """The participants with each extra column of numbers or true/false values as a file's
    validation types it (:func:`goalkit.data._checks.participant_frame`), so that a
    breakdown or a filter reads the same values from records as from a file: a column of
    numbers only is whole numbers when every one is whole (``1.0`` is ``1``), else numbers
    (``2`` is ``2.0``); a column holding a true/false is text, each value as a file's cell
    holds it (:func:`cell`: ``true``, ``1``, ``1.5``). A column mixing texts and numbers is
    left to validation (:class:`_Doubt`), which alone reads a text as a number. A column
    of texts only, or holding a date (which no breakdown takes), stays as it is."""
    convert: dict[str, Any] = {}
    for name in keys:
        if name in _OWN:
            continue
        kinds = {type(r.get(name)) for r in rows}
        kinds.discard(type(None))
        if kinds <= _TEXT_ONLY or kinds <= _INT_ONLY or kinds & _DATES:
            continue
        if kinds <= _NUMBERS:
            whole = all(v is None or float(v).is_integer() for v in (r.get(name) for r in rows))
            convert[name] = int if whole else float
        elif bool in kinds:
            convert[name] = cell
        else:
            raise _Doubt  # is each text a number? validation reads it as a file's cell
    if not convert:
        return rows
    return tuple(
        MappingProxyType({k: (v if v is None or k not in convert else convert[k](v))
                          for k, v in r.items()})
        for r in rows)


_OWN = frozenset(PARTICIPANT_FIELDS)
_TEXT_ONLY = frozenset({str})
_INT_ONLY = frozenset({int})
_NUMBERS = frozenset({int, float})
_DATES = frozenset({dt.date, dt.datetime})


def _plain(
    people: list[Any], events: list[Any], answers: list[Any]
) -> tuple[Records, tuple[DataIssue, ...]]:
    """The records and their warnings, when nothing in them is an error a file's
    validation would report; otherwise :class:`_Doubt` (or the DataError found), and
    validation decides.

    The warnings a host's records commonly carry (a sex code goalkit does not know, an
    event or answer dated before enrolment) are found here with validation's own codes
    and messages (:mod:`goalkit.data._problems`), so that a page view over a few hundred
    people never needs a data-frame library. The parity tests
    (``tests/test_records_parity.py``) hold the two paths to the same issues."""
    from goalkit.data._problems import limited  # noqa: PLC0415

    if not people:
        if events or answers:
            raise _Doubt
        return Records((), (), ()), ()
    typed = typed_people(people)
    if typed is None:
        people_maps = [_as_mapping(r) for r in people]
        keys: set[Any] = set()
        for m in people_maps:
            keys.update(m)
        _plain_keys(keys)
        _plain_cells(people_maps)
        rows = _participants(people_maps)
    else:
        rows, keys = typed
        _plain_keys(keys)
    rows = _settled_extras(rows, keys)
    enrolled: dict[str, dt.date] = {}
    odd: dict[str, list[int]] = {}
    for i, p in enumerate(rows, start=1):
        sex = p["sex"]
        if sex is not None and sex not in SEX_CODES:
            odd.setdefault(sex, []).append(i)
        enrolled[p["participant_id"]] = p["enrolled"]
    problems = _odd_codes(odd, enrolled) if odd else []
    issues = [p.issue() for p in limited(problems)]
    grouped = Grouped(enrolled)
    kept_events, early, by_events = _plain_links(events, _EVENT_KEYS, _events, enrolled,
                                                 "event", grouped)
    issues += early
    kept_answers, early, by_answers = _plain_links(answers, _RESPONSE_KEYS, _responses,
                                                   enrolled, "answer", grouped)
    issues += early
    facts = (None if by_events is None or by_answers is None
             else settled_facts(rows, grouped))
    return Records(rows, kept_events, kept_answers, facts), tuple(issues)


def _odd_codes(odd: Mapping[str, list[int]], ids: Iterable[str]) -> list[Any]:
    """Sex codes goalkit does not know without a mapping: warnings, unless a value could
    not be published as a category (then validation decides)."""
    from goalkit.data._breakdowns import value_problem  # noqa: PLC0415
    from goalkit.data._problems import Problem, not_a_default_code  # noqa: PLC0415

    known = frozenset(ids)
    like_ids = frozenset(v for v in odd if v in known)
    if any(value_problem(v, like_ids) is not None for v in odd):
        raise _Doubt
    message, message_sv = not_a_default_code("sex", SEX_CODES)
    return [Problem("warning", "unknown_code", message, "participants", i, "sex",
                    message_sv=message_sv)
            for at in odd.values() for i in at]


def _plain_links(rows: list[Any], allowed: frozenset[str], parse: Any,
                 enrolled: Mapping[str, dt.date],
                 what: Literal["event", "answer"], grouped: Grouped,
                 ) -> tuple[Any, list[DataIssue], Grouped | None]:
    """Events or answers, the warnings of those dated before enrolment (known
    participants, scores on no scale within the file's limit, no column the table does
    not keep), and ``grouped`` with each participant's of them grouped into it when they
    were read in one pass (:func:`~goalkit.data._typed.typed_links`; ``None`` when read
    value by value)."""
    fast = typed_links(rows, allowed, enrolled, what, grouped)
    if fast is None:
        parsed, early = _read_links(rows, allowed, parse, enrolled)
        return parsed, _early_issues(early, what), None
    parsed, early, grouped = fast
    return parsed, _early_issues(early, what), grouped


def _read_links(rows: list[Any], allowed: frozenset[str], parse: Any,
                enrolled: Mapping[str, dt.date]) -> tuple[Any, list[int]]:
    """Events or answers read value by value (any goalkit record or mapping, dates as
    text, …), and the numbers of those dated before enrolment; :class:`_Doubt` (or the
    DataError found) when validation must decide."""
    maps = [_as_mapping(r) for r in rows]
    if not allowed.issuperset(set().union(*maps)):
        raise _Doubt
    _plain_cells(maps)
    parsed = parse(maps)
    early: list[int] = []
    for i, row in enumerate(parsed, start=1):
        since = enrolled.get(row[0])
        if since is None:
            raise _Doubt
        if row[1] < since:
            early.append(i)
        if len(row) == 5 and abs(row[4]) > SCORE_LIMIT:
            raise _Doubt
    return parsed, early


def _early_issues(early: list[int], what: Literal["event", "answer"]) -> list[DataIssue]:
    """The warnings of the rows ``early``, dated before their participant's enrolment (the
    first :data:`~goalkit.data._problems.ROW_ISSUE_LIMIT` listed, every one counted)."""
    if not early:
        return []
    from goalkit.data._problems import before_enrolment, row_issues  # noqa: PLC0415

    code, message, message_sv = before_enrolment(what)
    table = "events" if what == "event" else "responses"
    return row_issues("warning", code, (message, message_sv), table, "date", early)


def _raw_table(name: str, rows: list[Any]) -> tuple[Any, list[Mapping[Any, Any]]]:
    """Records as a raw table of text, each cell as a file's would hold it (:func:`cell`),
    and each record as the mapping read (empty for one that is none)."""
    from goalkit.data._validate import Problem, RawTable  # noqa: PLC0415

    header: dict[Any, None] = dict.fromkeys(c.name for c in SCHEMA[name].columns)
    maps: list[Mapping[Any, Any]] = []
    problems = []
    for i, r in enumerate(rows, start=1):
        try:
            m = _as_mapping(r)
        except TypeError:
            m = {}
            kind = type(r).__name__  # never the value: a row may be a person's number
            got = "None" if r is None else (
                f"{'an' if kind[:1].lower() in 'aeiou' else 'a'} {kind}")
            problems.append(Problem("error", "wrong_type",
                                    f"expected a mapping or a goalkit record, got {got}",
                                    name, i,
                                    message_sv="en mappning eller en goalkit-post väntades, "
                                    f"men raden är av typen {type(r).__name__}"))
        header.update(dict.fromkeys(m))
        maps.append(m)
    names = list(header)
    own = {c.name: c.type for c in SCHEMA[name].columns}
    extra = [j for j, k in enumerate(names) if k not in own]
    cells = []
    for i, m in enumerate(maps, start=1):
        row = [cell(m.get(k)) for k in names]
        for j in extra:
            if row[j] is not None and row[j] in _INFINITE and _infinite(m.get(names[j])):
                row[j] = None  # no cell of a file holds an infinite number (its text is text)
                problems.append(Problem("error", "bad_number", "expected a finite number",
                                        name, i, _column_name(names[j]),
                                        message_sv="ett ändligt tal väntades"))
        cells.append(row)
    return RawTable.from_rows(
        [_column_name(k) for k in names], cells,
        origin=name, numbers=range(1, len(maps) + 1), problems=problems,
    ), maps


_INFINITE = frozenset({"inf", "-inf", "Infinity", "-Infinity"})
"""How :func:`cell` writes an infinite number."""


def _infinite(value: Any) -> bool:
    """Whether a host's value is an infinite number (a float, ``np.float64``, a
    ``Decimal``), not a text: an extra column keeps no such number."""
    import decimal  # noqa: PLC0415

    return isinstance(value, float | decimal.Decimal) and not isinstance(value, bool) and (
        value in (math.inf, -math.inf))


def _column_name(key: Any) -> str:
    """A record's key as a file's column name: a text as it is, a number as a file writes
    it (a name validation cannot take it renames, as for a file)."""
    return key if type(key) is str else (cell(key) or "")


def _validated(
    people: list[Any], events: list[Any], answers: list[Any], *, source: str, strict: bool
) -> tuple[Records, tuple[DataIssue, ...]]:
    """Records checked and read by the one validation a file goes through: each cell as a
    file's (:func:`cell`), the rows kept read as a file's are (dates in any format a file
    may use, numbers with a decimal comma, ids of numbers as text, extra columns typed as a
    file's), so that records and files give the same data and the same issues."""
    from goalkit.data._schema import MAX_COLUMNS  # noqa: PLC0415
    from goalkit.data._validate import Problem, RawData, check_records  # noqa: PLC0415

    tables = {}
    wide = []
    read: dict[str, list[Mapping[Any, Any]]] = {}
    for name, rows in (("participants", people), ("events", events), ("responses", answers)):
        if rows or name == "participants":
            table, read[name] = _raw_table(name, rows)
            if table.frame.width > MAX_COLUMNS:
                wide.append(Problem("error", "unreadable",
                                    f"{table.frame.width} columns; goalkit reads at most "
                                    f"{MAX_COLUMNS}", name, fatal=True))
                continue
            tables[name] = table
    issues, kept, left_out = check_records(RawData(tables, source, tuple(wide)),
                                           strict=strict)
    people_kept = _texts_kept(kept.get("participants", []), read["participants"], left_out)
    return Records(
        _participants(people_kept),
        _events(kept.get("events", [])),
        _responses(kept.get("responses", [])),
    ), issues


def _texts_kept(rows: list[dict[str, Any]], maps: list[Mapping[Any, Any]],
                left_out: set[int]) -> list[dict[str, Any]]:
    """The participants validation kept (``rows``, of the records read as ``maps`` but
    those ``left_out``), with each extra column the records hold as texts only kept as
    those texts, stripped (:func:`cell`), as the lean reading keeps it
    (:func:`_settled_extras`), where validation reads a column whose every text is a
    number as numbers (``"0180"`` as 180): the same records give the same values
    whichever way they are read."""
    texts: dict[str, bool] = {}
    for m in maps:
        for k, v in m.items():
            if type(k) is str and k not in _OWN and v is not None:
                texts[k] = texts.get(k, True) and isinstance(v, str)
    names = [k for k, only in texts.items() if only and rows and k in rows[0]]
    if not names:
        return rows
    originals = [m for i, m in enumerate(maps, start=1) if i not in left_out]
    if len(originals) != len(rows):  # not one kept row a record: as validation read them
        return rows
    return [{**row, **{k: cell(m.get(k)) for k in names}}
            for row, m in zip(rows, originals, strict=True)]


@frozen(eq=False)
class Records:
    """The tables as normalized Python rows (participants as read-only mappings)."""

    participants: tuple[Mapping[str, Any], ...]
    events: tuple[EventRow, ...]
    responses: tuple[ResponseRow, ...]
    facts: Mapping[str, Facts] | None = attrs.field(default=None, repr=False)
    """The same events and answers grouped per participant id, as they were read in one
    pass (records of exactly the kept types, :mod:`goalkit.data._typed`), so that the
    plain-Python executor need not group them again; ``None`` when they were read another
    way. Never changed once made."""


def checked_records(
    people: list[Any], events: list[Any], answers: list[Any], *, source: str, strict: bool
) -> tuple[Records, tuple[DataIssue, ...]]:
    """A host's records as rows, and their issues: taken as they are when nothing in them
    is an error, otherwise through the one validation a file goes through.

    :raises DataError: as :meth:`~goalkit.data.Dataset.from_records` says.
    """
    try:
        return _plain(people, events, answers)
    except Exception:  # _Doubt, a DataError, or a host's value that fails
        # a comparison or a conversion: validation decides, cell by cell (:func:`cell`)
        return _validated(people, events, answers, source=source, strict=strict)


participant_rows = _participants
event_rows = _events
response_rows = _responses
