"""What a plugin's code hands back, checked before goalkit uses it: a loader's data set
(:func:`dataset_problem`) and text that goalkit will write (:func:`text_problem`).

Each says why the value cannot be used, in words for a :class:`~goalkit.PluginError`, or
``None``; the guards (:mod:`goalkit.plugins._guard`) raise the error naming the plugin.
A value that passes is one goalkit's own constructors could have made: nothing later
fails on it with an error that names no one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any, Final

from goalkit.model._records import Assessment, Measurement, Verdict
from goalkit.model._result import DataIssue
from goalkit.model._text import unwritable

__all__ = ["dataset_problem", "text_problem"]


text_problem = unwritable
"""Why a text a plugin gave cannot be written as UTF-8, or ``None``
(:func:`goalkit.model._text.unwritable`)."""


def _text(value: object) -> bool:
    return isinstance(value, str) and text_problem(value) is None


def _maybe_text(value: object) -> bool:
    return value is None or _text(value)


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _date(value: object) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def _maybe_date(value: object) -> bool:
    return value is None or _date(value)


def _breakdown(value: object) -> bool:
    return isinstance(value, Mapping) and all(
        _text(dimension) and isinstance(cells, Mapping)
        and all(_text(c) and _number(v) for c, v in cells.items())
        for dimension, cells in value.items())


_TEXT: Final = ("text", _text)
_FIELDS: Final[dict[type, dict[str, tuple[str, Callable[[object], bool]]]]] = {
    Measurement: {
        "metric": _TEXT,
        "date": ("a date", _date),
        "value": ("a number", _number),
        "breakdown": ("a mapping of dimension to category to number", _breakdown),
        "additive": ("true or false", lambda v: isinstance(v, bool)),
        "period_start": ("a date or None", _maybe_date),
        "source": ("text or None", _maybe_text),
    },
    Assessment: {
        "goal": _TEXT,
        "date": ("a date", _date),
        "verdict": ("a goalkit.Verdict", lambda v: isinstance(v, Verdict)),
        "evidence": _TEXT,
        "assessor": ("text or None", _maybe_text),
    },
    DataIssue: {
        "severity": ("'error', 'warning' or 'note'", lambda v: v in ("error", "warning", "note")
                     and isinstance(v, str)),
        "code": _TEXT,
        "message": _TEXT,
        "where": _TEXT,
        "count": ("a whole number", _whole),
        "message_sv": _TEXT,
    },
}
"""What each field of the records a data set carries beside its tables must hold (their
classes check nothing when built): text is text that can be written."""

_CARRIED: Final = (("measurements", Measurement), ("assessments", Assessment),
                   ("issues", DataIssue))


def _record_problem(where: str, item: object, cls: type) -> str | None:
    if not isinstance(item, cls):
        return f"{where} is {type(item).__name__}, not a goalkit.{cls.__name__}"
    for name, (expected, ok) in _FIELDS[cls].items():
        value = getattr(item, name, None)
        if not ok(value):
            return f"{where}.{name} is {value!r}, not {expected}"
    return None


def _tables_problem(records: Any, frames: Any) -> str | None:
    """Why a data set's ``records`` and ``frames`` (read as anything: a plugin may have
    put anything there) are not tables its constructors make, or ``None``."""
    from goalkit.data._dataset import NativeFrames  # noqa: PLC0415
    from goalkit.data._rows import Records  # noqa: PLC0415

    if records is None and frames is None:
        return ("tables are missing (build it with Dataset.from_records, from_frames or "
                "from_folder)")
    if records is not None:
        if not isinstance(records, Records):
            return (f"records is {type(records).__name__}, not the records "
                    "Dataset.from_records makes")
        for table in ("participants", "events", "responses"):
            if not isinstance(getattr(records, table), tuple):
                return f"records.{table} is not the tuple Dataset.from_records makes"
    if frames is not None:
        if not isinstance(frames, NativeFrames):
            return (f"frames is {type(frames).__name__}, not the frames "
                    "Dataset.from_frames makes")
        import narwhals as nw  # noqa: PLC0415  # the frames were made with it: loaded

        for table in ("participants", "events", "responses"):
            if not isinstance(getattr(frames, table), nw.LazyFrame):
                return f"frames.{table} is not the frame Dataset.from_frames makes"
    return None


def dataset_problem(data: object) -> str | None:
    """Why ``data``, what a loader returned, is not a well-formed :class:`goalkit.Dataset`,
    or ``None``.

    Well-formed: a ``Dataset`` holding its tables as :meth:`~goalkit.Dataset.from_records`,
    :meth:`~goalkit.Dataset.from_frames` or :meth:`~goalkit.Dataset.from_folder` make
    them (records or frames, or both); ``measurements``, ``assessments`` and ``issues``
    tuples of :class:`~goalkit.Measurement`, :class:`~goalkit.Assessment` and
    :class:`~goalkit.DataIssue` whose fields hold what they say; ``source`` text. Every
    text can be written (:func:`text_problem`). The rows of the tables are not read again:
    the constructors that made them validated them.
    """
    from goalkit.data._dataset import Dataset  # noqa: PLC0415

    if not isinstance(data, Dataset):
        return f"returned {type(data).__name__}, not a goalkit.Dataset"
    source: Any = data.source
    why = _tables_problem(data.records, data.frames)
    if why is None and not isinstance(source, str):
        why = f"source is {source!r}, not text"
    if why is None and text_problem(source) is not None:
        why = f"source {text_problem(source)}"
    for field, cls in _CARRIED:
        if why is not None:
            break
        items: Any = getattr(data, field)
        if not isinstance(items, tuple):
            why = f"{field} is {type(items).__name__}, not a tuple"
            break
        for i, item in enumerate(items):
            why = _record_problem(f"{field}[{i}]", item, cls)
            if why is not None:
                break
    return None if why is None else f"returned a goalkit.Dataset whose {why}"
