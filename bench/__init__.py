"""Benchmarks: `make bench` (python -m bench) prints `BENCH <name> <value> <unit> (goal ..., ratio ...)` lines."""
