"""A registry a hook fills: names to items, each remembering the plugin that gave it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, TypeVar

from attrs import frozen

from goalkit._exceptions import DuplicateRegistrationError, UnknownNameError

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence

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

    A name that two plugins registered is *contested*: looking it up is a
    :class:`~goalkit.DuplicateRegistrationError` naming both, until the user picks one
    as ``PLUGIN:NAME`` (``goalkit evaluate good:my-project``), which every lookup takes.

    :param what: what the registry holds, for messages (``"project"``, ``"format"``).
    """

    def __init__(self, what: str) -> None:
        self.what = what
        self.plugin = "<host>"
        self._entries: dict[str, Entry[T]] = {}
        self._contested: dict[str, tuple[Entry[T], ...]] = {}

    def add(self, name: str, item: T) -> None:
        """Register ``item`` under ``name``.

        :raises DuplicateRegistrationError: naming both plugins, if the name is taken.
        """
        self._check_name(name)
        old = self._entries.get(name)
        if old is not None:
            raise DuplicateRegistrationError(self.what, name, old.plugin, self.plugin)
        self._entries[name] = Entry(name, item, self.plugin)

    def _check_name(self, name: object) -> None:
        if not isinstance(name, str) or not name:
            msg = f"a {self.what} name must be a non-empty string, got {name!r}"
            raise TypeError(msg)

    def _contest(self, name: str, entries: Sequence[Entry[T]]) -> None:
        """Record ``name`` as registered by several plugins (the plugin manager does)."""
        self._entries.pop(name, None)
        self._contested[name] = tuple(entries)

    def get(self, name: str) -> T:
        """The item registered as ``name`` (or ``PLUGIN:NAME``: the one that plugin
        registered).

        :raises UnknownNameError: listing the names there are.
        :raises DuplicateRegistrationError: when several plugins registered ``name``.
        """
        return self.entry(name).item

    def entry(self, name: str) -> Entry[T]:
        """The entry (item and plugin) registered as ``name`` (or ``PLUGIN:NAME``)."""
        found = self._entries.get(name)
        if found is not None:
            return found
        claims = self._contested.get(name)
        if claims is not None:
            raise DuplicateRegistrationError(self.what, name, *(e.plugin for e in claims))
        plugin, sep, bare = name.rpartition(":")
        if sep:
            for e in (self._entries.get(bare), *self._contested.get(bare, ())):
                if e is not None and e.plugin == plugin:
                    return e
        raise UnknownNameError(self.what, name, [*self._entries, *self._contested])

    @property
    def contested(self) -> Mapping[str, tuple[str, ...]]:
        """Each name several plugins registered, with those plugins (in load order)."""
        return {n: tuple(e.plugin for e in c) for n, c in sorted(self._contested.items())}

    def claims(self, name: str) -> tuple[Entry[T], ...]:
        """Every entry registered as ``name``: one, several when contested, or none."""
        if name in self._entries:
            return (self._entries[name],)
        return self._contested.get(name, ())

    def __contains__(self, name: object) -> bool:
        return name in self._entries or name in self._contested

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._entries))

    def __len__(self) -> int:
        return len(self._entries)

    def entries(self) -> list[Entry[T]]:
        """Every entry with a name of its own (contested names left out), sorted by name."""
        return [self._entries[n] for n in sorted(self._entries)]

    def by_plugin(self, plugin: str) -> list[str]:
        """The names a plugin registered (contested ones included)."""
        names = {n for n, e in self._entries.items() if e.plugin == plugin}
        names |= {n for n, c in self._contested.items() if any(e.plugin == plugin for e in c)}
        return sorted(names)
