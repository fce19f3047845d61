"""Hot seat in the terminal: when the keyboard passes from one person's seat to another's,
ask the next person to take it and wipe the screen, so no one reads another's secrets."""

from __future__ import annotations

import sys
from collections.abc import Callable

from game.engine.deal_defs import in_sentence
from game.match import Match

CLEAR = "\033[2J\033[3J\033[H"  # erase the screen and its scrollback, cursor home
_at_keyboard: dict[int, int] = {}  # a game (its log's id) -> the seat that last typed


def hand_over(match: Match, faction: int, read: Callable[[str], str]) -> None:
    """Before `faction`'s person types: if another person's seat typed last, say whose
    turn it is, wait for Enter and clear the terminal (when it is one). Raises SystemExit
    on end of input or 'q', as the move prompt does."""
    key = id(match.log)
    last = _at_keyboard.get(key)
    _at_keyboard[key] = faction
    if last is None or last == faction:
        return
    name = match.rules.factions[faction].name
    inside = in_sentence(name)  # 'the junta (CNSP)'
    print(
        f"\n== Pass the keyboard to {inside}: only they should see the screen now. ==", flush=True
    )
    try:
        answer = read(f"{name}, press Enter when you are ready (q leaves the game): ")
    except (EOFError, KeyboardInterrupt):
        print("\nInput ended — leaving the game.", flush=True)
        raise SystemExit(0) from None
    if answer.strip().lower() in ("q", "quit", "exit"):
        print("You left the game.", flush=True)
        raise SystemExit(0)
    if sys.stdout.isatty():
        print(CLEAR, end="", flush=True)
    else:  # a pipe or a file: a clear line between the two people's screens
        print("\n" + "=" * 72 + "\n", flush=True)
