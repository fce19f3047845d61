"""A game with deals is saved, loaded, replayed to the same hashes and undone like any
other: an offer refused, an offer answered by a counter-offer that is accepted, and the
promise broken the next round (issue 22, saves / replay / undo)."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from game.cli import main
from game.content import load_level
from game.engine import PASS, Ruleset, describe, legal_actions
from game.engine.deal_defs import ACCEPT, COUNTER, PROPOSE, REFUSE
from game.headless import play_match
from game.match import Match
from game.saves import load_match, save_match
from game.saves.store import read_save, replay_save
from tests.conftest import BARGAIN

RED, BLUE = 0, 1
CAPITAL = 0  # the bargain level's first region
IN_FORCE, BROKEN, REFUSED = 2, 4, 5


@pytest.fixture(scope="module")
def bargain() -> Ruleset:
    return load_level(BARGAIN)


def play(match: Match, action_id: str, target: int = -1) -> None:
    """Play the legal move with this action id (and target) for whoever must act."""
    index = match.rules.action_by_id(action_id).index
    action = next(
        a
        for a in legal_actions(match.state)
        if a.action == index and (target < 0 or a.target == target)
    )
    match.play(action)


def status(match: Match, deal: str) -> int:
    slot = next(v.index for v in match.rules.vars if v.key == f"deals.{deal}")
    return match.state.v[slot]


def bargaining_game(rules: Ruleset, seed: int = 4) -> Match:
    """Round 1: Red's spy pact is refused; Blue offers a ceasefire for 1 cash, Red asks 3,
    Blue accepts. Round 2: Red agitates anyway, breaking its promise. Then both seats
    end their turns to the end of the game."""
    match = Match.new(rules, seed)
    play(match, "spy_pact:offer")
    assert match.active == BLUE  # the recipient answers out of turn
    play(match, "spy_pact:refuse")
    assert match.active == RED and status(match, "spy_pact") == REFUSED
    match.play(PASS)
    play(match, "ceasefire:offer:1")
    play(match, "ceasefire:counter:3")
    assert match.active == BLUE  # the counter-offer goes back to the proposer
    play(match, "ceasefire:accept_counter:3")
    assert status(match, "ceasefire") == IN_FORCE
    match.play(PASS)
    assert match.state.round == 2 and match.active == RED
    play(match, "agitate", CAPITAL)
    assert status(match, "ceasefire") == BROKEN
    while not match.is_over:
        match.play(legal_actions(match.state)[0])
    return match


def test_a_game_with_an_offer_a_counter_and_a_breach_replays_to_the_same_hashes(
    bargain: Ruleset, tmp_path: Path
) -> None:
    match = bargaining_game(bargain)
    path = tmp_path / "deals.json"
    save_match(match, path)
    saved = json.loads(path.read_text())
    ids = [m["action"] for m in saved["moves"]]
    assert ids[:6] == [
        "spy_pact:offer",
        "spy_pact:refuse",
        None,
        "ceasefire:offer:1",
        "ceasefire:counter:3",
        "ceasefire:accept_counter:3",
    ]
    factions = [m["faction"] for m in saved["moves"][:6]]
    assert factions == ["red", "blue", "red", "blue", "red", "blue"]
    result = replay_save(read_save(path), bargain)
    assert result.ok, (result.stopped, result.mismatch, result.snapshot_problem)
    assert result.match.round_hashes == match.round_hashes
    assert result.match.state.hash() == match.state.hash()


def test_a_loaded_game_with_a_deal_in_force_plays_on_exactly_as_the_original(
    bargain: Ruleset, tmp_path: Path
) -> None:
    match = Match.new(bargain, 6)
    match.play(PASS)
    play(match, "ceasefire:offer:2")
    play(match, "ceasefire:accept:2")
    path = tmp_path / "mid.json"
    save_match(match, path)
    loaded = load_match(path, bargain)
    assert loaded.state.hash() == match.state.hash()
    assert status(loaded, "ceasefire") == IN_FORCE
    story = [describe(bargain, e) for e in loaded.log]
    assert any("accepts" in line for line in story)
    for game in (match, loaded):  # the same moves from here give the same game
        while not game.is_over:
            game.play(legal_actions(game.state)[-1])
    assert loaded.round_hashes == match.round_hashes


def test_a_save_made_while_an_offer_awaits_an_answer_resumes_with_the_responder(
    bargain: Ruleset, tmp_path: Path
) -> None:
    match = Match.new(bargain, 2)
    play(match, "spy_pact:offer")
    path = tmp_path / "pending.json"
    save_match(match, path)
    loaded = load_match(path, bargain)
    assert loaded.active == BLUE
    names = {bargain.actions[a.action].id for a in legal_actions(loaded.state)}
    assert names == {"spy_pact:accept", "spy_pact:refuse"}


def test_undo_takes_back_an_acceptance_and_redo_plays_it_again(bargain: Ruleset) -> None:
    match = Match.new(bargain, 4)
    match.play(PASS)
    play(match, "ceasefire:offer:1")
    play(match, "ceasefire:counter:3")
    pending = match.state.hash()
    play(match, "ceasefire:accept_counter:3")
    accepted = match.state.hash()
    assert match.active == BLUE and match.can_undo(BLUE)
    assert match.undo()
    assert match.state.hash() == pending
    assert match.active == BLUE and status(match, "ceasefire") == 1  # offered again
    assert match.redo()
    assert match.state.hash() == accepted


def test_the_proposer_cannot_take_back_the_answer_it_was_given(bargain: Ruleset) -> None:
    """After Red refuses, Blue is to move again: Blue's undo is off (the last move is
    Red's); only Red could take back its own answer, and then the offer awaits it again."""
    match = Match.new(bargain, 4)
    match.play(PASS)
    play(match, "ceasefire:offer:2")
    offered = match.state.hash()
    play(match, "ceasefire:refuse")
    assert match.active == BLUE
    assert not match.can_undo(BLUE)
    assert match.can_undo(RED)
    assert match.undo()
    assert match.state.hash() == offered and match.active == RED


def test_a_breach_cannot_be_undone_once_its_dice_have_shown(bargain: Ruleset) -> None:
    match = bargaining_game(bargain)
    agitate = bargain.action_by_id("agitate").index
    at = next(i for i, m in enumerate(match.history) if m.action.action == agitate)
    replayed = Match.new(bargain, 4)
    for m in match.history[: at + 1]:
        replayed.play(m.action)
    assert not replayed.can_undo(RED)


@pytest.mark.parametrize("seat", ["random", "ai:normal"])
def test_a_headless_game_with_deals_saves_and_verifies(
    tmp_path: Path, seat: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "g.json"
    args = ["play", "--headless", str(BARGAIN), "--seed", "3", "--seat", f"all={seat}"]
    assert main([*args, "--quiet", "--save", str(path)]) == 0
    moves = json.loads(path.read_text())["moves"]
    assert any(":" in (m["action"] or "") for m in moves), "no deal move in this game"
    capsys.readouterr()
    assert main(["replay", str(path), "--verify"]) == 0
    assert "round hashes match" in capsys.readouterr().out


def test_every_answer_in_a_history_is_the_other_side_s_reply_to_the_move_before(
    bargain: Ruleset,
) -> None:
    answers = 0
    for seed in range(6):
        history = play_match(bargain, seed, ["random", "random"]).history
        for before, m in itertools.pairwise(history):
            role = bargain.actions[m.action.action].deal_role if m.action.action >= 0 else 0
            if role in (ACCEPT, REFUSE, COUNTER):
                answers += 1
                asked = bargain.actions[before.action.action].deal_role
                assert asked in (PROPOSE, COUNTER) and before.faction != m.faction
    assert answers > 0
