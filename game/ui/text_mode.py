"""Terminal play: a human seat chooses from numbered moves (works over SSH and with screen
readers). Used by `python main.py play --headless LEVEL --seat FACTION=human`.

Move numbers are stable for the whole game (see `game.ui.text_view`). Each prompt
shows what happened since the seat last acted (the result of its own move first),
a compact turn view and the moves; `help` lists the other commands.
"""

from __future__ import annotations

from collections.abc import Callable

from game.engine import Action, responder
from game.engine.scoreboard import Scoreboard
from game.match import Match
from game.ui.cards import preview_lines, unavailable_lines
from game.ui.deal_text import (
    breach_lines,
    deal_lines,
    deal_of_action,
    incoming_lines,
    is_offer,
    offer_card,
)
from game.ui.lens import Lens
from game.ui.prefs import load_settings
from game.ui.score_swings import biggest_swings
from game.ui.score_text import board_lines, score_change_text
from game.ui.story import key_moments, outcome_sentence
from game.ui.text_handoff import hand_over
from game.ui.text_tutorial import text_tutorial
from game.ui.text_view import Menu, action_number, log_text, menu, turn_view, view_text

Input = Callable[[str], str]

# How far each faction has read each match's log (keyed by id of the match's log list),
# and the scoreboard it saw last (to say why its points moved).
_seen: dict[tuple[int, int], int] = {}
_boards: dict[tuple[int, int], Scoreboard] = {}

PROMPT_HINT = "Type a move number (0 ends your turn), or 'help'."
ANSWER_HINT = "Type a to accept or r to refuse{counter}, or 'help'."


def answer_hint(moves: Menu) -> str:
    """The prompt's hint while an offer awaits the seat's answer."""
    n = sum(1 for key in moves.moves if key.startswith("c"))
    counters = "c1" if n == 1 else f"c1–c{n}"
    return ANSWER_HINT.format(counter=f", {counters} to counter-offer" if n else "")


HELP = """Commands:
  N or N.T      take move N (N.T: move N on target T, e.g. 8.3); 0 ends your turn
  N <name>      move N on the target whose name starts with <name>, e.g. '8 dos'
  why N         the card of move N: cost, odds, effects, your points — or why it is unavailable
  why           the reasons the other factions gave for their moves since your last turn
  a / r / cN    answer an offer made to you: accept, refuse, or counter-offer N
  d, deals      the deals offered so far: in force (until when), kept, broken, refused
  o, objectives your objectives and points, met or not and how close; rivals' as far as known
  m, moves      list your moves again
  v, view       everything you can see: tracks, rivals, regions
  l, log [N]    the whole log, or its last N lines
  t, tutorial   stop the tutorial's steps (when the level has them); t again resumes them
  h, help       this list
  q, quit       leave the game (it is autosaved before every prompt)
Numbers never change during the game: move 3 is always the same action."""


def _details() -> bool:
    """Whether AI reasons show the search's numbers (the 'AI reasons' setting)."""
    return load_settings()[0].ai_details >= 0.5


HOLD_HINT = "Your turn is over (no action points left). Press Enter to end it, or 'help'."


def after_move(match: Match, faction: int, read: Input | None = None) -> None:
    """After a move of `faction`: when it spent the last action point and the 'End of
    turn' setting waits for End turn, print its result and wait for Enter (other
    commands work meanwhile) before the others play. Otherwise nothing."""
    if match.is_over or match.active == faction or not load_settings()[0].wait_end_turn:
        return
    last = match.history[-1].action if match.history else None
    if last is None or last.action < 0:  # the player ended the turn: nothing to hold
        return
    read = read or input
    key = (id(match.log), faction)
    start = min(_seen.get(key, 0), len(match.log))
    _out("-- Result --")
    for line in log_text(match, faction, start, _details()):
        _out(line)
    _seen[key] = len(match.log)
    board = Lens(match.state, faction).board
    last_board = _boards.get(key)
    _boards[key] = board
    if last_board is not None and (
        change := score_change_text(match.rules, last_board, board, faction)
    ):
        _out(change)
    _out(HOLD_HINT)
    empty = Menu([], {}, {}, {})
    while True:
        try:
            raw = read(f"{match.rules.factions[faction].short} (turn over)> ").strip()
        except (EOFError, KeyboardInterrupt):
            _out("\nInput ended — leaving the game.")
            raise SystemExit(0) from None
        word = raw.lower().partition(" ")[0]
        if word in ("", "0", "e", "end"):
            return
        if word in ("h", "help", "?"):
            _out("Enter (or 0) ends your turn; o objectives, v view, l log [N], q quit.")
        elif word in ("o", "objectives", "score", "v", "view", "l", "log", "q", "quit", "exit"):
            _command(match, faction, empty, raw)
        else:
            _out(HOLD_HINT)


def _out(text: str = "") -> None:
    print(text, flush=True)


def menu_lines(match: Match, faction: int) -> tuple[list[str], dict[str, Action]]:
    """The numbered menu lines and the moves by number text ('0', '2', '8.3')."""
    m = menu(match, faction)
    return m.lines, m.moves


def ask_human(match: Match, faction: int, read: Input | None = None) -> Action:
    """Ask the person playing `faction` for a move in the terminal.

    Bad input re-prompts; 'q' or end of input leaves the game (SystemExit, no traceback).
    """
    read = read or input
    hand_over(match, faction, read)  # hot seat: the next person takes the keyboard first
    if match.on_round is not None:  # the autosave hook: save before each prompt, so quitting
        match.on_round(match)  # or losing the terminal never loses a move
    key = (id(match.log), faction)
    start = _seen.get(key, 0)
    if start > len(match.log):
        start = 0
    news = log_text(match, faction, start, _details())
    _seen[key] = len(match.log)
    _out()
    if news:
        _out("-- Since your last move --")
        for line in news:
            _out(line)
    board = Lens(match.state, faction).board
    last = _boards.get(key)
    _boards[key] = board
    if last is not None and (change := score_change_text(match.rules, last, board, faction)):
        _out(change)
    for line in turn_view(match, faction):
        _out(line)
    moves = menu(match, faction)
    offer = incoming_lines(match.state, faction)
    if offer:
        _out("-- An offer awaits your answer --")
        for line in offer:
            _out("  " + line)
    _out("Your answer:" if offer else "Your moves:")
    for line in moves.lines:
        _out(line)
    lesson = text_tutorial(match, faction)  # the level's tutorial steps, if it has any
    for line in lesson.lines(match) if lesson else []:
        _out(line)
    _out(answer_hint(moves) if offer else PROMPT_HINT)
    while True:
        try:
            raw = read(f"{match.rules.factions[faction].short}> ").strip()
        except (EOFError, KeyboardInterrupt):
            _out("\nInput ended — leaving the game.")
            raise SystemExit(0) from None
        word, _, rest = raw.lower().partition(" ")
        if lesson and word in ("t", "tutorial"):
            _out(lesson.toggle(match))
            continue
        move = _command(match, faction, moves, raw)
        said = lesson.heard(match, word, rest.strip()) if lesson else []
        for line in said if move is None else []:  # a move: its result says what is next
            _out(line)
        if move is not None:
            _seen[key] = len(match.log)
            return move


def _command(match: Match, faction: int, moves: Menu, raw: str) -> Action | None:
    """Run one line of input: print what it asks for, or return the chosen move."""
    word, _, rest = raw.lower().partition(" ")
    rest = rest.strip()
    if word in ("q", "quit", "exit"):
        _out("You left the game.")
        raise SystemExit(0)
    if word in ("h", "help", "?"):
        _out(HELP)
    elif word == "":
        _out(PROMPT_HINT)
    elif word in ("v", "view"):
        for line in view_text(match, faction):
            _out(line)
    elif word in ("o", "objectives", "score"):
        for line in board_lines(match.rules, Lens(match.state, faction).board, faction):
            _out(line)
    elif word in ("d", "deals"):
        made = deal_lines(match.state, faction)
        _out("\n".join(made) if made else "No deal has been offered yet.")
    elif word in ("m", "moves", "menu"):
        for line in moves.lines:
            _out(line)
    elif word in ("l", "log"):
        lines = log_text(match, faction, 0, _details())
        if rest.isdigit():
            lines = lines[-int(rest) :] if int(rest) else []
        for line in lines:
            _out(line)
    elif word in ("why", "p", "w"):
        _why(match, faction, moves, rest)
    else:
        return _choose(match, moves, word, rest)
    return None


def _resolve(match: Match, moves: Menu, number: str, name: str) -> tuple[Action | None, str]:
    """The move for 'N', 'N.T' or 'N name', or None with the sentence saying why not."""
    number = number.rstrip(".")
    if name and number in moves.targets:
        hits = [c for c in moves.targets[number] if c.split(" ", 1)[1].lower().startswith(name)]
        if len(hits) == 1:
            return moves.moves[hits[0].split(" ", 1)[0]], ""
        return None, f"Move {number} on which target? " + ", ".join(moves.targets[number])
    if number in moves.moves:
        return moves.moves[number], ""
    if number in moves.targets:
        return None, f"Move {number} needs a target: " + ", ".join(moves.targets[number])
    head = number.split(".")[0]
    if head in moves.unavailable:
        return None, f"Move {head} is not available now: {moves.unavailable[head]}"
    if head in moves.targets:
        return None, f"No such target for move {head}; choose " + ", ".join(moves.targets[head])
    return None, "There is no move " + (number or "?") + ". " + PROMPT_HINT


def _choose(match: Match, moves: Menu, number: str, name: str) -> Action | None:
    move, problem = _resolve(match, moves, number, name)
    if move is None:
        answering = "r" in moves.moves
        _out(f"An offer awaits your answer. {answer_hint(moves)}" if answering else problem)
        return None
    _out(f"> {match.rules.action_label(move)}")
    return move


def _why(match: Match, faction: int, moves: Menu, rest: str) -> None:
    rules = match.rules
    if not rest:
        lines = log_text(match, faction, 0, _details())
        reasons = [line for line in lines if line.startswith("    (")]
        _out("\n".join(reasons[-8:]) if reasons else "No other faction has explained a move yet.")
        return
    number, _, name = rest.partition(" ")
    head = number.rstrip(".").split(".")[0]
    if head in moves.unavailable:
        a = rules.by_faction[faction][int(head) - 1]
        for line in unavailable_lines(match.state, a, moves.unavailable[head]):
            _out("  " + line)
        return
    move, problem = _resolve(match, moves, number, name.strip())
    if move is None and head in moves.targets:
        move = moves.moves[moves.targets[head][0].split(" ", 1)[0]]
        _out(f"(for its first target; 'why {action_number(rules, move)}' and so on for others)")
    if move is None and "r" in moves.moves:  # answering an offer: only its answers
        problem = f"An offer awaits your answer. {answer_hint(moves)}"
    if move is None or move.action < 0:
        _out(problem or "Move 0 ends your turn; the other factions then act.")
        return
    if responder(match.state) == faction and deal_of_action(rules, move) is not None:
        lines = incoming_lines(match.state, faction)  # an answer: the offer's card
    elif is_offer(rules, move):
        lines = offer_card(match.state, move, faction, match.seats)
    else:
        lines = preview_lines(match.state, move, faction)
        lines += breach_lines(match.state, move, faction)
    for line in lines:
        _out("  " + line)


def show_ending(match: Match, faction: int) -> None:
    """After the game: what `faction` has not yet read of the log, who won and why in one
    sentence, the final scores, the turning points and each faction's biggest swing in
    points (as the window's end screen)."""
    key = (id(match.log), faction)
    start = min(_seen.get(key, 0), len(match.log))
    _out()
    _out("-- Since your last move --")
    for line in log_text(match, faction, start):
        _out(line)
    _seen[key] = len(match.log)
    _out(f"== {outcome_sentence(match)} ==")
    # The game is over: nothing is hidden any more, so every score and objective is exact
    # (as on the window's end screen).
    for line in board_lines(match.rules, Lens(match.state, -1).board, faction):
        _out(line)
    moments = key_moments(match)
    _out("Turning points:" if moments else "A quiet game: the tracks barely moved.")
    for n, moment in enumerate(moments, 1):
        _out(f"  {n}. {match.rules.round_name} {moment.week}: {moment.text}")
    swings = [s for s in biggest_swings(match) if s is not None]
    if swings:
        _out("Biggest swing in points:")
    for swing in swings:
        who = match.rules.factions[swing.faction].short
        _out(f"  {who}: {swing.text(match.rules.round_name)}")


__all__ = ["after_move", "ask_human", "log_text", "menu_lines", "show_ending", "view_text"]
