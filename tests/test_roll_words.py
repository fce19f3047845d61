"""A chance roll reads in the level's own words: what a failure still did, not '— it fails.'."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from game.content import load_level, open_level
from game.engine import describe, legal_actions, new_game, step
from game.engine.log import ACTION, LogEntry
from tests.conftest import MINI, mini_text

WriteLevel = Callable[[str], Path]
MINI_WORDS = "    failure_text: the streets stir, but the crowd turns to Blue\n"


def agitate_lines(level: Path) -> dict[bool, str]:
    """The log line of red's first move, Agitate, when its roll works and when it fails."""
    rules = load_level(level)
    agitate = next(a.index for a in rules.actions if a.id == "agitate")
    lines: dict[bool, str] = {}
    for roll in (True, False):
        state = new_game(rules, 1)
        move = next(m for m in legal_actions(state) if m.action == agitate)
        log: list[LogEntry] = []
        step(state, move, log, roll=roll)
        entry = next(e for e in log if e.kind == ACTION)
        lines[roll] = describe(rules, entry, 0)
    return lines


def test_a_failed_roll_whose_effects_still_happen_is_logged_in_the_levels_words() -> None:
    lines = agitate_lines(MINI)
    failed = lines[False]
    assert "Agitate in" in failed and "— the streets stir, but the crowd turns to Blue." in failed
    assert "it fails" not in failed
    assert "— it works." in lines[True]  # no success_text: the default words


def test_validate_warns_where_a_failure_would_read_it_fails_beside_what_happened(
    write_level: WriteLevel,
) -> None:
    text = mini_text()
    assert MINI_WORDS in text
    warnings = open_level(write_level(text.replace(MINI_WORDS, ""))).warnings
    (warning,) = [w for w in warnings if "failed roll" in w.message]
    assert "action 'agitate' changes Tension whatever its roll" in warning.message
    assert "failure_text" in warning.message and warning.line > 1


def test_the_words_of_a_roll_do_not_make_a_trained_value_model_stale(
    write_level: WriteLevel,
) -> None:
    text = mini_text()
    worded = load_level(write_level(text))
    plain = load_level(write_level(text.replace(MINI_WORDS, "")))
    assert worded.rules_fingerprint == plain.rules_fingerprint
