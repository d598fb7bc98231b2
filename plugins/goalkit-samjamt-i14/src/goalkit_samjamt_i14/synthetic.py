"""A seeded synthetic data set for the Samjamt/i14 pre-study.

A methods pre-study has few people: here 40 target-group people in the local integration
projects the methods were tried with, across the county's eight municipalities, about 60 %
aged 16–34 and some with a disability (column ``disability``), enrolled from the start of
the pre-study to the end of August 2014. Exactly 24 of them start work within 30–250 days of
enrolment, so some starts fall after the pre-study ends and are censored there; the other
16 have none. The methods goals are judged by the steering group (invented judgements).

The hard cases: people who never exit (no work start by the pre-study's end: still in the
local projects, censored at the end), starts after the pre-study's end (censored there),
and a reported figure revised in a later report (the LOKSAM groups reached: 8 in June,
revised to 7 at the end). Nobody is outside the target group: it has no age limit (16–34 is
a focus, not a limit). No one answers a survey, so there are no non-responders; no one
holds a job the project gives, so there are no early job leavers.

Nothing here describes real people.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from goalkit import Assessment, Measurement
from goalkit.testing.synthetic import SyntheticData

__all__ = ["END", "LOKSAM_FIGURES", "START", "generate"]

START, END = date(2014, 2, 3), date(2014, 11, 28)
MUNICIPALITIES = ("Östersund", "Krokom", "Åre", "Strömsund", "Berg", "Bräcke", "Ragunda",
                  "Härjedalen")


def generate(seed: int = 2014) -> SyntheticData:
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
    return SyntheticData(
        participants=tuple(people),
        events=tuple(sorted(events)),
        responses=(),
        measurements=LOKSAM_FIGURES,
        assessments=_assessments(),
        source="goalkit-samjamt-i14 synthetic example",
    )


LOKSAM_FIGURES: tuple[Measurement, ...] = (
    Measurement("loksam_groups_reached", date(2014, 6, 30), 8, period_start=START,
                source="lägesrapport till styrgruppen i juni (påhittat exempel): alla åtta "
                       "LOKSAM-grupper räknade som nådda"),
    Measurement("loksam_groups_reached", END, 7, period_start=START,
                source="slutrapporten (påhittat exempel): junirapportens 8 reviderat till 7, "
                       "en grupp hade bara bjudits in och fick aldrig metoderna presenterade"),
)
"""How many of the eight LOKSAM groups the pre-study has reached (invented): 8 in a status
report in June, revised to 7 in the final report (one group had only been invited), which is
what the steering group's judgement of shared-understanding rests on."""


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
