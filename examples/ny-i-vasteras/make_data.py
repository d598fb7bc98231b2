"""Write Ny i Västerås's seeded synthetic data set (the same files every time).

Run: python examples/ny-i-vasteras/make_data.py

Writes data/participants.csv, events.csv and responses.csv (about a hundred invented people
in the five pilot activities of autumn 2015), data/measurements.csv (invented reference
statistics for the long-term goals) and data/assessments.csv (the steering group's invented
judgements), all of which the folder loader reads.
"""

from __future__ import annotations

from pathlib import Path

from goalkit_ny_i_vasteras import generate

DATA = Path(__file__).parent / "data"
SEED = 2016
PARTICIPANT_COLUMNS = ("participant_id", "pilot", "meeting_place", "sex", "birth_year", "enrolled",
                       "exited", "exit_reason")


def main() -> None:
    d = generate(SEED)
    d.write_folder(DATA, participant_columns=PARTICIPANT_COLUMNS)
    print(f"wrote {len(d.participants)} participants, {len(d.events)} events, "
          f"{len(d.responses)} responses, {len(d.measurements)} measurements, "
          f"{len(d.assessments)} assessments to {DATA}")


if __name__ == "__main__":
    main()
