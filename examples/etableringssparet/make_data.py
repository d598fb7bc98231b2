"""Write Etableringsspåret's seeded synthetic data set (the same files every time).

Run: python examples/etableringssparet/make_data.py

Writes data/participants.csv, events.csv, responses.csv and assessments.csv (30 invented
people in five groups; groups 1–3 as the interim report's appendix describes them). The
folder loader reads all four tables.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
from goalkit_etableringssparet import generate

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

HERE = Path(__file__).parent
DATA = HERE / "data"
SEED = 2015


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
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
              ["participant_id", "group", "sex", "birth_date", "birth_country", "enrolled",
               "exited", "exit_reason"], d.participants)
    write_csv(DATA / "events.csv", ["participant_id", "date", "kind"],
              sorted(d.events, key=lambda r: (r["participant_id"], r["date"], r["kind"])))
    write_csv(DATA / "responses.csv", ["participant_id", "date", "phase", "question", "score"],
              sorted(d.responses, key=lambda r: (r["participant_id"], r["date"], r["phase"],
                                                 r["question"])))
    write_csv(DATA / "assessments.csv", ["goal", "date", "verdict", "evidence", "assessor"],
              [attrs.asdict(a) for a in d.assessments])
    print(f"wrote {len(d.participants)} participants, {len(d.events)} events, "
          f"{len(d.responses)} responses, {len(d.assessments)} assessments to {DATA}")


if __name__ == "__main__":
    main()
