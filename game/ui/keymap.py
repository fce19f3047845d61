"""What each key does on the play screen: tables from key to command (python-tcod style).

Widgets and keys speak the same language: a key press and a button click both become a
`(PlayCommand, argument)` pair, which the play screen runs. The argument is an action row
(`CHOOSE`), a faction (`TARGET`) or -1.
"""

from __future__ import annotations

from enum import Enum, auto

import pygame


class PlayCommand(Enum):
    """Something the player asks the play screen to do."""

    CHOOSE = auto()  # select the action row given as argument
    TARGET = auto()  # aim the selected action at the faction given as argument
    TARGET_NEXT = auto()
    TARGET_PREV = auto()
    FOCUS_NEXT = auto()
    FOCUS_PREV = auto()
    ENTER = auto()  # confirm the card, else press the focused button
    CONFIRM = auto()
    CANCEL = auto()
    BACK = auto()  # drop the selection, else close the log, else open the menu
    MENU = auto()
    END_TURN = auto()
    SKIP = auto()
    TOGGLE_LOG = auto()
    TOGGLE_OBJECTIVES = auto()
    WEEK_SUMMARY = auto()
    RECENT_MOVES = auto()  # bring back the AI move cards put away or closed
    SAVE = auto()
    UNDO = auto()
    REDO = auto()


Input = tuple[PlayCommand, int]
"""A command and its argument (-1 when it takes none)."""

CTRL_KEYS: dict[int, PlayCommand] = {
    pygame.K_s: PlayCommand.SAVE,
    pygame.K_y: PlayCommand.REDO,
    pygame.K_z: PlayCommand.UNDO,
}
CTRL_SHIFT_KEYS: dict[int, PlayCommand] = {pygame.K_z: PlayCommand.REDO}
SHIFT_KEYS: dict[int, PlayCommand] = {pygame.K_TAB: PlayCommand.FOCUS_PREV}
KEYS: dict[int, PlayCommand] = {
    pygame.K_ESCAPE: PlayCommand.BACK,
    pygame.K_RETURN: PlayCommand.ENTER,
    pygame.K_KP_ENTER: PlayCommand.ENTER,
    pygame.K_e: PlayCommand.END_TURN,
    pygame.K_SPACE: PlayCommand.SKIP,
    pygame.K_l: PlayCommand.TOGGLE_LOG,
    pygame.K_o: PlayCommand.TOGGLE_OBJECTIVES,
    pygame.K_w: PlayCommand.WEEK_SUMMARY,
    pygame.K_m: PlayCommand.RECENT_MOVES,
    pygame.K_TAB: PlayCommand.FOCUS_NEXT,
    pygame.K_DOWN: PlayCommand.FOCUS_NEXT,
    pygame.K_UP: PlayCommand.FOCUS_PREV,
    pygame.K_RIGHT: PlayCommand.TARGET_NEXT,
    pygame.K_LEFT: PlayCommand.TARGET_PREV,
}
CHOOSE_KEYS: dict[int, int] = {pygame.K_1 + i: i for i in range(9)}
"""Keys 1–9 choose the first nine action rows."""


def command_for(key: int, mod: int) -> Input | None:
    """The command a key press asks for, or None. Ctrl chords come first; a Ctrl chord
    with no meaning of its own acts as the plain key."""
    if mod & pygame.KMOD_CTRL:
        chord = CTRL_SHIFT_KEYS.get(key) if mod & pygame.KMOD_SHIFT else None
        chord = chord or CTRL_KEYS.get(key)
        if chord is not None:
            return (chord, -1)
    if key in CHOOSE_KEYS:
        return (PlayCommand.CHOOSE, CHOOSE_KEYS[key])
    found = SHIFT_KEYS.get(key) if mod & pygame.KMOD_SHIFT else None
    found = found or KEYS.get(key)
    return (found, -1) if found is not None else None
