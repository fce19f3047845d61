"""Sahel Crisis: a data-driven crisis strategy game and its rule engine."""
