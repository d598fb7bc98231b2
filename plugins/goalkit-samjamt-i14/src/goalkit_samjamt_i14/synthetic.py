"""A seeded synthetic data set for the Samjamt/i14 pre-study.

A methods pre-study has few people: here 40 target-group people in the local integration
projects the methods were tried with, across the county's eight municipalities, about 60 %
aged 16–34 and some with a disability (column ``disability``), enrolled from the start of
the pre-study to the end of August 2014. Exactly 24 of them start work within 30–250 days of
enrolment, so some starts fall after the pre-study ends and are censored there; the other
16 have none. The methods goals are judged by the steering group (invented judgements).

Nothing here describes real people.
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

__all__ = ["END", "START", "Synthetic", "generate"]

START, END = date(2014, 2, 3), date(2014, 11, 28)
MUNICIPALITIES = ("Östersund", "Krokom", "Åre", "Strömsund", "Berg", "Bräcke", "Ragunda",
                  "Härjedalen")


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
            source="goalkit-samjamt-i14 synthetic example",
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


def generate(seed: int = 2014) -> Synthetic:
    """The synthetic data set for ``seed`` (the same rows every time for one seed)."""
    rnd = random.Random(seed)  # noqa: S311 - synthetic data, not security
    people: list[dict[str, Any]] = []
    events: list[tuple[str, date, str]] = []
    workers = set(rnd.sample(range(40), 24))
    for i in range(40):
        pid = f"S{i + 1:03d}"
        enrolled = START + timedelta(days=rnd.randrange((date(2014, 8, 31) - START).days))
        age = rnd.randint(16, 34) if rnd.random() < 0.6 else rnd.randint(35, 60)
        work = enrolled + timedelta(days=rnd.randint(30, 250)) if i in workers else None
        exited = work if work is not None and work <= END else None
        people.append({
            "participant_id": pid,
            "sex": "F" if rnd.random() < 0.45 else "M",
            "birth_year": enrolled.year - age,
            "enrolled": enrolled,
            "exited": exited,
            "exit_reason": "work" if exited is not None else None,
            "municipality": rnd.choice(MUNICIPALITIES),
            "disability": "yes" if rnd.random() < 0.15 else "no",
            "arrival_reason": rnd.choice(("refugee", "protection", "third_country")),
        })
        events.append((pid, enrolled + timedelta(days=rnd.randint(3, 20)), "learning_mapping"))
        if work is not None:
            events.append((pid, work, "employment_start"))
        elif rnd.random() < 0.2:
            events.append((pid, enrolled + timedelta(days=rnd.randint(30, 200)), "study_start"))
    return Synthetic(
        participants=tuple(people),
        events=tuple(sorted(events)),
        responses=(),
        measurements=(),
        assessments=_assessments(),
    )


def _assessments() -> tuple[Assessment, ...]:
    """Invented judgements (``implementation-project`` is left to be assessed)."""
    board = "styrgruppen"
    return (
        Assessment("methods-learning-background", date(2014, 10, 15), "met",
                   "kartläggningsverktyg prövat med 40 personer och utvärderat (synthetic)",
                   board),
        Assessment("methods-employer-links", date(2014, 11, 20), "met",
                   "arbetsgivarträffar i tre kommuner utvärderade (synthetic)", board),
        Assessment("methods-civic-orientation", date(2014, 9, 1), "pending",
                   "material prövas, utvärdering återstår (synthetic)", board),
        Assessment("methods-civic-orientation", date(2014, 11, 28), "not_met",
                   "utvärderingen hann inte göras (synthetic)", board),
        Assessment("methods-sparse-region", date(2014, 11, 28), "met",
                   "kapitel om distansstöd i slutrapporten (synthetic)", board),
        Assessment("shared-understanding", date(2014, 11, 28), "not_met",
                   "sju av åtta LOKSAM-grupper nådda (synthetic)", board),
        Assessment("development-proposals", date(2014, 11, 28), "met",
                   "nio utvecklingsförslag i slutrapporten (synthetic)", board),
        Assessment("final-report", date(2014, 11, 28), "met",
                   "slutrapport levererad till styrgruppen (synthetic)", board),
        Assessment("methods-identified-tested", date(2014, 11, 28), "not_met",
                   "ett av tre metodmål ej uppfyllt (synthetic)", board),
        Assessment("quality-sustainability", date(2014, 11, 28), "pending",
                   "bedöms när metoderna använts ett år (synthetic)", board),
        Assessment("sustainability-shared-knowledge", date(2014, 11, 28), "pending",
                   "bedöms när metoderna använts ett år (synthetic)", board),
    )
