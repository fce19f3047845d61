"""An offer's rows in the action list: a long deal name is cut before its terms, so rows of
one deal with different terms stay told apart, and the odds after it always show."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame
import pytest

from game.ui.deal_text import Acceptance
from game.ui.widgets.action_text import fit_row, odds_words

NAME = "Offer Junta: A transition timetable for lifting the borders ({})"
CHOICES = ("6 months", "12 months", "24 months")


@pytest.fixture(scope="module")
def font() -> pygame.font.Font:
    pygame.font.init()
    return pygame.font.Font(None, 18)


def row(choice: str) -> tuple[str, str]:
    name = NAME.format(choice)
    return f"8  {name} — 1 AP · 25% accept, 75% counter", name


def test_rows_of_one_offer_with_different_terms_stay_apart_when_cut(
    font: pygame.font.Font,
) -> None:
    width = font.size(row("6 months")[0])[0] * 2 // 3  # the row does not fit whole
    shown = [fit_row(font, *row(c), width) for c in CHOICES]
    assert len(set(shown)) == 3
    for text, choice in zip(shown, CHOICES, strict=True):
        assert font.size(text)[0] <= width
        assert f"… ({choice}) — 1 AP" in text
        assert text.endswith("· 25% accept, 75% counter")
        assert text.startswith("8  Offer Junta: A")


def test_a_row_that_fits_is_shown_whole(font: pygame.font.Font) -> None:
    text, name = row("6 months")
    assert fit_row(font, text, name, font.size(text)[0] + 1) == text


def test_an_offers_odds_name_the_counter_offers_apart_from_acceptance() -> None:
    assert odds_words(Acceptance(6, 0, 8)) == " · 75% accept"
    assert odds_words(Acceptance(0, 8, 8)) == " · 0% accept, 100% counter"


def test_a_name_without_a_choice_keeps_its_words_and_the_rows_end_is_cut(
    font: pygame.font.Font,
) -> None:
    name = "Appoint an ambassador"
    text = f"1  {name} — 1 AP · 1 Diplomatic capital"
    width = font.size("1  Appoint an ambassador — 1 AP")[0]
    shown = fit_row(font, text, name, width)
    assert shown.startswith("1  Appoint an ambassador — ") and shown.endswith("…"), shown
    assert font.size(shown)[0] <= width


def test_an_estimate_that_mostly_counters_says_a_counter_offer_is_likely_not_a_refusal() -> None:
    assert Acceptance(0, 8, 8).text() == "likely a counter-offer (8 of 8 guesses; accepted on 0)"
    assert Acceptance(1, 2, 8).text() == "likely refused (1 of 8 guesses; a counter-offer on 2)"
    assert Acceptance(6, 1, 8).text() == "likely accepted (6 of 8 guesses; a counter-offer on 1)"


def test_an_offer_accepted_on_a_quarter_of_the_guesses_reads_as_likely_refused_not_a_toss_up() -> (
    None
):
    assert Acceptance(2, 0, 8).text() == "likely refused (2 of 8 guesses)"
    assert Acceptance(3, 0, 8).text() == "a toss-up (3 of 8 guesses)"
    assert Acceptance(4, 0, 8).text() == "a toss-up (4 of 8 guesses)"
    assert Acceptance(5, 0, 8).text() == "likely accepted (5 of 8 guesses)"
