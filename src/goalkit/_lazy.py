"""Names a package loads on first use (PEP 562), so that importing it stays cheap."""

from __future__ import annotations

import importlib
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

__all__ = ["adopt", "lazy_names"]


def adopt(value: Any, module: str) -> Any:
    """``value`` (a class or function) shown as defined in ``module`` (its ``__module__``),
    as httpx does for its public face, so that tracebacks and reprs name the module a
    reader imports.

    A class's own annotations are resolved first, where it is defined: they are strings
    (``from __future__ import annotations``), and ``typing.get_type_hints`` (which attrs,
    cattrs and a subclass in a plugin call) reads them in the globals of the module that
    ``__module__`` names, which would no longer be the one that defines them.
    """
    if not isinstance(value, type | types.FunctionType):
        return value  # a constant: its type says where it comes from
    if isinstance(value, type):
        _resolve_annotations(value)
    value.__module__ = module
    return value


def _resolve_annotations(cls: type) -> None:
    own = vars(cls).get("__annotations__")
    if not own or all(not isinstance(a, str) for a in own.values()):
        return
    import typing  # noqa: PLC0415

    hints = typing.get_type_hints(cls, include_extras=True)
    cls.__annotations__ = {name: hints.get(name, a) for name, a in own.items()}
    if hasattr(cls, "__attrs_attrs__"):
        import attrs  # noqa: PLC0415

        attrs.resolve_types(cls, include_extras=True)


def lazy_names(
    namespace: dict[str, Any],
    names: Mapping[str, str],
    submodules: frozenset[str] = frozenset(),
    *,
    adopted: bool = False,
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of a package (its ``globals()``) whose ``names``
    (name to the module that defines it) and ``submodules`` load when first asked for.

    Use: ``__getattr__, __dir__ = lazy_names(globals(), {...})``.

    :param adopted: each name, once loaded, reads as defined in this package (:func:`adopt`).
    """
    package = namespace["__name__"]

    def getattr_(name: str) -> Any:
        module = names.get(name)
        if module is not None:
            value = getattr(importlib.import_module(module), name)
            if adopted:
                adopt(value, package)
            namespace[name] = value  # later lookups find it directly
            return value
        if name in submodules:
            return importlib.import_module(f"{package}.{name}")
        msg = f"module {package!r} has no attribute {name!r}"
        raise AttributeError(msg)

    def dir_() -> list[str]:
        return sorted({*namespace, *namespace.get("__all__", ())})

    return getattr_, dir_
