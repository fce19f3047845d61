"""`replay SAVE [--verify]`: re-run a save's history from its seed."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from game.engine import describe
from game.saves.errors import SaveFileError
from game.saves.format import SaveModel
from game.saves.replay import Replay
from game.saves.store import read_save, replay_save


def existing_file(text: str) -> str:
    """An argparse type: a path that exists (a save to read: a missing one is a usage
    error, exit 1; its kind and content are checked when it is read)."""
    try:
        present = os.path.lexists(text)
    except (OSError, ValueError):  # e.g. a NUL byte
        present = False
    if not present:
        raise argparse.ArgumentTypeError(f"no such file '{text[:200]}'")
    return text


def register(sub: Any) -> None:
    """Add the replay subcommand."""
    p = sub.add_parser("replay", help="replay a save file (--verify checks every round's hash)")
    p.add_argument(
        "save",
        type=existing_file,
        help="a save file written by the game or by play --save",
    )
    p.add_argument(
        "--verify",
        action="store_true",
        help="check every round's state hash; exit 1 at the first divergence",
    )
    p.add_argument("--quiet", action="store_true", help="do not print the narrative log")
    p.set_defaults(handler=cmd_replay)


def cmd_replay(args: argparse.Namespace) -> int:
    """Replay a save; with --verify exit 0 if every round matches, 1 naming the first that
    does not (or why the save cannot be read)."""
    try:
        model = read_save(args.save)
        result = replay_save(model)
    except SaveFileError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 1
    if not args.quiet and not args.verify:
        rules = result.match.rules
        for entry in result.match.log:
            print(describe(rules, entry))
    return report(model, result, args.save, verbose=args.verify)


def report(model: SaveModel, result: Replay, name: str, verbose: bool = True) -> int:
    """Print the verification verdict; returns the exit code: 0 when every round hash and the
    snapshot match (a changed level that plays out the same only adds a note), else 1."""
    rules = result.match.rules
    if result.level_changed:
        print(
            f"{name}: note: the level '{model.level.id}' changed since the save "
            f"(fingerprint {model.level.fingerprint} → {rules.fingerprint}); "
            "replaying under the new rules",
            file=sys.stderr,
        )
    if result.stopped is not None:
        print(
            f"{name}: divergence in round {result.stopped_round}: {result.stopped}", file=sys.stderr
        )
    if result.mismatch is not None:
        mm = result.mismatch
        print(
            f"{name}: divergence in round {mm.round}: state hash differs "
            f"(saved {mm.saved}, replayed {mm.replayed or 'nothing'})",
            file=sys.stderr,
        )
    if result.snapshot_problem is not None:
        print(f"{name}: {result.snapshot_problem}", file=sys.stderr)
    if not result.ok:
        return 1
    if verbose:
        print(
            f"OK {name}: level {model.level.id}, seed {model.seed}, {len(model.moves)} moves, "
            f"all {result.checked} round hashes match"
        )
    return 0
