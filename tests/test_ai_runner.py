"""The background decider runs agents off the calling thread and can cancel them."""

from __future__ import annotations

import random
import time

from game.ai import Decision
from game.ai.mcts import MCTSAgent
from game.ai.random_agent import RandomAgent
from game.ai.runner import BackgroundDecider
from game.engine import Ruleset, legal_actions, new_game, observe


def test_a_background_decision_arrives_through_poll_and_is_legal(mini: Ruleset) -> None:
    state = new_game(mini, 1)
    legal = legal_actions(state)
    decider = BackgroundDecider(MCTSAgent(mini, 0, iterations=50))
    decider.start(observe(state, 0), legal, random.Random(1))
    decision = decider.wait(10.0)
    assert isinstance(decision, Decision)
    assert decision.action in legal
    assert decider.poll() is None  # handed out once
    assert not decider.busy


def test_the_background_decision_equals_the_direct_one_for_the_same_seed(mini: Ruleset) -> None:
    state = new_game(mini, 2)
    legal = legal_actions(state)
    direct = MCTSAgent(mini, 0, iterations=40).decide(observe(state, 0), legal, random.Random(5))
    decider = BackgroundDecider(MCTSAgent(mini, 0, iterations=40))
    decider.start(observe(state, 0), legal, random.Random(5))
    assert decider.wait(10.0) == direct


def test_cancel_stops_a_long_search_quickly_and_drops_its_answer(mini: Ruleset) -> None:
    state = new_game(mini, 3)
    agent = MCTSAgent(mini, 0, iterations=10_000_000)
    decider = BackgroundDecider(agent)
    decider.start(observe(state, 0), legal_actions(state), random.Random(0))
    time.sleep(0.05)
    assert decider.busy
    started = time.perf_counter()
    decider.cancel(wait=5.0)
    assert not decider.busy
    assert time.perf_counter() - started < 5.0
    assert decider.poll() is None
    assert agent.last_iterations < 10_000_000


def test_an_agent_that_answers_at_once_runs_in_the_background_too(mini: Ruleset) -> None:
    agent = RandomAgent()
    state = new_game(mini, 4)
    decider = BackgroundDecider(agent)
    decider.start(observe(state, 0), legal_actions(state), random.Random(0))
    decision = decider.wait(5.0)
    assert decision is not None and decision.action in legal_actions(state)


def test_an_agent_error_is_reported_instead_of_a_decision(mini: Ruleset) -> None:
    class Broken:
        name = "broken"

        def decide(self, view: object, legal: object, rng: object, stop: object = None) -> Decision:
            raise RuntimeError("boom")

    state = new_game(mini, 4)
    decider = BackgroundDecider(Broken())
    decider.start(observe(state, 0), legal_actions(state), random.Random(0))
    assert decider.wait(5.0) is None
    assert isinstance(decider.error, RuntimeError)
