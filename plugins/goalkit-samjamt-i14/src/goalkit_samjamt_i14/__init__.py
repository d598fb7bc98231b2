"""goalkit goal plugin: Samjamt/i14, pre-study on methods and tools for
sustainable integration (2014-02-03 – 2014-11-28).

The project's goals live in the packaged goal file ``goals.toml``; :func:`load_project`
reads it. The plugin module :mod:`goalkit_samjamt_i14.plugin` registers the project
and its worked examples with goalkit (entry-point group ``goalkit``).
"""

from __future__ import annotations

from goalkit_samjamt_i14.plugin import PROJECT_ID, load_project

__all__ = ["PROJECT_ID", "load_project"]
