"""`train-ai`: train a level's value model (`ai_value.json`) by greedy self-play."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from tqdm import tqdm

from game import cli_args
from game.console import DEFAULT_LEVEL, UserError
from game.content import ContentError

MEMBERS = 4  # the average of 4 networks moves far less with the seed than one network


def register(sub: Any) -> None:
    """Add the train-ai subcommand."""
    p = sub.add_parser(
        "train-ai",
        help="train the level's value model (ai_value.json) for factions with judge: learned",
    )
    p.add_argument(
        "level",
        nargs="?",
        type=cli_args.level_folder,
        default=DEFAULT_LEVEL,
        help="level name or folder",
    )
    p.add_argument(
        "--games",
        type=cli_args.train_games,
        default=6_000,
        help="self-play games per member (default 6000)",
    )
    p.add_argument(
        "--members",
        type=cli_args.int_in(1, 16),
        default=MEMBERS,
        help=f"networks in the ensemble, each on its own games (default {MEMBERS}; 1: one network)",
    )
    p.add_argument("--seed", type=cli_args.seed, default=0, help="first game's seed (default 0)")
    p.add_argument(
        "--workers",
        type=cli_args.workers,
        default=os.cpu_count() or 1,
        help="processes (default: all cores)",
    )
    p.add_argument("--hidden", type=cli_args.hidden, default=64, help="hidden units (default 64)")
    p.add_argument(
        "--epochs", type=cli_args.epochs, default=6, help="passes over the data (default 6)"
    )
    p.add_argument("--out", metavar="FILE", help="write here instead of LEVEL/ai_value.json")
    p.set_defaults(handler=cmd_train)


def cmd_train(args: argparse.Namespace) -> int:
    """Play, fit, write the model; print what it learned and how well it predicts."""
    # Loaded here, not at the top: training brings numpy (~0.13 s), which every other
    # command would pay for at start-up. Allow-listed in tests/test_import_graph.py.
    from game.sim.train import train_value

    if args.games < 10 or not 1 <= args.hidden <= 1024 or args.epochs < 1:
        raise UserError("use --games 10 or more, --hidden 1..1024 and --epochs 1 or more")
    with tqdm(
        total=args.games * args.members, unit="game", desc="self-play", file=sys.stderr
    ) as bar:
        try:
            report = train_value(
                args.level,
                games=args.games,
                seed=args.seed,
                workers=max(1, args.workers),
                hidden=args.hidden,
                epochs=args.epochs,
                out=Path(args.out) if args.out else None,
                progress=bar.update,
                members=args.members,
            )
        except ContentError as exc:
            raise UserError("\n".join(str(p) for p in exc.problems)) from None
        except OSError as exc:
            raise UserError(f"cannot write the value model: {exc.strerror}") from None
    wins = ", ".join(f"{k} {v}" for k, v in report.wins.items())
    games = f"{report.games} games"
    if report.members > 1:
        games += f", {report.games // report.members} for each of {report.members} networks"
    print(f"wrote {report.path} from {games} ({report.positions} positions)")
    print(f"winners: {wins}")
    if report.members > 1:
        each = ", ".join(f"{x:.4f}" for x in report.member_log_loss)
        print(f"judged by their average logits; alone, each has log-loss {each}")
    print(
        f"held-out games: log-loss {report.log_loss:.4f} per position "
        f"(naive guess {report.naive_log_loss:.4f}), likeliest winner right "
        f"{100 * report.accuracy:.1f}% of the time"
    )
    return 0
