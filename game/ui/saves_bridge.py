"""The UI's door to saving and loading (`game.saves`, the saves helper's package).

Every function raises `SavesUnavailable` with a readable message if that package or a
function of it is missing, so the UI can say so instead of crashing.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any

from game.match import Match


class SavesUnavailable(RuntimeError):
    """Saving or loading is not available in this build."""


class LoadFailed(RuntimeError):
    """A save could not be loaded; the message says why (user-readable)."""


def _api(name: str) -> Any:
    try:
        import game.saves as saves
    except ImportError:
        raise SavesUnavailable(
            "Saving is not available: the game.saves package is missing."
        ) from None
    fn = getattr(saves, name, None)
    if fn is None:
        raise SavesUnavailable(f"Saving is not available: game.saves has no {name}().")
    return fn


def saves_dir() -> Path:
    """The folder for manual saves (inside the user data folder)."""
    try:
        base: Path = _api("data_dir")()
    except SavesUnavailable:
        import platformdirs

        base = Path(platformdirs.user_data_dir("sahel-crisis", appauthor=False))
    return base / "saves"


def save(match: Match, folder: Path | None = None) -> Path:
    """Save the match under a timestamped name in `folder`; returns the path."""
    fn = _api("save_match")
    target = folder or saves_dir()
    target.mkdir(parents=True, exist_ok=True)
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = target / f"{match.rules.level_id}-r{match.state.round}-{stamp}.json"
    n = 1
    while path.exists():
        n += 1
        path = target / f"{match.rules.level_id}-r{match.state.round}-{stamp}-{n}.json"
    fn(match, path)
    return path


def autosave(match: Match) -> Path | None:
    """Autosave the match; None when saving is unavailable (never raises for that)."""
    try:
        fn = _api("autosave")
    except SavesUnavailable:
        return None
    result: Path = fn(match)
    return result


def load(path: Path) -> tuple[Match, str]:
    """Load a save: (match, note). The note explains a replay under changed level files.

    Raises LoadFailed with a readable message, or SavesUnavailable.
    """
    fn = _api("load_match")
    import game.saves as saves

    error_cls: Any = getattr(saves, "SaveFileError", Exception)
    changed_cls: Any = getattr(saves, "LevelChangedError", None)
    try:
        match: Match = fn(path)
    except Exception as exc:
        if changed_cls is not None and isinstance(exc, changed_cls):
            replayed: Match = exc.match_replayed
            where = exc.divergence
            note = (
                "The level files changed since this save; the moves were replayed "
                "under the new rules" + (f" and differ from round {where}." if where else ".")
            )
            return replayed, note
        if isinstance(exc, error_cls | OSError | ValueError):
            raise LoadFailed(f"Could not load {path.name}: {exc}") from None
        raise
    return match, ""


def list_saves(folder: Path | None = None) -> list[Path]:
    """Saves in `folder` (newest first), with the latest autosave first if there is one."""
    found: list[Path] = []
    try:
        latest = _api("latest_autosave")()
    except SavesUnavailable:
        latest = None
    if latest is not None:
        found.append(Path(latest))
    target = folder or saves_dir()
    if target.is_dir():
        files = sorted(
            (p for p in target.iterdir() if p.is_file()),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        found.extend(p for p in files if p not in found)
    return found


def can_undo(match: Match, faction: int) -> bool:
    """Whether the match supports undo and the faction may undo now."""
    fn = getattr(match, "can_undo", None)
    return bool(fn(faction)) if fn is not None else False


def undo(match: Match) -> bool:
    """Undo the last move; False if it could not be undone or undo is missing."""
    fn = getattr(match, "undo", None)
    return bool(fn()) if fn is not None else False


def can_redo(match: Match, faction: int) -> bool:
    """Whether the match supports redo and the faction may play its taken-back move again.

    `Match.undo` only takes back a move that kept the same faction acting (same turn, no
    roll), so every move waiting to be redone is the acting faction's own.
    """
    fn = getattr(match, "can_redo", None)
    return fn is not None and bool(fn()) and match.active == faction


def redo(match: Match) -> bool:
    """Play the last taken-back move again; False if there is none or redo is missing."""
    fn = getattr(match, "redo", None)
    return bool(fn()) if fn is not None else False
