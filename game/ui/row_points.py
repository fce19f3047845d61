"""Each action row's points note ('+6 VP if it works'), worked out a few rows at a time
between frames, so the window never stalls after a move to preview every action.

No pygame here: the action panel starts it on new rows (`restart`), the play screen
advances it each frame (`step`) and the rows show each note once it is known (`tag`).
The notes are the text mode's (`game.ui.cards.tag_text`), from what the seat may know.
"""

from __future__ import annotations

import time

from game.engine import Action, State, preview
from game.engine.scoreboard import Span
from game.ui.cards import points_change, tag_text

FRAME_SLICE = 0.005  # seconds of a frame the window spends on the notes


class RowPoints:
    """The points notes of one seat's rows in one state: action index → note ('' when the
    row changes no score), filled in by `step` until `pending` is False."""

    def __init__(self) -> None:
        self._state: State | None = None
        self._viewer = -1
        self._todo: list[tuple[int, list[Action]]] = []  # rows still to work out
        self._parts: list[tuple[Span, bool, Span | None]] = []  # the targets done of the first row
        self.tags: dict[int, str] = {}

    def restart(self, state: State, viewer: int, rows: list[tuple[int, list[Action]]]) -> None:
        """Forget the notes and work out those of `rows` (action index, its legal moves:
        one untargeted move or one per target) in `state` for `viewer`."""
        self._state, self._viewer = state, viewer
        self._todo = [(index, moves) for index, moves in rows if moves]
        self._parts = []
        self.tags = {}

    @property
    def pending(self) -> bool:
        """Whether some rows' notes are still to work out."""
        return bool(self._todo)

    def tag(self, index: int) -> str | None:
        """Action `index`'s note, or None while it is still to work out."""
        return self.tags.get(index)

    def step(self, seconds: float) -> bool:
        """Work out notes for about `seconds` (one move at least); True when the last
        note was just done (the rows should show them now)."""
        if not self._todo or self._state is None:
            return False
        end = time.perf_counter() + seconds
        while self._todo:
            index, moves = self._todo[0]
            move = moves[len(self._parts)]
            self._parts.append(points_change(self._state, preview(self._state, move), self._viewer))
            if len(self._parts) == len(moves):
                self.tags[index] = tag_text(self._parts)
                self._todo.pop(0)
                self._parts = []
            if time.perf_counter() >= end:
                break
        return not self._todo

    def finish(self) -> bool:
        """Work out every note left now (screenshots, tests); True when any was left."""
        return self.step(float("inf"))
