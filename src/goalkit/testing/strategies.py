"""Hypothesis strategies for goal plugin authors: data that meets, misses or leaves pending
a goal, built so by construction (:func:`datasets`), and any data that exercises a
project's kinds, for properties that hold on all data (:func:`random_data`).

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

from goalkit.testing._executors import random_data
from goalkit.testing._strategies import ImpossibleStatusError, datasets, people_counts

__all__ = ["ImpossibleStatusError", "datasets", "people_counts", "random_data"]
