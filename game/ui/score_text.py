"""Words for the scoreboard: objectives, the running score and a move's effect on it.

Shared by the window (objectives panel, action card, top-bar hover) and the terminal.
Everything is built from a `Scoreboard`, which holds only what the seat may know.
"""

from __future__ import annotations

from dataclasses import replace

from game.engine.deal_defs import NOT_A_DEAL
from game.engine.knowing import Nearest, slot_name
from game.engine.ruleset import TIE_OBJECTIVES, Ruleset
from game.engine.scoreboard import FactionScore, MoveEffect, ObjectiveLine, Scoreboard, Span
from game.ui.reach import movers, reachable

MET, UNMET, UNKNOWN = "✓", "✗", "?"
OUT_OF_REACH = "out of reach of any single change the rules allow"


def value_text(rules: Ruleset, slot: int, value: int) -> str:
    """A value as a player reads it: the label of a value with a word for each of its
    values (e.g. Bazoum's status 'detained'), otherwise the number."""
    if slot >= rules.layout.n_vars:
        return str(value)
    var = rules.vars[slot]
    if len(var.labels) == var.hi - var.lo + 1:
        return var.label(value)
    return str(value)


def nearest_text(rules: Ruleset, near: Nearest, met: bool, seat: int = -1, own: bool = True) -> str:
    """'needs AES cohesion 4 → 7' (unmet) or 'lost if Junta grip 6 → 5' (met); a band
    when only some values do it: 'needs Transition months 0 → 1–12'. With `seat` (the
    objective's faction), who could make that change: the seat's own moves for a need
    ('… (you: Rally supporters)'), its rivals' for a loss ('… (Russia: Sign a defence pact)');
    'you' is the reader when `own`, else the seat goes by its name."""
    text = _nearest_words(rules, near, met)
    return text + (_who(rules, near, met, seat, own) if seat >= 0 else "")


def flip_text(rules: Ruleset, line: ObjectiveLine, own: bool = True) -> str:
    """An objective's nearest change, and the other value's when it compares two: 'lost if
    Agadez influence (U.S.) 4 → 3 (…), or Agadez influence (Russia) 3 → 4 (…)'."""
    assert line.nearest is not None
    met = bool(line.met)
    text = nearest_text(rules, line.nearest, met, line.faction, own)
    if line.also is not None:
        other = nearest_text(rules, line.also, met, line.faction, own)
        head = "lost if " if met else "needs "
        if other.startswith(head):
            text += ", or " + other.removeprefix(head)
    return text


def _who(rules: Ruleset, near: Nearest, met: bool, seat: int, own: bool) -> str:
    """' (Junta: Restrict the U.S. base; Russia: Sign a defence pact)': the moves that take
    the value one step or more toward the hint's change (two at most, then '+N more')."""
    step = 1 if near.then > near.now else -1
    end = near.until if near.until >= 0 else near.then
    toward = range(near.now + step, end + step, step)
    found = movers(rules, near.slot, near.now, toward)
    moves = [
        rules.actions[i]
        for i in found
        if i >= 0 and (rules.actions[i].faction == seat) != met
        if rules.actions[i].deal_role == NOT_A_DEAL
    ]
    by: dict[int, list[str]] = {}
    for a in moves[:2]:
        by.setdefault(a.faction, []).append(a.name)
    names = [
        f"{'you' if f == seat and own else rules.factions[f].short}: {', '.join(done)}"
        for f, done in by.items()
    ]
    if len(moves) > 2:
        names.append(f"+{len(moves) - 2} more")
    if found and found[0] < 0 and met:  # news or the week's end can do it too
        names.append("also news or the week's end" if names else "news or the week's end")
    return f" ({'; '.join(names)})" if names else ""


def _nearest_words(rules: Ruleset, near: Nearest, met: bool) -> str:
    name = slot_name(rules, near.slot)
    now, then = value_text(rules, near.slot, near.now), value_text(rules, near.slot, near.then)
    reach = reachable(rules, near.slot, near.now)
    if near.until >= 0 and near.until != near.then:
        low, high = sorted((near.then, near.until))
        words = [value_text(rules, near.slot, v) for v in range(low, high + 1) if v in reach]
        labelled = any(not word.lstrip("-").isdigit() for word in words)
        then = " or ".join(words) if labelled else f"{low}–{high}"  # 'released or reinstated'
        if not words:  # none of the band can happen any more
            return f"{name} can no longer change to {low}–{high}"
    elif near.then not in reach:
        return f"{name} can no longer become {then}"
    return f"{'lost if' if met else 'needs'} {name} {now} → {then}"


def mark(line: ObjectiveLine) -> str:
    """✓ met (or reached), ✗ not met, ? hidden values decide it."""
    if line.banked or line.met:
        return MET
    return UNKNOWN if line.met is None else UNMET


def scoring_text(line: ObjectiveLine) -> str:
    """When the objective scores: at the end, each round, or once when first reached."""
    return {
        "end": "at the end",
        "each_round": "every round it holds",
        "first_time": "once, when first reached",
    }.get(line.scoring, line.scoring)


def final_text(line: ObjectiveLine) -> str:
    """After the game: 'met, scored' / 'not met' (what might have changed it no longer
    matters)."""
    if line.points < 0:
        return "happened, counted" if line.met else "avoided"
    return "met, scored" if line.met else "not met"


PENDING = "met: banked at the week's end (or when the game ends) if it still holds"


def objective_text(rules: Ruleset, line: ObjectiveLine, own: bool, over: bool = False) -> str:
    """One line: '✓ Constitutional order +18 (at the end) — needs Transition months …';
    once the game is `over`, only whether it was met."""
    points = line.worth.text(signed=True)
    head = f"{mark(line)} {line.name} {points} ({scoring_text(line)})"
    if line.banked:
        return f"{head} — reached, points banked"
    if line.met is None:
        hidden = ", ".join(line.hidden) or "values you cannot see"
        return f"{head} — depends on {hidden}, hidden from you"
    if over:
        return f"{head} — {final_text(line)}"
    detail = []
    if line.scoring == "first_time" and line.met:
        detail.append(PENDING)
    if line.points < 0:
        detail.append("happening" if line.met else "avoided")
    if line.nearest is not None:
        detail.append(flip_text(rules, line, own))
    elif not line.met and line.points > 0:
        detail.append(OUT_OF_REACH)
    if own and line.depends_on and line.nearest is None:
        detail.append("depends on " + ", ".join(line.depends_on))
    return head + (" — " + "; ".join(detail) if detail else "")


def score_text(rules: Ruleset, score: FactionScore, board: Scoreboard) -> str:
    """'21 VP if the game ended now (earned 0 + objectives 21 + outcome +0)'."""
    when = "final" if board.over else "if the game ended now"
    parts = [f"earned {score.earned.text()}", f"objectives {score.objectives.text()}"]
    if score.bonus.lo or score.bonus.hi:
        parts.append(f"outcome {score.bonus.text(signed=True)}")
    return f"{score.total.text()} VP {when} ({' + '.join(parts)})"


def ending_text(rules: Ruleset, board: Scoreboard) -> str:
    """Which outcome would apply if the game ended now (or did apply)."""
    names = [rules.outcomes[i].name for i in board.endings]
    if board.over:
        return f"Outcome: {names[0]}"
    if len(names) == 1:
        return f"If it ended now: {names[0]}"
    return "If it ended now: " + " or ".join(names) + " (depends on values hidden from you)"


def tie_text(rules: Ruleset, board: Scoreboard, seat: int) -> str:
    """While the seat's score (exact) equals a rival's: who the level's tie-break would
    give the game ('' when no tie shows, or once the game is over)."""
    own = board.of(seat).total
    if board.over or not own.exact:
        return ""
    tied = [s.faction for s in board.factions if s.faction != seat and s.total == own]
    if not tied:
        return ""
    names = " and ".join(rules.factions[f].short for f in tied)
    steps = []
    for code in rules.tie_break:
        if code == TIE_OBJECTIVES:
            steps.append("more objectives met")
        elif 0 <= code < len(rules.factions):
            steps.append(rules.factions[code].short)
    if not steps:
        return f"Tied with {names} at {own.lo} VP: a tie has no winner in this level."
    order = steps[0] + (", then in the order " + ", ".join(steps[1:]) if steps[1:] else "")
    return f"Tied with {names} at {own.lo} VP: the tie goes to {order}."


def board_lines(rules: Ruleset, board: Scoreboard, seat: int) -> list[str]:
    """The objectives panel as text: your score and objectives, then each rival's."""
    lines = []
    own = board.of(seat)
    lines.append(f"Your score: {score_text(rules, own, board)}")
    lines.append(ending_text(rules, board))
    if tie := tie_text(rules, board, seat):
        lines.append(tie)
    for line in board.lines(seat):
        lines.append("  " + objective_text(rules, line, own=True, over=board.over))
    for score in board.factions:
        if score.faction == seat:
            continue
        fac = rules.factions[score.faction]
        lines.append(f"{fac.name}: {score_text(rules, score, board)}")
        for line in board.lines(score.faction):
            lines.append("  " + objective_text(rules, line, own=False, over=board.over))
    return lines


def effect_text(effect: MoveEffect, odds: tuple[float, float] | None = None) -> str:
    """The action card's points line: 'Your points: +18 if it works (Constitutional order)'.

    With `odds` (the chance as the reader knows it, low and high) the expected change is
    worked out from those odds ('expected +0.4 to +2.5' when they are a range) instead
    of from `effect.chance`."""

    def delta(after: Span) -> str:
        change = after - effect.before
        if change.exact and change.lo == 0:
            return "no change"
        return f"{change.text(signed=True)} VP"

    text = f"Your points: {delta(effect.success)}"
    same = effect.failure is None or effect.failure == effect.success
    if odds is not None and odds[0] >= 1:  # known to be certain: it works
        return text + _names(effect.gained, effect.lost)
    if effect.chance is not None and effect.failure is not None and not same:
        fails = _names(effect.fail_gained, effect.fail_lost)
        text += f" if it works{_names(effect.gained, effect.lost)}, {delta(effect.failure)} if not"
        text += fails
    else:
        text += _names(effect.gained, effect.lost)
    if effect.chance is None:
        return text
    ends = [effect.expected] if odds is None else [replace(effect, chance=c).expected for c in odds]
    known = [e for e in ends if e is not None]
    if len(known) < len(ends) or not any(known):
        return text
    low, high = f"{min(known):+.1f}", f"{max(known):+.1f}"
    return text + (f"; expected {low}" if low == high else f"; expected {low} to {high}")


def _names(gained: tuple[str, ...], lost: tuple[str, ...]) -> str:
    """' (meets Foreign bases curbed; loses Full access)', or '' when it flips none."""
    names = []
    if gained:
        names.append("meets " + ", ".join(gained))
    if lost:
        names.append("loses " + ", ".join(lost))
    return f" ({'; '.join(names)})" if names else ""


def score_change_text(rules: Ruleset, before: Scoreboard, after: Scoreboard, seat: int) -> str:
    """Why the seat's score moved between two scoreboards, or '' when it did not:
    'Your points 21 → 12: Contain the contagion no longer met (−9)'."""
    old, new = before.of(seat).total, after.of(seat).total
    if old == new:
        return ""
    was = {o.index: o for o in before.lines(seat)}
    reasons = []
    banked = 0
    for line in after.lines(seat):
        prior = was.get(line.index)
        if prior is None or (prior.counts == line.counts and prior.banked == line.banked):
            continue
        if line.banked and not prior.banked:
            banked += line.points
            if not prior.met:  # met earlier in the week, it was counted already
                reasons.append(f"{line.name} reached ({line.points:+d})")
        elif line.met and not prior.met:
            reasons.append(f"{line.name} now met ({line.points:+d})")
        elif prior.met and line.met is False:
            reasons.append(f"{line.name} no longer met ({-line.points:+d})")
        elif line.met is None:
            reasons.append(f"{line.name} now depends on hidden values")
    earned = after.of(seat).earned - before.of(seat).earned - Span(banked, banked)
    if not (earned.exact and earned.lo == 0):
        reasons.append(f"points earned this round {earned.text(signed=True)}")
    bonus_old, bonus_new = before.of(seat).bonus, after.of(seat).bonus
    if bonus_old != bonus_new:  # 'it would end in Time runs out, not Junta consolidated (-6)'
        old_end, new_end = (
            " or ".join(rules.outcomes[i].name for i in b.endings) for b in (before, after)
        )
        ending = f"it would end in {new_end}"
        if old_end and old_end != new_end:
            ending += f", not {old_end}"
        reasons.append(f"{ending} ({(bonus_new - bonus_old).text(signed=True)})")
    tail = ": " + "; ".join(reasons) if reasons else ""
    return f"Your points {old.text()} → {new.text()}{tail}"
