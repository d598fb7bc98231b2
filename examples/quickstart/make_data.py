"""Write the quick-start example's synthetic data (seeded: the same files every time).

Run: python examples/quickstart/make_data.py
"""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path

OUT = Path(__file__).parent / "data"
START, END = date(2014, 6, 2), date(2015, 11, 30)


def main() -> None:
    rnd = random.Random(2014)  # noqa: S311 - synthetic data, seeded on purpose
    people, events, answers = [], [], []
    for i in range(1, 61):
        pid = f"Q{i:03d}"
        enrolled = START + timedelta(days=rnd.randrange((END - START).days - 60))
        stay = rnd.randrange(60, 300)
        exited = enrolled + timedelta(days=stay)
        if exited > END or rnd.random() < 0.1:
            exited = None
        reason = rnd.choice(["work", "studies", "other", "other"]) if exited else ""
        people.append({
            "participant_id": pid,
            "sex": "F" if rnd.random() < 0.45 else "M",
            "birth_year": rnd.randrange(1952, 1996),
            "enrolled": enrolled.isoformat(),
            "exited": exited.isoformat() if exited else "",
            "exit_reason": reason,
            "municipality": rnd.choice(["Sveg", "Funäsdalen", "Hede"]),
        })
        base = rnd.randint(1, 4)
        answers.append((pid, enrolled, "entry", "wellbeing", base))
        if rnd.random() < 0.3:
            start = enrolled + timedelta(days=rnd.randrange(0, 60))
            events.append((pid, start, "income_support_start"))
            if rnd.random() < 0.6:
                events.append((pid, start + timedelta(days=rnd.randrange(30, 200)),
                               "income_support_end"))
        if exited is None:
            continue
        if rnd.random() < 0.85:
            after = min(5, base + rnd.choice([-1, 0, 1, 1, 2]))
            answers.append((pid, exited, "exit", "wellbeing", after))
            answers.append((pid, exited, "exit", "satisfied", rnd.choice([2, 3, 4, 4, 5, 5])))
        if rnd.random() < 0.35:
            events.append((pid, exited + timedelta(days=rnd.randrange(0, 200)), "employment_offer"))
    OUT.mkdir(exist_ok=True)
    with (OUT / "participants.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(people[0]))
        w.writeheader()
        w.writerows(people)
    with (OUT / "events.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["participant_id", "date", "kind"])
        w.writerows((p, d.isoformat(), k) for p, d, k in sorted(events))
    with (OUT / "responses.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["participant_id", "date", "phase", "question", "score"])
        w.writerows((p, d.isoformat(), ph, q, s) for p, d, ph, q, s in sorted(answers))


if __name__ == "__main__":
    main()
