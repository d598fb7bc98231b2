"""goalkit goals of Etableringsspåret (Västerås stad, social resursfond, 2014–2016).

The project registers as ``etableringssparet`` through the entry-point group ``goalkit``;
:func:`load_project` reads the packaged goal file directly; :func:`generate` and
:func:`dataset` build the seeded synthetic data set of the worked example.
"""

from __future__ import annotations

from goalkit_etableringssparet._synthetic import GROUPS, Group, SyntheticData, dataset, generate
from goalkit_etableringssparet.plugin import PROJECT_ID, load_project

__all__ = ["GROUPS", "PROJECT_ID", "Group", "SyntheticData", "dataset", "generate", "load_project"]
