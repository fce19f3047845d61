"""Calibration of the offer estimate (issue 22): does "accepted on k of 8 guesses" come true
about k times in 8?

Games are played with the same preset in every seat (`ai:normal` by default). At a
proposer's first decision of each turn (no answer pending), every offer it could make is
estimated as the window and text mode estimate it (`game.ui.deal_text.estimate`, from the
proposer's view only) and answered by the real recipient seat: a fresh agent of its
preset deciding on the true position with a copy of that seat's own random stream at that
moment — the answer it would really give. Each offer is answered twice: by the seat as it
plays in the game (knowing every seat) and by the same seat taking the proposer for a
person, as it would answer a player in the window (the estimate's own case: it does not
know the proposer's seat). Offers the proposer really made are marked, and for those the
game's own answer is checked against the copied seat's.

Rows (for both answers): Brier score (mean squared gap between the accept share and the
real answer) over every offer and over the offers made, the Brier score of always guessing
the overall accept rate, the share of sure estimates (0 or 8 of 8) the real answer contradicts, the
estimate's p50/p95 time, and a reliability table by bins of the estimate (predicted share
against the real accept rate with its 95% Wilson interval). Run alone, in the background:
`nice python -m benchmarks.answer_calibration --games 20 --seed 1`.
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import random
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.common import Row, median, percentile
from game.ai import create_agent
from game.content import load_level
from game.content.loader import find_level
from game.engine import Action, Ruleset, legal_actions, observe, responder, step
from game.engine.deal_defs import ACCEPT, PROPOSE
from game.headless import seat_rng
from game.match import Match
from game.seats import HUMAN
from game.sim.report import wilson
from game.ui.deal_text import estimate

Rngs = dict[int, random.Random]
BINS = ((0.0, 0.0), (0.01, 0.26), (0.26, 0.74), (0.74, 0.99), (1.0, 1.0))  # closed ranges


@dataclass(frozen=True, slots=True)
class Offer:
    """One offer estimated and really answered: who offered what, when, the estimate's
    accept share, whether the real recipient accepted, and whether it was really made."""

    seed: int
    round: int
    proposer: int
    deal: str
    predicted: float
    accepted: bool  # by the recipient's seat in this game (knowing every seat)
    to_person: bool  # by the same seat taking the proposer for a person (the window's case)
    made: bool
    ms: float


def _accepts(rules: Ruleset, move: Action) -> bool:
    """Whether `move` accepts an offer."""
    return move.action >= 0 and rules.actions[move.action].deal_role == ACCEPT


def _real_answer(
    rules: Ruleset, match: Match, offer: Action, seats: Sequence[str], rngs: Rngs
) -> bool:
    """Whether the recipient's seat (an agent knowing `seats`), deciding on the true
    position with a copy of its own random stream, accepts `offer` made now."""
    trial = match.state.clone()
    step(trial, offer)
    who = responder(trial)
    agent = create_agent(seats[who], rules, who, seats=seats)
    rng = copy.deepcopy(rngs[who])
    return _accepts(rules, agent.decide(observe(trial, who), legal_actions(trial), rng).action)


def _as_person(seats: Sequence[str], proposer: int) -> list[str]:
    """`seats` with the proposer's taken by a person."""
    return [HUMAN if f == proposer else s for f, s in enumerate(seats)]


def offers_in_games(
    rules: Ruleset, seeds: Sequence[int], seat: str, checks: list[tuple[bool, bool]]
) -> Iterator[Offer]:
    """Every legal offer at each proposer's first decision of a turn in games with `seat`
    in every seat, estimated and really answered. `checks` gets (the copied seat's answer,
    the game's answer) for every offer really made."""
    seats = [seat] * len(rules.factions)
    for seed in seeds:
        match = Match.new(rules, seed)
        match.seats = list(seats)
        agents = {f: create_agent(seat, rules, f, seats=seats) for f in range(len(seats))}
        rngs: Rngs = {f: seat_rng(seed, f) for f in range(len(seats))}
        seen: set[tuple[int, int]] = set()
        made: Offer | None = None
        while not match.is_over:
            state = match.state
            f = match.active
            legal = legal_actions(state)
            found: dict[Action, Offer] = {}
            if responder(state) < 0 and (state.round, state.turn) not in seen:
                seen.add((state.round, state.turn))
                view = observe(state, f)
                for move in legal:
                    if move.action < 0 or rules.actions[move.action].deal_role != PROPOSE:
                        continue
                    start = time.perf_counter()
                    guess = estimate(view, move, seats).share
                    ms = (time.perf_counter() - start) * 1000
                    yes = _real_answer(rules, match, move, seats, rngs)
                    person = _real_answer(rules, match, move, _as_person(seats, f), rngs)
                    name = rules.actions[move.action].id
                    found[move] = Offer(seed, state.round, f, name, guess, yes, person, False, ms)
            move = agents[f].decide(observe(state, f), legal, rngs[f]).action
            if made is not None and responder(state) >= 0:  # the game's answer to it
                checks.append((made.accepted, _accepts(rules, move)))
                made = None
            mine = found.pop(move, None)
            yield from found.values()
            if mine is not None:
                made = dataclasses.replace(mine, made=True)
                yield made
            match.play(move)


def _truth(offer: Offer, person: bool) -> bool:
    """The real answer the estimate is held to: to a person's offer, or in the game."""
    return offer.to_person if person else offer.accepted


def _bin_rows(offers: list[Offer], label: str, person: bool) -> list[Row]:
    """The reliability table: per bin of the estimate, the real accept rate."""
    out = []
    for lo, hi in BINS:
        inside = [o for o in offers if lo <= o.predicted <= hi]
        if not inside:
            continue
        yes = sum(_truth(o, person) for o in inside)
        low, high = wilson(yes, len(inside))
        mean = sum(o.predicted for o in inside) / len(inside)
        span = f"{lo:.0%}" if lo == hi else f"{lo:.0%}-{hi:.0%}"
        note = f"N={len(inside)}, estimate mean {mean:.1%}, 95% [{low:.1%}, {high:.1%}]"
        out.append(
            Row(f"{label} estimate {span}: real accept rate", yes / len(inside), "", note=note)
        )
    return out


def brier(offers: Sequence[Offer], person: bool = False) -> float:
    """Mean squared gap between the estimate's accept share and the real answer (0..1)."""
    gaps = [(o.predicted - _truth(o, person)) ** 2 for o in offers]
    return sum(gaps) / max(1, len(offers))


def summary(offers: list[Offer], label: str, person: bool) -> list[Row]:
    """Brier scores (every offer, offers made, the base rate's), sure estimates proved
    wrong and the reliability table, against the answers to a person (`person`) or in
    the game."""
    label += " to a person" if person else " in the game"
    made = [o for o in offers if o.made]
    rate = sum(_truth(o, person) for o in offers) / max(1, len(offers))
    base = sum((rate - _truth(o, person)) ** 2 for o in offers) / max(1, len(offers))
    n = f"N={len(offers)} offers"
    sure = [o for o in offers if o.predicted in (0.0, 1.0)]
    wrong = sum((o.predicted == 1.0) != _truth(o, person) for o in sure)
    low, high = wilson(wrong, len(sure))
    return [
        Row(f"{label}: Brier score, every legal offer", brier(offers, person), "", note=n),
        Row(f"{label}: Brier score, offers made", brier(made, person), "", note=f"N={len(made)}"),
        Row(f"{label}: Brier score of always {rate:.1%}", base, "", note=n),
        Row(
            f"{label}: sure estimates (none or all guesses) proved wrong",
            wrong / max(1, len(sure)),
            "",
            note=f"{wrong} of N={len(sure)}, 95% [{low:.1%}, {high:.1%}]",
        ),
        *_bin_rows(offers, label, person),
    ]


def rows(
    quick: bool,
    games: int = 0,
    seed: int = 1,
    level: str = "niger_2023",
    seat: str = "ai:normal",
    csv: Path | None = None,
) -> list[Row]:
    """The calibration rows for `games` games (2 quick, else 20) from `seed`: against the
    recipients' answers to a person, then in the game; the estimate's time. `csv` gets
    every offer."""
    rules = load_level(find_level(level) if not Path(level).is_dir() else Path(level))
    games = games or (2 if quick else 20)
    checks: list[tuple[bool, bool]] = []
    offers = list(offers_in_games(rules, range(seed, seed + games), seat, checks))
    if csv is not None:
        write_offers(offers, csv)
    label = f"{seat} {rules.level_id}"
    out = summary(offers, label, True) + summary(offers, label, False)
    times = [o.ms for o in offers]
    n = f"N={len(offers)} offers"
    out.append(Row(f"{label}: estimate p50", median(times), "ms", note=n))
    out.append(Row(f"{label}: estimate p95", percentile(times, 95), "ms", note=n))
    agree = sum(a == b for a, b in checks)
    note = f"of {len(checks)} offers made: the copied seat is the game's seat"
    out.append(Row(f"{label}: copied answer = the game's answer", agree, "", note=note))
    return out


def write_offers(offers: Sequence[Offer], path: Path) -> None:
    """Every offer as a CSV row (for a before/after comparison on the same offers)."""
    fields = [f.name for f in dataclasses.fields(Offer)]
    lines = [",".join(fields)]
    lines += [",".join(str(getattr(o, f)) for f in fields) for o in offers]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Print the rows as a table."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.answer_calibration", description=__doc__
    )
    parser.add_argument("--games", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--level", default="niger_2023")
    parser.add_argument("--seat", default="ai:normal", help="the preset in every seat")
    parser.add_argument("--csv", type=Path, help="write every offer to this file")
    args = parser.parse_args(argv)
    from benchmarks.__main__ import table

    print(table(rows(False, args.games, args.seed, args.level, args.seat, args.csv)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
