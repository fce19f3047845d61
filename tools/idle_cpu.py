"""Measure the game window's CPU use while it waits for the player, in a real X server.

    python tools/idle_cpu.py [--seconds 20] [-- main.py arguments]

Starts `python main.py ARGS` under `xvfb-run` (1280×720), lets it settle, and prints the
share of one core its process used over the measuring window (from /proc, Linux only).
Without arguments it opens the niger_2023 play screen on the junta's (human) turn.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ["play", "niger_2023", "--seat", "junta=human", "--seat", "all=ai:normal"]


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def game_pid(parent: int) -> int | None:
    """The `python main.py` process started under `parent` (xvfb-run), if running."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            args = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        python = Path(args[0].decode(errors="replace")).name.startswith("python")
        if python and b"main.py" in args and _descends(int(entry.name), parent):
            return int(entry.name)
    return None


def _descends(pid: int, ancestor: int) -> bool:
    while pid > 1:
        if pid == ancestor:
            return True
        try:
            pid = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
        except OSError:
            return False
    return False


def main() -> int:
    """Run the measurement; exit 1 when xvfb-run is missing or the game did not start."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--settle", type=float, default=12.0)
    parser.add_argument("args", nargs="*", help="arguments for main.py")
    opts = parser.parse_args()
    if shutil.which("xvfb-run") is None:
        print("error: xvfb-run is not installed (apt-get install xvfb)", file=sys.stderr)
        return 1
    env = dict(os.environ, SDL_AUDIODRIVER="dummy")
    env["SAHEL_CRISIS_DATA_DIR"] = tempfile.mkdtemp(prefix="idle-cpu-")
    cmd = ["xvfb-run", "-a", "-s", "-screen 0 1280x720x24", sys.executable, "main.py"]
    runner = subprocess.Popen(
        [*cmd, *(opts.args or DEFAULT)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(opts.settle)
        pid = game_pid(runner.pid)
        if pid is None:
            print("error: the game window did not start", file=sys.stderr)
            return 1
        c0, t0 = cpu_seconds(pid), time.monotonic()
        time.sleep(opts.seconds)
        c1, t1 = cpu_seconds(pid), time.monotonic()
        print(f"idle CPU: {100 * (c1 - c0) / (t1 - t0):.1f}% of one core over {t1 - t0:.0f} s")
        os.kill(pid, 15)
        return 0
    finally:
        try:
            runner.wait(timeout=10)
        except subprocess.TimeoutExpired:
            runner.kill()


if __name__ == "__main__":
    sys.exit(main())
