"""Batch simulation: deterministic reports for any worker count, contents, plots, CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import main
from game.content import load_level
from game.engine import Ruleset
from game.headless import play_match
from game.sim.batch import BatchOptions, run_batch, write_outputs
from game.sim.games import GameSpec, LevelPayload, game_seed, play_game, track_history
from game.sim.report import wilson

MINI = Path(__file__).resolve().parent / "levels" / "mini"


def stable(report: dict[str, object]) -> dict[str, object]:
    """The report without its timing and run details."""
    return {k: v for k, v in report.items() if k not in ("seconds", "run")}


@pytest.fixture(scope="module")
def rules() -> Ruleset:
    return load_level(MINI)


def options(
    workers: int, games: int = 12, seats: tuple[str, ...] = ("random", "greedy")
) -> BatchOptions:
    return BatchOptions(games=games, seed=5, seats=seats, workers=workers, progress=False)


def test_the_same_seed_gives_the_same_report_with_one_or_two_workers(rules: Ruleset) -> None:
    one, _ = run_batch(rules, MINI, options(1))
    two, results = run_batch(rules, MINI, options(2))
    assert stable(one) == stable(two)
    assert [r.index for r in results] == list(range(12))
    assert two["run"]["workers"] == 2


def test_a_different_seed_plays_different_games(rules: Ruleset) -> None:
    a, _ = run_batch(rules, MINI, options(1))
    b, _ = run_batch(
        rules, MINI, BatchOptions(games=12, seed=6, seats=("random", "greedy"), progress=False)
    )
    assert stable(a) != stable(b)


def test_the_report_counts_wins_outcomes_actions_and_dead_content(rules: Ruleset) -> None:
    report, results = run_batch(rules, MINI, options(1, games=20, seats=("random", "random")))
    assert report["games"] == 20
    wins = report["wins"]
    assert sum(wins.values()) == 20 and set(wins) == {"red", "blue", "none"}
    assert sum(report["outcomes"].values()) == 20
    for faction, rate in report["win_rate"].items():
        assert rate["low"] <= rate["rate"] <= rate["high"]
        assert rate["rate"] == wins[faction] / 20
    usage = report["action_usage"]["red"]
    assert usage["total"] == sum(a["count"] for a in usage["actions"].values())
    assert sum(r.actions.get("agitate", 0) for r in results) == usage["actions"]["agitate"]["count"]
    used = {a for r in results for a in r.actions}
    assert set(report["never_fired"]["actions"]) == {a.id for a in rules.actions} - used
    fired = {e for r in results for e in r.events}
    assert set(report["never_fired"]["events"]) == {e.id for e in rules.events} - fired
    assert report["event_frequency"]["summit"]["games"] == 20  # scheduled in round 2
    top = usage["most_used"]
    assert usage["actions"][top["action"]]["count"] == max(
        a["count"] for a in usage["actions"].values()
    )
    assert report["avg_rounds"] == sum(r.rounds for r in results) / 20
    assert len(report["tracks"]["tension"]["mean"]) == rules.rounds + 1


def test_track_history_rebuilt_from_the_log_matches_the_final_state(rules: Ruleset) -> None:
    match = play_match(rules, 77, ["random", "random"])
    history = track_history(rules, match.log)
    for key, values in history.items():
        assert values[0] == rules.initial[rules.slot(key)]
        assert values[-1] == match.state.v[rules.slot(key)]
        assert len(values) == match.state.round + 1


def test_one_game_is_reproducible_from_the_base_seed_and_its_index() -> None:
    spec = GameSpec(LevelPayload.from_folder(MINI), ("random", "random"), 9)
    assert play_game(spec, 3) == play_game(spec, 3)
    assert game_seed(9, 3) != game_seed(9, 4) and game_seed(9, 3) != game_seed(10, 3)


def test_wilson_intervals_match_known_values() -> None:
    low, high = wilson(5, 10)
    assert round(low, 4) == 0.2366 and round(high, 4) == 0.7634
    assert wilson(0, 40)[0] == 0.0 and round(wilson(0, 40)[1], 4) == 0.0876
    assert wilson(0, 0) == (0.0, 1.0)


def test_outputs_are_a_json_report_a_game_list_and_two_png_plots(
    rules: Ruleset, tmp_path: Path
) -> None:
    report, results = run_batch(rules, MINI, options(1, games=4))
    paths = write_outputs(rules, report, results, tmp_path / "out")
    assert json.loads(paths[0].read_text())["games"] == 4
    assert len(paths[1].read_text().splitlines()) == 4
    for png in paths[2:4]:
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    table = paths[4].read_text()
    assert "| red |" in table and "| end_of_rounds |" in table


def test_simulate_command_writes_the_report_and_prints_a_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "sim"
    code = main(
        [
            "simulate",
            str(MINI),
            "--games",
            "3",
            "--seed",
            "2",
            "--workers",
            "1",
            "--seat",
            "all=random",
            "--out",
            str(out),
            "--no-progress",
        ]
    )
    printed = capsys.readouterr().out
    assert code == 0
    assert (out / "report.json").is_file() and (out / "tracks.png").is_file()
    assert "95% interval" in printed and "mini: 3 games" in printed


@pytest.mark.parametrize(
    ("seat", "message"),
    [
        ("red=nobody", "unknown agent 'nobody'"),
        ("green=random", "unknown faction 'green'"),
        ("red=human", "no human seats"),
    ],
)
def test_simulate_rejects_bad_seats_with_a_message(
    seat: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["simulate", str(MINI), "--games", "1", "--seat", seat, "--out", str(tmp_path)])
    assert code == 1  # a usage error, like a bad number
    assert message in capsys.readouterr().err
