"""Benchmark of the decision aid: run ``python -m bench``."""
