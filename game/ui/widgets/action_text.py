"""The words of the action panel's rows: a row's button text (key, name, cost, odds,
target hint) and tooltip, text fitted to a width, and an unavailable row's reason
wrapped onto lines of its own under the name, so it is never cut short."""

from __future__ import annotations

import html
from collections.abc import Sequence

import pygame

from game.engine import Action, State
from game.engine.deal_defs import PROPOSE
from game.engine.ruleset import FACTION_TARGET, REGION_TARGET
from game.ui.cards import cost_text
from game.ui.deal_text import acceptance, breaks_tag
from game.ui.theme import Fonts
from game.ui.widgets.action_rows import ActionRow

_TARGET_HINTS = {REGION_TARGET: " · pick region", FACTION_TARGET: " · pick faction"}
REASON_SIZE = 11  # design size of an unavailable row's reason lines


def row_text(
    state: State,
    viewer: int,
    i: int,
    row: ActionRow,
    tag: str = "",
    seats: Sequence[str] | None = None,
) -> tuple[str, str]:
    """Row `i`'s button text and its tooltip (HTML-escaped; with `tag`, the row's points
    note, drawn beside the button's text, in words; an offer's odds as the recipient's seat
    in `seats` answers). An unavailable row's text is its key and name only: its reason
    goes on lines of its own (`reason_lines`)."""
    rules = state.rules
    a = rules.actions[row.index]
    key = f"{i + 1}  " if i < 9 else "    "
    if not row.legal:
        return f"{key}{a.name}", html.escape(f"Unavailable: {row.reason}")
    chances = [o.chance for o in row.options if o.legal and o.chance is not None]
    odds = ""
    if chances:
        lo, hi = round(min(chances) * 100), round(max(chances) * 100)
        odds = f" · {lo}%" if lo == hi else f" · {lo}–{hi}%"
    if a.deal_role == PROPOSE:  # the recipient's estimated answer (from our view)
        guess = acceptance(state, Action(a.index, -1), viewer, seats)
        odds = f" · {round(guess.share * 100)}% accept"
    tgt = _TARGET_HINTS.get(a.target_kind, "")
    tip = html.escape(a.description or a.name)
    if tag:
        tip += "<br>" + html.escape(f"Your points if the game ended now: {tag}.")
    breaks = breaks_tag(state, a.index, viewer)  # first, where a cut never hides it
    if breaks:
        tip += "<br>" + html.escape(f"This {breaks.removeprefix(' · ')}.")
    return f"{key}{a.name}{breaks} — {cost_text(state, a)}{odds}{tgt}", tip


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
