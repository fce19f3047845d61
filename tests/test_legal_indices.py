"""`legal_indices` (the adapters' fast path) lists the very moves `legal_actions` does,
in the same order, as indices into the level's move enumeration: on every shipped and
test level, on one's own turn and while an offer awaits an answer."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from game.content import load_level
from game.engine import legal_actions, legal_indices, new_game, responder, step
from tests.conftest import ROOT

LEVELS = sorted(
    [p for p in (ROOT / "levels").iterdir() if p.is_dir() and any(p.glob("*.yaml"))]
    + [p for p in (ROOT / "tests" / "levels").iterdir() if p.is_dir()]
)


@pytest.mark.parametrize("folder", LEVELS, ids=lambda p: p.name)
def test_legal_indices_are_the_legal_moves_by_their_index_in_the_move_enumeration(
    folder: Path,
) -> None:
    rules = load_level(folder)
    rng = random.Random(11)
    checked = answers = 0
    for seed in range(6):
        state = new_game(rules, seed)
        while not state.is_over:
            moves = legal_actions(state)
            assert legal_indices(state) == [rules.action_index[m] for m in moves]
            assert [rules.action_space[i] for i in legal_indices(state)] == moves
            checked += 1
            answers += responder(state) >= 0
            step(state, moves[rng.randrange(len(moves))])
        assert legal_indices(state) == []
    assert checked > 20
    if rules.deals:
        assert answers > 0, "random play should meet an offer awaiting an answer"
