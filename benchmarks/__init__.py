"""goalkit's benchmark: a seeded synthetic population, a six-goal suite (broken down by
project, sex and age band, or per project only), and the same suite written by hand in
polars, DuckDB SQL and plain Python, measured on the paths users take (the command line,
evaluation in memory, validation, the embedded call). Run ``python -m benchmarks --help``."""
