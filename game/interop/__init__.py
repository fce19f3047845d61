"""Adapters that expose any level to game-AI frameworks (the optional `interop` extra).

- `game.interop.pettingzoo_env`: a PettingZoo AEC environment (`env(level)`).
- `game.interop.openspiel_game`: an OpenSpiel Python game (`register_level(level)`).
- `game.interop.encoding`: what both share: the move enumeration, the observation
  vector of a faction's `PlayerView` (with a fast path straight from the engine
  state that gives the same bytes), and the final returns.

Importing this package needs nothing beyond the core dependencies; the two adapter
modules import `pettingzoo`/`gymnasium` and `pyspiel` respectively.
"""

from __future__ import annotations
