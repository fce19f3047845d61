"""Named agents and difficulty presets, as the command line and setup screen offer them.

Presets use iteration budgets, so a game is reproducible from its seed on any
machine; each also has a time cap that only bites on a slow or busy machine (then
results depend on the machine). `budget_ms` (the `--ai-budget-ms` option) replaces
the budget with a pure time limit per decision.
"""

from __future__ import annotations

from collections.abc import Callable

from game.ai.base import Agent
from game.ai.greedy import GreedyAgent
from game.ai.mcts import MCTSAgent
from game.ai.random_agent import RandomAgent
from game.engine import Ruleset

AgentFactory = Callable[[Ruleset, int, int | None], Agent]

FORESIGHT = 0.5  # search agents judge a leaf half as it stands, half by where it drifts
PRIOR_VISITS = 20.0  # how many playouts' worth of trust the search gives the greedy prior

UNLIMITED = 1_000_000  # iterations when only a time budget limits the search


def _random(rules: Ruleset, faction: int, budget_ms: int | None) -> Agent:
    return RandomAgent()


def _greedy(rules: Ruleset, faction: int, budget_ms: int | None) -> Agent:
    samples = 6 if budget_ms is None else 64
    return GreedyAgent(rules, faction, samples=samples, time_cap_ms=budget_ms)


def _mcts(rules: Ruleset, faction: int, budget_ms: int | None) -> Agent:
    iterations = 300 if budget_ms is None else UNLIMITED
    return MCTSAgent(
        rules,
        faction,
        iterations=iterations,
        time_cap_ms=budget_ms,
        rollout_turns=0,
        foresight=FORESIGHT,
        prior_visits=PRIOR_VISITS,
    )


def _easy(rules: Ruleset, faction: int, budget_ms: int | None) -> Agent:
    agent = GreedyAgent(rules, faction, samples=1, time_cap_ms=budget_ms or 15, noise=1.0)
    agent.name = "ai:easy"
    return agent


def _search(
    name: str, iterations: int, prior_samples: int, cap_ms: int, root_width: int
) -> AgentFactory:
    """A factory of MCTS agents with a fixed iteration budget and a safety time cap."""

    def make(rules: Ruleset, faction: int, budget_ms: int | None) -> Agent:
        if budget_ms is not None:
            iterations_now, cap = UNLIMITED, budget_ms
        else:
            iterations_now, cap = iterations, cap_ms
        agent = MCTSAgent(
            rules,
            faction,
            iterations=iterations_now,
            prior_samples=prior_samples,
            time_cap_ms=cap,
            root_width=root_width,
            widening=1.0,
            rollout_turns=0,
            foresight=FORESIGHT,
            prior_visits=PRIOR_VISITS,
        )
        agent.name = name
        return agent

    return make


PRESETS: dict[str, AgentFactory] = {
    "random": _random,
    "greedy": _greedy,
    "mcts": _mcts,
    "ai:easy": _easy,
    "ai:normal": _search("ai:normal", iterations=60, prior_samples=2, cap_ms=150, root_width=4),
    "ai:hard": _search("ai:hard", iterations=400, prior_samples=4, cap_ms=800, root_width=6),
}
