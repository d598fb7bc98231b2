"""A seeded synthetic data set for the Härjedalen pre-study on young adults aged 20–30.

Two kinds of data, as the pre-study has them:

* the interviews: 22 interviewees, one row each, enrolled (and exited) on the day of their
  interview, with ``selection`` (``random`` for the 20 randomly selected, ``referral`` for
  two more a partner asked to be heard), ``lives_with_parents`` and ``situation``;
* the inventory: figures about the whole population aged 20–30 as a register would give
  them in mid-November 2012 (residents, outside work, studies or other occupation, and of
  those neither registered with Arbetsförmedlingen nor on income support), by sex, adding
  up by construction; and the steering group's judgements of the assessed goals.

Nothing here describes real people or real statistics.
"""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from attrs import frozen

from goalkit import Assessment, Dataset, Measurement

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["END", "INVENTORY", "START", "Synthetic", "generate"]

START, END = date(2012, 8, 1), date(2012, 12, 31)
INVENTORY = date(2012, 11, 15)
"""The date the synthetic inventory figures describe."""
PLACES = ("Sveg", "Hede", "Funäsdalen", "Lillhärdal", "Vemdalen", "Ytterhogdal")
SOURCE = "synthetic register extract (goalkit example), not real statistics"


@frozen
class Synthetic:
    """The tables of one synthetic data set, as plain rows."""

    participants: tuple[dict[str, Any], ...]
    events: tuple[tuple[str, date, str], ...]
    responses: tuple[tuple[str, date, str, str, float], ...]
    measurements: tuple[Measurement, ...]
    assessments: tuple[Assessment, ...]

    def dataset(self) -> Dataset:
        """The data set as goalkit records."""
        return Dataset.from_records(
            self.participants,
            ({"participant_id": p, "date": d, "kind": k} for p, d, k in self.events),
            (
                {"participant_id": p, "date": d, "phase": ph, "question": q, "score": s}
                for p, d, ph, q, s in self.responses
            ),
            measurements=self.measurements,
            assessments=self.assessments,
            source="goalkit-harjedalen-youth synthetic example",
        )

    def write_folder(self, folder: str | Path) -> None:
        """Write the tables as CSV files (UTF-8, ISO dates) into ``folder``, as goalkit's
        folder loader reads them; empty tables are left out.

        ``participants``, ``events`` and ``responses`` are goalkit's canonical tables;
        ``measurements.csv`` has one row per figure, its breakdown in columns named
        ``dimension.category`` (``sex.F``); ``assessments.csv`` one row per judgement.
        """
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        columns = list(dict.fromkeys(k for p in self.participants for k in p))
        _write(out / "participants.csv", columns,
               [[p.get(c) for c in columns] for p in self.participants])
        _write(out / "events.csv", ["participant_id", "date", "kind"], self.events)
        _write(out / "responses.csv", ["participant_id", "date", "phase", "question", "score"],
               [(p, d, ph, q, f"{s:g}") for p, d, ph, q, s in self.responses])
        parts = sorted({f"{dim}.{cat}" for m in self.measurements
                        for dim, cats in m.breakdown.items() for cat in cats})
        _write(out / "measurements.csv",
               ["metric", "date", "value", "period_start", "source", *parts],
               [[m.metric, m.date, f"{m.value:g}", m.period_start, m.source,
                 *(_part(m, p) for p in parts)] for m in self.measurements])
        _write(out / "assessments.csv", ["goal", "date", "verdict", "evidence", "assessor"],
               [[a.goal, a.date, a.verdict.value, a.evidence, a.assessor]
                for a in self.assessments])


def _part(m: Measurement, column: str) -> str | None:
    dim, cat = column.split(".", 1)
    value = m.breakdown.get(dim, {}).get(cat)
    return None if value is None else f"{value:g}"


def _write(path: Path, header: list[str], rows: Sequence[Sequence[Any]]) -> None:
    path.unlink(missing_ok=True)
    if not rows:
        return
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for row in rows:
            w.writerow(["" if v is None else v.isoformat() if isinstance(v, date) else v
                        for v in row])


def generate(seed: int = 2012) -> Synthetic:
    """The synthetic data set for ``seed`` (the same rows every time for one seed)."""
    rnd = random.Random(seed)  # noqa: S311 - synthetic data, not security
    people: list[dict[str, Any]] = []
    for i in range(22):
        interviewed = _day(rnd, date(2012, 9, 10), date(2012, 11, 30))
        situation = rnd.choices(("outside", "work", "studies"), weights=(6, 3, 1))[0]
        people.append({
            "participant_id": f"U{i + 1:03d}",
            "sex": rnd.choice("FM"),
            "birth_year": interviewed.year - rnd.randint(20, 30),
            "enrolled": interviewed,
            "exited": interviewed,
            "exit_reason": "interviewed",
            "selection": "random" if i < 20 else "referral",
            "lives_with_parents": "yes" if rnd.random() < 0.3 else "no",
            "situation": situation,
            "locality": rnd.choice(PLACES),
        })
    return Synthetic(
        participants=tuple(people),
        events=(),
        responses=(),
        measurements=_inventory(rnd),
        assessments=_assessments(),
    )


def _day(rnd: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rnd.randrange((last - first).days + 1))


def _inventory(rnd: random.Random) -> tuple[Measurement, ...]:
    """Register figures by sex; each breakdown adds up to its total."""
    residents = {"F": rnd.randint(600, 640), "M": rnd.randint(650, 690)}
    outside = {s: round(n * rnd.uniform(0.17, 0.23)) for s, n in residents.items()}
    unknown = {s: round(n * rnd.uniform(0.3, 0.4)) for s, n in outside.items()}
    return tuple(
        Measurement(metric, INVENTORY, float(sum(parts.values())),
                    breakdown={"sex": {s: float(v) for s, v in parts.items()}}, source=SOURCE)
        for metric, parts in (("residents_20_30", residents), ("young_adults_outside", outside),
                              ("young_adults_not_af_not_income_support", unknown))
    )


def _assessments() -> tuple[Assessment, ...]:
    """Invented judgements (``organisation-action-plan`` is left to be assessed)."""
    group = "styrgruppen/LOKSAM"
    return (
        Assessment("interview-form", date(2012, 9, 5), "met",
                   "intervjuformulär med fyra teman (synthetic)", group),
        Assessment("cooperation-projects", date(2012, 11, 1), "met",
                   "samverkan med två ESF-projekt för unga (synthetic)", group),
        Assessment("inventory-measures", date(2012, 11, 30), "met",
                   "förteckning med 14 insatser (synthetic)", group),
        Assessment("contacts-municipalities", date(2012, 12, 10), "pending",
                   "två av fyra planerade kontakter tagna (synthetic)", group),
        Assessment("contacts-municipalities", date(2012, 12, 20), "met",
                   "fyra kommuner kontaktade, tre framgångsexempel (synthetic)", group),
        Assessment("views-and-needs", date(2013, 1, 31), "met",
                   "intervjuanalys i slutrapporten (synthetic)", group),
        Assessment("proposal", date(2013, 1, 31), "met",
                   "förslag i slutrapporten, alla tre delar (synthetic)", group),
        Assessment("dissemination", date(2013, 1, 31), "met",
                   "slutrapport till Samordningsförbundet 2013-01-28 (synthetic)", group),
    )
