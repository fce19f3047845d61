"""The PettingZoo AEC environment passes PettingZoo's own API and seed tests on the mini
level and every shipped level, and behaves like the engine underneath."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pytest

pytest.importorskip("pettingzoo")
pytest.importorskip("gymnasium")

from gymnasium.spaces import Discrete
from pettingzoo.test import api_test, seed_test

from game.engine import Ruleset, new_game, observe
from game.interop.encoding import ObservationEncoder, final_returns
from game.interop.pettingzoo_env import LazyObservation, SahelEnv, env, raw_env
from tests.conftest import set_value


def _play_out(e: SahelEnv, seed: int) -> dict[str, float]:
    """Play one game with the last legal move each time; the total reward per agent."""
    e.reset(seed=seed)
    totals = dict.fromkeys(e.possible_agents, 0.0)
    for agent in e.agent_iter():
        obs, reward, terminated, truncated, _ = e.last()
        totals[agent] += float(reward)
        if terminated or truncated:
            e.step(None)
        else:
            assert isinstance(obs, dict)
            e.step(int(np.flatnonzero(obs["action_mask"])[-1]))
    return totals


def test_pettingzoos_api_test_passes(level: Ruleset) -> None:
    with warnings.catch_warnings():
        # PettingZoo's advice about dict observations and "player_0"-style names.
        warnings.simplefilter("ignore", UserWarning)
        api_test(env(level), num_cycles=300)


def test_pettingzoos_seed_test_passes(level: Ruleset) -> None:
    seed_test(lambda: env(level), num_cycles=200)


def test_agents_are_the_faction_ids_and_share_one_move_space(level: Ruleset) -> None:
    e = raw_env(level)
    assert e.possible_agents == [f.id for f in level.factions]
    for agent in e.possible_agents:
        space = e.action_space(agent)
        assert isinstance(space, Discrete)
        assert space.n == len(level.action_space)


def test_a_seeded_reset_starts_the_same_game_as_the_engine(mini: Ruleset) -> None:
    e = raw_env(mini)
    e.reset(seed=41)
    assert e.engine_state.hash() == new_game(mini, 41).hash()
    first = e.engine_state.hash()
    e.reset()
    second = e.engine_state.hash()
    e.reset(seed=41)
    e.reset()
    assert e.engine_state.hash() == second != first


def test_the_observation_is_the_encoded_view_and_only_the_actor_has_a_mask(mini: Ruleset) -> None:
    e = raw_env(mini)
    e.reset(seed=5)
    encoder = ObservationEncoder(mini)
    actor = e.agent_selection
    for agent in e.possible_agents:
        obs = e.observe(agent)
        faction = mini.faction_index(agent)
        assert np.array_equal(obs["observation"], encoder.encode(observe(e.engine_state, faction)))
        assert bool(obs["action_mask"].any()) == (agent == actor)


def test_a_hidden_value_never_reaches_another_agents_observation(mini: Ruleset) -> None:
    e = raw_env(mini)
    e.reset(seed=5)
    before = e.observe("red")["observation"].copy()
    set_value(e.engine_state, "blue.morale", 0 if e.engine_state.v[mini.slot("blue.morale")] else 9)
    assert np.array_equal(e.observe("red")["observation"], before)
    assert not np.array_equal(e.observe("blue")["observation"], e.observe("red")["observation"])


def test_the_global_state_for_centralised_training_reveals_hidden_values(mini: Ruleset) -> None:
    e = raw_env(mini)
    e.reset(seed=5)
    names = ObservationEncoder(mini).feature_names
    low, high = names.index("blue.morale.low"), names.index("blue.morale.high")
    set_value(e.engine_state, "blue.morale", 3)
    state = e.state()
    assert e.state_space.contains(state)
    assert state[low] == state[high] == pytest.approx(3 / 9)
    assert e.observe("red")["observation"][high] != state[high]


def test_an_illegal_move_is_refused_with_its_name(mini: Ruleset) -> None:
    e = raw_env(mini)
    e.reset(seed=5)
    mask = e.observe(e.agent_selection)["action_mask"]
    illegal = int(np.flatnonzero(mask == 0)[0])
    with pytest.raises(ValueError, match="cannot play move"):
        e.step(illegal)
    with pytest.raises(ValueError, match="cannot play move"):
        e.step(10_000)


def test_rewards_arrive_at_the_end_and_match_the_final_returns(level: Ruleset) -> None:
    e = raw_env(level)
    totals = _play_out(e, 9)
    returns = final_returns(e.engine_state)
    assert e.engine_state.outcome >= 0 and not e.agents
    assert [totals[a] for a in e.possible_agents] == returns


def test_infos_at_the_end_name_the_outcome_and_the_points(mini: Ruleset) -> None:
    e = raw_env(mini)
    e.reset(seed=3)
    while not any(e.terminations.values()):
        obs = e.observe(e.agent_selection)
        e.step(int(np.flatnonzero(obs["action_mask"])[-1]))
    state = e.engine_state
    for i, agent in enumerate(e.possible_agents):
        info = e.infos[agent]
        assert info["outcome"] == mini.outcomes[state.outcome].id
        assert info["points"] == state.v[mini.layout.vp + i]


def test_ansi_rendering_returns_the_new_log_lines(mini: Ruleset) -> None:
    e = raw_env(mini, render_mode="ansi")
    e.reset(seed=3)
    opening = e.render()
    assert opening is not None and "Round 1" in opening
    e.step(0)
    assert e.render() == "Red Bloc ends its turn."
    assert e.render() == ""
    with pytest.raises(ValueError, match="render_mode"):
        raw_env(mini, render_mode="rgb_array")


def test_an_observation_read_after_later_steps_is_still_the_position_it_was_made_for(
    mini: Ruleset,
) -> None:
    """The vector is built on first read; an unread observation keeps its position."""
    import copy
    import pickle

    e = raw_env(mini)
    e.reset(seed=5)
    encoder = ObservationEncoder(mini)
    agent = e.agent_selection
    expected = encoder.encode(observe(e.engine_state, mini.faction_index(agent)))
    obs = e.observe(agent)
    for _ in range(3):  # the game moves on before the observation is read
        e.step(int(np.flatnonzero(e.observe(e.agent_selection)["action_mask"])[-1]))
    assert np.array_equal(obs["observation"], expected)
    fresh = e.observe(agent)
    assert set(fresh) == {"observation", "action_mask"} and len(fresh) == 2
    assert "observation" in fresh and e.observation_space(agent).contains(fresh)
    for plain in (pickle.loads(pickle.dumps(fresh)), copy.deepcopy(fresh), fresh.copy()):
        assert type(plain) is dict and np.array_equal(plain["observation"], fresh["observation"])


def test_observations_read_late_and_out_of_order_show_the_positions_they_were_made_for(
    level: Ruleset,
) -> None:
    """A replay buffer reading its observations long after (and in any order) gets the
    vectors an eager encoding gave when each was handed out, also with logging on."""
    import random

    rng = random.Random(11)
    e = raw_env(level, render_mode="ansi")
    encoder = ObservationEncoder(level)
    kept: list[tuple[LazyObservation, np.ndarray]] = []  # across games, read at the end
    for seed in range(3, 9):
        e.reset(seed=seed)
        for agent in e.agent_iter():
            _, _, terminated, truncated, _ = e.last(observe=False)
            if terminated or truncated:
                e.step(None)
                continue
            who = rng.choice(e.possible_agents)
            live = e._core.state  # the true state, without ending the segment
            expected = encoder.encode_state(live, level.faction_index(who))
            obs = e.observe(who)
            if rng.random() < 0.3:  # some read at once, the rest later
                assert np.array_equal(obs["observation"], expected)
            else:
                kept.append((obs, expected))
            mask = obs["action_mask"] if who == agent else e.observe(agent)["action_mask"]
            legal = np.flatnonzero(mask)
            e.step(int(legal[rng.randrange(len(legal))]))
    assert len(kept) >= 20
    rng.shuffle(kept)
    for obs, expected in kept:
        assert np.array_equal(obs["observation"], expected)


def test_an_observation_made_before_a_tool_changes_the_engine_state_keeps_its_position(
    mini: Ruleset,
) -> None:
    e = raw_env(mini)
    e.reset(seed=5)
    agent = e.agent_selection
    before = e.observe(agent)
    expected = ObservationEncoder(mini).encode_state(e.engine_state, mini.faction_index(agent))
    var = mini.vars[0]
    now = e.engine_state.v[mini.slot(var.key)]
    set_value(e.engine_state, var.key, var.lo if now != var.lo else var.hi)
    changed = e.observe(agent)
    assert np.array_equal(before["observation"], expected)
    assert changed["observation"][:].tolist() != expected.tolist()


def test_the_wrapped_env_still_refuses_calls_before_reset_and_moves_outside_the_space(
    mini: Ruleset,
) -> None:
    e = env(mini)
    with pytest.raises(AttributeError, match="before reset"):
        _ = e.agent_selection
    e.reset(seed=3)
    with pytest.raises(AssertionError, match="not in action space"):
        e.step(len(mini.action_space))
    with pytest.raises(AssertionError, match="not in action space"):
        e.step(None)
    assert e.num_agents == len(mini.factions) and e.agents == e.possible_agents


def test_the_wrapped_env_s_agent_loop_still_enforces_a_step_between_agents(mini: Ruleset) -> None:
    e = env(mini)
    e.reset(seed=3)
    loop = iter(e.agent_iter(max_iter=3))
    first = next(loop)
    assert first == e.agent_selection
    with pytest.raises(AssertionError, match="need to call step"):
        next(loop)
    e.step(0)  # the end-turn move is always legal
    assert next(loop) == e.agent_selection
    e.step(0)
    assert next(loop, None) is None, "max_iter agents (the refused one counts), then the end"
    _play_out(e, 3)
    assert e.agents == []
    e.step(0)  # after the end: PettingZoo's warning, not an error
    assert e.agents == []


def test_the_raw_env_s_agent_loop_gives_the_acting_agent_until_the_end_or_max_iter(
    mini: Ruleset,
) -> None:
    e = raw_env(mini)
    e.reset(seed=3)
    seen = []
    for agent in e.agent_iter(max_iter=2):
        assert agent == e.agent_selection
        seen.append(agent)
        e.step(0)
    assert len(seen) == 2
    totals = _play_out(e, 3)
    assert e.agents == [] and list(e.agent_iter()) == []
    assert totals == dict(zip(e.possible_agents, final_returns(e.engine_state), strict=True))


def test_a_subclass_that_overrides_step_observe_or_last_is_the_one_that_runs(
    mini: Ruleset,
) -> None:
    calls: list[str] = []

    class Counting(SahelEnv):
        def step(self, action: int | np.integer[Any] | None) -> None:
            calls.append("step")
            super().step(action)

        def observe(self, agent: str) -> LazyObservation:
            calls.append("observe")
            return super().observe(agent)

    e = Counting(mini)
    e.reset(seed=3)
    obs, *_ = e.last()  # reads the observation with the overriding observe
    e.step(int(np.flatnonzero(obs["action_mask"])[-1]))
    assert calls == ["observe", "step"]
    assert e.engine_state.hash() != new_game(mini, 3).hash()
