"""The learned judge: training a level's value model, loading it safely, playing with it."""

from __future__ import annotations

import json
import math
import random
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from game.ai import create_agent
from game.ai.value import Features, LearnedJudge, learned_value
from game.cli import main as cli_main
from game.content import ContentError, load_level, open_level
from game.content.value_file import VALUE_FILE
from game.engine import Ruleset, current_faction, legal_actions, new_game, observe, step
from game.sim.train import Report, train_value
from tests.conftest import ROOT, mini_text

TUTORIAL = ROOT / "levels" / "tutorial"


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Report]:
    """A copy of the tutorial whose Hardliners judge by a value model trained on 60 games."""
    folder = tmp_path_factory.mktemp("value") / "tutorial"
    shutil.copytree(TUTORIAL, folder, ignore=shutil.ignore_patterns("tests"))
    level = folder / "level.yaml"
    text = level.read_text(encoding="utf-8")
    marker = "    emblem: H\n"
    assert marker in text
    text = text.replace(marker, marker + "    planning: {method: rollout, judge: learned}\n")
    level.write_text(text, encoding="utf-8")
    report = train_value(str(folder), games=60, seed=3, workers=1, hidden=8, epochs=3)
    return folder, report


@pytest.fixture(scope="module")
def ensemble(
    trained: tuple[Path, Report], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Report]:
    """The same tutorial copy with an ensemble of 3 networks, each trained on its own 40 games."""
    folder = tmp_path_factory.mktemp("ensemble") / "tutorial"
    shutil.copytree(trained[0], folder)
    report = train_value(str(folder), games=40, seed=3, workers=1, hidden=8, epochs=3, members=3)
    return folder, report


def _member_chances(doc: dict[str, Any], x: list[float]) -> list[float]:
    """Softmax of the members' average logits, computed member by member."""
    logits = []
    for m in doc["members"]:
        hidden = [
            math.tanh(b + sum(wi * xi for wi, xi in zip(w, x, strict=True)))
            for w, b in zip(m["hidden_weights"], m["hidden_bias"], strict=True)
        ]
        logits.append(
            [
                b + sum(wi * hi for wi, hi in zip(w, hidden, strict=True))
                for w, b in zip(m["out_weights"], m["out_bias"], strict=True)
            ]
        )
    mean = [sum(z) / len(logits) for z in zip(*logits, strict=True)]
    odds = [math.exp(z - max(mean)) for z in mean]
    return [o / sum(odds) for o in odds]


def test_training_writes_a_model_the_level_loads_without_warnings(
    trained: tuple[Path, Report],
) -> None:
    folder, report = trained
    assert report.path == folder / VALUE_FILE
    assert sum(report.wins.values()) == 60
    assert report.positions > 60
    loaded = open_level(folder)
    assert loaded.warnings == ()
    rules = loaded.ruleset
    value = learned_value(rules)
    assert value is not None
    assert value.inputs == Features(rules).size
    assert len(value.out_bias) == len(rules.factions) + 1


def test_the_learned_judge_gives_win_chances_that_sum_to_one_and_scores_a_finished_game_exactly(
    trained: tuple[Path, Report],
) -> None:
    rules = load_level(trained[0])
    value = learned_value(rules)
    assert value is not None
    judge = LearnedJudge(rules, value)
    state = new_game(rules, 5)
    rng = random.Random(5)
    while state.outcome < 0:
        chances = judge.chances(state)
        assert sum(chances) == pytest.approx(1.0)
        assert all(0.0 <= p <= 1.0 for p in chances)
        margins = judge.margins(state)
        assert all(abs(m) <= 1.2 * judge.win_value for m in margins)
        moves = legal_actions(state)
        step(state, moves[rng.randrange(len(moves))])
    assert judge.margins(state) == judge.static.final(state)


def test_an_ensemble_holds_networks_trained_on_separate_games_and_judges_by_their_average(
    ensemble: tuple[Path, Report],
) -> None:
    folder, report = ensemble
    doc = json.loads((folder / VALUE_FILE).read_text(encoding="utf-8"))
    assert doc["format"] == 2
    assert [m["training"]["seed"] for m in doc["members"]] == [3, 43, 83]
    assert report.games == 120 and sum(report.wins.values()) == 120
    assert len(report.member_log_loss) == 3
    first = doc["members"][0]["hidden_weights"]
    assert all(m["hidden_weights"] != first for m in doc["members"][1:])
    loaded = open_level(folder)
    assert loaded.warnings == ()
    rules = loaded.ruleset
    value = learned_value(rules)
    assert value is not None
    judge = LearnedJudge(rules, value)
    state = new_game(rules, 2)
    rng = random.Random(2)
    while state.outcome < 0:
        want = _member_chances(doc, judge.features.of(state))
        assert judge.chances(state) == pytest.approx(want, abs=1e-9)
        moves = legal_actions(state)
        step(state, moves[rng.randrange(len(moves))])


def test_a_faction_with_the_learned_judge_plays_a_whole_game_on_ai_hard_reproducibly(
    trained: tuple[Path, Report],
) -> None:
    rules = load_level(trained[0])

    def play(seed: int) -> list[str]:
        state = new_game(rules, seed)
        agents = [create_agent("ai:hard", rules, f.index) for f in rules.factions]
        rngs = [random.Random(seed * 10 + f.index) for f in rules.factions]
        reasons = []
        while state.outcome < 0:
            f = current_faction(state)
            decision = agents[f].decide(observe(state, f), legal_actions(state), rngs[f])
            reasons.append(decision.reason)
            step(state, decision.action)
        return reasons

    first = play(11)
    assert any("rollouts" in reason for reason in first)
    assert play(11) == first


def test_a_faction_that_asks_for_the_learned_judge_without_a_model_is_told_how_to_train_one(
    write_level: Callable[[str], Path],
) -> None:
    line = "    planning: {method: rollout, judge: learned}"
    text = mini_text().replace("    intel: spies\n", f"    intel: spies\n{line}\n")
    folder = write_level(text)
    with pytest.raises(ContentError) as info:
        load_level(folder)
    problem = next(p for p in info.value.problems if "judge" in p.message)
    assert problem.file.endswith("level.yaml")
    assert (
        problem.line
        == text.splitlines().index("    planning: {method: rollout, judge: learned}") + 1
    )
    assert "train-ai" in problem.message
    assert load_level(folder, value_model=False).factions[0].judge == "learned"


def _copy(trained: tuple[Path, Report], tmp_path: Path) -> Path:
    folder = tmp_path / "tutorial"
    shutil.copytree(trained[0], folder)
    return folder


def test_a_value_file_that_is_not_json_is_reported_with_its_line_and_column(
    trained: tuple[Path, Report], tmp_path: Path
) -> None:
    folder = _copy(trained, tmp_path)
    (folder / VALUE_FILE).write_text('{"format": 1,\n  "level": tutorial}\n', encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_level(folder)
    (problem,) = info.value.problems
    assert problem.file == f"tutorial/{VALUE_FILE}"
    assert (problem.line, problem.col) == (2, 12)
    assert "train-ai tutorial" in problem.message


def test_a_value_file_trained_for_other_objectives_is_refused(
    trained: tuple[Path, Report], tmp_path: Path
) -> None:
    folder = _copy(trained, tmp_path)
    doc = json.loads((folder / VALUE_FILE).read_text(encoding="utf-8"))
    doc["objectives"] = doc["objectives"][1:]
    (folder / VALUE_FILE).write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ContentError, match="trained for other objectives"):
        load_level(folder)


def test_a_value_file_with_a_row_of_the_wrong_length_is_refused(
    trained: tuple[Path, Report], tmp_path: Path
) -> None:
    folder = _copy(trained, tmp_path)
    doc = json.loads((folder / VALUE_FILE).read_text(encoding="utf-8"))
    doc["hidden_weights"][2].pop()
    (folder / VALUE_FILE).write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ContentError, match="hidden_weights row has"):
        load_level(folder)


def test_an_ensemble_with_a_short_row_in_one_member_is_refused_naming_that_member(
    ensemble: tuple[Path, Report], tmp_path: Path
) -> None:
    folder = _copy(ensemble, tmp_path)
    doc = json.loads((folder / VALUE_FILE).read_text(encoding="utf-8"))
    doc["members"][1]["out_weights"][0].pop()
    (folder / VALUE_FILE).write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ContentError, match=r"members\.1\.out_weights row has 7 numbers, not 8"):
        load_level(folder)


def test_an_ensemble_without_members_is_refused_with_where_and_how_to_fix_it(
    ensemble: tuple[Path, Report], tmp_path: Path
) -> None:
    folder = _copy(ensemble, tmp_path)
    doc = json.loads((folder / VALUE_FILE).read_text(encoding="utf-8"))
    doc["members"] = []
    (folder / VALUE_FILE).write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_level(folder)
    (problem,) = info.value.problems
    assert problem.file == f"tutorial/{VALUE_FILE}"
    assert problem.message.startswith("members: ")
    assert "train-ai tutorial" in problem.message


@pytest.mark.parametrize("model", ["trained", "ensemble"])
def test_a_value_file_from_an_earlier_version_of_the_rules_is_a_warning_not_an_error(
    model: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    folder = _copy(request.getfixturevalue(model), tmp_path)
    level = folder / "level.yaml"
    text = level.read_text(encoding="utf-8")
    longer = re.sub(r"\n  rounds: (\d+)\n", lambda m: f"\n  rounds: {int(m[1]) + 1}\n", text)
    assert longer != text
    level.write_text(longer, encoding="utf-8")
    loaded = open_level(folder)
    rules = loaded.ruleset
    (warning,) = [w for w in loaded.warnings if VALUE_FILE in w.file]
    assert "earlier version" in warning.message
    assert learned_value(rules) is not None


def test_a_value_file_stays_current_when_only_comments_text_or_ai_planning_change(
    trained: tuple[Path, Report], tmp_path: Path
) -> None:
    folder = _copy(trained, tmp_path)
    level = folder / "level.yaml"
    text = level.read_text(encoding="utf-8")
    text = text.replace("name: The Mediator", "name: The Peace Envoy")
    text = text.replace("judge: learned}", "judge: learned, foresight: 0.2}")
    level.write_text(text + "\n# edited\n", encoding="utf-8")
    loaded = open_level(folder)
    rules = loaded.ruleset
    assert not [w for w in loaded.warnings if VALUE_FILE in w.file]
    assert rules.fingerprint != load_level(trained[0]).fingerprint  # the files did change
    assert rules.factions[0].name == "The Peace Envoy"


def test_train_ai_from_the_command_line_reports_how_well_the_model_predicts(
    trained: tuple[Path, Report], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "model.json"
    args = ["train-ai", str(trained[0]), "--games", "20", "--workers", "1"]
    code = cli_main([*args, "--hidden", "4", "--epochs", "1", "--out", str(out)])
    printed = capsys.readouterr().out
    assert code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["format"] == 2
    assert "from 80 games, 20 for each of 4 networks" in printed and "log-loss" in printed
    code = cli_main([*args, "--hidden", "4", "--epochs", "1", "--members", "1", "--out", str(out)])
    assert code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["format"] == 1
    assert "from 20 games (" in capsys.readouterr().out
    assert cli_main(["train-ai", str(trained[0]), "--games", "3"]) != 0
    assert "--games 10 or more" in capsys.readouterr().err


def test_the_shipped_niger_junta_judges_by_a_model_trained_on_the_level_as_it_is() -> None:
    rules: Ruleset = load_level("niger_2023")
    assert rules.factions[rules.faction_index("junta")].judge == "learned"
    value = learned_value(rules)
    assert value is not None
    assert value.fingerprint == rules.rules_fingerprint


def test_a_news_line_added_to_a_branch_keeps_a_value_file_current_and_a_new_effect_does_not(
    write_level: Any,
) -> None:
    from tests.conftest import mini_text

    plain = mini_text()
    before = load_level(write_level(plain)).rules_fingerprint
    news = plain.replace(
        "effects: [window -= 1]", 'effects: [window -= 1, {headline: "Talks stall."}]'
    )
    assert news != plain
    assert load_level(write_level(news)).rules_fingerprint == before
    harder = plain.replace("effects: [window -= 1]", "effects: [window -= 1, tension += 1]")
    assert load_level(write_level(harder)).rules_fingerprint != before
