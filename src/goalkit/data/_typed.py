"""Records of exactly the types kept, read in one pass: the lean path of a page view.

A host's records usually hold exactly what a data set keeps: ids and texts as ``str``,
dates as :class:`datetime.date`, scores as ``float`` or ``int``, in dicts of the table's
own columns. :func:`typed_people` and :func:`typed_links` take such tables in one pass each,
checking each distinct text once and every value by its exact type, and give the rows the
value-by-value reading (:mod:`goalkit.data._rows`) would give. Anything else (a date as
text, a goalkit record, a column missing or one more, a doubtful text) makes them answer
``None``, and the value-by-value reading or validation decides, with the same messages as
for a file. ``tests/test_records_lean.py`` holds the two readings together.

While reading events and answers, :func:`typed_links` also groups each participant's of
them (:class:`Grouped`, finished by :func:`settled_facts`): the plain-Python executor's
index of a data set (``goalkit.engine._prepared``) then needs no second pass over the
tables to group them.

Measured on the benchmark's records (300 people, 908 events, 1,775 answers; the fastest of
200 in one process on the development machine): ``Dataset.from_records`` took 3.6 ms
reading value by value, 1.6 ms with these, 2.7 ms with these grouping the facts too; the
index built from it then took 0.6 ms instead of 2.0 ms (``goalkit.engine._prepared``).
"""

from __future__ import annotations

import datetime as dt
import re
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

from goalkit.data._schema import MAX_TEXT, YEARS

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "DOUBTFUL",
    "PARTICIPANT_FIELDS",
    "SCORE_LIMIT",
    "Facts",
    "Grouped",
    "add_fact",
    "settled_facts",
    "typed_links",
    "typed_people",
]

Facts = tuple[dict[str, Any], dict[tuple[str, str], Any], dt.date]
"""One participant's facts: their event dates by kind, their answers (date and score) by
phase and question, each group a sorted tuple, and the latest date among their
enrolment, exit, events and answers."""

DOUBTFUL = re.compile(
    r"(?:^|\n)\s|\s(?:\n|$)|\x00|[\ud800-\udfff]"
    r"|\d{6}[ \u00a0\u2007\u2009\u200b\u202f\u2060]?[-+_\u00ad\u2010-\u2015\u2212\ufe63\uff0d]?"
    r"[ \u00a0\u2007\u2009\u200b\u202f\u2060]?\d{4}")
"""In text cells joined by line breaks: a cell that starts or ends with a space or a line
break (or is empty), a NUL, a lone surrogate (no character: a JSON ``\\ud800``), or
something like a personal identity number (:data:`goalkit.data._privacy.PERSONAL_NUMBER`,
spelled out: ``tests/test_data_sources_hostile.py`` holds the two together)."""
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
    what: Literal["event", "answer"], grouped: Grouped | None = None,
) -> tuple[tuple[Any, ...], list[int], Grouped] | None:
    """Events or answers as rows, the numbers of those dated before enrolment, and each
    participant's of them grouped (:class:`Grouped`), in one pass, when every row is a dict
    of exactly the table's columns holding values of exactly the types kept (a known
    participant's id, a date, texts, a finite score within the limit) and no text is
    doubtful (:data:`DOUBTFUL`); ``None`` for anything else, which the value-by-value
    reading decides (``goalkit.data._rows._read_links``). The common case of a host's
    records, read without a call per row: each distinct text is checked once, and the
    grouping the plain-Python executor needs costs no second pass. Events and answers
    may be grouped into one :class:`Grouped` (``grouped``; by default a new one)."""
    if grouped is None:
        grouped = Grouped(enrolled)
    try:
        found = (_typed_answers(rows, len(allowed), grouped) if what == "answer"
                 else _typed_events(rows, len(allowed), grouped))
    except (KeyError, TypeError):  # a column missing, a value that cannot be a key (a list)
        return None
    return None if found is None else (*found, grouped)


class Grouped:
    """Events and answers grouped per participant as they are read: events' dates by
    kind, answers' date and score by phase and question, each group a tuple in the order
    read; and each participant's latest fact. :func:`settled_facts` sorts the groups of
    more than one, which are listed as they form (few: most groups hold one fact)."""

    __slots__ = ("of", "several")

    def __init__(self, enrolled: Mapping[str, dt.date]) -> None:
        self.of: dict[str, list[Any]] = {pid: [{}, {}, since, since]
                                         for pid, since in enrolled.items()}
        """Per participant id, their events' groups by kind, their answers' groups by phase
        and question, the latest date seen (at first their enrolment), and their
        enrolment."""
        self.several: list[tuple[dict[Any, Any], Any]] = []
        """Each group of more than one fact, as its participant's groups and its key."""

    def add(self, groups: dict[Any, Any], key: Any, fact: Any) -> None:
        """One more fact in a participant's group that holds some already (``groups``:
        their events' or answers' groups)."""
        group = groups[key]
        if len(group) == 1:
            self.several.append((groups, key))
        groups[key] = add_fact(group, fact)


def add_fact(group: Any, fact: Any) -> Any:
    """A group of facts with one more: a short one stays a tuple, a long one becomes a
    list (so that a person with thousands of events of one kind costs no more than linear
    time)."""
    if type(group) is list:
        group.append(fact)
        return group
    return (*group, fact) if len(group) < _SHORT else [*group, fact]


_SHORT = 8
"""The longest group of facts kept as a tuple while it is grouped."""


def settled_facts(
    participants: tuple[Mapping[str, Any], ...], grouped: Grouped,
) -> dict[str, Facts]:
    """Each participant's grouped events and answers, each group of more than one sorted
    (answers by date, and on one day by score), with the date of their latest fact (their
    enrolment, their exit, or the latest event or answer). The groups are the ones given,
    sorted where they are: the caller hands over what nobody else holds."""
    for groups, key in grouped.several:
        groups[key] = tuple(sorted(groups[key]))
    out: dict[str, Facts] = {}
    of = grouped.of
    for row in participants:
        pid, exited = row["participant_id"], row["exited"]
        own_events, own_answers, latest, _ = of[pid]
        if exited is not None and exited > latest:
            latest = exited
        out[pid] = (own_events, own_answers, latest)
    return out


def _typed_events(rows: list[Any], width: int, grouped: Grouped,
                  ) -> tuple[tuple[Any, ...], list[int]] | None:
    out: list[Any] = []
    early: list[int] = []
    kinds: set[str] = set()
    first, last, known, add = _FIRST_DAY, _LAST_DAY, grouped.of, grouped.add
    pid: Any
    kind: Any
    for i, r in enumerate(rows, start=1):
        if type(r) is not dict or len(r) != width:  # then every column is one of the table's
            return None
        pid, when, kind = r["participant_id"], r["date"], r["kind"]
        own = known.get(pid)  # a known participant's id: checked with the participants
        if (own is None or type(when) is not dt.date or not first <= when <= last
                or type(pid) is not str or type(kind) is not str):  # a str subclass: its text
            return None
        if kind not in kinds:
            if not 0 < len(kind) <= MAX_TEXT:
                return None
            kinds.add(kind)
        groups, _, latest, since = own
        if when < since:
            early.append(i)
        elif when > latest:
            own[2] = when
        if kind in groups:
            add(groups, kind, when)
        else:
            groups[kind] = (when,)
        out.append((pid, when, kind))
    if DOUBTFUL.search("\n".join(kinds)):
        return None
    return tuple(out), early


def _typed_answers(rows: list[Any], width: int, grouped: Grouped,
                   ) -> tuple[tuple[Any, ...], list[int]] | None:
    """Answers as :func:`typed_links` reads them. Each phase and question is one key,
    made (and its texts checked) when the pair is first seen and shared by every
    participant's groups: on the benchmark's 1,775 answers (eight distinct pairs) reading
    them took 1.0 ms instead of 1.27 ms with a key made and two texts looked up per answer
    (medians of 400 in one process), and a call keeps some 1,700 fewer objects alive for
    the garbage collector to look at."""
    out: list[Any] = []
    early: list[int] = []
    texts: set[str] = set()
    keys: dict[str, dict[str, tuple[str, str]]] = {}
    first, last, limit, known, add = _FIRST_DAY, _LAST_DAY, SCORE_LIMIT, grouped.of, grouped.add
    pid: Any
    score: Any
    for i, r in enumerate(rows, start=1):
        if type(r) is not dict or len(r) != width:  # then every column is one of the table's
            return None
        pid, when, score = r["participant_id"], r["date"], r["score"]
        own = known.get(pid)  # a known participant's id: checked with the participants
        if own is None or type(when) is not dt.date or not first <= when <= last:
            return None
        phase, question = r["phase"], r["question"]
        if type(pid) is not str or type(phase) is not str or type(question) is not str:
            return None  # a str subclass equal to a text seen (np.str_): read as its text
        of_phase = keys.get(phase)  # one key for each phase and question (few), made once
        key = None if of_phase is None else of_phase.get(question)
        if key is None:  # a new pair: each text checked when first seen
            if phase not in texts:
                if not 0 < len(phase) <= MAX_TEXT:
                    return None
                texts.add(phase)
            if question not in texts:
                if not 0 < len(question) <= MAX_TEXT:
                    return None
                texts.add(question)
            key = keys.setdefault(phase, {}).setdefault(question, (phase, question))
        kind = type(score)  # finite and within the limit (a NaN is not)
        if kind is float:
            if not -limit <= score <= limit:
                return None
        elif kind is int and -limit <= score <= limit:
            score = float(score)
        else:
            return None
        _, groups, latest, since = own
        if when < since:
            early.append(i)
        elif when > latest:
            own[2] = when
        if key in groups:
            add(groups, key, (when, score))
        else:
            groups[key] = ((when, score),)
        out.append((pid, when, phase, question, score))
    if DOUBTFUL.search("\n".join(texts)):
        return None
    return tuple(out), early
