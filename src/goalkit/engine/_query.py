"""The vocabulary of classification interpreted as one narwhals query.

:func:`classify_query` turns a kind's :class:`~goalkit.indicators.Rules` for one goal into
the cohort's classification: every lookup becomes a column, joined from the events or the
answers (lookups that read only the person's own columns are joined side by side from the
same people, so that those are computed once), then the branches one ``when``/``then``
chain. The plain-Python reading (``goalkit.engine._rows``) gives the same states, reasons
and values: the property tests hold the two equal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from goalkit.indicators._support import PID, Cases, outcome_frame
from goalkit.indicators._vocabulary import (
    Anchor,
    Between,
    Choose,
    Column,
    Compare,
    Const,
    DatePart,
    Earliest,
    FirstAnswer,
    FirstEvent,
    InSpell,
    IsIn,
    IsNull,
    Logic,
    Lookup,
    Matches,
    Not,
    Shift,
    exited_by,
    lookups,
    reads_exit,
)

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    import narwhals as nw

    from goalkit.indicators._inputs import Frames
    from goalkit.indicators._vocabulary import Rules, Term
    from goalkit.model._indicator import GoalContext

__all__ = ["TEXT_ID", "answer_lookup", "classify_query", "event_lookup", "exit_known_by",
           "narrowed_answers", "term_expr"]

TEXT_ID = "\x00id"
"""Where the columnar executor joins a host's tables on the ids' 64-bit hashes
(:func:`goalkit.engine._columnar.prepare`), each table's ids as text: an event or answer
joined to a person by its id's hash is that person's only where the two texts are equal
(:func:`_to_people`), as validation's link join compares them. A table without the column
has its ids in :data:`~goalkit.indicators.PID` (text, or hashes validation found exact)."""


def term_expr(t: Term, names: dict[Lookup, str]) -> nw.Expr:
    """A term as a narwhals expression; each lookup is the column ``names`` gives it."""
    import narwhals as nw  # noqa: PLC0415

    def e(x: Term) -> nw.Expr:
        return term_expr(x, names)

    if isinstance(t, Lookup):
        if t not in names and isinstance(t, Anchor) and t.name in ("enrolled", "exited"):
            return nw.col(t.name)  # read where the person's own columns are: no lookup
        return nw.col(names[t])
    if isinstance(t, Const):
        return nw.lit(t.value)
    if isinstance(t, Column):
        return nw.col(t.name)
    if isinstance(t, Matches):
        holds = t.where.expr()
        return nw.lit(value=True) if holds is None else holds.fill_null(value=False)
    if isinstance(t, IsIn):
        return e(t.term).is_in(list(t.values)).fill_null(value=False)
    if isinstance(t, Shift):
        return e(t.term) + t.days
    if isinstance(t, Earliest):
        return nw.min_horizontal(*(e(p) for p in t.terms))
    if isinstance(t, Between):
        return e(t.end) - e(t.start)
    if isinstance(t, DatePart):
        i64 = nw.Int64()
        d = e(t.term)
        if t.part == "year":
            return d.dt.year().cast(i64)
        return d.dt.month().cast(i64) * 100 + d.dt.day().cast(i64)
    if isinstance(t, Compare):
        left, right = e(t.left), e(t.right)
        if t.op == "lt":
            return left < right
        if t.op == "le":
            return left <= right
        if t.op == "gt":
            return left > right
        return left >= right
    if isinstance(t, Logic):
        return (e(t.left) & e(t.right)) if t.op == "and" else (e(t.left) | e(t.right))
    if isinstance(t, Not):
        return ~e(t.term)
    if isinstance(t, IsNull):
        return e(t.term).is_null()
    if isinstance(t, Choose):
        chain: Any = nw
        for cond, value in t.cases:
            chain = chain.when(e(cond)).then(e(value))
        return e(t.otherwise) if not t.cases else chain.otherwise(e(t.otherwise))
    msg = f"no columnar reading of the term {t!r}"
    raise TypeError(msg)


def event_lookup(
    people: nw.LazyFrame[Any],
    events: nw.LazyFrame[Any],
    kinds: Sequence[str],
    window: tuple[str, str],
    name: str,
) -> nw.LazyFrame[Any]:
    """Per person with one: ``participant_id`` and ``name``, the earliest event of ``kinds``
    dated inside the window whose first and last days are the people's columns ``window``.

    Join it to the people with ``how="left"``; several lookups from the same people frame
    join to it side by side, so that the people are computed once.
    """
    import narwhals as nw  # noqa: PLC0415

    lo, hi = window
    kind = nw.col("kind")
    return (
        _to_people(events.filter(kind == kinds[0] if len(kinds) == 1
                                 else kind.is_in(list(kinds))), people, (lo, hi))
        .filter((nw.col("date") >= nw.col(lo)) & (nw.col("date") <= nw.col(hi)))
        .group_by(PID)
        .agg(nw.col("date").min().alias(name))
    )


def answer_lookup(
    people: nw.LazyFrame[Any],
    responses: nw.LazyFrame[Any],
    phase: str,
    question: str,
    window: tuple[str, str],
    name: str,
) -> nw.LazyFrame[Any]:
    """Per person with one: ``participant_id`` and ``name``, the score of their earliest
    answer dated inside the window (columns ``window``); on a tie, the lowest score."""
    import narwhals as nw  # noqa: PLC0415

    answers = responses.filter((nw.col("phase") == phase) & (nw.col("question") == question))
    return _first_answer(people, answers.select(*_ids(responses), "date", "score"), window,
                         name)


def _first_answer(
    people: nw.LazyFrame[Any], answers: nw.LazyFrame[Any], window: tuple[str, str], name: str,
) -> nw.LazyFrame[Any]:
    """:func:`answer_lookup` of ``answers`` already narrowed to one phase and question
    (``participant_id``, ``date``, ``score``)."""
    import narwhals as nw  # noqa: PLC0415

    lo, hi = window
    answers = (
        _to_people(answers, people, (lo, hi))
        .filter((nw.col("date") >= nw.col(lo)) & (nw.col("date") <= nw.col(hi)))
        .select(PID, "date", "score")
    )
    return (
        answers.filter(nw.col("date") == nw.col("date").min().over(PID))
        .group_by(PID)
        .agg(nw.col("score").min().alias(name))
    )


def _answers_by_phase(
    responses: nw.LazyFrame[Any], batch: Sequence[Lookup]
) -> dict[tuple[str, str], nw.LazyFrame[Any]]:
    """The answers each :class:`FirstAnswer` of ``batch`` reads, per phase and question:
    ``participant_id``, ``date`` and ``score``. Where a question is read in several phases
    (a paired change: its answers before and after), its answers are narrowed once to
    those phases and these three columns and a flag per phase, and each phase is taken
    from that. Otherwise polars would hold the answers the lookups share with all five
    columns, the phase's and question's texts too (sixteen bytes each a row, for
    hundreds of thousands of rows), while it computes them."""
    import narwhals as nw  # noqa: PLC0415

    phases: dict[str, list[str]] = {}
    for lk in batch:
        if isinstance(lk, FirstAnswer) and lk.phase not in phases.setdefault(lk.question, []):
            phases[lk.question].append(lk.phase)
    out: dict[tuple[str, str], nw.LazyFrame[Any]] = {}
    ids = _ids(responses)
    for question, among in phases.items():
        asked = responses.filter(nw.col("question") == question)
        if len(among) == 1:
            out[question, among[0]] = (asked.filter(nw.col("phase") == among[0])
                                       .select(*ids, "date", "score"))
            continue
        narrow, flags = narrowed_answers(asked, among)
        for p, f in zip(among, flags, strict=True):
            out[question, p] = narrow.filter(nw.col(f)).select(*ids, "date", "score")
    return out


def narrowed_answers(
    answers: nw.LazyFrame[Any], phases: Sequence[str]
) -> tuple[nw.LazyFrame[Any], list[str]]:
    """The ``answers`` in ``phases``, as ``participant_id``, ``date``, ``score`` and one
    boolean flag a phase, in the order of ``phases`` (whose names are returned): the only
    text kept is the id."""
    import narwhals as nw  # noqa: PLC0415

    flags = [f"_phase{i}" for i in range(len(phases))]
    narrow = answers.filter(nw.col("phase").is_in(list(phases))).select(
        *_ids(answers), "date", "score",
        *((nw.col("phase") == p).alias(f) for p, f in zip(phases, flags, strict=True)))
    return narrow, flags


def exit_known_by(frame: nw.LazyFrame[Any], when: date) -> nw.LazyFrame[Any]:
    """The frame with ``exited`` and ``exit_reason`` as known on ``when``: null unless the
    exit is made by then (:func:`~goalkit.indicators.exited_by`)."""
    import narwhals as nw  # noqa: PLC0415

    known = term_expr(exited_by(when), {})
    return frame.with_columns(
        nw.when(known).then(nw.col("exit_reason")).alias("exit_reason"),
        nw.when(known).then(nw.col("exited")).alias("exited"),
    )


def _ids(rows: nw.LazyFrame[Any]) -> tuple[str, ...]:
    """The id columns of ``rows``: :data:`~goalkit.indicators.PID`, and :data:`TEXT_ID`
    where the ids are hashes with their texts beside."""
    return (PID, TEXT_ID) if TEXT_ID in rows.collect_schema().names() else (PID,)


def _to_people(rows: nw.LazyFrame[Any], people: nw.LazyFrame[Any], columns: Sequence[str],
               ) -> nw.LazyFrame[Any]:
    """``rows`` (events or answers) joined to the person each names, with that person's
    ``columns``: on the ids, or on their hashes where the texts are beside them
    (:data:`TEXT_ID`), a row then joined only where its text equals the person's (a
    hash found among the people names the only person whose id it can be: the people's
    hashes are apart, :func:`goalkit.engine._columnar.ids_apart`)."""
    import narwhals as nw  # noqa: PLC0415

    if _ids(rows) == (PID,):
        return rows.join(people.select(PID, *columns), on=PID, how="inner")
    theirs = f"{TEXT_ID}_theirs"
    return (rows.join(people.select(PID, nw.col(TEXT_ID).alias(theirs), *columns), on=PID,
                      how="inner")
            .filter(nw.col(TEXT_ID) == nw.col(theirs)).drop(TEXT_ID, theirs))


def _matched(rows: nw.LazyFrame[Any], people: nw.LazyFrame[Any]) -> nw.LazyFrame[Any]:
    """``rows`` whose id is a person's of ``people``, where their ids are hashes with the
    texts beside (:data:`TEXT_ID`); else ``rows`` as they are (a row naming nobody joins
    nobody when its lookup is joined to the people on the ids)."""
    return rows if _ids(rows) == (PID,) else _to_people(rows, people, ())


def _depth(t: Term, memo: dict[Term, int]) -> int:
    """How many lookups deep a term reads (0: none)."""
    found = memo.get(t)
    if found is None:
        below = max((_depth(p, memo) for p in t.parts()), default=0)
        found = memo[t] = below + (1 if isinstance(t, Lookup) else 0)
    return found


def _spell(
    people: nw.LazyFrame[Any], events: nw.LazyFrame[Any], lk: InSpell, at: str, name: str
) -> nw.LazyFrame[Any]:
    """Per person with a start or end by day ``at``: whether they are in the spell then
    (their last start has no end after it)."""
    import narwhals as nw  # noqa: PLC0415

    kind, when = nw.col("kind"), nw.col("date")
    s, e = f"{name}_s", f"{name}_e"
    # whether each event starts or ends the spell, as flags made before the join: the
    # kind's text is not carried through it (sixteen bytes a row, for every event joined)
    return (
        _to_people(events.filter(kind.is_in([lk.start, lk.end]))
                   .select(*_ids(events), "date", (kind == lk.start).alias(s),
                           (kind == lk.end).alias(e)), people, (at,))
        .filter(when <= nw.col(at))
        .with_columns(nw.when(nw.col(s)).then(when).alias(s),
                      nw.when(nw.col(e)).then(when).alias(e))
        .group_by(PID)
        .agg(nw.col(s).max(), nw.col(e).max())
    )


def _joined(
    people: nw.LazyFrame[Any], frames: Frames, batch: list[Lookup], names: dict[Lookup, str]
) -> nw.LazyFrame[Any]:
    """``people`` with the lookups of ``batch`` (whose windows are columns already)."""
    import narwhals as nw  # noqa: PLC0415

    base = people
    answers = _answers_by_phase(frames.responses, batch)
    joins: list[nw.LazyFrame[Any]] = []
    spells: list[tuple[str, str]] = []
    for lk in batch:
        name = names[lk]
        if isinstance(lk, Anchor):
            if lk.name in ("enrolled", "exited"):
                people = people.with_columns(nw.col(lk.name).alias(name))
            else:
                joins.append(_matched(frames.events.filter(nw.col("kind") == lk.name), base)
                             .group_by(PID).agg(nw.col("date").min().alias(name)))
        elif isinstance(lk, FirstEvent):
            joins.append(event_lookup(base, frames.events, lk.kinds,
                                      (f"{name}_0", f"{name}_1"), name))
        elif isinstance(lk, FirstAnswer):
            joins.append(_first_answer(base, answers[lk.question, lk.phase],
                                       (f"{name}_0", f"{name}_1"), name))
        elif isinstance(lk, InSpell):
            joins.append(_spell(base, frames.events, lk, f"{name}_0", name))
            spells.append((name, f"{name}_0"))
        else:
            msg = f"no columnar reading of the lookup {lk!r}"
            raise TypeError(msg)
    for found in joins:
        people = people.join(found, on=PID, how="left")
    for name, at in spells:
        s, e = nw.col(f"{name}_s"), nw.col(f"{name}_e")
        on = ~s.is_null() & (e.is_null() | (e <= s))
        people = people.with_columns(nw.when(~nw.col(at).is_null()).then(on).alias(name))
    return people


def classify_query(rules: Rules, frames: Frames, ctx: GoalContext) -> nw.LazyFrame[Any]:
    """The cohort (``frames.participants``) classified by ``rules``: one row per person with
    the id, the kept columns, ``state``, ``reason`` and ``value``."""
    import narwhals as nw  # noqa: PLC0415

    found = lookups(rules)
    names = {lk: f"_l{i}" for i, lk in enumerate(found)}
    depth: dict[Term, int] = {}
    people = frames.participants
    for level in sorted({_depth(lk, depth) for lk in found}):
        batch = [lk for lk in found if depth[lk] == level]
        windows = [term_expr(part, names).alias(f"{names[lk]}_{j}")
                   for lk in batch for j, part in enumerate(lk.parts())]
        if windows:
            people = people.with_columns(*windows)
        people = _joined(people, frames, batch, names)
    if reads_exit(rules.columns):
        people = exit_known_by(people, ctx.horizon)
    outcome = Cases(
        tuple((term_expr(b.when, names), b.state, b.reason) for b in rules.branches),
        rules.otherwise,
    )
    value = None if rules.value is None else term_expr(rules.value, names)
    if value is not None:
        value = value.cast(nw.Float64())
    return outcome_frame(frames, people, outcome, value)
