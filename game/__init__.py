"""Sahel Crisis: a data-driven crisis strategy game and its rule engine.

`game.compiled()` says whether the hot modules run as compiled C extensions (built by
the install when a C compiler is present) or as plain Python (`SAHEL_PURE=1` forces
the latter; see `game/_purepath.py`).
"""

from game._purepath import compiled, install_if_requested

install_if_requested()

__all__ = ["compiled"]
