"""The lean path of ``Dataset.from_records`` (issue 14 point 5): participants, events and
answers whose values are exactly of the kept types are read in one pass
(``goalkit.data._typed``); any other table is read value by value or by validation. The one
pass must take nothing that the value-by-value reading would refuse or leave to validation,
and must give the same rows (and the same early rows) when it takes them."""

from __future__ import annotations

import copy
import datetime as dt
import decimal
from typing import Any

import attrs
import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from goalkit import DataError, Dataset, evaluate, load_goals
from goalkit.data._rows import (
    _EVENT_KEYS,
    _RESPONSE_KEYS,
    _as_mapping,
    _Doubt,
    _events,
    _participants,
    _plain_cells,
    _plain_keys,
    _read_links,
    _responses,
)
from goalkit.data._typed import typed_links, typed_people
from goalkit.model._records import Event

ENROLLED = {"a": dt.date(2015, 3, 1), "b": dt.date(2016, 1, 1)}

_GOOD = {"participant_id": st.sampled_from(["a", "b"]),
         "date": st.dates(dt.date(2014, 1, 1), dt.date(2017, 1, 1)),
         "kind": st.sampled_from(["offer", "course"]),
         "phase": st.sampled_from(["entry", "exit"]),
         "question": st.sampled_from(["wellbeing", "satisfied"]),
         "score": st.one_of(st.integers(1, 5), st.floats(1, 5))}
"""Values of the common case: the one pass takes them."""

_TEXTS = st.one_of(
    st.sampled_from([" offer", "offer ", "", "x" * 600, "850101-1234", "a\x00b", "ok\nno", 3,
                     True, 3.5, ["offer"], dt.date(2015, 1, 1), np.str_("offer"),
                     np.str_("850101-1234"), "off\ud800er", float("nan")]),
    st.text(max_size=4),
)
_ODD = {
    "participant_id": st.sampled_from(["c", " a", "a ", "", 7, True, ["a"], None]),
    "date": st.one_of(st.dates(dt.date(1, 1, 1), dt.date(1899, 12, 31)),
                      st.dates(dt.date(2101, 1, 1), dt.date(9999, 12, 31)),
                      st.datetimes(dt.datetime(2014, 1, 1), dt.datetime(2017, 1, 1)),
                      st.sampled_from(["2015-04-01", "1.4.2015", "", None, 20150401,
                                       "20150401", " ", float("nan"), np.datetime64("2015-04-01"),
                                       "２０１５-04-01"])),
    "kind": _TEXTS, "phase": _TEXTS, "question": _TEXTS,
    "score": st.one_of(st.integers(-(10**7), 10**7),
                       st.sampled_from([10**400, -(10**400), True, None, "4", "4,5", 10**6,
                                        10**6 + 1, 1e6, 1e6 + 0.5, "4_0", "٤", "1e3",
                                        decimal.Decimal(4), decimal.Decimal("sNaN"),
                                        np.float64(4.0), np.int64(4)]),
                       st.floats(allow_nan=True, allow_infinity=True)),
}
"""Values of every other kind: types the reading converts or refuses, texts validation
looks at, numbers beyond the limit or not finite."""


@st.composite
def _tables(draw: st.DrawFn, names: tuple[str, ...]) -> list[Any]:
    """Rows of the common case, one of them (if any) odd in one way: a value of another
    kind, a column missing or one more, a row that is no dict."""
    rows: list[Any] = [{n: draw(_GOOD[n]) for n in names}
                       for _ in range(draw(st.integers(1, 5)))]
    at = draw(st.integers(0, len(rows)))  # len(rows): none is odd
    if at < len(rows):
        name = draw(st.sampled_from(names))
        how = draw(st.sampled_from(["value", "value", "value", "missing", "more", "no dict"]))
        if how == "value":
            rows[at][name] = draw(_ODD[name])
        elif how == "missing":
            del rows[at][name]
        elif how == "more":
            rows[at][draw(st.sampled_from(["extra", " date"]))] = "1"
        else:
            rows[at] = tuple(rows[at].values())
    return rows


def _value_by_value(rows: list[Any], allowed: frozenset[str], parse: Any) -> Any:
    try:
        return _read_links(rows, allowed, parse, ENROLLED)
    except (_Doubt, TypeError, DataError) as e:  # validation decides
        return type(e)


@given(_tables(("participant_id", "date", "kind")))
def test_one_pass_takes_events_as_read_value_by_value(rows: list[Any]) -> None:
    """Events the one pass takes are exactly what the value-by-value reading gives."""
    fast = typed_links(rows, _EVENT_KEYS, ENROLLED, "event")
    if fast is not None:
        assert _value_by_value(rows, _EVENT_KEYS, _events) == fast[:2]


@given(_tables(("participant_id", "date", "phase", "question", "score")))
def test_one_pass_takes_answers_as_read_value_by_value(rows: list[Any]) -> None:
    """Answers the one pass takes are exactly what the value-by-value reading gives (a
    score as a float, a NaN, an infinity or a number beyond the limit never taken)."""
    fast = typed_links(rows, _RESPONSE_KEYS, ENROLLED, "answer")
    if fast is not None:
        assert _value_by_value(rows, _RESPONSE_KEYS, _responses) == fast[:2]


@given(_tables(("participant_id", "date", "kind")),
       _tables(("participant_id", "date", "phase", "question", "score")))
def test_facts_grouped_while_read_are_those_grouped_after(events: list[Any],
                                                          answers: list[Any]) -> None:
    """Records read in one pass carry each participant's facts grouped as they were read,
    and these are exactly what grouping the rows afterwards gives (each group sorted, the
    latest fact's date); records read any other way carry none. Nothing a data set holds
    is changed by evaluating it."""
    from goalkit.engine._prepared import _grouped  # noqa: PLC0415 - the executor's own grouping

    people = [{"participant_id": p, "enrolled": d} for p, d in ENROLLED.items()]
    try:
        data = Dataset.from_records(people, events, answers, strict=False)
    except DataError:  # a row no file could hold either: nothing to compare
        return
    records = data.records
    assert records is not None
    one_pass = (typed_links(events, _EVENT_KEYS, ENROLLED, "event") is not None
                and typed_links(answers, _RESPONSE_KEYS, ENROLLED, "answer") is not None)
    assert (records.facts is not None) == one_pass
    if records.facts is not None:
        grouped = _grouped(attrs.evolve(records, facts=None))
        assert records.facts == grouped
        assert all(type(g) is tuple for f in grouped.values() for part in f[:2]
                   for g in part.values())
        before = copy.deepcopy(records.facts)
        evaluate(load_goals("examples/quickstart/goals.toml"), data, dt.date(2016, 6, 1))
        assert records.facts == before


_PEOPLE_GOOD = {
    "enrolled": st.dates(dt.date(2014, 1, 1), dt.date(2016, 12, 31)),
    "exited": st.one_of(st.none(), st.dates(dt.date(2017, 1, 1), dt.date(2018, 1, 1))),
    "birth_date": st.one_of(st.none(), st.dates(dt.date(1950, 1, 1), dt.date(2000, 1, 1))),
    "birth_year": st.one_of(st.none(), st.integers(1950, 2000)),
    "sex": st.sampled_from(["F", "M", "X", None]),
    "exit_reason": st.sampled_from(["work", None]),
    "project": st.one_of(st.sampled_from(["p1", "p2", None]), st.integers(0, 9),
                         st.floats(0, 9), st.dates(dt.date(2014, 1, 1), dt.date(2015, 1, 1))),
}
_PEOPLE_ODD = st.one_of(
    _ODD["date"], _ODD["participant_id"], _ODD["score"], _TEXTS,
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)), st.integers(1800, 2200),
)


@st.composite
def _people(draw: st.DrawFn) -> list[Any]:
    """Participants of the common case, one of them (if any) odd in one way."""
    rows: list[Any] = []
    for i in range(draw(st.integers(1, 5))):
        row = {"participant_id": f"p{i}", **{n: draw(v) for n, v in _PEOPLE_GOOD.items()}}
        if draw(st.booleans()):
            del row["project"]
        rows.append(row)
    at = draw(st.integers(0, len(rows)))
    if at < len(rows):
        name = draw(st.sampled_from(["participant_id", *_PEOPLE_GOOD, "extra", 5, " x"]))
        how = draw(st.sampled_from(["value", "value", "value", "same id", "no dict"]))
        if how == "value":
            rows[at][name] = draw(_PEOPLE_ODD)
        elif how == "same id":
            rows[at]["participant_id"] = rows[0]["participant_id"]
        else:
            rows[at] = tuple(rows[at].values())
    return rows


@given(_people())
def test_one_pass_takes_participants_as_read_value_by_value(rows: list[Any]) -> None:
    """Participants the one pass takes are exactly what the value-by-value reading gives,
    in the same order of columns, and it takes none the value-by-value reading leaves to
    validation."""
    fast = typed_people(rows)
    if fast is None:
        return
    try:
        _plain_keys(fast[1])  # a column name validation must see: neither way takes them
    except _Doubt:
        return
    maps = [_as_mapping(r) for r in rows]
    _plain_cells(maps)  # raises for what validation must see
    slow = _participants(maps)
    assert [list(p.items()) for p in fast[0]] == [list(p.items()) for p in slow]


def test_one_pass_is_taken_for_plain_rows_and_gives_the_same_data_set() -> None:
    """The common case takes the one pass; a data set built from goalkit records (read
    value by value) equals it, warnings of early rows included."""
    people = [{"participant_id": p, "enrolled": d} for p, d in ENROLLED.items()]
    events = [{"participant_id": "a", "date": dt.date(2015, 2, 1), "kind": "offer"},
              {"participant_id": "b", "date": dt.date(2016, 2, 1), "kind": "offer"}]
    fast = typed_links(events, _EVENT_KEYS, ENROLLED, "event")
    assert fast is not None
    assert fast[:2] == (
        (("a", dt.date(2015, 2, 1), "offer"), ("b", dt.date(2016, 2, 1), "offer")), [1])
    assert {pid: own[0] for pid, own in fast[2].of.items()} == {
        "a": {"offer": (dt.date(2015, 2, 1),)}, "b": {"offer": (dt.date(2016, 2, 1),)}}
    plain = Dataset.from_records(people, events)
    records = Dataset.from_records(people, [Event(e["participant_id"], e["date"], e["kind"])
                                            for e in events])
    assert plain.records is not None
    assert records.records is not None
    assert plain.records.events == records.records.events
    assert plain.records.participants == records.records.participants
    assert plain.issues == records.issues
    assert [i.code for i in plain.issues] == ["event_before_enrolment"]


def test_early_rows_beyond_the_listed_ones_are_counted() -> None:
    """Many rows dated before enrolment: the first ones listed, every one counted."""
    from goalkit.data._problems import ROW_ISSUE_LIMIT  # noqa: PLC0415

    people = [{"participant_id": "a", "enrolled": dt.date(2015, 3, 1)}]
    n = ROW_ISSUE_LIMIT + 7
    events = [{"participant_id": "a", "date": dt.date(2015, 1, 1), "kind": "offer"}] * n
    issues = Dataset.from_records(people, events).issues
    assert sum(i.count for i in issues) == n
    assert len(issues) == ROW_ISSUE_LIMIT + 1


def test_everyones_answers_to_one_question_share_one_key() -> None:
    """Answers read in one pass are grouped under one key object for each phase and
    question, shared by every participant's groups (made once for the table, not once an
    answer), and the groups are still those grouping the rows afterwards gives."""
    from goalkit.engine._prepared import _grouped  # noqa: PLC0415 - the executor's own grouping

    answers = [{"participant_id": pid, "date": dt.date(2016, 2, day), "phase": phase,
                "question": question, "score": day}
               for day, pid in enumerate(ENROLLED, start=1)
               for phase in ("entry", "exit") for question in ("wellbeing", "satisfied")]
    fast = typed_links(answers, _RESPONSE_KEYS, ENROLLED, "answer")
    assert fast is not None
    first, second = (list(own[1]) for own in fast[2].of.values())
    assert first == second == [("entry", "wellbeing"), ("entry", "satisfied"),
                               ("exit", "wellbeing"), ("exit", "satisfied")]
    assert all(a is b for a, b in zip(first, second, strict=True))
    people = [{"participant_id": p, "enrolled": d} for p, d in ENROLLED.items()]
    records = Dataset.from_records(people, (), answers).records
    assert records is not None
    assert records.facts == _grouped(attrs.evolve(records, facts=None))
