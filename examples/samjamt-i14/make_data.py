"""Write the Samjamt/i14 pre-study example's synthetic data (seeded: the same files
every time) into ``data/``.

The generator lives in the plugin (``goalkit_samjamt_i14.synthetic``) so that the
plugin's declared examples and these files are the same data.

Run: python examples/samjamt-i14/make_data.py
"""

from __future__ import annotations

from pathlib import Path

from goalkit_samjamt_i14.synthetic import generate

SEED = 2014


def main() -> None:
    generate(SEED).write_folder(Path(__file__).parent / "data")


if __name__ == "__main__":
    main()
