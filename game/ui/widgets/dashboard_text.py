"""Value text shared by the window and the terminal: exact, a range, or '?'."""

from __future__ import annotations

from game.ui.lens import Lens


def known_text(lens: Lens, slot: int) -> str:
    """A value as the viewer knows it: '3', a label such as 'detained', '2–4' or '?'."""
    var = lens.state.rules.vars[slot]
    low, high = lens.known(slot)
    if low == high:
        return var.label(low)
    if (low, high) == (var.lo, var.hi):
        return "?"
    return f"{low}–{high}"
