"""Checks a plugin author runs in their tests: is the plugin valid, do its examples hold."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from attrs import field, frozen

from goalkit._exceptions import GoalkitError
from goalkit.model._result import Status
from goalkit.plugins._manager import PluginHost, make_plugin_manager

if TYPE_CHECKING:
    from collections.abc import Sequence

    from goalkit.data._dataset import Dataset
    from goalkit.model._indicator import Indicator
    from goalkit.model._project import Project
    from goalkit.plugins._example import PluginExample

__all__ = [
    "ExampleResult",
    "assert_plugin_valid",
    "check_goal_texts",
    "check_plugin",
    "plugin_host",
    "run_examples",
]

EngineName = Literal["python", "columnar"]
ENGINES: tuple[EngineName, ...] = ("python", "columnar")


def plugin_host(*plugins: object, strict: bool = True) -> PluginHost:
    """A clean plugin host: goalkit's built-in plugins and ``plugins``, no entry points and
    no environment variables, strict by default (a plugin under test must load cleanly).

    Each plugin is a module or object with hook implementations, or a ``(name, plugin)``
    pair.
    """
    return make_plugin_manager(entry_points=False, strict=strict, environ={}, plugins=plugins)


@frozen
class ExampleResult:
    """One declared example, evaluated with one engine.

    :param actual: goal id to the status the evaluation gave (for the expected goals).
    :param error: why the example could not be evaluated, if it could not.
    """

    name: str
    plugin: str
    project: str
    engine: str
    expected: Mapping[str, Status]
    actual: Mapping[str, Status] = field(factory=dict)
    error: str | None = None

    @property
    def mismatches(self) -> list[str]:
        """One line per goal whose status is not the expected one (or the error)."""
        head = f"example {self.name!r} ({self.plugin}, {self.engine} engine)"
        if self.error is not None:
            return [f"{head}: {self.error}"]
        return [
            f"{head}: goal {goal!r} expected {want.value}, got "
            f"{self.actual[goal].value if goal in self.actual else 'no result'}"
            for goal, want in sorted(self.expected.items())
            if self.actual.get(goal) != want
        ]

    @property
    def ok(self) -> bool:
        """Whether every expected status was found."""
        return not self.mismatches


def _dataset(host: PluginHost, example: PluginExample) -> Dataset:
    data = example.data
    if isinstance(data, str | Path):
        return host.load_data(data)
    return data()


def run_examples(
    host: PluginHost,
    *,
    plugin: str | None = None,
    engines: Sequence[EngineName] = ENGINES,
    data: Dataset | None = None,
) -> list[ExampleResult]:
    """Evaluate every declared example (or those of one plugin) with each engine.

    The plain-Python and the columnar engine must both give the expected statuses: a
    plugin's indicator kind that classifies people differently in the two is caught here.

    :param data: evaluate every example on this data set instead of its own: for a plugin
        whose example data is generated, the same generator with another seed must give
        the same statuses when they are fixed by construction.
    """
    from goalkit.engine import evaluate  # noqa: PLC0415

    results: list[ExampleResult] = []
    for entry in host.examples.entries():
        if plugin is not None and entry.plugin != plugin:
            continue
        ex = entry.item
        base: dict[str, Any] = {
            "name": entry.name, "plugin": entry.plugin, "project": ex.project,
            "expected": ex.expected,
        }
        try:
            project = host.project(ex.project)
            dataset = data if data is not None else _dataset(host, ex)
        except GoalkitError as e:
            results.extend(ExampleResult(engine=eng, error=str(e), **base) for eng in engines)
            continue
        known = {g.id for g in project.goals}
        unknown = sorted(set(ex.expected) - known)
        for eng in engines:
            if unknown:
                results.append(ExampleResult(
                    engine=eng, error=f"names goal(s) {', '.join(unknown)}, which project "
                    f"{ex.project!r} does not have (it has {', '.join(sorted(known))})", **base,
                ))
                continue
            try:
                report = evaluate(project, dataset, ex.as_of, goals=sorted(ex.expected),
                                  engine=eng)
            except GoalkitError as e:
                results.append(ExampleResult(engine=eng, error=str(e), **base))
                continue
            actual = {r.goal_id: r.status for r in report.results}
            results.append(ExampleResult(engine=eng, actual=actual, **base))
    return results


def _default_instance(cls: type[Indicator]) -> Indicator | None:
    import attrs  # noqa: PLC0415

    fields = attrs.fields(cls)  # type: ignore[arg-type]
    if not all(a.default is not attrs.NOTHING for a in fields):
        return None
    try:
        return cls()
    except Exception:  # a kind may refuse its defaults; then it is not checked
        return None


def _kind_problems(host: PluginHost, name: str, cls: type[Indicator]) -> list[str]:
    from goalkit.indicators._vocabulary import Declared  # noqa: PLC0415
    from goalkit.model._indicator import (  # noqa: PLC0415
        AggregateIndicator,
        CompositeIndicator,
        PersonIndicator,
    )

    problems = []
    required: tuple[str, ...] = ()
    base: type
    if issubclass(cls, Declared):  # written in the vocabulary: the engine reads its rules
        required, base = ("rules", "summarize"), Declared
    elif issubclass(cls, PersonIndicator):
        required = ("classify", "classify_frame", "summarize")
        base = PersonIndicator
    elif issubclass(cls, CompositeIndicator):
        required, base = ("combine",), CompositeIndicator
    else:
        required, base = ("evaluate",), AggregateIndicator
    for method in required:
        if getattr(cls, method) is getattr(base, method):
            problems.append(f"indicator kind {name!r} does not implement {method}()")
    instance = _default_instance(cls)
    if instance is not None:
        problems.extend(_round_trip(host, _probe_project(instance), f"indicator kind {name!r}"))
    return problems


def _probe_project(indicator: Indicator) -> Project:
    from datetime import date  # noqa: PLC0415

    from goalkit.model._goal import Goal  # noqa: PLC0415
    from goalkit.model._project import Period, Project  # noqa: PLC0415
    from goalkit.model._text import Text  # noqa: PLC0415

    return Project(
        id="probe", name=Text(default="probe"),
        period=Period(date(2020, 1, 1), date(2020, 12, 31)),
        goals=[Goal(id="probe", level="sub_goal", indicator=indicator)],
    )


def _round_trip(host: PluginHost, project: Project, what: str) -> list[str]:
    try:
        text = host.dumps_goals(project)
        back = host.loads_goals(text, source=f"<{what}>")
    except Exception as e:  # reported as a problem, with its type
        return [f"{what} does not round-trip through the goal file format: "
                f"{type(e).__name__}: {e}"]
    if back != project:
        return [f"{what} reads back different from what was written:\n{text}"]
    return []


def check_goal_texts(project: Project, *, languages: Sequence[str] = ("sv", "en")) -> list[str]:
    """Every goal that lacks a text a reader needs, one line each; an empty list means
    every goal has the document's wording and a title and an interpretation in each of
    ``languages``.

    Use it as ``assert check_goal_texts(project) == []``.
    """
    problems = []
    for g in project.goals:
        missing = [] if g.wording else ["wording"]
        missing += [f"{what} ({lang})" for what, text in (("title", g.title),
                                                          ("interpretation", g.interpretation))
                    for lang in languages if not getattr(text, lang, None)]
        if missing:
            problems.append(f"goal {g.id!r} has no {', '.join(missing)}")
    return problems


def check_plugin(plugin: object, *, name: str | None = None) -> list[str]:
    """Everything wrong with a plugin, one line each; an empty list means it is valid.

    The plugin is loaded into a clean host (goalkit's built-ins and nothing else). Checked:
    it loads (no misspelled hook, no hook that raises, nothing of the wrong type, no name
    another plugin has); it registers something; each project factory builds a project
    with the id it was registered under, which round-trips through the goal file format;
    each indicator kind implements its methods (``rules`` and ``summarize`` for a kind
    written in the vocabulary; ``classify``, ``classify_frame`` and ``summarize`` for one
    with code of its own) and, when it can be built from its defaults, round-trips; each
    declared example names a registered project and goals it has, and gives the expected
    statuses in both engines. That a kind means the same in every executor on any data is
    a property: test it with :func:`executors_disagree` and :func:`random_data`.

    Use it as ``assert check_plugin(my_plugin) == []``: pytest then shows every problem.
    """
    from goalkit._exceptions import PluginError  # noqa: PLC0415

    label = name or getattr(plugin, "__name__", None) or type(plugin).__name__
    given: object = (label, plugin)
    try:
        host = plugin_host(given, strict=True)
    except PluginError as e:
        return [str(e)]
    registered = host.registrations(label)
    if not registered:
        return [f"plugin {label}: registers nothing (no goalkit_register_* hook added anything)"]
    problems: list[str] = []
    for pid in registered.get("projects", ()):
        try:
            project = host.project(pid)
        except GoalkitError as e:
            problems.append(str(e))
            continue
        if project.id != pid:
            problems.append(f"project {pid!r} is registered under a name other than its id "
                            f"{project.id!r}")
        problems.extend(_round_trip(host, project, f"project {pid!r}"))
    for kind in registered.get("kinds", ()):
        problems.extend(_kind_problems(host, kind, host.kinds.get(kind)))
    for result in run_examples(host, plugin=label):
        problems.extend(result.mismatches)
    return problems


def assert_plugin_valid(plugin: object, *, name: str | None = None) -> None:
    """Raise :class:`AssertionError` listing every problem :func:`check_plugin` finds."""
    problems = check_plugin(plugin, name=name)
    if problems:
        raise AssertionError(
            f"{len(problems)} problem(s) with the plugin:\n"
            + "\n".join(f"  - {p}" for p in problems)
        )

