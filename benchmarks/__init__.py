"""Benchmarks: `python -m benchmarks [--quick] [--json FILE]` measures every target."""
