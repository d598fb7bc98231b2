"""One cattrs converter for every format goalkit reads and writes.

Goal files (TOML), reports (JSON) and anything a host builds from dicts go through the
converter :func:`converter_for` returns. Indicator kinds are a tagged union on ``kind``:
the built-in ones and whatever plugins register, so a plugin's kind loads and writes like
a built-in one. Unknown keys are errors (a typo must not silently drop a condition).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.fns import identity
from cattrs.gen import (
    make_dict_structure_fn,
    make_dict_unstructure_fn,
    make_mapping_structure_fn,
    override,
)

from goalkit._exceptions import GoalFileError, UnknownNameError
from goalkit.indicators import BUILTIN_KINDS
from goalkit.model._filter import Filter
from goalkit.model._goal import Target
from goalkit.model._indicator import FigureUnit, Indicator, figure_unit
from goalkit.model._result import Cell, Cells, DataIssue, DataSummary, GoalResult, Report
from goalkit.model._text import Text

__all__ = ["converter_for", "structure", "unstructure"]

T = TypeVar("T")

_TARGET_KEYS = ("at_least", "at_most", "between", "equal")


def _structure_date(value: Any, _: type) -> date:
    if isinstance(value, datetime):
        msg = f"expected a date (YYYY-MM-DD), got a date and time {value.isoformat()!r}"
        raise ValueError(msg)
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    msg = f"expected a date (YYYY-MM-DD), got {value!r}"
    raise ValueError(msg)


def _structure_text(value: Any, _: type) -> Text:
    if isinstance(value, str):
        return Text(default=value)
    if isinstance(value, Mapping):
        unknown = set(value) - {"default", "sv", "en"}
        if unknown:
            msg = f"text takes the keys sv, en and default, not {', '.join(sorted(unknown))}"
            raise ValueError(msg)
        for k, v in value.items():
            if not isinstance(v, str):
                msg = f"text {k!r} must be a string, got {v!r}"
                raise ValueError(msg)
        return Text(**value)
    msg = f"expected a string or a table {{sv = ..., en = ...}}, got {value!r}"
    raise ValueError(msg)


def _unstructure_text(text: Text) -> str | dict[str, str]:
    if text.sv is None and text.en is None and text.default is not None:
        return text.default
    return {k: v for k, v in (("default", text.default), ("sv", text.sv), ("en", text.en)) if v}


def _structure_filter(value: Any, _: type) -> Filter:
    if isinstance(value, Filter):
        return value
    if not isinstance(value, Mapping):
        msg = f"a filter is a table {{column = value, ...}}, got {value!r}"
        raise ValueError(msg)
    return Filter.from_mapping(value)


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        msg = f"expected a number, got {value!r}"
        raise ValueError(msg)
    return float(value) if isinstance(value, float) else value


def _structure_target(value: Any, _: type) -> Target:
    if isinstance(value, Target):
        return value
    if not isinstance(value, Mapping) or len(value) != 1 or next(iter(value)) not in _TARGET_KEYS:
        msg = (
            "a target is one of {at_least = x}, {at_most = x}, {between = [low, high]}, "
            f"{{equal = x}}; got {value!r}"
        )
        raise ValueError(msg)
    (op, v), = value.items()
    if op == "between":
        if not isinstance(v, list | tuple) or len(v) != 2:
            msg = f"between takes [low, high], got {v!r}"
            raise ValueError(msg)
        return Target("between", low=_number(v[0]), high=_number(v[1]))
    x = _number(v)
    if op == "at_least":
        return Target("at_least", low=x)
    if op == "at_most":
        return Target("at_most", high=x)
    return Target("equal", low=x, high=x)


def _structure_figure_unit(value: Any, _: Any) -> str:
    """A figure's ``unit``, checked where the goal file writes it (its path ends in
    ``.unit``): one of :data:`~goalkit.model._indicator.FIGURE_UNITS`."""
    if not isinstance(value, str):
        msg = f"expected a text, got {value!r}"
        raise TypeError(msg)
    figure_unit(value)  # raises naming the units allowed
    return value


def _unstructure_target(t: Target) -> dict[str, Any]:
    if t.op == "between":
        return {"between": [t.low, t.high]}
    if t.op == "at_most":
        return {"at_most": t.high}
    return {t.op: t.low}


def _tables(inner: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    """A table of names (``[labels.columns]``): refused with a message when not a table."""
    def structure_table(value: Any, type_: Any) -> Any:
        if not isinstance(value, Mapping):
            msg = f"expected a table {{name = ...}}, got {value!r}"
            raise ValueError(msg)  # reported as a path message
        return inner(value, type_)
    return structure_table


def _drop_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_none(v) for v in value]
    return value


def _renamed(cls: type[Indicator]) -> dict[str, str]:
    """The fields of kind ``cls`` that goal files write under another key, by name (the
    field's ``key`` metadata: a figure's ``measured_in`` is ``unit``, which names the
    kind's own unit in Python)."""
    fields = attrs.fields(cls) if attrs.has(cls) else ()
    return {f.name: f.metadata["key"] for f in fields if "key" in f.metadata}


def _keys(cls: type[Indicator]) -> dict[str, Any]:
    """:func:`_renamed` as cattrs' overrides."""
    return {name: override(rename=key) for name, key in _renamed(cls).items()}


def _build(kinds: tuple[type[Indicator], ...]) -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)
    registry = {k.kind: k for k in kinds}

    conv.register_structure_hook(date, _structure_date)
    conv.register_structure_hook(Text, _structure_text)
    conv.register_unstructure_hook(Text, _unstructure_text)
    conv.register_structure_hook(Filter, _structure_filter)
    conv.register_unstructure_hook(Filter, lambda f: f.to_mapping())
    conv.register_structure_hook(Target, _structure_target)
    conv.register_unstructure_hook(Target, _unstructure_target)
    conv.register_structure_hook_func(lambda t: bool(t == FigureUnit), _structure_figure_unit)

    for table in (Mapping[str, Text], Mapping[str, Mapping[str, Text]]):
        def is_table(t: Any, table: Any = table) -> bool:
            return bool(t == table)

        conv.register_structure_hook_func(
            is_table, _tables(make_mapping_structure_fn(table, conv)))

    def structure_indicator(value: Any, _: type) -> Indicator:
        if isinstance(value, Indicator):
            return value
        if not isinstance(value, Mapping) or "kind" not in value:
            msg = f"an indicator is a table with a 'kind' key, got {value!r}"
            raise ValueError(msg)
        kind = value["kind"]
        cls = registry.get(kind)
        if cls is None:
            raise UnknownNameError("indicator kind", str(kind), list(registry))
        rest = {k: v for k, v in value.items() if k != "kind"}
        return conv.structure(rest, cls)

    def unstructure_indicator(ind: Indicator) -> dict[str, Any]:
        body = conv.unstructure(ind, unstructure_as=type(ind))
        return {"kind": ind.kind, **body}

    conv.register_structure_hook(Indicator, structure_indicator)
    conv.register_unstructure_hook(Indicator, unstructure_indicator)
    for cls in kinds:
        keys = _keys(cls)  # a field a goal file names otherwise (``unit``)
        conv.register_structure_hook(cls, make_dict_structure_fn(cls, conv, **keys))
        conv.register_unstructure_hook(
            cls, make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True, **keys)
        )
    # An optional number is written as it is, without a hook called for it (a cell has
    # five, a register's report a hundred thousand)
    for optional in (float | None, int | None):
        def is_optional(t: Any, optional: Any = optional) -> bool:
            return bool(t == optional)

        conv.register_unstructure_hook_func(is_optional, identity)
    # Results keep every key (null and zero included): a report's JSON shape never varies.
    # Generated functions bind the hooks of their fields when they are made, so the parts
    # come first: a cell before the result that holds it, results before the report.
    cell = make_dict_unstructure_fn(Cell, conv, _cattrs_omit_if_default=False)
    conv.register_unstructure_hook(Cell, cell)

    def unstructure_breakdown(cells: Mapping[str, Cell]) -> dict[str, Any]:
        """A breakdown's cells: from their fields, without making them, where the
        evaluation has them as columns (:meth:`Cells.plain`: a register's report, 20,004
        cells at a million people, as plain data 60-90 -> 30 ms), else one cell at a
        time."""
        plain = cells.plain() if isinstance(cells, Cells) else None
        return plain if plain is not None else {k: cell(v) for k, v in cells.items()}

    conv.register_unstructure_hook_func(lambda t: t == Mapping[str, Cell],
                                        unstructure_breakdown)
    conv.register_unstructure_hook(
        GoalResult,
        make_dict_unstructure_fn(
            GoalResult, conv, _cattrs_omit_if_default=False, members=override(omit=True)
        ),
    )
    conv.register_structure_hook(
        GoalResult,
        make_dict_structure_fn(GoalResult, conv, members=override(omit=True)),
    )
    for result_cls in (DataIssue, DataSummary, Report):
        conv.register_unstructure_hook(
            result_cls, make_dict_unstructure_fn(result_cls, conv, _cattrs_omit_if_default=False)
        )
    return conv


@functools.lru_cache(maxsize=16)
def _cached(kinds: tuple[type[Indicator], ...]) -> cattrs.Converter:
    return _build(kinds)


def converter_for(kinds: Iterable[type[Indicator]] = BUILTIN_KINDS) -> cattrs.Converter:
    """The converter for a set of indicator kinds (built once per set, then shared; a
    converter is read-only after it is built, so threads may share it)."""
    kinds = tuple(kinds)
    names = [k.kind for k in kinds]
    if len(set(names)) != len(names):
        dup = sorted({n for n in names if names.count(n) > 1})
        msg = f"indicator kind(s) {', '.join(dup)} given twice"
        raise ValueError(msg)
    return _cached(kinds)


def _messages(exc: BaseException, root: str, kinds: Iterable[type[Indicator]] = ()) -> list[str]:
    if isinstance(exc, cattrs.BaseValidationError):
        renamed = {name: key for k in kinds for name, key in _renamed(k).items()}
        return [_as_written(m, renamed)
                for m in cattrs.transform_error(exc, path=root, format_exception=_format)]
    return [f"{root}: {_format(exc, None)}"]


def _as_written(message: str, renamed: Mapping[str, str]) -> str:
    """A message whose path names each field a goal file writes under another key
    (:func:`_renamed`: ``measured_in`` is ``unit``) by that key, as the author wrote it
    (cattrs names the attribute)."""
    text, at, path = message.rpartition(" @ ")
    if not at or not renamed:
        return message
    return text + at + re.sub(r"\.(\w+)", lambda m: "." + renamed.get(m[1], m[1]), path)


def _format(exc: BaseException, type_: Any) -> str:
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return f"unknown field(s) {', '.join(sorted(exc.extra_fields))}"
    if isinstance(exc, UnknownNameError):
        return str(exc)
    if isinstance(exc, ValueError | TypeError):
        text = str(exc)
        if type_ is not None and ("invalid literal" in text or "could not convert" in text):
            return f"expected {getattr(type_, '__name__', type_)}, {text}"
        return text
    return f"{type(exc).__name__}: {exc}"


def structure(
    data: Any,
    cls: type[T],
    *,
    kinds: Sequence[type[Indicator]] = BUILTIN_KINDS,
    source: str = "<dict>",
    root: str = "$",
) -> T:
    """Build ``cls`` from plain data, or raise :class:`GoalFileError` listing every problem
    with the path to its field."""
    try:
        return converter_for(kinds).structure(data, cls)
    except (cattrs.BaseValidationError, ValueError, TypeError, KeyError) as e:
        raise GoalFileError(
            f"not a valid {cls.__name__}", source=source, errors=_messages(e, root, kinds)
        ) from None
    except UnknownNameError as e:
        raise GoalFileError(str(e), source=source, errors=[f"{root}: {e}"]) from None


def unstructure(
    obj: Any, *, kinds: Sequence[type[Indicator]] = BUILTIN_KINDS, drop_none: bool = False
) -> Any:
    """Plain data (dicts, lists, scalars, dates) for ``obj``; with ``drop_none``, ``None``
    values are left out (TOML has no null)."""
    data = converter_for(kinds).unstructure(obj)
    return _drop_none(data) if drop_none else data
