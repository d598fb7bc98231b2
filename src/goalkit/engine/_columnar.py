"""The columnar executor: narwhals queries, one grouped pass per goal.

Every date becomes a day number first, so the same expressions run on polars, DuckDB,
pandas, pyarrow, Spark and Dask. The people are prepared once (ages, bands, day numbers);
each job classifies its cohort into one row per person and counts them by ``(state,
reason, breakdown cells)``. The jobs are collected in turn, those reading the fewest rows
of the events and answers first, and their outputs handed on one by one, in the jobs'
order, while the next is computed. Once the queries are built, only they refer to the
tables: a table handed over by its holder (the command line's) is freed once the last
job reading it is computed, and the jobs after reuse its memory.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from goalkit.engine._plan import BASE_DIMENSIONS, Counts, Job, JobOutput
from goalkit.engine._query import TEXT_ID, classify_query, exit_known_by, term_expr
from goalkit.engine._rules import AGE, PROJECT_END, age_band, exit_at_end, stays_past
from goalkit.engine._summaries import cell_table, summary_form
from goalkit.indicators._inputs import Frames, ReasonCodes
from goalkit.indicators._support import PID, Cases
from goalkit.indicators._vocabulary import (
    EXIT_COLUMNS,
    Anchor,
    Declared,
    FirstAnswer,
    day,
    lookups,
    reads_exit,
)

if TYPE_CHECKING:
    from collections.abc import Generator, Iterable, Iterator, Sequence
    from datetime import date

    import narwhals as nw

    from goalkit.data._dataset import NativeFrames
    from goalkit.engine._summaries import CellTable

__all__ = ["JobStream", "collect_all", "collect_in_turn", "count_rows", "prepare",
           "read_row_counts", "row_count_queries", "run_columnar", "with_null_columns"]

_CIVIL_EPOCH = 719162  # days from 0001-01-01 to 1970-01-01


def _days(name: str, native_int_cast: bool) -> nw.Expr:
    """A date column as its day number. On polars, whose dates are day numbers stored as
    32-bit integers, the same 32-bit integers: the cast reads them as they are, and every
    copy a query makes of them (the events and answers it filters and joins) is half the
    size of a 64-bit one. Every day from year 1 to 9999, and every difference of two, fits."""
    import narwhals as nw  # noqa: PLC0415

    c = nw.col(name)
    if native_int_cast:
        return c.cast(nw.Int32())
    y1 = c.dt.year().cast(nw.Int64()) - 1
    o = c.dt.ordinal_day().cast(nw.Int64())
    return y1 * 365 + y1 // 4 - y1 // 100 + y1 // 400 + o - 1 - _CIVIL_EPOCH


def prepare(frames: NativeFrames, as_of: date, age_bands: Sequence[int], *,
            ids: bool = False, matched: bool = False) -> Frames:
    """Day numbers, ages and age bands, and every fact cut at the as-of date.

    Where validation found the participants' ids to hash apart
    (:attr:`~goalkit.data.NativeFrames.ids_hash_apart`), on polars, the column
    :data:`~goalkit.indicators.PID` of each table holds the id's 64-bit hash instead of the
    id, unless ``ids`` asks for the ids themselves (the audit lists them): every join and
    grouping by person then reads numbers, not text (at a million people the evaluation's
    time 0.82 → 0.60 s, its CPU time 1.47 → 1.06 s). The same people join, and each is
    counted once, as with the ids.

    Tables not known to be so (a host's frames), with ``matched`` (every goal's kind is
    written in the vocabulary, whose queries the engine writes), carry the hashes too, and
    each table's ids as text beside them (:data:`~goalkit.engine._query.TEXT_ID`): each
    lookup joins an event or answer to a person on the hashes and keeps it only where the
    texts are equal, and :func:`run_columnar` checks the people's hashes apart
    (:func:`ids_apart`), or joins on the ids if they are not. A kind's own query would
    join on the hashes without the texts: with one, the ids stay text. (A host's frames of
    ten million people, the per-project suite, one thread: 25.5 → 22.4 s; the same at a
    million.)"""
    import narwhals as nw  # noqa: PLC0415

    native = frames.participants.implementation is nw.Implementation.POLARS
    cut = day(as_of)
    p = (
        frames.participants.with_columns(term_expr(AGE, {}).cast(nw.Int64()).alias("age"))
        .with_columns(
            _days("enrolled", native).alias("enrolled"),
            _days("exited", native).alias("exited"),
            term_expr(age_band(age_bands), {}).cast(nw.String()).alias("age_band"),
        )
        .filter(nw.col("enrolled") <= cut)
    )
    p = exit_known_by(p, as_of)
    e = frames.events.select(PID, _days("date", native).alias("date"), "kind").filter(
        nw.col("date") <= cut
    )
    r = frames.responses.select(
        PID, _days("date", native).alias("date"), "phase", "question", "score"
    ).filter(nw.col("date") <= cut)
    if native and not ids and (frames.ids_hash_apart or matched):
        text = not frames.ids_hash_apart
        p, e, r = (_hashed_ids(x, text=text) for x in (p, e, r))
    return Frames(p, e, r)


def _hashed_ids(frame: nw.LazyFrame[Any], *, text: bool = False) -> nw.LazyFrame[Any]:
    """``frame`` (on polars) with each id its hash, as validation hashed it; with
    ``text``, the id as text beside it (:data:`~goalkit.engine._query.TEXT_ID`)."""
    import narwhals as nw  # noqa: PLC0415
    import polars as pl  # noqa: PLC0415

    from goalkit.data._table import key_hash  # noqa: PLC0415

    native: pl.LazyFrame = nw.to_native(frame)
    texts = [pl.col(PID).alias(TEXT_ID)] if text else []
    return nw.from_native(native.with_columns(*texts, key_hash(pl.col(PID))))


def ids_apart(people: nw.LazyFrame[Any], prepared: Frames) -> tuple[nw.LazyFrame[Any], Frames]:
    """The people (collected, :func:`_shared`) and the tables of ``prepared``, as they
    are where their ids are hashes with the texts beside (:data:`TEXT_ID`) and the people's
    hashes are apart; where two people's hashes are the same, the ids themselves, as
    text, in every table (and no texts beside): joined on the hashes, two people would
    be one."""
    import narwhals as nw  # noqa: PLC0415
    import polars as pl  # noqa: PLC0415

    from goalkit.data._table import hashes_apart  # noqa: PLC0415

    if TEXT_ID not in people.collect_schema().names():
        return people, prepared
    if nw.to_native(people).select(hashes_apart(pl.col(PID))).collect().item() is not False:
        return people, prepared  # apart (or no people at all)

    def text(frame: nw.LazyFrame[Any]) -> nw.LazyFrame[Any]:
        return frame.with_columns(nw.col(TEXT_ID).alias(PID)).drop(TEXT_ID)

    return (text(people), Frames(text(prepared.participants), text(prepared.events),
                                 text(prepared.responses), prepared.keep, prepared.reasons))


def with_null_columns(prepared: Frames, names: Sequence[str], *, text: bool = True) -> Frames:
    """Add empty columns: text ones (for filters and breakdowns on a table with no rows),
    or with ``text=False`` untyped nulls, which compare with anything as missing (for a
    column a kind's rules read and the data do not hold)."""
    import narwhals as nw  # noqa: PLC0415

    if not names:
        return prepared
    dtype = nw.String() if text else None
    people = prepared.participants.with_columns(
        *(nw.lit(None, dtype=dtype).alias(n) for n in names)
    )
    return Frames(people, prepared.events, prepared.responses, prepared.keep)


def row_count_queries(frames: NativeFrames, as_of: date) -> list[nw.LazyFrame[Any]]:
    """Per table, its rows and those dated after ``as_of``, as queries (to be collected
    with the evaluation's own, so that a table on disk is not read once more for them)."""
    import narwhals as nw  # noqa: PLC0415

    return [
        frame.select(nw.len().alias("n"), (nw.col(col) > nw.lit(as_of)).cast(nw.Int64()).sum()
                     .alias("after"))
        for frame, col in ((frames.participants, "enrolled"), (frames.events, "date"),
                           (frames.responses, "date"))
    ]


def read_row_counts(counted: Sequence[nw.DataFrame[Any]]) -> tuple[dict[str, int], dict[str, int]]:
    """Rows per table dated up to ``as_of`` (known), and after it (not yet known), from the
    collected :func:`row_count_queries`."""
    known, after = {}, {}
    for name, frame in zip(("participants", "events", "responses"), counted, strict=True):
        n, later = frame.row(0)
        after[name] = int(later or 0)
        known[name] = int(n) - after[name]
    return known, after


def count_rows(frames: NativeFrames, as_of: date) -> tuple[dict[str, int], dict[str, int]]:
    """Rows per table dated up to ``as_of`` (known), and after it (not yet known)."""
    return read_row_counts(collect_all(row_count_queries(frames, as_of)))


def run_columnar(
    prepared: Frames,
    jobs: Sequence[Job],
    dims: Sequence[str],
    *,
    audit: bool,
    also: Sequence[nw.LazyFrame[Any]] = (),
) -> tuple[JobStream, list[nw.DataFrame[Any]]]:
    """Run every job and count its people per breakdown cell.

    The outputs come one by one, in job order, as each job's query is collected: on polars
    each job is computed in the background as soon as its query is built, so that building
    the next query and turning one job's counts into results cost no time of their own.
    The queries ``also`` (the tables' row counts, :func:`row_count_queries`) are collected
    first, in this thread; their results are returned at once and set the order the jobs
    are collected in (:func:`_collection_order`). Each job's query is let go of once it is
    collected, and with it the tables that no job still to come reads. An error while a
    job is built or computed names its goal.
    """
    import narwhals as nw  # noqa: PLC0415

    people, keep = _group_keys(prepared.participants, dims)
    people, prepared = ids_apart(_shared(_only_read(people, jobs, keep)), prepared)
    ids = (PID,) if audit else ()
    codes = ReasonCodes()
    # Grouping sets rather than one group per combination of every column, so that the
    # result stays small for millions of people: the base columns (sex, age band: a few
    # categories each) together, which also gives the total, then each further column
    # (a project, a municipality: thousands of categories) on its own. A job's queries are
    # collected together, so that its classified people are computed once.
    base = [i for i, d in enumerate(dims) if d in BASE_DIMENSIONS]
    sets = [base, *([i] for i in range(len(dims)) if i not in base)]
    first = collect_all(also) if also else []
    order = _collection_order(jobs, read_row_counts(first)[0] if first else None)
    parts: dict[int, _Part] = {}

    def batches(prepared: Frames) -> Iterator[list[nw.LazyFrame[Any]]]:
        yield []  # handed out once every job's query is built (and on polars under way)
        for k in order:
            job = jobs[k]
            with job.errors():
                part = _part(job, people, prepared, keep, ids, codes)
            yield [*(part.counted([keep[i] for i in ix]) for ix in sets),
                   *([part.counted(None)] if audit else [])]
            parts[k] = part.released()

    collected = collect_in_turn(
        batches(prepared), background=people.implementation is nw.Implementation.POLARS
    )
    # every query is built once the first batch is out: from then on (and once the caller
    # lets go of them too) the tables are referred to by the jobs' queries alone
    del prepared
    next(collected)
    got: dict[int, list[nw.DataFrame[Any]]] = {}
    coming = iter(order)

    def result(k: int) -> list[nw.DataFrame[Any]]:
        """Job ``k``'s collected batch (those collected before it kept until read)."""
        while k not in got:
            got[next(coming)] = next(collected)
        return got.pop(k)

    def outputs() -> Iterator[JobOutput]:
        for k, job in enumerate(jobs):
            with job.errors():
                batch = result(k)
                part = parts.pop(k)
                form = summary_form(job.indicator) if job.alone else None
                tables: dict[str, CellTable] = {}
                if form is None:  # the kind's own summary, a cell at a time
                    counts = Counts(dims)
                    for n, ix in enumerate(sets):
                        counts.add(part.columns(batch[n], codes), [dims[i] for i in ix],
                                   total=n == 0)
                else:  # the total from its tally; every cell as columns
                    counts = Counts(())
                    counts.add(part.columns(batch[0], codes)[:6], (), total=True)
                    for n, ix in enumerate(sets):
                        frame = batch[n].to_polars()
                        for i in ix:
                            tables[dims[i]] = cell_table(frame, keep[i], form, job.ctx)
                members = _members(part, batch[len(sets)], codes) if audit else None
            yield counts.output(members, tables)

    return JobStream(outputs(), collected), first


class JobStream:
    """The outputs of the jobs, one by one, while the collection behind them goes on;
    :meth:`close` stops it (a reader that stopped early, or failed, calls it)."""

    def __init__(self, outputs: Iterator[JobOutput], collected: Generator[Any, None, None],
                 ) -> None:
        self._outputs, self._collected = outputs, collected

    def __iter__(self) -> JobStream:
        return self

    def __next__(self) -> JobOutput:
        return next(self._outputs)

    def close(self) -> None:
        """Stop collecting: no batch is started any more, and no thread outlives this."""
        self._collected.close()


def _members(
    part: _Part, rows: nw.DataFrame[Any], codes: ReasonCodes
) -> dict[tuple[int, str | None], set[str]]:
    """The ids per state and reason of one job (for the audit)."""
    group: dict[tuple[int, str | None], set[str]] = {}
    for state, reason, pid in rows.iter_rows():
        why = codes.name(reason) if part.coded else reason
        group.setdefault((state, why), set()).add(str(pid))
    return group


_REASONS = 1 << 16
"""Reason codes are packed below this in one key with the state (``state * _REASONS``
plus the code plus one, zero for no reason)."""


class _Part:
    """One job's people, each with their state, reason and value (``frame``); whether the
    reasons are numbers from ``cases`` (``coded``) or a kind's own text; and whether the
    values are a distribution, counted value by value, or summed (else only people are
    counted)."""

    __slots__ = ("coded", "distribution", "frame", "sums")

    def __init__(self, frame: nw.LazyFrame[Any], *, coded: bool, aggregation: str) -> None:
        self.frame: nw.LazyFrame[Any] | None = frame
        self.coded = coded
        self.distribution = aggregation == "distribution"
        self.sums = aggregation == "sum"

    def released(self) -> _Part:
        """This part without its query (once the job's queries are made from it): the
        query refers to the tables, which are then let go of when the job is collected."""
        self.frame = None
        return self

    def counted(self, by: Sequence[str] | None) -> nw.LazyFrame[Any]:
        """People, and the sum and count of their values, per state, reason, (value,) and
        category of the columns ``by``. Numbered reasons are grouped by one integer that
        packs state and reason: grouping by one key instead of two is about twice as fast.
        With ``by=None``, each person's state, reason and id, uncounted (the audit)."""
        import narwhals as nw  # noqa: PLC0415

        frame = self.frame
        assert frame is not None, "counted after the part was released"
        if by is None:
            return frame.select("state", "reason", PID)
        value = nw.col("value")
        aggs = [nw.len().alias("_n")]
        if self.sums:
            aggs += [value.sum().alias("_sum"), value.count().alias("_count")]
            sums: tuple[Any, ...] = ("_sum", "_count")
        else:  # not collected (nor needed): one aggregation instead of three
            sums = (nw.lit(0.0).alias("_sum"), nw.lit(0).alias("_count"))
        dist = ("value",) if self.distribution else ()
        if not self.coded:
            return (
                frame.group_by("state", "reason", *dist, *by, drop_null_keys=False)
                .agg(*aggs)
                .select("state", "reason", *dist, "_n", *sums, *by)
            )
        reason = nw.col("reason").cast(nw.Int32())
        packed = (nw.col("state").cast(nw.Int32()) * _REASONS
                  + (reason + 1).fill_null(0)).alias("_sr")
        unpacked = (nw.col("_sr") // _REASONS).alias("state"), (
            nw.when(nw.col("_sr") % _REASONS > 0).then(nw.col("_sr") % _REASONS - 1)
        ).alias("reason")
        return (
            frame.group_by(packed, *dist, *by, drop_null_keys=False)
            .agg(*aggs)
            .select(*unpacked, *dist, "_n", *sums, *by)
        )

    def columns(self, counted: nw.DataFrame[Any], codes: ReasonCodes) -> list[list[Any]]:
        """The collected :meth:`counted` rows as columns for :meth:`Counts.add`."""
        columns = [c.to_list() for c in counted.iter_columns()]
        if self.coded:
            columns[1] = [codes.name(c) for c in columns[1]]
        if not self.distribution:
            columns.insert(2, [None] * len(columns[0]))
        return columns


def _part(
    job: Job,
    people: nw.LazyFrame[Any],
    prepared: Frames,
    keep: tuple[str, ...],
    ids: tuple[str, ...],
    codes: ReasonCodes,
) -> _Part:
    """One job's people: the cohort classified by the job's kind, everyone else left out
    with the engine's own reason."""
    import narwhals as nw  # noqa: PLC0415

    ctx, ind = job.ctx, job.indicator
    cohort = people
    end = exit_at_end(ctx)
    if end is not None:  # the end-of-project rule: not exited by the end, leaving then
        stays = term_expr(stays_past(end), {})
        cohort = cohort.with_columns(
            nw.when(stays).then(nw.lit(day(end))).otherwise(nw.col("exited")).alias("exited"),
            nw.when(stays).then(nw.lit(PROJECT_END)).otherwise(nw.col("exit_reason"))
            .alias("exit_reason"),
        )
    rules = job.cohort_rules()
    if reads_exit(rules.columns):  # a filter on the exit sees it as known at the horizon
        cohort = exit_known_by(cohort, ctx.horizon)
    left = tuple((term_expr(b.when, {}).fill_null(value=False), b.state, b.reason)
                 for b in rules.branches)
    in_cohort = nw.lit(value=True)
    for cond, _, _ in left:
        in_cohort = in_cohort & ~cond
    frames = Frames(cohort.filter(in_cohort), prepared.events, prepared.responses, keep, codes)
    if isinstance(ind, Declared):
        classified = classify_query(job.rules(), frames, ctx)
    else:
        classified = ind.classify_frame(frames, ctx)
    schema = classified.collect_schema()
    missing = [c for c in keep if c not in schema.names()]
    if missing:  # a plugin kind that does not pass the breakdown columns through
        classified = classified.join(people.select(PID, *missing), on=PID, how="left")
    coded = schema["reason"].is_integer()
    state, reason = Cases(left, rules.otherwise).exprs(codes if coded else None)
    left_out = cohort.filter(~in_cohort).select(
        *ids, *keep, state, reason, nw.lit(None, dtype=nw.Float64()).alias("value")
    )
    columns = [*ids, *keep, "state", "reason", "value"]
    part = nw.concat([classified.select(columns), left_out.select(columns)])
    return _Part(part, coded=coded, aggregation=ind.aggregation)


def _collection_order(jobs: Sequence[Job], rows: dict[str, int] | None) -> list[int]:
    """The order to collect the jobs in: those that read the fewest rows of the events and
    answers first (stably), so that when a job reads a table for the last time, the jobs
    still to come read the larger tables, and the smaller one is let go of before them (the
    command line's data are held by the queries alone). A plugin kind with a query of its
    own reads both; without the ``rows`` counted, the jobs' own order."""
    if rows is None:
        return list(range(len(jobs)))

    def read(job: Job) -> int:
        if not isinstance(job.indicator, Declared):
            return rows["events"] + rows["responses"]
        tables = {"responses" if isinstance(lk, FirstAnswer) else "events"
                  for lk in lookups(job.rules())
                  if not (isinstance(lk, Anchor) and lk.name in ("enrolled", "exited"))}
        return sum(rows[t] for t in tables)

    weights = []
    for job in jobs:
        with job.errors():
            weights.append(read(job))
    return sorted(range(len(jobs)), key=weights.__getitem__)


_ALWAYS_READ = (PID, TEXT_ID, "enrolled", *EXIT_COLUMNS)
"""The participant columns the engine itself reads for every goal (the cohort, the as-of
cut, the exit as known on a day, the end-of-project rule)."""


def _only_read(
    people: nw.LazyFrame[Any], jobs: Sequence[Job], keep: Sequence[str]
) -> nw.LazyFrame[Any]:
    """``people`` with only the columns some job reads: the engine's own, the breakdowns'
    (``keep``) and what the jobs' rules read (their cohort rules, their filters, their
    kinds' own). A derived column that nobody reads is then never computed: a suite broken
    down per project only pays for no age band. Where some job's kind classifies with a
    query of its own (a plugin kind not written in the vocabulary), which columns it reads
    is not known: every column is kept."""
    if not vocabulary_only(jobs):
        return people
    cols: set[str] = {*_ALWAYS_READ, *keep}
    for job in jobs:
        cols |= job.cohort_rules().columns
        cols |= job.rules().columns
    names = people.collect_schema().names()
    read = [n for n in names if n in cols]
    return people.select(*read) if len(read) < len(names) else people


def vocabulary_only(jobs: Sequence[Job]) -> bool:
    """Whether every job's kind is written in the vocabulary (its rules declared), so that
    the engine writes every query; else some kind classifies with a query of its own (a
    plugin's), whose reading of the tables the engine does not know."""
    return all(isinstance(job.indicator, Declared) for job in jobs)


def _shared(people: nw.LazyFrame[Any]) -> nw.LazyFrame[Any]:
    """The prepared people, which every job starts from. On polars they are computed once
    (ages, bands, day numbers, categorical keys) and held in memory: a collected query does
    not share them between its jobs by itself, and each job would compute them again."""
    import narwhals as nw  # noqa: PLC0415

    if people.implementation is not nw.Implementation.POLARS:
        return people
    held: nw.LazyFrame[Any] = nw.from_native(nw.to_native(people).collect().lazy())
    return held


def _group_keys(
    people: nw.LazyFrame[Any], dims: Sequence[str]
) -> tuple[nw.LazyFrame[Any], tuple[str, ...]]:
    """The columns to count by, one per breakdown column. An exit column is counted by a
    copy of it, on every back end: a goal's rules may change the exit (the end-of-project
    rule, the exit as known at the horizon), and a breakdown reads it as the data hold it.
    On polars a text column is counted by a categorical copy of it: the classified people
    then carry a small integer per column instead of text, and group by it. Its
    categories are the texts, so the labels do not change."""
    import narwhals as nw  # noqa: PLC0415

    if not dims:
        return people, ()
    text: set[str] = set()
    if people.implementation is nw.Implementation.POLARS:
        schema = people.collect_schema()
        text = {d for d in dims if schema[d] == nw.String}
    keys = tuple(f"_k{i}" if d in EXIT_COLUMNS or d in text else d for i, d in enumerate(dims))
    copies = [(nw.col(d).cast(nw.Categorical()) if d in text else nw.col(d)).alias(k)
              for d, k in zip(dims, keys, strict=True) if k != d]
    return (people.with_columns(*copies) if copies else people), keys


def collect_all(queries: Sequence[nw.LazyFrame[Any]]) -> list[nw.DataFrame[Any]]:
    """Collect several queries; on polars in one go, so that what they share (the scans,
    the classified people) is computed once."""
    import narwhals as nw  # noqa: PLC0415

    if queries and all(q.implementation is nw.Implementation.POLARS for q in queries):
        import polars as pl  # noqa: PLC0415

        done = pl.collect_all([nw.to_native(q) for q in queries])
        return [nw.from_native(d, eager_only=True) for d in done]
    return [q.collect() for q in queries]


def collect_in_turn(
    batches: Iterable[Sequence[nw.LazyFrame[Any]]], *, background: bool
) -> Generator[list[nw.DataFrame[Any]], None, None]:
    """Collect batches of queries one after the other (each with :func:`collect_all`),
    handing out each batch's results in order. Every batch is taken from ``batches``
    before the first results are handed out.

    In the ``background`` (for polars), one worker thread of this call's own collects each
    batch as soon as it is taken, running ahead of the caller: polars lets go of the
    interpreter while it computes, so the caller's Python work overlaps the computing.
    (Collecting the batches in turn is also faster than all at once, where they crowd each
    other on a few cores.) When the caller stops early, a batch not yet started never is,
    and the stream waits for the one under way: no thread outlives it. Otherwise each batch
    is collected when asked, in the calling thread.
    """
    if not background:
        for batch in list(batches):
            yield collect_all(batch)
        return
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="goalkit-collect")
    try:
        futures = [pool.submit(collect_all, batch) for batch in batches]
        for future in futures:
            yield future.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)  # no thread outlives the stream
