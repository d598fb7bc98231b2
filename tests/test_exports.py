"""The public faces: ``goalkit`` for a host, ``goalkit.goals`` for goals written in code,
``goalkit.kinds`` for a kind's author.

As httpx's ``test_exported_members.py`` does, the public names are read from the module
itself (``vars``), not from a list kept here: a name that leaks into the namespace fails,
whatever ``__all__`` says.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import types
import typing
from pathlib import Path

import attrs

import goalkit
import goalkit.goals
import goalkit.kinds
import goalkit.plugins
import goalkit.testing
import goalkit.testing.strategies
from goalkit.goals import EventWithin, Filter

ROOT = Path(__file__).resolve().parents[1]
SUBPACKAGES = {"cli", "data", "engine", "goals", "indicators", "kinds", "model", "plugins",
               "reports", "specs", "testing", "typing"}
"""The documented subpackages: they appear in ``vars(goalkit)`` once imported."""


def _public(module: types.ModuleType) -> set[str]:
    """The public names a module holds now (submodules left out), ``__version__`` too."""
    return {
        name for name, value in vars(module).items()
        if (not name.startswith("_") or name == "__version__")
        and not isinstance(value, types.ModuleType)
    }


def test_all_is_what_goalkit_holds() -> None:
    """Once every name of ``__all__`` is loaded, ``vars(goalkit)`` holds exactly those public
    names: nothing leaks (``lazy_names``, ``TYPE_CHECKING``, ``annotations``, a helper)."""
    for name in goalkit.__all__:
        getattr(goalkit, name)
    assert sorted(goalkit.__all__) == sorted(_public(goalkit))
    assert len(goalkit.__all__) == len(set(goalkit.__all__))
    modules = {n for n, v in vars(goalkit).items() if isinstance(v, types.ModuleType)}
    # pytest's assertion rewriting adds "@py_builtins" (goalkit.testing is a pytest plugin)
    assert {m for m in modules if m.isidentifier() and not m.startswith("_")} <= SUBPACKAGES


def test_every_public_name_reads_as_goalkits() -> None:
    """Each public class and function says it is ``goalkit``'s (``__module__``), so a
    traceback or a repr names what a reader imports, never a private module."""
    for name in goalkit.__all__:
        value = getattr(goalkit, name)
        if isinstance(value, type | types.FunctionType):
            assert value.__module__ == "goalkit", name


def test_adopted_classes_still_load_and_write() -> None:
    """A class read as ``goalkit``'s still has its annotations resolved where it is defined:
    a goal file and a report round-trip after every public name was loaded."""
    for name in goalkit.__all__:
        getattr(goalkit, name)
    project = goalkit.load_goals(ROOT / "examples/quickstart/goals.toml")
    assert goalkit.loads_goals(goalkit.dumps_goals(project)) == project
    data = goalkit.Dataset.from_folder(ROOT / "examples/quickstart/data")
    report = goalkit.evaluate(project, data, as_of=project.reporting_dates[-1])
    assert goalkit.report_from_json(goalkit.report_to_json(report)) == report


def test_adopted_classes_keep_their_type_hints() -> None:
    """Every public class's annotations still resolve (``typing.get_type_hints``), and so
    do those of a plugin's subclass of a built-in kind: attrs and cattrs read them."""
    for name in goalkit.__all__:
        value = getattr(goalkit, name)
        if isinstance(value, type):
            typing.get_type_hints(value)

    @attrs.frozen
    class WithinAYear(EventWithin):
        kind: typing.ClassVar[str] = "within_a_year"
        note: str = ""

    assert typing.get_type_hints(WithinAYear)["where"] is Filter
    assert attrs.fields(attrs.resolve_types(WithinAYear)).note.type is str


def test_the_host_face_has_what_a_host_needs_and_no_executor_vocabulary() -> None:
    """``goalkit`` has load, evaluate (also over time), read data, render, the plugin host,
    results and errors; what only a kind's author needs is in ``goalkit.kinds`` instead."""
    host = {"load_goals", "loads_goals", "load_project", "evaluate", "evaluate_over_time",
            "read_data", "Dataset", "render", "report_to_json", "make_plugin_manager",
            "PluginHost", "Report", "GoalResult", "Status", "GoalkitError"}
    assert host <= set(goalkit.__all__)
    author = {"Person", "Frames", "Tally", "Summary", "GoalContext", "State", "Indicator",
              "PersonIndicator", "CompositeIndicator", "AggregateIndicator", "ReasonCodes",
              "Outcome"}
    assert author <= set(goalkit.kinds.__all__)
    assert not author & set(goalkit.__all__)
    assert not {"Cell", "Members"} & set(goalkit.__all__)


def test_goals_written_in_code_are_a_face_of_their_own() -> None:
    """The goal model and the built-in kinds are off the host's face and in
    ``goalkit.goals``, which holds exactly its ``__all__`` (read from ``vars``): every
    built-in kind, each name reading as ``goalkit.goals``'s (``Project`` as ``goalkit``'s,
    the same object as on the host's face), and its docstring names every one."""
    from goalkit.indicators import BUILTIN_KINDS  # noqa: PLC0415

    assert sorted(goalkit.goals.__all__) == sorted(_public(goalkit.goals))
    kinds = {k.__name__ for k in BUILTIN_KINDS}
    model = {"Goal", "Target", "Level", "Period", "ReportingDate", "ReportKind", "TargetGroup",
             "Budget", "BudgetLine", "Text", "Filter", "Condition"}
    assert kinds | model | {"Project"} == set(goalkit.goals.__all__)
    assert not (kinds | model) & set(goalkit.__all__)
    assert goalkit.goals.Project is goalkit.Project
    for name in goalkit.goals.__all__:
        module = getattr(goalkit.goals, name).__module__
        assert module == ("goalkit" if name == "Project" else "goalkit.goals"), name
    doc = goalkit.goals.__doc__ or ""
    assert not [n for n in goalkit.goals.__all__ if f":class:`{n}`" not in doc]


def test_the_goals_example_runs() -> None:
    """The example in ``goalkit.goals``'s docstring builds a project that round-trips through
    a goal file (run here, so that the docstring cannot go stale)."""
    doc = goalkit.goals.__doc__ or ""
    lines = doc.split("::\n\n", 1)[1].splitlines()
    end = next(i for i, line in enumerate(lines) if line and not line.startswith("    "))
    code = "\n".join(line.removeprefix("    ") for line in lines[:end])
    namespace: dict[str, object] = {}
    exec(compile(code, "goalkit.goals example", "exec"), namespace)
    assert isinstance(namespace["project"], goalkit.Project)


def test_kinds_is_a_documented_face_of_its_own() -> None:
    """``goalkit.kinds`` holds exactly its ``__all__`` (read from ``vars``), and its
    docstring names every one of them."""
    assert sorted(goalkit.kinds.__all__) == sorted(_public(goalkit.kinds))
    doc = goalkit.kinds.__doc__ or ""
    assert not [n for n in goalkit.kinds.__all__ if n not in doc]


def test_import_goalkit_is_lazy() -> None:
    """``import goalkit`` loads the errors and nothing heavy: no engine, data, model or
    data-frame library until a name is used (a fresh interpreter; no time is measured)."""
    code = ("import json, sys, goalkit; print(json.dumps(sorted(m for m in sys.modules if "
            "m.split('.')[0] in ('goalkit', 'polars', 'narwhals', 'attrs', 'cattrs', 'pluggy'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert json.loads(out) == ["goalkit", "goalkit._exceptions", "goalkit._lazy",
                               "goalkit._redact", "goalkit._version"]


PRIVATE = re.compile(r"\bgoalkit(?:\.\w+)*\._(?!_)\w+")
"""A dotted name through a private module (``goalkit._x``, ``goalkit.x._y``)."""


def test_docs_name_no_private_module() -> None:
    """The documentation and the README show only public modules: what they name is what a
    reader may import."""
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    found = [f"{p.relative_to(ROOT)}:{i}: {m.group()}"
             for p in pages for i, line in enumerate(p.read_text().splitlines(), start=1)
             for m in PRIVATE.finditer(line)]
    assert found == []


def test_the_private_module_check_can_fail() -> None:
    """The pattern of the docs check finds what it is for, and lets public names be."""
    assert PRIVATE.findall("from goalkit.reports._progress import x; goalkit._lazy") == [
        "goalkit.reports._progress", "goalkit._lazy"]
    assert PRIVATE.findall("goalkit.kinds.PersonIndicator, goalkit.__version__") == []


def test_plugin_and_testing_faces() -> None:
    """The plugin system and the kit for plugin authors export what their docs name."""
    assert set(goalkit.plugins.__all__) == {
        "ENTRY_POINT_GROUP", "Entry", "PluginExample", "PluginFailure", "PluginHost",
        "PluginInfo", "ProjectPlugin", "Registry", "hookimpl", "hookspec",
        "load_data", "load_project", "make_plugin_manager", "packaged_project",
    }
    assert set(goalkit.testing.__all__) == {
        "ExampleResult", "assert_plugin_valid", "check_goal_texts", "check_plugin",
        "executors_disagree", "plugin_host", "random_data", "run_examples",
    }
    assert set(goalkit.testing.strategies.__all__) == {
        "ImpossibleStatusError", "datasets", "people_counts", "random_data",
    }
    for module in (goalkit.plugins, goalkit.testing, goalkit.testing.strategies):
        assert all(hasattr(module, name) for name in module.__all__)
