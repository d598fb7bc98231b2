"""A registry a hook fills: names to items, each remembering the plugin that gave it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, TypeVar

from attrs import frozen

from goalkit._exceptions import DuplicateRegistrationError, UnknownNameError

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["Entry", "Registry"]

T = TypeVar("T")


@frozen
class Entry(Generic[T]):
    """One registered item and the plugin that registered it."""

    name: str
    item: T
    plugin: str


class Registry(Generic[T]):
    """Names to items for one hook. Built fresh per plugin manager; never global.

    While a plugin's hook runs, :attr:`plugin` is that plugin's name, so every item knows
    where it came from.

    :param what: what the registry holds, for messages (``"project"``, ``"format"``).
    """

    def __init__(self, what: str) -> None:
        self.what = what
        self.plugin = "<host>"
        self._entries: dict[str, Entry[T]] = {}

    def add(self, name: str, item: T) -> None:
        """Register ``item`` under ``name``.

        :raises DuplicateRegistrationError: naming both plugins, if the name is taken.
        """
        if not isinstance(name, str) or not name:
            msg = f"a {self.what} name must be a non-empty string, got {name!r}"
            raise TypeError(msg)
        old = self._entries.get(name)
        if old is not None:
            raise DuplicateRegistrationError(self.what, name, old.plugin, self.plugin)
        self._entries[name] = Entry(name, item, self.plugin)

    def get(self, name: str) -> T:
        """The item registered as ``name``.

        :raises UnknownNameError: listing the names there are.
        """
        entry = self._entries.get(name)
        if entry is None:
            raise UnknownNameError(self.what, name, list(self._entries))
        return entry.item

    def entry(self, name: str) -> Entry[T]:
        """The entry (item and plugin) registered as ``name``."""
        self.get(name)
        return self._entries[name]

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._entries))

    def __len__(self) -> int:
        return len(self._entries)

    def entries(self) -> list[Entry[T]]:
        """Every entry, sorted by name."""
        return [self._entries[n] for n in sorted(self._entries)]

    def by_plugin(self, plugin: str) -> list[str]:
        """The names a plugin registered."""
        return sorted(n for n, e in self._entries.items() if e.plugin == plugin)
