"""Drive the real game window on a private X server: Xvfb, xdotool clicks and keys, and
root-window screenshots (ImageMagick `import`, or `xwd` + `convert`).

Used by tests/test_ui_x11_end_to_end.py. Every process it starts is ended by its own id.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pygame

ROOT = Path(__file__).resolve().parents[1]
SIZE = (1280, 720)


def missing_tools() -> list[str]:
    """The X tools this driver needs that are not installed (empty when all are)."""
    missing = [tool for tool in ("Xvfb", "xdotool") if shutil.which(tool) is None]
    has_import = shutil.which("import") is not None
    has_xwd = shutil.which("xwd") is not None and shutil.which("convert") is not None
    if not (has_import or has_xwd):
        missing.append("import (imagemagick) or xwd + convert")
    return missing


@contextlib.contextmanager
def xvfb(log: Path, size: tuple[int, int] = SIZE) -> Iterator[str]:
    """A private Xvfb server on a free display (Xvfb picks it: -displayfd), its messages
    in the file `log`; yields ':N'. Raises RuntimeError if it does not start."""
    read_end, write_end = os.pipe()
    messages = log.open("wb")
    screen = f"{size[0]}x{size[1]}x24"
    command = ["Xvfb", "-displayfd", str(write_end), "-screen", "0", screen, "-nolisten", "tcp"]
    proc = subprocess.Popen(
        [*command, "-noreset"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=messages,
    )
    os.close(write_end)
    try:
        number = b""
        deadline = time.monotonic() + 15
        while not number.endswith(b"\n") and time.monotonic() < deadline:
            ready, _, _ = select.select([read_end], [], [], 0.5)
            if ready:
                chunk = os.read(read_end, 16)
                if not chunk:
                    break
                number += chunk
        if not number.strip().isdigit():
            err = log.read_text(errors="replace")[-2000:]
            raise RuntimeError(f"Xvfb did not start (no display number): {err}")
        yield f":{number.strip().decode()}"
    finally:
        os.close(read_end)
        _end(proc)
        messages.close()


def _end(proc: subprocess.Popen[bytes]) -> None:
    """Terminate one process we started (then kill it if it lingers)."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


class WindowDriver:
    """`python main.py` in a real SDL x11 window on `display`, with its data folder in
    `data_dir`; clicks, keys and numbered screenshots into `shots`."""

    def __init__(self, display: str, data_dir: Path, shots: Path) -> None:
        self.display = display
        self.shots = shots
        self.count = 0
        env = dict(os.environ)
        env.update(
            DISPLAY=display,
            SDL_VIDEODRIVER="x11",
            SDL_AUDIODRIVER="dummy",
            SAHEL_CRISIS_DATA_DIR=str(data_dir),
            PYTHONDONTWRITEBYTECODE="1",
        )
        self.env = env
        self.out = (shots / "game.stdout.txt").open("wb")
        self.err_path = shots / "game.stderr.txt"
        self.err = self.err_path.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, "main.py"], cwd=ROOT, env=env, stdout=self.out, stderr=self.err
        )
        self.window = ""

    # --- process ------------------------------------------------------------------------
    def alive(self) -> bool:
        """Whether the game process is still running."""
        return self.proc.poll() is None

    def stderr(self) -> str:
        """What the game wrote on stderr so far."""
        return self.err_path.read_text(encoding="utf-8", errors="replace")

    def close(self) -> None:
        """End the game process (if still running) and close its log files."""
        _end(self.proc)
        self.out.close()
        self.err.close()

    def _x(self, *args: str) -> str:
        done = subprocess.run(
            ["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=10
        )
        return done.stdout.strip()

    def wait_window(self, timeout: float = 20) -> None:
        """Wait until the game's window is mapped; raises AssertionError if it never is."""
        # Found by the process id SDL puts on it (_NET_WM_PID). Not --onlyvisible (with no
        # window manager xdotool never counts a window as visible), not --name (the title
        # is not always readable through WM_NAME).
        # The id is taken from the same search that found it, and only once two searches
        # 0.1 s apart agree: under load SDL can map and replace its first window, and a
        # second, separate search then finds nothing (CI saw an IndexError there).
        pid = str(self.proc.pid)
        seen: list[str] = []

        def settled() -> bool:
            ids = self._x("search", "--pid", pid).split()
            same = bool(ids) and ids == seen
            seen[:] = ids
            return same

        self.until(settled, timeout, "the window")
        self.window = seen[-1]
        self._x("windowfocus", self.window)

    def until(self, test: Callable[[], bool], timeout: float, what: str = "") -> None:
        """Poll `test` until it holds; AssertionError (with the game's stderr) after
        `timeout` seconds or when the game process ended."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if test():
                return
            if not self.alive():
                break
            time.sleep(0.1)
        state = "running" if self.alive() else f"exited with {self.proc.returncode}"
        raise AssertionError(
            f"timed out waiting for {what or 'the window'} (game {state}); "
            f"screenshots in {self.shots}; stderr:\n{self.stderr()[-2000:]}"
        )

    # --- input ----------------------------------------------------------------------------
    def move(self, x: int, y: int) -> None:
        """Move the pointer to (x, y) inside the window."""
        self._x("mousemove", "--window", self.window, str(x), str(y))

    def click(self, x: int, y: int) -> None:
        """Move to (x, y), let the window see the pointer there, and left-click."""
        self.move(x, y)
        time.sleep(0.15)
        self._x("click", "1")

    def key(self, *names: str) -> None:
        """Press and release each key (xdotool names: Return, e, ctrl+s)."""
        for name in names:
            self._x("key", name)
            time.sleep(0.12)

    # --- screenshots ------------------------------------------------------------------
    def grab(self, path: Path) -> str:
        """Save the whole screen as PNG at `path`; returns a digest of its pixels above
        the news ticker (the bottom 36 rows), so a scrolling headline is not a change."""
        if shutil.which("import"):
            cmd = ["import", "-window", "root", str(path)]
            subprocess.run(cmd, env=self.env, check=True, capture_output=True, timeout=15)
        else:
            xwd = subprocess.run(
                ["xwd", "-root", "-silent"], env=self.env, check=True, capture_output=True
            )
            subprocess.run(
                ["convert", "xwd:-", str(path)], input=xwd.stdout, check=True, timeout=15
            )
        image = pygame.image.load(str(path))
        upper = image.subsurface(pygame.Rect(0, 0, image.get_width(), image.get_height() - 36))
        return hashlib.sha256(pygame.image.tobytes(upper, "RGB")).hexdigest()

    def shot(self, name: str) -> tuple[Path, str]:
        """The next numbered screenshot, `NN-name.png`: (path, pixel digest)."""
        self.count += 1
        path = self.shots / f"{self.count:02d}-{name}.png"
        return path, self.grab(path)

    def act(self, name: str, do: Callable[[], object], timeout: float = 10) -> str:
        """Do one step (`do`), wait until the screen changes and settles, and take its
        screenshot `NN-name.png`; returns its pixel digest. AssertionError if the screen
        never changes."""
        probe = self.shots / "probe.png"
        before = self.grab(probe)
        do()
        self.until(lambda: self.grab(probe) != before, timeout, f"the screen to change ({name})")
        last, deadline = self.grab(probe), time.monotonic() + 3
        while time.monotonic() < deadline:  # settled: two equal pictures in a row
            time.sleep(0.2)
            now = self.grab(probe)
            if now == last:
                break
            last = now
        probe.unlink(missing_ok=True)
        return self.shot(name)[1]

    def click_step(self, x: int, y: int, name: str) -> str:
        """`act` for a left click at (x, y): the pointer moves there first, so the
        button's hover highlight is not mistaken for the click's effect."""
        self.move(x, y)
        time.sleep(0.2)
        return self.act(name, lambda: self._x("click", "1"))

    def key_step(self, name: str, *keys: str) -> str:
        """`act` for key presses."""
        return self.act(name, lambda: self.key(*keys))
