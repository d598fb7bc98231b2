"""The benchmark's goal suite written by hand in plain Python, for records a host holds in
memory (one project of a few hundred people): the same rules and the same output as
:mod:`benchmarks.reference_polars`, in one pass over the records and no data-frame library.

:func:`evaluate_records` returns the counts as a :class:`collections.Counter` keyed by
``(dimension, category, goal, outcome)``; :func:`as_frame` turns them into the references'
table for the equality check (outside the timing).
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any

from benchmarks.reference_polars import AGE_BANDS, DIMENSIONS, UNKNOWN, WINDOW

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    import polars as pl

__all__ = ["as_frame", "evaluate_records"]

_LABELS = (f"-{AGE_BANDS[0] - 1}",
           *(f"{lo}-{hi - 1}" for lo, hi in itertools.pairwise(AGE_BANDS)),
           f"{AGE_BANDS[-1]}-")
_WINDOW = dt.timedelta(days=WINDOW)
_OFFER = dt.timedelta(days=183)
_STATUS = dt.timedelta(days=90)
Answers = dict[tuple[str, str], list[tuple[dt.date, float]]]


def _band(person: Mapping[str, Any]) -> str:
    e, b = person["enrolled"], person["birth_date"]
    if b is not None:
        age = e.year - b.year - ((e.month, e.day) < (b.month, b.day))
    elif person["birth_year"] is not None:
        age = e.year - person["birth_year"]
    else:
        return UNKNOWN
    return _LABELS[bisect.bisect_right(AGE_BANDS, age)]


def _first_score(answers: Answers, phase: str, question: str, anchor: dt.date,
                 as_of: dt.date) -> float | None:
    """The score of the earliest answer within the anchor's window (on a tie, the lowest)."""
    lo, hi = anchor - _WINDOW, min(anchor + _WINDOW, as_of)
    found = [a for a in answers.get((phase, question), ()) if lo <= a[0] <= hi]
    return min(found)[1] if found else None


def _outcomes(person: Mapping[str, Any], events: list[tuple[dt.date, str]],
              answers: Answers,
              as_of: dt.date) -> tuple[tuple[str, str], ...]:
    """Each goal's id and outcome for one person known on ``as_of``."""
    x = person["exited"] if person["exited"] is not None and person["exited"] <= as_of else None
    sex = person["sex"]
    balance = ("excluded:missing_sex" if sex is None else
               "success" if sex == "F" else "failure")
    wb0 = _first_score(answers, "entry", "wellbeing", person["enrolled"], as_of)
    if x is None:
        satisfied = offer = support = "pending:not_exited"
        wellbeing = ("excluded:no_baseline" if wb0 is None
                     and person["enrolled"] + _WINDOW <= as_of
                     else "pending:awaiting_baseline" if wb0 is None else "pending:not_exited")
        return (("enrolled", "success"), ("sex-balance", balance), ("satisfied", satisfied),
                ("wellbeing", wellbeing), ("offer-6m", offer), ("no-support-90d", support))
    closed = x + _WINDOW <= as_of
    sat = _first_score(answers, "exit", "satisfied", x, as_of)
    satisfied = ("success" if sat is not None and sat >= 4 else "failure" if sat is not None
                 else "excluded:no_response" if closed else "pending:awaiting_response")
    if wb0 is None:
        wellbeing = ("excluded:no_baseline" if person["enrolled"] + _WINDOW <= as_of
                     else "pending:awaiting_baseline")
    else:
        wb1 = _first_score(answers, "exit", "wellbeing", x, as_of)
        wellbeing = ("success" if wb1 is not None and wb1 - wb0 > 0 else
                     "failure" if wb1 is not None else
                     "excluded:no_follow_up" if closed else "pending:awaiting_follow_up")
    until = min(x + _OFFER, as_of)
    offered = any(k == "employment_offer" and x <= d <= until for d, k in events)
    offer = ("success" if offered else "failure" if x + _OFFER <= as_of
             else "pending:window_open")
    t = x + _STATUS
    if t > as_of:
        support = "pending:window_open"
    else:
        starts = [d for d, k in events if k == "income_support_start" and d <= t]
        last = max(starts) if starts else None
        ended = last is not None and any(
            k == "income_support_end" and last < d <= t for d, k in events)
        support = "failure" if last is not None and not ended else "success"
    return (("enrolled", "success"), ("sex-balance", balance), ("satisfied", satisfied),
            ("wellbeing", wellbeing), ("offer-6m", offer), ("no-support-90d", support))


def evaluate_records(
    people: Iterable[Mapping[str, Any]], events: Iterable[Mapping[str, Any]],
    responses: Iterable[Mapping[str, Any]], as_of: dt.date,
    dimensions: Sequence[str] = DIMENSIONS,
) -> Counter[tuple[str, str, str, str]]:
    """The people in each outcome (``success``, ``failure``, ``pending:reason``,
    ``excluded:reason``) of every goal, per category of each of ``dimensions``."""
    by_person: defaultdict[Any, list[tuple[dt.date, str]]] = defaultdict(list)
    for e in events:
        if e["date"] <= as_of:
            by_person[e["participant_id"]].append((e["date"], e["kind"]))
    said: defaultdict[Any, Answers] = defaultdict(dict)
    for r in responses:
        if r["date"] <= as_of:
            said[r["participant_id"]].setdefault((r["phase"], r["question"]), []).append(
                (r["date"], r["score"]))
    counts: Counter[tuple[str, str, str, str]] = Counter()
    for p in people:
        if p["enrolled"] > as_of:
            continue
        pid = p["participant_id"]
        cells = {"project": p["project"], "sex": p["sex"] or UNKNOWN}
        if "age_band" in dimensions:
            cells["age_band"] = _band(p)
        for goal, outcome in _outcomes(p, by_person.get(pid, []), said.get(pid, {}), as_of):
            for d in dimensions:
                counts[d, cells[d], goal, outcome] += 1
    return counts


def as_frame(counts: Counter[tuple[str, str, str, str]]) -> pl.DataFrame:
    """The counts as the references' table (``dimension``, ``category``, ``goal``,
    ``outcome``, ``n``, ``value_sum``) for :func:`benchmarks.compare.from_reference`."""
    import polars as pl  # noqa: PLC0415

    return pl.DataFrame(
        [(*k, n, None) for k, n in counts.items()], orient="row",
        schema={"dimension": pl.String, "category": pl.String, "goal": pl.String,
                "outcome": pl.String, "n": pl.Int64, "value_sum": pl.Float64},
    )
