"""Action points and costs given as formulas: charged as computed when the move is made,
read the same by legal moves, refusals, previews and cards, and checked like every other
formula."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

from game.content import ContentError, load_level, open_level
from game.engine import Action, Ruleset, apply, legal_actions, new_game, preview, step, why_illegal
from game.engine.prices import ap_of, costs_of, whole_price
from game.engine.state import State
from game.ui.cards import cost_text, preview_lines
from tests.conftest import ROOT, mini_text

WriteLevel = Callable[[str], Path]
STRIKE = ROOT / "tests" / "levels" / "strike"
RECRUIT = """    ap: 1
    cost: {cash: 2}"""


def recruit_priced(write_level: WriteLevel, ap: str = "1", cost: str = "2") -> Ruleset:
    """The mini level with Red's 'recruit' priced by the given ap and cash cost."""
    text = mini_text()
    assert RECRUIT in text
    return load_level(
        write_level(text.replace(RECRUIT, f"    ap: {ap}\n    cost: {{cash: {cost}}}"))
    )


def red_to_move(rules: Ruleset, tension: int, cash: int) -> tuple[State, Action]:
    state = new_game(rules, 3)
    assert rules.factions[rules.order[state.turn]].id == "red"
    state.v[rules.slot("tension")] = tension
    state.v[rules.slot("red.cash")] = cash
    return state, Action(rules.action_by_id("recruit").index, -1)


def test_an_action_points_formula_costs_what_it_gives_when_the_move_is_made(
    write_level: WriteLevel,
) -> None:
    rules = recruit_priced(write_level, ap='"1 + (tension >= 3)"')
    calm, move = red_to_move(rules, tension=1, cash=5)
    after, _ = apply(calm, move)
    assert after.ap == calm.ap - 1
    tense, move = red_to_move(rules, tension=4, cash=5)
    tense.ap = 1
    assert move not in legal_actions(tense)
    assert why_illegal(tense, move) == (
        "no_action_points",
        "Needs 2 action points; 1 left this turn.",
    )
    tense.ap = 2
    assert move in legal_actions(tense)
    assert ap_of(tense, rules.action_by_id("recruit")) == 2


def test_a_cost_formula_is_worked_out_before_the_action_changes_anything(
    write_level: WriteLevel,
) -> None:
    rules = recruit_priced(write_level, cost='"2 * tension"')
    state, move = red_to_move(rules, tension=2, cash=5)
    after, _ = apply(state, move)  # 2 * 2 = 4 cash, whatever the effects then do
    assert after.v[rules.slot("red.cash")] == 1
    poor, move = red_to_move(rules, tension=3, cash=5)
    assert move not in legal_actions(poor)
    assert why_illegal(poor, move) == ("cost", "Costs 6 Cash; you have 5.")


def test_a_cost_formula_rounds_halves_up_and_a_negative_one_costs_nothing(
    write_level: WriteLevel,
) -> None:
    rules = recruit_priced(write_level, cost='"tension / 2 - 1"')
    half, move = red_to_move(rules, tension=3, cash=5)  # 0.5 rounds up to 1
    assert apply(half, move)[0].v[rules.slot("red.cash")] == 4
    below, move = red_to_move(rules, tension=0, cash=5)  # -1 is paid as 0, never gained
    assert apply(below, move)[0].v[rules.slot("red.cash")] == 5
    assert [whole_price(x) for x in (-3.0, 0.49, 2.5, 1e9, float("nan"))] == [0, 0, 3, 1000, 0]


def test_the_card_and_the_preview_show_the_price_the_formula_gives_now(
    write_level: WriteLevel,
) -> None:
    rules = recruit_priced(write_level, ap='"1 + (tension >= 3)"', cost='"tension"')
    state, move = red_to_move(rules, tension=3, cash=5)
    a = rules.action_by_id("recruit")
    assert cost_text(state, a) == "2 AP · 3 Cash"
    cash = rules.slot("red.cash")
    assert (cash, -3) in preview(state, move).on_success
    lines = preview_lines(state, move, rules.faction_index("red"))
    assert "Cost: 2 AP · 3 Cash" in lines[2 if a.description else 1]
    assert "Cash" not in lines[3]  # the effects line leaves out what the cost line shows


def test_a_formula_of_constants_keeps_the_fixed_price_fast_path(
    write_level: WriteLevel,
) -> None:
    rules = recruit_priced(write_level, ap='"2 - 1"', cost='"1 + 1"')
    a = rules.action_by_id("recruit")
    assert (a.priced, a.ap, a.costs) == (False, 1, ((rules.slot("red.cash"), 2),))
    fixed = load_level(write_level(mini_text())).action_by_id("recruit")
    assert not fixed.priced and fixed.ap_fn is None and fixed.cost_fns == ()


def test_a_price_that_reads_the_target_is_refused_with_the_reason(
    write_level: WriteLevel,
) -> None:
    text = mini_text().replace(
        "    cost: {cash: 1}\n    target: region",
        '    cost: {cash: "target.unrest"}\n    target: region',
    )
    with pytest.raises(ContentError) as err:
        load_level(write_level(text))
    message = str(err.value)
    assert "action 'agitate': cost.cash: 'cost' is worked out before a target is chosen" in message
    assert "level.yaml:" in message


def test_a_broken_price_formula_names_the_action_and_the_field(write_level: WriteLevel) -> None:
    with pytest.raises(ContentError) as err:
        recruit_priced(write_level, ap='"1 + morale_of_red"')
    assert "action 'recruit': ap: unknown name 'morale_of_red'" in str(err.value)


def test_validate_warns_when_a_cost_formula_can_go_below_zero(write_level: WriteLevel) -> None:
    text = mini_text().replace(RECRUIT, '    ap: 1\n    cost: {cash: "2 * tension - 4"}')
    warnings = [str(w) for w in open_level(write_level(text)).warnings]
    hits = [w for w in warnings if "cost.cash" in w]
    assert len(hits) == 1
    assert "the cost formula '2 * tension - 4' can fall to -4 (its range is -4..6)" in hits[0]
    assert "max(2 * tension - 4, 0)" in hits[0]


def test_validate_accepts_a_price_formula_that_stays_within_its_bounds(
    write_level: WriteLevel,
) -> None:
    text = mini_text().replace(RECRUIT, '    ap: "1 + (tension >= 3)"\n    cost: {cash: "tension"}')
    assert not [str(w) for w in open_level(write_level(text)).warnings if "recruit" in str(w)]


def test_in_the_strike_level_legal_moves_and_refusals_agree_on_formula_prices() -> None:
    rules = load_level(STRIKE)
    priced = [a for a in rules.actions if a.priced]
    assert {a.id for a in priced} == {"picket", "lockout"}
    rng = random.Random(11)
    checked = paid = 0
    for seed in range(25):
        state = new_game(rules, seed)
        while state.outcome < 0:
            legal = set(legal_actions(state))
            for d in priced:
                for m in rules.space_by_action[d.index]:
                    assert (m in legal) == (why_illegal(state, m) is None)
                    checked += 1
            move = sorted(legal)[rng.randrange(len(legal))]
            if move.action < 0 or not rules.actions[move.action].priced:
                step(state, move)
                continue
            a = rules.actions[move.action]
            ap, costs = ap_of(state, a), costs_of(state, a)
            expected = {slot: max(rules.lo[slot], state.v[slot] - n) for slot, n in costs}
            turn, ap_left = state.turn, state.ap
            step(state, move)
            if state.turn == turn and state.outcome < 0:  # the turn goes on: nothing else ran
                assert state.ap == ap_left - ap
                assert {slot: state.v[slot] for slot in expected} == expected
                paid += 1
    assert checked > 500 and paid > 10


def test_validate_warns_when_a_cost_formula_is_always_more_than_the_faction_can_hold(
    write_level: WriteLevel,
) -> None:
    text = mini_text().replace(RECRUIT, '    ap: 1\n    cost: {cash: "10 + tension"}')
    warnings = [str(w) for w in open_level(write_level(text)).warnings if "recruit" in str(w)]
    assert len(warnings) == 1
    assert (
        "action 'recruit': cost.cash: the action can never be legal: its cost "
        "'10 + tension' is at least 10 Cash but red.cash never exceeds 9"
    ) in warnings[0]
