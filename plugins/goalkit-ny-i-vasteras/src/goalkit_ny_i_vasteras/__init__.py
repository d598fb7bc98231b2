"""goalkit goals of Ny i Västerås (Västerås stad, social resursfond, 2014–2016).

The project registers as ``ny-i-vasteras`` through the entry-point group ``goalkit``;
:func:`load_project` reads the packaged goal file directly; :func:`generate` and
:func:`dataset` build the seeded synthetic data set of the worked example.
"""

from __future__ import annotations

from typing import Any

from goalkit_ny_i_vasteras.plugin import PROJECT_ID, load_project

__all__ = ["PILOTS", "PROJECT_ID", "Pilot", "SyntheticData", "dataset", "generate", "load_project"]


_SYNTHETIC = frozenset(['PILOTS', 'Pilot', 'SyntheticData', 'dataset', 'generate'])


def __getattr__(name: str) -> Any:
    # The synthetic data builders load on first use, so that discovering the plugin
    # (every `goalkit` command does) stays cheap.
    if name in _SYNTHETIC:
        from goalkit_ny_i_vasteras import _synthetic  # noqa: PLC0415

        return getattr(_synthetic, name)
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)
