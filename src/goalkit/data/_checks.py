"""The checks of each table: participants, events, answers, reported figures, assessments.

Each check adds to the query of a :class:`~goalkit.data._table.Table`: its columns parsed
(the table's outputs) and, for each rule, an expression that holds on the rows at fault;
the table then collects them together (:func:`goalkit.data._table.run`). Events and
answers are checked against participants with one join in their own query, after the
participants' query has run (on the ids' hashes, when the participants' ids hash to values
of their own; their ids looked at for white space and odd cells only where it found none,
:func:`odd_ids`). What a rule decides in Python before its check is added (a
value refused as a category, an id that may be a personal identity number, the questions
that have scales) comes from :func:`questions`, asked of every table at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from goalkit.data import _table
from goalkit.data._mapping import EXTRA_COLUMNS
from goalkit.data._parse import as_text, extra_kind, null_where, numbers
from goalkit.data._privacy import (
    PERSONAL_NUMBER,
    contains_personal_number,
    shown,
)
from goalkit.data._problems import Problem, before_enrolment
from goalkit.data._raw import untidy_cell
from goalkit.data._schema import SCHEMA, SEX_CODES, YEARS
from goalkit.data._table import EXCLUDED, INDEX, KEY, marked, rows_of
from goalkit.model._records import Assessment, Measurement, Verdict

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    import polars as pl

    from goalkit.data._table import Table

__all__ = [
    "assessment_records",
    "assessments",
    "events",
    "ids_looked_at_later",
    "linked_to",
    "measurement_records",
    "measurements",
    "odd_ids",
    "participant_frame",
    "participants",
    "questions",
    "responses",
]

_SCORE_LIMIT = 1e6


def questions(t: Table) -> list[pl.Expr]:
    """What the checks of table ``t`` must know of its values before they are added
    (:func:`goalkit.data._cells.probe`): the participants' sex codes that are none of
    goalkit's, whether an id may be a personal identity number; the questions answered,
    where the mapping gives scales."""
    import polars as pl  # noqa: PLC0415

    if t.name == "participants":
        out = []
        pid = as_text(pl.col("participant_id"), t.dtype("participant_id"))
        if "sex" in t.columns:
            held = pl.col("sex")
            if isinstance(t.dtype("sex"), pl.Categorical):
                held = held.unique()  # its values, each once, before they are made text
            sex = t.coded("sex", as_text(held, t.dtype("sex")))
            odd = sex.filter(~sex.is_in(SEX_CODES)).drop_nulls().unique()
            out.append(odd.implode().alias("odd_sex"))
            if "participant_id" in t.columns:  # the ids a code could be taken for
                out.append(pid.filter(pid.is_in(odd.implode())).unique().implode()
                           .alias("odd_sex_ids"))
        if "participant_id" in t.columns:
            out.append(pid.str.contains(_PERSONAL_ID).any().alias("personal_ids"))
            out.append(_distinct(pid).alias("distinct_ids"))
        return out
    if t.name == "responses" and t.mapping.scales and "question" in t.columns:
        question = t.coded("question", as_text(pl.col("question"), t.dtype("question")))
        return [question.drop_nulls().unique().implode().alias("questions")]
    return []


_PERSONAL_ID = PERSONAL_NUMBER
"""Ten digits in an id, maybe among other text (``P-850101-1236``, ``850101-1236x``): an id
that may hold a personal identity number, which :func:`_personal_ids` decides."""


def _distinct(ids: pl.Expr) -> pl.Expr:
    """Whether every row's id (empty ones too) hashes to a value of its own: then no two
    ids are the same, and the participants' check of duplicated ids has nothing to find.
    (Two ids that differ may hash alike, rarely; then the check looks, and finds none.)
    Sorting the hashes costs a sixth of the time, and a third of the memory, of looking
    for duplicated ids themselves (``is_duplicated`` on a million ids: 0.24 s and about
    100 MiB, against 0.04 s and 30 MiB, on the development machine)."""
    return _table.hashes_apart(_table.key_hash(ids))


def participants(t: Table, target: tuple[int | None, int | None] | None) -> bool:
    """Add the participants' checks, and their columns parsed as the outputs; ``False``
    when a required column is missing."""
    import polars as pl  # noqa: PLC0415

    if not t.require(SCHEMA["participants"].required):
        return False
    pid = t.text("participant_id", required=True)
    enrolled = t.date("enrolled", required=True)
    exited = t.date("exited", required=False)
    birth_date = t.date("birth_date", required=False)
    birth_year = t.number("birth_year", required=False, integer=True)
    years = t.define((birth_year.is_finite()
                      & ((birth_year < YEARS[0]) | (birth_year > YEARS[1]))
                      ).fill_null(value=False))
    t.flag("error", "out_of_range", years, "birth_year",
           (f"a birth year outside {YEARS[0]}–{YEARS[1]}",
            f"ett födelseår utanför {YEARS[0]}–{YEARS[1]}"))
    refused = _not_categories(t)
    sex = t.code("sex", t.text("sex", required=False), default=SEX_CODES, refused=refused)
    _refuse_categories(t, sex, refused)
    exit_reason = t.code("exit_reason", t.text("exit_reason", required=False))
    t.flag("error", "exit_before_enrolment", exited < enrolled, "exited",
           ("the exit date is before the enrolment date",
            "slutdatumet ligger före startdatumet"))
    t.flag("error", "out_of_range", birth_date > enrolled, "birth_date",
           ("the birth date is after the enrolment date",
            "födelsedatumet ligger efter startdatumet"))
    duplicated = (pl.lit(value=False) if t.probed.get("distinct_ids")
                  else pid.is_duplicated() & pid.is_not_null())
    t.flag("error", "duplicate_participant", duplicated, "participant_id", _duplicates(t))
    _personal_ids(t, pid)
    if target is not None:
        _target_group(t, enrolled, birth_date, birth_year, target)
    # whole numbers read as such are kept as read: a year out of range leaves its row out
    year = (t.cell("birth_year") if t.dtype("birth_year") == pl.Int64
            else null_where(birth_year, years).cast(pl.Int64, strict=False))
    t.outputs.update({
        "participant_id": pid, "enrolled": enrolled, "sex": sex, "birth_date": birth_date,
        "birth_year": year,
        "exited": exited, "exit_reason": exit_reason,
    })
    schema_names = {c.name for c in SCHEMA["participants"].columns}
    for name in (c for c in t.columns if c not in schema_names):
        text = t.code(name, t.col(name))
        t.outputs[name] = text
        held = t.dtype(name) if isinstance(t.dtype(name), pl.Categorical) else pl.String()
        t.outputs[_number(name)] = numbers(text, held, t.define)
        t.summaries.extend(e.alias(f"{_number(name)}{k}") for k, e in
                           enumerate(extra_kind(pl.col(name), pl.col(_number(name)))))
    return True


def participant_frame(t: Table) -> pl.DataFrame:
    """The participants kept, their columns parsed (after :func:`participants` and the
    table's run): an extra column as whole numbers, numbers or text, as its values are."""
    import polars as pl  # noqa: PLC0415

    schema_names = {c.name for c in SCHEMA["participants"].columns}
    chosen = []
    for name in (n for n in t.outputs if not n.startswith("\x00")):
        if name in schema_names:
            chosen.append(t.series(name))
            continue
        present, numeric, whole, exact = (bool(t.summarized(f"{_number(name)}{k}"))
                                          for k in range(4))
        if not present or not numeric:
            chosen.append(t.series(name))
        elif whole and exact:
            chosen.append(t.series(_number(name)).cast(pl.Int64).alias(name))
        else:
            chosen.append(t.series(_number(name)).alias(name))
    return t.kept(chosen)


def _number(name: str) -> str:
    return f"\x00number:{name}"


def _duplicates(t: Table) -> Callable[[int], tuple[str, str]]:
    by_id: dict[str, list[int]] = {}
    k = len(t.flags)  # the duplicate check is the next one flagged

    def message(i: int) -> tuple[str, str]:
        if not by_id:  # the rows of each duplicated id, found once
            dup = t.series(t.flags[k].name)
            for j, v in zip(rows_of(dup).to_list(),
                            t.series("participant_id").filter(dup).to_list(), strict=True):
                by_id.setdefault(v, []).append(j)
        others = [t.raw.rows[j] for j in by_id[t.value("participant_id", i)] if j != i]
        return (f"the same participant id is also on row(s) {_rows(others)}; every row of "
                "a duplicated id is left out",
                f"samma deltagar-id finns också på rad {_rows(others, sv=True)}; varje rad "
                "med ett dubblerat id utesluts")

    return message


def _not_categories(t: Table) -> list[str]:
    """The sex codes no report may show (:func:`_refuse_categories`), of those the probe
    found that are none of goalkit's."""
    from goalkit.data._breakdowns import value_problem  # noqa: PLC0415

    odd = t.probed.get("odd_sex") or []
    ids = frozenset(t.probed.get("odd_sex_ids") or ())
    return sorted(v for v in odd if value_problem(v, ids) is not None)


def _refuse_categories(t: Table, sex: pl.Expr, refused: Sequence[str]) -> None:
    """Sex is a breakdown of every result: a value that looks like an identifier, a
    personal identity number or a date would be published as a category, so its row is
    left out here rather than the whole evaluation refused later (and not also warned of
    as an unknown code that is kept)."""
    from goalkit.data._breakdowns import value_problem  # noqa: PLC0415

    if not refused:
        return
    ids = frozenset(t.probed.get("odd_sex_ids") or ())

    def message(i: int) -> tuple[str, str]:
        why = value_problem(t.value("sex", i), ids)
        return (f"{why}; the row is left out so that the value cannot reach a report as a "
                "category",
                f"{_why_sv(why or '')}; raden utesluts så att värdet inte kan hamna "
                "i en rapport som en kategori")

    t.flag("error", "unknown_code", sex.is_in(list(refused)), "sex", message)


def _rows(rows: Sequence[int], *, sv: bool = False) -> str:
    shown_rows = ", ".join(str(r) for r in rows[:10])
    if len(rows) <= 10:
        return shown_rows
    return shown_rows + (f" och {len(rows) - 10} till" if sv else f" and {len(rows) - 10} more")


_WHY_SV = {
    "it holds dates": "kolumnen innehåller datum",
    "a value looks like a personal identity number": "värdet liknar ett personnummer",
    "a value looks like a date": "värdet liknar ett datum",
    "a value looks like an identifier": "värdet liknar ett id",
}
""":func:`goalkit.data._breakdowns.value_problem`'s reasons in Swedish."""


def _why_sv(why: str) -> str:
    """:func:`goalkit.data._breakdowns.value_problem`'s reason in Swedish."""
    from goalkit.data._breakdowns import MAX_CATEGORY_LENGTH  # noqa: PLC0415

    if why.startswith("it holds text longer than"):
        return f"värdet är längre än {MAX_CATEGORY_LENGTH} tecken (fritext)"
    return _WHY_SV.get(why, why)


def _personal_ids(t: Table, pid: pl.Expr) -> None:
    import polars as pl  # noqa: PLC0415

    if not t.probed.get("personal_ids"):
        return
    found = t.query.with_row_index(INDEX).select(INDEX, pid.alias("id")).filter(
        pl.col("id").str.contains(_PERSONAL_ID).fill_null(value=False)).collect()
    flagged = [i for i, v in zip(found[INDEX].to_list(), found["id"].to_list(), strict=True)
               if contains_personal_number(v)]
    if not flagged:
        return
    if t.mapping.personal_ids == "refuse":
        t.flag("error", "personal_id", pl.lit(marked(t.height, flagged)), "participant_id",
               ("this participant id is or holds a Swedish personal identity number "
                "(personnummer or samordningsnummer); use the project's own ids",
                "deltagar-id:t är eller innehåller ett svenskt personnummer eller "
                "samordningsnummer; använd projektets egna id:n"))
        return
    t.problems.append(Problem(
        "warning", "personal_id",
        f"{len(flagged)} participant id(s) are or hold Swedish personal identity numbers "
        "(personnummer or samordningsnummer); use the project's own ids, or set "
        "[privacy] personal_ids = \"refuse\" to refuse them",
        t.raw.origin, None, "participant_id", count=len(flagged),
        message_sv=f"{len(flagged)} deltagar-id är eller innehåller svenska personnummer "
                   "eller samordningsnummer; använd projektets egna id:n, eller ange "
                   "[privacy] personal_ids = \"refuse\" för att vägra dem",
    ))


def _target_group(
    t: Table,
    enrolled: pl.Expr,
    birth_date: pl.Expr,
    birth_year: pl.Expr,
    target: tuple[int | None, int | None],
) -> None:
    import polars as pl  # noqa: PLC0415

    low, high = target
    e, b = enrolled, birth_date
    earlier = e.dt.month() * 100 + e.dt.day() < b.dt.month() * 100 + b.dt.day()
    exact = e.dt.year() - b.dt.year() - earlier.cast(pl.Int32)
    year = pl.when(birth_year.is_finite()).then(birth_year).cast(pl.Int64, strict=False)
    youngest = pl.coalesce(exact, e.dt.year() - year - 1)
    oldest = pl.coalesce(exact, e.dt.year() - year)
    miss = pl.lit(value=False)
    if low is not None:
        miss = miss | (oldest < low)
    if high is not None:
        miss = miss | (youngest > high)
    flagged = t.define(miss.fill_null(value=False))
    group = f"{low if low is not None else ''}–{high if high is not None else ''}"
    message = (f"the age at enrolment is outside the target group ({group} years)",
               f"åldern vid start ligger utanför målgruppen ({group} år)")
    t.flag("note", "age_outside_target_group", flagged & b.is_not_null(), "birth_date",
           message, unless_excluded=True)
    t.flag("note", "age_outside_target_group", flagged & b.is_null(), "birth_year",
           message, unless_excluded=True)


def linked_to(t: Table) -> pl.LazyFrame:
    """Every participant id of a checked participants table (each once), with its
    enrolment date and whether its row is kept: what events and answers are checked
    against (after the table's run), as a query of :func:`_linked`'s join."""
    import polars as pl  # noqa: PLC0415

    assert t.result is not None, "the participants' query has not run"
    ids = t.frame(("participant_id", "enrolled", EXCLUDED)).lazy().select(
                                 pl.col("participant_id").alias(KEY),
                                 pl.col("enrolled").alias(_ENROLLED),
                                 (~pl.col(EXCLUDED)).alias(_KEPT))
    kept = ids.filter(pl.col(_KEPT))  # a kept id is on one row: duplicates are left out
    others = ids.filter(~pl.col(_KEPT) & pl.col(KEY).is_not_null())
    others = others.unique(KEY, keep="first").with_columns(
        pl.lit(None, dtype=pl.Date).alias(_ENROLLED))
    return pl.concat([kept, others])


_ENROLLED = "\x00enrolled"
_DATE = "\x00date"
_KEPT = "\x00kept"


def _linked(t: Table, pid: pl.Expr, when: pl.Expr, people: Table | None, *,
            what: Literal["event", "answer"]) -> None:
    """Events and answers must belong to a participant, and not predate enrolment."""
    import polars as pl  # noqa: PLC0415

    if people is None:
        return
    what_sv = "händelsen" if what == "event" else "svaret"
    # ids that hash to values of their own (the participants' probe, _distinct) are
    # joined on their hashes
    t.join({KEY: pid, _DATE: when}, people.source("linked_to", linked_to),
           hashed=bool(people.probed.get("distinct_ids")))
    kept, pid = pl.col(_KEPT), pl.col(KEY)
    t.flag("error", "unknown_participant", pid.is_not_null() & kept.is_null(),
           "participant_id",
           (f"this {what} names a participant id that is not in the participants table",
            f"{what_sv} anger ett deltagar-id som inte finns i deltagartabellen"))
    t.flag("error", "excluded_participant", kept.not_().fill_null(value=False),
           "participant_id",
           (f"this {what} belongs to a participant whose row was left out (see the "
            "participants table's problems)",
            f"{what_sv} hör till en deltagare vars rad uteslöts (se problemen i "
            "deltagartabellen)"))
    code, message, message_sv = before_enrolment(what)
    t.flag("warning", code,
           (pl.col(_DATE) < pl.col(_ENROLLED)).fill_null(value=False)
           & kept.fill_null(value=False),
           "date", (message, message_sv), unless_excluded=True)


def ids_looked_at_later(tables: Mapping[str, Table]) -> list[str]:
    """The tables of ``tables`` whose participant ids are looked at (for white space to
    strip, no single value, a text too long) only after their join to the participants
    (:func:`odd_ids`), not before (:func:`goalkit.data._cells.probe`): events and
    answers, when there are participants, read from a source that did not strip its
    text already."""
    import polars as pl  # noqa: PLC0415

    if "participants" not in tables:
        return []
    return [name for name in ("events", "responses") if name in tables
            and not tables[name].raw.tidied and tables[name].dtype("participant_id") == pl.String]


def odd_ids(tables: Sequence[Table]) -> list[Table]:
    """Those of ``tables`` (after their run) with a participant id that the probe would
    have refused or stripped (:func:`goalkit.data._cells.no_value`,
    :func:`~goalkit.data._raw.untidy_cell`): their ids were not looked at before their
    checks (:func:`ids_looked_at_later`), and their checks must run again, as they would
    have. An id the join found among the participants is none of these (the
    participants' ids were stripped, and refused where no single value or too long,
    first), so only the rows it did not find are looked at: those of an id it did not
    know, and those whose id is empty as checked (a cell refused, a column missing). A
    table that was not joined (no participants checked, a required column missing) has
    every id looked at. All in one collection."""
    import polars as pl  # noqa: PLC0415

    from goalkit.data._cells import no_value  # noqa: PLC0415

    looks = []
    for t in tables:
        ids = t.columns.get("participant_id")
        unknown = next((f for f in t.flags if f.code == "unknown_participant"), None)
        if unknown is not None:
            found = t.series(KEY).is_not_null() & ~t.series(unknown.name)
            ids = ids.filter(~found) if ids is not None else None
        looks.append(None if ids is None else ids.to_frame().lazy().select(
            (no_value(pl.first()) | untidy_cell(pl.first()).fill_null(value=False)).any()))
    asked = [q for q in looks if q is not None]
    answers = iter(pl.collect_all(asked) if asked else [])
    return [t for t, q in zip(tables, looks, strict=True)
            if q is not None and next(answers).item()]


def events(t: Table, people: Table | None) -> bool:
    """Add the events' checks, and their columns parsed as the outputs; ``False`` when a
    required column is missing. ``people``: the participants' table, checked."""
    if not t.require(SCHEMA["events"].required):
        return False
    pid = t.text("participant_id", required=True)
    when = t.date("date", required=True)
    kind = t.code("kind", t.text("kind", required=True))
    t.unknown_columns(c.name for c in SCHEMA["events"].columns)
    _linked(t, pid, when, people, what="event")
    t.outputs.update({"participant_id": pid, "date": when, "kind": kind})
    return True


def responses(t: Table, people: Table | None) -> bool:
    """Add the answers' checks, and their columns parsed as the outputs; ``False`` when a
    required column is missing. ``people``: the participants' table, checked."""
    import polars as pl  # noqa: PLC0415

    if not t.require(SCHEMA["responses"].required):
        return False
    pid = t.text("participant_id", required=True)
    when = t.date("date", required=True)
    phase = t.code("phase", t.text("phase", required=True))
    question = t.code("question", t.text("question", required=True))
    score = t.number("score", required=True)
    scales: dict[str, tuple[float, float]] = {}
    if t.mapping.scales:
        for q in t.probed.get("questions") or []:
            bounds = t.mapping.scale(q)
            if bounds is not None:
                scales[q] = bounds
    finite = score.is_finite().fill_null(value=False)
    if scales:
        low = t.define(question.replace_strict({q: b[0] for q, b in scales.items()},
                                               default=None, return_dtype=pl.Float64))
        high = t.define(question.replace_strict({q: b[1] for q, b in scales.items()},
                                                default=None, return_dtype=pl.Float64))
        outside = finite & ((score < low) | (score > high)).fill_null(value=False)
        huge = finite & low.is_null() & (score.abs() > _SCORE_LIMIT)
        t.outputs.update({_LOW: low, _HIGH: high})
    else:
        outside, huge = finite & False, finite & (score.abs() > _SCORE_LIMIT)

    def message(i: int) -> tuple[str, str]:
        lo = t.value(_LOW, i) if scales else None
        if lo is not None:
            hi, q = t.value(_HIGH, i), shown(t.value("question", i))
            return (f"a score for {q} outside its scale {lo:g}–{hi:g}",
                    f"ett värde för {q} utanför skalan {lo:g}–{hi:g}")
        return ("a score on no survey scale (declare the scale in a mapping file's [scales])",
                "ett värde utan enkätskala (ange skalan under [scales] i en mappningsfil)")

    t.flag("error", "score_out_of_range", outside | huge, "score", message,
           unless_excluded=True)
    t.unknown_columns(c.name for c in SCHEMA["responses"].columns)
    _linked(t, pid, when, people, what="answer")
    t.outputs.update({"participant_id": pid, "date": when, "phase": phase,
                      "question": question, "score": score})
    return True


_LOW = "\x00low"
_HIGH = "\x00high"
_BOOLEANS = {"true": True, "false": False, "1": True, "0": False, "yes": True, "no": False,
             "ja": True, "nej": False, "sant": True, "falskt": False}


def measurements(t: Table) -> bool:
    """Add the reported figures' checks, and their columns parsed as the outputs
    (:func:`measurement_records` reads them); ``False`` when a required column is
    missing."""
    import polars as pl  # noqa: PLC0415

    if not t.require(("metric", "date", "value")):
        return False
    t.outputs.update({"metric": t.text("metric", required=True),
                      "date": t.date("date", required=True),
                      "value": t.number("value", required=True),
                      "period_start": t.date("period_start", required=False),
                      "source": t.text("source", required=False)})
    given = t.col("additive")
    additive = t.define(given.str.to_lowercase().replace_strict(
        _BOOLEANS, default=None, return_dtype=pl.Boolean))
    t.outputs["additive"] = additive
    t.flag("error", "unknown_code", given.is_not_null() & additive.is_null(), "additive",
           ("a value that is none of true, false, yes, no, 1, 0 (or ja, nej, sant, "
            "falskt)",
            "ett värde som inte är något av ja, nej, sant, falskt, 1, 0 (eller true/false, "
            "yes/no)"))
    for col in list(t.columns):
        if col in EXTRA_COLUMNS["measurements"]:
            continue
        sep = "." if "." in col else (":" if ":" in col else None)
        if sep is None:
            t.add("warning", "unknown_column", col,
                  f"column {col!r} is neither a measurement column nor a breakdown "
                  "(name breakdowns dimension.category, e.g. sex.F) and is ignored",
                  f"kolumnen {col!r} är varken en kolumn för mätvärden eller en uppdelning "
                  "(namnge uppdelningar dimension.kategori, t.ex. sex.F) och hoppas över")
            continue
        t.outputs[_part(col)] = t.number(col, required=False)
    return True


def measurement_records(t: Table) -> tuple[Measurement, ...]:
    """The reported figures kept (after :func:`measurements` and the table's run)."""
    parts = []
    for name in t.outputs:
        if name.startswith(_part("")):
            col = name[len(_part("")):]
            sep = "." if "." in col else ":"
            dim, cat = col.split(sep, 1)
            parts.append((dim.strip(), cat.strip(), t.series(name).to_list()))
    metric, when, value, start, source, additive = (
        t.series(c).to_list()
        for c in ("metric", "date", "value", "period_start", "source", "additive"))
    out = []
    for i, excluded in enumerate(t.excluded.to_list()):
        if excluded:
            continue
        breakdown: dict[str, dict[str, float]] = {}
        for dim, cat, s in parts:
            if s[i] is not None:
                breakdown.setdefault(dim, {})[cat] = float(s[i])
        out.append(Measurement(metric[i], when[i], float(value[i]), breakdown,
                               period_start=start[i], source=source[i],
                               additive=additive[i] is not False))
    return tuple(out)


def _part(col: str) -> str:
    return f"\x00part:{col}"


def assessments(t: Table) -> bool:
    """Add the assessments' checks, and their columns parsed as the outputs
    (:func:`assessment_records` reads them); ``False`` when a required column is
    missing."""
    if not t.require(("goal", "date", "verdict")):
        return False
    t.outputs.update({"goal": t.text("goal", required=True),
                      "date": t.date("date", required=True)})
    verdict = t.code("verdict", t.text("verdict", required=True))
    t.outputs.update({"verdict": verdict,
                      "evidence": t.text("evidence", required=False),
                      "assessor": t.text("assessor", required=False)})
    allowed = sorted(v.value for v in Verdict)
    t.flag("error", "unknown_code", ~verdict.is_in(allowed), "verdict",
           (f"a verdict that is none of {', '.join(allowed)}",
            f"en bedömning som inte är någon av {', '.join(allowed)}"))
    t.unknown_columns(EXTRA_COLUMNS["assessments"])
    return True


def assessment_records(t: Table) -> tuple[Assessment, ...]:
    """The assessments kept (after :func:`assessments` and the table's run)."""
    goal, when, verdict, evidence, assessor = (
        t.series(c).to_list() for c in ("goal", "date", "verdict", "evidence", "assessor"))
    return tuple(
        Assessment(goal[i], when[i], Verdict(verdict[i]), evidence[i] or "", assessor[i])
        for i, excluded in enumerate(t.excluded.to_list()) if not excluded
    )
