"""Crash reports: when the game fails, keep the traceback and the game's save.

A report is a folder `crashes/crash-<time>-<pid>/` in the user's data folder with
`report.txt` (what failed) and `save.json` (the match, when one was running). It
stays *pending* until the next start has offered to resume and calls
`dismiss_crash_report`.
"""

from __future__ import annotations

import datetime as _dt
import os
import platform
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from game.match import Match
from game.saves import data_dir, save_match
from game.saves.atomic import atomic_write_bytes

PENDING = "PENDING"
KEEP_REPORTS = 20


@dataclass(frozen=True)
class CrashReport:
    """A crash report on disk: its folder, text, the save (if any) and a one-line summary."""

    folder: Path
    report_path: Path
    save_path: Path | None
    created: str
    summary: str


def crash_dir() -> Path:
    """Where crash reports go."""
    return data_dir() / "crashes"


def write_crash_report(exc: BaseException, match: Match | None = None) -> Path:
    """Write a crash report for `exc` (with the match's save); returns its folder.

    Never raises for a failing save: the report then says the save could not be written.
    Raises OSError only if the data folder itself cannot be written.
    """
    now = _dt.datetime.now(_dt.UTC)
    folder = crash_dir() / f"crash-{now.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}"
    folder.mkdir(parents=True, exist_ok=True)
    save_note = "no game was running"
    if match is not None:
        try:
            save_match(match, folder / "save.json")
            save_note = f"save.json (level {match.rules.level_id}, seed {match.seed}, "
            save_note += f"{len(match.history)} moves)"
        except Exception as save_exc:  # the report matters more than the save
            save_note = f"the save could not be written: {type(save_exc).__name__}: {save_exc}"
    trace = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    text = (
        "Sahel Crisis crash report\n"
        f"time: {now.isoformat(timespec='seconds')}\n"
        f"python: {sys.version.split()[0]} on {platform.platform()}\n"
        f"command: {' '.join(sys.argv)}\n"
        f"summary: {type(exc).__name__}: {exc}\n"
        f"save: {save_note}\n\n{trace}"
    )
    atomic_write_bytes(folder / "report.txt", text.encode("utf-8", "replace"))
    (folder / PENDING).touch()
    _prune()
    return folder


def _reports() -> list[Path]:
    root = crash_dir()
    if not root.is_dir():
        return []
    return sorted((p for p in root.glob("crash-*") if p.is_dir()), reverse=True)


def _prune() -> None:
    import shutil

    for old in _reports()[KEEP_REPORTS:]:
        shutil.rmtree(old, ignore_errors=True)


def _read(folder: Path) -> CrashReport:
    report = folder / "report.txt"
    created, summary = "", ""
    try:
        for line in report.read_text(encoding="utf-8", errors="replace").splitlines()[:8]:
            if line.startswith("time: "):
                created = line[6:]
            elif line.startswith("summary: "):
                summary = line[9:]
    except OSError:
        summary = "(the report cannot be read)"
    save = folder / "save.json"
    return CrashReport(folder, report, save if save.is_file() else None, created, summary)


def pending_crash_report() -> CrashReport | None:
    """The newest crash report not yet dismissed, or None."""
    for folder in _reports():
        if (folder / PENDING).exists():
            return _read(folder)
    return None


def dismiss_crash_report(report: CrashReport) -> None:
    """Mark a report as seen so the next start does not offer it again (the files stay)."""
    with suppress(FileNotFoundError):
        (report.folder / PENDING).unlink()


@contextmanager
def crash_guard(current_match: Callable[[], Match | None]) -> Iterator[None]:
    """Run a block; if it raises (other than Ctrl-C or exit), write a crash report with
    the match `current_match()` returns, print where it is, and re-raise."""
    try:
        yield
    except BrokenPipeError:  # the reader of our output went away (`| head`): not a crash
        raise
    except Exception as exc:
        try:
            match = current_match()
        except Exception:
            match = None
        try:
            folder = write_crash_report(exc, match)
            print(f"A crash report was written to {folder}", file=sys.stderr)
            with suppress(AttributeError, TypeError):
                exc.crash_reported = True  # type: ignore[attr-defined]  # the CLI skips a 2nd
        except OSError as write_exc:
            print(f"(could not write a crash report: {write_exc})", file=sys.stderr)
        raise
