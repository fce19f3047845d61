"""Drawn parts of the play screen, one per module (map, bars, top bar, dashboard, ticker…)."""
