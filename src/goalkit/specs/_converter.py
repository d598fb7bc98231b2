"""One cattrs converter for every format goalkit reads and writes.

Goal files (TOML), reports (JSON) and anything a host builds from dicts go through the
converter :func:`converter_for` returns. Indicator kinds are a tagged union on ``kind``:
the built-in ones and whatever plugins register, so a plugin's kind loads and writes like
a built-in one. Unknown keys are errors (a typo must not silently drop a condition).
"""

from __future__ import annotations

import enum
import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any, Literal, TypeVar, get_args, get_origin

import attrs
import cattrs
from cattrs.cols import (
    homogenous_tuple_structure_factory,
    is_mapping,
    is_sequence,
    list_structure_factory,
    mapping_structure_factory,
)
from cattrs.fns import identity
from cattrs.gen import (
    make_dict_structure_fn,
    make_dict_unstructure_fn,
    make_mapping_structure_fn,
    override,
)

from goalkit._exceptions import GoalFileError, GoalkitError, UnknownNameError
from goalkit.indicators import BUILTIN_KINDS
from goalkit.model._filter import Filter
from goalkit.model._goal import Goal, Target
from goalkit.model._indicator import FigureUnit, Indicator, figure_unit
from goalkit.model._result import Cell, Cells, DataIssue, DataSummary, GoalResult, Report
from goalkit.model._suggest import FieldError, did_you_mean
from goalkit.model._text import Text

__all__ = ["converter_for", "structure", "unstructure"]

T = TypeVar("T")

_TARGET_KEYS = ("at_least", "at_most", "between", "equal")

# A message part that names a key below the path cattrs gives (``_format`` writes it,
# ``_messages`` moves it into the path), and the separator of several such parts.
_KEY, _NEXT = "\x00", "\x01"


def _at(message: str, key: str) -> str:
    return f"{message}{_KEY}{key}"


def _key(name: object) -> str:
    """A key below a table as a path writes it: ``.name``, or ``['a b']``."""
    text = str(name)
    return f".{text}" if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", text) else f"[{text!r}]"


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


def _structure_toml_date(value: Any, type_: type) -> date:
    """A goal file's date: a TOML date (``2015-06-30``, not the text ``"2015-06-30"``)."""
    if isinstance(value, str):
        msg = (f"expected a date written as a TOML date (2015-06-30, without quotes), "
               f"got the text {value!r}")
        raise ValueError(msg)
    return _structure_date(value, type_)


def _control(text: str) -> str | None:
    """The first control character in ``text`` other than tab and line breaks, as
    ``U+001B``; ``None`` when there is none."""
    for c in text:
        if c not in "\t\n\r" and unicodedata.category(c) == "Cc":
            return f"U+{ord(c):04X}"
    return None


def _plain_text(value: str) -> str:
    """A goal file's text: no control character (an escape sequence would be sent to the
    terminal of whoever prints the project's names)."""
    bad = _control(value)
    if bad is not None:
        msg = (f"text may not hold control characters (other than tab and line breaks), "
               f"got {bad} in {value!r}")
        raise ValueError(msg)
    return value


def _shown(value: Any) -> str:
    """A value as a goal file writes it: ``true``, not ``True``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


def _choices(type_: Any) -> tuple[str, ...]:
    if isinstance(type_, type) and issubclass(type_, enum.Enum):
        return tuple(str(m.value) for m in type_)
    return tuple(str(a) for a in get_args(type_))


def _one_of(value: Any, type_: Any) -> str:
    """``expected one of 'a', 'b', got 'c'; did you mean 'b'?``"""
    choices = _choices(type_)
    hint = did_you_mean(value, choices) if isinstance(value, str) else ""
    return f"expected one of {', '.join(map(repr, choices))}, got {_shown(value)}{hint}"


def _strict(*, text: Callable[[str], str]) -> Callable[[Any, Any], Any]:
    """The hook of every plain value (``str``, ``int``, ``float``, ``bool`` and the enums
    made from them): a value of the type the field holds, never one converted with
    ``int()``, ``str()`` or ``bool()`` (``"false"`` is not false, ``5.7`` not 5)."""
    def structure_plain(value: Any, type_: Any) -> Any:
        if isinstance(type_, type) and issubclass(type_, enum.Enum):
            if isinstance(value, type_):
                return value
            if isinstance(value, str) and value in _choices(type_):
                return type_(value)
            raise ValueError(_one_of(value, type_))
        if type_ is bool:
            if isinstance(value, bool):
                return value
            msg = f"expected true or false, got {_shown(value)}"
        elif type_ is int:
            if isinstance(value, int) and not isinstance(value, bool):
                return value
            msg = f"expected a whole number, got {_shown(value)}"
        elif type_ is float:
            if isinstance(value, int | float) and not isinstance(value, bool):
                return float(value)
            msg = f"expected a number, got {_shown(value)}"
        else:  # str
            if isinstance(value, str):
                return text(value)
            msg = f"expected a text, got {_shown(value)}"
        raise TypeError(msg)
    return structure_plain


def _structure_literal(value: Any, type_: Any) -> Any:
    choices = get_args(type_)
    if any(value == c and type(value) is type(c) for c in choices):
        return value
    raise ValueError(_one_of(value, type_))


def _is_tuple(type_: Any) -> bool:
    """``tuple[int, int]`` and ``tuple[str, ...]``."""
    origin: Any = get_origin(type_)
    return origin is tuple and bool(get_args(type_))


def _is_literal(type_: Any) -> bool:
    return get_origin(type_) is Literal


def _list_of(type_: Any, conv: Any) -> Callable[[Any, Any], Any]:
    """A list (``tuple[str, ...]``, ``tuple[int, int]``): refused with a message when not a
    list (a text is not a list of its letters, a table not a list of its keys)."""
    args = get_args(type_)
    if get_origin(type_) is tuple and not (len(args) == 2 and args[1] is Ellipsis):
        inner: Callable[[Any, Any], Any] = conv._structure_tuple  # a pair: tuple[int, int]
        size: int | None = len(args)
    elif get_origin(type_) is tuple:
        inner, size = homogenous_tuple_structure_factory(type_, conv), None
    else:
        inner, size = list_structure_factory(type_, conv), None

    def structure_list(value: Any, t: Any) -> Any:
        if not isinstance(value, list | tuple):
            msg = f"expected a list [...], got {_kind(value)}{value!r}"
            raise TypeError(msg)
        if size is not None and len(value) != size:
            msg = f"expected a list of {size} values, got {value!r}"
            raise ValueError(msg)
        return inner(value, t)
    return structure_list


def _kind(value: Any) -> str:
    if isinstance(value, str):
        return "the text "
    if isinstance(value, Mapping):
        return "a table "
    return ""


def _table_of(type_: Any, conv: Any) -> Callable[[Any, Any], Any]:
    """A table (``Mapping[str, float]``, an attrs class): refused with a message when not
    a table."""
    inner = (make_dict_structure_fn(type_, conv) if attrs.has(type_)
             else mapping_structure_factory(type_, conv))

    def structure_table(value: Any, t: Any) -> Any:
        if not isinstance(value, Mapping):
            msg = f"expected a table {{key = value, ...}}, got {_kind(value)}{value!r}"
            raise TypeError(msg)
        return inner(value, t)
    return structure_table


def _text_checked(text: Callable[[str], str]) -> Callable[[Any, type], Text]:
    def structure_text(value: Any, type_: type) -> Text:
        found = _structure_text(value, type_)
        for part in (found.default, found.sv, found.en):
            if part is not None:
                text(part)
        return found
    return structure_text


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
    forms = ("a target is one of {at_least = x}, {at_most = x}, {between = [low, high]}, "
             "{equal = x}")
    if isinstance(value, Mapping) and len(value) == 1 and next(iter(value)) not in _TARGET_KEYS:
        op = str(next(iter(value)))
        hint = did_you_mean(op, _TARGET_KEYS)
        raise FieldError(f"unknown target {op!r}{hint} ({forms})", key=_key(op))
    if not isinstance(value, Mapping) or len(value) != 1:
        msg = f"{forms}; got {value!r}"
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
        msg = f"expected a text, got {_shown(value)}"
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


def _renamed(cls: type) -> dict[str, str]:
    """The fields of kind ``cls`` that goal files write under another key, by name (the
    field's ``key`` metadata: a figure's ``measured_in`` is ``unit``, which names the
    kind's own unit in Python)."""
    fields = attrs.fields(cls) if attrs.has(cls) else ()
    return {f.name: f.metadata["key"] for f in fields if "key" in f.metadata}


def _keys(cls: type[Indicator]) -> dict[str, Any]:
    """:func:`_renamed` as cattrs' overrides."""
    return {name: override(rename=key) for name, key in _renamed(cls).items()}


def _build(kinds: tuple[type[Indicator], ...], *, goal_file: bool) -> cattrs.Converter:
    """The converter; ``goal_file``: one for goal files, whose dates are TOML dates and
    whose texts hold no control character (reports' JSON writes dates as text)."""
    conv = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)
    registry = {k.kind: k for k in kinds}
    text = _plain_text if goal_file else str

    # Values of the type each field holds, never converted (first: the hooks of particular
    # tables below are registered after, and win).
    plain = _strict(text=text)
    for scalar in (str, int, float, bool):
        conv.register_structure_hook(scalar, plain)
    conv.register_structure_hook_func(_is_literal, _structure_literal)
    conv.register_structure_hook_factory(is_sequence, _list_of)
    conv.register_structure_hook_factory(_is_tuple, _list_of)
    conv.register_structure_hook_factory(is_mapping, _table_of)
    conv.register_structure_hook_factory(attrs.has, _table_of)

    conv.register_structure_hook(date, _structure_toml_date if goal_file else _structure_date)
    conv.register_structure_hook(Text, _text_checked(text))
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
        cls = registry.get(kind) if isinstance(kind, str) else None
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
def _cached(kinds: tuple[type[Indicator], ...], goal_file: bool = False) -> cattrs.Converter:
    return _build(kinds, goal_file=goal_file)


def converter_for(
    kinds: Iterable[type[Indicator]] = BUILTIN_KINDS, *, goal_file: bool = False
) -> cattrs.Converter:
    """The converter for a set of indicator kinds (built once per set, then shared; a
    converter is read-only after it is built, so threads may share it).

    Every value is of the type its field holds (no ``"false"`` for false, no ``5.7`` for
    5, no text for a list). ``goal_file``: the converter of goal files, which also takes
    dates only as TOML dates and refuses control characters in texts; the other one
    takes dates as ``YYYY-MM-DD`` text too (a report's JSON).
    """
    kinds = tuple(kinds)
    names = [k.kind for k in kinds]
    if len(set(names)) != len(names):
        dup = sorted({n for n in names if names.count(n) > 1})
        msg = f"indicator kind(s) {', '.join(dup)} given twice"
        raise ValueError(msg)
    return _cached(kinds, goal_file)


def _messages(exc: BaseException, root: str, kinds: Iterable[type[Indicator]] = ()) -> list[str]:
    kinds = tuple(kinds)
    fmt = functools.partial(_format, kinds=kinds)
    if isinstance(exc, cattrs.BaseValidationError):
        renamed = {name: key for k in kinds for name, key in _renamed(k).items()}
        return [_as_written(placed, renamed)
                for m in cattrs.transform_error(exc, path=root, format_exception=fmt)
                for placed in _placed(m)]
    out = []
    for part in fmt(exc, None).split(_NEXT):
        words, _, key = part.partition(_KEY)
        out.append(f"{root}{key}: {words}")
    return out


def _placed(message: str) -> list[str]:
    """A message of cattrs (``text @ path``) with each key :func:`_format` named in its
    text moved into its path: one message a key."""
    text, at, path = message.rpartition(" @ ")
    if not at:
        return [message]
    out = []
    for part in text.split(_NEXT):
        words, _, key = part.partition(_KEY)
        out.append(f"{words} @ {path}{key}")
    return out


def _as_written(message: str, renamed: Mapping[str, str]) -> str:
    """A message whose path names each field a goal file writes under another key
    (:func:`_renamed`: ``measured_in`` is ``unit``) by that key, as the author wrote it
    (cattrs names the attribute)."""
    text, at, path = message.rpartition(" @ ")
    if not at or not renamed:
        return message
    return text + at + re.sub(r"\.(\w+)", lambda m: "." + renamed.get(m[1], m[1]), path)


def _field_keys(cls: Any) -> list[str]:
    """The keys a goal file may write in a table of ``cls``."""
    if not attrs.has(cls):
        return []
    renamed = _renamed(cls)
    keys = [renamed.get(f.name, f.name) for f in attrs.fields(cls) if f.init]
    return [*keys, "kind"] if isinstance(cls, type) and issubclass(cls, Indicator) else keys


def _unknown_key(name: str, cls: Any, kinds: tuple[type[Indicator], ...]) -> str:
    """``unknown field 'were'; did you mean 'where'?``: the closest key of the table, or
    of its goal's indicator for a key written in the goal that belongs in it."""
    hint = did_you_mean(name, _field_keys(cls))
    if not hint and cls is Goal:
        inner = {key for k in kinds for key in _field_keys(k)} - {"kind"}
        close = did_you_mean(name, inner)
        if close:
            hint = close[:-1] + " in the indicator table (indicator = { kind = ..., ... })?"
    return _at(f"unknown field(s) {name}{hint}", _key(name))


def _format(exc: BaseException, type_: Any, kinds: tuple[type[Indicator], ...] = ()) -> str:
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return _NEXT.join(_unknown_key(name, exc.cl, kinds)
                          for name in sorted(exc.extra_fields))
    if isinstance(exc, FieldError):
        return _at(str(exc), exc.key)
    if isinstance(exc, UnknownNameError):
        return _at(f"{exc}{did_you_mean(exc.name, exc.known)}", ".kind")
    if isinstance(exc, ValueError | TypeError):
        return str(exc)
    return "not a value goalkit can read here"


_REFUSALS = (ValueError, TypeError, KeyError, GoalkitError, cattrs.errors.CattrsError)
"""What building an object raises to refuse a value (an attrs validator, a ``FieldError``,
a key missing): the goal file's fault, reported with the path to its field. Anything else
an indicator kind raises while it is built is a bug in the kind (:func:`_kind_failure`)."""


def _kind_failure(exc: BaseException) -> BaseException | None:
    """The first exception in ``exc`` (cattrs' tree of errors) that an indicator kind's
    own construction raised (``__init__``, ``__attrs_post_init__``) and that is no refusal
    (:data:`_REFUSALS`): a ``RuntimeError``, an ``AttributeError``. ``None`` when there is
    none."""
    if isinstance(exc, cattrs.ClassValidationError):
        with_notes, built = exc.group_exceptions()
        inner = [e for e, _ in with_notes]
        if isinstance(exc.cl, type) and issubclass(exc.cl, Indicator):
            for e in built:  # no note: raised by the class itself, not by a field's hook
                if not isinstance(e, _REFUSALS):
                    return e
        inner += [e for e in built if isinstance(e, cattrs.BaseValidationError)]
    elif isinstance(exc, cattrs.BaseValidationError):
        inner = list(exc.exceptions)
    else:
        return None
    for e in inner:
        found = _kind_failure(e)
        if found is not None:
            return found
    return None


def structure(
    data: Any,
    cls: type[T],
    *,
    kinds: Sequence[type[Indicator]] = BUILTIN_KINDS,
    source: str = "<dict>",
    root: str = "$",
    goal_file: bool = False,
) -> T:
    """Build ``cls`` from plain data, or raise :class:`GoalFileError` listing every problem
    with the path to its field (``goal_file``: as a goal file's, see
    :func:`converter_for`).

    An indicator kind that raises anything but a refusal of a value (:data:`_REFUSALS`)
    while it is built has a bug, not the goal file: what it raised is raised as it is,
    with its traceback, so that a plugin host names the plugin whose kind it is.
    """
    try:
        return converter_for(kinds, goal_file=goal_file).structure(data, cls)
    except (cattrs.BaseValidationError, ValueError, TypeError, KeyError) as e:
        bug = _kind_failure(e)
        if bug is not None:
            raise bug  # noqa: B904  # the kind's own error, its traceback kept
        raise GoalFileError(
            f"not a valid {cls.__name__}", source=source, errors=_messages(e, root, kinds)
        ) from None
    except UnknownNameError as e:
        errors = _messages(e, root, kinds)
        raise GoalFileError(str(e), source=source, errors=errors) from None


def unstructure(
    obj: Any, *, kinds: Sequence[type[Indicator]] = BUILTIN_KINDS, drop_none: bool = False
) -> Any:
    """Plain data (dicts, lists, scalars, dates) for ``obj``; with ``drop_none``, ``None``
    values are left out (TOML has no null)."""
    data = converter_for(kinds).unstructure(obj)
    return _drop_none(data) if drop_none else data
