"""A seeded synthetic data set for Ny i Västerås: the pilot activities of autumn 2015.

The interim report plans pilot projects at the meeting places Bäckbyhuset and Hjärtpunkt
Skiljebo in phase 4 (autumn 2015) and a follow-up of the people in them in spring 2016. Everything
here is invented: five pilots, about a hundred participants, their answers at the start
and at the follow-up, associations joined, yearly reference statistics for the long-term
goals (with 2014 as the baseline) and the steering group's assessments. Nobody here is a
real person. The same seed gives the same rows every time.

The hard cases: about one in eight stops coming before their pilot ends (early leavers);
about one in twenty gives no answers at the start and one in five is not reached by the
follow-up (non-responders); one participant of the language café never exits (it goes on
after the pilot, and so do they: no exit and no follow-up are recorded). Nobody is outside
the target group: the document's target
group is everyone newly arrived in Västerås, with no age limit, and the pilots are open to
them all.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from attrs import frozen

from goalkit import Assessment, Dataset, Measurement
from goalkit.testing.synthetic import SyntheticData, SyntheticRows, random_date

__all__ = ["PILOTS", "Pilot", "SyntheticData", "dataset", "generate"]

DEFAULT_SEED = 2016


@frozen
class Pilot:
    """One pilot activity of phase 4 (invented)."""

    name: str
    meeting_place: str
    starts: tuple[date, date]
    """The first and last day a person can join."""
    ends: date
    size: int
    share_women: float


PILOTS: tuple[Pilot, ...] = (
    Pilot("sprakcafe", "Bäckbyhuset", (date(2015, 9, 1), date(2015, 11, 10)),
          date(2015, 12, 15), 28, 0.45),
    Pilot("foraldragrupp", "Hjärtpunkt Skiljebo", (date(2015, 9, 7), date(2015, 10, 5)),
          date(2015, 12, 14), 18, 0.75),
    Pilot("vagledning_pa_modersmal", "Bäckbyhuset", (date(2015, 9, 14), date(2015, 11, 13)),
          date(2015, 12, 18), 24, 0.5),
    Pilot("samhallsinfo_bibliotek", "Hjärtpunkt Skiljebo", (date(2015, 9, 21), date(2015, 11, 2)),
          date(2015, 12, 10), 20, 0.55),
    Pilot("halsogrupp", "Hjärtpunkt Skiljebo", (date(2015, 10, 1), date(2015, 10, 20)),
          date(2015, 12, 16), 14, 0.85),
)

# Reference statistics for the long-term goals: (2014 baseline, 2015) per metric.
REFERENCE: tuple[tuple[str, float, float, str], ...] = (
    ("establishment_leavers_work_or_studies_share", 0.27, 0.30,
     "Arbetsförmedlingen, Västerås (påhittat exempel)"),
    ("foreign_born_parents_at_school_talks_share", 0.71, 0.74,
     "Barn- och ungdomsförvaltningen (påhittat exempel)"),
    ("income_support_exits_to_self_support_share", 0.34, 0.33,
     "Socialkontor ekonomi (påhittat exempel)"),
    ("unemployed_born_outside_europe", 2480, 2615,
     "Arbetsförmedlingen, Västerås (påhittat exempel)"),
    ("new_contact_foster_families_non_european", 9, 14,
     "Socialkontor barn och ungdom (påhittat exempel)"),
)


def generate(seed: int = DEFAULT_SEED) -> SyntheticData:
    """Build the data set (deterministic for a seed)."""
    rnd = random.Random(seed)  # noqa: S311 - invented example data, not security
    rows = SyntheticRows()
    n = 0
    for pilot in PILOTS:
        for _ in range(pilot.size):
            n += 1
            pid = f"N{n:03d}"
            enrolled = random_date(rnd, *pilot.starts)
            # About one in eight stops coming before the pilot ends.
            exited = (random_date(rnd, enrolled + timedelta(days=14), pilot.ends)
                      if rnd.random() < 0.12 else pilot.ends)
            rows.person(
                participant_id=pid,
                sex="F" if rnd.random() < pilot.share_women else "M",
                birth_year=rnd.randint(1945, 1997),
                enrolled=enrolled,
                exited=exited,
                exit_reason="completed" if exited == pilot.ends else "left",
                pilot=pilot.name,
                meeting_place=pilot.meeting_place,
            )
            start = {
                "knowledge_of_society": rnd.randint(1, 3),
                "knows_rights_obligations": rnd.randint(1, 3),
                "swedish": rnd.randint(1, 4),
                "network_size": rnd.randint(0, 6),
            }
            if rnd.random() < 0.95:
                day = enrolled + timedelta(days=rnd.randint(0, 7))
                for q, s in start.items():
                    rows.answer(pid, day, "entry", q, s)
            if rnd.random() < 0.25:
                rows.event(pid, enrolled + timedelta(days=rnd.randint(20, 170)),
                           "association_joined")
            # The follow-up in spring 2016 reaches about four in five.
            if rnd.random() < 0.8:
                day = exited + timedelta(days=rnd.randint(30, 150))
                gains = {
                    "knowledge_of_society": rnd.choice([0, 1, 1, 1, 2]),
                    "knows_rights_obligations": rnd.choice([0, 0, 1, 1, 2]),
                    "swedish": rnd.choice([0, 0, 1]),
                    "network_size": rnd.choice([0, 1, 2, 3, 4]),
                }
                for q, s in start.items():
                    top = 30 if q == "network_size" else 5
                    rows.answer(pid, day, "follow_up", q, min(top, s + gains[q]))

    _never_exits(rows, "sprakcafe")
    measurements = tuple(
        m
        for metric, base, latest, source in REFERENCE
        for m in (
            Measurement(f"{metric}_baseline", date(2014, 12, 31), base,
                        period_start=date(2014, 1, 1), source=source),
            Measurement(metric, date(2014, 12, 31), base, period_start=date(2014, 1, 1),
                        source=source),
            Measurement(metric, date(2015, 12, 31), latest, period_start=date(2015, 1, 1),
                        source=source),
        )
    )
    role = "styrgruppen"
    assessments = (
        Assessment("guidance-plans-and-pilots", date(2015, 12, 15), "pending",
                   "Fem pilotprojekt pågår; vägledning på arabiska, somaliska och tigrinja", role),
        Assessment("guidance-plans-and-pilots", date(2016, 4, 29), "met",
                   "Planer, tidsplan och förslag på genomförande antagna; fem pilotprojekt "
                   "genomförda; vägledning på fyra språk", role),
        Assessment("actor-information-languages", date(2015, 12, 15), "pending",
                   "Aktörsinformationen översätts", role),
        Assessment("actor-information-languages", date(2016, 3, 15), "met",
                   "Digital aktörskatalog på svenska, arabiska, somaliska, tigrinja, dari och "
                   "engelska", role),
        Assessment("city-information-channels", date(2016, 2, 15), "met",
                   "Kontaktcenter har flerspråkiga sidor; informationspunkter på båda "
                   "mötesplatserna", role),
        Assessment("authorities-know-cultures", date(2016, 5, 20), "pending",
                   "Workshoputvärderingar visar ökad kännedom hos en del aktörer", role),
        Assessment("final-report", date(2016, 6, 17), "met",
                   "Slutrapport överlämnad till Individ- och familjenämnden", role),
        Assessment("networks-and-lasting-activities", date(2016, 12, 15), "met",
                   "Tre av fem pilotaktiviteter drivs vidare av föreningar och biblioteket; "
                   "föreningsnätverk på Bäckby med två kulturföreningar", role),
    )
    return rows.build(measurements=measurements, assessments=assessments,
                      source=f"ny-i-vasteras synthetic (seed {seed})")


def _never_exits(rows: SyntheticRows, pilot: str) -> None:
    """One participant of ``pilot`` never exits: the language café goes on after the pilot
    (an association runs it), and they keep coming, so no exit is recorded; nor is a
    follow-up, which was of those who had left. Chosen among those who stayed to the
    pilot's end, preferably one the follow-up never reached (else their follow-up answers
    go), without drawing again, so that nobody else's rows change."""
    followed = {r.participant_id for r in rows.responses if r.phase == "follow_up"}
    stayed = [p for p in rows.participants
              if p["pilot"] == pilot and p["exit_reason"] == "completed"]
    person = min(reversed(stayed), key=lambda p: p["participant_id"] in followed)
    pid = person["participant_id"]
    rows.responses[:] = [r for r in rows.responses
                         if r.participant_id != pid or r.phase != "follow_up"]
    person["exited"], person["exit_reason"] = None, None


def dataset(seed: int = DEFAULT_SEED) -> Dataset:
    """The synthetic data as a :class:`goalkit.Dataset`, measurements and assessments
    included."""
    return generate(seed).dataset()
