"""Hypothesis strategies for goal plugin authors: data that meets, misses or leaves pending
a goal, built so by construction.

::

    from hypothesis import given, strategies as st
    from goalkit.testing.strategies import datasets

    @given(st.data())
    def test_met(data):
        dataset = data.draw(datasets(project, "to-work", "met", as_of))
        report = goalkit.evaluate(project, dataset, as_of, goals=["to-work"])
        assert report.results[0].status == "met"
"""

from __future__ import annotations

from goalkit.testing._strategies import ImpossibleStatusError, datasets, people_counts

__all__ = ["ImpossibleStatusError", "datasets", "people_counts"]
