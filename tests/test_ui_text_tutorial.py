"""The tutorial in the terminal: the same lessons as numbered steps with "do: …", each
printed once and done when the player types what it asks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.content import load_level
from game.match import Match
from game.ui.text_mode import ask_human
from tests.scripted_input import reader

ROOT = Path(__file__).resolve().parents[1]
TUTORIAL = ROOT / "levels" / "tutorial"


def test_the_first_steps_print_numbered_and_the_step_waits_for_what_it_asks(
    capsys: pytest.CaptureFixture[str],
) -> None:
    match = Match.new(load_level(TUTORIAL), 3)
    move = ask_human(match, 0, reader(["3", "why 2"]))  # 3 plays Raise funds at once
    out = capsys.readouterr().out
    for n, title in ((1, "Your goal"), (2, "The score"), (3, "The danger gauge")):
        assert f"-- Tutorial {n}/22: {title} --" in out
    assert "do: type 'why 2' to read the card of Fund aid" in out
    assert out.count("Tutorial 4/22") == 1 and "Tutorial 5/22" not in out
    assert match.rules.actions[move.action].id == "raise_funds"


def test_reading_the_card_and_aiming_finish_their_steps(
    capsys: pytest.CaptureFixture[str],
) -> None:
    match = Match.new(load_level(TUTORIAL), 3)
    move = ask_human(match, 0, reader(["why 2", "why 2.2", "2.2"]))
    out = capsys.readouterr().out
    assert out.index("Tutorial 4/22") < out.index("Tutorial 5/22: Pick a district")
    assert "Tutorial 6/22: Read the card, then confirm" in out
    assert "do: play Fund aid: type 2.T" in out
    match.play(move)
    ask_human(match, 0, reader(["3"]))
    out = capsys.readouterr().out
    assert "Tutorial 7/22: One action point left" in out and "do: play Raise funds: type 3" in out
    assert "Tutorial 6/22" not in out  # printed once, done by playing Fund aid


def test_the_whole_tutorial_plays_in_the_terminal_to_the_end(tmp_path: Path) -> None:
    lines = ["o", "why 2", "why 2.2", "2.2", "3", "l", "1"] + ["0"] * 12
    command = [sys.executable, "main.py", "play", "--headless", "tutorial", "--seed", "3"]
    result = subprocess.run(
        [*command, "--seat", "mediator=human", "--seat", "hardliners=ai:normal"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "SAHEL_CRISIS_DATA_DIR": str(tmp_path)},
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "GAME OVER" in out and "Tutorial 22/22: Finish" in out
    shown = [n for n in range(1, 23) if f"-- Tutorial {n}/22:" in out]
    # not printed: 8 (end turn: the turn ended at 0 AP), 10 (close the log: window only),
    # 17-18 (week 4's deal steps: the player ended the turn instead; dropped with the week)
    assert shown == [n for n in range(1, 23) if n not in (8, 10, 17, 18)]


def test_t_stops_the_steps_and_t_again_prints_the_current_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    match = Match.new(load_level(TUTORIAL), 3)
    ask_human(match, 0, reader(["t", "why 2", "t", "3"]))
    out = capsys.readouterr().out
    assert "Tutorial stopped; 't' resumes it." in out
    assert "Tutorial 5/22" not in out, "'why 2' while the tutorial was off counted"
    assert out.count("-- Tutorial 4/22: Choose an action --") == 2  # first, then on resuming
