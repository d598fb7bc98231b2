"""A seeded synthetic data set for the Region Jämtland Härjedalen integration project.

The document reports aggregate figures only, so the example is mostly figures: the
synthetic participants (about 500 over the whole period, in the county's eight
municipalities) are summed into the status figures a project would report later
(2017-10-31 and 2018-03-31, consistent by construction), next to invented yearly
unemployment rates among newly arrived and the judgements of the assessed goals. The
document's own figures (to October 2016) are in the plugin's goal file, not here. Those
still in the project when it closes never exit (no exit date, no outcome): a hard case for
the data, and not "ended" in the figures.

Nothing here describes real people or real statistics.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from goalkit import Assessment, Measurement
from goalkit.testing.synthetic import SyntheticData

__all__ = ["END", "REPORTS", "START", "generate"]

START, END = date(2015, 9, 1), date(2018, 3, 31)
REPORTS = (date(2017, 10, 31), date(2018, 3, 31))
"""The dates of the synthetic status figures."""
MUNICIPALITIES = {
    "Östersund": 35, "Krokom": 12, "Åre": 10, "Strömsund": 9, "Härjedalen": 9,
    "Ragunda": 9, "Berg": 8, "Bräcke": 8,
}
OUTCOMES = {"work": 43, "studies": 6, "other": 17, "": 34}
SOURCE = "synthetic status report (goalkit example), not real figures"


def generate(seed: int = 2015) -> SyntheticData:
    """The synthetic data set for ``seed`` (the same rows every time for one seed)."""
    rnd = random.Random(seed)  # noqa: S311 - synthetic data, not security
    people: list[dict[str, Any]] = []
    events: list[tuple[str, date, str]] = []
    month = START
    n = 0
    while month <= date(2018, 2, 1):
        intake = 5 if month < date(2015, 12, 1) else rnd.randint(14, 20)
        for _ in range(intake):
            n += 1
            enrolled = month + timedelta(days=rnd.randrange(28))
            exited: date | None = enrolled + timedelta(days=rnd.randint(90, 540))
            reason = rnd.choices(list(OUTCOMES), weights=list(OUTCOMES.values()))[0]
            if exited is not None and exited > END:  # still in at the close: never exits
                exited, reason = None, ""
            pid = f"J{n:04d}"
            people.append({
                "participant_id": pid,
                "sex": "F" if rnd.random() < 0.35 else "M",
                "birth_year": enrolled.year - min(64, 18 + int(rnd.expovariate(1 / 13))),
                "enrolled": enrolled,
                "exited": exited,
                "exit_reason": reason or None,
                "municipality": rnd.choices(list(MUNICIPALITIES),
                                            weights=list(MUNICIPALITIES.values()))[0],
            })
            if exited is not None and reason in ("work", "studies"):
                events.append((pid, exited,
                               "employment_start" if reason == "work" else "study_start"))
        month = (month + timedelta(days=32)).replace(day=1)
    return SyntheticData(
        participants=tuple(people),
        events=tuple(sorted(events)),
        responses=(),
        measurements=(*_status_figures(people), *_statistics()),
        assessments=_assessments(),
        source="goalkit-jamtland-integration synthetic example",
    )


def _status_figures(people: list[dict[str, Any]]) -> list[Measurement]:
    """What the project would report at each of :data:`REPORTS`, summed from the people."""
    out = []
    for day in REPORTS:
        enrolled = [p for p in people if p["enrolled"] <= day]
        # Those who ended their participation, with what they went on to. A person still in
        # the project when it closes has no exit (no outcome of their own) and is not
        # counted as ended, so the share to work at the end is of the same kind as at the
        # status reports.
        ended = [p for p in enrolled if p["exited"] is not None and p["exited"] <= day]

        def figure(metric: str, group: list[dict[str, Any]], day: date = day,
                   **breakdown: dict[str, float]) -> Measurement:
            return Measurement(metric, day, float(len(group)), breakdown=breakdown,
                               period_start=START, source=SOURCE)

        sexes = {s: float(sum(p["sex"] == s for p in enrolled)) for s in ("F", "M")}
        # Like the document, the report lists work, studies and other; those without a
        # stated outcome are not typed in: goalkit computes the remainder as 'unknown'.
        outcomes = {o: float(sum(p["exit_reason"] == o for p in ended))
                    for o in ("work", "studies", "other")}
        out += [
            figure("participants", enrolled, sex=sexes),
            figure("ended", ended, outcome=outcomes),
            Measurement("municipalities_with_workshop", day,
                        float(len({p["municipality"] for p in enrolled})),
                        period_start=START, source=SOURCE),
        ]
    return out


def _statistics() -> list[Measurement]:
    """Yearly unemployment among newly arrived in the county, per cent (invented)."""
    return [
        Measurement("unemployment_rate_newly_arrived", date(year, 12, 31), rate,
                    period_start=date(year, 1, 1), source="synthetic reference statistics")
        for year, rate in ((2015, 31.5), (2016, 29.2), (2017, 26.8))
    ]


def _assessments() -> tuple[Assessment, ...]:
    """Invented judgements of the assessed goals (one left without: needs assessment)."""
    group = "regional styrgrupp"
    return (
        Assessment("cooperation-af-associations", date(2016, 10, 31), "met",
                   "samverkansöverenskommelse med Arbetsförmedlingen i alla åtta kommuner "
                   "(synthetic)", group),
        Assessment("attitude-communicator", date(2017, 3, 15), "pending",
                   "rekrytering av kommunikatör pågår (synthetic)", group),
        Assessment("attitude-communicator", date(2017, 12, 15), "met",
                   "kommunikatör anställd sedan 2017-05; attitydkampanj genomförd (synthetic)",
                   group),
        Assessment("learning-exchanges", date(2017, 6, 30), "met",
                   "protokoll från månatliga träffar; tre metoder spridda mellan kommuner "
                   "(synthetic)", group),
        Assessment("project-goal", date(2018, 3, 31), "met",
                   "slutrapport: utfallen följda per kommun och kön (synthetic)",
                   group),
        Assessment("labour-supply", date(2018, 3, 31), "pending",
                   "effekten på länets arbetskraftsförsörjning kan bedömas först efter "
                   "projektet (synthetic)", group),
        Assessment("inclusion-increased", date(2018, 3, 31), "met",
                   "föreningssamverkan i alla kommuner (synthetic)", group),
        Assessment("health-tax-costs", date(2018, 3, 31), "pending",
                   "samhällsekonomisk kalkyl beställd (synthetic)", group),
    )
