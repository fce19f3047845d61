"""Labels by range: a value shows the label of the band it is in, everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content import load_level
from game.engine import Ruleset
from game.engine.log import EVENT, LogEntry, change_text, describe, shift_text
from game.ui.story import Series

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def niger() -> Ruleset:
    return load_level(ROOT / "levels" / "niger_2023")


def test_a_value_between_thresholds_shows_the_band_below_it(niger: Ruleset) -> None:
    pressure = niger.vars[niger.slot("humanitarian")]  # 0 low, 3 serious, 6 severe, 9 catastrophic
    words = [pressure.label(v) for v in range(pressure.lo, pressure.hi + 1)]
    assert words[:10] == ["low"] * 3 + ["serious"] * 3 + ["severe"] * 3 + ["catastrophic"]
    assert Series(pressure.index, "H", 0, 10, (4,), False, pressure.labels).label(4) == "serious"


def test_a_value_below_every_threshold_shows_its_number(niger: Ruleset) -> None:
    stance = niger.vars[niger.slot("transition")]  # 0 no timetable, 6 six months …
    assert stance.label(3) == "no timetable"
    legitimacy = niger.vars[niger.slot("junta.legitimacy")]
    assert legitimacy.label(2) == "2"  # no labels at all


def test_the_log_says_where_a_labelled_value_came_from_and_went(niger: Ruleset) -> None:
    bazoum = niger.slot("bazoum")
    values = list(niger.initial)
    values[bazoum] = 3
    entry = LogEntry(2, EVENT, -1, 0, changes=((bazoum, 3),))
    assert "Bazoum's status detained → exiled" in describe(niger, entry, 1, values)
    mali = niger.slot("mali_stance")  # backs the junta (1) → leans to the junta (2): away from it
    values[mali] = 2
    moved = LogEntry(2, EVENT, -1, 0, changes=((mali, 1),))
    assert "Mali's stance backs the junta → leans to the junta" in describe(niger, moved, 1, values)
    assert "Bazoum's status +3" in describe(niger, entry, 1)  # no values: numbers
    escalation = niger.slot("escalation")
    assert change_text(niger, escalation, 1, 1, after=4) == "Escalation +1 (war talk)"
    assert change_text(niger, escalation, 1, 1, after=5) == "Escalation +1"  # same band


def test_reasons_and_cards_read_a_move_of_a_value_in_words(niger: Ruleset) -> None:
    var = niger.vars[niger.slot("escalation")]
    assert shift_text(var, 2, 3) == "2 → 3"
    assert shift_text(var, 3, 4) == "3 → 4 (war talk)"
    assert shift_text(niger.vars[niger.slot("bazoum")], 0, 1) == "detained → released"
