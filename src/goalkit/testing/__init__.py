"""A kit for goal plugin authors: fixtures, checks, and data built to meet or miss a goal.

* :func:`plugin_host`: a clean plugin host with just the plugins under test (the
  ``goalkit_plugins`` pytest fixture gives the same factory);
* :func:`check_plugin`: every problem with a plugin, one line each
  (``assert check_plugin(plugin) == []``), and :func:`assert_plugin_valid`;
* :func:`run_examples`: evaluate the examples plugins declare
  (``goalkit_register_examples``), in both engines (or on other data: another seed);
* :func:`check_goal_texts`: every goal without its wording, title or interpretation;
* :func:`executors_disagree`: the executor-equality property (plain Python ≡ polars ≡
  DuckDB, byte for byte) for a kind's author, with :func:`random_data` to run it on: any
  data, aimed by each kind's own declaration at every state and reason it can give
  (window edges, thresholds, column values that pass and fail, each sex);
* :mod:`goalkit.testing.strategies`: Hypothesis strategies that build participant data
  which meets, misses or leaves pending a given goal by construction.
* :mod:`goalkit.testing.synthetic`: building blocks for a plugin's seeded synthetic example
  data (the tables, as a data set and as a CSV folder the folder loader reads).

The fixtures load in every pytest run where goalkit is installed (entry point
``pytest11``); ``-p no:goalkit`` turns them off.
"""

from __future__ import annotations

from goalkit.testing._check import (
    ExampleResult,
    assert_plugin_valid,
    check_goal_texts,
    check_plugin,
    plugin_host,
    run_examples,
)
from goalkit.testing._executors import executors_disagree, random_data

__all__ = [
    "ExampleResult",
    "assert_plugin_valid",
    "check_goal_texts",
    "check_plugin",
    "executors_disagree",
    "plugin_host",
    "random_data",
    "run_examples",
]
