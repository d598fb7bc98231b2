"""Counting the polars queries a piece of goalkit collects (never timing it)."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

import polars as pl

if TYPE_CHECKING:
    from collections.abc import Callable

    import pytest


def queries(monkeypatch: pytest.MonkeyPatch, run: Callable[[], Any]) -> int:
    """How many polars queries ``run`` collects: through every entry point polars runs one
    (``LazyFrame.collect``, the ``_collect_eager`` every eager operation goes through, each
    frame of ``collect_all`` counted). polars renaming its private entry point fails here,
    rather than counting nothing."""
    count = 0

    def counted(fn: Callable[..., Any], weight: Callable[..., int]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            nonlocal count
            count += weight(*args, **kwargs)
            return fn(*args, **kwargs)
        return wrapper

    def frames(frames: Any, *_: Any, **__: Any) -> int:
        return len(frames)

    def one(*_: Any, **__: Any) -> int:
        return 1

    assert hasattr(pl.LazyFrame, "_collect_eager"), "polars runs eager operations elsewhere"
    monkeypatch.setattr(pl.LazyFrame, "collect", counted(pl.LazyFrame.collect, one))
    monkeypatch.setattr(pl.LazyFrame, "_collect_eager",
                        counted(pl.LazyFrame._collect_eager, one))
    monkeypatch.setattr(pl, "collect_all", counted(pl.collect_all, frames))
    try:
        run()
    finally:
        monkeypatch.undo()
    return count
