"""Benchmarks: `python -m benchmarks` (or `make bench`). Not part of `make test`."""
