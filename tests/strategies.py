"""Hypothesis strategies shared by the tests: random data sets, indicators, goals, projects.

Every new feature adds its strategies here.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import strategies as st

import goalkit
import goalkit.goals
from goalkit import indicators as ind
from goalkit.goals import Budget, BudgetLine, Filter, Level, Period, Target, TargetGroup, Text

START = date(2014, 1, 1)
PERIOD_END = date(2015, 6, 30)
EVENT_KINDS = ("employment_offer", "employment_start", "income_support_start",
               "income_support_end", "study_start")
QUESTIONS = ("satisfied", "wellbeing")
PHASES = ("entry", "exit", "follow_up")


def day(offset: int) -> date:
    return START + timedelta(days=offset)


@st.composite
def participant_rows(draw: st.DrawFn, pid: str) -> dict[str, Any]:
    enrolled = day(draw(st.integers(0, 700)))
    exited = None
    if draw(st.booleans()):
        exited = enrolled + timedelta(days=draw(st.integers(0, 400)))
    birth = draw(st.one_of(
        st.none(),
        st.integers(1950, 2000).map(lambda y: ("year", y)),
        st.dates(date(1950, 1, 1), date(2000, 12, 31)).map(lambda d: ("date", d)),
    ))
    row: dict[str, Any] = {
        "participant_id": pid,
        "enrolled": enrolled,
        "exited": exited,
        "sex": draw(st.sampled_from(["F", "M", "X", None])),
        "exit_reason": (draw(st.sampled_from(["work", "studies", "other", None]))
                        if exited else None),
        "group": draw(st.sampled_from(["a", "b"])),
        "birth_year": birth[1] if birth and birth[0] == "year" else None,
        "birth_date": birth[1] if birth and birth[0] == "date" else None,
    }
    return row


@st.composite
def datasets_rows(
    draw: st.DrawFn, max_people: int = 25
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    n = draw(st.integers(0, max_people))
    people = [draw(participant_rows(f"p{i}")) for i in range(n)]
    events: list[dict[str, Any]] = []
    responses: list[dict[str, Any]] = []
    for p in people:
        anchor = p["enrolled"]
        for _ in range(draw(st.integers(0, 4))):
            events.append({
                "participant_id": p["participant_id"],
                "date": anchor + timedelta(days=draw(st.integers(-30, 600))),
                "kind": draw(st.sampled_from(EVENT_KINDS)),
            })
        for _ in range(draw(st.integers(0, 4))):
            phase = draw(st.sampled_from(PHASES))
            base = p["exited"] if phase != "entry" and p["exited"] else anchor
            responses.append({
                "participant_id": p["participant_id"],
                "date": base + timedelta(days=draw(st.integers(-40, 60))),
                "phase": phase,
                "question": draw(st.sampled_from(QUESTIONS)),
                "score": float(draw(st.integers(1, 5))),
            })
    return people, events, responses


def datasets(max_people: int = 25) -> st.SearchStrategy[goalkit.Dataset]:
    """Random data sets as records."""
    return datasets_rows(max_people).map(lambda t: goalkit.Dataset.from_records(*t))


filters = st.one_of(
    st.just(Filter()),
    st.sampled_from([
        Filter.from_mapping({"sex": "F"}),
        Filter.from_mapping({"age": {"between": [18, 40]}}),
        Filter.from_mapping({"group": {"in": ["a"]}}),
        Filter.from_mapping({"sex": {"ne": "M"}, "age": {"ge": 25}}),
        Filter.from_mapping({"birth_year": {"is_null": True}}),
    ]),
)
anchors = st.sampled_from(["enrolled", "exited", "employment_start"])
windows = st.tuples(st.integers(-20, 60), st.integers(0, 200)).map(
    lambda t: (min(t), max(t))
)

person_indicators: st.SearchStrategy[goalkit.kinds.PersonIndicator] = st.one_of(
    st.builds(ind.Count, where=filters, anchor=anchors,
              condition=st.sampled_from([Filter(),
                                         Filter.from_mapping({"exit_reason": "work"})])),
    st.builds(ind.Share, where=filters, anchor=anchors,
              condition=st.sampled_from([
                  Filter.from_mapping({"exit_reason": {"in": ["work", "studies"]}}),
                  Filter.from_mapping({"sex": "F"}),
              ])),
    st.builds(ind.Balance, column=st.just("sex"),
              categories=st.sampled_from([("F",), ("F", "X")]), where=filters),
    st.builds(ind.SurveyShare, question=st.sampled_from(QUESTIONS),
              phase=st.sampled_from(PHASES), at_least=st.sampled_from([3.0, 4.0]),
              days=windows, where=filters),
    st.builds(ind.PairedChange, question=st.sampled_from(QUESTIONS),
              before=st.just("entry"), after=st.sampled_from(["exit", "follow_up"]),
              after_days=windows, where=filters),
    st.builds(ind.MeanChange, question=st.sampled_from(QUESTIONS),
              scale=st.sampled_from([None, (1.0, 5.0)]), where=filters),
    st.builds(ind.EventWithin, events=st.sampled_from([("employment_offer",),
                                                       ("employment_start", "study_start")]),
              anchor=anchors, days=windows, where=filters),
    st.builds(ind.StatusAt, start=st.just("income_support_start"),
              end=st.just("income_support_end"), days=st.integers(0, 120),
              expect=st.sampled_from(["on", "off"]), anchor=anchors, where=filters),
    st.builds(ind.TimeToEvent, events=st.just(("employment_start",)),
              anchor=st.sampled_from(["enrolled", "exited"]), where=filters,
              after_exit=st.sampled_from(["at_risk", "censored", "competing"])),
)

work_count = st.builds(ind.Count, anchor=st.just("exited"),
                       condition=st.just(Filter.from_mapping({"exit_reason": "work"})))

indicators: st.SearchStrategy[goalkit.kinds.Indicator] = st.one_of(
    person_indicators,
    st.builds(ind.CostPerOutcome, amount=st.sampled_from([1000.0, 250000.0, None]),
              basis=st.sampled_from(["budget", "budget_to_date"]), outcome=work_count),
    st.builds(ind.CostPerOutcome, basis=st.just("spent"), outcome=work_count),
    st.builds(ind.Ratio, numerator=st.builds(ind.Count, where=filters, anchor=anchors),
              denominator=st.builds(ind.Count), scale=st.just(100.0)),
)


def target_for(indicator: goalkit.kinds.Indicator) -> st.SearchStrategy[Target | None]:
    """A target that makes sense for the indicator's unit."""
    unit = indicator.unit
    if unit is goalkit.Unit.SHARE:
        share = st.sampled_from([0.0, 0.25, 0.5, 0.75, 1.0])
        return st.one_of(
            share.map(Target.at_least),
            share.map(Target.at_most),
            st.tuples(share, share).map(lambda t: Target.between(min(t), max(t))),
        )
    numbers = st.sampled_from([0.0, 1.0, 3.0, 10.0, 60.0, 200.0, 5000.0])
    return st.one_of(
        st.none(),
        numbers.map(Target.at_least),
        numbers.map(Target.at_most),
        numbers.map(Target.equal),
    )


@st.composite
def goals(draw: st.DrawFn, gid: str = "g") -> goalkit.goals.Goal:
    indicator = draw(indicators)
    return goalkit.goals.Goal(
        id=gid,
        level=draw(st.sampled_from(list(Level))),
        indicator=indicator,
        target=draw(target_for(indicator)),
        due=draw(st.one_of(st.none(), st.integers(200, 1100).map(day))),
        wording=draw(st.sampled_from(["", "Minst 30 deltagare ska skrivas in."])),
        target_group_only=draw(st.booleans()),
        min_response_rate=draw(st.sampled_from([None, None, 0.0, 0.3, 0.8])),
        not_exited=draw(st.sampled_from([None, None, "pending", "exits_at_end"])),
    )


spent_lines = st.builds(
    lambda start, length, amount: BudgetLine(
        amount, period=Period(day(start), day(start + length)), kind="spent"),
    st.integers(0, 500), st.integers(0, 200), st.sampled_from([0.0, 5000.0, 120000.0]),
)
budgets = st.builds(Budget, total=st.sampled_from([None, 400000.0]),
                    lines=st.lists(spent_lines, max_size=3))
"""A project's money: a total or none, and spending over periods in and after it."""


@st.composite
def projects(draw: st.DrawFn, max_goals: int = 3) -> goalkit.Project:
    n = draw(st.integers(1, max_goals))
    return goalkit.Project(
        id="p",
        name=Text(sv="Projekt", en="Project"),
        period=Period(START, PERIOD_END),
        goals=[draw(goals(f"g{i}")) for i in range(n)],
        breakdowns=draw(st.sampled_from([(), ("group",), ("exit_reason",)])),
        standard_breakdowns=draw(st.sampled_from(
            [("sex", "age_band"), ("sex", "age_band"), ("sex",), ("age_band",), ()])),
        budget=draw(budgets),
        target_group=draw(st.sampled_from([
            TargetGroup(), TargetGroup(min_age=18, max_age=40),
            TargetGroup(min_age=30)])),
        min_response_rate=draw(st.sampled_from([0.5, 0.0, 0.7])),
        not_exited=draw(st.sampled_from(["exits_at_end", "pending"])),
    )


as_of_dates = st.integers(0, 1400).map(day)


# -- reports: breakdown cells, and data whose participant ids are easy to find in output --

breakdown_cells = st.builds(
    lambda s, f, p, e, share: goalkit.model.Cell(
        value=(s / (s + f) if s + f else None) if share else float(s),
        success=s, failure=f, pending=p, excluded=e,
        numerator=s, denominator=(s + f) if share else None,
    ),
    st.integers(0, 30), st.integers(0, 30), st.integers(0, 12), st.integers(0, 6), st.booleans(),
)
"""One breakdown cell with consistent counts (small counts are common)."""

breakdown_dimensions = st.dictionaries(
    st.sampled_from(["F", "M", "X", "unknown", "-15", "16-19", "20-24", "25-29", "30-34",
                     "35-44", "45-"]),
    breakdown_cells, min_size=1, max_size=7,
)
"""Category to cell, for one dimension."""


def marked_datasets(max_people: int = 25) -> st.SearchStrategy[goalkit.Dataset]:
    """Random data sets whose participant ids (``PID-0007-X``) cannot occur by chance in a
    report, so a test can look for them in any output."""

    def mark(t: tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]],
             ) -> goalkit.Dataset:
        def pid(old: str) -> str:
            return f"PID-{int(old[1:]):04d}-X"

        people, events, responses = t
        return goalkit.Dataset.from_records(
            [{**p, "participant_id": pid(p["participant_id"])} for p in people],
            [{**e, "participant_id": pid(e["participant_id"])} for e in events],
            [{**r, "participant_id": pid(r["participant_id"])} for r in responses],
        )

    return datasets_rows(max_people).map(mark)


@st.composite
def measurements_off_by(draw: st.DrawFn, metric: str = "participants",
                        ) -> tuple[goalkit.Measurement, int]:
    """A reported figure with one additive breakdown whose parts add up to its value plus
    an offset (negative: incomplete, zero: adds up, positive: impossible), and the offset.
    Built to the offset, not filtered."""
    parts = draw(st.lists(st.integers(0, 500), min_size=1, max_size=5))
    total = sum(parts)
    offset = draw(st.integers(-total, 300)) if total else draw(st.integers(0, 300))
    breakdown = {"cat": {f"c{i}": float(p) for i, p in enumerate(parts)}}
    when = day(draw(st.integers(0, 500)))
    return goalkit.Measurement(metric, when, float(total - offset), breakdown), offset


# -- reports whose goals count the same people: what a suppression attacker works on --

SEXES = ("F", "M", "X", "unknown")
BANDS = ("16-19", "20-24", "25-29", "30-34", "35-44", "45-")
STATES = ("success", "failure", "pending", "excluded")


@st.composite
def linked_reports(draw: st.DrawFn, max_people: int = 40, max_goals: int = 3) -> goalkit.Report:
    """A report built cell by cell from a random population: every person has a sex and an
    age band and, in every goal, exactly one of success, failure, pending and left out, as
    the engine counts them (so a category holds the same people in every goal). Shares
    have a numerator and denominator, counts a numerator only. Small counts are common."""
    people = _people(draw, max_people)
    results = []
    for g in range(draw(st.integers(1, max_goals))):
        share = draw(st.booleans())
        states = [draw(st.sampled_from(STATES if share else ("success", "excluded")))
                  for _ in people]
        results.append(_goal(g, people, states, share=share))
    return _linked_report(results)


@st.composite
def followed_up_reports(draw: st.DrawFn, max_people: int = 30) -> goalkit.Report:
    """A report of two shares over one random population, the second among the people of
    one outcome of the first (:func:`followed_up_report`)."""
    people = _people(draw, max_people)
    first = [draw(st.sampled_from(STATES)) for _ in people]
    among = draw(st.sampled_from(STATES[:3]))
    second = [draw(st.sampled_from(STATES[:3])) if s == among else "excluded" for s in first]
    return followed_up_report(people, first, second)


def followed_up_report(people: list[tuple[str, str]], first: list[str],
                       second: list[str]) -> goalkit.Report:
    """Two shares over ``people`` (each a sex and an age band), the second among the
    people of one outcome of the first (``second`` leaves the others out): as "employed
    within six months, among those who left for neither work nor studies" follows up a
    goal of leaving for work or studies. In every category the second goal's people
    counted are that outcome of the first, and its left out the first's others."""
    return _linked_report([_goal(0, people, first, share=True),
                           _goal(1, people, second, share=True)])


def _people(draw: st.DrawFn, max_people: int) -> list[tuple[str, str]]:
    """Each person's sex and age band (``unknown`` sex in one draw of ten)."""
    n = draw(st.integers(0, max_people))
    return [(draw(st.sampled_from(SEXES[:3] if draw(st.integers(0, 9)) else SEXES)),
             draw(st.sampled_from(BANDS))) for _ in range(n)]


def _goal(g: int, people: list[tuple[str, str]], states: list[str], *,
          share: bool) -> goalkit.GoalResult:
    """Goal ``g`` whose people have ``states``, counted as the engine counts, broken down
    by sex and age band."""

    def cell(members: list[int]) -> goalkit.model.Cell:
        counts = {s: sum(1 for i in members if states[i] == s) for s in STATES}
        decided = counts["success"] + counts["failure"]
        value = (counts["success"] / decided if decided else None) if share else float(
            counts["success"])
        return goalkit.model.Cell(value=value, numerator=counts["success"],
                                  denominator=decided if share else None, **counts)

    total = cell(list(range(len(people))))
    breakdowns = {
        dim: {cat: cell([i for i, p in enumerate(people) if p[d] == cat])
              for cat in sorted({p[d] for p in people})}
        for d, dim in enumerate(("sex", "age_band"))
    }
    return goalkit.GoalResult(
        goal_id=f"g{g}", level=Level.SUB_GOAL, title=Text(en=f"Goal {g}"),
        wording="", interpretation=Text(), kind="share" if share else "count",
        unit=goalkit.Unit.SHARE if share else goalkit.Unit.PEOPLE,
        status=goalkit.Status.PENDING, as_of=START, due=None, target=None,
        value=total.value, numerator=total.numerator, denominator=total.denominator,
        success=total.success, failure=total.failure, pending=total.pending,
        excluded={"excluded": total.excluded} if total.excluded else {},
        breakdowns=breakdowns,
    )


def _linked_report(results: list[goalkit.GoalResult]) -> goalkit.Report:
    return goalkit.Report(project_id="p", project_name=Text(en="P"), as_of=START,
                          results=tuple(results))


# A project folder's configuration (goalkit.toml): each of `goalkit report`'s keys with a
# value its option takes, as TOML gives it, and the value the command line would get
# (paths relative to the folder ``base`` are made absolute by the configuration).
_NAMES = st.text("abcdefghij-_", min_size=1, max_size=8).filter(lambda s: s[0].isalpha())
_STATUSES = ("met", "not_met", "pending", "needs_assessment", "no_data")


def _listed(values: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A repeatable option's value: a list, or one value alone."""
    return st.one_of(st.lists(values, min_size=1, max_size=3), values)


REPORT_CONFIG_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "format": _listed(st.sampled_from(["html", "md", "json", "xlsx", "table"])),
    "lang": _listed(st.sampled_from(["sv", "en"])),
    "min_cell": st.integers(2, 100),
    "audience": st.sampled_from(["public", "internal"]),
    "strict": st.booleans(),
    "reporting_dates": st.booleans(),
    "fail_on": _listed(st.sampled_from(_STATUSES)),
    "goal": _listed(_NAMES),
    "breakdown": _listed(_NAMES),
    "as_of": _listed(st.dates(date(2000, 1, 1), date(2040, 12, 31))),
    "out": _NAMES.map(lambda s: f"{s}/"),
    "mapping": _NAMES.map(lambda s: f"{s}.toml"),
    "data": st.one_of(_NAMES, _NAMES.map(lambda s: f"sqlite:///{s}.db")),
    "project": st.one_of(_NAMES.map(lambda s: f"{s}.toml"), _NAMES),
}
"""Every configuration key of ``goalkit report`` with the values its option takes."""


@st.composite
def report_configs(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, str]]:
    """A ``goalkit.toml`` for ``report`` (some keys at the top, some in ``[report]``, a
    key in both now and then) and, for each key, where its value in force is
    (``key`` or ``report.key``)."""
    keys = draw(st.lists(st.sampled_from(sorted(REPORT_CONFIG_VALUES)), unique=True,
                         max_size=len(REPORT_CONFIG_VALUES)))
    top: dict[str, Any] = {}
    table: dict[str, Any] = {}
    where: dict[str, str] = {}
    for key in keys:
        place = draw(st.sampled_from(["top", "table", "both"]))
        if place in ("top", "both"):
            top[key] = draw(REPORT_CONFIG_VALUES[key])
            where[key] = key
        if place in ("table", "both"):
            table[key] = draw(REPORT_CONFIG_VALUES[key])
            where[key] = f"report.{key}"
    return ({**top, "report": table} if table else top), where


# -- the suppression audit's tables: one dimension of several goals, as the audit sees it --

@st.composite
def audit_tables(draw: st.DrawFn, max_goals: int = 4, max_categories: int = 6,
                 ) -> tuple[list[Any], int]:
    """One dimension's tables of a report's goals (``goalkit.reports._audit.Table``) and a
    threshold, built to exercise every relation the audit knows and the lack of each:
    goals that count the same people in each category (linked) or not, shares whose
    denominator is the decided or the decided and pending, counts without a denominator,
    totals that are the cells' sums or not (or not given), a numerator that does not follow
    from a cell's counts, and empty categories. Small counts are common."""
    from goalkit.reports._audit import Table  # noqa: PLC0415

    k = draw(st.integers(2, 6))
    categories = [f"c{i}" for i in range(draw(st.integers(2, max_categories)))]
    sizes = [draw(st.integers(0, 14)) for _ in categories]
    tables = []
    for g in range(draw(st.integers(1, max_goals))):
        linked = draw(st.booleans())
        kind = draw(st.sampled_from(["decided", "decided-pending", "count"]))
        cells = {}
        for c, size in zip(categories, sizes, strict=True):
            n = size if linked else draw(st.integers(0, 14))
            cuts = sorted(draw(st.integers(0, n)) for _ in range(3))
            s, f, p, e = cuts[0], cuts[1] - cuts[0], cuts[2] - cuts[1], n - cuts[2]
            den = {"decided": s + f, "decided-pending": s + f + p, "count": None}[kind]
            cells[c] = goalkit.model.Cell(value=None, success=s, failure=f, pending=p,
                                          excluded=e, numerator=s, denominator=den)
        if draw(st.integers(0, 4)) == 0:  # a numerator that is not the successes
            c = draw(st.sampled_from(categories))
            cell = cells[c]
            cells[c] = goalkit.model.Cell(
                value=None, success=cell.success, failure=cell.failure, pending=cell.pending,
                excluded=cell.excluded, numerator=(cell.numerator or 0) + 1,
                denominator=cell.denominator)
        totals: list[int | None] = [
            None if any(v is None for v in values) else sum(v or 0 for v in values)
            for values in zip(*((x.success, x.failure, x.pending, x.excluded, x.numerator,
                                 x.denominator) for x in cells.values()), strict=True)]
        for i in draw(st.sets(st.integers(0, 5), max_size=2)):  # totals not the cells' sums
            totals[i] = None if i >= 4 and draw(st.booleans()) else (
                (totals[i] or 0) + draw(st.integers(1, 3)))
        tables.append(Table(f"g{g}", tuple(totals), cells))
    return tables, k
