"""The greedy agent plays legal moves, deterministically, from its view only."""

from __future__ import annotations

import random

from game.ai import create_agent
from game.engine import Ruleset, legal_actions, observe
from game.headless import play_match


def test_greedy_plays_the_mini_level_to_the_end_with_readable_reasons(mini: Ruleset) -> None:
    match = play_match(mini, 5, ["greedy", "greedy"])
    assert match.is_over
    reasons = [m.reason for m in match.history]
    assert all(r for r in reasons)
    assert any("Agitate" in r for r in reasons)


def test_greedy_returns_the_same_move_for_the_same_seed(mini: Ruleset) -> None:
    rules = mini
    match = play_match(rules, 9, ["random", "random"], max_decisions=3)
    state = match.state
    faction = match.active
    agent = create_agent("greedy", rules, faction)
    legal = legal_actions(state)
    first = agent.decide(observe(state, faction), legal, random.Random(4))
    second = agent.decide(observe(state, faction), legal, random.Random(4))
    assert first == second
    assert first.action in legal


def test_a_reason_names_the_move_and_its_visible_effects_from_the_level(mini: Ruleset) -> None:
    from game.ai.reasons import decision_reason
    from game.engine import Action, new_game, sample_state

    state = new_game(mini, 1)
    view = observe(state, 0)
    agitate = Action(mini.action_by_id("agitate").index, 0)
    text = decision_reason(view, sample_state(view, 0), agitate, 1.44, "greedy lookahead")
    assert text.startswith("Red: Agitate → Capital: ")
    assert "Capital influence (Red) 0 → 2" in text
    assert "50% odds" in text
    assert "+1.4 VP over ending the turn" in text


def test_the_evaluation_prefers_a_met_objective_and_penalises_a_near_shared_defeat(
    mini: Ruleset,
) -> None:
    from game.ai.evaluate import PositionEvaluator
    from game.engine import new_game

    evaluator = PositionEvaluator(mini)
    state = new_game(mini, 1)
    red_lead = state.clone()
    red_lead.v[mini.slot("capital.influence.red")] = 4
    assert evaluator.margins(red_lead)[0] > evaluator.margins(state)[0]
    near_war = state.clone()
    near_war.v[mini.slot("tension")] = 4
    assert evaluator.margins(near_war)[1] < evaluator.margins(state)[1]
    _, pulls_calm = evaluator.prospects(state)
    _, pulls_near = evaluator.prospects(near_war)
    assert all(near < calm for near, calm in zip(pulls_near, pulls_calm, strict=True))


def test_reasons_never_show_private_values_even_the_agents_own(mini: Ruleset) -> None:
    from game.ai.reasons import change_summary
    from game.engine import Action, new_game, observe, step

    state = new_game(mini, 1)
    step(state, Action(-1, -1))  # red passes; blue acts
    calm = mini.action_by_id("calm").index
    text = change_summary(observe(state, 1), state, Action(calm, -1))
    assert "Tension" in text and "Morale" not in text


def test_remembered_objective_values_match_a_fresh_probe_all_game_long(mini: Ruleset) -> None:
    from game.ai.victory import _closeness, _satisfaction, level_model, proximity, satisfaction
    from game.engine import new_game, step

    model = level_model(mini)
    assert all(o.term.key is not None for o in model.objectives)
    rng = random.Random(3)
    checked = 0
    for seed in range(6):
        state = new_game(mini, seed)
        while state.outcome < 0:
            for obj in model.objectives:
                assert satisfaction(obj.term, state) == _satisfaction(obj.term, state)
                checked += 1
            for out in model.outcomes:
                assert proximity(out.term, state) == _closeness(out.term, state)
            legal = legal_actions(state)
            step(state, legal[rng.randrange(len(legal))])
    assert checked > 50
    assert any(o.term.memo for o in model.objectives)
