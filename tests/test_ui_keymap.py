"""The play screen's key table: which key asks for which command."""

from __future__ import annotations

import pygame

from game.ui.keymap import PlayCommand, command_for

CTRL, SHIFT = pygame.KMOD_CTRL, pygame.KMOD_SHIFT


def test_number_keys_choose_the_first_nine_actions() -> None:
    assert command_for(pygame.K_1, 0) == (PlayCommand.CHOOSE, 0)
    assert command_for(pygame.K_9, 0) == (PlayCommand.CHOOSE, 8)
    assert command_for(pygame.K_0, 0) is None


def test_ctrl_chords_save_undo_and_redo() -> None:
    assert command_for(pygame.K_s, CTRL) == (PlayCommand.SAVE, -1)
    assert command_for(pygame.K_z, CTRL) == (PlayCommand.UNDO, -1)
    assert command_for(pygame.K_y, CTRL) == (PlayCommand.REDO, -1)
    assert command_for(pygame.K_z, CTRL | SHIFT) == (PlayCommand.REDO, -1)


def test_a_ctrl_chord_without_a_meaning_acts_as_the_plain_key() -> None:
    assert command_for(pygame.K_e, CTRL) == (PlayCommand.END_TURN, -1)
    assert command_for(pygame.K_2, CTRL) == (PlayCommand.CHOOSE, 1)


def test_tab_moves_the_focus_forward_and_shift_tab_back() -> None:
    assert command_for(pygame.K_TAB, 0) == (PlayCommand.FOCUS_NEXT, -1)
    assert command_for(pygame.K_TAB, SHIFT) == (PlayCommand.FOCUS_PREV, -1)
    assert command_for(pygame.K_UP, SHIFT) == (PlayCommand.FOCUS_PREV, -1)


def test_a_plain_s_does_not_save() -> None:
    assert command_for(pygame.K_s, 0) is None
