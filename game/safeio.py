"""Reading untrusted files: regular files only, bounded in size, never leaving a folder.

A path given by a level, a save or the user may name a FIFO (reading it blocks
forever), a device (endless data), a folder, or a link to a file elsewhere. `read_regular`
opens without blocking, checks what it opened, and reads at most a bounded number of
bytes; every refusal is an `UnsafeFileError` with a sentence for the user.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


class UnsafeFileError(OSError):
    """A file that cannot or must not be read; `strerror` says why in words."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(message)
        self.strerror = message
        self.reason = message
        self.filename = str(path)

    def __str__(self) -> str:
        return f"{self.filename}: {self.reason}"


def kind_of(mode: int) -> str:
    """What a file mode is, in words ('a regular file', 'a named pipe (FIFO)', ...)."""
    if stat.S_ISREG(mode):
        return "a regular file"
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def inside(path: Path, folder: Path) -> bool:
    """Whether `path`, with every link followed, stays inside `folder`."""
    try:
        return path.resolve(strict=True).is_relative_to(folder.resolve(strict=True))
    except (OSError, RuntimeError):  # missing, or a link loop
        return False


def read_regular(path: str | os.PathLike[str], max_bytes: int, within: Path | None = None) -> bytes:
    """The bytes of a regular file of at most `max_bytes`.

    With `within`, the file (links followed) must lie inside that folder. Raises
    FileNotFoundError if there is no file, UnsafeFileError for a FIFO, device, folder,
    socket, a link leaving `within` or a file too large, and OSError if it cannot be read.
    """
    target = Path(path)
    if within is not None and target.is_symlink() and not inside(target, within):
        raise UnsafeFileError(
            target, "is a link to a file outside its folder; copy the file in instead"
        )
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_BINARY", 0)
    fd = os.open(target, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnsafeFileError(target, f"is {kind_of(info.st_mode)}, not a regular file")
        if info.st_size > max_bytes:
            raise UnsafeFileError(target, f"is larger than the limit of {max_bytes} bytes")
        chunks: list[bytes] = []
        size = 0
        while size <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > max_bytes:  # it grew while we read
            raise UnsafeFileError(target, f"is larger than the limit of {max_bytes} bytes")
        return b"".join(chunks)
    finally:
        os.close(fd)
