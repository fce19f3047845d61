"""Statistical expectations: the file is checked like a level, verdicts follow the
95% interval, and `expect` exits 1 only on a clear miss."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from game.ai import agent_names
from game.cli import main
from game.content import ContentError, load_level
from game.sim.expect import MET, MISSED, UNDECIDED, _bounded, judge, newcombe, table
from game.sim.expect_file import Check, read_expectations
from game.sim.games import GameResult
from tests.conftest import MINI


def check(
    low: float | None = None,
    high: float | None = None,
    above: str | None = None,
    measure: str = "winner",
    subject: str = "red",
) -> Check:
    return Check(
        id="c",
        name="c",
        seat_set="s",
        measure=measure,
        subject=subject,
        at_round=None,
        by_round=None,
        low=low,
        high=high,
        above=above,
        line=1,
    )


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    return folder


SOUND = (
    "expectations:\n  seats: {rnd: all=random}\n  checks:\n"
    "    - {id: a, name: A, tie: true, at_most: 0.1}\n"
)


def write(folder: Path, text: str) -> Path:
    (folder / "expectations.yaml").write_text(text, encoding="utf-8")
    return folder


def test_a_share_whose_whole_interval_is_inside_the_bound_is_met() -> None:
    v = _bounded(check(low=0.15, high=0.40), 270, 1000)
    assert v.verdict == MET and 0.24 < v.low < v.rate < v.high < 0.30


def test_a_share_whose_whole_interval_is_outside_the_bound_is_a_clear_miss() -> None:
    assert _bounded(check(low=0.60), 30, 100).verdict == MISSED
    assert _bounded(check(high=0.03), 10, 100).verdict == MISSED


def test_an_interval_that_straddles_the_bound_is_undecided() -> None:
    assert _bounded(check(low=0.15, high=0.40), 3, 10).verdict == UNDECIDED


def test_never_and_always_are_decided_by_a_single_counterexample() -> None:
    assert _bounded(check(high=0.0), 0, 5).verdict == MET
    assert _bounded(check(high=0.0), 1, 5000).verdict == MISSED
    assert _bounded(check(low=1.0), 5, 5).verdict == MET
    assert _bounded(check(low=1.0), 4, 5).verdict == MISSED


def test_a_win_rate_clearly_above_another_seat_sets_is_met() -> None:
    low, high = newcombe(60, 100, 30, 100)
    assert 0 < low < 0.3 < high
    rules = load_level(MINI)
    won = [GameResult(i, i, "red", "war", 4, {}) for i in range(60)]
    lost = [GameResult(i, i, "blue", "war", 4, {}) for i in range(40)]
    other = [GameResult(i, i, "red", "war", 4, {}) for i in range(30)] + lost + lost[:30]
    (v,) = judge(rules, [check(above="o")], {"s": won + lost, "o": other})
    assert v.verdict == MET and v.other_rate == pytest.approx(0.3)


def test_the_value_at_a_round_is_the_position_when_that_rounds_play_begins(
    mini_copy: Path,
) -> None:
    write(
        mini_copy,
        """expectations:
  seats: {rnd: all=random}
  checks:
    - {id: w3, name: window 3 at round 2, when: "window == 3", at_round: 2, at_least: 1}
    - {id: w4, name: window 4 at round 2, when: "window == 4", at_round: 2, at_most: 0}
    - {id: start, name: window 4 at the start, when: "window == 4", by_round: 1, at_least: 1}
""",
    )
    assert main(["expect", str(mini_copy), "--games", "6", "--workers", "1", "--no-progress"]) == 0


def test_expect_exits_1_on_a_clear_miss_and_names_it(
    mini_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        mini_copy,
        """expectations:
  seats: {rnd: all=random}
  checks:
    - {id: impossible, name: The window never opens, when: "window == 4", at_most: 0}
""",
    )
    code = main(["expect", str(mini_copy), "--games", "4", "--workers", "1", "--no-progress"])
    out = capsys.readouterr().out
    assert code == 1
    assert "`impossible`" in out and "missed" in out and "0 met, 1 missed" in out


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "    - {id: a, name: A, winner: reds, at_least: 0.1}",
            "unknown winner 'reds' — did you mean 'red'?",
        ),
        ('    - {id: a, name: A, when: "windoe > 1", at_least: 0.1}', "unknown name 'windoe'"),
        ("    - {id: a, name: A, winner: red, at_least: 1.5}", "less than or equal to 1"),
        (
            "    - {id: a, name: A, winner: red, seats: fast, at_least: 0.1}",
            "unknown seat set 'fast'",
        ),
        (
            "    - {id: a, name: A, winner: red, at_round: 2, at_least: 0.1}",
            "'at_round' belongs to 'when'",
        ),
        (
            "    - {id: a, name: A, winner: red}",
            "exactly one of: at_least, at_most, between, above",
        ),
        ("    - {id: a, name: A, winner: red, at_lest: 0.1}", "did you mean 'at_least'?"),
    ],
)
def test_a_broken_expectation_is_a_located_error(mini_copy: Path, line: str, message: str) -> None:
    write(mini_copy, f"expectations:\n  seats: {{rnd: all=random}}\n  checks:\n{line}\n")
    rules = load_level(mini_copy)
    with pytest.raises(ContentError) as err:
        read_expectations(mini_copy, rules, agent_names())
    (problem,) = err.value.problems
    assert problem.file.endswith("expectations.yaml") and problem.line == 4
    assert message in problem.message


def test_validate_reports_a_broken_expectations_file_and_fails(
    mini_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        mini_copy,
        SOUND.replace("all=random", "all=nobody"),
    )
    assert main(["validate", str(mini_copy)]) == 1
    out = capsys.readouterr().out
    assert "expectations.yaml:2:" in out and "unknown agent 'nobody'" in out


def test_the_expectations_file_is_not_part_of_the_levels_rules(mini_copy: Path) -> None:
    before = load_level(mini_copy).rules_fingerprint
    write(
        mini_copy,
        SOUND,
    )
    assert load_level(mini_copy).rules_fingerprint == before


def test_niger_2023s_expectations_run_end_to_end_in_a_small_smoke(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(
        [
            "expect",
            "niger_2023",
            "--games",
            "2",
            "--seats",
            "greedy",
            "--workers",
            "1",
            "--no-progress",
        ]
    )
    out = capsys.readouterr().out
    assert code in (0, 1)  # two games decide little; the smoke checks the plumbing
    assert "`ecowas_wins@greedy`" in out and "`no_early_ambassador@greedy`" in out
    assert "(`no_early_ambassador@greedy`) | greedy | 2 | 0.0%" in out


def test_pooled_action_measures_count_choices_and_games() -> None:
    from game.sim.expect import pooled

    rules = load_level(MINI)
    games = [
        GameResult(0, 0, "red", "war", 4, {}, actions={"agitate": 3, "recruit": 1}),
        GameResult(1, 1, "red", "war", 4, {}, actions={"agitate": 4}),
    ]
    assert pooled(rules, check(measure="busiest_action", subject="red"), games) == (7, 8, "agitate")
    assert pooled(rules, check(measure="commonest_action", subject="red"), games) == (
        2,
        2,
        "agitate",
    )
    assert pooled(rules, check(measure="rarest_action", subject="red"), games) == (1, 2, "recruit")
    (v,) = judge(rules, [check(measure="busiest_action", subject="red", high=0.3)], {"s": games})
    assert v.count == 7 and v.games == 8


BARGAIN = MINI.parent / "bargain"


def test_deal_moves_are_not_counted_as_a_factions_actions() -> None:
    from game.sim.expect import pooled

    rules = load_level(BARGAIN)
    # blue offers the ceasefire every turn; its two ordinary actions are each used once
    games = [
        GameResult(0, 0, "red", "war", 4, {}, actions={"ceasefire:offer:1": 9, "calm": 1}),
        GameResult(1, 1, "red", "war", 4, {}, actions={"ceasefire:offer:2": 9, "pressure": 1}),
    ]
    busiest = check(measure="busiest_action", subject="blue")
    rarest = check(measure="rarest_action", subject="blue")
    commonest = check(measure="commonest_action", subject="blue")
    assert pooled(rules, busiest, games) == (1, 2, "calm")
    assert pooled(rules, rarest, games) == (1, 2, "calm")  # no unplayed deal move reads 0%
    assert pooled(rules, commonest, games) == (1, 2, "calm")
    (v,) = judge(rules, [replace(rarest, low=0.4)], {"s": games})
    assert v.action == "calm" and "(`calm`)" in table([v])


def test_a_deal_check_counts_the_games_where_the_deal_reached_that_moment(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "bargain"
    shutil.copytree(BARGAIN, folder)
    write(
        folder,
        "expectations:\n  seats: {rnd: all=random}\n  checks:\n"
        "    - {id: a, name: A, deal: ceasefire, moment: accepted, at_least: 0.5}\n"
        "    - {id: o, name: O, deal: spy_pact, at_least: 0.5}\n",
    )
    rules = load_level(folder)
    found = read_expectations(folder, rules, agent_names())
    assert found is not None
    accepted, offered = found.checks
    assert (accepted.moment, offered.moment) == ("accepted", "offered")
    games = [
        GameResult(0, 0, "red", "war", 4, {}, deals={"ceasefire": {"offered": 2, "accepted": 1}}),
        GameResult(1, 1, "red", "war", 4, {}, deals={"ceasefire": {"offered": 1, "accepted": 0}}),
        GameResult(2, 2, "red", "war", 4, {}),
    ]
    got = judge(rules, [accepted, offered], {"rnd": games})
    assert [(v.count, v.games) for v in got] == [(1, 3), (0, 3)]


def test_a_deal_check_names_an_unknown_deal_and_a_stray_moment(mini_copy: Path) -> None:
    folder = mini_copy.parent / "bargain"
    shutil.copytree(BARGAIN, folder)
    write(
        folder,
        "expectations:\n  seats: {rnd: all=random}\n  checks:\n"
        "    - {id: a, name: A, deal: ceasfire, at_least: 0.5}\n"
        "    - {id: b, name: B, winner: red, moment: kept, at_least: 0.5}\n",
    )
    with pytest.raises(ContentError) as err:
        read_expectations(folder, load_level(folder), agent_names())
    messages = [(p.line, p.message) for p in err.value.problems]
    assert (4, "unknown deal 'ceasfire' — did you mean 'ceasefire'?") in messages
    assert any(line == 5 and "'moment' belongs to 'deal' checks" in m for line, m in messages)


def test_an_action_the_brief_demands_is_left_out_of_the_commonest_check_with_its_reason(
    mini_copy: Path,
) -> None:
    from game.sim.expect import pooled

    write(
        mini_copy,
        "expectations:\n  seats: {rnd: all=random}\n  checks:\n"
        "    - {id: c, name: No red action in every game, commonest_action: red,\n"
        "       except: [agitate], because: Red agitates every week in the brief.,\n"
        "       at_most: 0.95}\n",
    )
    rules = load_level(mini_copy)
    found = read_expectations(mini_copy, rules, agent_names())
    assert found is not None
    (c,) = found.checks
    games = [
        GameResult(i, i, "red", "war", 4, {}, actions={"agitate": 3, "recruit": i % 2})
        for i in range(10)
    ]
    assert pooled(rules, c, games) == (5, 10, "recruit")
    assert pooled(rules, replace(c, excepted=()), games) == (10, 10, "agitate")
    (v,) = judge(rules, [c], {"rnd": games})
    assert v.as_dict()["except"] == ["agitate"]
    assert "- `c` leaves out `agitate`: Red agitates every week in the brief." in table([v])


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "    - {id: a, name: A, commonest_action: red, except: [calm], because: B, at_most: 1}",
            "'calm' is not an action of red",
        ),
        (
            "    - {id: a, name: A, commonest_action: red, except: [recruit], at_most: 0.9}",
            "needs 'because'",
        ),
        (
            "    - {id: a, name: A, winner: red, except: [recruit], because: B., at_most: 0.9}",
            "'except' belongs to pooled action checks",
        ),
        (
            "    - {id: a, name: A, commonest_action: red, because: B., at_most: 0.9}",
            "'because' explains an 'except' list",
        ),
        (
            "    - {id: a, name: A, commonest_action: red, excpt: [recruit], at_most: 0.9}",
            "did you mean 'except'?",
        ),
    ],
)
def test_a_misused_except_list_is_a_located_error(mini_copy: Path, line: str, message: str) -> None:
    write(mini_copy, f"expectations:\n  seats: {{rnd: all=random}}\n  checks:\n{line}\n")
    with pytest.raises(ContentError) as err:
        read_expectations(mini_copy, load_level(mini_copy), agent_names())
    (problem,) = err.value.problems
    assert problem.line == 4 and message in problem.message
