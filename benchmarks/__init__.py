"""goalkit's benchmark: a seeded synthetic population, a standard goal suite, and the same
suite written by hand in polars and DuckDB SQL. Run ``python -m benchmarks --help``."""
