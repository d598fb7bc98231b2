"""Write the Härjedalen young-adults pre-study example's synthetic data (seeded: the same
files every time) into ``data/``.

The generator lives in the plugin (``goalkit_harjedalen_youth.synthetic``) so that the
plugin's declared examples and these files are the same data.

Run: python examples/harjedalen-youth/make_data.py
"""

from __future__ import annotations

from pathlib import Path

from goalkit_harjedalen_youth.synthetic import generate

SEED = 2012


def main() -> None:
    generate(SEED).write_folder(Path(__file__).parent / "data")


if __name__ == "__main__":
    main()
