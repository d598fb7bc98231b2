"""A seeded synthetic data set for Etableringsspåret: 30 invented people in five groups.

Groups 1–3 follow the interim report's appendix (size, sex split, age range, countries of
birth, start of work; group 3 started with seven, two women left before work began). Groups
4–5 and every preparatory-month date are assumptions (see the goal file's description).
Nobody here is a real person. The same seed gives the same rows every time.

The hard cases an evaluator looks for are all here: two drop-outs in the preparatory month
(group 3, as the appendix says), one early job leaver (group 4, five weeks into the job),
non-responders (a participant who never returned the evaluation after the job, and people
not reached at the six- and twelve-month follow-ups), one person who never exits (group 5:
the employer keeps them on after the six months, past the project's end, so no end of
employment and no exit is ever recorded), and a reported figure revised in a later report
(:data:`PARTICIPANT_FIGURES`). Nobody is outside the target group: the document sets no age
limit, and the selection (information meeting and interview) admits only the target group.
"""

from __future__ import annotations

import calendar
import random
from datetime import date, timedelta
from typing import Any

import attrs
from attrs import frozen

from goalkit import Assessment, Dataset, Measurement
from goalkit.testing.synthetic import SyntheticData, SyntheticRows

__all__ = [
    "ASSESSMENTS",
    "GROUPS",
    "PARTICIPANT_FIGURES",
    "PROJECT_END",
    "Group",
    "SyntheticData",
    "dataset",
    "generate",
]

DEFAULT_SEED = 2015
PROJECT_END = date(2016, 6, 30)
"""The project's last day (the goal file's period end)."""


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
class _Person:
    pid: str
    group: Group
    sex: str
    age: int
    dropout: tuple[int, str] | None
    """``(days after enrolment, exit reason)`` for a person who left in the preparatory
    month."""


def _roster(rnd: random.Random) -> list[_Person]:
    """Everyone, group by group; the appendix's age range is of those still in the group,
    and the drop-outs (women) come last in their group."""
    people: list[_Person] = []
    for g in GROUPS:
        lo, hi = g.ages
        size = g.men + g.women
        stay = size - len(g.dropouts)
        ages = [lo, hi, *(rnd.randint(lo + 1, hi - 1) for _ in range(stay - 2))]
        sexes = ["M"] * g.men + ["F"] * (g.women - len(g.dropouts))
        rnd.shuffle(sexes)
        for i in range(size):
            left = g.dropouts[i - stay] if i >= stay else None
            people.append(_Person(
                f"E{len(people) + 1:02d}", g, "F" if left else sexes[i],
                rnd.randint(lo, hi) if left else ages[i], left,
            ))
    return people


def _employment(
    rows: SyntheticRows, rnd: random.Random, extra: random.Random, p: _Person,
    base: dict[str, int], *, flat_swedish: bool, returns_evaluation: bool,
) -> tuple[date, date]:
    """The project job and what is measured during it; returns its first and last day."""
    pid, start = p.pid, p.group.work_start
    end = employment_end(start)
    rows.event(pid, start, "employment_start")
    rows.event(pid, end, "employment_end")
    # Workplace follow-ups: month two, month four (with Arbetsförmedlingen, where the action
    # plan is made), end of employment. The supervisor rates occupational ability 1–5.
    q = "supervisor_occupational_skills"
    skill = rnd.randint(1, 3)
    m2 = start + timedelta(days=rnd.randint(55, 66))
    m4 = start + timedelta(days=rnd.randint(116, 126))
    rows.answer(pid, m2, "follow_up_m2", q, skill)
    rows.answer(pid, m4, "follow_up_m4", q, min(5, skill + rnd.randint(0, 1)))
    rows.event(pid, m4, "action_plan")
    rows.answer(pid, end - timedelta(days=rnd.randint(0, 7)), "follow_up_end", q,
                min(5, skill + rnd.randint(1, 2)))
    # The participant's own evaluation after the employment.
    if returns_evaluation:
        after = end + timedelta(days=rnd.randint(1, 14))
        for question, top, gain in (
            ("closeness_to_labour_market", 10, rnd.randint(1, 4)),
            ("can_influence_work_situation", 10, rnd.randint(1, 3)),
            ("understanding_society_labour_market", 5, rnd.randint(1, 2)),
            ("swedish", 5, 0 if flat_swedish else rnd.randint(1, 2)),
        ):
            rows.answer(pid, after, "after_employment", question, min(top, base[question] + gain))
        # Experience and knowledge of the occupation, rated against the preparatory month.
        rows.answer(pid, after, "after_employment", "occupational_knowledge",
                    min(5, base["occupational_knowledge"] + extra.randint(1, 2)))
    rows.answer(pid, end + timedelta(days=rnd.randint(3, 30)), "supervisor_evaluation",
                "supervisor_understanding_increased", rnd.choice([3, 4, 4, 5, 5]))
    return start, end


def _after(
    rows: SyntheticRows, rnd: random.Random, pid: str, end: date, reason: str, support: int | None
) -> None:
    """What happens after the employment. ``support``: ``None`` for nobody on income
    support, ``0`` for the person who leaves it before the six-month follow-up, ``1`` for
    the others on it."""
    if reason == "af_programme":
        rows.event(pid, end + timedelta(days=rnd.randint(0, 45)), "af_intervention_offer")
    working = reason in ("work", "studies")
    if support is not None:
        s_start = end + timedelta(days=rnd.randint(60, 140))
        rows.event(pid, s_start, "income_support_start")
        if support == 0:
            rows.event(pid, s_start + timedelta(days=30), "income_support_end")  # found work
            working = True
        elif rnd.random() < 0.5:
            rows.event(pid, end + timedelta(days=rnd.randint(230, 330)), "income_support_end")
    if rnd.random() < 0.9:
        rows.answer(pid, end + timedelta(days=rnd.randint(176, 195)), "follow_up_6m",
                    "work_or_studies", int(working))
    if rnd.random() < 0.85:
        later = working or (support is None and rnd.random() < 0.4)
        rows.answer(pid, end + timedelta(days=rnd.randint(358, 380)), "follow_up_12m",
                    "work_or_studies", int(later))


QUIT_AFTER_DAYS = 35
"""The early job leaver quits five weeks into the six months' employment."""

_DURING_EMPLOYMENT = frozenset({"follow_up_m2", "follow_up_m4", "follow_up_end",
                                "after_employment", "supervisor_evaluation"})
_AFTER_EMPLOYMENT = frozenset({"af_intervention_offer", "income_support_start",
                               "income_support_end"})


def _quit_early(rows: SyntheticRows, pid: str, days: int) -> None:
    """Make ``pid`` leave the job ``days`` after it started: the job and the exit end then,
    what would have come later in the job (follow-ups, the action plan at month four, the
    evaluations after it) never happens, and what follows the job (offers, income support,
    the six- and twelve-month follow-ups) moves with its end. Done after the others are
    drawn, so that nobody else's rows change."""
    start = next(e.date for e in rows.events
                 if e.participant_id == pid and e.kind == "employment_start")
    old_end = next(e.date for e in rows.events
                   if e.participant_id == pid and e.kind == "employment_end")
    end = start + timedelta(days=days)
    shift = end - old_end
    events = []
    for e in rows.events:
        if e.participant_id != pid:
            events.append(e)
        elif e.kind == "employment_end":
            events.append(attrs.evolve(e, date=end))
        elif e.kind in _AFTER_EMPLOYMENT:
            events.append(attrs.evolve(e, date=e.date + shift))
        elif e.date <= end:
            events.append(e)
    responses = []
    for r in rows.responses:
        if r.participant_id != pid or r.phase == "prep_month":
            responses.append(r)
        elif r.phase not in _DURING_EMPLOYMENT:
            responses.append(attrs.evolve(r, date=r.date + shift))
        elif r.date <= end:
            responses.append(r)
    rows.events[:] = events
    rows.responses[:] = responses
    for person in rows.participants:
        if person["participant_id"] == pid:
            person["exited"] = end


_UNTIL_THE_JOB_ENDS = frozenset({"follow_up_end", "after_employment", "supervisor_evaluation",
                                 "follow_up_6m", "follow_up_12m"})


def _never_exits(rows: SyntheticRows, pid: str) -> None:
    """Make ``pid`` stay in the job past the project's end: when the six months are done the
    employer keeps them on (event ``employment_extended``), so no end of employment and no
    exit is recorded, ever. What would have come at or after
    the job's end (the end-of-job follow-up, the evaluations after it, offers, income
    support) never happens; the six- and twelve-month follow-ups are made from the
    project's end, as its end-of-project rule says, and find them at work. Done after the
    others are drawn, so that nobody else's rows change."""
    end = next(e.date for e in rows.events
               if e.participant_id == pid and e.kind == "employment_end")
    rows.events[:] = [e for e in rows.events if e.participant_id != pid
                      or e.kind not in {"employment_end", *_AFTER_EMPLOYMENT}]
    rows.event(pid, end, "employment_extended")  # the six months are done; the job goes on
    rows.responses[:] = [r for r in rows.responses if r.participant_id != pid
                         or r.phase not in _UNTIL_THE_JOB_ENDS]
    rows.answer(pid, PROJECT_END + timedelta(days=183), "follow_up_6m", "work_or_studies", 1)
    rows.answer(pid, PROJECT_END + timedelta(days=366), "follow_up_12m", "work_or_studies", 1)
    for person in rows.participants:
        if person["participant_id"] == pid:
            person["exited"], person["exit_reason"] = None, None


PARTICIPANT_FIGURES: tuple[Measurement, ...] = (
    Measurement(
        "participants_all_groups", PROJECT_END, 28, period_start=date(2014, 6, 1),
        breakdown={"group": {"1": 6, "2": 5, "3": 5, "4": 6, "5": 6}},
        source="slutrapporten, Antal (påhittat exempel): grupp 4:s deltagare som slutade "
               "efter fem veckor räknades fortfarande med"),
    Measurement(
        "participants_all_groups", date(2016, 12, 31), 27, period_start=date(2014, 6, 1),
        breakdown={"group": {"1": 6, "2": 5, "3": 5, "4": 5, "5": 6}},
        source="uppföljningsrapporten efter sex månader (påhittat exempel): slutrapportens 28 "
               "reviderat till 27, efter avbrott som bilaga 1 räknar"),
)
"""The number of participants after drop-outs in all five groups, as the appendix's row
'Antal' counts them: 28 in the (invented) final report, revised to 27 in the six-month
follow-up report, which also counts out the group-4 participant who left the job after five
weeks."""


def generate(seed: int = DEFAULT_SEED) -> SyntheticData:
    """Build the data set (deterministic for a seed)."""
    rnd = random.Random(seed)  # noqa: S311 - invented example data, not security
    # Answers added later draw from their own generator, so the earlier ones stay as they were.
    extra = random.Random(seed + 1)  # noqa: S311 - invented example data, not security
    rows = SyntheticRows()
    people = _roster(rnd)
    completers = [p for p in people if p.dropout is None]
    # What the completers go to when the employment ends: 9 work, 6 studies, 13 continue
    # with Arbetsförmedlingen. Seven of those 13 apply for income support; one of them
    # leaves it again before the six-month follow-up, so 22 of 28 (79 %) are off it then.
    reasons = ["work"] * 9 + ["studies"] * 6 + ["af_programme"] * 13
    rnd.shuffle(reasons)
    reason_of = {p.pid: r for p, r in zip(completers, reasons, strict=True)}
    on_support = [pid for pid, r in reason_of.items() if r == "af_programme"][:7]
    flat_swedish = next(p.pid for p in completers if p.group.name == "4")
    no_evaluation = next(p.pid for p in completers if p.group.name == "2")

    for p in people:
        g = p.group
        row: dict[str, Any] = {
            "participant_id": p.pid,
            "sex": p.sex,
            "birth_date": _birth_date(rnd, g.enrolled, p.age),
            "enrolled": g.enrolled,
            "exited": None,
            "exit_reason": None,
            "group": g.name,
            "birth_country": rnd.choice(g.countries),
        }
        rows.participants.append(row)
        base = {
            "closeness_to_labour_market": rnd.randint(2, 6),
            "can_influence_work_situation": rnd.randint(2, 6),
            "understanding_society_labour_market": rnd.randint(1, 3),
            "swedish": rnd.randint(1, 3),
        }
        prep_day = g.enrolled + timedelta(days=rnd.randint(3, 18))
        base["occupational_knowledge"] = extra.randint(1, 3)
        for q, score in base.items():
            rows.answer(p.pid, prep_day, "prep_month", q, score)
        if p.dropout is not None:
            days, reason = p.dropout
            row["exited"], row["exit_reason"] = g.enrolled + timedelta(days=days), reason
            continue
        _, end = _employment(rows, rnd, extra, p, base, flat_swedish=p.pid == flat_swedish,
                             returns_evaluation=p.pid != no_evaluation)
        row["exited"], row["exit_reason"] = end, reason_of[p.pid]
        support = None if p.pid not in on_support else int(p.pid != on_support[0])
        _after(rows, rnd, p.pid, end, reason_of[p.pid], support)

    quitter = next(pid for pid, r in reason_of.items()
                   if r == "af_programme" and pid.startswith("E2") and pid != flat_swedish)
    _quit_early(rows, quitter, QUIT_AFTER_DAYS)
    stays = next(p.pid for p in reversed(completers)
                 if p.group.name == "5" and reason_of[p.pid] == "work")
    _never_exits(rows, stays)
    return rows.build(measurements=PARTICIPANT_FIGURES, assessments=ASSESSMENTS,
                      source=f"etableringssparet synthetic (seed {seed})")


ASSESSMENTS: tuple[Assessment, ...] = (
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
"""The steering group's (invented) judgements of the product goals."""


def dataset(seed: int = DEFAULT_SEED) -> Dataset:
    """The synthetic data as a :class:`goalkit.Dataset`, assessments included."""
    return generate(seed).dataset()
