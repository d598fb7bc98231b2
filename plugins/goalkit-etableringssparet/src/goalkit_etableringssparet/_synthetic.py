"""A seeded synthetic data set for Etableringsspåret: 30 invented people in five groups.

Groups 1–3 follow the interim report's appendix (size, sex split, age range, countries of
birth, start of work; group 3 started with seven, two women left before work began). Groups
4–5 and every preparatory-month date are assumptions (see the goal file's description).
Nobody here is a real person. The same seed gives the same rows every time.
"""

from __future__ import annotations

import calendar
import random
from datetime import date, timedelta
from typing import Any

from attrs import frozen

from goalkit import Assessment, Dataset

__all__ = ["GROUPS", "Group", "SyntheticData", "dataset", "generate"]

DEFAULT_SEED = 2015


@frozen
class Group:
    """One group of the track: its dates and who is in it.

    :param dropouts: ``(days after enrolment, exit reason)`` for the women who left during
        the preparatory month (group 3 only).
    """

    name: str
    enrolled: date
    work_start: date
    men: int
    women: int
    ages: tuple[int, int]
    countries: tuple[str, ...]
    assumed: bool
    dropouts: tuple[tuple[int, str], ...] = ()


GROUPS: tuple[Group, ...] = (
    Group("1", date(2014, 12, 8), date(2015, 1, 12), 3, 3, (25, 51),
          ("Eritrea", "Somalia", "Iran", "Guinea", "Angola", "Syrien"), assumed=False),
    Group("2", date(2015, 2, 2), date(2015, 3, 2), 2, 3, (23, 33),
          ("Somalia", "Uganda", "Eritrea", "Syrien"), assumed=False),
    Group("3", date(2015, 4, 1), date(2015, 5, 4), 3, 4, (21, 52),
          ("Syrien", "Irak", "Eritrea", "Uganda"), assumed=False,
          dropouts=((23, "work"), (27, "moved"))),
    Group("4", date(2015, 8, 3), date(2015, 8, 31), 3, 3, (22, 49),
          ("Syrien", "Eritrea", "Somalia", "Afghanistan", "Irak"), assumed=True),
    Group("5", date(2015, 10, 5), date(2015, 11, 2), 3, 3, (24, 47),
          ("Syrien", "Eritrea", "Somalia", "Afghanistan"), assumed=True),
)
"""The five groups. ``assumed`` marks the groups whose dates and make-up are invented."""


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day if it is shorter)."""
    m = day.month - 1 + months
    year, month = day.year + m // 12, m % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def employment_end(work_start: date) -> date:
    """Six months' employment: the day before the same date six months later."""
    return add_months(work_start, 6) - timedelta(days=1)


def _birth_date(rnd: random.Random, enrolled: date, age: int) -> date:
    """A birth date that makes the person exactly ``age`` on ``enrolled``."""
    latest = date(enrolled.year - age, enrolled.month, min(enrolled.day, 28))
    return latest - timedelta(days=rnd.randrange(0, 360))


@frozen
class SyntheticData:
    """The rows, as plain dicts ready for CSV or :meth:`goalkit.Dataset.from_records`."""

    participants: tuple[dict[str, Any], ...]
    events: tuple[dict[str, Any], ...]
    responses: tuple[dict[str, Any], ...]
    assessments: tuple[Assessment, ...]


def generate(seed: int = DEFAULT_SEED) -> SyntheticData:
    """Build the data set (deterministic for a seed)."""
    rnd = random.Random(seed)
    participants: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    responses: list[dict[str, Any]] = []

    def ev(pid: str, when: date, kind: str) -> None:
        events.append({"participant_id": pid, "date": when, "kind": kind})

    def ans(pid: str, when: date, phase: str, question: str, score: float) -> None:
        responses.append({"participant_id": pid, "date": when, "phase": phase,
                          "question": question, "score": score})

    people: list[tuple[str, Group, str, int]] = []  # id, group, sex, age
    n = 0
    for g in GROUPS:
        lo, hi = g.ages
        size = g.men + g.women
        # The appendix's range is of those still in the group; drop-outs (women) are last.
        stay = size - len(g.dropouts)
        ages = [lo, hi, *(rnd.randint(lo + 1, hi - 1) for _ in range(size - 2))]
        sexes = ["M"] * g.men + ["F"] * (g.women - len(g.dropouts))
        rnd.shuffle(sexes)
        sexes += ["F"] * len(g.dropouts)
        for i in range(size):
            n += 1
            people.append((f"E{n:02d}", g, sexes[i], ages[i] if i < stay else rnd.randint(lo, hi)))

    completers = [p for p in people if not _dropout_index(p, people)]
    # What the completers go to when the employment ends: 9 work, 6 studies, 13 continue
    # with Arbetsförmedlingen. Seven of those 13 apply for income support; one of them
    # leaves it again before the six-month follow-up, so 22 of 28 (79 %) are off it then.
    reasons = ["work"] * 9 + ["studies"] * 6 + ["af_programme"] * 13
    rnd.shuffle(reasons)
    reason_of = {p[0]: r for p, r in zip(completers, reasons, strict=True)}
    on_support = [pid for pid, r in reason_of.items() if r == "af_programme"][:7]
    swedish_flat = next(p[0] for p in completers if p[1].name == "4")
    no_evaluation = next(p[0] for p in completers if p[1].name == "2")

    for pid, g, sex, age in people:
        row: dict[str, Any] = {
            "participant_id": pid,
            "sex": sex,
            "birth_date": _birth_date(rnd, g.enrolled, age),
            "enrolled": g.enrolled,
            "exited": None,
            "exit_reason": None,
            "group": g.name,
            "birth_country": rnd.choice(g.countries),
        }
        participants.append(row)
        base = {
            "closeness_to_labour_market": rnd.randint(2, 6),
            "can_influence_work_situation": rnd.randint(2, 6),
            "understanding_society_labour_market": rnd.randint(1, 3),
            "swedish": rnd.randint(1, 3),
        }
        prep_day = g.enrolled + timedelta(days=rnd.randint(3, 18))
        for q, s in base.items():
            ans(pid, prep_day, "prep_month", q, s)
        k = _dropout_index((pid, g, sex, age), people)
        if k:
            days, reason = g.dropouts[k - 1]
            row["exited"], row["exit_reason"] = g.enrolled + timedelta(days=days), reason
            continue

        start, end = g.work_start, employment_end(g.work_start)
        row["exited"], row["exit_reason"] = end, reason_of[pid]
        ev(pid, start, "employment_start")
        ev(pid, end, "employment_end")
        # Workplace follow-ups: month two, month four (with Arbetsförmedlingen, where the
        # action plan is made), end of employment. The supervisor rates ability 1–5.
        skill = rnd.randint(1, 3)
        m2, m4 = start + timedelta(days=rnd.randint(55, 66)), start + timedelta(days=rnd.randint(116, 126))
        ans(pid, m2, "follow_up_m2", "supervisor_occupational_skills", skill)
        ans(pid, m4, "follow_up_m4", "supervisor_occupational_skills", min(5, skill + rnd.randint(0, 1)))
        ev(pid, m4, "action_plan")
        ans(pid, end - timedelta(days=rnd.randint(0, 7)), "follow_up_end",
            "supervisor_occupational_skills", min(5, skill + rnd.randint(1, 2)))
        # The participant's evaluation after the employment (one person never returned it).
        if pid != no_evaluation:
            after = end + timedelta(days=rnd.randint(1, 14))
            ans(pid, after, "after_employment", "closeness_to_labour_market",
                min(10, base["closeness_to_labour_market"] + rnd.randint(1, 4)))
            ans(pid, after, "after_employment", "can_influence_work_situation",
                min(10, base["can_influence_work_situation"] + rnd.randint(1, 3)))
            ans(pid, after, "after_employment", "understanding_society_labour_market",
                min(5, base["understanding_society_labour_market"] + rnd.randint(1, 2)))
            gain = 0 if pid == swedish_flat else rnd.randint(1, 2)
            ans(pid, after, "after_employment", "swedish", min(5, base["swedish"] + gain))
        ans(pid, end + timedelta(days=rnd.randint(3, 30)), "supervisor_evaluation",
            "supervisor_understanding_increased", rnd.choice([3, 4, 4, 5, 5]))
        # After the employment.
        reason = reason_of[pid]
        if reason == "af_programme":
            ev(pid, end + timedelta(days=rnd.randint(0, 45)), "af_intervention_offer")
        working = reason in ("work", "studies")
        if pid in on_support:
            s_start = end + timedelta(days=rnd.randint(60, 140))
            ev(pid, s_start, "income_support_start")
            if pid == on_support[0]:
                ev(pid, s_start + timedelta(days=30), "income_support_end")  # found work
                working = True
            elif rnd.random() < 0.5:
                ev(pid, end + timedelta(days=rnd.randint(230, 330)), "income_support_end")
        if rnd.random() < 0.9:
            ans(pid, end + timedelta(days=rnd.randint(176, 195)), "follow_up_6m",
                "work_or_studies", int(working))
        if rnd.random() < 0.85:
            later = working or (pid not in on_support and rnd.random() < 0.4)
            ans(pid, end + timedelta(days=rnd.randint(358, 380)), "follow_up_12m",
                "work_or_studies", int(later))

    assessments = (
        Assessment("model-city-af-cooperation", date(2015, 12, 15), "pending",
                   "Utkast till samarbetsmodell diskuterat i styrgruppen", "styrgruppen"),
        Assessment("model-city-af-cooperation", date(2016, 6, 15), "met",
                   "Samarbetsmodell antagen av AMA Arbetsmarknad och Arbetsförmedlingen",
                   "styrgruppen"),
        Assessment("final-report", date(2016, 6, 28), "met",
                   "Slutrapport överlämnad till Individ- och familjenämnden", "styrgruppen"),
        Assessment("model-civic-knowledge", date(2016, 6, 15), "pending",
                   "Deltagarnas utvärderingar sammanställda; modellen skrivs", "styrgruppen"),
        Assessment("model-civic-knowledge", date(2016, 10, 20), "met",
                   "Modell för samhällsinformation kopplad till arbetsmarknaden dokumenterad",
                   "styrgruppen"),
    )
    return SyntheticData(tuple(participants), tuple(events), tuple(responses), assessments)


def _dropout_index(person: tuple[str, Group, str, int], people: list[tuple[str, Group, str, int]]) -> int:
    """0 for a person who stays; ``k`` for the group's ``k``-th drop-out (the last rows)."""
    pid, g, _, _ = person
    members = [p[0] for p in people if p[1] is g]
    from_end = len(members) - members.index(pid)
    return len(g.dropouts) - from_end + 1 if from_end <= len(g.dropouts) else 0


def dataset(seed: int = DEFAULT_SEED) -> Dataset:
    """The synthetic data as a :class:`goalkit.Dataset`, assessments included."""
    d = generate(seed)
    return Dataset.from_records(
        d.participants, d.events, d.responses, assessments=d.assessments,
        source=f"etableringssparet synthetic (seed {seed})",
    )
