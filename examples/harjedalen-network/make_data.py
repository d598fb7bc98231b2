"""Write the Härjedalen network-building example's synthetic data (seeded: the same files
every time) into ``data/``.

The generator lives in the plugin (``goalkit_harjedalen_network.synthetic``) so that the
plugin's declared examples and these files are the same data.

Run: python examples/harjedalen-network/make_data.py
"""

from __future__ import annotations

from pathlib import Path

from goalkit_harjedalen_network.synthetic import generate

SEED = 2014


def main() -> None:
    generate(SEED).write_folder(Path(__file__).parent / "data")


if __name__ == "__main__":
    main()
