"""Write Ny i Västerås's seeded synthetic data set (the same files every time).

Run: python examples/ny-i-vasteras/make_data.py

Writes data/participants.csv, events.csv and responses.csv (about a hundred invented people
in the five pilot activities of autumn 2015), data/measurements.csv (invented reference
statistics for the long-term goals) and data/assessments.csv (the steering group's invented
judgements), all of which the folder loader reads.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
from goalkit_ny_i_vasteras import generate

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

HERE = Path(__file__).parent
DATA = HERE / "data"
SEED = 2016


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value == int(value):
        return str(int(value))
    return str(value)


def write_csv(path: Path, columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(columns)
        for row in rows:
            w.writerow([_cell(row[c]) for c in columns])


def main() -> None:
    d = generate(SEED)
    DATA.mkdir(exist_ok=True)
    write_csv(DATA / "participants.csv",
              ["participant_id", "pilot", "meeting_place", "sex", "birth_year", "enrolled",
               "exited", "exit_reason"], d.participants)
    write_csv(DATA / "events.csv", ["participant_id", "date", "kind"],
              sorted(d.events, key=lambda r: (r["participant_id"], r["date"], r["kind"])))
    write_csv(DATA / "responses.csv", ["participant_id", "date", "phase", "question", "score"],
              sorted(d.responses, key=lambda r: (r["participant_id"], r["date"], r["phase"],
                                                 r["question"])))
    write_csv(DATA / "measurements.csv", ["metric", "date", "value", "period_start", "source"],
              [attrs.asdict(m) for m in d.measurements])
    write_csv(DATA / "assessments.csv", ["goal", "date", "verdict", "evidence", "assessor"],
              [attrs.asdict(a) for a in d.assessments])
    print(f"wrote {len(d.participants)} participants, {len(d.events)} events, "
          f"{len(d.responses)} responses, {len(d.measurements)} measurements, "
          f"{len(d.assessments)} assessments to {DATA}")


if __name__ == "__main__":
    main()
