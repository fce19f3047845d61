"""Hostile files never hurt: bounded reads, bounded levels, safe writes (issue 20).

Each test names the numbered case of issue 20 it covers. The same inputs, at the
sizes the attacker used, also run as subprocesses under a memory cap in
`tests/test_hostile_inputs.py`.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from game.content import ContentError, load_level
from game.content.limits import MAX_COUNTS
from game.content.yamlread import MAX_TEXT, YamlReadError, read_yaml_text
from game.engine import Ruleset
from game.saves import SaveFileError, load_match, save_match
from game.saves.atomic import DestinationError, atomic_write_bytes, check_destination
from game.testing.reader import MAX_PROBLEMS, TestFileError, read_test_file
from game.ui import prefs
from tests.hostile import builders
from tests.test_saves_format import random_match


@contextmanager
def no_hang(seconds: int = 20) -> Iterator[None]:
    """Fail (instead of hanging the suite) if the block takes longer than `seconds`."""

    def _alarm(signum: int, frame: object) -> None:
        raise TimeoutError(f"no answer within {seconds} s: the read hangs")

    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_level(folder)
    return [str(p) for p in info.value.problems]


# --- 2. a small file cannot exhaust memory -------------------------------------------


def test_an_alias_repeating_a_scalar_costs_its_text_and_is_refused() -> None:
    text = "a: &x " + "y" * 1000 + "\nb: [" + ", ".join(["*x"] * 60_000) + "]\n"
    with pytest.raises(YamlReadError) as info:
        read_yaml_text(text)
    assert f"more than {MAX_TEXT} characters" in info.value.problem.message
    assert info.value.problem.line == 2


def test_a_short_alias_list_inside_the_budget_still_reads() -> None:
    doc = read_yaml_text("a: &x word\nb: [*x, *x, *x]\n")
    assert doc.data["b"] == ["word", "word", "word"]


@pytest.mark.parametrize(
    ("prefix", "digit"), [("0x", "f"), ("0o", "7"), ("", "9")], ids=["hex", "octal", "decimal"]
)
def test_a_number_with_thousands_of_digits_is_refused_where_it_is_written(
    tmp_path: Path, prefix: str, digit: str
) -> None:
    folder = builders.long_number_level(tmp_path / "lvl", prefix, digit)
    found = problems_of(folder)
    assert len(found) == 1
    assert ":7:11: this number is longer than 40 characters" in found[0]


def test_a_level_with_thousands_of_region_targeted_actions_is_refused_by_its_limits(
    tmp_path: Path,
) -> None:
    folder = builders.many_regions_and_actions(tmp_path / "lvl", 300, 1100)
    found = "\n".join(problems_of(folder))
    assert f"regions, more than the limit of {MAX_COUNTS['regions']}" in found
    assert f"actions, more than the limit of {MAX_COUNTS['actions']}" in found
    assert "extra.yaml:1:1: the level has 302 regions" in found  # located at the section


def test_the_action_space_product_has_its_own_limit(tmp_path: Path) -> None:
    folder = builders.many_regions_and_actions(tmp_path / "lvl", 250, 90)
    found = "\n".join(problems_of(folder))
    assert "(action, target) choices in all, more than the limit of 20000" in found


def test_factions_times_regions_times_values_has_a_limit(tmp_path: Path) -> None:
    folder = builders.many_factions_regions_values(tmp_path / "lvl", 16, 250, 20)
    found = "\n".join(problems_of(folder))
    assert "a game state would hold 80" in found and "more than the limit of 50000" in found


def test_a_level_at_the_limits_still_loads(tmp_path: Path) -> None:
    rules = load_level(builders.many_regions_and_actions(tmp_path / "lvl", 254, 77))
    assert len(rules.regions) == 256


def test_an_unreadable_level_folder_is_a_located_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = builders.copy_level(builders.TUTORIAL, tmp_path / "lvl")
    real = Path.iterdir

    def refuse(self: Path) -> Iterator[Path]:
        if self == folder:
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "iterdir", refuse)
    found = problems_of(folder)
    assert found == [f"{folder}:0:0: cannot list the folder: Permission denied"]


# --- 3. writes never replace what is not a regular file ---------------------------------


def _special_paths(tmp_path: Path) -> dict[str, Path]:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    folder = tmp_path / "folder"
    folder.mkdir()
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text("keep me")
    link = tmp_path / "link.json"
    link.symlink_to(elsewhere)
    paths = {"fifo": fifo, "folder": folder, "link": link}
    if os.geteuid() == 0:  # a device node like /dev/full, made here to keep /dev safe
        device = tmp_path / "full"
        os.mknod(device, stat.S_IFCHR | 0o600, os.makedev(1, 7))
        paths["device"] = device
    return paths


def test_a_save_refuses_devices_fifos_folders_and_links(mini: Ruleset, tmp_path: Path) -> None:
    match = random_match(mini, 3)
    for kind, path in _special_paths(tmp_path).items():
        before = os.lstat(path)
        with pytest.raises(DestinationError) as info:
            save_match(match, path)
        after = os.lstat(path)
        assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino), kind
        assert str(path) in str(info.value) and "give the path" in str(info.value)
    assert (tmp_path / "elsewhere.json").read_text() == "keep me"


def test_a_destination_in_a_folder_that_cannot_be_written_is_refused_before_work(
    tmp_path: Path,
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(DestinationError) as info:
        check_destination(blocker / "sub" / "save.json")  # its "folder" is a file
    assert "is not a folder" in str(info.value)


def test_a_read_only_folder_is_refused_before_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def read_only(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")  # what a non-root user would get

    monkeypatch.setattr("game.saves.atomic.tempfile.mkstemp", read_only)
    with pytest.raises(DestinationError) as info:
        check_destination(tmp_path / "save.json")
    assert "is not writable (Permission denied)" in str(info.value)


def test_temp_files_left_by_killed_saves_are_cleaned_on_the_next_write(tmp_path: Path) -> None:
    dead = tmp_path / ".game.json.abcd1234.999999999.sahel-tmp"  # no such process
    old = tmp_path / ".game.json.zzzz9999.tmp"  # older versions' name, a day old
    young = tmp_path / ".other.json.yyyy8888.tmp"  # maybe being written right now
    for path in (dead, old, young):
        path.write_bytes(b"half a save")
    day_ago = time.time() - 86_400
    os.utime(old, (day_ago, day_ago))
    atomic_write_bytes(tmp_path / "game.json", b"{}")
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == [".other.json.yyyy8888.tmp", "game.json"]


# --- 4. crashes and hangs on bad input ---------------------------------------------------


def _saved(mini: Ruleset, tmp_path: Path) -> Path:
    path = tmp_path / "game.json"
    save_match(random_match(mini, 7), path)
    return path


def test_a_save_with_a_counter_beyond_64_bits_is_refused(mini: Ruleset, tmp_path: Path) -> None:
    path = builders.edited_save(_saved(mini, tmp_path), tmp_path / "x.json", last_counter=2**63)
    with pytest.raises(SaveFileError) as info:
        load_match(path)
    assert "outside its bounds" in str(info.value)


def test_the_window_load_screen_reports_a_counter_beyond_64_bits(
    mini: Ruleset, tmp_path: Path
) -> None:
    from game.ui import saves_bridge

    path = builders.edited_save(_saved(mini, tmp_path), tmp_path / "x.json", last_counter=2**63)
    with pytest.raises(saves_bridge.LoadFailed) as info:
        saves_bridge.load(path)
    assert "outside its bounds" in str(info.value)


def test_temp_files_of_killed_autosaves_are_cleaned_at_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from game.saves import latest_autosave

    monkeypatch.setenv("SAHEL_CRISIS_DATA_DIR", str(tmp_path))
    folder = tmp_path / "autosaves"
    folder.mkdir()
    left = folder / ".autosave-mini-1.json.abcd1234.999999999.sahel-tmp"
    left.write_bytes(b"half")
    assert latest_autosave() is None
    assert not left.exists()


@pytest.mark.parametrize("version", [True, 1.0], ids=["true", "1.0"])
def test_a_save_whose_version_is_not_the_integer_1_is_refused(
    mini: Ruleset, tmp_path: Path, version: object
) -> None:
    path = builders.edited_save(_saved(mini, tmp_path), tmp_path / "x.json", version=version)
    with pytest.raises(SaveFileError) as info:
        load_match(path)
    assert "save format version" in str(info.value)


def test_a_fifo_named_settings_json_does_not_hang_the_game(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SAHEL_CRISIS_DATA_DIR", str(tmp_path))
    os.mkfifo(tmp_path / prefs.SETTINGS_FILE)
    with no_hang(10):
        settings, note = prefs.load_settings()
    assert settings == prefs.Settings()
    assert "named pipe" in note


def test_a_fifo_given_as_a_save_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "save.json"
    os.mkfifo(fifo)
    with no_hang(10), pytest.raises(SaveFileError) as info:
        load_match(fifo)
    assert "named pipe" in str(info.value)


def test_a_value_model_nested_thousands_deep_is_a_located_problem(tmp_path: Path) -> None:
    found = problems_of(builders.deep_value_model(tmp_path / "lvl"))
    assert any("ai_value.json:1:1: not usable JSON (nested too deeply)" in p for p in found)


def test_a_value_model_with_a_5000_digit_number_is_a_located_problem(tmp_path: Path) -> None:
    found = problems_of(builders.long_int_value_model(tmp_path / "lvl"))
    assert any("ai_value.json:1:1: not usable JSON (a number too long)" in p for p in found)


def test_a_rule_test_file_with_16000_errors_reports_the_first_ones_and_a_count(
    tmp_path: Path,
) -> None:
    folder = builders.rule_tests_with_errors(tmp_path / "lvl")
    with pytest.raises(TestFileError) as info:
        read_test_file(folder / "tests" / "tutorial.yaml")
    problems = info.value.problems
    assert len(problems) == MAX_PROBLEMS + 1
    assert any("more problems in this file" in p.message for p in problems)


# --- 7. links leaving the level folder ---------------------------------------------------


def test_a_rule_test_file_linking_to_another_level_is_refused(tmp_path: Path) -> None:
    folder = builders.linked_rule_tests(tmp_path / "lvl")
    with pytest.raises(TestFileError) as info:
        read_test_file(folder / "tests" / "tutorial.yaml")
    assert "link to a file outside its folder" in str(info.value)


def test_a_value_model_linking_outside_the_level_is_refused(tmp_path: Path) -> None:
    found = problems_of(builders.linked_value_model(tmp_path / "lvl"))
    assert any("ai_value.json:1:1: is a link to a file outside its folder" in p for p in found)


def test_a_save_file_still_round_trips_after_all_these_checks(
    mini: Ruleset, tmp_path: Path
) -> None:
    path = _saved(mini, tmp_path)
    assert json.loads(path.read_text())["version"] == 1
    assert load_match(path).state.hash()
