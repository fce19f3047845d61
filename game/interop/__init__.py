"""Adapters that expose any level to game-AI frameworks (the optional `interop` extra).

- `game.interop.pettingzoo_env`: a PettingZoo AEC environment (`env(level)`).
- `game.interop.openspiel_game`: an OpenSpiel Python game (`register_level(level)`).
- `game.interop.encoding`: what both share: the move enumeration, the observation
  vector built from a faction's `PlayerView`, and the final returns.

Importing this package needs nothing beyond the core dependencies; the two adapter
modules import `pettingzoo`/`gymnasium` and `pyspiel` respectively.
"""

from __future__ import annotations
