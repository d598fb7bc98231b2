"""Building blocks for seeded synthetic data sets, as goal plugins ship with their worked
examples: a generator fills :class:`SyntheticRows` (or builds :class:`SyntheticData`
directly), and the result becomes a :class:`goalkit.Dataset` for the plugin's declared
examples and a CSV folder for ``goalkit evaluate`` and the folder loader.

::

    import random
    from datetime import date
    from goalkit.testing.synthetic import SyntheticData, SyntheticRows, random_date

    def generate(seed: int = 2024) -> SyntheticData:
        rnd = random.Random(seed)
        rows = SyntheticRows()
        for n in range(1, 31):
            enrolled = random_date(rnd, date(2024, 1, 1), date(2024, 6, 30))
            rows.person(participant_id=f"p{n:02d}", enrolled=enrolled)
        return rows.build(source=f"my project, synthetic (seed {seed})")

    generate().write_folder("examples/my-project/data")   # the same bytes every time
    dataset = generate().dataset()                          # the same data, in memory
"""

from __future__ import annotations

from goalkit.testing._synthetic import SyntheticData, SyntheticRows, random_date, write_csv

__all__ = ["SyntheticData", "SyntheticRows", "random_date", "write_csv"]
