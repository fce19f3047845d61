"""`play`: a game in the window, or headless in the terminal (AI and text-mode seats)."""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from typing import Any

from game import cli_args
from game.ai import agent_names
from game.atomic import check_destination
from game.console import DEFAULT_LEVEL, UserError, load_or_report, write_json
from game.content import ContentError, load_level
from game.crash import crash_guard
from game.headless import play_match, result_json
from game.match import Match
from game.saves import autosave_hook, save_match
from game.seats import HUMAN, SeatError, parse_seats
from game.ui.text_mode import after_move, ask_human, show_ending


def register(sub: Any) -> None:
    """Add the play subcommand."""
    p = sub.add_parser("play", help="play a level (window, or --headless in the terminal)")
    p.add_argument(
        "level",
        nargs="?",
        type=cli_args.level_folder,
        default=DEFAULT_LEVEL,
        help="level name or folder",
    )
    p.add_argument("--headless", action="store_true", help="no window: AI seats and text mode")
    p.add_argument("--seed", type=cli_args.seed, default=None, help="random seed (default: random)")
    p.add_argument(
        "--seat",
        action="append",
        default=[],
        metavar="FACTION=AGENT",
        help="who plays a faction: human, random, greedy, mcts, rollout, ai:easy|normal|hard; "
        "'all=AGENT' sets every seat not named otherwise (default: random, or ai:normal "
        "when a human plays)",
    )
    p.add_argument(
        "--ai-budget-ms",
        type=cli_args.budget_ms,
        default=None,
        help="CPU time per AI decision (ms)",
    )
    p.add_argument("--json", metavar="FILE", help="write the result as JSON ('-' for stdout)")
    p.add_argument("--save", metavar="FILE", help="write the finished game's save file")
    p.add_argument("--quiet", action="store_true", help="do not print the narrative log")
    p.add_argument("--screenshots", metavar="DIR", help="window mode: save a PNG every round")
    p.add_argument(
        "--max-rounds",
        type=cli_args.max_rounds,
        default=None,
        help="window mode: stop after N rounds",
    )
    p.set_defaults(handler=cmd_play)


def _seats(rules: Any, args: argparse.Namespace, default: str) -> list[str]:
    try:
        return parse_seats(rules, args.seat, default, agent_names())
    except SeatError as exc:  # a bad --seat is a usage error, like a bad number
        raise cli_args.UsageError("play", f"argument --seat: {exc}") from None


def _seed(args: argparse.Namespace) -> int:
    if args.seed is not None:
        return int(args.seed)
    return int.from_bytes(os.urandom(4), "little")


def _check_outputs(args: argparse.Namespace) -> None:
    """Refuse --save/--json paths that cannot be written (raises UserError)."""
    for path in (args.save, None if args.json == "-" else args.json):
        if path:
            try:
                check_destination(path)
            except OSError as exc:
                raise UserError(str(exc)) from None


def cmd_play(args: argparse.Namespace) -> int:
    """Play a level headless or in the window."""
    if not args.headless:
        return start_window(args)
    rules = load_or_report(args.level)
    if rules is None:
        return 1
    _check_outputs(args)  # before the game: a bad path must not cost the whole game
    # Unnamed seats: AI opponents worth playing against when a human sits in, and the
    # fast random agent for pure AI-vs-AI runs.
    has_human = any(spec.partition("=")[2] == HUMAN for spec in args.seat)
    seats = _seats(rules, args, "ai:normal" if has_human else "random")
    seed = _seed(args)
    human = None
    printer = None if args.quiet else print
    if HUMAN in seats:
        human = ask_human
        printer = None  # text mode shows each human seat only what that seat may see
    current: list[Match] = []

    def on_start(match: Match) -> None:
        current.append(match)
        if human is not None:  # a person is playing: autosave every round, as the window does
            match.on_round = autosave_hook

    with crash_guard(lambda: current[0] if current else None):
        match = play_match(
            rules,
            seed,
            seats,
            budget_ms=args.ai_budget_ms,
            human=human,
            on_log=printer,
            on_start=on_start,
            after_human=after_move if human is not None else None,
        )
    if human is not None and not args.quiet:
        show_ending(match, seats.index(HUMAN))
    result = result_json(match)
    if human is None and not args.quiet:  # a person has just read the ending in words
        winner = result["winner"] or "nobody"
        print(f"Result: {result['outcome']} — winner: {winner} — scores: {result['scores']}")
    if args.json:
        write_json(args.json, result)
    if args.save:
        save_match(match, args.save)
    return 0


def has_display() -> bool:
    """Whether a window can open: a display server, or an explicit SDL video driver."""
    if os.environ.get("SDL_VIDEODRIVER"):
        return True
    if sys.platform.startswith(("win", "darwin")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def terminal_command(level: str) -> str:
    """The headless command for the level asked for, you seated as its first faction."""
    try:
        first = load_level(level).factions[0].id
    except (ContentError, IndexError):
        first = ""
    seat = f" --seat {first}=human" if first else ""
    return f"python main.py play --headless {shlex.quote(level)}{seat} --seat all=ai:normal"


def start_window(args: argparse.Namespace) -> int:
    """Open the game window, or explain how to play without one."""
    if not has_display():
        command = terminal_command(getattr(args, "level", DEFAULT_LEVEL))  # none: bare main.py
        print(
            "No display found, so the game window cannot open.\n"
            f"Play in the terminal instead:  {command}\n"
            "(or set SDL_VIDEODRIVER=dummy to run the window off-screen).",
            file=sys.stderr,
        )
        return 1
    # Loaded here, not at the top: the window brings pygame and pygame_gui (~0.1 s, more
    # with the screens), which every other command would pay for at start-up.
    # Allow-listed in tests/test_import_graph.py.
    from game.ui.app import run_app

    return int(run_app(args))
