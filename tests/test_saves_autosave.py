"""Autosaves in the user data folder, crash reports, and resuming after a crash."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs
import pytest

from game.crash import (
    crash_guard,
    dismiss_crash_report,
    pending_crash_report,
    write_crash_report,
)
from game.engine import PASS, Ruleset
from game.match import Match
from game.saves import autosave, data_dir, latest_autosave, load_match
from game.saves import userdata as autosave_module
from tests.test_saves_format import random_match


@pytest.fixture(autouse=True)
def data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "userdata"
    monkeypatch.setenv("SAHEL_CRISIS_DATA_DIR", str(folder))
    return folder


def test_the_data_folder_follows_the_platform_convention(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SAHEL_CRISIS_DATA_DIR")
    assert data_dir() == Path(platformdirs.user_data_dir("sahel-crisis", appauthor=False))


def test_there_is_no_autosave_before_the_first_game(data_folder: Path) -> None:
    assert latest_autosave() is None


def test_autosave_writes_a_loadable_save_in_the_data_folder(
    mini: Ruleset, data_folder: Path
) -> None:
    match = random_match(mini, 3, moves=5)
    path = autosave(match)
    assert path.parent == data_folder / "autosaves"
    assert latest_autosave() == path
    assert load_match(path).state.hash() == match.state.hash()


def test_autosaving_every_round_keeps_one_file_per_game_with_the_newest_state(
    mini: Ruleset, data_folder: Path
) -> None:
    match = Match.new(mini, 5)
    match.on_round = autosave
    rounds = len(match.round_hashes)
    while not match.is_over:
        match.play(PASS)
        if len(match.round_hashes) > rounds:
            rounds = len(match.round_hashes)
            latest = latest_autosave()
            assert latest is not None
            assert load_match(latest).state.hash() == match.state.hash()
    assert len(list((data_folder / "autosaves").iterdir())) == 1


def test_the_latest_autosave_is_the_newest_game_and_old_ones_are_pruned(
    mini: Ruleset, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(autosave_module, "KEEP_AUTOSAVES", 3)
    paths = []
    for seed in range(5):
        path = autosave(random_match(mini, seed, moves=2))
        os.utime(path, ns=(seed * 10**9, seed * 10**9))
        paths.append(path)
    assert latest_autosave() == paths[-1]
    autosave(random_match(mini, 99, moves=2))
    assert len(list(paths[0].parent.iterdir())) == 3


def test_a_crash_report_keeps_the_traceback_and_the_save(mini: Ruleset) -> None:
    match = random_match(mini, 4, moves=6)
    try:
        raise RuntimeError("boom in the renderer")
    except RuntimeError as exc:
        folder = write_crash_report(exc, match)
    report = pending_crash_report()
    assert report is not None and report.folder == folder
    text = report.report_path.read_text()
    assert "RuntimeError: boom in the renderer" in text and "Traceback" in text
    assert report.summary == "RuntimeError: boom in the renderer"
    assert report.save_path is not None
    assert load_match(report.save_path).state.hash() == match.state.hash()


def test_crash_guard_reports_and_reraises_and_the_next_start_can_resume(mini: Ruleset) -> None:
    match = random_match(mini, 6, moves=4)
    autosave(match)
    with pytest.raises(ZeroDivisionError), crash_guard(lambda: match):
        _ = 1 / 0
    # next start: the UI finds the pending report and offers the save
    report = pending_crash_report()
    assert report is not None
    assert "ZeroDivisionError" in report.summary
    resume = report.save_path or latest_autosave()
    assert resume is not None
    assert load_match(resume).state.hash() == match.state.hash()
    dismiss_crash_report(report)
    assert pending_crash_report() is None
    assert report.report_path.exists()  # dismissing keeps the files


def test_a_crash_without_a_running_game_still_writes_a_report() -> None:
    with pytest.raises(KeyError), crash_guard(lambda: None):
        raise KeyError("x")
    report = pending_crash_report()
    assert report is not None and report.save_path is None
    assert "no game was running" in report.report_path.read_text()


def test_ctrl_c_is_not_a_crash() -> None:
    with pytest.raises(KeyboardInterrupt), crash_guard(lambda: None):
        raise KeyboardInterrupt
    assert pending_crash_report() is None


def test_a_save_that_fails_does_not_stop_the_report(mini: Ruleset) -> None:
    match = random_match(mini, 2, moves=2)
    match.round_numbers.pop()  # a broken match: checkpoints no longer line up
    folder = write_crash_report(ValueError("bad"), match)
    text = (folder / "report.txt").read_text()
    assert "the save could not be written" in text
    assert pending_crash_report() is not None


def test_the_autosave_hook_saves_every_round_and_never_raises(
    mini: Ruleset, data_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from game.saves import autosave_hook

    match = Match.new(mini, 8)
    match.on_round = autosave_hook
    match.play(PASS)
    match.play(PASS)
    assert latest_autosave() is not None
    data_folder.joinpath("autosaves").rename(data_folder / "moved")
    data_folder.joinpath("autosaves").write_text("a file where the folder should be")
    match.play(PASS)
    match.play(PASS)  # the autosave fails; the game goes on
    assert match.state.round == 3
    assert "autosave failed" in capsys.readouterr().err
