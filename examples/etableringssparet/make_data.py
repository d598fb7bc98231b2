"""Write Etableringsspåret's seeded synthetic data set (the same files every time).

Run: python examples/etableringssparet/make_data.py

Writes data/participants.csv, events.csv, responses.csv and assessments.csv (30 invented
people in five groups; groups 1–3 as the interim report's appendix describes them). The
folder loader reads all four tables.
"""

from __future__ import annotations

from pathlib import Path

from goalkit_etableringssparet import generate

DATA = Path(__file__).parent / "data"
SEED = 2015
PARTICIPANT_COLUMNS = ("participant_id", "group", "sex", "birth_date", "birth_country", "enrolled",
                       "exited", "exit_reason")


def main() -> None:
    d = generate(SEED)
    d.write_folder(DATA, participant_columns=PARTICIPANT_COLUMNS)
    print(f"wrote {len(d.participants)} participants, {len(d.events)} events, "
          f"{len(d.responses)} responses, {len(d.assessments)} assessments to {DATA}")


if __name__ == "__main__":
    main()
