"""``goalkit.render`` and ``goalkit.evaluate_over_time``: the public way a script prints
reports in a registered format."""

from __future__ import annotations

import importlib
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

import goalkit
import goalkit.reports
from goalkit import evaluate_over_time, render
from goalkit.plugins import hookimpl, make_plugin_manager
from goalkit.reports._plugin import _DEFERRED

ROOT = Path(__file__).resolve().parents[1]
GOALS = ROOT / "examples/quickstart/goals.toml"
DATA = ROOT / "examples/quickstart/data"


@pytest.fixture(scope="module")
def quickstart() -> tuple[goalkit.Project, list[goalkit.Report]]:
    project = goalkit.load_goals(GOALS)
    data = goalkit.Dataset.from_folder(DATA)
    return project, evaluate_over_time(project, data, project.reporting_dates)


@pytest.mark.parametrize("fmt", ["table", "md", "html", "json", "xlsx"])
def test_render_is_the_registered_format(
    quickstart: tuple[goalkit.Project, list[goalkit.Report]], fmt: str
) -> None:
    """``render`` gives exactly what the format registered under the name renders; one
    report may be passed alone."""
    project, reports = quickstart
    host = make_plugin_manager(entry_points=False)
    want = host.format(fmt).render(reports[-1:], project=project, lang="en")
    got = render(reports[-1], fmt, project=project, lang="en", host=host)
    assert got == want
    assert isinstance(got, bytes) == (fmt == "xlsx")


def test_render_a_series_with_options(
    quickstart: tuple[goalkit.Project, list[goalkit.Report]]
) -> None:
    """A series renders as progress over time; options reach the format."""
    project, reports = quickstart
    host = make_plugin_manager(entry_points=False)
    got = render(reports, "table", project=project, lang="en", options={"width": 60},
                 host=host)
    want = host.format("table").render(reports, project=project, lang="en",
                                       options={"width": 60})
    assert got == want
    assert render(reports, project=project, lang="en", host=host) != got  # default width


def test_render_uses_a_plugin_format(
    quickstart: tuple[goalkit.Project, list[goalkit.Report]]
) -> None:
    """A format a plugin registers is found by its name; an unknown name lists them."""
    seen: list[Any] = []

    class Shout:
        description, suffix, binary = "shouting", ".txt", False

        def render(self, reports: Any, **kwargs: Any) -> str:
            seen.append((reports, kwargs))
            return "HELLO"

    plugin = SimpleNamespace(goalkit_register_formats=hookimpl(
        lambda formats: formats.add("shout", Shout())))
    host = make_plugin_manager(entry_points=False, plugins=[("shout", plugin)], strict=True)
    report = quickstart[1][0]
    assert render(report, "shout", host=host) == "HELLO"
    assert seen == [((report,), {"project": None, "lang": "sv", "options": None})]
    with pytest.raises(goalkit.UnknownNameError, match="shout"):
        render(report, "nope", host=host)


def test_evaluate_over_time_is_public() -> None:
    """The series helper the command line uses is the engine's, exported with ``render``;
    the reports only read the series (they never run the engine)."""
    assert {"evaluate_over_time", "render"} <= set(goalkit.__all__)
    assert "evaluate_over_time" not in goalkit.reports.__all__
    assert all(hasattr(goalkit.reports, n) for n in goalkit.reports.__all__)


def test_deferred_formats_describe_themselves_like_their_classes() -> None:
    """The registry's lightweight stand-ins say what the real format classes say."""
    for _name, module, cls, description, suffix, binary in _DEFERRED:
        real = getattr(importlib.import_module(f"goalkit.reports.{module}"), cls)
        assert (real.description, real.suffix, real.binary) == (description, suffix, binary)
