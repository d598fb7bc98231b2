"""The benchmark's goal suite written by hand in DuckDB SQL: the same rules as
:mod:`benchmarks.reference_polars`, and the same output (counts per project, per sex and per
age band for every goal and outcome, with grouping sets, and the summed change per project
for the paired goal)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import polars as pl

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Sequence

__all__ = ["DIMENSIONS", "GOALS", "SQL", "evaluate_duckdb", "sql"]

DIMENSIONS = ("project", "sex", "age_band")
GOALS = ("enrolled", "sex-balance", "satisfied", "wellbeing", "offer-6m", "no-support-90d")

_OUTCOMES = """
WITH people AS (
    SELECT participant_id, project, enrolled, sex,
           CASE WHEN exited <= $as_of THEN exited END AS exited,
           -- age in whole years at enrolment: from the birth date (a year less before the
           -- birthday), else the difference from the birth year; no birth data, no age
           CASE WHEN birth_date IS NOT NULL
                THEN year(enrolled) - year(birth_date)
                     - CASE WHEN month(enrolled) * 100 + day(enrolled)
                                 < month(birth_date) * 100 + day(birth_date) THEN 1 ELSE 0 END
                ELSE year(enrolled) - birth_year END AS age
    FROM {participants} WHERE enrolled <= $as_of
),
ev AS (SELECT participant_id, date, kind FROM {events} WHERE date <= $as_of),
rs AS (SELECT participant_id, date, phase, question, score FROM {responses}
       WHERE date <= $as_of),
-- the earliest answer inside the window around the anchor; on a tie, the lowest score
sat AS (
    SELECT r.participant_id, first(r.score ORDER BY r.date, r.score) AS sat
    FROM rs r JOIN people p USING (participant_id)
    WHERE r.phase = 'exit' AND r.question = 'satisfied'
      AND r.date BETWEEN p.exited - 30 AND least(p.exited + 30, $as_of)
    GROUP BY r.participant_id
),
wb0 AS (
    SELECT r.participant_id, first(r.score ORDER BY r.date, r.score) AS wb0
    FROM rs r JOIN people p USING (participant_id)
    WHERE r.phase = 'entry' AND r.question = 'wellbeing'
      AND r.date BETWEEN p.enrolled - 30 AND least(p.enrolled + 30, $as_of)
    GROUP BY r.participant_id
),
wb1 AS (
    SELECT r.participant_id, first(r.score ORDER BY r.date, r.score) AS wb1
    FROM rs r JOIN people p USING (participant_id)
    WHERE r.phase = 'exit' AND r.question = 'wellbeing'
      AND r.date BETWEEN p.exited - 30 AND least(p.exited + 30, $as_of)
    GROUP BY r.participant_id
),
offer AS (
    SELECT DISTINCT e.participant_id, true AS offer
    FROM ev e JOIN people p USING (participant_id)
    WHERE e.kind = 'employment_offer'
      AND e.date BETWEEN p.exited AND least(p.exited + 183, $as_of)
),
-- on income support on day t = exit + 90: the last start up to t has no end after it
starts AS (
    SELECT e.participant_id, max(e.date) AS last_start, any_value(p.exited + 90) AS t
    FROM ev e JOIN people p USING (participant_id)
    WHERE e.kind = 'income_support_start' AND e.date <= p.exited + 90
    GROUP BY e.participant_id
),
ended AS (
    SELECT DISTINCT e.participant_id, true AS ended
    FROM ev e JOIN starts s USING (participant_id)
    WHERE e.kind = 'income_support_end' AND e.date > s.last_start AND e.date <= s.t
),
outcomes AS MATERIALIZED (
    SELECT
        p.project,
        coalesce(p.sex, 'unknown') AS sex,
        CASE WHEN p.age IS NULL THEN 'unknown'
             WHEN p.age < 16 THEN '-15' WHEN p.age < 20 THEN '16-19'
             WHEN p.age < 25 THEN '20-24' WHEN p.age < 30 THEN '25-29'
             WHEN p.age < 35 THEN '30-34' WHEN p.age < 45 THEN '35-44'
             WHEN p.age < 55 THEN '45-54' WHEN p.age < 65 THEN '55-64'
             ELSE '65-' END AS age_band,
        'success' AS "enrolled",
        CASE WHEN p.sex IS NULL THEN 'excluded:missing_sex'
             WHEN p.sex = 'F' THEN 'success' ELSE 'failure' END AS "sex-balance",
        CASE WHEN p.exited IS NULL THEN 'pending:not_exited'
             WHEN sat.sat >= 4 THEN 'success'
             WHEN sat.sat IS NOT NULL THEN 'failure'
             WHEN p.exited + 30 <= $as_of THEN 'excluded:no_response'
             ELSE 'pending:awaiting_response' END AS "satisfied",
        CASE WHEN wb0.wb0 IS NULL AND p.enrolled + 30 <= $as_of THEN 'excluded:no_baseline'
             WHEN wb0.wb0 IS NULL THEN 'pending:awaiting_baseline'
             WHEN p.exited IS NULL THEN 'pending:not_exited'
             WHEN wb1.wb1 - wb0.wb0 > 0 THEN 'success'
             WHEN wb1.wb1 IS NOT NULL THEN 'failure'
             WHEN p.exited + 30 <= $as_of THEN 'excluded:no_follow_up'
             ELSE 'pending:awaiting_follow_up' END AS "wellbeing",
        CASE WHEN p.exited IS NOT NULL THEN wb1.wb1 - wb0.wb0 END AS wellbeing_change,
        CASE WHEN p.exited IS NULL THEN 'pending:not_exited'
             WHEN offer.offer THEN 'success'
             WHEN p.exited + 183 <= $as_of THEN 'failure'
             ELSE 'pending:window_open' END AS "offer-6m",
        CASE WHEN p.exited IS NULL THEN 'pending:not_exited'
             WHEN p.exited + 90 > $as_of THEN 'pending:window_open'
             WHEN starts.last_start IS NOT NULL AND ended.ended IS NULL THEN 'failure'
             ELSE 'success' END AS "no-support-90d"
    FROM people p
    LEFT JOIN sat USING (participant_id)
    LEFT JOIN wb0 USING (participant_id)
    LEFT JOIN wb1 USING (participant_id)
    LEFT JOIN offer USING (participant_id)
    LEFT JOIN starts USING (participant_id)
    LEFT JOIN ended USING (participant_id)
)
"""

# the outcomes are computed once (materialized); then each goal's column is counted by
# project, by sex and by age band with grouping sets (faster than unpivoting the outcomes to
# six rows a person and grouping those)
_COUNTS = """
SELECT CASE {dimension} END AS dimension, CASE {category} END AS category,
       '{goal}' AS goal, "{goal}" AS outcome, count(*)::UINTEGER AS n, NULL::DOUBLE AS value_sum
FROM outcomes
GROUP BY GROUPING SETS ({sets})"""

_CHANGE = """
SELECT 'project', project, 'wellbeing', 'value_sum', count(wellbeing_change)::UINTEGER,
       sum(wellbeing_change)
FROM outcomes GROUP BY project
"""


def sql(dimensions: Sequence[str] = DIMENSIONS) -> str:
    """The whole query, counting by the named breakdowns (``project`` first);
    ``{participants}``, ``{events}`` and ``{responses}`` are the tables."""
    def counts(goal: str) -> str:
        return _COUNTS.format(
            goal=goal,
            dimension=" ".join(f"WHEN grouping({d}) = 0 THEN '{d}'" for d in dimensions),
            category=" ".join(f"WHEN grouping({d}) = 0 THEN {d}" for d in dimensions),
            sets=", ".join(f'({d}, "{goal}")' for d in dimensions),
        )

    return _OUTCOMES + "\nUNION ALL".join([*(counts(goal) for goal in GOALS), _CHANGE])


SQL = sql()
"""The whole query with every breakdown (:func:`sql`)."""


def evaluate_duckdb(
    con: Any, tables: dict[str, str], as_of: dt.date, dimensions: Sequence[str] = DIMENSIONS,
) -> pl.DataFrame:
    """Run :func:`sql` on ``con`` over the named tables (or ``read_parquet('…')``
    expressions) and return the counts as a polars frame."""
    query = (SQL if tuple(dimensions) == DIMENSIONS else sql(dimensions)).format(**tables)
    return pl.from_arrow(con.sql(query, params={"as_of": as_of}).to_arrow_table())  # type: ignore[return-value]
