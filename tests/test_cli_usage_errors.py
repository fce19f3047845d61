"""A mistyped command line is a usage error: exit 1 and one line on stderr naming what is
wrong (bad flags, bad values, missing files) and the command's --help to run, never a
traceback (issue 20). Exit 2 means only an internal error (a bug), so a script can tell
the two apart.

Every command is tried; the problems in a file's contents (a broken level, a bad save)
are exit 1 too, with located messages (tests/test_hostile_inputs.py)."""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.cli import main
from tests.conftest import ROOT

MISSING = "/no/such/place/anywhere"
HEADLESS = ["play", "tutorial", "--headless", "--quiet"]

CASES: dict[str, tuple[list[str], str]] = {
    # the command itself
    "an unknown command": (["conquer"], "invalid choice: 'conquer'"),
    "an unknown global flag": (["--turbo"], "unrecognized arguments: --turbo"),
    # validate / info / schema
    "validate with no level": (["validate"], "the following arguments are required: level"),
    "validate a missing level": (["validate", "no_such_level"], "no such level folder"),
    "validate a missing path": (["validate", MISSING], "no such level folder"),
    "validate an unknown flag": (["validate", "tutorial", "--lenient"], "unrecognized"),
    "info a missing level": (["info", "nigerr_2023"], "did you mean 'niger_2023'"),
    "info an unknown flag": (["info", "tutorial", "--yaml"], "unrecognized arguments: --yaml"),
    "schema an extra argument": (["schema", "tutorial"], "unrecognized arguments: tutorial"),
    # test
    "test a missing level": (["test", "tutorial", "no_such_level"], "no such level folder"),
    "test -k without text": (["test", "-k"], "argument -k: expected one argument"),
    # play
    "play a missing level": (["play", "no_such_level", "--headless"], "no such level folder"),
    "play a negative seed": ([*HEADLESS, "--seed", "-1"], "argument --seed"),
    "play a word for a seed": ([*HEADLESS, "--seed", "one"], "argument --seed"),
    "play an unknown faction's seat": ([*HEADLESS, "--seat", "nobody=random"], "--seat"),
    "play an unknown agent": ([*HEADLESS, "--seat", "all=genius"], "unknown agent 'genius'"),
    "play a seat without an agent": ([*HEADLESS, "--seat", "mediator"], "argument --seat"),
    "play too many rounds": (["play", "tutorial", "--max-rounds", "999"], "--max-rounds"),
    "play --json without a file": ([*HEADLESS, "--json"], "argument --json"),
    "play an unknown flag": ([*HEADLESS, "--fast"], "unrecognized arguments: --fast"),
    # simulate
    "simulate a missing level": (["simulate", MISSING], "no such level folder"),
    "simulate a word for games": (["simulate", "tutorial", "--games", "lots"], "--games"),
    "simulate an unknown backend": (["simulate", "tutorial", "--backend", "k8s"], "--backend"),
    "simulate a human seat": (["simulate", "tutorial", "--seat", "all=human"], "no human seats"),
    "simulate an unknown agent": (["simulate", "tutorial", "--seat", "all=x"], "--seat"),
    "simulate a Ray address without Ray": (
        ["simulate", "tutorial", "--ray-address", "127.0.0.1:6379"],
        "--ray-address: needs --backend ray",
    ),
    # expect
    "expect a missing level": (["expect", "no_such_level"], "no such level folder"),
    "expect zero games": (["expect", "niger_2023", "--games", "0"], "argument --games"),
    "expect an unknown seat set": (["expect", "niger_2023", "--seats", "nobody"], "--seats"),
    # train-ai
    "train-ai a missing level": (["train-ai", "no_such_level"], "no such level folder"),
    "train-ai a word for hidden": (["train-ai", "tutorial", "--hidden", "wide"], "--hidden"),
    "train-ai an unknown flag": (["train-ai", "tutorial", "--gpu"], "unrecognized"),
    # replay
    "replay with no save": (["replay"], "the following arguments are required: save"),
    "replay a missing save": (["replay", f"{MISSING}.json"], "no such file"),
    "replay an unknown flag": (["replay", str(ROOT / "README.md"), "--fix"], "unrecognized"),
}


@pytest.fixture(autouse=True)
def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAHEL_CRISIS_DATA_DIR", str(tmp_path / "userdata"))
    monkeypatch.chdir(tmp_path)  # nothing written next to the checkout by accident


def _run(argv: list[str]) -> int:
    try:
        return main(argv)
    except SystemExit as exc:
        return int(exc.code or 0)


@pytest.mark.parametrize("case", list(CASES), ids=str)
def test_a_mistyped_command_line_exits_1_with_one_line_naming_the_problem_and_the_help(
    case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv, fragment = CASES[case]
    code = _run(argv)
    out, err = capsys.readouterr()
    lines = err.strip().splitlines()
    assert code == 1, err
    assert len(lines) == 1, err
    assert fragment in lines[0]
    command = argv[0] if argv[0] in _commands() else None
    prog = f"python main.py {command}" if command else "python main.py"
    assert lines[0].startswith(f"{prog}: error: "), lines[0]
    assert lines[0].endswith(f"(run '{prog} --help')"), lines[0]
    assert "Traceback" not in out + err and "internal error" not in out + err


def test_only_an_internal_error_exits_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bug (here: loading raises) is exit 2; the same command mistyped is exit 1."""
    import game.console as console

    def boom(level: str) -> None:
        raise RuntimeError("kaboom")

    monkeypatch.setattr(console, "open_level", boom)
    assert _run(["validate", "tutorial"]) == 2
    assert "internal error: RuntimeError: kaboom" in capsys.readouterr().err
    assert _run(["validate", "tutorial", "--lenient"]) == 1
    assert "internal error" not in capsys.readouterr().err
    assert _run(["--help"]) == 0
    assert "2 an internal error" in " ".join(capsys.readouterr().out.split())


def _commands() -> set[str]:
    from game.cli import build_parser

    actions = build_parser()._actions
    sub = next(a for a in actions if isinstance(a, argparse._SubParsersAction))
    return set(sub.choices)


def test_every_command_has_a_usage_error_case() -> None:
    commands = _commands()
    tried = {argv[0] for argv, _ in CASES.values()}
    assert commands <= tried, f"no case for {sorted(commands - tried)}"


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])  # nothing listens once the socket is closed


def test_an_unreachable_ray_address_fails_within_seconds_with_a_clear_message(
    tmp_path: Path,
) -> None:
    """A closed local port: the address is probed (bounded by a timeout) before Ray is
    imported or started, so this holds with Ray installed or not, and no game runs."""
    port = _closed_port()
    argv = ["simulate", "tutorial", "--games", "2", "--backend", "ray"]
    argv += ["--ray-address", f"127.0.0.1:{port}", "--out", str(tmp_path / "out")]
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "main.py", *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={"SAHEL_CRISIS_DATA_DIR": str(tmp_path / "userdata"), "PATH": "/usr/bin:/bin"},
    )
    took = time.monotonic() - start
    assert done.returncode == 1, done.stderr
    assert f"cannot reach a Ray cluster at 127.0.0.1:{port}" in done.stderr
    assert "Traceback" not in done.stderr
    assert took < 20, f"took {took:.1f} s"
    assert not (tmp_path / "out" / "report.json").exists()
