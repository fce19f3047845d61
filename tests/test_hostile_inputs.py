"""The hostile-input corpus: every case runs `python main.py ...` as a subprocess under a
memory cap and a time limit, and must end in a clear, located message (issue 20).

A case passes when the process exits with its expected code (0, or 1 for every refused
input: a bad file or a mistyped argument, which names the option; 2 is only an internal
error, which never passes), prints its expected message, never
prints "internal error" or a traceback, stays under MEMORY_CAP and answers within
TIME_LIMIT_S. Large inputs are generated in a temporary folder at test time
(`tests/hostile/builders.py`). `HOSTILE_GAME_ROOT=/path/to/checkout` runs the corpus
against another checkout (to count what an older version gets wrong).
"""

from __future__ import annotations

import json
import os
import resource
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from game.content import load_level
from game.saves import save_match
from tests.conftest import MINI, ROOT
from tests.hostile import builders as b
from tests.test_saves_format import random_match

MEMORY_CAP = 1024 * 1024 * 1024  # address space of each case's process (RLIMIT_AS)
TIME_LIMIT_S = 30.0
PARALLEL = 2
GAME_ROOT = Path(os.environ.get("HOSTILE_GAME_ROOT", ROOT))

Setup = Callable[[Path], list[str]]  # builds the inputs under a folder, returns the argv


@dataclass(frozen=True)
class Case:
    """One hostile input: how to build it, the exit code and message expected."""

    id: str
    setup: Setup
    code: int
    expect: str  # a fragment of stdout + stderr


@dataclass
class Outcome:
    case: Case
    code: int | None
    output: str
    seconds: float


def _save(folder: Path, level: Path = b.TUTORIAL) -> Path:
    path = folder / "game.json"
    save_match(random_match(load_level(level), 5), path)
    return path


def _edited(folder: Path, **changes: object) -> Path:
    return b.edited_save(_save(folder), folder / "edited.json", **changes)


def _save_pointing_at(folder: Path) -> Path:
    bomb = b.scalar_alias_bomb(folder / "bomb", 60_000, 20_000)
    data = json.loads(_save(folder, MINI).read_text())
    data["level"] = {**data["level"], "id": "no_such_level", "folder": str(bomb)}
    (folder / "x.json").write_text(json.dumps(data))
    return folder / "x.json"


def _fifo(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    return path


def _written(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def _symlink(link: Path, target: Path) -> Path:
    link.symlink_to(target)
    return link


def _dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def _device(path: Path) -> Path:
    os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 7))  # like /dev/full, made here
    return path


def _big_files(folder: Path) -> Path:
    level = b.copy_level(MINI, folder / "lvl")
    for i in range(5):
        (level / f"pad{i}.yaml").write_text("# " + "x" * 1_900_000 + "\n")
    return level


def _text_level(folder: Path, text: str | bytes) -> Path:
    level = folder / "lvl"
    level.mkdir()
    data = text.encode() if isinstance(text, str) else text
    (level / "level.yaml").write_bytes(data)
    return level


def _laughs(folder: Path) -> Path:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    return _text_level(folder, "\n".join(lines) + "\n")


def validate(build: Callable[[Path], Path]) -> Setup:
    return lambda folder: ["validate", str(build(folder))]


def rule_tests(build: Callable[[Path], Path]) -> Setup:
    return lambda folder: ["test", str(build(folder))]


def replay(build: Callable[[Path], Path]) -> Setup:
    return lambda folder: ["replay", str(build(folder)), "--verify"]


HEADLESS = ["play", "tutorial", "--headless", "--quiet", "--seed", "3"]
WINDOW_ROUND = ["play", "tutorial", "--seat", "all=random", "--max-rounds", "1", "--screenshots"]
USAGE = "error: argument "

CASES: list[Case] = [
    # levels (issue 20, case 2 and 4)
    Case(
        "level: 1.7 MB scalar alias x 60,000",
        validate(lambda f: b.scalar_alias_bomb(f / "lvl", 60_000, 1_400_000)),
        1,
        "characters of text",
    ),
    Case(
        "level: 300 KB scalar alias x 60,000",
        validate(lambda f: b.scalar_alias_bomb(f / "lvl", 60_000, 60_000)),
        1,
        "characters of text",
    ),
    Case("level: billion laughs", validate(_laughs), 1, "values (alias bomb?)"),
    Case(
        "level: 8,000 region actions x 8,000 regions",
        validate(lambda f: b.many_regions_and_actions(f / "lvl", 8000, 8000)),
        1,
        "more than the limit of",
    ),
    Case(
        "level: 200 factions x 3,000 regions x 20 values",
        validate(lambda f: b.many_factions_regions_values(f / "lvl", 200, 3000, 20)),
        1,
        "more than the limit of",
    ),
    Case(
        "level: at the limits still loads",
        validate(lambda f: b.many_regions_and_actions(f / "lvl", 254, 77)),
        0,
        "OK mini",
    ),
    Case(
        "level: rounds 0x + 5,000 hex digits",
        validate(lambda f: b.long_number_level(f / "lvl")),
        1,
        "level.yaml:7:11: this number is longer",
    ),
    Case(
        "level: rounds 0o + 5,000 octal digits",
        validate(lambda f: b.long_number_level(f / "lvl", "0o", "7")),
        1,
        "level.yaml:7:11: this number is longer",
    ),
    Case(
        "level: nested 10,000 deep",
        validate(lambda f: _text_level(f, "a: " + "[" * 10_000 + "]" * 10_000)),
        1,
        "level.yaml:1:",
    ),
    Case(
        "level: a 3 MB file",
        validate(lambda f: _text_level(f, "# " + "x" * 3_000_000)),
        1,
        "larger than 2000000 bytes",
    ),
    Case("level: 9.5 MB over five files", validate(_big_files), 1, "bytes together"),
    Case(
        "level: not UTF-8",
        validate(lambda f: _text_level(f, b"level:\n  id: \xff\xfe\n")),
        1,
        "level.yaml:2:",
    ),
    Case(
        "level: NUL bytes",
        validate(lambda f: _text_level(f, "level: {id: x}\n\x00")),
        1,
        "NUL bytes",
    ),
    Case(
        "level: level.yaml is a FIFO",
        validate(lambda f: _fifo(f / "lvl" / "level.yaml").parent),
        1,
        "not a regular file",
    ),
    Case(
        "level: ai_value.json nested 3,000 deep",
        validate(lambda f: b.deep_value_model(f / "lvl")),
        1,
        "ai_value.json:1:1: not usable JSON",
    ),
    Case(
        "level: ai_value.json with a 5,000-digit integer",
        validate(lambda f: b.long_int_value_model(f / "lvl")),
        1,
        "ai_value.json:1:1: not usable JSON",
    ),
    Case(
        "level: ai_value.json links outside the level",
        validate(lambda f: b.linked_value_model(f / "lvl")),
        1,
        "ai_value.json:1:1: is a link to a file outside its folder",
    ),
    Case(
        "level: a 1 MB single-line name",
        validate(lambda f: b.long_string_level(f / "lvl")),
        1,
        "name: is too long",
    ),
    Case(
        "level: level.yaml a link to /dev/urandom",
        validate(lambda f: _symlink(_dir(f / "lvl") / "level.yaml", Path("/dev/urandom")).parent),
        1,
        "links outside the level folder",
    ),
    Case(
        "level: ai_value.json holding NaN",
        validate(lambda f: b.nan_value_model(f / "lvl")),
        1,
        "ai_value.json:1:1: members.0 holds a number that is not finite",
    ),
    # rule-test files (case 4 and 7)
    Case(
        "rule tests: 16,000 errors",
        rule_tests(lambda f: b.rule_tests_with_errors(f / "lvl")),
        1,
        "more problems in this file",
    ),
    Case(
        "rule tests: 150,000 errors",
        rule_tests(lambda f: b.rule_tests_with_errors(f / "lvl", 37_500)),
        1,
        "more than 200000 values",
    ),
    Case(
        "rule tests: a link to another level's tests",
        rule_tests(lambda f: b.linked_rule_tests(f / "lvl")),
        1,
        "is a link to a file outside its folder",
    ),
    # saves (case 2, 4 and 7)
    Case(
        "save: a counter of 2**63",
        replay(lambda f: _edited(f, last_counter=2**63)),
        1,
        "outside its bounds",
    ),
    Case("save: version true", replay(lambda f: _edited(f, version=True)), 1, "version True"),
    Case("save: version 1.0", replay(lambda f: _edited(f, version=1.0)), 1, "version 1.0"),
    Case(
        "save: seed with 5,000 digits",
        replay(lambda f: _edited(f, seed=10**4000)),
        1,
        "error: ",
    ),
    Case(
        "save: unknown level id, folder pointing at an alias bomb",
        replay(_save_pointing_at),
        1,
        "characters of text",
    ),
    Case("save: a FIFO", replay(lambda f: _fifo(f / "save.json")), 1, "named pipe"),
    Case(
        "save: a link to /dev/zero",
        replay(lambda f: _symlink(f / "zero.json", Path("/dev/zero"))),
        1,
        "is a device, not a save file",
    ),
    Case(
        "save: 10**6 nested arrays",
        replay(lambda f: _written(f / "deep.json", "[" * 1_000_000)),
        1,
        "nested deeper than",
    ),
    Case(
        "save: nested 100,000 deep",
        replay(lambda f: _text_level(f, "[" * 100_000).parent / "lvl" / "level.yaml"),
        1,
        "nested deeper than",
    ),
    Case(
        "save: 17 MB",
        replay(lambda f: _text_level(f, " " * (17 * 1024 * 1024)).parent / "lvl" / "level.yaml"),
        1,
        "too large to be a save",
    ),
    # settings (case 4)
    Case(
        "settings: settings.json is a FIFO",
        lambda f: (
            _fifo(f / "userdata" / "settings.json"),
            [
                "play",
                "tutorial",
                "--seat",
                "all=random",
                "--max-rounds",
                "1",
                "--screenshots",
                str(f / "shots"),
            ],
        )[1],
        0,
        "named pipe (FIFO)",
    ),
    Case(
        "settings: settings.json nested 100,000 deep",
        lambda f: (
            _written(f / "userdata" / "settings.json", "[" * 100_000),
            [
                "play",
                "tutorial",
                "--seat",
                "all=random",
                "--max-rounds",
                "1",
                "--screenshots",
                str(f / "shots"),
            ],
        )[1],
        0,
        "using the default settings",
    ),
    Case(
        "settings: settings.json a link to /dev/zero",
        lambda f: (
            _symlink(_dir(f / "userdata") / "settings.json", Path("/dev/zero")),
            [*WINDOW_ROUND, str(f / "shots")],
        )[1],
        0,
        "it is a device, not a regular file",
    ),
    # command-line arguments (cases 3 to 6)
    Case(
        "cli: --ai-budget-ms 10**15",
        lambda f: [*HEADLESS, "--ai-budget-ms", str(10**15)],
        1,
        USAGE + "--ai-budget-ms",
    ),
    Case("cli: --ai-budget-ms -5", lambda f: [*HEADLESS, "--ai-budget-ms", "-5"], 1, USAGE),
    Case(
        "cli: --epochs 10**9",
        lambda f: ["train-ai", "tutorial", "--epochs", str(10**9)],
        1,
        USAGE + "--epochs",
    ),
    Case("cli: --workers 0", lambda f: ["simulate", "tutorial", "--workers", "0"], 1, USAGE),
    Case(
        "cli: simulate --games 10**12",
        lambda f: ["simulate", "tutorial", "--games", str(10**12), "--out", str(f / "out")],
        1,
        USAGE + "--games",
    ),
    Case(
        "cli: --ai-budget-ms 1e9",
        lambda f: [*HEADLESS, "--ai-budget-ms", "1e9"],
        1,
        USAGE + "--ai-budget-ms: '1e9' is not a whole number",
    ),
    Case(
        "cli: play --save under a file",
        lambda f: [*HEADLESS, "--save", str(_written(f / "plain", "keep") / "game.json")],
        1,
        "is not a folder",
    ),
    Case(
        "cli: play --seed 2**200",
        lambda f: [*HEADLESS[:-1], str(2**200)],
        1,
        USAGE + "--seed",
    ),
    Case(
        "cli: an unreachable --ray-address",
        lambda f: [
            "simulate",
            "tutorial",
            "--games",
            "2",
            "--backend",
            "ray",
            "--ray-address",
            "127.0.0.1:1",
            "--out",
            str(f / "out"),
        ],
        1,
        "error: ",
    ),
    Case(
        "cli: play --save into a folder",
        lambda f: [*HEADLESS, "--save", str(f)],
        1,
        "is a folder, not a file",
    ),
    Case(
        "cli: play --save onto a device",
        lambda f: [*HEADLESS, "--save", str(_device(f / "full"))],
        1,
        "is a device",
    ),
    Case(
        "cli: play --json onto a FIFO",
        lambda f: [*HEADLESS, "--json", str(_fifo(f / "pipe"))],
        1,
        "named pipe",
    ),
    Case(
        "cli: play --save through a symlink",
        lambda f: (
            _symlink(f / "link.json", _written(f / "real.json", "keep")),
            [*HEADLESS, "--save", str(f / "link.json")],
        )[1],
        1,
        "is a symbolic link",
    ),
    Case(
        "cli: simulate --out onto a file",
        lambda f: (
            (f / "file").write_text("keep"),
            ["simulate", "tutorial", "--games", "2", "--out", str(f / "file")],
        )[1],
        1,
        "is not a folder",
    ),
    Case(
        "cli: simulate --workers 1000 for 2 games",
        lambda f: [
            "simulate",
            "tutorial",
            "--games",
            "2",
            "--workers",
            "1000",
            "--seat",
            "all=random",
            "--no-progress",
            "--out",
            str(f / "out"),
        ],
        0,
        "instead of 1000",
    ),
    Case(
        "cli: play --seed 2**63-1 --save, then replay it",
        lambda f: [*HEADLESS[:-1], str(2**63 - 1), "--save", str(f / "s.json")],
        0,
        "",
    ),
]


def _limit() -> None:  # runs in the child before exec
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run_case(case: Case, folder: Path) -> Outcome:
    """Build the case's inputs in `folder`, run it, and collect what it printed."""
    folder.mkdir(parents=True)
    argv = case.setup(folder)
    env = {
        **os.environ,
        "SAHEL_CRISIS_DATA_DIR": str(folder / "userdata"),
        "SDL_VIDEODRIVER": "dummy",
        "SDL_AUDIODRIVER": "dummy",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
    }
    start = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, "main.py", *argv],
            cwd=GAME_ROOT,
            env=env,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=TIME_LIMIT_S,
            preexec_fn=_limit,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired as exc:
        out = (exc.stdout or b"").decode(errors="replace") if isinstance(exc.stdout, bytes) else ""
        return Outcome(case, None, out, time.perf_counter() - start)
    return Outcome(case, done.returncode, done.stdout + done.stderr, time.perf_counter() - start)


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    root = tmp_path_factory.mktemp("hostile")
    with ThreadPoolExecutor(PARALLEL) as pool:
        futures = {
            c.id: pool.submit(run_case, c, root / f"case{i:02d}") for i, c in enumerate(CASES)
        }
        return {k: f.result() for k, f in futures.items()}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_a_hostile_input_ends_in_a_clear_located_message(
    case: Case, outcomes: dict[str, Outcome]
) -> None:
    got = outcomes[case.id]
    assert got.code is not None, f"no answer within {TIME_LIMIT_S:g} s (a hang)"
    assert "internal error" not in got.output and "Traceback" not in got.output, got.output
    assert got.code in (0, 1), got.output[-2000:]
    assert got.code == case.code, got.output[-2000:]
    assert case.expect in got.output, got.output[-2000:]


def test_the_corpus_reports_its_worst_case(outcomes: dict[str, Outcome]) -> None:
    worst = max(outcomes.values(), key=lambda o: o.seconds)
    print(
        f"\nhostile corpus: {len(outcomes)} cases, memory cap {MEMORY_CAP // 2**20} MiB, "
        f"worst {worst.seconds:.1f} s ({worst.case.id})"
    )
    assert worst.seconds < TIME_LIMIT_S
