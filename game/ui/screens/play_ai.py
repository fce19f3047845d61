"""The play screen's AI seats: start or poll the acting AI and show its move and reason."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.engine import Action

if TYPE_CHECKING:
    from game.ui.screens.play import PlayScreen


def play_ai_seat(screen: PlayScreen, active: int) -> None:
    """Start or poll the acting AI seat; show its move and reason once it is made."""
    s = screen.session
    match = s.match
    s.start_ai()
    start = len(match.log)
    try:
        decision = s.poll_ai()
    except Exception as exc:  # an agent bug must not take the window down
        s.cancel_ai()
        screen.app.notify(f"AI error ({type(exc).__name__}); it ends its turn.")
        s.play(Action(-1, -1), "AI error")
        screen.refresh()
        return
    if decision is None:
        return
    pace, details = screen.app.settings.ai_pace, screen.app.settings.ai_details >= 0.5
    screen.ai_move.show_ai(match, active, decision, start, s.viewer, pace, details)
    screen.refresh()
