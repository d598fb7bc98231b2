"""goalkit goal plugin: Region Jämtland Härjedalen, regional integration project
(2015-09-01 – 2018-03-31).

The project's goals live in the packaged goal file ``goals.toml``; :func:`load_project`
reads it. The plugin module :mod:`goalkit_jamtland_integration.plugin` registers the project
and its worked examples with goalkit (entry-point group ``goalkit``).
"""

from __future__ import annotations

from goalkit_jamtland_integration.plugin import PROJECT_ID, load_project

__all__ = ["PROJECT_ID", "load_project"]
