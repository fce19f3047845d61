"""The adapters hand an offer's answer to the responder: it becomes PettingZoo's acting
agent and OpenSpiel's current player, with only its answers legal (issue 22)."""

from __future__ import annotations

import numpy as np
import pytest

pyspiel = pytest.importorskip("pyspiel")

from game.content import load_level  # noqa: E402
from game.engine import PASS, Action, Ruleset  # noqa: E402
from game.interop.openspiel_game import SahelState, load_game  # noqa: E402
from game.interop.pettingzoo_env import raw_env  # noqa: E402
from tests.conftest import BARGAIN  # noqa: E402


@pytest.fixture(scope="module")
def bargain() -> Ruleset:
    return load_level(BARGAIN)


def index_of(rules: Ruleset, action_id: str) -> int:
    return rules.action_index[Action(rules.action_by_id(action_id).index, -1)]


def answers(rules: Ruleset) -> list[int]:
    """The move indices of Red's answers to Blue's ceasefire offer at 2 cash."""
    ids = ["ceasefire:refuse", "ceasefire:accept:2", "ceasefire:counter:1", "ceasefire:counter:3"]
    return sorted(index_of(rules, i) for i in ids)


def test_the_responder_is_pettingzoos_acting_agent_for_its_answer(bargain: Ruleset) -> None:
    e = raw_env(bargain)
    e.reset(seed=3)
    assert e.agent_selection == "red"
    e.step(bargain.action_index[PASS])  # Red ends its turn
    assert e.agent_selection == "blue"
    e.step(index_of(bargain, "ceasefire:offer:2"))
    assert e.agent_selection == "red"  # Red answers, out of turn
    mask = e.observe("red")["action_mask"]
    assert list(np.flatnonzero(mask)) == answers(bargain)
    assert not e.observe("blue")["action_mask"].any()
    e.step(index_of(bargain, "ceasefire:refuse"))
    assert e.agent_selection == "blue"  # the proposer goes on with its turn


def test_the_responder_is_openspiels_current_player_for_its_answer(bargain: Ruleset) -> None:
    game = load_game(bargain)
    state: SahelState = game.new_initial_state()
    state.apply_action(3)  # the seed draw
    red, blue = 0, 1
    assert state.current_player() == red
    state.apply_action(bargain.action_index[PASS])
    assert state.current_player() == blue
    state.apply_action(index_of(bargain, "ceasefire:offer:2"))
    assert state.current_player() == red
    assert state.legal_actions() == answers(bargain)
    assert state.legal_actions(blue) == []
    state.apply_action(index_of(bargain, "ceasefire:counter:3"))
    assert state.current_player() == blue  # a counter-offer goes back to the proposer
    accept = index_of(bargain, "ceasefire:accept_counter:3")
    assert state.legal_actions() == sorted([index_of(bargain, "ceasefire:refuse_counter"), accept])
    state.apply_action(accept)
    assert state.current_player() == blue
