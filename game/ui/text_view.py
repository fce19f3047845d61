"""What the terminal prints: the compact turn view, the full view, the log and the moves.

Moves are numbered by action, not by position: action N is the N-th action of the
faction in the level for the whole game, and a targeted move is `N.T` with T the
target's number (regions or factions in level order). Everything is shown as the
seat may know it (`Lens`, `Scoreboard`).
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine import (
    PASS,
    Action,
    action_options,
    answer_moves,
    preview,
    responder,
    visible,
)
from game.engine.log import EVENT, OUTCOME, replay_values
from game.engine.odds import odds_words
from game.engine.ruleset import FACTION_TARGET, NO_TARGET, TRACK, Ruleset
from game.match import Match
from game.ui.cards import cost_text, odds_text, points_tag
from game.ui.deal_text import acceptance, answer_label, breaks_tag, deal_lines, is_offer
from game.ui.forecast_text import forecast_line
from game.ui.lens import Lens
from game.ui.score_text import score_text
from game.ui.session import move_reasons
from game.ui.widgets.dashboard_text import known_text
from game.ui.wording import described, pretty_date


@dataclass(frozen=True, slots=True)
class Menu:
    """The moves of one decision: number text → move, plus what each number means."""

    lines: list[str]
    moves: dict[str, Action]
    targets: dict[str, list[str]]  # action number → its legal 'N.T Target' choices
    unavailable: dict[str, str]  # action number → why it cannot be taken now


def action_number(rules: Ruleset, action: Action) -> str:
    """The stable number of a move: '0' (end turn), 'N' or 'N.T' for a targeted one."""
    if action.action < 0:
        return "0"
    a = rules.actions[action.action]
    own = rules.by_faction[a.faction]
    n = next((k for k, b in enumerate(own, 1) if b.index == a.index), 0)
    if not n:  # an answer to an offer: numbered after the faction's own moves
        answers = [b.index for b in rules.actions if b.faction == a.faction and b not in own]
        n = len(own) + 1 + answers.index(a.index)
    return f"{n}.{action.target + 1}" if a.target_kind != NO_TARGET else str(n)


def target_names(rules: Ruleset, kind: int) -> list[str]:
    """Names of the possible targets of a target kind, in level order."""
    if kind == FACTION_TARGET:
        return [f.name for f in rules.factions]
    return [r.name for r in rules.regions]


def menu(match: Match, faction: int) -> Menu:
    """The numbered moves of `faction` now: legal ones with cost and odds, then the
    unavailable ones by number with their reason."""
    rules = match.rules
    if responder(match.state) == faction:
        return answer_menu(match)
    lines = ["  0  End turn"]
    offers: list[str] = []
    moves: dict[str, Action] = {"0": PASS}
    targets: dict[str, list[str]] = {}
    unavailable: dict[str, str] = {}
    by_action: dict[int, list[Action]] = {}
    chance: dict[Action, tuple[float, float] | None] = {}
    for opt in action_options(match.state, faction):
        if opt.legal:
            by_action.setdefault(opt.action.action, []).append(opt.action)
            chance[opt.action] = opt.odds
        else:
            unavailable[action_number(rules, opt.action).split(".")[0]] = opt.reason
    for index, options in by_action.items():
        a = rules.actions[index]
        number = action_number(rules, Action(index, -1)).split(".")[0]
        cost = cost_text(match.state, a) + breaks_tag(match.state, index, faction)
        if a.target_kind == NO_TARGET and is_offer(rules, options[0]):
            moves[number] = options[0]
            estimate = acceptance(match.state, options[0], faction, match.seats).text()
            offers.append(f"{number:>3}  {a.name} — {cost}, {estimate}")
            continue
        if a.target_kind == NO_TARGET:
            moves[number] = options[0]
            shown = odds_text(chance[options[0]])
            tag = points_tag(match.state, preview(match.state, options[0]), faction)
            lines.append(f"{number:>3}  {a.name} — {cost}, {shown}{tag}")
            continue
        names = target_names(rules, a.target_kind)
        choices, tails = [], []
        for move in options:
            key = action_number(rules, move)
            moves[key] = move
            odds = chance[move]
            tail = f" {odds_words(odds, '').strip()}" if odds is not None else ""
            tails.append(tail + points_tag(match.state, preview(match.state, move), faction))
            choices.append(f"{key} {names[move.target]}{tails[-1]}")
        if len(options) == 1:
            moves[number] = options[0]
        targets[number] = choices
        if len(options) > 1 and len(set(tails)) == 1 and tails[0]:  # said once, not per target
            bare = [f"{action_number(rules, m)} {names[m.target]}" for m in options]
            joint = "" if tails[0].startswith(" · ") else ","  # '1 Funds · +2 VP', no ', ·'
            lines.append(f"{number:>3}  {a.name} — {cost}{joint}{tails[0]}: " + ", ".join(bare))
            continue
        lines.append(f"{number:>3}  {a.name} — {cost}: " + ", ".join(choices))
    if offers:
        lines += ["     Offers ('why N' for the terms and what accepting does):", *offers]
    if unavailable:
        names = [f"{n} {rules.by_faction[faction][int(n) - 1].name}" for n in unavailable]
        lines.append("     not now: " + "; ".join(names) + " (type 'why N' for the reason)")
    return Menu(lines, moves, targets, unavailable)


ANSWER_KEYS = {"Refuse": "r", "Accept": "a"}


def answer_menu(match: Match) -> Menu:
    """The answers to the offer awaiting the acting seat: 'a' accept, 'r' refuse, and
    'c1', 'c2'... for the counter-offers, in the engine's order."""
    rules = match.rules
    lines: list[str] = []
    moves: dict[str, Action] = {}
    counters = 0
    for move in answer_moves(match.state):
        label = answer_label(rules, move)
        key = ANSWER_KEYS.get(label.split(" ")[0])
        if key is None:
            counters += 1
            key = f"c{counters}"
        moves[key] = move
        lines.append(f"{key:>3}  {label}")
    return Menu(lines, moves, {}, {})


def header(match: Match, faction: int) -> str:
    """'== Week 3/24 · 9 Aug 2023 · ECOWAS · 2 AP left · 21 VP if it ended now =='."""
    rules = match.rules
    state = match.state
    date = pretty_date(rules.round_date(state.round))
    board = Lens(state, faction).board
    # While an offer awaits this seat's answer, `state.ap` is the proposer's, not ours.
    doing = "answering an offer" if responder(state) == faction else f"{state.ap} AP left"
    return (
        f"== {rules.round_name} {state.round}/{rules.rounds}"
        + (f" · {date}" if date else "")
        + f" · {rules.factions[faction].name} · {doing}"
        + f" · you {board.of(faction).total.text()} VP if it ended now =="
    )


def turn_view(match: Match, faction: int) -> list[str]:
    """The compact view printed each turn: header, rivals' scores, tracks, your resources."""
    rules = match.rules
    lens = Lens(match.state, faction)
    board = lens.board
    fac = rules.factions[faction]
    rivals = " · ".join(
        f"{rules.factions[s.faction].short} {s.total.text()}"
        for s in board.factions
        if s.faction != faction
    )
    shown = [rules.escalation_slot, rules.clock_slot]
    tracks = [v for v in rules.vars if v.kind == TRACK and not v.hidden and v.index in shown]
    lines = [header(match, faction), f"Rivals' points if it ended now: {rivals}"]
    if tracks:
        lines.append(" · ".join(f"{v.name} {_track(lens, v.index)}" for v in tracks))
    if lens.forecast and (danger := forecast_line(rules, lens.forecast)):
        lines.append("!! " + danger)
    lines.append(
        "Yours: " + " · ".join(f"{rules.vars[s].name} {known_text(lens, s)}" for s in fac.resources)
    )
    made = deal_lines(match.state, faction, current=True)
    if made:
        lines.append("Deals: " + "; ".join(made))
    return lines


def _track(lens: Lens, slot: int) -> str:
    var = lens.state.rules.vars[slot]
    low, high = lens.known(slot)
    if low != high:
        return f"{low}–{high}/{var.hi}"
    label = var.label(low)
    return f"{low}/{var.hi}" + (f" ({label})" if label != str(low) else "")


def view_text(match: Match, faction: int) -> list[str]:
    """The faction's full view: own resources, shared tracks, rivals as ranges, regions."""
    rules = match.rules
    state = match.state
    lens = Lens(state, faction)
    fac = rules.factions[faction]
    lines = [header(match, faction)]
    if fac.goal:
        lines.append(f"Goal: {fac.goal}")
    if fac.ap_text:
        lines.append(f"Action points: {fac.ap_text}.")
    lines.append(
        "Your resources: "
        + ", ".join(f"{rules.vars[s].name} {known_text(lens, s)}" for s in fac.resources)
    )
    tracks = [v for v in rules.vars if v.kind == TRACK and not v.hidden]
    if tracks:
        lines.append("Tracks: " + ", ".join(f"{v.name} {_track(lens, v.index)}" for v in tracks))
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
    board = lens.board
    lines.append(
        "Victory points if the game ended now: "
        + ", ".join(f"{rules.factions[s.faction].short} {s.total.text()}" for s in board.factions)
    )
    lines.append(f"Yours: {score_text(rules, board.of(faction), board)} — type 'o' for details")
    return lines


def log_text(match: Match, faction: int, start: int = 0, details: bool = False) -> list[str]:
    """Log lines from `start` as `faction` may read them: events with their description,
    and the reasons AIs gave for their moves (with the search's numbers if `details` and
    `faction` is -1, a spectator: `session.search_numbers_shown`)."""
    rules = match.rules
    reasons = move_reasons(match, faction, details)
    lines = []
    for i, values in enumerate(replay_values(rules, match.log)):
        entry = match.log[i]
        if i < start or not visible(entry, faction):
            continue
        lines.append(described(rules, entry, faction, values))
        if entry.kind == EVENT:
            event = rules.events[entry.ref]
            if event.description and event.description != event.headline:
                lines.append(f"    {event.description}")
        elif entry.kind == OUTCOME and rules.outcomes[entry.ref].description:
            lines.append(f"    {rules.outcomes[entry.ref].description}")
        if i in reasons and match.history and entry.faction != faction:
            lines.append(f"    ({reasons[i]})")
    return lines
