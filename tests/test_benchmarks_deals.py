"""The negotiation benchmarks' helpers measure what they say (not timing tests)."""

from __future__ import annotations

import shutil
from pathlib import Path

from benchmarks.deals import answer_positions, without_deals
from benchmarks.deals_strength import deal_lines, faction_lines, report, seat_cells, seat_lines
from game.content import load_level
from game.sim.games import GameResult
from tests.conftest import BARGAIN


def test_the_copy_without_deals_is_the_same_level_minus_its_deals(tmp_path: Path) -> None:
    rules = load_level(BARGAIN)
    plain = load_level(without_deals(BARGAIN, tmp_path))
    assert rules.deals and not plain.deals
    assert [a.id for a in plain.actions] == [a.id for a in rules.actions if a.deal < 0]
    assert [v.key for v in plain.vars] == [
        v.key for v in rules.vars if not v.key.startswith("deals.")
    ]


def test_a_deals_only_file_is_dropped_from_the_copy(tmp_path: Path) -> None:
    source = tmp_path / "source" / "split"
    shutil.copytree(BARGAIN, source)
    text = (source / "level.yaml").read_text(encoding="utf-8")
    at = text.index("\ndeals:") + 1
    (source / "level.yaml").write_text(text[:at], encoding="utf-8")
    (source / "deals.yaml").write_text("# the deals\n" + text[at:], encoding="utf-8")
    assert load_level(source).deals
    (tmp_path / "copy").mkdir()
    copy = without_deals(source, tmp_path / "copy")
    assert not (copy / "deals.yaml").exists()
    assert not load_level(copy).deals


def test_answer_timing_positions_all_await_an_answer() -> None:
    rules = load_level(BARGAIN)
    spots = answer_positions(rules, 5)
    assert len(spots) == 5
    assert all(view.active != rules.order[view.turn] for view, _ in spots)


def result(index: int, winner: str | None, actions: dict[str, int]) -> GameResult:
    return GameResult(index, index, winner, "end", 4, {"red": 0, "blue": 0}, actions=actions)


def test_the_strength_report_counts_games_not_moves_and_states_its_verdicts() -> None:
    rules = load_level(BARGAIN)
    on = [
        result(0, "red", {"ceasefire:offer:1": 2, "ceasefire:accept:1": 1}),
        result(1, "red", {"spy_pact:offer": 3, "spy_pact:refuse": 3}),
        result(2, "blue", {"spy_pact:offer": 1, "spy_pact:accept": 1}),
        result(3, "blue", {"agitate": 2}),
    ]
    off = [result(i, "blue", {"agitate": 1}) for i in range(4)]
    deals, accepted = deal_lines(rules, on)
    by_id = {d.deal: d for d in deals}
    assert (by_id["ceasefire"].offered, by_id["ceasefire"].accepted) == (1, 1)
    assert (by_id["spy_pact"].offered, by_id["spy_pact"].accepted) == (2, 1)
    assert accepted == 2
    red = next(f for f in faction_lines(rules, on, off) if f.faction == "red")
    assert red.gain == 50.0 and red.diff_low < 0.5 < red.diff_high  # shares, not points
    text = report(rules, on, off, "ai:normal")
    assert "provisional" in text
    assert "deal types accepted in > 90% of the games they are offered: ['ceasefire']" in text


def test_the_promise_count_ties_each_breach_and_kept_promise_to_the_move_that_made_it() -> None:
    from benchmarks.deals_promises import promise_events
    from game.engine import PASS, Action

    rules = load_level(BARGAIN)

    def move(action_id: str) -> Action:
        return Action(rules.action_by_id(action_id).index, -1)

    moves = [
        move("spy_pact:offer"),  # Red offers; Blue accepts: Blue will calm within 1 round
        move("spy_pact:accept"),
        PASS,
        move("calm"),  # Blue keeps its word
        PASS,
    ]
    counts = promise_events(rules, 3, moves)
    assert counts["spy_pact:agreed"] == 1 and counts["spy_pact:took_in_time"] == 1
    assert not counts["spy_pact:missed_deadline"]
    missed = promise_events(rules, 3, [*moves[:3], PASS, PASS, PASS])  # Blue never calms:
    assert missed["spy_pact:agreed"] == 1 and missed["spy_pact:missed_deadline"] == 1
    assert not missed["spy_pact:took_in_time"]  # the deadline at round 2's end broke it
    agitate = Action(rules.action_by_id("agitate").index, 0)
    ceasefire = [PASS, move("ceasefire:offer:1"), move("ceasefire:accept:1"), PASS, agitate]
    broken = promise_events(rules, 3, ceasefire)  # Red agitates in round 2: a breach
    assert broken["ceasefire:agreed"] == 1 and broken["ceasefire:broken_by_red"] == 1


def test_the_per_seat_design_lets_one_faction_alone_refuse_and_scores_its_own_gain() -> None:
    rules = load_level(BARGAIN)
    cells = seat_cells(rules, "ai:normal", [])
    assert cells == {
        "red": ("ai:normal+nodeals", "ai:normal"),
        "blue": ("ai:normal", "ai:normal+nodeals"),
    }
    assert list(seat_cells(rules, "ai:normal", ["blue"])) == ["blue"]
    on = [result(i, "red" if i < 3 else "blue", {}) for i in range(4)]
    refusing = {
        "red": [result(i, "blue", {}) for i in range(4)],  # red refusing wins nothing
        "blue": [result(i, "blue", {}) for i in range(4)],  # blue refusing wins everything
    }
    red, blue = seat_lines(rules, on, refusing)
    assert (red.faction, red.gain) == ("red", 75.0)
    assert (blue.faction, blue.gain) == ("blue", -75.0)
    assert red.diff_low < 0.75 < red.diff_high and -1 <= blue.diff_low < blue.diff_high <= 1
    text = report(rules, on, refusing, "ai:normal")
    assert "it alone refuses" in text
    assert "no faction loses more than 2 points: no" in text


def test_the_paired_interval_is_tighter_when_the_same_seeds_mostly_agree() -> None:
    rules = load_level(BARGAIN)
    on = [result(i, "red" if i < 30 else "blue", {}) for i in range(100)]
    off = [result(i, "red" if i < 20 else "blue", {}) for i in range(100)]  # 10 seeds flip
    (red,) = seat_lines(rules, on, {"red": off})
    assert abs(red.gain - 10.0) < 1e-9
    assert red.diff_low < red.paired_low < 0.10 < red.paired_high < red.diff_high


def test_each_breach_is_valued_by_the_breaker_against_keeping_its_word_and_without_the_deal() -> (
    None
):
    from benchmarks.deals_promises import breach_records, judges
    from game.ai.evaluate import PositionEvaluator
    from game.engine import PASS, Action, new_game, step

    rules = load_level(BARGAIN)

    def move(action_id: str) -> Action:
        return Action(rules.action_by_id(action_id).index, -1)

    agitate = Action(rules.action_by_id("agitate").index, 0)
    agreed = [PASS, move("ceasefire:offer:1"), move("ceasefire:accept:1"), PASS]
    margins = PositionEvaluator(rules).margins
    records = breach_records(rules, 3, [*agreed, agitate], [margins, margins])
    assert len(records) == 1
    deal, breaker, broken, unbound, keep = records[0]
    assert (deal, breaker) == ("ceasefire", "red")
    state = new_game(rules, 3)
    for m in agreed:
        step(state, m)
    passed = state.clone()
    step(passed, PASS)
    assert keep >= margins(passed)[0]  # keeping includes simply ending the turn
    assert broken != unbound  # the breach's tension moves Red's own valuation
    assert breach_records(rules, 3, [agitate, *agreed], judges(rules, "ai:normal")) == []


def test_batches_written_as_json_pool_game_by_game_keeping_each_batchs_pairs(
    tmp_path: Path,
) -> None:
    import json

    from benchmarks.deals_strength import pooled

    rules = load_level(BARGAIN)
    files = []
    for k, red_wins in enumerate((1, 3)):
        rows: list[dict[str, object]] = [
            {"index": i, "winner": "red" if i < red_wins else "blue", "deals": {}} for i in range(4)
        ]
        spy = {"spy_pact": {"offered": 1, "accepted": 1}}
        data = {
            "level": rules.level_id,
            "agent": "ai:normal",
            "design": "seat",
            "per_game": {
                "with_deals": [{**rows[0], "deals": spy}, *rows[1:]],
                "without_deals": {"red": [{**r, "winner": "blue"} for r in rows], "blue": rows},
            },
        }
        files.append(tmp_path / f"b{k}.json")
        files[-1].write_text(json.dumps(data), encoding="utf-8")
    on, off, agent, design = pooled(rules, files)
    assert (len(on), agent, design) == (8, "ai:normal", "seat")
    assert isinstance(off, dict) and len(off["red"]) == 8
    red = seat_lines(rules, on, off)[0]
    assert red.gain == 50.0  # 4 of 8 with deals, 0 of 8 alone refusing
    deals, accepted = deal_lines(rules, on)
    assert accepted == 2 and next(d for d in deals if d.deal == "spy_pact").offered == 2
