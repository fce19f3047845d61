"""The danger gauge's generic key (the old one still read, with a warning), the level's
danger colour, and warnings for colours people cannot tell apart."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from game.content import ContentError, load_level, open_level
from game.content.colors import confusion
from tests.conftest import mini_text

WriteLevel = Callable[[str], Path]


def warnings_of(write_level: WriteLevel, text: str) -> list[str]:
    return [w.message for w in open_level(write_level(text)).warnings]


def test_danger_gauge_names_the_gauge_track(write_level: WriteLevel) -> None:
    rules = load_level(write_level(mini_text()))
    assert rules.escalation_slot == rules.slot("tension")


def test_the_old_escalation_key_still_works_with_a_warning_naming_the_new_one(
    write_level: WriteLevel,
) -> None:
    text = mini_text().replace("  danger_gauge: tension", "  escalation: tension")
    loaded = open_level(write_level(text))
    assert loaded.ruleset.escalation_slot == loaded.ruleset.slot("tension")
    found = [w for w in loaded.warnings if "escalation" in w.message]
    assert [w.message for w in found] == [
        "level: 'escalation' is the old name of 'danger_gauge'; it still works, but write "
        "'danger_gauge: tension' instead"
    ]
    assert found[0].line == text[: text.index("  escalation:")].count("\n") + 1


def test_both_gauge_keys_at_once_is_an_error(write_level: WriteLevel) -> None:
    text = mini_text().replace(
        "  danger_gauge: tension", "  danger_gauge: tension\n  escalation: window"
    )
    with pytest.raises(ContentError) as info:
        load_level(write_level(text))
    assert [p.message for p in info.value.problems] == [
        "level: 'escalation' and 'danger_gauge' are the same setting (escalation is its old "
        "name); keep only 'danger_gauge'"
    ]


def test_the_old_and_new_gauge_key_give_the_same_rules_fingerprint(
    write_level: WriteLevel,
) -> None:
    new = load_level(write_level(mini_text())).rules_fingerprint
    old = mini_text().replace("  danger_gauge: tension", "  escalation: tension")
    assert load_level(write_level(old)).rules_fingerprint == new


def test_a_level_sets_its_danger_colour(write_level: WriteLevel) -> None:
    text = mini_text().replace(
        "  danger_gauge: tension", '  danger_gauge: tension\n  danger_color: "#F0E442"'
    )
    assert load_level(write_level(text)).danger_color == "#F0E442"


def test_red_and_green_faction_colours_warn_for_deuteranopia(write_level: WriteLevel) -> None:
    text = mini_text().replace('color: "#D55E00"', 'color: "#D62728"')
    text = text.replace('color: "#0072B2"', 'color: "#2CA02C"')
    found = [w for w in warnings_of(write_level, text) if "hard to tell" in w]
    assert len(found) == 1
    assert found[0].startswith(
        "faction 'blue': color: '#2CA02C' is hard to tell from red's '#D62728' with "
        "deuteranopia (red-green colour blindness) (difference 5.0, under 8)"
    )
    assert "Okabe-Ito" in found[0]


def test_a_faction_colour_like_the_danger_colour_is_warned_about(write_level: WriteLevel) -> None:
    text = mini_text().replace('color: "#0072B2"', 'color: "#C77CA0"')
    found = [w for w in warnings_of(write_level, text) if "danger colour" in w]
    assert len(found) == 1 and found[0].startswith(
        "faction 'blue': its colour '#C77CA0' is hard to tell from the default danger colour "
        "'#cc79a7' with normal vision"
    )
    fixed = text.replace(
        "  danger_gauge: tension", '  danger_gauge: tension\n  danger_color: "#F0E442"'
    )
    assert not [w for w in warnings_of(write_level, fixed) if "danger colour" in w]


def test_the_okabe_ito_colours_are_told_apart_in_every_view() -> None:
    palette = ["#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7"]
    for i, a in enumerate(palette):
        for b in palette[i + 1 :]:
            assert confusion(a, b) is None, (a, b)
