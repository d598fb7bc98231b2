"""Write the Region Jämtland Härjedalen integration example's synthetic data (seeded: the
same files every time) into ``data/``.

The generator lives in the plugin (``goalkit_jamtland_integration.synthetic``) so that the
plugin's declared examples and these files are the same data.

Run: python examples/jamtland-integration/make_data.py
"""

from __future__ import annotations

from pathlib import Path

from goalkit_jamtland_integration.synthetic import generate

SEED = 2015


def main() -> None:
    generate(SEED).write_folder(Path(__file__).parent / "data")


if __name__ == "__main__":
    main()
