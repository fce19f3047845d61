"""Log text for each reader, covert actions, and snapshot validation."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from game.content import load_level
from game.engine import Action, LogEntry, State, StateError, apply, describe, new_game, visible_log
from game.engine.ruleset import Ruleset
from tests.conftest import mini_text, set_value

RED, BLUE = 0, 1


def test_describe_tells_what_happened_with_changes(mini: Ruleset) -> None:
    state = new_game(mini, 1)
    _, log = apply(state, Action(0, 0), roll=True)
    text = describe(mini, log[0])
    assert text.startswith("Red Bloc: Agitate in Capital — it works.")
    assert "Tension +1" in text and "Capital Red Influence +2" in text


def test_changes_to_private_values_are_hidden_from_other_readers(mini: Ruleset) -> None:
    state = new_game(mini, 1)
    state, _ = apply(state, Action(-1, -1))
    _, log = apply(state, Action(2, -1))  # blue calms: morale (private) -1
    entry = log[0]
    assert "Blue Morale -1" in describe(mini, entry, viewer=BLUE)
    assert "Blue Morale changed" in describe(mini, entry, viewer=RED)


def test_covert_actions_show_only_to_their_faction(write_level: Callable[[str], Path]) -> None:
    text = mini_text().replace(
        "    effects: [spies += 1]", "    effects: [spies += 1]\n    covert: true"
    )
    rules = load_level(write_level(text))
    state = new_game(rules, 1)
    _, log = apply(state, Action(1, -1))
    assert describe(rules, log[0], viewer=BLUE) == "Red Bloc acts in secret."
    assert "Recruit spies" in describe(rules, log[0], viewer=RED)
    assert visible_log(log, BLUE) == []


def test_round_headers_carry_the_calendar_date(mini: Ruleset) -> None:
    log: list[LogEntry] = []
    new_game(mini, 1, log)
    assert describe(mini, log[0]) == "— Round 1 · 2023-07-26 —"
    assert mini.round_date(3) == "2023-08-09"


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d.update(v=d["v"][:-1]),
        lambda d: d.update(level="other"),
        lambda d: d.update(round=999),
        lambda d: d.update(format=99),
        lambda d: d["v"].__setitem__(0, 10**6),
        lambda d: d["v"].__setitem__(1, "x"),
        lambda d: d.pop("rng"),
    ],
)
def test_a_damaged_snapshot_is_refused_with_a_state_error(
    mini: Ruleset, damage: Callable[[dict[str, Any]], object]
) -> None:
    data: dict[str, Any] = dict(new_game(mini, 1).to_dict())  # to damage beyond its type
    damage(data)
    with pytest.raises(StateError):
        State.from_dict(mini, data)


def test_costs_never_push_a_value_below_its_minimum(mini: Ruleset) -> None:
    state = new_game(mini, 1)
    set_value(state, "red.cash", 2)
    after, _ = apply(state, Action(1, -1))
    assert after.v[mini.slot("red.cash")] == 0


def test_others_cannot_count_a_factions_covert_actions(write_level: Callable[[str], Path]) -> None:
    from game.engine import observe, sample_state

    text = mini_text().replace(
        "    effects: [spies += 1]", "    effects: [spies += 1]\n    covert: true"
    )
    rules = load_level(write_level(text))
    state, _ = apply(new_game(rules, 1), Action(1, -1))
    used = rules.layout.used + 1
    assert observe(state, RED).values[used] == 1
    blue = observe(state, BLUE)
    assert blue.values[used] is None
    assert observe(new_game(rules, 1), BLUE).values[used] is None
    assert sample_state(blue, 3).v[used] >= 0
