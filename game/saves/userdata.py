"""Autosaves in the user's data folder (the platform's convention, via platformdirs)."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

import platformdirs

from game.atomic import clean_stale_temps
from game.match import Match
from game.saves.store import save_match

APP_NAME = "sahel-crisis"
DATA_DIR_ENV = "SAHEL_CRISIS_DATA_DIR"
KEEP_AUTOSAVES = 10


def data_dir() -> Path:
    """The user's data folder for the game (`$SAHEL_CRISIS_DATA_DIR` overrides it)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def autosave_dir() -> Path:
    """Where autosaves go."""
    return data_dir() / "autosaves"


def autosave_path(match: Match) -> Path:
    """The autosave file of a match (one per level and seed)."""
    name = f"autosave-{match.rules.level_id}-{match.seed & 0xFFFFFFFFFFFFFFFF}.json"
    return autosave_dir() / name


def autosave(match: Match) -> Path:
    """Save the match as its autosave (one file per level and seed), keeping the newest
    few autosaves; returns the file. Raises OSError if the folder is not writable."""
    folder = autosave_dir()
    path = autosave_path(match)
    save_match(match, path)
    _prune(folder)
    return path


def _autosaves(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    files = [p for p in folder.glob("autosave-*.json") if p.is_file()]
    return sorted(files, key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True)


def _prune(folder: Path) -> None:
    for old in _autosaves(folder)[KEEP_AUTOSAVES:]:
        with contextlib.suppress(OSError):
            old.unlink()


def latest_autosave() -> Path | None:
    """The newest autosave file, or None if there is none."""
    folder = autosave_dir()
    clean_stale_temps(folder)  # at start: what killed saves left behind
    files = _autosaves(folder)
    return files[0] if files else None


def autosave_hook(match: Match) -> Path | None:
    """`autosave` for `Match.on_round`: never raises; a failed autosave is reported on
    stderr and the game goes on. Returns the file, or None if it could not be written."""
    try:
        return autosave(match)
    except OSError as exc:
        print(f"warning: autosave failed: {exc}", file=sys.stderr)
        return None
