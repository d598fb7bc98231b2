"""The checks of each table: participants, events, answers, reported figures, assessments.

Each check reads a :class:`~goalkit.data._table.Table` and flags the rows at fault with a
mask; a table is parsed once and checked in a few vectorised passes. Events and answers
are checked against participants with one join.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from goalkit.data._mapping import EXTRA_COLUMNS
from goalkit.data._parse import extra, null_where
from goalkit.data._privacy import looks_like_personal_number, shown
from goalkit.data._problems import Problem, before_enrolment
from goalkit.data._schema import SCHEMA, SEX_CODES, YEARS
from goalkit.model._records import Assessment, Measurement, Verdict

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    import polars as pl

    from goalkit.data._table import Table

__all__ = ["assessments", "events", "linked_to", "measurements", "participants", "responses"]

_SCORE_LIMIT = 1e6


def participants(t: Table, target: tuple[int | None, int | None] | None) -> pl.DataFrame | None:
    """The participants' columns parsed, with ``__i`` their row index; ``None`` when a
    required column is missing."""
    import polars as pl  # noqa: PLC0415

    if not t.require(SCHEMA["participants"].required):
        return None
    pid = t.text("participant_id", required=True)
    enrolled = t.date("enrolled", required=True)
    exited = t.date("exited", required=False)
    birth_date = t.date("birth_date", required=False)
    birth_year = t.number("birth_year", required=False, integer=True)
    years = (birth_year.is_finite()
             & ((birth_year < YEARS[0]) | (birth_year > YEARS[1]))).fill_null(value=False)
    t.flag("error", "out_of_range", years, "birth_year",
           (f"a birth year outside {YEARS[0]}–{YEARS[1]}",
            f"ett födelseår utanför {YEARS[0]}–{YEARS[1]}"))
    sex = t.code("sex", t.text("sex", required=False), default=SEX_CODES)
    _not_categories(t, sex, pid)
    exit_reason = t.code("exit_reason", t.text("exit_reason", required=False))
    t.flag("error", "exit_before_enrolment", exited < enrolled, "exited",
           ("the exit date is before the enrolment date",
            "slutdatumet ligger före startdatumet"))
    t.flag("error", "out_of_range", birth_date > enrolled, "birth_date",
           ("the birth date is after the enrolment date",
            "födelsedatumet ligger efter startdatumet"))
    dup = pid.is_duplicated() & pid.is_not_null()
    if dup.any():
        t.flag("error", "duplicate_participant", dup, "participant_id", _duplicates(t, pid))
    _personal_ids(t, pid)
    if target is not None:
        _target_group(t, enrolled, birth_date, birth_year, target)
    out = pl.DataFrame([
        pid, enrolled.alias("enrolled"), sex.alias("sex"), birth_date.alias("birth_date"),
        null_where(birth_year, years).cast(pl.Int64, strict=False).alias("birth_year"),
        exited.alias("exited"), exit_reason.alias("exit_reason"),
    ])
    schema_names = {c.name for c in SCHEMA["participants"].columns}
    extras = [c for c in t.columns if c not in schema_names]
    if extras:
        out = out.with_columns(extra(t.code(name, t.col(name))).alias(name)
                               for name in extras)
    return out.with_columns(t.index())


def _duplicates(t: Table, pid: pl.Series) -> Callable[[int], tuple[str, str]]:
    def message(i: int) -> tuple[str, str]:
        others = [t.raw.rows[j] for j in (pid == pid[i]).arg_true().to_list() if j != i]
        return (f"the same participant id is also on row(s) {_rows(others)}; every row of "
                "a duplicated id is left out",
                f"samma deltagar-id finns också på rad {_rows(others, sv=True)}; varje rad "
                "med ett dubblerat id utesluts")
    return message


def _not_categories(t: Table, sex: pl.Series, pid: pl.Series) -> None:
    """Sex is a breakdown of every result: a value that looks like an identifier, a
    personal identity number or a date would be published as a category, so its row is
    left out here rather than the whole evaluation refused later."""
    from goalkit.data._breakdowns import value_problem  # noqa: PLC0415

    odd = [v for v in sex.drop_nulls().unique().to_list() if v not in SEX_CODES]
    if not odd:
        return
    ids = frozenset(pid.filter(pid.is_in(odd)).to_list())
    refused = {v for v in odd if value_problem(v, ids) is not None}
    if not refused:
        return

    def message(i: int) -> tuple[str, str]:
        why = value_problem(sex[i], ids)
        return (f"{why}; the row is left out so that the value cannot reach a report as a "
                "category",
                f"{_why_sv(why or '')}; raden utesluts så att värdet inte kan hamna "
                "i en rapport som en kategori")

    t.flag("error", "unknown_code", sex.is_in(sorted(refused)), "sex", message)


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


def _personal_ids(t: Table, pid: pl.Series) -> None:
    import polars as pl  # noqa: PLC0415

    maybe = pid.str.contains(r"^\s*\d{6,8}[-+ ]?\d{4}\s*$").fill_null(value=False)
    if not maybe.any():
        return
    flagged = [i for i in maybe.arg_true().to_list() if looks_like_personal_number(pid[i])]
    if not flagged:
        return
    if t.mapping.personal_ids == "refuse":
        mask = pl.repeat(False, t.height, dtype=pl.Boolean, eager=True).scatter(flagged, True)
        t.flag("error", "personal_id", mask, "participant_id",
               ("this participant id looks like a Swedish personal identity number "
                "(personnummer or samordningsnummer); use the project's own ids",
                "deltagar-id:t liknar ett svenskt personnummer eller samordningsnummer; "
                "använd projektets egna id:n"))
        return
    t.problems.append(Problem(
        "warning", "personal_id",
        f"{len(flagged)} participant id(s) look like Swedish personal identity numbers "
        "(personnummer or samordningsnummer); use the project's own ids, or set "
        "[privacy] personal_ids = \"refuse\" to refuse them",
        t.raw.origin, None, "participant_id", count=len(flagged),
        message_sv=f"{len(flagged)} deltagar-id liknar svenska personnummer eller "
                   "samordningsnummer; använd projektets egna id:n, eller ange "
                   "[privacy] personal_ids = \"refuse\" för att vägra dem",
    ))


def _target_group(
    t: Table,
    enrolled: pl.Series,
    birth_date: pl.Series,
    birth_year: pl.Series,
    target: tuple[int | None, int | None],
) -> None:
    import polars as pl  # noqa: PLC0415

    low, high = target
    f = pl.DataFrame({"e": enrolled, "b": birth_date, "y": birth_year})
    earlier = (pl.col("e").dt.month() * 100 + pl.col("e").dt.day()
               < pl.col("b").dt.month() * 100 + pl.col("b").dt.day())
    exact = pl.col("e").dt.year() - pl.col("b").dt.year() - earlier.cast(pl.Int32)
    year = pl.when(pl.col("y").is_finite()).then(pl.col("y")).cast(pl.Int64, strict=False)
    youngest = pl.coalesce(exact, pl.col("e").dt.year() - year - 1)
    oldest = pl.coalesce(exact, pl.col("e").dt.year() - year)
    miss = pl.lit(value=False)
    if low is not None:
        miss = miss | (oldest < low)
    if high is not None:
        miss = miss | (youngest > high)
    ages = f.select(flagged=miss.fill_null(value=False), exact=pl.col("b").is_not_null())
    group = f"{low if low is not None else ''}–{high if high is not None else ''}"
    message = (f"the age at enrolment is outside the target group ({group} years)",
               f"åldern vid start ligger utanför målgruppen ({group} år)")
    flagged, known = ages["flagged"], ages["exact"]
    t.flag("note", "age_outside_target_group", flagged & known, "birth_date", message,
           unless_excluded=True)
    t.flag("note", "age_outside_target_group", flagged & ~known, "birth_year", message,
           unless_excluded=True)


def linked_to(t: Table, frame: pl.DataFrame) -> pl.DataFrame:
    """Every participant id of a checked participants table (each once), with its
    enrolment date and whether its row is kept: what events and answers are checked
    against."""
    import polars as pl  # noqa: PLC0415

    ids = frame.select("participant_id", "enrolled", kept=~t.excluded)
    kept = ids.filter(pl.col("kept"))  # a kept id is on one row: duplicates are left out
    others = ids.filter(~pl.col("kept") & pl.col("participant_id").is_not_null())
    others = others.unique("participant_id", keep="first").with_columns(
        enrolled=pl.lit(None, dtype=pl.Date))
    return pl.concat([kept, others])


def _linked(t: Table, pid: pl.Series, when: pl.Series, people: pl.DataFrame | None, *,
            what: Literal["event", "answer"]) -> None:
    """Events and answers must belong to a participant, and not predate enrolment."""
    import polars as pl  # noqa: PLC0415

    if people is None:
        return
    what_sv = "händelsen" if what == "event" else "svaret"
    rows = pl.LazyFrame({"participant_id": pid, "date": when}).join(
        people.lazy(), on="participant_id", how="left", maintain_order="left",
    ).select(
        unknown=pl.col("participant_id").is_not_null() & pl.col("kept").is_null(),
        excluded=pl.col("kept").not_().fill_null(value=False),
        early=(pl.col("date") < pl.col("enrolled")).fill_null(value=False)
        & pl.col("kept").fill_null(value=False),
    ).collect()  # one query: the joined rows are never held
    t.flag("error", "unknown_participant", rows["unknown"], "participant_id",
           (f"this {what} names a participant id that is not in the participants table",
            f"{what_sv} anger ett deltagar-id som inte finns i deltagartabellen"))
    t.flag("error", "excluded_participant", rows["excluded"], "participant_id",
           (f"this {what} belongs to a participant whose row was left out (see the "
            "participants table's problems)",
            f"{what_sv} hör till en deltagare vars rad uteslöts (se problemen i "
            "deltagartabellen)"))
    code, message, message_sv = before_enrolment(what)
    t.flag("warning", code, rows["early"], "date", (message, message_sv),
           unless_excluded=True)


def events(t: Table, people: pl.DataFrame | None) -> pl.DataFrame | None:
    import polars as pl  # noqa: PLC0415

    if not t.require(SCHEMA["events"].required):
        return None
    pid = t.text("participant_id", required=True)
    when = t.date("date", required=True)
    kind = t.code("kind", t.text("kind", required=True))
    t.unknown_columns(c.name for c in SCHEMA["events"].columns)
    _linked(t, pid, when, people, what="event")
    return pl.DataFrame([pid, when.alias("date"), kind.alias("kind"), t.index()])


def responses(t: Table, people: pl.DataFrame | None) -> pl.DataFrame | None:
    import polars as pl  # noqa: PLC0415

    if not t.require(SCHEMA["responses"].required):
        return None
    pid = t.text("participant_id", required=True)
    when = t.date("date", required=True)
    phase = t.code("phase", t.text("phase", required=True))
    question = t.code("question", t.text("question", required=True))
    score = t.number("score", required=True)
    scales: dict[str, tuple[float, float]] = {}
    if t.mapping.scales:
        for q in question.drop_nulls().unique().to_list():
            bounds = t.mapping.scale(q)
            if bounds is not None:
                scales[q] = bounds
    finite = score.is_finite().fill_null(value=False)
    if scales:
        low = question.replace_strict({q: b[0] for q, b in scales.items()}, default=None,
                                      return_dtype=pl.Float64)
        high = question.replace_strict({q: b[1] for q, b in scales.items()}, default=None,
                                       return_dtype=pl.Float64)
        outside = finite & ((score < low) | (score > high)).fill_null(value=False)
        huge = finite & low.is_null() & (score.abs() > _SCORE_LIMIT)
    else:
        low = high = pl.repeat(None, t.height, dtype=pl.Float64, eager=True)
        outside, huge = finite & False, finite & (score.abs() > _SCORE_LIMIT)

    def message(i: int) -> tuple[str, str]:
        if low[i] is not None:
            return (f"a score for {shown(question[i])} outside its scale "
                    f"{low[i]:g}–{high[i]:g}",
                    f"ett värde för {shown(question[i])} utanför skalan "
                    f"{low[i]:g}–{high[i]:g}")
        return ("a score on no survey scale (declare the scale in a mapping file's [scales])",
                "ett värde utan enkätskala (ange skalan under [scales] i en mappningsfil)")

    t.flag("error", "score_out_of_range", outside | huge, "score", message,
           unless_excluded=True)
    t.unknown_columns(c.name for c in SCHEMA["responses"].columns)
    _linked(t, pid, when, people, what="answer")
    return pl.DataFrame([pid, when.alias("date"), phase.alias("phase"),
                         question.alias("question"), score.alias("score"), t.index()])


_BOOLEANS = {"true": True, "false": False, "1": True, "0": False, "yes": True, "no": False,
             "ja": True, "nej": False, "sant": True, "falskt": False}


def measurements(t: Table) -> tuple[Measurement, ...]:
    import polars as pl  # noqa: PLC0415

    if not t.require(("metric", "date", "value")):
        return ()
    metric = t.text("metric", required=True)
    when = t.date("date", required=True)
    value = t.number("value", required=True)
    start = t.date("period_start", required=False)
    source = t.text("source", required=False)
    given = t.col("additive")
    additive = given.str.to_lowercase().replace_strict(
        _BOOLEANS, default=None, return_dtype=pl.Boolean)
    t.flag("error", "unknown_code", given.is_not_null() & additive.is_null(), "additive",
           lambda i: (f"expected true or false (ja/nej), got {shown(given[i])}",
                      f"ja eller nej (true/false) väntades, men värdet är {shown(given[i])}"))
    parts: dict[str, tuple[str, str, pl.Series]] = {}
    for col in t.columns:
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
        dim, cat = col.split(sep, 1)
        parts[col] = (dim.strip(), cat.strip(), t.number(col, required=False))
    out = []
    excluded = t.excluded.to_list()
    for i in range(t.height):
        if excluded[i]:
            continue
        breakdown: dict[str, dict[str, float]] = {}
        for dim, cat, s in parts.values():
            if s[i] is not None:
                breakdown.setdefault(dim, {})[cat] = float(s[i])
        out.append(Measurement(metric[i], when[i], float(value[i]), breakdown,
                               period_start=start[i], source=source[i],
                               additive=additive[i] is not False))
    return tuple(out)


def assessments(t: Table) -> tuple[Assessment, ...]:
    if not t.require(("goal", "date", "verdict")):
        return ()
    goal = t.text("goal", required=True)
    when = t.date("date", required=True)
    verdict = t.code("verdict", t.text("verdict", required=True))
    evidence = t.text("evidence", required=False)
    assessor = t.text("assessor", required=False)
    allowed = sorted(v.value for v in Verdict)
    t.flag("error", "unknown_code", ~verdict.is_in(allowed), "verdict",
           lambda i: (f"verdict {shown(verdict[i])}; expected one of {', '.join(allowed)}",
                      f"bedömningen {shown(verdict[i])}; någon av {', '.join(allowed)} "
                      "väntades"))
    t.unknown_columns(EXTRA_COLUMNS["assessments"])
    excluded = t.excluded.to_list()
    return tuple(
        Assessment(goal[i], when[i], Verdict(verdict[i]), evidence[i] or "", assessor[i])
        for i in range(t.height) if not excluded[i]
    )
