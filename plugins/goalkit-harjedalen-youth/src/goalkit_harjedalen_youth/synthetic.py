"""A seeded synthetic data set for the Härjedalen pre-study on young adults aged 20–30.

Two kinds of data, as the pre-study has them:

* the interviews: 23 interviewees, one row each, enrolled (and exited) on the day of their
  interview, with ``selection`` (``random`` for the 21 randomly selected, ``referral`` for
  two more a partner asked to be heard), ``lives_with_parents`` and ``situation``. One of
  the randomly selected, U023, was born in 1980 (32 at the interview: the sample was drawn
  from a stale register extract), outside the target group 20–30, so 20 count;
* the inventory: figures about the whole population aged 20–30 as a register would give
  them in mid-November 2012 (residents, outside work, studies or other occupation, and of
  those neither registered with Arbetsförmedlingen nor on income support), by sex, adding
  up by construction; and the steering group's judgements of the assessed goals.

Nothing here describes real people or real statistics.
"""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from goalkit import Assessment, Measurement
from goalkit.testing.synthetic import SyntheticData, random_date

__all__ = ["END", "INVENTORY", "START", "generate"]

START, END = date(2012, 8, 1), date(2012, 12, 31)
INVENTORY = date(2012, 11, 15)
"""The date the synthetic inventory figures describe."""
PLACES = ("Sveg", "Hede", "Funäsdalen", "Lillhärdal", "Vemdalen", "Ytterhogdal")
SOURCE = "synthetic register extract (goalkit example), not real statistics"


def generate(seed: int = 2012) -> SyntheticData:
    """The synthetic data set for ``seed`` (the same rows every time for one seed)."""
    rnd = random.Random(seed)  # noqa: S311 - synthetic data, not security
    people: list[dict[str, Any]] = []
    for i in range(22):
        interviewed = random_date(rnd, date(2012, 9, 10), date(2012, 11, 30))
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
    # Outside the target group: randomly selected, but 32 at the interview (no draws from
    # rnd, so the inventory below is the same as without them).
    people.append({
        "participant_id": "U023", "sex": "F", "birth_year": 1980,
        "enrolled": date(2012, 10, 3), "exited": date(2012, 10, 3),
        "exit_reason": "interviewed", "selection": "random", "lives_with_parents": "no",
        "situation": "work", "locality": "Sveg",
    })
    return SyntheticData(
        participants=tuple(people),
        events=(),
        responses=(),
        measurements=_inventory(rnd),
        assessments=_assessments(),
        source="goalkit-harjedalen-youth synthetic example",
    )


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
