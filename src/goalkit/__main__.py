"""``python -m goalkit``: the ``goalkit`` command, for when the script is not on the path."""

from __future__ import annotations

import sys

from goalkit.cli import script

if __name__ == "__main__":
    sys.exit(script())
