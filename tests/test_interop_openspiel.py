"""Every level as an OpenSpiel game: OpenSpiel's random simulation test (serialization
on), its MCTS bot playing a faction, observers that keep hidden values hidden, and a
JSON round trip that never unpickles."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

pyspiel = pytest.importorskip("pyspiel")

from open_spiel.python.algorithms import mcts  # noqa: E402

from game.content import load_level  # noqa: E402
from game.engine import PlayerView, Ruleset, new_game, observe  # noqa: E402
from game.interop.encoding import ObservationEncoder  # noqa: E402
from game.interop.openspiel_game import (  # noqa: E402
    SahelState,
    load_game,
    register_level,
    state_from_json,
    state_to_json,
)
from tests.conftest import MINI, set_value  # noqa: E402


def _started(game: Any, seed: int) -> SahelState:  # a pyspiel.Game: pyspiel has no type stubs
    state: SahelState = game.new_initial_state()
    state.apply_action(seed)
    return state


def _random_moves(state: SahelState, count: int, seed: int) -> SahelState:
    rng = np.random.RandomState(seed)
    for _ in range(count):
        if state.is_terminal():
            break
        state.apply_action(int(rng.choice(state.legal_actions())))
    return state


def test_each_level_registers_under_a_short_name_with_its_id(level: Ruleset) -> None:
    name = register_level(level)
    assert name == f"python_sahel_{level.level_id}"
    assert register_level(level) == name  # idempotent
    game = pyspiel.load_game(name)
    kind = game.get_type()
    assert kind.dynamics == pyspiel.GameType.Dynamics.SEQUENTIAL
    assert kind.information == pyspiel.GameType.Information.IMPERFECT_INFORMATION
    assert kind.utility == pyspiel.GameType.Utility.GENERAL_SUM
    assert game.num_players() == len(level.factions)
    assert game.num_distinct_actions() == len(level.action_space)


def test_openspiels_random_simulation_test_passes_with_serialization(level: Ruleset) -> None:
    pyspiel.random_sim_test(load_game(level), num_sims=5, serialize=True, verbose=False)


def test_openspiels_mcts_bot_plays_a_faction_through_a_short_game(mini: Ruleset) -> None:
    game = load_game(mini)
    bot = mcts.MCTSBot(
        game,
        uct_c=2.0,
        max_simulations=16,
        evaluator=mcts.RandomRolloutEvaluator(1, np.random.RandomState(0)),
        random_state=np.random.RandomState(1),
    )
    rng = np.random.RandomState(2)
    state = _started(game, 17)
    bot_moves = 0
    while not state.is_terminal():
        if state.current_player() == 0:
            action = bot.step(state)
            assert action in state.legal_actions()
            bot_moves += 1
        else:
            action = int(rng.choice(state.legal_actions()))
        state.apply_action(action)
    assert bot_moves > 0
    assert sorted(state.returns()) in ([-1.0, 1.0], [-1.0, -1.0], [0.0, 0.0], [-1.0, 0.0])


def test_the_mcts_bot_can_choose_a_move_on_every_level(level: Ruleset) -> None:
    game = load_game(level)
    bot = mcts.MCTSBot(
        game,
        uct_c=2.0,
        max_simulations=3,
        evaluator=mcts.RandomRolloutEvaluator(1, np.random.RandomState(0)),
        random_state=np.random.RandomState(1),
    )
    state = _started(game, 3)
    assert bot.step(state) in state.legal_actions()


def test_the_seed_draw_is_the_only_chance_node_and_starts_the_engines_game(mini: Ruleset) -> None:
    game = load_game(mini, num_seeds=64)
    state = game.new_initial_state()
    assert state.is_chance_node() and len(state.chance_outcomes()) == 64
    state.apply_action(41)
    assert state.engine_state.hash() == new_game(mini, 41).hash()
    _random_moves(state, 200, 0)
    assert state.is_terminal()
    assert all(kind.player >= 0 for kind in state.full_history()[1:])


def test_observation_tensors_are_the_shared_encoding_of_the_view(mini: Ruleset) -> None:
    game = load_game(mini)
    state = _random_moves(_started(game, 5), 3, 1)
    encoder = ObservationEncoder(mini)
    for player in range(game.num_players()):
        expected = encoder.encode(observe(state.engine_state, player))
        assert np.allclose(state.observation_tensor(player), expected)


def test_every_observer_kind_writes_the_encoding_of_the_view_it_stands_for(
    mini: Ruleset,
) -> None:
    game = load_game(mini)
    state = _random_moves(_started(game, 5), 4, 2)
    engine = state.engine_state
    encoder = ObservationEncoder(mini)
    private = mini.private_slots
    kinds: dict[object, Callable[[int], PlayerView]] = {
        pyspiel.PrivateInfoType.SINGLE_PLAYER: lambda p: observe(engine, p),
        pyspiel.PrivateInfoType.ALL_PLAYERS: lambda p: dataclasses.replace(
            observe(engine, p), values=tuple(engine.v), ranges={}
        ),
        pyspiel.PrivateInfoType.NONE: lambda p: dataclasses.replace(
            observe(engine, p),
            values=tuple(None if i in private else x for i, x in enumerate(engine.v)),
            ranges={
                **observe(engine, p).ranges,
                **{i: (mini.lo[i], mini.hi[i]) for i in private},
            },
        ),
    }
    for kind, view_of in kinds.items():
        obs_type = pyspiel.IIGObservationType(perfect_recall=False, private_info=kind)
        observer = game.make_py_observer(obs_type)
        for player in range(game.num_players()):
            observer.set_from(state, player)
            assert observer.tensor.tobytes() == encoder.encode(view_of(player)).tobytes()


def test_a_tensor_follows_a_state_changed_in_place_between_two_queries(mini: Ruleset) -> None:
    game = load_game(mini)
    state = _started(game, 5)
    before = state.observation_tensor(1)
    set_value(state.engine_state, "blue.morale", 9 - state.engine_state.v[mini.slot("blue.morale")])
    assert state.observation_tensor(1) != before  # Blue sees its own morale change


def test_an_illegal_move_is_refused_and_leaves_the_state_unchanged(mini: Ruleset) -> None:
    game = load_game(mini)
    state = _started(game, 5)
    illegal = next(a for a in range(game.num_distinct_actions()) if a not in state.legal_actions())
    before = state.engine_state.hash()
    with pytest.raises(Exception, match="illegal move"):
        state.apply_action(illegal)
    assert state.engine_state.hash() == before


def test_no_observation_or_information_state_reveals_a_hidden_value(mini: Ruleset) -> None:
    game = load_game(mini)
    a, b = _started(game, 5), _started(game, 5)
    for state, morale in ((a, 2), (b, 7)):
        set_value(state.engine_state, "red.spies", 0)  # Red sees morale only as 0..9
        set_value(state.engine_state, "blue.morale", morale)
    red, blue = 0, 1
    assert a.observation_tensor(red) == b.observation_tensor(red)
    assert a.observation_string(red) == b.observation_string(red)
    assert a.information_state_string(red) == b.information_state_string(red)
    assert "blue.morale=0..9" in a.observation_string(red)
    assert a.observation_tensor(blue) != b.observation_tensor(blue)
    assert "seed:?" in a.information_state_string(red)  # the seed draw stays hidden


def test_another_factions_covert_move_is_masked_in_the_information_state(tmp_path: Path) -> None:
    recruit = "    name: Recruit spies\n"
    text = (MINI / "level.yaml").read_text(encoding="utf-8")
    folder = tmp_path / "covert"
    folder.mkdir()
    (folder / "level.yaml").write_text(text.replace(recruit, recruit + "    covert: true\n"))
    rules = load_level(folder)
    game = pyspiel.load_game(register_level(rules, short_name="python_sahel_mini_covert"))
    state = _started(game, 5)
    move = next(a for a in state.legal_actions() if state.action_to_string(0, a) == "Recruit spies")
    state.apply_action(move)
    red, blue = 0, 1
    assert f"0:{move}" in state.information_state_string(red)
    assert "0:?" in state.information_state_string(blue)
    assert f"0:{move}" not in state.information_state_string(blue)


def test_a_resampled_state_looks_the_same_to_the_player_it_was_sampled_for(mini: Ruleset) -> None:
    game = load_game(mini)
    state = _random_moves(_started(game, 8), 2, 4)
    player = state.current_player()
    for draw in (0.1, 0.5, 0.9):

        def sampler(d: float = draw) -> float:
            return d

        other = state.resample_from_infostate(player, sampler)
        assert other.observation_tensor(player) == state.observation_tensor(player)
        assert other.history() == state.history()
        assert other.engine_state.rng != state.engine_state.rng


def test_states_round_trip_through_json_and_openspiels_own_serialization(level: Ruleset) -> None:
    game = load_game(level)
    state = _random_moves(_started(game, 12), 25, 3)
    again = state_from_json(game, state_to_json(state))
    assert str(again) == str(state) and again.history() == state.history()
    restored = game.deserialize_state(state.serialize())
    assert str(restored) == str(state)
    fresh = game.new_initial_state()
    assert str(state_from_json(game, state_to_json(fresh))) == str(fresh)


def test_bad_or_tampered_json_is_refused_with_a_reason(mini: Ruleset) -> None:
    game = load_game(mini)
    state = _random_moves(_started(game, 12), 6, 3)
    with pytest.raises(ValueError, match="bad JSON"):
        state_from_json(game, "{not json")
    data = json.loads(state_to_json(state))
    data["history"] = [*data["history"][:1], 999]
    with pytest.raises(ValueError, match="not legal"):
        state_from_json(game, json.dumps(data))
    data = json.loads(state_to_json(state))
    data["state"]["v"][0] = (data["state"]["v"][0] + 1) % 5
    with pytest.raises(ValueError, match="does not reach the saved state"):
        state_from_json(game, json.dumps(data))
    data["state"]["v"] = [1, 2]
    with pytest.raises(ValueError, match="not a valid state"):
        state_from_json(game, json.dumps(data))


def test_a_different_level_cannot_take_a_registered_name(mini: Ruleset, tmp_path: Path) -> None:
    register_level(mini)
    folder = tmp_path / "lvl"
    folder.mkdir()
    text = (MINI / "level.yaml").read_text(encoding="utf-8").replace("rounds: 4", "rounds: 5")
    (folder / "level.yaml").write_text(text, encoding="utf-8")
    changed = load_level(folder)
    with pytest.raises(ValueError, match="already registered"):
        register_level(changed)
    assert register_level(changed, short_name="python_sahel_mini_5_rounds") == (
        "python_sahel_mini_5_rounds"
    )


def test_a_clone_is_independent_and_new_games_do_not_share_a_seed(mini: Ruleset) -> None:
    """Every new state starts from one shared 'not started' box: drawing a seed in one
    must not start the others, and a clone must not move with its original."""
    game = load_game(mini)
    first, second = game.new_initial_state(), game.new_initial_state()
    unstarted = first.clone()
    first.apply_action(3)
    second.apply_action(7)
    assert unstarted.is_chance_node() and not first.is_chance_node()
    assert first.engine_state.hash() == new_game(mini, 3).hash()
    assert second.engine_state.hash() == new_game(mini, 7).hash()
    copy = first.clone()
    copy.apply_action(copy.legal_actions()[-1])
    assert first.engine_state.hash() == new_game(mini, 3).hash()
    assert copy.history() == [*first.history(), copy.history()[-1]]


def test_clones_share_a_position_yet_each_moves_and_changes_on_its_own(mini: Ruleset) -> None:
    """A clone takes its own copy of the engine state only when it or a state sharing it
    first moves, or when its engine state is handed out; no state ever sees another's
    moves or changes (`str` reads the position without taking a copy)."""
    game = load_game(mini)
    original = _random_moves(_started(game, 5), 4, 1)
    start, history = str(original), original.history()
    clones = [original.clone() for _ in range(3)]
    grandchild = clones[0].clone()
    original.apply_action(original.legal_actions()[-1])  # the original moves first
    assert [str(c) for c in [*clones, grandchild]] == [start] * 4
    clones[1].apply_action(clones[1].legal_actions()[-1])
    assert str(clones[1]) != start and str(grandchild) == str(clones[0]) == start
    morale = mini.slot("blue.morale")
    set_value(clones[2].engine_state, "blue.morale", 9 - clones[2].engine_state.v[morale])
    assert str(clones[2]) != start and str(grandchild) == str(clones[0]) == start
    grandchild.apply_action(grandchild.legal_actions()[0])
    assert str(clones[0]) == start and clones[0].history() == history
    assert grandchild.history() == [*history, grandchild.history()[-1]]
