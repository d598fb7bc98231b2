"""A declarative filter over participant columns: data, never code.

A goal file says ``where = { sex = "F", age = { between = [16, 34] } }``; that becomes a
:class:`Filter` of :class:`Condition` s, all of which must hold. A condition on a missing
value (``None``) is false, except ``is_null``: as in SQL, and the same in every executor.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal, get_args

from attrs import field, frozen

if TYPE_CHECKING:
    import narwhals as nw

__all__ = ["KNOWN_COLUMNS", "Condition", "Filter", "Op", "Scalar", "kind_of"]

Scalar = str | int | float | bool | date
Op = Literal["eq", "ne", "in", "not_in", "ge", "gt", "le", "lt", "between", "is_null"]
OPS: tuple[str, ...] = get_args(Op)


def _check_value(inst: Condition, _: object, value: object) -> None:
    if inst.op in ("in", "not_in"):
        if not isinstance(value, tuple) or not value:
            msg = f"{inst.op!r} needs a non-empty list of values"
            raise ValueError(msg)
    elif inst.op == "between":
        if not (isinstance(value, tuple) and len(value) == 2):
            msg = "'between' needs two values [low, high]"
            raise ValueError(msg)
    elif inst.op == "is_null":
        if not isinstance(value, bool):
            msg = "'is_null' takes true or false"
            raise ValueError(msg)
    elif isinstance(value, tuple) or value is None:
        msg = f"{inst.op!r} needs one value"
        raise ValueError(msg)


KNOWN_COLUMNS: dict[str, str] = {
    "participant_id": "text", "sex": "text", "age_band": "text", "exit_reason": "text",
    "age": "number", "birth_year": "number",
    "enrolled": "date", "exited": "date", "birth_date": "date",
}
"""The kind of value each of goalkit's own participant columns holds: a filter on one of
them must compare with that kind (``age = "thirty"`` is refused when the goal is read)."""


def kind_of(value: object) -> str:
    """``number``, ``text``, ``date``, ``boolean`` or the type's name."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, date):
        return "date"
    return type(value).__name__


def _check_kinds(inst: Condition) -> None:
    if inst.op == "is_null":
        return
    values = inst.value if isinstance(inst.value, tuple) else (inst.value,)
    kinds = {kind_of(v) for v in values}
    expected = KNOWN_COLUMNS.get(inst.column)
    if expected is not None and kinds != {expected}:
        got = ", ".join(repr(v) for v in values)
        msg = f"column {inst.column!r} holds a {expected}; the filter compares it with {got}"
        raise ValueError(msg)
    if len(kinds) > 1 or not kinds <= {"number", "text", "date", "boolean"}:
        msg = (f"the values for column {inst.column!r} must all be of one kind (number, text, "
               f"date or true/false), got {', '.join(repr(v) for v in values)}")
        raise ValueError(msg)


def _to_tuple(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


@frozen
class Condition:
    """One test on one participant column.

    :param column: a participant column (``sex``, ``age``, ``age_band``, ``exit_reason``, or
        any extra column of the data).
    :param op: ``eq``, ``ne``, ``in``, ``not_in``, ``ge``, ``gt``, ``le``, ``lt``,
        ``between`` (inclusive) or ``is_null``.
    :param value: the value (a list for ``in``, ``not_in`` and ``between``; a boolean for
        ``is_null``).
    """

    column: str
    op: Op
    value: Any = field(converter=_to_tuple, validator=_check_value)

    def __attrs_post_init__(self) -> None:
        if self.op not in OPS:
            msg = f"unknown operator {self.op!r}; use one of {', '.join(OPS)}"
            raise ValueError(msg)
        _check_kinds(self)

    def matches(self, actual: object) -> bool:
        """Whether a participant's value passes this condition (plain-Python executor)."""
        op, v = self.op, self.value
        if op == "is_null":
            return (actual is None) is v
        if actual is None:
            return False
        try:
            if op == "eq":
                return bool(actual == v)
            if op == "ne":
                return bool(actual != v)
            if op == "in":
                return actual in v
            if op == "not_in":
                return actual not in v
            if op == "ge":
                return bool(actual >= v)
            if op == "gt":
                return bool(actual > v)
            if op == "le":
                return bool(actual <= v)
            if op == "lt":
                return bool(actual < v)
            return bool(v[0] <= actual <= v[1])  # between
        except TypeError:
            return False

    def expr(self) -> nw.Expr:
        """The same test as a narwhals expression (columnar executor); never null."""
        import narwhals as nw  # noqa: PLC0415 - keep `import goalkit` light

        c, op, v = nw.col(self.column), self.op, self.value
        if op == "is_null":
            return c.is_null() if v else ~c.is_null()
        e: nw.Expr
        if op == "eq":
            e = c == v
        elif op == "ne":
            e = c != v
        elif op == "in":
            e = c.is_in(list(v))
        elif op == "not_in":
            e = ~c.is_in(list(v))
        elif op == "ge":
            e = c >= v
        elif op == "gt":
            e = c > v
        elif op == "le":
            e = c <= v
        elif op == "lt":
            e = c < v
        else:
            e = (c >= v[0]) & (c <= v[1])
        return (e & ~c.is_null()).fill_null(value=False)


def _conditions(value: Iterable[Condition]) -> tuple[Condition, ...]:
    return tuple(value)


@frozen
class Filter:
    """All of its conditions must hold; an empty filter lets everybody through."""

    conditions: tuple[Condition, ...] = field(default=(), converter=_conditions)

    @classmethod
    def from_mapping(cls, where: Mapping[str, Any]) -> Filter:
        """Build from the goal-file form ``{column: value | {op: value, ...}}``."""
        conditions: list[Condition] = []
        for column, spec in where.items():
            if isinstance(spec, Mapping):
                if not spec:
                    msg = f"empty condition for column {column!r}"
                    raise ValueError(msg)
                conditions.extend(Condition(column, op, v) for op, v in spec.items())
            else:
                conditions.append(Condition(column, "eq", spec))
        return cls(tuple(conditions))

    def to_mapping(self) -> dict[str, Any]:
        """The goal-file form; ``Filter.from_mapping(f.to_mapping()) == f``."""
        out: dict[str, Any] = {}
        for c in self.conditions:
            value = list(c.value) if isinstance(c.value, tuple) else c.value
            if c.op == "eq" and c.column not in out:
                out[c.column] = value
                continue
            slot = out.setdefault(c.column, {})
            if not isinstance(slot, dict):  # an eq already sits there: spell it out
                slot = out[c.column] = {"eq": slot}
            slot[c.op] = value
        return out

    @cached_property
    def columns(self) -> frozenset[str]:
        """The columns this filter reads (worked out once: classifications ask for every
        person)."""
        return frozenset(c.column for c in self.conditions)

    def matches(self, row: Mapping[str, object]) -> bool:
        """Whether a participant (a mapping of column to value) passes every condition."""
        return all(c.matches(row.get(c.column)) for c in self.conditions)

    def expr(self) -> nw.Expr | None:
        """All conditions as one narwhals expression, or ``None`` for an empty filter."""
        if not self.conditions:
            return None
        out = self.conditions[0].expr()
        for c in self.conditions[1:]:
            out = out & c.expr()
        return out

    def __bool__(self) -> bool:
        return bool(self.conditions)
