"""Saved games as the window offers them: timestamped manual saves, the list to load from
(the latest autosave first), and loading with a note when the level changed since."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from game.match import Match
from game.saves import LevelChangedError, SaveFileError, data_dir, latest_autosave, load_match
from game.saves import save_match as write_save


class LoadFailed(RuntimeError):
    """A save could not be loaded; the message says why (user-readable)."""


def saves_dir() -> Path:
    """The folder for manual saves (inside the user data folder)."""
    return data_dir() / "saves"


def save(match: Match, folder: Path | None = None) -> Path:
    """Save the match under a new timestamped name in `folder` (default: `saves_dir()`);
    returns the path. Raises OSError when the folder is not writable."""
    target = folder or saves_dir()
    target.mkdir(parents=True, exist_ok=True)
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    stem = f"{match.rules.level_id}-r{match.state.round}-{stamp}"
    path = target / f"{stem}.json"
    n = 1
    while path.exists():
        n += 1
        path = target / f"{stem}-{n}.json"
    write_save(match, path)
    return path


def save_message(match: Match, folder: Path | None = None) -> tuple[str, float]:
    """Save the game and say where, or why not: (message, seconds to show it)."""
    try:
        path = save(match, folder)
    except OSError as exc:
        return f"Could not save: {exc}", 5.0
    return f"Saved: {path.name}", 3.5


def load(path: Path) -> tuple[Match, str]:
    """Load a save: (match, note). The note explains a replay under changed level files.
    Raises LoadFailed with a readable message."""
    try:
        return load_match(path), ""
    except LevelChangedError as exc:
        where = exc.divergence
        note = (
            "The level files changed since this save; the moves were replayed "
            "under the new rules" + (f" and differ from round {where}." if where else ".")
        )
        return exc.match_replayed, note
    except (SaveFileError, OSError) as exc:
        raise LoadFailed(f"Could not load {path.name}: {exc}") from None


def list_saves(folder: Path | None = None) -> list[Path]:
    """Saves in `folder` (default: `saves_dir()`), newest first, after the latest
    autosave if there is one."""
    found: list[Path] = []
    latest = latest_autosave()
    if latest is not None:
        found.append(latest)
    target = folder or saves_dir()
    if target.is_dir():
        files = sorted(
            (p for p in target.iterdir() if p.is_file()),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        found.extend(p for p in files if p not in found)
    return found
