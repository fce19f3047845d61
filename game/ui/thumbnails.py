"""Save thumbnails: a small PNG of the board next to a save file (`x.json` → `x.png`),
written atomically, and read back for the Load screen.

A thumbnail is a picture of what the screen showed; a hot seat game gets none, since
the Load screen is open to every player and the board showed one player's secrets.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.atomic import atomic_write_bytes
from game.safeio import read_regular
from game.saves.userdata import autosave_path
from game.ui import saved_games, theme

if TYPE_CHECKING:
    from game.ui.screens.base import Screen
    from game.ui.session import GameSession

SIZE = (320, 180)
MAX_BYTES = 512 * 1024  # a 320×180 PNG is far smaller; anything bigger is not ours


def thumbnail_path(save: Path) -> Path:
    """The thumbnail file of a save."""
    return save.with_suffix(".png")


def encode(picture: pygame.Surface) -> bytes:
    """`picture` scaled to `SIZE` (keeping its aspect ratio) as PNG bytes."""
    w, h = picture.get_size()
    k = min(SIZE[0] / max(1, w), SIZE[1] / max(1, h))
    small = pygame.transform.smoothscale(picture, (max(1, round(w * k)), max(1, round(h * k))))
    out = io.BytesIO()
    pygame.image.save(small, out, "thumb.png")
    return out.getvalue()


def write_thumbnail(picture: pygame.Surface, save: Path) -> Path | None:
    """Write the thumbnail of `save` from `picture`; its path, or None when it could not
    be written (a thumbnail is a nicety: a failure never stops the save)."""
    try:
        return atomic_write_bytes(thumbnail_path(save), encode(picture))
    except (OSError, pygame.error):
        return None


def read_thumbnail(save: Path) -> pygame.Surface | None:
    """The thumbnail of `save`, or None when there is none or it is not a usable PNG."""
    try:
        data = read_regular(thumbnail_path(save), MAX_BYTES)
        picture = pygame.image.load(io.BytesIO(data), "thumb.png")
    except (OSError, pygame.error, ValueError):
        return None
    if picture.get_width() > 2 * SIZE[0] or picture.get_height() > 2 * SIZE[1]:
        return None
    return picture


def snapshot(screen: Screen) -> pygame.Surface:
    """A fresh picture of `screen` at the window size (with its buttons when it is the
    top screen; an overlay's veil is left out)."""
    app = screen.app
    picture = pygame.Surface(app.size)
    picture.fill(theme.BG)
    screen.draw(picture)
    if app.top is screen:
        app.manager.draw_ui(picture)
    return picture


def save_with_thumbnail(
    screen: Screen, session: GameSession, folder: Path | None
) -> tuple[str, float]:
    """Save the game with its thumbnail and say where, or why not: (message, seconds)."""
    try:
        path = saved_games.save(session.match, folder)
    except OSError as exc:
        return f"Could not save: {exc}", 5.0
    save_thumbnail(screen, session, path)  # shown in the Load screen's list
    return f"Saved: {path.name}", 3.5


def save_thumbnail(screen: Screen, session: GameSession, save: Path) -> Path | None:
    """Write the thumbnail of `save` from `screen` (none for a hot seat game)."""
    if session.hotseat:
        return None
    return write_thumbnail(snapshot(screen), save)


def thumbnail_on_leave(screen: Screen, session: GameSession) -> None:
    """After `session.save_on_leave()`: the autosave's thumbnail, when one was written."""
    match = session.match
    path = autosave_path(match)
    if match.history and not match.is_over and path.is_file():
        save_thumbnail(screen, session, path)
