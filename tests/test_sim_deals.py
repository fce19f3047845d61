"""Batch simulation reports how each deal went: offered, accepted, refused, kept, broken."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from game.content import load_level
from game.engine import PASS, Action, Ruleset
from game.engine.deal_defs import NOT_A_DEAL, PROPOSE
from game.headless import play_match
from game.match import Match
from game.sim.batch import BatchOptions, run_batch
from game.sim.deal_report import deal_moments

BARGAIN = Path(__file__).resolve().parent / "levels" / "bargain"
MINI = Path(__file__).resolve().parent / "levels" / "mini"


def move(rules: Ruleset, ident: str, target: int = -1) -> Action:
    index = next(a.index for a in rules.actions if a.id == ident)
    return Action(index, target)


def test_a_broken_ceasefire_counts_as_offered_accepted_and_broken() -> None:
    rules = load_level(BARGAIN)
    match = Match.new(rules, 1)
    hills = next(r.index for r in rules.regions if r.id == "hills")
    for ident in ("ceasefire:offer:1", "ceasefire:accept:1"):
        while match.active != rules.deals[0].proposer and ident.endswith("offer:1"):
            match.play(PASS)
        match.play(move(rules, ident))
    while match.active != rules.deals[0].recipient:
        match.play(PASS)
    match.play(move(rules, "agitate", hills))
    used = Counter(rules.actions[m.action.action].id for m in match.history if m.action.action >= 0)
    moments = deal_moments(rules, dict(used), match.log)
    assert moments["ceasefire"] == {
        "offered": 1,
        "accepted": 1,
        "refused": 0,
        "countered": 0,
        "kept": 0,
        "broken": 1,
    }
    assert "spy_pact" not in moments  # never offered: left out


def test_the_batch_report_counts_per_deal_the_games_with_each_moment() -> None:
    rules = load_level(BARGAIN)
    report, results = run_batch(
        rules, BARGAIN, BatchOptions(games=16, seed=3, seats=("random", "random"), progress=False)
    )
    table = report["deals"]
    assert set(table["deals"]) == {"ceasefire", "spy_pact"}
    for deal in rules.deals:
        row = table["deals"][deal.id]
        offers = {rules.actions[a].id for a in deal.propose}
        offered_in = sum(1 for r in results if offers & set(r.actions))
        assert row["games"]["offered"] == offered_in
        assert row["games"]["accepted"] <= row["games"]["offered"]
        if offered_in:
            assert row["accepted_when_offered"] == round(row["games"]["accepted"] / offered_in, 6)
    accepted_any = sum(1 for r in results if any(m["accepted"] for m in r.deals.values()))
    assert table["games_with_accepted_deal"] == accepted_any
    assert sum(row["games"]["offered"] for row in table["deals"].values()) > 0


def test_a_level_without_deals_has_no_deal_table() -> None:
    rules = load_level(MINI)
    report, _ = run_batch(
        rules, MINI, BatchOptions(games=2, seed=1, seats=("random", "random"), progress=False)
    )
    assert "deals" not in report


def test_a_random_seat_answers_every_offer_instead_of_ending_its_turn() -> None:
    rules = load_level(BARGAIN)
    answered = 0
    for seed in range(12):
        match = play_match(rules, seed, ["random", "random"])
        assert match.is_over
        for played in match.history:
            a = played.action.action
            if a >= 0 and rules.actions[a].deal_role not in (NOT_A_DEAL, PROPOSE):
                answered += 1
    assert answered > 0


def test_the_action_table_leaves_deal_moves_to_the_deal_table() -> None:
    rules = load_level(BARGAIN)
    report, results = run_batch(
        rules, BARGAIN, BatchOptions(games=16, seed=3, seats=("random", "random"), progress=False)
    )
    deal_moves = {a.id for a in rules.actions if a.deal >= 0}
    for faction in rules.factions:
        usage = report["action_usage"][faction.id]
        assert not deal_moves & set(usage["actions"])
        mine = {a.id for a in rules.by_faction[faction.index] if a.deal >= 0}
        assert usage["deal_moves"] == sum(r.actions.get(a, 0) for r in results for a in mine)
    assert sum(u["deal_moves"] for u in report["action_usage"].values()) > 0
    assert not deal_moves & set(report["never_fired"]["actions"])
