"""Player preferences and their file, `settings.json` in the user data folder.

The file is untrusted: whatever it holds, `load_settings` returns usable settings (bad
fields take their defaults, out-of-range numbers are clamped) plus one line saying what
was wrong, and never raises.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from game.atomic import atomic_write_bytes
from game.safeio import UnsafeFileError, read_regular
from game.saves.userdata import data_dir

SETTINGS_FILE = "settings.json"
SETTINGS_VERSION = 1
MAX_BYTES = 64 * 1024  # a settings file is a few lines; anything bigger is not ours

# field → (lowest, highest) accepted value; the settings screen offers values inside these
RANGES: dict[str, tuple[float, float]] = {
    "ui_scale": (0.8, 1.5),
    "ai_pace": (0.0, 2.0),
    "ai_details": (0.0, 1.0),
    "volume": (0.0, 1.0),
}
FLAGS = ("muted", "wait_end_turn")  # true/false fields


@dataclass
class Settings:
    """Player preferences: UI scale, the pause after each AI move (seconds), and whether AI
    reasons show the search's numbers (1) or only a player's words (0); sound volume
    (0…1) and whether sound is muted; whether a turn waits for an explicit End turn once
    its action points are spent (off: it ends by itself, as the rules do)."""

    ui_scale: float = 1.0
    ai_pace: float = 1.2
    ai_details: float = 0.0
    volume: float = 0.7
    muted: bool = False
    wait_end_turn: bool = False


def settings_path() -> Path:
    """The settings file in the user data folder (`$SAHEL_CRISIS_DATA_DIR` overrides it)."""
    return data_dir() / SETTINGS_FILE


_MISSING = object()


def _read(path: Path) -> tuple[object, str]:
    """The parsed JSON of `path` (`_MISSING` if there is no file), or (None, why it could
    not be read)."""
    try:
        data = read_regular(path, MAX_BYTES)
    except FileNotFoundError:
        return _MISSING, ""
    except UnsafeFileError as exc:  # a folder, FIFO or device: never wait on it
        return None, f"cannot be read (it {exc.reason})"
    except OSError as exc:
        return None, f"cannot be read ({exc.strerror or exc})"
    if len(data) > MAX_BYTES:
        return None, f"is larger than {MAX_BYTES // 1024} KB"
    try:
        return json.loads(data.decode("utf-8")), ""
    except UnicodeDecodeError:
        return None, "is not UTF-8 text"
    except json.JSONDecodeError as exc:
        return None, f"is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
    except ValueError as exc:  # e.g. an integer too long to convert
        return None, f"is not usable JSON ({exc})"
    except RecursionError:
        return None, "is not valid JSON (nested too deeply)"


def _number(raw: object, name: str, default: float) -> tuple[float, str]:
    """`raw` as a finite number inside RANGES[name] (clamped), or the default; plus a note."""
    lo, hi = RANGES[name]
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        return default, f"{name} {json.dumps(raw)[:40]} is not a number, using {default:g}"
    try:
        value = float(raw)
    except OverflowError:
        value = math.inf
    if not math.isfinite(value):
        return default, f"{name} {str(raw)[:40]} is not a finite number, using {default:g}"
    if not lo <= value <= hi:
        clamped = min(max(value, lo), hi)
        return clamped, f"{name} {value:g} is outside {lo:g}–{hi:g}, using {clamped:g}"
    return value, ""


def parse_settings(data: object) -> tuple[Settings, list[str]]:
    """Settings from a parsed settings file; (settings, problems). Unknown keys are ignored."""
    settings = Settings()
    if not isinstance(data, dict):
        kind = type(data).__name__ if data is not None else "null"
        return settings, [f"holds a {kind}, not an object of settings"]
    problems: list[str] = []
    for name in RANGES:
        if name not in data:
            continue
        value, note = _number(data[name], name, getattr(settings, name))
        setattr(settings, name, value)
        if note:
            problems.append(note)
    for name in FLAGS:
        if name not in data:
            continue
        if isinstance(data[name], bool):
            setattr(settings, name, data[name])
        else:
            default = getattr(settings, name)
            raw = json.dumps(data[name])[:40]
            problems.append(f"{name} {raw} is not true or false, using {str(default).lower()}")
    return settings, problems


def load_settings(path: Path | None = None) -> tuple[Settings, str]:
    """The saved settings (defaults when there is no file) and a one-line warning naming
    the file and what was wrong with it ("" when nothing was). Never raises."""
    target = path or settings_path()
    data, why = _read(target)
    if why:
        return Settings(), f"Settings file {target} {why}; using the default settings."
    if data is _MISSING:
        return Settings(), ""
    settings, problems = parse_settings(data)
    if problems:
        return settings, f"Settings file {target}: {'; '.join(problems)}."
    return settings, ""


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write the settings atomically; returns the file. Raises OSError if it cannot."""
    target = path or settings_path()
    body = {
        "version": SETTINGS_VERSION,
        "ui_scale": settings.ui_scale,
        "ai_pace": settings.ai_pace,
        "ai_details": settings.ai_details,
        "volume": settings.volume,
        "muted": settings.muted,
        "wait_end_turn": settings.wait_end_turn,
    }
    text = json.dumps(body, indent=2) + "\n"
    return atomic_write_bytes(target, text.encode("utf-8"))
