"""Crash-safe file writing: a temporary file in the same folder, fsync, then rename.

A destination is never trusted: only a regular file or a new path is replaced (never
a device node, FIFO, socket, folder or symbolic link), it can be checked before the
long work that produces the data starts (`check_destination`), and temporary files
left by interrupted writes are removed on the next write into the same folder.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import time
from pathlib import Path

TEMP_SUFFIX = ".sahel-tmp"
STALE_AFTER_S = 3600.0  # a temp file this old is left over whatever wrote it
# ".<name>.<random>.<pid>.sahel-tmp" (ours) or ".<name>.<random>.tmp" (older versions)
_OURS = re.compile(r"^\..+\.[a-z0-9_]{8}\.(?P<pid>\d+)\.sahel-tmp$")
_OLD = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")


class DestinationError(OSError):
    """A path that must not be written: says what it is and what to do instead."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(message)
        self.strerror = message
        self.reason = message
        self.filename = str(path)
        self.message = f"{path}: {message}"

    def __str__(self) -> str:
        return self.message


def _kind(mode: int) -> str | None:
    """What a non-regular file is, in words (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _nearest_folder(path: Path) -> Path:
    """The nearest existing ancestor of `path` (the folder a write would create from)."""
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder


def check_destination(path: str | os.PathLike[str], probe: bool = True) -> Path:
    """Check that `path` may be written (a regular file or a new path in a writable
    folder) without writing it; returns it. `probe=False` skips the writable-folder
    test (a temporary file). Raises DestinationError saying why not."""
    target = Path(path)
    try:
        info = os.lstat(target)
    except (FileNotFoundError, NotADirectoryError):
        info = None
    except OSError as exc:
        raise DestinationError(target, f"cannot be checked ({exc.strerror})") from None
    if info is not None:
        if stat.S_ISLNK(info.st_mode):
            raise DestinationError(
                target, "is a symbolic link; give the path of a regular file instead"
            )
        kind = _kind(info.st_mode)
        if kind is not None:
            raise DestinationError(
                target, f"is {kind}, not a file; give the path of a new or regular file"
            )
    if not probe:
        return target
    folder = _nearest_folder(target)
    if not folder.is_dir():
        raise DestinationError(target, f"{folder} is not a folder")
    try:
        fd, probe_name = tempfile.mkstemp(prefix=".write-check.", suffix=TEMP_SUFFIX, dir=folder)
    except OSError as exc:
        raise DestinationError(
            target, f"the folder {folder} is not writable ({exc.strerror})"
        ) from None
    os.close(fd)
    with contextlib.suppress(OSError):
        os.unlink(probe_name)
    return target


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":  # pragma: no cover - no cheap liveness check; age decides
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists but belongs to someone else
        return True
    return True


def clean_stale_temps(folder: str | os.PathLike[str]) -> int:
    """Remove temporary files that interrupted writes left in `folder` (ours whose
    process is gone, or any over an hour old); returns how many. Never raises."""
    removed = 0
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        name = entry.name
        ours = _OURS.match(name)
        if ours is None and not _OLD.match(name):
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER_S
            if old or (ours is not None and not _alive(int(ours["pid"]))):
                os.unlink(entry.path)
                removed += 1
        except OSError:
            continue
    return removed


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Replace `path` with `data` so that readers see the old or the new file, never half.

    Creates parent folders and removes stale temporary files there. Raises
    DestinationError (an OSError) if `path` is a device, FIFO, folder, socket or
    symbolic link, and OSError if the folder is not writable; the old file is then
    left as it was.
    """
    target = check_destination(path, probe=False)
    folder = target.parent
    folder.mkdir(parents=True, exist_ok=True)
    clean_stale_temps(folder)
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=f".{os.getpid()}{TEMP_SUFFIX}", dir=folder
    )
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        check_destination(target, probe=False)  # it may have changed while we wrote
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    _fsync_dir(folder)
    return target


def _fsync_dir(folder: Path) -> None:
    """Make the rename durable (best effort: not every platform can open folders)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
