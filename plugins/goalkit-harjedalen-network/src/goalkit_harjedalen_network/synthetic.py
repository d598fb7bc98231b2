"""A seeded synthetic data set for the Härjedalen network-building project.

The same function feeds the plugin's declared examples and ``examples/harjedalen-network``
(whose ``make_data.py`` writes it to CSV). Dates, ages and places are drawn at random; the
numbers the goals turn on are fixed by construction, so the statuses the examples declare
hold for every seed:

* 36 enrolled, one of them (H036) aged 66 or 67 by their birth year, certainly outside the
  target group 18–65, so left out of every goal that counts the target group only (and
  flagged by the data check, ``age_outside_target_group``); of the 35 in the
  target group 17 are women (48.6 %) and 33 took part in an activity;
* 31 answered the exit survey, 25 of them both satisfied and strengthened (80.6 %) and 17
  with a grown network (54.8 %); 28 answered at entry and exit, of whom 19 rate their
  wellbeing higher (67.9 %), 12 their employability (42.9 %), and the share wanting to
  stay rose from 10 to 16 of 28 (+21.4 points);
* 11 of the 36 offered employment within 183 days of exit, two more after that; the goal
  counts the 35 in the target group (seed 2014: 11 of 35, 31.4 %; at least 10 of 35 for any
  seed); the foreign-born unemployment rate falls from 19.8 to 16.4 %;
* one person in the target group never exits: still at the meeting place when the project
  ends, so no exit and no exit survey are recorded (one of those without an exit survey,
  for seed 2014 one who answered at entry and was never offered employment). The
  end-of-project rule makes the project's end their exit, and their six months run from
  there.

The hard cases: the person over 65, outside the target group, two who never took part in an
activity, non-responders at entry and at exit, the person who never exits, offers that
come too late; the unemployment figures are revised by nothing (the network's document has
no figure of its own to revise).

Nothing here describes real people.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from goalkit import Assessment, Measurement
from goalkit.testing.synthetic import SyntheticData, random_date

__all__ = ["END", "START", "generate"]

START, END = date(2014, 6, 2), date(2015, 11, 30)
PLACES = ("Sveg", "Hede", "Funäsdalen", "Lillhärdal", "Vemdalen")
ARRIVAL = ("refugee", "protection", "relative")
SOURCE = "synthetic example (goalkit), not real statistics"


def _pairs(rnd: random.Random, n: int, up: int, lo: int, hi: int) -> list[tuple[int, int]]:
    """``n`` (before, after) scores on ``lo..hi``, exactly ``up`` of them with after > before."""
    out = []
    for i in range(n):
        before = rnd.randint(lo, hi - 1)
        after = rnd.randint(before + 1, hi) if i < up else rnd.randint(lo, before)
        out.append((before, after))
    rnd.shuffle(out)
    return out


def generate(seed: int = 2014) -> SyntheticData:
    """The synthetic data set for ``seed`` (the same rows every time for one seed)."""
    rnd = random.Random(seed)  # noqa: S311 - synthetic data, not security
    people = _people(rnd)
    by_id = {p["participant_id"]: p for p in people}
    in_group = [pid for pid in by_id if pid != "H036"]
    events: list[tuple[str, date, str]] = []
    # Activities: all but two of the target group (and the one over 65) take part.
    order = in_group[:]
    rnd.shuffle(order)
    for pid in [*order[:33], "H036"]:
        p = by_id[pid]
        events.append((pid, min(p["enrolled"] + timedelta(days=rnd.randint(0, 14)), p["exited"]),
                       "activity"))
    rnd.shuffle(order)
    answers = _surveys(rnd, by_id, order)
    events += _offers(rnd, people)
    # Without an exit survey: the two who answered only at entry, the two who never answered.
    _never_exits(by_id, [*order[28:30], *order[33:35]], events)
    return SyntheticData(
        participants=tuple(people),
        events=tuple(sorted(events)),
        responses=tuple(sorted(answers)),
        measurements=_statistics(),
        assessments=_assessments(),
        source="goalkit-harjedalen-network synthetic example",
    )


def _never_exits(
    by_id: dict[str, dict[str, Any]], candidates: list[str],
    events: list[tuple[str, date, str]],
) -> None:
    """One person in the target group never exits: still coming to the meeting place when
    the project ends, so no exit is recorded. Chosen among those with no exit survey
    (``candidates``), preferably one never offered employment and not going on to studies,
    without drawing again, so that nobody else's rows change; what was dated from their
    exit (an offer, a job or studies after it) is dropped with it."""
    after_exit = {"employment_offer", "employment_start", "study_start"}
    dated_from_exit = {pid for pid, _, kind in events if kind in after_exit}
    stays = min(candidates, key=lambda pid: (pid in dated_from_exit, candidates.index(pid)))
    events[:] = [e for e in events if e[0] != stays or e[2] not in after_exit]
    by_id[stays]["exited"], by_id[stays]["exit_reason"] = None, None


def _people(rnd: random.Random) -> list[dict[str, Any]]:
    """36 people: H001–H035 in the target group (17 women), H036 aged 66 or 67."""
    people: list[dict[str, Any]] = []
    in_group = [f"H{i:03d}" for i in range(1, 36)]
    women = set(rnd.sample(in_group, 17))
    for pid in [*in_group, "H036"]:
        enrolled = random_date(rnd, date(2014, 6, 16), date(2015, 8, 31))
        exited = min(enrolled + timedelta(days=rnd.randint(90, 270)), END)
        # H036's birth year makes them 66 or 67 at enrolment: certainly over 65 (a birth
        # year of enrolment year - 66 would leave 65 possible, and they would count).
        age = 67 if pid == "H036" else min(65, 18 + int(rnd.expovariate(1 / 14)))
        people.append({
            "participant_id": pid,
            "sex": "F" if pid in women else "M",
            "birth_year": enrolled.year - age,
            "enrolled": enrolled,
            "exited": exited,
            "exit_reason": rnd.choice(("other", "other", "studies", "moved")),
            "municipality": rnd.choice(PLACES),
            "arrival_reason": rnd.choice(ARRIVAL),
        })
    return people


def _surveys(
    rnd: random.Random, by_id: dict[str, dict[str, Any]], order: list[str]
) -> list[tuple[str, date, str, str, float]]:
    """30 answer at entry, 31 at exit, 28 both times (``order`` is the target group shuffled)."""
    answers: list[tuple[str, date, str, str, float]] = []
    both, entry_only, exit_only = order[:28], order[28:30], order[30:33]
    wellbeing = _pairs(rnd, 28, 19, 1, 10)
    employability = _pairs(rnd, 28, 12, 1, 10)
    stay = [(1, 1)] * 8 + [(1, 0)] * 2 + [(0, 1)] * 8 + [(0, 0)] * 10
    rnd.shuffle(stay)
    for i, pid in enumerate(both):
        p = by_id[pid]
        for question, (before, after) in (
            ("wellbeing", wellbeing[i]), ("employability", employability[i]),
            ("want_to_stay", stay[i]),
        ):
            answers.append((pid, p["enrolled"], "entry", question, float(before)))
            answers.append((pid, p["exited"], "exit", question, float(after)))
    for pid in entry_only:
        p = by_id[pid]
        answers.append((pid, p["enrolled"], "entry", "wellbeing", float(rnd.randint(1, 10))))
        answers.append((pid, p["enrolled"], "entry", "employability", float(rnd.randint(1, 10))))
        answers.append((pid, p["enrolled"], "entry", "want_to_stay", float(rnd.randint(0, 1))))
    responders = both + exit_only
    good = set(rnd.sample(responders, 25))
    grown = set(rnd.sample(responders, 17))
    for pid in responders:
        p = by_id[pid]
        low = rnd.randint(4, 5) if pid in good else rnd.randint(1, 3)
        other = rnd.randint(low, 5)
        sat, strong = (low, other) if rnd.random() < 0.5 else (other, low)
        answers.append((pid, p["exited"], "exit", "satisfied", float(sat)))
        answers.append((pid, p["exited"], "exit", "strengthened", float(strong)))
        answers.append((pid, p["exited"], "exit", "satisfied_and_strengthened", float(low)))
        net = rnd.randint(4, 5) if pid in grown else rnd.randint(1, 3)
        answers.append((pid, p["exited"], "exit", "network_grown", float(net)))
    return answers


def _offers(rnd: random.Random, people: list[dict[str, Any]]) -> list[tuple[str, date, str]]:
    """Employment offers: 5 at exit (exit to work), 6 later within 183 days, 2 too late;
    employment and study starts to go with them."""
    events: list[tuple[str, date, str]] = []
    everyone = list(people)
    rnd.shuffle(everyone)
    for n, p in enumerate(everyone[:13]):
        pid = p["participant_id"]
        if n < 5:
            offset = 0
            p["exit_reason"] = "work"
        elif n < 11:
            offset = rnd.randint(20, 175)
        else:
            offset = rnd.randint(200, 240)
        offer = p["exited"] + timedelta(days=offset)
        kind = rnd.choice(("nystartsjobb", "instegsjobb", "visstid"))
        events.append((pid, offer, "employment_offer"))
        if n < 5 or (n < 11 and kind != "visstid"):
            events.append((pid, offer + timedelta(days=rnd.randint(7, 30)), "employment_start"))
    for p in people:
        if p["exit_reason"] == "studies":
            events.append((p["participant_id"], p["exited"] + timedelta(days=rnd.randint(5, 60)),
                           "study_start"))
    return events


def _statistics() -> tuple[Measurement, ...]:
    """Yearly unemployment rates (per cent) in the municipality: invented reference figures,
    and the foreign-born rate at the project start (the 2013 figure, the latest before
    2014-06-02) as its own metric, the baseline 'sjunker' is judged against."""
    yearly = tuple(
        Measurement(metric, date(year, 12, 31), value, period_start=date(year, 1, 1),
                    source=SOURCE)
        for year, fb, total in ((2013, 19.8, 6.4), (2014, 18.1, 6.2), (2015, 16.4, 5.9))
        for metric, value in (("unemployment_rate_foreign_born", fb),
                              ("unemployment_rate_total", total))
    )
    baseline = Measurement("unemployment_rate_foreign_born_at_start", date(2013, 12, 31), 19.8,
                           period_start=date(2013, 1, 1),
                           source=f"{SOURCE}; the 2013 figure, the level at project start")
    return (*yearly, baseline)


def _assessments() -> tuple[Assessment, ...]:
    """The steering group's (invented) judgements of the model and its deliverables."""
    board = "styrgruppen"
    return (
        Assessment("course-programme", date(2015, 10, 20), "met",
                   "kursplan version 1.0 antagen av styrgruppen (synthetic)", board),
        Assessment("contact-organisation", date(2015, 11, 10), "met",
                   "organisationsbeskrivning för mötesplatser (synthetic)", board),
        Assessment("premises-secured", date(2015, 6, 10), "pending",
                   "förhandling om lokal pågår (synthetic)", board),
        Assessment("premises-secured", date(2015, 11, 25), "met",
                   "hyresavtal t.o.m. 2017-12-31 (synthetic)", board),
        Assessment("association-channels", date(2015, 11, 30), "not_met",
                   "kontakterna går fortfarande via en enskild medarbetare (synthetic)", board),
        Assessment("working-model", date(2016, 1, 10), "not_met",
                   "en av fyra delar saknas: kontaktkanaler till föreningar (synthetic)", board),
        Assessment("vision-2020", date(2016, 1, 10), "pending",
                   "metoderna ingår i verksamhetsplan 2016; effekt mot visionen ej bedömbar än "
                   "(synthetic)", board),
    )
