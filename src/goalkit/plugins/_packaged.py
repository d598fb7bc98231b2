"""A project factory for the usual goal plugin: a goal file shipped inside its package."""

from __future__ import annotations

from importlib.resources import files
from typing import TYPE_CHECKING

from attrs import field, frozen

from goalkit._exceptions import GoalFileError
from goalkit.model._indicator import Indicator

if TYPE_CHECKING:
    from collections.abc import Iterable

    from goalkit.model._project import Project
    from goalkit.typing import ProjectFactory

__all__ = ["packaged_project"]


def _kinds(value: Iterable[type[Indicator]] | None) -> tuple[type[Indicator], ...] | None:
    return None if value is None else tuple(value)


@frozen
class PackagedProject:
    """Reads ``resource`` from ``package`` each time it is called (see
    :func:`packaged_project`)."""

    package: str
    resource: str = "goals.toml"
    kinds: tuple[type[Indicator], ...] | None = field(default=None, converter=_kinds)

    def __call__(self) -> Project:
        """The project the packaged goal file states.

        :raises GoalFileError: naming ``package/resource`` when the package or the file is
            not there, or the goal file is wrong.
        """
        from goalkit.specs import loads_goals  # noqa: PLC0415

        source = f"{self.package}/{self.resource}"
        try:
            text = files(self.package).joinpath(self.resource).read_text(encoding="utf-8")
        except ModuleNotFoundError:
            raise GoalFileError(f"no installed package {self.package!r}",
                                source=source) from None
        except FileNotFoundError:
            raise GoalFileError("no such file in the package", source=source) from None
        except (OSError, UnicodeDecodeError) as e:
            raise GoalFileError(f"cannot read: {e}", source=source) from None
        if self.kinds is None:
            return loads_goals(text, source=source)
        return loads_goals(text, kinds=self.kinds, source=source)


def packaged_project(
    package: str,
    resource: str = "goals.toml",
    *,
    kinds: Iterable[type[Indicator]] | None = None,
) -> ProjectFactory:
    """The project factory of a goal plugin whose goal file ships inside its package.

    ::

        @hookimpl
        def goalkit_register_projects(projects):
            projects.add("lunden", packaged_project("goalkit_lunden"))

    Nothing is read until the factory is called (so listing plugins stays fast); each call
    reads the file again (through :mod:`importlib.resources`, so a zipped install works).

    :param package: the importable package that holds the goal file.
    :param resource: the goal file's path inside the package.
    :param kinds: the indicator kinds the goal file may use (default: goalkit's built-in
        kinds); a plugin with kinds of its own passes them with the built-in ones.
    """
    return PackagedProject(package, resource, kinds)
