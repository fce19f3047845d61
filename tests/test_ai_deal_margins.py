"""Tree seats bargain with care (issue 22, AI): they take a deal only for a clear gain,
and do not offer one that hands the recipient more than it gains them.

In the level here North may dig a nugget or offer South a gift for its action point.
`SMALL_GIFT` hands South one coin of the ten its objective asks for (a sliver of a
point by its own judge), `BIG_GIFT` the coin that meets its objective. A tree seat with
a margin (the presets give it the seat's `switch_margin`, as rollout seats have) takes
the big gift and refuses the small one, and its seat is predicted to answer so. In
`RICH_GIFT` the gift also makes North rich; North offers it unless the recipient's own
judge (which decides its answer) finds the gift worth far more to South than North's
judge credits South with.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from game.ai.answers import AnswerModel
from game.ai.evaluate import PositionEvaluator
from game.ai.mcts import MCTSAgent
from game.ai.presets import PRESETS
from game.content import load_level
from game.engine import Action, Ruleset, State, legal_actions, new_game, observe, step
from game.engine.deal_defs import ACCEPT

GIFT_YAML = """\
level:
  id: gift
  name: Gift
  description: A deal worth a sliver or a lot to its recipient.
  rounds: 4
  order: [north, south, east]
  action_points: 1

factions:
  - {id: north, name: North, short: North, description: Digs or gives.}
  - {id: south, name: South, short: South, description: Saves.}
  - {id: east, name: East, short: East, description: Leads.}

resources:
  - {id: gold, faction: north, name: Gold, description: Nuggets., min: 0, max: 9, initial: 0}
  - {id: coin, faction: south, name: Coin, description: Coins., min: 0, max: 20, initial: 3}
  - {id: power, faction: east, name: Power, description: A lead., min: 0, max: 9, initial: 1}

actions:
  - {id: dig, faction: north, name: Dig, description: One nugget., effects: [gold += 1]}
  - {id: save, faction: south, name: Save, description: Nothing much., effects: [coin += 0]}
  - {id: rest, faction: east, name: Rest, description: Nothing., effects: [power += 0]}

objectives:
  - {id: n_gold, faction: north, name: Rich, description: Gold., when: north.gold >= 3, points: 4}
  - {id: s_coin, faction: south, name: Saved, description: Coins., when: south.coin >= 13,
     points: 10}
  - {id: e_lead, faction: east, name: Ahead, description: Power., when: east.power >= 1, points: 12}

deals:
  - id: gift
    name: Gift
    description: North gives South a coin; North takes a nugget.
    proposer: north
    recipient: south
    ap: 1
    rounds: 2
    on_accept: [south.coin += 1, north.gold += 1]
"""
RICH_GIFT = GIFT_YAML.replace("south.coin >= 13", "south.coin >= 4").replace(
    "north.gold += 1]", "north.gold += 3]"
)
SMALL_GIFT = GIFT_YAML.replace("south.coin >= 13", "south.coin >= 10")
BIG_GIFT = GIFT_YAML.replace("south.coin >= 13", "south.coin >= 4")


def _level(tmp_path: Path, text: str) -> Ruleset:
    (tmp_path / "level.yaml").write_text(text, encoding="utf-8")
    return load_level(tmp_path)


def _offered(rules: Ruleset) -> State:
    """A new game with North's gift offered to South (South must answer)."""
    state = new_game(rules, 1)
    offer = next(m for m in legal_actions(state) if rules.actions[m.action].id == "gift:offer")
    step(state, offer)
    return state


def _answer(rules: Ruleset, margin: float, seed: int = 1) -> str:
    state = _offered(rules)
    agent = MCTSAgent(rules, 1, iterations=60, rollout_turns=0, foresight=0.5, answer_margin=margin)
    move = agent.decide(observe(state, 1), legal_actions(state), random.Random(seed)).action
    return rules.actions[move.action].id


def test_a_tree_seat_without_a_margin_takes_a_gift_worth_a_sliver(tmp_path: Path) -> None:
    assert _answer(_level(tmp_path, SMALL_GIFT), 0.0) == "gift:accept"


def test_a_tree_seat_with_a_margin_refuses_a_gift_worth_less_than_it(tmp_path: Path) -> None:
    assert _answer(_level(tmp_path, SMALL_GIFT), 0.03) == "gift:refuse"


def test_a_tree_seat_with_a_margin_takes_a_gift_that_clearly_pays(tmp_path: Path) -> None:
    assert _answer(_level(tmp_path, BIG_GIFT), 0.03) == "gift:accept"


def test_the_normal_preset_refuses_the_small_gift_and_takes_the_big_one(tmp_path: Path) -> None:
    for text, want in ((SMALL_GIFT, "gift:refuse"), (BIG_GIFT, "gift:accept")):
        folder = tmp_path / want
        folder.mkdir()
        rules = _level(folder, text)
        state = _offered(rules)
        agent = PRESETS["ai:normal"](rules, 1, None, ["ai:normal"] * 3)
        move = agent.decide(observe(state, 1), legal_actions(state), random.Random(1)).action
        assert rules.actions[move.action].id == want


def test_a_proposer_predicts_a_tree_seat_refusing_a_gift_worth_less_than_its_margin(
    tmp_path: Path,
) -> None:
    for text, want in ((SMALL_GIFT, "gift:refuse"), (BIG_GIFT, "gift:accept")):
        folder = tmp_path / want
        folder.mkdir()
        rules = _level(folder, text)
        model = AnswerModel.for_seat(rules, 1, "ai:normal", ["ai:normal"] * 3)
        move, _ = model.choose(_offered(rules), 1)
        assert rules.actions[move.action].id == want


class Accepts:
    """A recipient predicted to accept every offer, judging positions by `judge`."""

    def __init__(self, rules: Ruleset, judge: Callable[[State], list[float]]) -> None:
        self.rules = rules
        self.margins = judge

    def choose(
        self, state: State, who: int, r: random.Random | None = None, rounds: int = -1
    ) -> tuple[Action, State | None]:
        roles = self.rules.actions
        return next(m for m in legal_actions(state) if roles[m.action].deal_role == ACCEPT), None

    def answer(self, state: State, me: int, seed: int = 0) -> None:
        step(state, self.choose(state, 1)[0])

    def answer_and_play(self, state: State, me: int, rounds: int) -> bool:
        self.answer(state, me)
        return False


def _offer_or_dig(rules: Ruleset, judge: Callable[[State], list[float]]) -> str:
    agent = MCTSAgent(
        rules, 0, iterations=60, rollout_turns=0, foresight=0.5, rivals={1: Accepts(rules, judge)}
    )
    state = new_game(rules, 1)
    move = agent.decide(observe(state, 0), legal_actions(state), random.Random(1)).action
    return rules.actions[move.action].id


def test_a_tree_seat_offers_a_gift_whose_worth_to_the_recipient_it_judges_alike(
    tmp_path: Path,
) -> None:
    rules = _level(tmp_path, RICH_GIFT)
    assert _offer_or_dig(rules, PositionEvaluator(rules, foresight=0.5).margins) == "gift:offer"


def test_a_tree_seat_does_not_offer_a_gift_the_recipient_values_far_above_its_judge(
    tmp_path: Path,
) -> None:
    rules = _level(tmp_path, RICH_GIFT)
    coin = next(v.index for v in rules.vars if v.key == "south.coin")
    own = PositionEvaluator(rules, foresight=0.5).margins

    def eager(state: State) -> list[float]:  # South's judge: every coin is worth 40 points
        out = own(state)
        out[1] += 40.0 * state.v[coin]
        return out

    assert _offer_or_dig(rules, eager) == "dig"


def _answer_rich_gift(rules: Ruleset, judge: Callable[[State], list[float]] | None) -> str:
    rivals = {0: Accepts(rules, judge)} if judge is not None else None
    agent = MCTSAgent(
        rules, 1, iterations=60, rollout_turns=0, foresight=0.5, answer_margin=0.03, rivals=rivals
    )
    state = _offered(rules)
    move = agent.decide(observe(state, 1), legal_actions(state), random.Random(1)).action
    return rules.actions[move.action].id


def test_a_tree_seat_takes_a_gift_that_enriches_the_giver_as_much_as_it_judges(
    tmp_path: Path,
) -> None:
    rules = _level(tmp_path, RICH_GIFT)
    assert (
        _answer_rich_gift(rules, PositionEvaluator(rules, foresight=0.5).margins) == "gift:accept"
    )


def test_a_tree_seat_refuses_a_gift_the_giver_values_far_above_its_judge(tmp_path: Path) -> None:
    rules = _level(tmp_path, RICH_GIFT)
    gold = next(v.index for v in rules.vars if v.key == "north.gold")
    own = PositionEvaluator(rules, foresight=0.5).margins

    def eager(state: State) -> list[float]:  # North's judge: every nugget is worth 40 points
        out = own(state)
        out[0] += 40.0 * state.v[gold]
        return out

    assert _answer_rich_gift(rules, eager) == "gift:refuse"
