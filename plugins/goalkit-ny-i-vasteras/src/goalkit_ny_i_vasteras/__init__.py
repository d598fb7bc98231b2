"""goalkit goals of Ny i Västerås (Västerås stad, social resursfond, 2014–2016).

The project registers as ``ny-i-vasteras`` through the entry-point group ``goalkit``;
:func:`load_project` reads the packaged goal file directly; :func:`generate` and
:func:`dataset` build the seeded synthetic data set of the worked example.
"""

from __future__ import annotations

from goalkit_ny_i_vasteras._synthetic import PILOTS, Pilot, SyntheticData, dataset, generate
from goalkit_ny_i_vasteras.plugin import PROJECT_ID, load_project

__all__ = ["PILOTS", "PROJECT_ID", "Pilot", "SyntheticData", "dataset", "generate", "load_project"]
