"""Reading data: :func:`read_data` picks a loader for a source and validates what it read;
:func:`load_frames` validates frames a host holds; :func:`builtin_loaders` is the registry
of goalkit's own loaders.

This module sits above the loaders (:mod:`goalkit.data._loaders`) and their registration
(:mod:`goalkit.data._plugin`), so neither imports the other back.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from goalkit._exceptions import DataError
from goalkit.data._loaders import MappingLike, _FileLoader

if TYPE_CHECKING:
    from goalkit.data._dataset import Dataset
    from goalkit.model._project import Project
    from goalkit.model._records import Measurement
    from goalkit.model._result import DataIssue
    from goalkit.plugins._registry import Registry
    from goalkit.typing import Loader

__all__ = ["builtin_loaders", "check_data", "load_frames", "read_data"]


def builtin_loaders() -> Registry[Loader]:
    """A fresh registry holding only goalkit's own loaders."""
    from goalkit.data._plugin import goalkit_register_loaders  # noqa: PLC0415
    from goalkit.plugins._registry import Registry  # noqa: PLC0415

    registry: Registry[Loader] = Registry("loader")
    registry.plugin = "goalkit.data._plugin"
    goalkit_register_loaders(loaders=registry)
    return registry


def read_data(
    source: str | Path,
    *,
    mapping: MappingLike = None,
    strict: bool = False,
    project: Project | None = None,
    loader: str | None = None,
    loaders: Registry[Loader] | None = None,
) -> Dataset:
    """Read participant data from a file, folder or database URL, and validate it.

    :param mapping: a mapping file's path, its parsed content, or a :class:`ColumnMapping`.
    :param strict: refuse the data (raise) if any problem is an error; by default the rows
        at fault are left out, and listed with their reasons in ``Dataset.issues``.
    :param project: check ages at enrolment against its target group (and, in strict
        mode, its reported figures' breakdowns).
    :param loader: the name of the loader to use (default: the first that can load it).
    :param loaders: the loaders to choose from (default: the built-in ones).
    :raises DataError: for a source no loader reads, or (as a
        :class:`~goalkit.DataValidationError`) listing every problem found when the data
        cannot be used.
    """
    from goalkit.data._dataset import validate  # noqa: PLC0415
    from goalkit.data._mapping import as_mapping  # noqa: PLC0415
    from goalkit.data._validate import refuse_errors  # noqa: PLC0415

    text = str(source)
    m = as_mapping(mapping)
    chosen = _chosen(text, loader, loaders)
    if isinstance(chosen, _FileLoader):
        return validate(chosen.read_safely(text, m), m, project=project, strict=strict)
    dataset = chosen.load(text, mapping=m)  # type: ignore[arg-type]  # a plugin's loader
    if strict:
        refuse_errors(dataset.issues)
    return dataset


def check_data(
    source: str | Path,
    *,
    mapping: MappingLike = None,
    loaders: Registry[Loader] | None = None,
) -> tuple[tuple[DataIssue, ...], tuple[Measurement, ...]]:
    """What :func:`read_data` finds in a source, without building the data set: every
    problem, and the reported figures read (``goalkit validate`` without a project lists
    them, and needs nothing else). The same loader, the same checks, the same problems.

    :raises DataError: as :func:`read_data` does.
    """
    from goalkit.data._mapping import as_mapping  # noqa: PLC0415
    from goalkit.data._validate import clean  # noqa: PLC0415

    text = str(source)
    m = as_mapping(mapping)
    chosen = _chosen(text, None, loaders)
    if isinstance(chosen, _FileLoader):
        kept = clean(chosen.read_safely(text, m), m)
        return kept.issues, kept.measurements
    dataset = chosen.load(text, mapping=m)  # type: ignore[arg-type]  # a plugin's loader
    return dataset.issues, dataset.measurements


def _chosen(text: str, loader: str | None, loaders: Registry[Loader] | None) -> Loader:
    """The loader named, or else the first of ``loaders`` (default: the built-in ones)
    that can load the source ``text``."""
    from goalkit.data._sources import safe_url  # noqa: PLC0415

    registry = loaders if loaders is not None else builtin_loaders()
    if loader is not None:
        return registry.get(loader)
    found = next((e.item for e in registry.entries() if e.item.can_load(text)), None)
    if found is None:
        if "://" not in text and not Path(text).exists():
            raise DataError("no such file or folder", source=text)
        known = "; ".join(f"{e.name}: {e.item.description}" for e in registry.entries())
        where = safe_url(text) if "://" in text else text
        raise DataError(f"no loader reads this source. Loaders: {known}", source=where)
    return found


def load_frames(
    participants: Any,
    events: Any = None,
    responses: Any = None,
    *,
    measurements: Any = None,
    assessments: Any = None,
    mapping: MappingLike = None,
    strict: bool = False,
    project: Project | None = None,
) -> Dataset:
    """Validate frames a host holds (polars, pandas, pyarrow), exactly like a file.

    Unlike :meth:`Dataset.from_frames`, which trusts its input, every row is checked and
    the data set lists every problem; bad rows are left out (or, with ``strict``, refused).
    """
    from goalkit.data._dataset import validate  # noqa: PLC0415
    from goalkit.data._mapping import as_mapping  # noqa: PLC0415
    from goalkit.data._sources import read_frames  # noqa: PLC0415

    raw = read_frames({
        "participants": participants, "events": events, "responses": responses,
        "measurements": measurements, "assessments": assessments,
    })
    return validate(raw, as_mapping(mapping), project=project, strict=strict)
