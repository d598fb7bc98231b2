"""The engine's index of a data set, held by the host (``goalkit.engine.prepare``), and
what it keeps of the goals alone: each is computed once, and the rules written out for
the plain-Python executor mean what the vocabulary says."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import goalkit
from goalkit.engine import _python, prepare
from goalkit.engine._rows import _Writer, compile_term, compile_test
from goalkit.indicators._vocabulary import choose, column, constant, is_in

if TYPE_CHECKING:
    import pytest


def _records() -> goalkit.Dataset:
    base = goalkit.Dataset.from_folder("examples/quickstart/data").with_records()
    return goalkit.Dataset.from_records(
        [dict(p) for p in base.participants],
        [{"participant_id": e[0], "date": e[1], "kind": e[2]} for e in base.events],
        [{"participant_id": r[0], "date": r[1], "phase": r[2], "question": r[3], "score": r[4]}
         for r in base.responses],
    )


def test_each_goal_is_compiled_once_a_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each goal's rules are compiled once for a date, whatever data set they classify: a
    second call at that date compiles nothing, on a kept data set or on a fresh one (as a
    page view builds its data on every call); a call at a new date compiles each goal
    again. The results are the same as when everything is compiled anew."""
    compiled: list[str] = []
    real = _python._classifier

    def counting(ind: object, ctx: object) -> object:
        compiled.append(type(ind).__name__)
        return real(ind, ctx)  # type: ignore[arg-type]

    monkeypatch.setattr(_python, "_classifier", counting)
    _python._compiled.cache_clear()  # type: ignore[attr-defined]
    project = goalkit.load_goals("examples/quickstart/goals.toml")
    data = _records()
    kept = prepare(data)
    first = goalkit.evaluate(project, kept, date(2015, 6, 1))
    jobs = len(compiled)
    assert jobs > 0
    goalkit.evaluate(project, kept, date(2015, 6, 1))
    assert len(compiled) == jobs
    goalkit.evaluate(project, kept, date(2015, 7, 1))
    assert len(compiled) == 2 * jobs
    again = goalkit.evaluate(project, data, date(2015, 6, 1))
    fresh = goalkit.evaluate(project, _records(), date(2015, 6, 1))
    assert len(compiled) == 2 * jobs
    assert again.results == first.results
    assert fresh.results == first.results


def test_what_cannot_be_a_key_is_computed_each_time() -> None:
    """A kept function keeps its result for arguments that can be keys, and computes it
    each time for those that cannot (a plugin's indicator holding a list)."""
    from goalkit.engine._kept import kept as keeping  # noqa: PLC0415

    calls: list[object] = []

    @keeping
    def double(x: object) -> object:
        calls.append(x)
        return [x, x]

    assert double((1, 2)) == [(1, 2), (1, 2)]
    assert double((1, 2)) == [(1, 2), (1, 2)]
    assert calls == [(1, 2)]
    assert double([3]) == [[3], [3]]
    assert double([3]) == [[3], [3]]
    assert calls == [(1, 2), [3], [3]]


def test_a_goals_definition_is_written_once_a_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """The words of what each goal counts are written once for a goal and a date, as its
    rules are compiled: a fresh data set at the same date writes none again."""
    from goalkit.engine import _define  # noqa: PLC0415

    written: list[str] = []
    real = _define._sentences

    def counting(*args: object, **kwargs: object) -> str:
        written.append("x")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(_define, "_sentences", counting)
    _define.definition.cache_clear()  # type: ignore[attr-defined]
    project = goalkit.load_goals("examples/quickstart/goals.toml")
    first = goalkit.evaluate(project, _records(), date(2015, 6, 1))
    once = len(written)
    assert once > 0
    again = goalkit.evaluate(project, _records(), date(2015, 6, 1))
    assert len(written) == once
    assert [r.definition for r in again.results] == [r.definition for r in first.results]
    goalkit.evaluate(project, _records(), date(2015, 7, 1))
    assert len(written) == 2 * once


def test_equal_constants_of_other_types_stay_apart() -> None:
    """``1``, ``1.0`` and ``True`` are equal in Python but not the same constant: written
    rules keep each as given, alone or in a tuple."""
    w = _Writer({})
    assert len({w.constant(1), w.constant(1.0), w.constant(True)}) == 3
    assert len({w.constant((1,)), w.constant((1.0,)), w.constant((True,))}) == 3
    assert w.constant(1) == w.constant(1)
    band = compile_term(choose((column("x").is_null(), False), otherwise=0))
    assert band({"x": None}) is False
    assert band({"x": 3}) == 0
    assert band({"x": 3}) is not False
    member = compile_term(is_in(column("x"), [True]))
    assert member({"x": 1}) is True  # membership is equality, as in the columnar reading
    assert compile_term(constant(1.0))({}) == 1.0
    assert type(compile_term(constant(1.0))({})) is float


def test_a_prepared_data_set_is_the_hosts() -> None:
    """Preparing gives the host an object of its own: preparing it again gives it back,
    and it says what it holds."""
    data = _records()
    kept = prepare(data)
    assert prepare(kept) is kept
    assert kept.data is data
    assert kept.dates_kept == ()
    goalkit.evaluate(goalkit.load_goals("examples/quickstart/goals.toml"), kept,
                     date(2015, 6, 1))
    assert kept.dates_kept == (date(2015, 6, 1),)
    assert "1 date(s) kept" in repr(kept)


def test_a_term_used_again_is_walked_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Finding which lookups a function keeps in a slot walks each term object once,
    however often the rules read it (its reads are added up, not walked again); a lookup
    read more than once is still kept, found once a person, and the function answers as
    the rules say."""
    from goalkit.indicators._inputs import Person  # noqa: PLC0415
    from goalkit.indicators._vocabulary import Term, anchor, first_answer  # noqa: PLC0415

    walked: list[int] = []
    real = Term.parts

    def counting(self: Term) -> tuple[Term, ...]:
        walked.append(id(self))
        return real(self)

    score = first_answer("exit", "satisfied", anchor("exited") - 30, anchor("exited") + 30)
    test = (score >= 4) | (score < 2) | score.is_null()
    monkeypatch.setattr(Term, "parts", counting)
    made = compile_test(test)
    assert walked.count(id(score)) == 1
    assert len(walked) == len(set(walked))
    monkeypatch.undo()
    assert made.__source__.count("found0 := first_answer(") == 3  # found by the first read
    exit_day = date(2016, 3, 1)

    def person(*answers: tuple[date, float]) -> Person:
        return Person("p", date(2016, 1, 1), exit_day, {}, {},
                      {("exit", "satisfied"): answers} if answers else {})

    assert made(person((date(2016, 3, 2), 5.0))) is True
    assert made(person((date(2016, 3, 2), 1.0))) is True
    assert made(person((date(2016, 3, 2), 3.0))) is False
    assert made(person()) is True
    assert made(person((date(2016, 6, 1), 3.0))) is True  # outside the window: none found
