"""Named agents and difficulty presets, as the command line and setup screen offer them.

Presets use iteration budgets, so a game is reproducible from its seed on any
machine; each also has a time cap that only bites on a slow or busy machine (then
results depend on the machine). `budget_ms` (the `--ai-budget-ms` option) replaces
the budget with a pure time limit per decision. `seats` (public: who plays each faction)
lets the search presets predict how each recipient of their offers answers
(`game.ai.answers`); without it they predict every answer by the one-step model.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from game.ai.answers import AnswerModel, register_presets
from game.ai.base import Agent
from game.ai.greedy import GreedyAgent
from game.ai.mcts import MCTSAgent
from game.ai.random_agent import RandomAgent
from game.ai.rollout import RolloutAgent
from game.engine import Ruleset

Seats = Sequence[str] | None  # every faction's seat name, in faction order (None: not known)


class AgentFactory(Protocol):
    """Makes one seat's agent: (rules, faction, budget_ms, seats)."""

    def __call__(
        self, rules: Ruleset, faction: int, budget_ms: int | None, seats: Seats = None
    ) -> Agent: ...


PRIOR_VISITS = 20.0  # how many playouts' worth of trust the search gives the greedy prior

UNLIMITED = 1_000_000  # iterations when only a time budget limits the search


def _random(rules: Ruleset, faction: int, budget_ms: int | None, seats: Seats = None) -> Agent:
    return RandomAgent()


def _greedy(rules: Ruleset, faction: int, budget_ms: int | None, seats: Seats = None) -> Agent:
    samples = 6 if budget_ms is None else 64
    return GreedyAgent(rules, faction, samples=samples, time_cap_ms=budget_ms)


def _mcts(rules: Ruleset, faction: int, budget_ms: int | None, seats: Seats = None) -> Agent:
    iterations = 300 if budget_ms is None else UNLIMITED
    return MCTSAgent(
        rules,
        faction,
        iterations=iterations,
        time_cap_ms=budget_ms,
        rollout_turns=0,
        foresight=rules.factions[faction].foresight,
        prior_visits=PRIOR_VISITS,
    )


def _rollout(rules: Ruleset, faction: int, budget_ms: int | None, seats: Seats = None) -> Agent:
    samples = 3 if budget_ms is None else UNLIMITED
    foresight = rules.factions[faction].foresight
    return RolloutAgent(
        rules,
        faction,
        samples=samples,
        foresight=foresight,
        time_cap_ms=budget_ms,
        judge=rules.factions[faction].judge,
        switch_margin=rules.factions[faction].switch_margin,
        brink=rules.factions[faction].brink,
    )


def _easy(rules: Ruleset, faction: int, budget_ms: int | None, seats: Seats = None) -> Agent:
    agent = GreedyAgent(rules, faction, samples=1, time_cap_ms=budget_ms or 15, noise=1.0)
    agent.name = "ai:easy"
    return agent


@dataclass(frozen=True)
class Budget:
    """What a search preset may spend per decision, for either planning method."""

    iterations: int  # tree: MCTS iterations
    prior_samples: int  # tree: greedy samples for the root prior
    root_width: int  # both: how many of the greedy's best moves are searched
    rollout_samples: int  # rollout: sampled states per candidate
    rollout_prior_samples: int  # rollout: greedy samples that rank the candidates
    horizon: int  # rollout: rounds of greedy play after each candidate
    cap_ms: int  # both: safety time cap
    contest: bool = False  # tree: weigh a most-points ending by who would win it now
    doubt: float = 0.0  # tree: a round's chance that a rival breaks a promise not to act


def _search(name: str, budget: Budget) -> AgentFactory:
    """A factory of search agents planning the way the faction's level asks (`planning`)."""

    def make(rules: Ruleset, faction: int, budget_ms: int | None, seats: Seats = None) -> Agent:
        fixed = budget_ms is None  # the preset's own budget, not a pure time limit
        cap = budget.cap_ms if fixed else budget_ms
        seat = rules.factions[faction]
        rivals = _rivals(rules, faction, seats)
        agent: MCTSAgent | RolloutAgent
        if seat.planner == "rollout":
            agent = RolloutAgent(
                rules,
                faction,
                samples=budget.rollout_samples if fixed else UNLIMITED,
                horizon=budget.horizon,
                width=budget.root_width,
                prior_samples=budget.rollout_prior_samples,
                foresight=seat.foresight,
                time_cap_ms=cap,
                judge=seat.judge,
                switch_margin=seat.switch_margin,
                brink=seat.brink,
                rivals=rivals,
            )
        else:
            agent = MCTSAgent(
                rules,
                faction,
                iterations=budget.iterations if fixed else UNLIMITED,
                prior_samples=budget.prior_samples,
                time_cap_ms=cap,
                root_width=budget.root_width,
                widening=1.0,
                rollout_turns=0,
                foresight=seat.foresight,
                prior_visits=PRIOR_VISITS,
                answer_margin=seat.switch_margin,
                contest=budget.contest,
                doubt=budget.doubt,
                rivals=rivals,
            )
        agent.name = name
        return agent

    return make


def _rivals(rules: Ruleset, faction: int, seats: Seats) -> dict[int, AnswerModel] | None:
    """How each faction that `faction` can offer a deal to answers, by the seat playing
    it (None when the seats are not known)."""
    if not seats or len(seats) != len(rules.factions):
        return None
    recipients = {d.recipient for d in rules.deals if d.proposer == faction}
    return {f: AnswerModel.for_seat(rules, f, seats[f]) for f in sorted(recipients)}


NORMAL = Budget(
    iterations=60,
    prior_samples=2,
    root_width=4,
    rollout_samples=2,
    rollout_prior_samples=2,
    horizon=1,
    cap_ms=190,
)
HARD = Budget(
    iterations=400,
    prior_samples=4,
    root_width=6,
    rollout_samples=3,
    rollout_prior_samples=6,
    horizon=2,
    cap_ms=800,
    contest=True,
    # doubt off: with 0.15 a round the hard ECOWAS won 10.5% against three greedy seats
    # (N = 200, seed 1), below the greedy ECOWAS's 16.8% and the 17% it won trusting
    doubt=0.0,
)

PRESETS: dict[str, AgentFactory] = {
    "random": _random,
    "greedy": _greedy,
    "mcts": _mcts,
    "rollout": _rollout,
    "ai:easy": _easy,
    "ai:normal": _search("ai:normal", NORMAL),
    "ai:hard": _search("ai:hard", HARD),
}
register_presets(PRESETS)  # the offer estimate has each recipient's own preset answer
