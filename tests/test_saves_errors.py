"""Untrusted saves: every damaged, edited or foreign file is a clear SaveFileError, and
the file on disk is never touched. Changed level files are detected and explained."""

from __future__ import annotations

import json
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from game.content import load_level
from game.engine import Ruleset
from game.match import Match
from game.saves import LevelChangedError, SaveFileError, dumps, load_match, save_match
from tests.conftest import MINI
from tests.test_saves_format import random_match


def saved(tmp_path: Path, rules: Ruleset, seed: int = 7) -> tuple[Path, Match]:
    match = random_match(rules, seed)
    path = tmp_path / "game.json"
    save_match(match, path)
    return path, match


def edit(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def assert_refused(path: Path, *fragments: str) -> SaveFileError:
    before = path.read_bytes() if path.is_file() else None
    stat = path.stat().st_mtime_ns if path.is_file() else None
    with pytest.raises(SaveFileError) as info:
        load_match(path)
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message, message
    assert "Traceback" not in message
    if before is not None:
        assert path.read_bytes() == before
        assert path.stat().st_mtime_ns == stat
    return info.value


def test_a_truncated_save_is_refused_and_left_as_it_is(mini: Ruleset, tmp_path: Path) -> None:
    path, _ = saved(tmp_path, mini)
    raw = path.read_bytes()
    for cut in (len(raw) // 3, len(raw) // 2, len(raw) - 5):
        path.write_bytes(raw[:cut])
        assert_refused(path, "not valid JSON", "cut short")


def test_an_empty_save_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.json"
    path.write_bytes(b"")
    assert_refused(path, "empty")


def test_random_bytes_and_non_utf8_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "junk.json"
    path.write_bytes(bytes(range(256)) * 4)
    assert_refused(path, "not UTF-8")


def test_a_pickle_is_never_unpickled(tmp_path: Path) -> None:
    class Boom:
        def __reduce__(self) -> tuple[Any, ...]:
            return (exec, ("import pathlib; pathlib.Path('PWNED').write_text('x')",))

    path = tmp_path / "evil.json"
    path.write_bytes(pickle.dumps(Boom()))
    assert_refused(path)
    assert not (tmp_path / "PWNED").exists() and not Path("PWNED").exists()


def test_a_flipped_byte_in_a_hash_is_reported_as_an_edited_save(
    mini: Ruleset, tmp_path: Path
) -> None:
    path, match = saved(tmp_path, mini)
    bad = "0" * 32 if match.round_hashes[2] != "0" * 32 else "1" * 32
    edit(path, lambda d: d["checkpoints"][2].update(hash=bad))
    assert_refused(path, "edited or corrupted", f"round {match.round_numbers[2]}")


def test_a_tampered_snapshot_is_refused(mini: Ruleset, tmp_path: Path) -> None:
    path, _ = saved(tmp_path, mini)
    edit(path, lambda d: d["state"]["v"].__setitem__(0, (d["state"]["v"][0] + 1) % 3))
    assert_refused(path, "differs from the state its moves lead to")


def test_a_snapshot_out_of_bounds_is_refused(mini: Ruleset, tmp_path: Path) -> None:
    path, _ = saved(tmp_path, mini)
    edit(path, lambda d: d["state"]["v"].__setitem__(0, 10**6))
    assert_refused(path, "outside its bounds")


def test_an_illegal_move_in_the_history_is_named(mini: Ruleset, tmp_path: Path) -> None:
    path, _ = saved(tmp_path, mini)

    def cheat(d: dict[str, Any]) -> None:
        d["moves"].insert(
            0, {"faction": "red", "action": "recruit", "target": None, "reason": "", "round": 1}
        )
        d["moves"].insert(
            0, {"faction": "red", "action": "recruit", "target": None, "reason": "", "round": 1}
        )

    edit(path, cheat)
    assert_refused(path, "move 2", "recruit", "illegal")


def test_a_move_out_of_turn_is_named(mini: Ruleset, tmp_path: Path) -> None:
    path, _ = saved(tmp_path, mini)
    edit(path, lambda d: d["moves"][0].update(faction="blue", action=None, target=None))
    assert_refused(path, "move 1", "out of turn")


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        (lambda d: d["moves"][0].update(action="nuke"), "no action 'nuke'"),
        (lambda d: d["moves"][0].update(faction="green"), "no faction 'green'"),
        (lambda d: d["moves"][0].update(action="calm"), "does not belong"),
        (lambda d: d["moves"][0].update(action="recruit", target="capital"), "takes no target"),
    ],
)
def test_unknown_names_in_moves_are_explained(
    mini: Ruleset, tmp_path: Path, change: Callable[[dict[str, Any]], None], fragment: str
) -> None:
    path, _ = saved(tmp_path, mini)
    edit(path, change)
    assert_refused(path, "move 1", fragment)


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        (lambda d: d.update(version=2), "newer version"),
        (lambda d: d.update(version=0), "cannot read it"),
        (lambda d: d.pop("version"), "version None"),
        (lambda d: d.update(seed="12"), "seed"),
        (lambda d: d.update(seed=2**80), "seed"),
        (lambda d: d.pop("moves"), "moves"),
        (lambda d: d.update(moves={"0": 1}), "moves"),
        (lambda d: d["moves"][0].update(round=True), "moves.0.round"),
        (lambda d: d["moves"][0].update(extra=1), "extra"),
        (lambda d: d.update(checkpoints=[]), "checkpoints"),
        (lambda d: d["level"].update(id="../../etc"), "level.id"),
        (lambda d: d["level"].update(fingerprint="<script>"), "fingerprint"),
        (lambda d: d.update(state="pickle"), "state"),
        (lambda d: d.update(created_at="x" * 1000), "created_at"),
    ],
)
def test_wrong_types_versions_and_shapes_are_refused(
    mini: Ruleset, tmp_path: Path, change: Callable[[dict[str, Any]], None], fragment: str
) -> None:
    path, _ = saved(tmp_path, mini)
    edit(path, change)
    assert_refused(path, fragment)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('{"format": "sahel-crisis-save", "format": "x"}', "appears twice"),
        ('{"format": "sahel-crisis-save", "version": NaN}', "NaN"),
        ("[" * 100_000 + "]" * 100_000, "nested deeper"),
        ('{"a": ' * 5000 + "1" + "}" * 5000, "nested deeper"),
        ("[1, 2, 3]", "expected an object"),
        ('{"version": 1}', "not a Sahel Crisis save"),
        ('{"format": "sahel-crisis-save", "version": 1, "seed": ' + "9" * 5000 + "}", "corrupted"),
    ],
)
def test_hostile_json_is_refused_without_a_traceback(
    tmp_path: Path, text: str, fragment: str
) -> None:
    path = tmp_path / "hostile.json"
    path.write_text(text)
    assert_refused(path, fragment)


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(17 * 1024 * 1024)
    assert_refused(path, "too large")


def test_a_missing_file_and_a_folder_are_refused(tmp_path: Path) -> None:
    assert_refused(tmp_path / "nope.json", "no such save file")
    assert_refused(tmp_path, "is a folder, not a save file")


def test_a_save_for_an_unknown_level_is_refused(mini: Ruleset, tmp_path: Path) -> None:
    path, _ = saved(tmp_path, mini)
    edit(path, lambda d: d["level"].update(id="atlantis", folder=""))
    assert_refused(path, "level 'atlantis'", "cannot be loaded")


def test_a_folder_holding_another_level_is_refused(mini: Ruleset, tmp_path: Path) -> None:
    path, _ = saved(tmp_path, mini)
    edit(path, lambda d: d["level"].update(id="minty"))
    assert_refused(path, "holds level 'mini'")


# -- changed level files --------------------------------------------------------------------


def copy_of_mini(tmp_path: Path) -> Path:
    folder = tmp_path / "lvl"
    shutil.copytree(MINI, folder)
    return folder


def rewrite(folder: Path, old: str, new: str) -> None:
    path = folder / "level.yaml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_a_text_only_level_change_replays_identically(tmp_path: Path) -> None:
    folder = copy_of_mini(tmp_path)
    path, match = saved(tmp_path, load_level(folder))
    rewrite(folder, "Two factions tug a capital back and forth.", "A new description.")
    with pytest.raises(LevelChangedError) as info:
        load_match(path)
    assert "changed since this game was saved" in str(info.value)
    assert info.value.divergence is None
    assert info.value.match_replayed.state.hash() == match.state.hash()


def test_a_rule_change_reports_the_first_round_that_diverges(tmp_path: Path) -> None:
    folder = copy_of_mini(tmp_path)
    path, match = saved(tmp_path, load_level(folder))
    before = path.read_bytes()
    rewrite(folder, "effects: [red.cash += 1, blue.cash += 1]", "effects: [red.cash += 2]")
    with pytest.raises(LevelChangedError) as info:
        load_match(path)
    assert info.value.divergence == 2  # the summit is round 2's news
    assert "first differs in round 2" in str(info.value)
    replayed = info.value.match_replayed
    assert replayed.rules.fingerprint != match.rules.fingerprint
    assert replayed.round_hashes[0] == match.round_hashes[0]
    assert path.read_bytes() == before


def test_a_move_made_illegal_by_new_rules_stops_the_replay_there(tmp_path: Path) -> None:
    folder = copy_of_mini(tmp_path)
    rules = load_level(folder)
    match = Match.new(rules, 3)
    agitate = rules.action_by_id("agitate").index
    from game.engine import legal_actions

    while not match.is_over:
        legal = legal_actions(match.state)
        pick = next((a for a in legal if a.action == agitate), legal[0])
        match.play(pick)
    path = tmp_path / "g.json"
    save_match(match, path)
    rewrite(folder, "cost: {cash: 1}", "cost: {cash: 9}")
    with pytest.raises(LevelChangedError) as info:
        load_match(path)
    assert info.value.divergence == 1
    assert "illegal" in str(info.value)
    assert info.value.match_replayed.history == []


def test_an_explicit_ruleset_overrides_the_level_lookup(mini: Ruleset, tmp_path: Path) -> None:
    path, match = saved(tmp_path, mini)
    edit(path, lambda d: d["level"].update(folder="/nonexistent"))
    assert load_match(path, rules=mini).state.hash() == match.state.hash()


def test_save_bytes_are_stable_for_the_same_match(mini: Ruleset) -> None:
    match = random_match(mini, 21)
    assert dumps(match, created_at="t") == dumps(match, created_at="t")
