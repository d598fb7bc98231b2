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

    An attrs class has its annotations resolved first: they are read in the globals of
    the module that ``__module__`` names (``typing.get_type_hints``), which would no longer
    be the one that defines them.
    """
    if not isinstance(value, type | types.FunctionType):
        return value  # a constant: its type says where it comes from
    if isinstance(value, type) and hasattr(value, "__attrs_attrs__"):
        import attrs  # noqa: PLC0415

        attrs.resolve_types(value)
    value.__module__ = module
    return value


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
