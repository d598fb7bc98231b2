"""Etableringsspåret's goal plugin: the goal file says what the document says, the goals
decide as they should on small hand-built data, and the declared examples hold."""

# The document's sentences are kept whole, as the goal file keeps them.
# ruff: noqa: E501

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from goalkit_etableringssparet import GROUPS, generate, load_project
from goalkit_etableringssparet import plugin as plugin_module
from hypothesis import given, settings
from hypothesis import strategies as st

import goalkit
from goalkit import Unit
from goalkit.engine import check_measurements
from goalkit.goals import EventWithin, PairedChange, Period, Target
from goalkit.model import budget_summary
from goalkit.testing import check_goal_texts, check_plugin

# The document's goals, verbatim, with the level goalkit gives them.
DOCUMENT_GOALS: dict[str, tuple[str, str]] = {
    "overall-purpose": ("long_term", "Det övergripande syftet med projektet är att fler nyanlända ska integreras i samhället och gå vidare till studier eller arbete med egen försörjning efter etableringstiden."),
    "specific-purpose": ("project", "Det mer specifika syftet för insats nummer ett, som benämns som Etableringsspåret, är att ge personer inom etableringen möjlighet att snabbare integreras i det svenska samhället genom ökad kunskap kopplat till arbete, ökade språkkunskaper samt ökad kunskap och erfarenhet inom yrkeslivet."),
    "better-equipped": ("effect", "1) Fler nyanlända ska efter etableringen vara bättre rustade för att få ett arbete på den öppna arbetsmarknaden."),
    "occupational-experience": ("effect", "Alla deltagare har mer erfarenhet och kunskap inom ett specifikt yrke."),
    "influence-own-situation": ("effect", "Alla deltagare har ökad förståelse för hur de själva kan påverka sin situation när det gäller arbete."),
    "understanding-society-labour-market": ("effect", "Alla deltagare upplever att de har större förståelse för det svenska samhället kopplat till arbetsmarknaden."),
    "swedish-improved": ("effect", "Alla deltagare har utvecklats i det svenska språket."),
    "employers-understanding": ("effect", "Ökad kunskap och förståelse för målgruppen inom arbetsmarknaden."),
    "self-supporting-directly": ("effect", "2) Fler nyanlända ska efter etableringen gå ut direkt i egen försörjning genom arbete eller studier, ej försörjningsstöd."),
    "action-plan": ("effect", "Alla deltagare ska efter etableringstiden ha en fortsatt tydlig handlingsplan hos Arbetsförmedlingen och erbjudas insatser utifrån jobb- och utvecklingsgarantin"),
    "af-intervention-offer": ("effect", "Alla deltagare ska efter etableringstiden ha en fortsatt tydlig handlingsplan hos Arbetsförmedlingen och erbjudas insatser utifrån jobb- och utvecklingsgarantin"),
    "self-supporting-75": ("effect", "75% av deltagarna har egen försörjning efter etableringstiden, ej försörjningsstöd."),
    "model-civic-knowledge": ("product", "1) Framtagen modell för att öka kunskapen om det svenska samhället kopplat till arbetsmarknaden hos personer inom etablering."),
    "model-city-af-cooperation": ("product", "2) Framtagen modell för fortsatt samarbete mellan Västerås stad och Arbetsförmedlingen för att fler nyanlända efter etableringstiden ska kunna ha egen försörjning."),
    "final-report": ("product", "3) Skriven slutrapport om projektet för fortsatt utvecklingsarbete med mål att stärka gången mellan etablering och egen försörjning."),
    "thirty-participants": ("sub_goal", "30 deltagare under projekttiden. De delas in i fem grupper som startar vid fem olika tillfällen."),
}

# People named in the document (copy list, project leader) must not be in the goal file.
NAMES = ("Sundgren", "Häggberg", "Boman", "Gamboa", "Esquivel")


@pytest.fixture(scope="module")
def project() -> goalkit.Project:
    return load_project()


@pytest.mark.parametrize("goal_id", sorted(DOCUMENT_GOALS))
def test_every_document_goal_is_there_verbatim(project: goalkit.Project, goal_id: str) -> None:
    level, wording = DOCUMENT_GOALS[goal_id]
    goal = project.goal(goal_id)
    assert (goal.level.value, goal.wording) == (level, wording)


def test_goals_are_described_in_both_languages(project: goalkit.Project) -> None:
    """Every goal has a Swedish and an English title and interpretation, and only the
    long-term goal lacks a parent."""
    assert check_goal_texts(project) == []
    for g in project.goals:
        assert (g.parent is None) == (g.id == "overall-purpose"), g.id


def test_all_means_every_participant(project: goalkit.Project) -> None:
    """The 'Alla deltagare' goals target 100 %, the 75 % goal 0.75."""
    for gid in ("occupational-experience", "influence-own-situation", "swedish-improved",
                "understanding-society-labour-market", "action-plan", "af-intervention-offer"):
        assert project.goal(gid).target == Target.at_least(1.0)
    assert project.goal("self-supporting-75").target == Target.at_least(0.75)
    assert project.goal("action-plan").indicator == EventWithin(
        events=("action_plan",), anchor="employment_end", days=(-90, 30))


def test_project_facts(project: goalkit.Project) -> None:
    assert project.id == plugin_module.PROJECT_ID == "etableringssparet"
    assert project.period == Period(date(2014, 6, 1), date(2016, 6, 30))
    assert project.breakdowns == ("group",)
    assert project.budget.total == 8_096_000
    assert [(ln.amount, ln.period) for ln in project.budget.lines] == [
        (4_048_000, None),
        (788_000, Period(date(2014, 9, 1), date(2015, 4, 30))),
    ]
    assert [(r.date, r.kind.value) for r in project.reporting] == [
        (date(2015, 5, 6), "interim"), (date(2016, 6, 30), "final"),
        (date(2016, 12, 31), "other"), (date(2017, 6, 30), "other"),
    ]
    assert "Arbetsförmedlingen" in project.partners


def test_no_personal_data_in_the_goal_file(project: goalkit.Project) -> None:
    text = goalkit.dumps_goals(project)
    assert "@" not in text
    assert not re.search(r"\b0\d{1,3}[- ]?\d{5,8}\b", text)  # Swedish phone numbers
    for name in NAMES:
        assert name not in text


def test_appendix_figures_add_up(project: goalkit.Project) -> None:
    """Every appendix breakdown adds up ('came to interview' by outcome names the two
    interviewees of group 3 the document does not explain), so validate --strict accepts
    the project's data."""
    assert check_measurements(project.measurements) == []
    interview = next(m for m in project.measurements if m.metric == "came_to_interview")
    assert interview.breakdown["outcome"] == {
        "started": 18, "declined_by_project": 3, "not_explained": 2}
    by = {m.metric: m for m in project.measurements}
    for g in ("1", "2", "3"):
        assert by["men"].breakdown["group"][g] + by["women"].breakdown["group"][g] == \
            by["participants"].breakdown["group"][g]
    # booked = came to the meeting + added afterwards (4 in all, the note's figure)
    added = sum(by["booked_interview"].breakdown["group"][g]
                - by["came_to_information"].breakdown["group"][g] for g in ("1", "2", "3"))
    assert added == by["booked_interview"].breakdown["route"]["added_after_information"] == 4


# --- Hand-built data -----------------------------------------------------------------


def _person(pid: str, *, enrolled: date, work: date | None, group: str = "1",
            sex: str = "F", exit_reason: str = "af_programme") -> dict[str, Any]:
    end = None if work is None else work + timedelta(days=181)
    return {"participant_id": pid, "enrolled": enrolled, "sex": sex, "birth_year": 1985,
            "exited": end or enrolled + timedelta(days=20),
            "exit_reason": exit_reason if work else "moved", "group": group}


def _evaluate(
    project: goalkit.Project,
    people: list[dict[str, Any]],
    events: list[tuple[str, date, str]],
    responses: list[tuple[str, date, str, str, float]],
    as_of: date,
    goal: str,
) -> dict[str, goalkit.Status]:
    data = goalkit.Dataset.from_records(
        people,
        [{"participant_id": p, "date": d, "kind": k} for p, d, k in events],
        [{"participant_id": p, "date": d, "phase": ph, "question": q, "score": s}
         for p, d, ph, q, s in responses],
    )
    return {
        engine: goalkit.evaluate(project, data, as_of, goals=[goal], engine=engine)[goal].status
        for engine in ("python", "columnar")
    }


WORK = date(2015, 1, 12)
END = WORK + timedelta(days=181)


def _employed(pids: list[str]) -> list[tuple[str, date, str]]:
    return [e for p in pids for e in ((p, WORK, "employment_start"), (p, END, "employment_end"))]


@pytest.mark.parametrize(
    ("plans", "as_of", "expected"),
    [
        ({"A": END - timedelta(days=60), "B": END + timedelta(days=10)}, date(2016, 6, 30), "met"),
        ({"A": END - timedelta(days=60), "B": END + timedelta(days=31)}, date(2016, 6, 30),
         "not_met"),
        ({"A": END - timedelta(days=60), "B": END - timedelta(days=91)}, date(2016, 6, 30),
         "not_met"),
        ({"A": END - timedelta(days=60), "B": END + timedelta(days=10)}, date(2015, 12, 31),
         "pending"),
    ],
)
def test_action_plan_around_each_persons_end_of_employment(
    project: goalkit.Project, plans: dict[str, date], as_of: date, expected: str
) -> None:
    """A plan counts from 90 days before to 30 days after the person's own end of
    employment; before the due date the cohort is open, so nothing is decided."""
    people = [_person(p, enrolled=date(2014, 12, 8), work=WORK) for p in ("A", "B")]
    events = _employed(["A", "B"]) + [(p, d, "action_plan") for p, d in plans.items()]
    got = _evaluate(project, people, events, [], as_of, "action-plan")
    assert got == {"python": expected, "columnar": expected}


def _six_month_answers(answers: dict[str, int]) -> list[tuple[str, date, str, str, float]]:
    day = END + timedelta(days=183)
    return [(p, day, "follow_up_6m", "work_or_studies", float(a)) for p, a in answers.items()]


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"A": 1, "B": 1, "C": 1, "D": 0}, "met"),
        ({"A": 1, "B": 1, "C": 0, "D": 0}, "not_met"),
    ],
)
def test_seventy_five_percent_self_supporting_by_work_or_studies(
    project: goalkit.Project, answers: dict[str, int], expected: str
) -> None:
    """Self-support is work or studies at the six-month follow-up, not merely 'not on
    income support': 3 of 4 in work or studies meets the goal, 2 of 4 does not, although
    nobody is on income support in either case (so the old reading said met both times)."""
    pids = ["A", "B", "C", "D"]
    people = [_person(p, enrolled=date(2014, 12, 8), work=WORK) for p in pids]
    got = _evaluate(project, people, _employed(pids), _six_month_answers(answers),
                    date(2016, 12, 31), "self-supporting-75")
    assert got == {"python": expected, "columnar": expected}


def test_a_drop_out_is_not_silently_left_out_of_self_support(project: goalkit.Project) -> None:
    """A person who left in the preparatory month is one of the participants: without a
    six-month answer they are non-response (excluded with a reason), not a person outside
    the goal, and the four who finished decide the share."""
    pids = ["A", "B", "C", "D"]
    people = [_person(p, enrolled=date(2014, 12, 8), work=WORK) for p in pids]
    people.append(_person("X", enrolled=date(2014, 12, 8), work=None))
    data = goalkit.Dataset.from_records(
        people, [{"participant_id": p, "date": d, "kind": k} for p, d, k in _employed(pids)],
        [{"participant_id": p, "date": d, "phase": ph, "question": q, "score": sc}
         for p, d, ph, q, sc in _six_month_answers({"A": 1, "B": 1, "C": 1, "D": 1})],
    )
    for engine in ("python", "columnar"):
        result = goalkit.evaluate(project, data, date(2016, 12, 31),
                                  goals=["self-supporting-75"], engine=engine)
        r = result["self-supporting-75"]
        assert (r.success, r.denominator) == (4, 4)
        assert dict(r.excluded) == {"no_response": 1}


def test_self_support_in_the_example_data_is_the_six_month_answer() -> None:
    """On the example data the goal is the six-month follow-up's own answer, 15 of 27
    (the old reading, 'not on income support', said 22 of 28 and met)."""
    result = goalkit.evaluate(load_project(), generate().dataset(), date(2016, 12, 31),
                              goals=["self-supporting-75", "off-income-support-6m"])
    r = result["self-supporting-75"]
    assert (r.success, r.denominator, r.status.value) == (15, 27, "not_met")
    assert result["off-income-support-6m"].target is None


def test_a_job_left_after_five_weeks_is_not_completed(project: goalkit.Project) -> None:
    """'Snabbare integreras': completing means the six months' job, so moving one person's
    job end to five weeks after its start lowers the share completed by one person."""
    data = generate()
    goal = "specific-purpose"
    before = goalkit.evaluate(project, data.dataset(), date(2016, 6, 30), goals=[goal])[goal]
    quitter = next(e.participant_id for e in data.events if e.kind == "employment_end")
    start = next(e.date for e in data.events
                 if e.kind == "employment_start" and e.participant_id == quitter)
    events = [
        {"participant_id": e.participant_id, "kind": e.kind,
         "date": start + timedelta(days=35)
         if (e.participant_id, e.kind) == (quitter, "employment_end") else e.date}
        for e in data.events
    ]
    moved = goalkit.Dataset.from_records(data.participants, events)
    for engine in ("python", "columnar"):
        after = goalkit.evaluate(project, moved, date(2016, 6, 30), goals=[goal],
                                 engine=engine)[goal]
        assert (after.success, after.denominator) == (before.success - 1, before.denominator)
    assert before.denominator == 30


def test_occupational_experience_is_measured_from_before_the_project(
    project: goalkit.Project,
) -> None:
    """Goal 1a compares with the state before the project (the preparatory month), not with
    the supervisor's first rating after two months of work."""
    indicator = project.goal("occupational-experience").indicator
    assert isinstance(indicator, PairedChange)
    assert (indicator.before, indicator.before_anchor) == ("prep_month", "enrolled")


@pytest.mark.parametrize(("gain_b", "expected"), [(1, "met"), (0, "not_met")])
def test_swedish_must_improve_for_everyone(
    project: goalkit.Project, gain_b: int, expected: str
) -> None:
    people = [_person(p, enrolled=date(2014, 12, 8), work=WORK) for p in ("A", "B")]
    prep = date(2014, 12, 15)
    after = END + timedelta(days=5)
    responses = [
        ("A", prep, "prep_month", "swedish", 2.0), ("A", after, "after_employment", "swedish", 3.0),
        ("B", prep, "prep_month", "swedish", 2.0),
        ("B", after, "after_employment", "swedish", 2.0 + gain_b),
    ]
    got = _evaluate(project, people, _employed(["A", "B"]), responses, date(2016, 6, 30),
                    "swedish-improved")
    assert got == {"python": expected, "columnar": expected}


@pytest.mark.parametrize(("size", "dropouts", "expected"),
                         [(30, 0, "met"), (29, 0, "not_met"), (30, 2, "not_met")])
def test_thirty_participants_counted_after_drop_outs(
    project: goalkit.Project, size: int, dropouts: int, expected: str
) -> None:
    """As the appendix counts participants: those who started the job. Thirty enrolled of
    whom two left in the preparatory month are 28 participants, short of 30."""
    people = [_person(f"P{i:02d}", enrolled=date(2015, 1, 1) + timedelta(days=10 * i),
                      work=None, group=str(i % 5 + 1)) for i in range(size)]
    events = [(p["participant_id"], p["enrolled"] + timedelta(days=30), "employment_start")
              for p in people[dropouts:]]
    got = _evaluate(project, people, events, [], date(2016, 6, 30), "thirty-participants")
    assert got == {"python": expected, "columnar": expected}


def test_recruitment_funnel_is_reported_with_conversion_rates() -> None:
    """The appendix's funnel (called 27, came 23, booked 27, interviewed 23, started 18)
    shows as reported figures, with the share passing each step."""
    result = goalkit.evaluate(load_project(), generate().dataset(), date(2015, 5, 6))
    assert [result[f"funnel-{m}"].value for m in (
        "called-to-information", "came-to-information", "booked-interview",
        "came-to-interview")] == [27, 23, 27, 23]
    assert result["funnel-started-of-interviewed"].value == pytest.approx(18 / 23)
    assert result["funnel-came-of-called"].value == pytest.approx(23 / 27)
    # per group, from called to started: 6 of 12, 5 of 6, 7 of 9
    assert [result[f"funnel-started-of-called-group-{g}"].value for g in "123"] == [
        pytest.approx(6 / 12), pytest.approx(5 / 6), pytest.approx(7 / 9)]
    # each with what it counts: the stages people, the steps shares (in per cent in the
    # goal file, read as the shares they are)
    assert {result[f"funnel-{m}"].unit for m in ("called-to-information", "came-to-interview")} == {
        Unit.PEOPLE}
    assert {result[f"funnel-{m}"].unit for m in ("came-of-called", "started-of-interviewed")
            } == {Unit.SHARE}


def test_results_break_down_by_group(project: goalkit.Project) -> None:
    people = [_person("A", enrolled=date(2014, 12, 8), work=WORK, group="1"),
              _person("B", enrolled=date(2015, 2, 2), work=WORK, group="2")]
    data = goalkit.Dataset.from_records(
        people, [{"participant_id": p, "date": d, "kind": k} for p, d, k in _employed(["A", "B"])])
    result = goalkit.evaluate(project, data, date(2016, 6, 30), goals=["thirty-participants"])
    cells = result["thirty-participants"].breakdowns["group"]
    assert {k: c.success for k, c in cells.items()} == {"1": 1, "2": 1}


# --- The synthetic data and the declared examples -------------------------------------


def test_plugin_is_valid_and_its_examples_hold() -> None:
    """The project loads, round-trips, and every declared example gives the expected
    statuses in both engines."""
    assert check_plugin(plugin_module) == []


def test_plugin_is_installed_under_its_project_id(project: goalkit.Project) -> None:
    from goalkit.plugins import load_project as from_plugins  # noqa: PLC0415

    assert from_plugins("etableringssparet") == project


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_synthetic_groups_match_the_appendix(seed: int) -> None:
    """For any seed: 30 people in five groups; groups 1–3 as the appendix has them on the
    interim report's date (size and sex of those still in, age range, starters)."""
    project = load_project()
    by = {m.metric: m for m in project.measurements}
    data = generate(seed)
    assert len(data.participants) == 30
    assert sorted({p["group"] for p in data.participants}) == [g.name for g in GROUPS]
    report_day = date(2015, 5, 6)
    for g in GROUPS[:3]:
        members = [p for p in data.participants if p["group"] == g.name]
        still = [p for p in members if p["exited"] is None or p["exited"] > report_day]
        assert len(members) == by["started"].breakdown["group"][g.name]
        assert len(still) == by["participants"].breakdown["group"][g.name]
        assert sum(p["sex"] == "M" for p in still) == by["men"].breakdown["group"][g.name]
        assert sum(p["sex"] == "F" for p in still) == by["women"].breakdown["group"][g.name]
        ages_at_start = [
            g.enrolled.year - p["birth_date"].year
            - ((g.enrolled.month, g.enrolled.day) < (p["birth_date"].month, p["birth_date"].day))
            for p in still
        ]
        assert (min(ages_at_start), max(ages_at_start)) == (
            by[f"youngest_age_group_{g.name}"].value, by[f"oldest_age_group_{g.name}"].value)
        starts = {e.date for e in data.events if e.kind == "employment_start"
                  and e.participant_id in {p["participant_id"] for p in members}}
        assert starts == {g.work_start}


def test_example_data_has_an_early_job_leaver_and_the_goals_see_it() -> None:
    """One person in group 4 quits five weeks into the job: the example data exercise the
    case, the share who completed the job counts them out (27 of 30), their missing action
    plan makes 'Alla … handlingsplan' not met, and their six-month answer still counts."""
    data = generate()
    ends = {e.participant_id: e.date for e in data.events if e.kind == "employment_end"}
    starts = {e.participant_id: e.date for e in data.events if e.kind == "employment_start"}
    early = [p for p in ends if (ends[p] - starts[p]).days < 150]
    assert [(ends[p] - starts[p]).days for p in early] == [35]
    result = goalkit.evaluate(load_project(), data.dataset(), date(2016, 12, 31))
    purpose = result["specific-purpose"]
    assert (purpose.success, purpose.denominator) == (27, 30)
    assert result["action-plan"].status.value == "not_met"
    support = result["self-supporting-75"]
    assert (support.success, support.denominator) == (15, 27)


@pytest.mark.parametrize(
    ("answered_b", "expected"), [(True, "met"), (False, "needs_assessment")]
)
@pytest.mark.parametrize(
    "goal",
    ["occupational-experience", "influence-own-situation",
     "understanding-society-labour-market", "swedish-improved"],
)
def test_all_participants_cannot_be_met_while_one_never_answered(
    project: goalkit.Project, goal: str, answered_b: bool, expected: str
) -> None:
    """'Alla deltagare': the minimum response rate is 100 %, so a participant who started
    the job and never gave the after-measurement keeps the goal from being met (the old
    plugin said met, 1 of 1); with both answering and both improving it is met."""
    question = project.goal(goal).indicator
    assert isinstance(question, PairedChange)
    assert project.goal(goal).min_response_rate == 1.0
    people = [_person(p, enrolled=date(2014, 12, 8), work=WORK) for p in ("A", "B")]
    prep, after = date(2014, 12, 15), END + timedelta(days=5)
    responses = [(p, prep, "prep_month", question.question, 2.0) for p in ("A", "B")]
    responses.append(("A", after, "after_employment", question.question, 3.0))
    if answered_b:
        responses.append(("B", after, "after_employment", question.question, 3.0))
    got = _evaluate(project, people, _employed(["A", "B"]), responses, date(2016, 6, 30), goal)
    assert got == {"python": expected, "columnar": expected}


def test_all_participants_in_the_example_data_is_not_shown_met() -> None:
    """In the example data 2 of the 27 whose job ended never gave the after-measurement (the
    28th is still in the job, kept on past the project's end, and left out with a reason):
    at the project end and after it, 'alla' is not decided by data, with the bounds shown
    (the old plugin said met, 26 of 26)."""
    for as_of in (date(2016, 6, 30), date(2017, 6, 30)):
        r = goalkit.evaluate(load_project(), generate().dataset(), as_of,
                             goals=["occupational-experience"])["occupational-experience"]
        assert r.status is goalkit.Status.NEEDS_ASSESSMENT
        assert r.response is not None
        assert (r.response.asked, r.response.answered) == (27, 25)
        assert r.excluded["no_anchor_by_due"] == 3
        assert r.response.upper == 1.0
        assert r.response.lower < 1.0


def test_seventy_five_percent_needs_nine_in_ten_followed_up(project: goalkit.Project) -> None:
    """'75 % av deltagarna' with 3 of 4 followed up, a response rate of 75 %, below the
    minimum of 90 %. Two in work and one not: the share is 50 % if the fourth is not
    self-supporting and 75 % if they are, so data cannot decide it (the old plugin said met,
    from 100 % of those who answered). Three in work: 75 % of the four whatever the fourth
    would have said, so it is met."""
    assert project.goal("self-supporting-75").min_response_rate == 0.9
    pids = ["A", "B", "C", "D"]
    people = [_person(p, enrolled=date(2014, 12, 8), work=WORK) for p in pids]
    got = _evaluate(project, people, _employed(pids), _six_month_answers({"A": 1, "B": 1, "C": 0}),
                    date(2016, 12, 31), "self-supporting-75")
    assert got == {"python": "needs_assessment", "columnar": "needs_assessment"}
    got = _evaluate(project, people, _employed(pids), _six_month_answers({"A": 1, "B": 1, "C": 1}),
                    date(2016, 12, 31), "self-supporting-75")
    assert got == {"python": "met", "columnar": "met"}


def test_someone_still_in_the_project_at_its_end_is_followed_up_from_the_end(
    project: goalkit.Project,
) -> None:
    """The end-of-project rule: whoever has not left by 2016-06-30 leaves that day, and the
    six-month answer 160–210 days later counts ('sex och tolv månader efter projektet')."""
    assert project.goal("self-supporting-75").not_exited == "exits_at_end"
    people = [{"participant_id": "S", "enrolled": date(2015, 10, 5), "sex": "F",
               "birth_year": 1985, "group": "5"}]
    answers = [("S", date(2016, 6, 30) + timedelta(days=183), "follow_up_6m",
                "work_or_studies", 1.0)]
    got = _evaluate(project, people, [], answers, date(2017, 6, 30), "self-supporting-75")
    assert got == {"python": "met", "columnar": "met"}


def test_the_amount_drawn_is_reported_as_spent(project: goalkit.Project) -> None:
    """'Hittills rekvirerat belopp' 788 000 (September 2014 – April 2015) is money drawn, so
    the interim report's budget section shows it spent of 8 096 000."""
    money = budget_summary(project, date(2015, 5, 6))
    assert (money.planned, money.spent, money.spent_through) == (
        8096000, 788000, date(2015, 4, 30))
