"""An action can end the game with an outcome directly; such an outcome needs no `when`."""

from __future__ import annotations

from pathlib import Path

from game.content import load_level, open_level
from game.engine import Action, legal_actions, new_game, step
from tests.conftest import ROOT

STRIKE = ROOT / "tests" / "levels" / "strike"


def test_an_action_ends_the_game_with_an_outcome_that_has_no_condition() -> None:
    rules = load_level(STRIKE)
    state = new_game(rules, 1)
    settle = next(a for a in rules.actions if a.id == "settle")
    state.v[rules.slot("mill.picketed")] = 0
    state.v[rules.slot("owners.funds")] = 5
    while state.outcome < 0 and rules.factions[state.rules.order[state.turn]].id != "city":
        step(state, Action(-1, -1))
    assert Action(settle.index, -1) in legal_actions(state)
    step(state, Action(settle.index, -1))
    outcome = rules.outcomes[state.outcome]
    assert outcome.id == "settlement" and rules.factions[state.winner].id == "city"


def test_an_outcome_without_when_that_no_effect_reaches_is_warned_about(tmp_path: Path) -> None:
    text = (STRIKE / "level.yaml").read_text(encoding="utf-8")
    text = text.replace("effects: [{outcome: settlement}]", "effects: [riot -= 1]")
    folder = tmp_path / "lvl"
    folder.mkdir()
    (folder / "level.yaml").write_text(text, encoding="utf-8")
    warnings = [w for w in open_level(folder).warnings if "settlement" in w.message]
    assert [w.message for w in warnings] == [
        "outcome 'settlement' can never happen: it has no 'when' and no effect ends the game "
        "with it (add {outcome: settlement} to an effect, or a 'when')"
    ]
    line = text[: text.index("- id: settlement")].count("\n") + 1
    assert warnings[0].line == line
