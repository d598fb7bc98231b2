"""Records of exactly the types kept, read in one pass: the lean path of a page view.

A host's records usually hold exactly what a data set keeps: ids and texts as ``str``,
dates as :class:`datetime.date`, scores as ``float`` or ``int``, in dicts of the table's
own columns. :func:`typed_people` and :func:`typed_links` take such tables in one pass each,
checking each distinct text once and every value by its exact type, and give the rows the
value-by-value reading (:mod:`goalkit.data._rows`) would give. Anything else (a date as
text, a goalkit record, a column missing or one more, a doubtful text) makes them answer
``None``, and the value-by-value reading or validation decides, with the same messages as
for a file. ``tests/test_records_lean.py`` holds the two readings together.

Measured on the benchmark's records (300 people, 908 events, 1,775 answers; the fastest of
200 in one process on the development machine): ``Dataset.from_records`` took 3.6 ms
reading value by value, 1.6 ms with these.
"""

from __future__ import annotations

import datetime as dt
import re
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

from goalkit.data._schema import MAX_TEXT, YEARS

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["DOUBTFUL", "PARTICIPANT_FIELDS", "SCORE_LIMIT", "typed_links", "typed_people"]

DOUBTFUL = re.compile(r"(?:^|\n)\s|\s(?:\n|$)|\x00|\d{6}[-+ ]?\d{4}")
"""In text cells joined by line breaks: a cell that starts or ends with a space or a line
break (or is empty), a NUL, or something like a personal identity number."""
SCORE_LIMIT = 1e6
"""A score on no declared scale beyond this is out of range (as in a file)."""
PARTICIPANT_FIELDS = ("participant_id", "enrolled", "sex", "birth_date", "birth_year",
                      "exited", "exit_reason")
"""goalkit's own participant columns; any other is an extra one."""

_FIELDS = frozenset(PARTICIPANT_FIELDS)


def typed_people(
    rows: list[Any],
) -> tuple[tuple[Mapping[str, Any], ...], set[Any]] | None:
    """Participants as rows, and every column name, in one pass, when every row is a dict
    whose values are exactly of the types kept and pass every check of one participant
    (``_check_participant``), ids are distinct, extra columns hold single values (a
    number within a billion) and no text is doubtful (:data:`DOUBTFUL`); ``None`` for
    anything else, which the value-by-value reading decides
    (:func:`goalkit.data._rows.participant_rows`). The rows are those it gives: the extra
    columns first, then goalkit's own."""
    out: list[Mapping[str, Any]] = []
    ids: set[str] = set()
    texts: set[str] = set()
    keys: set[Any] = set()
    first, last, (low, high), most = _FIRST_DAY, _LAST_DAY, YEARS, MAX_TEXT
    pid: Any
    for r in rows:
        if type(r) is not dict:
            return None
        keys.update(r)
        pid, enrolled, exited = r.get("participant_id"), r.get("enrolled"), r.get("exited")
        born, year, sex, reason = (r.get("birth_date"), r.get("birth_year"), r.get("sex"),
                                   r.get("exit_reason"))
        if not (type(pid) is str and 0 < len(pid) <= most and pid not in ids
                and type(enrolled) is dt.date and first <= enrolled <= last
                and (exited is None or (type(exited) is dt.date and enrolled <= exited <= last))
                and (born is None or (type(born) is dt.date and first <= born <= enrolled))
                and (year is None or (type(year) is int and low <= year <= high))
                and (sex is None or (type(sex) is str and 0 < len(sex) <= most))
                and (reason is None or (type(reason) is str and 0 < len(reason) <= most))):
            return None
        ids.add(pid)
        texts.add(pid)
        if sex is not None:
            texts.add(sex)
        if reason is not None:
            texts.add(reason)
        clean = {k: v for k, v in r.items() if k not in _FIELDS}
        for v in clean.values():
            kind = type(v)
            if kind is str:
                if len(v) > most:
                    return None
                texts.add(v)
            elif kind is int or kind is float:
                if not -1e9 < v < 1e9:  # a NaN is not; ten digits may be a personal number
                    return None
            elif v is not None and kind is not dt.date:
                return None
        clean["participant_id"], clean["enrolled"] = pid, enrolled  # in _participants' order
        clean["exited"], clean["birth_date"], clean["birth_year"] = exited, born, year
        clean["sex"], clean["exit_reason"] = sex, reason
        out.append(MappingProxyType(clean))
    if DOUBTFUL.search("\n".join(texts)):
        return None
    return tuple(out), keys


_FIRST_DAY, _LAST_DAY = dt.date(YEARS[0], 1, 1), dt.date(YEARS[1], 12, 31)


def typed_links(
    rows: list[Any], allowed: frozenset[str], enrolled: Mapping[str, dt.date],
    what: Literal["event", "answer"],
) -> tuple[tuple[Any, ...], list[int]] | None:
    """Events or answers as rows, and the numbers of those dated before enrolment, in one
    pass, when every row is a dict of exactly the table's columns holding values of exactly
    the types kept (a known participant's id, a date, texts, a finite score within the
    limit) and no text is doubtful (:data:`DOUBTFUL`); ``None`` for anything else, which
    the value-by-value reading decides (``goalkit.data._rows._read_links``). The common
    case of a host's records, read without a call per row: each distinct text is checked
    once."""
    try:
        if what == "answer":
            return _typed_answers(rows, len(allowed), enrolled)
        return _typed_events(rows, len(allowed), enrolled)
    except (KeyError, TypeError):  # a column missing, a value that cannot be a key (a list)
        return None


def _typed_events(rows: list[Any], width: int, enrolled: Mapping[str, dt.date],
                  ) -> tuple[tuple[Any, ...], list[int]] | None:
    out: list[Any] = []
    early: list[int] = []
    kinds: set[str] = set()
    first, last = _FIRST_DAY, _LAST_DAY
    pid: Any
    kind: Any
    for i, r in enumerate(rows, start=1):
        if type(r) is not dict or len(r) != width:  # then every column is one of the table's
            return None
        pid, when, kind = r["participant_id"], r["date"], r["kind"]
        since = enrolled.get(pid)  # a known participant's id: checked with the participants
        if since is None or type(when) is not dt.date or not first <= when <= last:
            return None
        if when < since:
            early.append(i)
        if kind not in kinds:
            if type(kind) is not str or not 0 < len(kind) <= MAX_TEXT:
                return None
            kinds.add(kind)
        out.append((pid, when, kind))
    if DOUBTFUL.search("\n".join(kinds)):
        return None
    return tuple(out), early


def _typed_answers(rows: list[Any], width: int, enrolled: Mapping[str, dt.date],
                   ) -> tuple[tuple[Any, ...], list[int]] | None:
    out: list[Any] = []
    early: list[int] = []
    texts: set[str] = set()
    first, last, limit = _FIRST_DAY, _LAST_DAY, SCORE_LIMIT
    pid: Any
    score: Any
    for i, r in enumerate(rows, start=1):
        if type(r) is not dict or len(r) != width:  # then every column is one of the table's
            return None
        pid, when, score = r["participant_id"], r["date"], r["score"]
        since = enrolled.get(pid)  # a known participant's id: checked with the participants
        if since is None or type(when) is not dt.date or not first <= when <= last:
            return None
        if when < since:
            early.append(i)
        phase, question = r["phase"], r["question"]
        if phase not in texts:
            if type(phase) is not str or not 0 < len(phase) <= MAX_TEXT:
                return None
            texts.add(phase)
        if question not in texts:
            if type(question) is not str or not 0 < len(question) <= MAX_TEXT:
                return None
            texts.add(question)
        kind = type(score)  # finite and within the limit (a NaN is not)
        if kind is float:
            if not -limit <= score <= limit:
                return None
        elif kind is int and -limit <= score <= limit:
            score = float(score)
        else:
            return None
        out.append((pid, when, phase, question, score))
    if DOUBTFUL.search("\n".join(texts)):
        return None
    return tuple(out), early
