"""What the engine derives from goals alone, kept between calls.

A goal's rules compiled for its dates, or the words of its definition, depend on no data:
a host that builds its data set on every call (a page view) asks for the same goals on the
same day again and again, and each call wrote them again (about 1.5 ms of the benchmark's
300-person call of 7–10 ms on the development machine). :func:`kept` keeps them, as
:mod:`re` keeps a compiled pattern: for a pure function of immutable values, bounded,
thread-safe; nothing a call sees depends on what was kept. Arguments are kept by value,
as Python compares them: two goals equal but for a number written 30 or 30.0 share what
was kept for the first, and get the same results (rules compare numbers and make every
value a float; a definition names no target).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, ParamSpec, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["kept"]

P = ParamSpec("P")
R = TypeVar("R")

SIZE = 256
"""How many results each kept function keeps (the most recently asked for)."""


def kept(f: Callable[P, R]) -> Callable[P, R]:
    """``f``, a pure function of immutable values, with its results kept for the last
    :data:`SIZE` arguments asked for (:func:`functools.lru_cache`); arguments that cannot
    be keys (a plugin's indicator holding a list) are computed each time."""
    cached = functools.lru_cache(maxsize=SIZE)(f)

    @functools.wraps(f)
    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return cached(*args, **kwargs)  # type: ignore[arg-type]  # refused if unhashable
        except TypeError:
            try:
                hash((args, *kwargs.values()))
            except TypeError:  # unhashable: nothing to keep it by
                return f(*args, **kwargs)
            raise  # f's own

    call.cache_clear = cached.cache_clear  # type: ignore[attr-defined]  # for tests
    return call
