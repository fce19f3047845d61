"""Lesson steps are level data: checked at load with located errors, invisible to the rules."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.content import ContentError, load_level

TUTORIAL = Path(__file__).resolve().parents[1] / "levels" / "tutorial"


def _tutorial_with(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the tutorial whose lessons file has `old` replaced by `new` (once)."""
    folder = tmp_path / "tutorial"
    shutil.copytree(TUTORIAL, folder)
    path = folder / "lessons.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def _errors(folder: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_level(folder)
    return [str(p) for p in caught.value.problems]


def _line_of(folder: Path, text: str) -> int:
    lines = (folder / "lessons.yaml").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


def test_the_tutorial_s_steps_reach_the_ui_through_the_ruleset_in_order() -> None:
    rules = load_level(TUTORIAL)
    ids = [step.id for step in rules.lessons]
    assert ids[:3] == ["goal", "score", "danger"] and ids[-1] == "finish"
    choose = next(s for s in rules.lessons if s.id == "choose_aid")
    assert (choose.point_at, rules.actions[choose.point_ref].id) == ("action", "fund_aid")
    assert (choose.wait_for, rules.actions[choose.wait_ref].id) == ("select", "fund_aid")
    rounds = [step.round for step in rules.lessons]
    assert rounds == sorted(rounds) and rounds[0] == 1 and rounds[-1] == rules.rounds


def test_an_unknown_action_is_reported_at_its_line_with_a_did_you_mean(tmp_path: Path) -> None:
    folder = _tutorial_with(tmp_path, "point_at: action:fund_aid", "point_at: action:fund_ad")
    (error,) = _errors(folder)
    line = _line_of(folder, "action:fund_ad")
    assert f"lessons.yaml:{line}:" in error
    assert "lesson 'choose_aid': point_at: unknown action 'fund_ad'" in error
    assert "did you mean 'fund_aid'?" in error


def test_an_unknown_target_kind_lists_the_vocabulary(tmp_path: Path) -> None:
    folder = _tutorial_with(tmp_path, "point_at: score", "point_at: scores")
    (error,) = _errors(folder)
    assert "unknown point_at 'scores' — did you mean 'score'?" in error
    assert "action:<id>" in error and "region:<id>" in error


def test_waiting_for_the_rival_s_action_says_whose_it_is(tmp_path: Path) -> None:
    folder = _tutorial_with(tmp_path, "wait_for: offer:truce", "wait_for: action:patrol")
    (error,) = _errors(folder)
    assert "action 'patrol' belongs to The Hardliners, not to the learner (The Mediator)" in error


def test_an_unknown_region_deal_or_panel_is_one_error_each(tmp_path: Path) -> None:
    folder = _tutorial_with(tmp_path, "wait_for: target:old_town", "wait_for: target:oldtown")
    text = (folder / "lessons.yaml").read_text(encoding="utf-8")
    text = text.replace("point_at: deal:truce", "point_at: deal:truse", 1)
    text = text.replace("wait_for: open:log", "wait_for: open:map", 1)
    (folder / "lessons.yaml").write_text(text, encoding="utf-8")
    errors = _errors(folder)
    assert len(errors) == 3
    assert "unknown region 'oldtown' — did you mean 'old_town'?" in errors[0]
    assert "unknown panel (objectives or log) 'map'" in errors[1]
    assert "unknown deal 'truse' — did you mean 'truce'?" in errors[2]


def test_a_kind_that_needs_an_id_says_so_with_an_example(tmp_path: Path) -> None:
    folder = _tutorial_with(tmp_path, "point_at: action:raise_funds", "point_at: action")
    (error,) = _errors(folder)
    assert "'action' needs an id, e.g. 'action:" in error


def test_a_step_after_the_last_round_is_one_error_not_one_per_later_step(tmp_path: Path) -> None:
    folder = _tutorial_with(tmp_path, "round: 6", "round: 9")
    (error,) = _errors(folder)
    assert "lesson 'last_week': round: round 9 is after the last round (6)" in error


def test_steps_out_of_round_order_are_refused(tmp_path: Path) -> None:
    folder = _tutorial_with(tmp_path, "round: 5", "round: 2")
    (error,) = _errors(folder)
    assert "round 2 comes before the previous step's round 4" in error


def test_lessons_change_neither_the_rules_nor_their_fingerprint(tmp_path: Path) -> None:
    with_lessons = load_level(TUTORIAL)
    folder = tmp_path / "bare"
    shutil.copytree(TUTORIAL, folder)
    (folder / "lessons.yaml").unlink()
    bare = load_level(folder)
    assert bare.lessons == () and with_lessons.lessons
    assert bare.rules_fingerprint == with_lessons.rules_fingerprint
    assert [a.id for a in bare.actions] == [a.id for a in with_lessons.actions]
    assert bare.initial == with_lessons.initial
    assert bare.action_space == with_lessons.action_space
