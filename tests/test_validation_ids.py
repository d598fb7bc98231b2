"""Events' and answers' participant ids: looked at for white space only where the join to
the participants does not find them, joined on their hashes when the participants' ids
hash to values of their own, and looked up by number when the participants' ids are whole
numbers written plainly and close together. None of these changes what validation says
or keeps.

Each property compares validation as it is with validation as it was: every id looked at
cell by cell before any check (:func:`goalkit.data._checks.ids_looked_at_later` naming no
table), and joined on the ids themselves (:func:`goalkit.data._table.key_hash` the same
for every id, so that no participants' ids hash to values of their own, and
:func:`goalkit.data._table.by_number` finding no numbers). A hash that
gives many ids alike (their length) makes the join on hashes find ids it must then
refuse, which no 64-bit hash would do in a test.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from goalkit.data import _checks, _table, _validate
from goalkit.data._mapping import ColumnMapping
from goalkit.data._raw import RawData
from goalkit.data._schema import MAX_TEXT
from goalkit.data._sources import frame_table
from goalkit.data._validate import clean

IDS = ["A", "B", "AB", " A", "A ", "\tB\u00a0", "AB ", "", "  ", None,
       "a" * MAX_TEXT + " ", " " + "b" * MAX_TEXT, "c" * (MAX_TEXT + 1), "\x00list"]
"""Ids as a typed source may hold them: found or not, with white space to strip (one
only too long before it is stripped), empty, missing, too long, no single value."""

_ids = st.sampled_from(IDS)
_days = st.integers(0, 3).map(lambda d: dt.date(2020, 1, 1) + dt.timedelta(days=d))


NUMBERS = ["0", "1", "2", "3", "7", "12"]
"""Ids that are whole numbers written plainly, close together."""
SPELLINGS = [*NUMBERS, "07", "+7", "-7", "-07", "00", "-0", "+0", "012", "1 ", " 2",
             "٣", "1.0", "1e1", "99999999999999999999", "9223372036854775807",
             "-9223372036854775808", "A"]
"""The same numbers written otherwise (each a text of its own, never the plain one's), a
number too large for 64 bits, the largest and least that are not."""


@st.composite
def _data(draw: st.DrawFn, people_ids: st.SearchStrategy[str | None] = _ids,
          row_ids: st.SearchStrategy[str | None] = _ids) -> dict[str, pl.DataFrame]:
    people = draw(st.lists(st.tuples(people_ids, _days), min_size=2, max_size=6))
    events = draw(st.lists(st.tuples(row_ids, _days), max_size=8))
    answers = draw(st.lists(st.tuples(row_ids, _days), max_size=8))
    frames = {"participants": pl.DataFrame(
        {"participant_id": [p for p, _ in people], "enrolled": [d for _, d in people]},
        schema={"participant_id": pl.String, "enrolled": pl.Date})}
    if draw(st.booleans()):
        frames["events"] = pl.DataFrame(
            {"participant_id": [p for p, _ in events], "date": [d for _, d in events],
             "kind": ["employment_offer"] * len(events)},
            schema={"participant_id": pl.String, "date": pl.Date, "kind": pl.String})
    if draw(st.booleans()):
        frames["responses"] = pl.DataFrame(
            {"participant_id": [p for p, _ in answers], "date": [d for _, d in answers],
             "phase": ["entry"] * len(answers), "question": ["q"] * len(answers),
             "score": [3.0] * len(answers)},
            schema={"participant_id": pl.String, "date": pl.Date, "phase": pl.String,
                    "question": pl.String, "score": pl.Float64})
    return frames


def _validated(frames: dict[str, pl.DataFrame]) -> tuple[Any, dict[str, list[dict[str, Any]]]]:
    raw = RawData({name: frame_table(f, f"{name}.parquet") for name, f in frames.items()},
                  "data")
    found = clean(raw, ColumnMapping())
    return found.issues, {name: f.collect().to_dicts() for name, f in found.frames.items()}


def _as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every id looked at cell by cell before the checks, and joined as text."""
    monkeypatch.setattr(_validate, "ids_looked_at_later", lambda _: [])
    monkeypatch.setattr(_table, "key_hash", lambda e: e.is_null().cast(pl.UInt64) * 0)
    monkeypatch.setattr(_table, "by_number", lambda other: (other.collect(), None))


def _alike(e: pl.Expr) -> pl.Expr:
    """A hash that many ids share: their length."""
    return e.str.len_bytes().cast(pl.UInt64)


@given(_data())
def test_ids_looked_at_after_the_join_are_checked_as_before(
    frames: dict[str, pl.DataFrame],
) -> None:
    """The same problems (messages, rows, counts) and the same rows kept, with the same
    ids, whether the ids of events and answers are looked at for white space before
    their checks, every cell, or after their join, those not found."""
    now = _validated(frames)
    with pytest.MonkeyPatch.context() as m:
        _as_before(m)
        before = _validated(frames)
    assert now == before


@given(_data())
def test_a_join_on_hashes_finds_what_a_join_on_ids_finds(
    frames: dict[str, pl.DataFrame],
) -> None:
    """Joined on hashes that many ids share (found by their hash, then refused when the
    id is another), events and answers have the same problems and rows kept as when
    joined on the ids themselves."""
    with pytest.MonkeyPatch.context() as m:
        m.setattr(_table, "key_hash", _alike)
        alike = _validated(frames)
    with pytest.MonkeyPatch.context() as m:
        _as_before(m)
        before = _validated(frames)
    assert alike == before


def test_only_the_ids_not_found_are_looked_at(monkeypatch: pytest.MonkeyPatch) -> None:
    """Events whose ids are all among the participants are not looked at for white
    space; an id not found with white space to strip is found, stripped, and its event
    kept (the participant is there)."""
    people = pl.DataFrame({"participant_id": ["P1", "P2"],
                           "enrolled": [dt.date(2020, 1, 1)] * 2})
    looked: list[int] = []
    odd = _checks.odd_ids

    def counted(tables: Any) -> Any:
        out = odd(tables)
        looked.append(len(out))
        return out

    monkeypatch.setattr(_validate, "odd_ids", counted)
    for ids, stripped in ((["P1", "P2", "P1"], 0), (["P1", " P2", "P1"], 1)):
        events = pl.DataFrame({"participant_id": ids, "date": [dt.date(2020, 2, 1)] * 3,
                               "kind": ["employment_offer"] * 3})
        issues, kept = _validated({"participants": people, "events": events})
        assert looked.pop() == stripped
        assert [e["participant_id"] for e in kept["events"]] == ["P1", "P2", "P1"]
        assert not [i for i in issues if i.code == "unknown_participant"]


@given(_data(st.one_of(st.sampled_from(NUMBERS), st.sampled_from(SPELLINGS)),
             st.sampled_from([*SPELLINGS, None])))
def test_ids_looked_up_by_number_are_found_as_by_a_join_on_the_ids(
    frames: dict[str, pl.DataFrame],
) -> None:
    """Participants' ids that are whole numbers (looked up by number, with room for
    every number in the tests' range), events' and answers' ids the same numbers
    written otherwise: the same problems and rows kept as when joined on the ids."""
    with pytest.MonkeyPatch.context() as m:
        m.setattr(_table, "_SLOTS_A_KEY", 10**6)
        numbered = _validated(frames)
    with pytest.MonkeyPatch.context() as m:
        _as_before(m)
        before = _validated(frames)
    assert numbered == before


def _other(*keys: str | None) -> pl.DataFrame:
    return pl.DataFrame({_table.KEY: list(keys), "x": list(range(len(keys)))},
                        schema={_table.KEY: pl.String, "x": pl.Int64})


def _by_number(*keys: str | None) -> Any:
    """The lookup :func:`goalkit.data._table.by_number` gives for ``keys`` (``None``
    where it joins instead); the keys collected as given either way."""
    other, looked_up = _table.by_number(_other(*keys).lazy())
    assert other.equals(_other(*keys))
    return looked_up


@pytest.mark.parametrize(("keys", "numbered"), [
    (("1", "2", "3"), True),
    (("-1", "0", "1", "3"), True),  # four keys, five slots
    (("9223372036854775806", "9223372036854775807"), True),
    (("1", "5"), False),  # five slots for two keys: too far apart
    (("01", "2"), False),  # a key not written plainly
    (("+1", "2"), False),
    (("1", "2", None), False),
    (("1", "A"), False),
    ((), False),
])
def test_which_keys_are_looked_up_by_number(keys: tuple[str | None, ...],
                                            numbered: bool) -> None:
    """Only keys all written plainly, and close together, are looked up by number."""
    assert (_by_number(*keys) is not None) == numbered


def test_a_key_found_by_number_is_the_key_itself() -> None:
    """A row finds the slot of its number only spelled as the key in it; each of the
    other columns read from the slot found, empty where none is (the numbers polars
    reads from texts, which the lookup relies on, checked with them)."""
    looked_up = _by_number("-1", "0", "7", "5", "3")
    assert looked_up is not None
    rows = ["7", "07", "+7", "-0", "0", "+0", "00", "-1", "-01", "5", "6", "8", " 7",
            "99999999999999999999", None]
    got = looked_up(pl.DataFrame({_table.KEY: rows}, schema={_table.KEY: pl.String})
                    .lazy()).collect()
    assert got.get_column("x").to_list() == [
        2, None, None, None, 1, None, None, 0, None, 3, None, None, None, None, None]
    in_order = _by_number("5", "6", "7", "8")  # each row its own slot
    assert in_order is not None
    got = in_order(pl.DataFrame({_table.KEY: rows}, schema={_table.KEY: pl.String})
                   .lazy()).collect()
    assert got.get_column("x").to_list() == [
        2, None, None, None, None, None, None, None, None, 0, 1, 3, None, None, None]
    numbers = pl.Series(rows, dtype=pl.String).str.to_integer(strict=False).to_list()
    assert numbers == [7, 7, 7, 0, 0, 0, 0, -1, -1, 5, 6, 8, None, None, None]


_I64 = range(-(2**63), 2**63)


@given(st.lists(st.text(alphabet="0123456789+- _.e\u0663\uff17x", max_size=22), max_size=30))
def test_polars_reads_a_number_from_a_sign_and_digits_only(texts: list[str]) -> None:
    """What the lookup by number relies on (:func:`goalkit.data._table.by_number`):
    polars reads a whole number from a text of a sign or none then ASCII digits, and
    from nothing else (no space, no other digits, no underscore); and such a text is
    written plainly (``written_plainly``) exactly when it is the number as polars writes
    it. So every other text read as the same number is longer than its plain one."""
    numbers = pl.Series(texts, dtype=pl.String).str.to_integer(strict=False).to_list()
    plain = pl.select(_table.written_plainly(pl.lit(pl.Series(texts, dtype=pl.String))))
    for text, number, is_plain in zip(texts, numbers, plain.to_series().to_list(),
                                      strict=True):
        grammar = re.fullmatch(r"[+-]?[0-9]+", text) is not None
        expected = int(text) if grammar and int(text) in _I64 else None
        assert number == expected, text
        if number is not None:
            assert is_plain == (str(number) == text), text
            assert is_plain or len(text) > len(str(number)), text
