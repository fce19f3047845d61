"""Terminal play: a human seat chooses from numbered moves (works over SSH and with screen
readers). Used by `python main.py play --headless LEVEL --seat FACTION=human`.
"""

from __future__ import annotations

from collections.abc import Callable

from game.engine import PASS, Action, action_options, describe, preview, scores
from game.engine.odds import odds_words
from game.engine.ruleset import TRACK
from game.match import Match
from game.ui.cards import changes_text, cost_text, preview_lines
from game.ui.lens import Lens
from game.ui.session import move_reasons
from game.ui.widgets.dashboard_text import known_text

Input = Callable[[str], str]

# How far each faction has read each match's log (keyed by id of the match's log list).
_seen: dict[tuple[int, int], int] = {}

HELP = (
    "Type a number to act, 0 to end your turn, 'p N' to preview move N, "
    "'v' for your view, 'l' for the whole log, 'h' for help, 'q' to quit."
)


def _out(text: str = "") -> None:
    print(text, flush=True)


def view_text(match: Match, faction: int) -> list[str]:
    """The faction's view: own resources, shared tracks, rivals as ranges, regions."""
    rules = match.rules
    state = match.state
    lens = Lens(state, faction)
    fac = rules.factions[faction]
    date = rules.round_date(state.round)
    lines = [
        f"== {rules.round_name} {state.round}/{rules.rounds}"
        + (f" · {date}" if date else "")
        + f" · {fac.name} · {state.ap} AP left =="
    ]
    if fac.goal:
        lines.append(f"Goal: {fac.goal}")
    lines.append(
        "Your resources: "
        + ", ".join(f"{rules.vars[s].name} {known_text(lens, s)}" for s in fac.resources)
    )
    tracks = [v for v in rules.vars if v.kind == TRACK and not v.hidden]
    if tracks:
        lines.append(
            "Tracks: " + ", ".join(f"{v.name} {known_text(lens, v.index)}/{v.hi}" for v in tracks)
        )
    for other in rules.factions:
        if other.index != faction:
            lines.append(
                f"{other.name}: "
                + ", ".join(f"{rules.vars[s].name} {known_text(lens, s)}" for s in other.resources)
            )
    for region in rules.regions:
        vals = [
            f"{v.name}{' ' + rules.factions[v.per_faction].short if v.per_faction >= 0 else ''}"
            f" {known_text(lens, v.index)}"
            for v in rules.vars
            if v.region == region.index and not v.hidden
        ]
        lines.append(f"  {region.name}: " + ", ".join(vals))
    for n in rules.neighbours:
        if n.stance_slot >= 0:
            lines.append(f"  {n.name}: {known_text(lens, n.stance_slot)}")
    vp = scores(state)
    lines.append("Victory points: " + ", ".join(f"{f.short} {vp[f.index]}" for f in rules.factions))
    return lines


def log_text(match: Match, faction: int, start: int = 0) -> list[str]:
    """Log lines from `start` as `faction` may read them, with the reasons AIs gave."""
    reasons = move_reasons(match)
    lines = []
    for i in range(start, len(match.log)):
        entry = match.log[i]
        if entry.visible_to >= 0 and entry.visible_to != faction:
            continue
        lines.append(describe(match.rules, entry, faction))
        if i in reasons and match.history and entry.faction != faction:
            lines.append(f"    ({reasons[i]})")
    return lines


def menu_lines(match: Match, faction: int) -> tuple[list[str], list[Action]]:
    """The numbered menu: '0. End turn', legal moves with cost/odds/effects, unavailable
    actions with their reasons. Returns the lines and the moves by number."""
    rules = match.rules
    state = match.state
    moves: list[Action] = [PASS]
    lines = ["  0. End turn"]
    unavailable = []
    for opt in action_options(state, faction):
        a = rules.actions[opt.action.action]
        if opt.legal:
            moves.append(opt.action)
            p = preview(state, opt.action)
            lines.append(
                f"{len(moves) - 1:>3}. {rules.action_label(opt.action)} — "
                f"{cost_text(rules, a)}, {odds_words(opt.odds)}; "
                f"{changes_text(rules, p.on_success, faction)}"
            )
        else:
            unavailable.append(f"   -  {a.name} — unavailable: {opt.reason}")
    return lines + unavailable, moves


def ask_human(match: Match, faction: int, read: Input | None = None) -> Action:
    """Ask the person playing `faction` for a move in the terminal.

    Bad input re-prompts; 'q' or end of input leaves the game (SystemExit, no traceback).
    """
    read = read or input
    key = (id(match.log), faction)
    start = _seen.get(key, 0)
    if start > len(match.log):
        start = 0
    news = log_text(match, faction, start)
    _seen[key] = len(match.log)
    _out()
    if news:
        _out("-- Since your last turn --")
        for line in news:
            _out(line)
    for line in view_text(match, faction):
        _out(line)
    lines, moves = menu_lines(match, faction)
    _out("Your moves:")
    for line in lines:
        _out(line)
    _out(HELP)
    while True:
        try:
            raw = read(f"{match.rules.factions[faction].short}> ").strip().lower()
        except (EOFError, KeyboardInterrupt):
            _out("\nInput ended — leaving the game.")
            raise SystemExit(0) from None
        if raw in ("q", "quit", "exit"):
            _out("You left the game.")
            raise SystemExit(0)
        if raw in ("h", "help", "?", ""):
            _out(HELP)
            continue
        if raw in ("v", "view"):
            for line in view_text(match, faction):
                _out(line)
            continue
        if raw in ("l", "log"):
            for line in log_text(match, faction):
                _out(line)
            continue
        if raw in ("m", "menu"):
            for line in lines:
                _out(line)
            continue
        if raw.startswith("p"):
            number = _number(raw[1:], len(moves))
            if number is None or number == 0:
                _out(f"Preview which move? Type 'p N' with N from 1 to {len(moves) - 1}.")
                continue
            for line in preview_lines(match.state, moves[number], faction):
                _out("  " + line)
            continue
        number = _number(raw, len(moves))
        if number is None:
            _out(f"Please type a number from 0 to {len(moves) - 1} (or 'h' for help).")
            continue
        _seen[key] = len(match.log)
        return moves[number]


def show_ending(match: Match, faction: int) -> None:
    """After the game: what `faction` has not yet read of the log, and the final view."""
    key = (id(match.log), faction)
    start = min(_seen.get(key, 0), len(match.log))
    _out()
    _out("-- Since your last turn --")
    for line in log_text(match, faction, start):
        _out(line)
    _seen[key] = len(match.log)
    for line in view_text(match, faction):
        _out(line)


def _number(text: str, count: int) -> int | None:
    text = text.strip().rstrip(".")
    if not text.isdigit():
        return None
    n = int(text)
    return n if 0 <= n < count else None


__all__ = ["ask_human", "log_text", "menu_lines", "show_ending", "view_text"]
