"""The words of the action panel's rows: a row's button text (key, name, cost, odds,
target hint) and tooltip, text fitted to a width, and an unavailable row's reason
wrapped onto lines of its own under the name, so it is never cut short."""

from __future__ import annotations

import html
from collections.abc import Sequence

import pygame

from game.engine import Action, State
from game.engine.deal_defs import PROPOSE
from game.engine.ruleset import FACTION_TARGET, REGION_TARGET, Ruleset
from game.ui.cards import cost_text
from game.ui.deal_text import Acceptance, Odds, acceptance, breaks_tag
from game.ui.theme import Fonts
from game.ui.widgets.action_rows import ActionRow, is_offer_row

_TARGET_HINTS = {REGION_TARGET: " · pick region", FACTION_TARGET: " · pick faction"}
REASON_SIZE = 11  # design size of an unavailable row's reason lines
MIN_NAME = 16  # a name is cut no shorter; past that the row's end is cut instead
ESTIMATING = " · estimating…"  # an offer's odds while they are worked out


def row_text(
    state: State,
    viewer: int,
    i: int,
    row: ActionRow,
    tag: str = "",
    seats: Sequence[str] | None = None,
    odds: Odds | None = None,
) -> tuple[str, str]:
    """Row `i`'s button text and its tooltip (HTML-escaped; with `tag`, the row's points
    note, drawn beside the button's text, in words; an offer's odds as the recipient's seat
    in `seats` answers, from `odds` when given). An unavailable row's text is its key and
    name only: its reason goes on lines of its own (`reason_lines`), and its tip says what
    the action does before why it is unavailable."""
    rules = state.rules
    a = rules.actions[row.index]
    key = f"{i + 1}  " if i < 9 else "    "
    if not row.legal:  # the row already shows the reason: the tip says what it would do
        return f"{key}{a.name}", html.escape(a.description or a.name) + "<br>" + html.escape(
            f"Unavailable: {row.reason}"
        )
    chances = [o.chance for o in row.options if o.legal and o.chance is not None]
    shown = ""
    if chances:
        lo, hi = round(min(chances) * 100), round(max(chances) * 100)
        shown = f" · {lo}%" if lo == hi else f" · {lo}–{hi}%"
    if a.deal_role == PROPOSE:  # the recipient's estimated answer (from our view)
        guess = (odds or acceptance)(state, Action(a.index, -1), viewer, seats)
        shown = odds_words(guess) if guess is not None else ESTIMATING
    tgt = _TARGET_HINTS.get(a.target_kind, "")
    tip = html.escape(a.description or a.name)
    if tag:
        tip += "<br>" + html.escape(f"Your points if the game ended now: {tag}.")
    breaks = breaks_tag(state, a.index, viewer)  # first, where a cut never hides it
    if breaks:
        tip += "<br>" + html.escape(f"This {breaks.removeprefix(' · ')}.")
    return f"{key}{a.name}{breaks} — {cost_text(state, a)}{shown}{tgt}", tip


def odds_words(guess: Acceptance) -> str:
    """An offer row's odds: ' · 63% accept', and the share of counter-offers when any."""
    said = f" · {round(guess.share * 100)}% accept"
    if guess.countered:
        said += f", {round(guess.countered * 100 / max(1, guess.samples))}% counter"
    return said


def fit_row(font: pygame.font.Font, text: str, name: str, width: int) -> str:
    """`text` fitted to `width` pixels. When it is too long and the action's `name` ends in
    a parenthesised choice, the name is cut short (…) before that choice and what follows
    it stays, so an offer's rows with different terms are still told apart. A name is
    kept to `MIN_NAME` characters at least; any other row is cut at its end."""
    if font.size(text)[0] <= width or name not in text or not name.endswith(")"):
        return fit(font, text, width)  # a name without a choice keeps its words
    start = text.index(name)
    head, tail = text[:start], text[start + len(name) :]
    stem, choice = name, ""
    if name.endswith(")") and " (" in name:
        cut = name.rindex(" (")
        stem, choice = name[:cut], name[cut:]
    while len(stem) > MIN_NAME:
        stem = stem[:-1].rstrip()
        shorter = f"{head}{stem}…{choice}{tail}"
        if font.size(shorter)[0] <= width:
            return shorter
    return fit(font, text, width)


def split_offer(rules: Ruleset, row: ActionRow, shown: tuple[str, str]) -> tuple[str, str, str]:
    """A row's (text, tooltip, detail): an available offer's cost and odds move from its
    text to the detail line under its name, so a long deal name never hides them."""
    text, tip = shown
    name = rules.actions[row.index].name
    if not row.legal or not is_offer_row(rules, row) or name not in text:
        return text, tip, ""
    end = text.index(name) + len(name)
    cut = text.find(" — ", end)
    if cut < 0:
        return text, tip, ""
    return text[:cut], tip, text[cut + 3 :]


def row_lines(fonts: Fonts, row: ActionRow, detail: str, width: int) -> list[str]:
    """The lines under a row's name: an unavailable row's reason, wrapped to `width`
    pixels, or an offer's cost and odds (`detail`); [] for any other row."""
    if detail:
        return [fit(fonts.font(REASON_SIZE), detail, width)]
    return reason_lines(fonts, row, width)


def reason_lines(fonts: Fonts, row: ActionRow, width: int) -> list[str]:
    """An unavailable row's reason wrapped to `width` pixels ([] for an available row)."""
    if row.legal or not row.reason:
        return []
    return fonts.wrap(f"Unavailable: {row.reason}", REASON_SIZE, width)


def fit(font: pygame.font.Font, text: str, width: int) -> str:
    """`text` cut with '…' where it would pass `width` pixels in `font` (whole if it fits)."""
    if font.size(text)[0] <= width:
        return text
    while text and font.size(text + "…")[0] > width:
        text = text[:-1]
    return text + "…"
