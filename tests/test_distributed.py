"""The same goals on a distributed engine: PySpark (local mode here, a cluster in production)
gives byte for byte the report of the default engine, through the same narwhals queries.

Spark is an optional extra and starts a JVM, so these tests run in their own command
(``docs/scale.md``)::

    pip install -e .[test,spark] && python -m pytest tests/test_distributed.py

Without pyspark installed they are skipped.
"""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given, settings
from strategies import as_of_dates, datasets, projects

import goalkit
from goalkit.goals import (
    Balance,
    CostPerOutcome,
    Count,
    EventWithin,
    Goal,
    Level,
    MeanChange,
    PairedChange,
    Period,
    Share,
    StatusAt,
    SurveyShare,
    Text,
    TimeToEvent,
)

pyspark = pytest.importorskip("pyspark", reason="the distributed test needs pyspark")
if shutil.which("java") is None:  # pragma: no cover - CI has Java
    pytest.skip("PySpark needs Java (a JRE 17 or newer) on the PATH", allow_module_level=True)

from pyspark.sql import SparkSession  # noqa: E402

if TYPE_CHECKING:
    from collections.abc import Iterator

SCHEMAS = {
    "participants": "participant_id string, project string, `group` string, enrolled date, "
                    "sex string, birth_date date, birth_year bigint, exited date, "
                    "exit_reason string",
    "events": "participant_id string, date date, kind string",
    "responses": "participant_id string, date date, phase string, question string, "
                 "score double",
}


@pytest.fixture(scope="module")
def spark() -> Iterator[SparkSession]:
    session = (
        SparkSession.builder.master("local[2]")
        .appName("goalkit-test")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def _rows(table: str, rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    names = [c.split()[0].strip("`") for c in SCHEMAS[table].split(", ")]
    return [tuple(r.get(n) for n in names) for r in rows]


def _on_spark(spark: SparkSession, data: goalkit.Dataset) -> goalkit.Dataset:
    """The same records as Spark data frames."""
    records = data.with_records()
    people = [dict(p) for p in records.participants]
    events = [dict(zip(("participant_id", "date", "kind"), e, strict=True))
              for e in records.events]
    answers = [dict(zip(("participant_id", "date", "phase", "question", "score"), r,
                        strict=True)) for r in records.responses]
    frames = [
        spark.createDataFrame(_rows(t, rows), schema=SCHEMAS[t])
        for t, rows in (("participants", people), ("events", events), ("responses", answers))
    ]
    return goalkit.Dataset.from_frames(*frames)


def _suite() -> goalkit.Project:
    """Every person-level kind, a filter, a composite, and a breakdown by project."""
    g, lvl = Goal, Level.SUB_GOAL
    due = date(2016, 12, 31)
    kinds: list[goalkit.kinds.Indicator] = [
        Count(),
        Count(anchor="exited", condition={"exit_reason": "work"}),
        Share(condition={"exit_reason": {"in": ["work", "studies"]}},
              where={"sex": "F"}),
        Balance(column="sex", categories=("F",)),
        SurveyShare(question="satisfied", phase="exit", at_least=4),
        PairedChange(question="wellbeing"),
        MeanChange(question="wellbeing", scale=(1, 5)),
        EventWithin(events=("employment_offer",), days=(0, 183)),
        StatusAt(start="income_support_start", end="income_support_end", days=90),
        TimeToEvent(events=("employment_start",)),
        CostPerOutcome(amount=1_000_000.0, outcome=Count()),
    ]
    goals = [g(f"g{i}", lvl, k, due=due if i % 2 else None) for i, k in enumerate(kinds)]
    return goalkit.Project(
        id="spark", name=Text(en="Spark"),
        period=Period(date(2014, 1, 1), date(2016, 12, 31)),
        goals=tuple(goals), breakdowns=("project",),
    )


def _population() -> goalkit.Dataset:
    """A few hundred people in two projects, with events and answers around their dates."""
    start = date(2014, 1, 1)
    people, events, answers = [], [], []
    for i in range(400):
        pid = f"p{i}"
        enrolled = start + timedelta(days=(i * 37) % 900)
        exited = enrolled + timedelta(days=30 + (i * 53) % 400) if i % 5 else None
        people.append({
            "participant_id": pid, "project": f"proj{i % 2}", "enrolled": enrolled,
            "sex": ("F", "M", "X", None)[i % 4], "birth_year": 1960 + i % 40,
            "exited": exited, "exit_reason": ("work", "studies", "other")[i % 3] if exited
            else None,
        })
        anchor = exited or enrolled
        for k, kind in enumerate(("employment_offer", "income_support_start",
                                  "income_support_end", "employment_start")):
            if (i + k) % 3:
                events.append({"participant_id": pid, "kind": kind,
                               "date": anchor + timedelta(days=(i * (k + 3)) % 250 - 40)})
        for phase, when in (("entry", enrolled), ("exit", anchor)):
            for q in ("wellbeing", "satisfied"):
                if (i + len(q)) % 4:
                    answers.append({"participant_id": pid, "phase": phase, "question": q,
                                    "date": when + timedelta(days=i % 50 - 20),
                                    "score": float(1 + (i * 7 + len(phase)) % 5)})
    return goalkit.Dataset.from_records(people, events, answers)


def test_spark_gives_the_default_engines_report(spark: SparkSession) -> None:
    """Every kind, with people decided, pending and excluded (goals with and without a due
    date passed): the report on Spark equals the default engine's, byte for byte, and plain
    Python's."""
    project, data, as_of = _suite(), _population(), date(2015, 9, 30)
    expected = goalkit.report_to_json(goalkit.evaluate(project, data, as_of, engine="columnar"))
    on_spark = goalkit.report_to_json(goalkit.evaluate(project, _on_spark(spark, data), as_of))
    assert on_spark == expected
    assert goalkit.report_to_json(goalkit.evaluate(project, data, as_of, engine="python")) \
        == expected


@settings(max_examples=3)
@given(project=projects(max_goals=2), data=datasets(max_people=10), as_of=as_of_dates)
def test_spark_agrees_on_random_goals(
    spark: SparkSession, project: goalkit.Project, data: goalkit.Dataset, as_of: date
) -> None:
    """Random goals and data: Spark and the plain-Python engine give the same report."""
    python = goalkit.report_to_json(goalkit.evaluate(project, data, as_of, engine="python"))
    assert goalkit.report_to_json(goalkit.evaluate(project, _on_spark(spark, data), as_of)) \
        == python
