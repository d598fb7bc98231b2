"""goalkit goal plugin: Härjedalen, network building for newly arrived (2014-06-02 – 2015-11-30).

The project's goals live in the packaged goal file ``goals.toml``; :func:`load_project`
reads it. The plugin module :mod:`goalkit_harjedalen_network.plugin` registers the project
and its worked examples with goalkit (entry-point group ``goalkit``).
"""

from __future__ import annotations

from goalkit_harjedalen_network.plugin import PROJECT_ID, load_project

__all__ = ["PROJECT_ID", "load_project"]
