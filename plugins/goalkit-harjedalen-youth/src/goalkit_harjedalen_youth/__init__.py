"""goalkit goal plugin: Härjedalen, pre-study on young adults aged 20–30
outside work and studies (2012-08-01 – 2012-12-31).

The project's goals live in the packaged goal file ``goals.toml``; :func:`load_project`
reads it. The plugin module :mod:`goalkit_harjedalen_youth.plugin` registers the project
and its worked examples with goalkit (entry-point group ``goalkit``).
"""

from __future__ import annotations

from goalkit_harjedalen_youth.plugin import PROJECT_ID, load_project

__all__ = ["PROJECT_ID", "load_project"]
