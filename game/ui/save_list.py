"""Every saved game with a one-line summary, newest first, for the Load screen.

A summary is read from the save file without replaying it (`read_save`): level name,
round, when it was saved, who sits where and how it stands. A damaged file is listed
with what is wrong, so the player can see it and delete it. No pygame here.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from game.content import ContentError
from game.content.loader import find_level, read_level
from game.saves import read_save
from game.saves.errors import SaveFileError
from game.saves.userdata import autosave_dir, data_dir


@dataclass(frozen=True, slots=True)
class SaveEntry:
    """One save file and its summary line."""

    path: Path
    label: str
    ok: bool


def saves_folder() -> Path:
    """The folder for saves made with Ctrl+S (in the user data folder)."""
    return data_dir() / "saves"


def _when(iso: str, path: Path) -> str:
    try:
        moment = _dt.datetime.fromisoformat(iso)
    except ValueError:
        moment = _dt.datetime.fromtimestamp(path.stat().st_mtime, _dt.UTC)
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


@lru_cache(maxsize=16)
def level_words(level: str) -> tuple[str, dict[str, str]]:
    """A level's word for a round ('Week') and its factions' short names by id, read from
    its files without compiling them; ('Round', {}) when the level cannot be read."""
    try:
        source = read_level(find_level(level))
    except (ContentError, OSError):
        return "Round", {}
    round_name, shorts = "Round", {}
    for file in source.files:
        data = file.doc.data if isinstance(file.doc.data, dict) else {}
        meta = data.get("level")
        if isinstance(meta, dict) and isinstance(meta.get("round_name"), str):
            round_name = meta["round_name"]
        for f in data.get("factions") or []:
            if isinstance(f, dict) and isinstance(f.get("id"), str):
                shorts[f["id"]] = str(f.get("short") or f["id"])
    return round_name, shorts


def summary(path: Path) -> SaveEntry:
    """The summary line of one save: 'Niger 2023 · week 11 · 2026-12-01 10:05 ·
    ECOWAS human, 3 AI · 34 moves · autosave' (the level's own words for a round and its
    factions), or why the file cannot be read."""
    kind = "autosave" if path.name.startswith("autosave-") else "save"
    try:
        model = read_save(path)
    except SaveFileError as exc:
        reason = str(exc).split(": ", 1)[-1]
        return SaveEntry(path, f"{path.name} · cannot be read: {reason}", False)
    state = model.state
    round_no = state.get("round", "?") if isinstance(state, dict) else "?"
    round_name, shorts = level_words(model.level.folder or model.level.id)
    if not shorts and model.level.folder:  # saved on another machine: the level by its id
        round_name, shorts = level_words(model.level.id)
    humans = [f for f, seat in model.seats.items() if seat == "human"]
    ais = len(model.seats) - len(humans)
    seats = ", ".join(f"{shorts.get(f, f)} human" for f in humans) or "no human"
    if ais:
        seats += f", {ais} AI"
    status = "finished" if model.result.over else f"{round_name.lower()} {round_no}"
    parts = [
        model.level.name or model.level.id,
        status,
        _when(model.created_at, path),
        seats,
        f"{len(model.moves)} moves",
        kind,
    ]
    return SaveEntry(path, " · ".join(parts), True)


def all_saves(folder: Path | None = None) -> list[SaveEntry]:
    """Every autosave and every save in `folder` (default: the saves folder), newest
    first, each with its summary; labels are unique."""
    files: list[Path] = []
    for where in (autosave_dir(), folder or saves_folder()):
        if where.is_dir():
            files.extend(p for p in where.iterdir() if p.is_file() and p.suffix == ".json")
    files = sorted(set(files), key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True)
    entries = [summary(p) for p in files]
    seen: dict[str, int] = {}
    unique = []
    for entry in entries:
        n = seen.get(entry.label, 0)
        seen[entry.label] = n + 1
        label = entry.label if n == 0 else f"{entry.label} ({entry.path.name})"
        unique.append(SaveEntry(entry.path, label, entry.ok))
    return unique


def delete_save(path: Path) -> str:
    """Delete a save file (and its thumbnail); '' when done, else the sentence saying
    why not."""
    try:
        os.remove(path)
    except FileNotFoundError:
        return ""
    except OSError as exc:
        return f"Could not delete {path.name}: {exc.strerror or exc}"
    if path.suffix == ".json":  # its thumbnail goes with it
        with contextlib.suppress(OSError):
            path.with_suffix(".png").unlink()
    return ""
