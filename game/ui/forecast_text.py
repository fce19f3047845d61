"""Words for `game.engine.forecast`: the chance the game ends before the player's next
turn from the news and upkeep alone, on the objectives panel, the action card and in
text mode."""

from __future__ import annotations

from game.engine import Action, PlayerView, Ruleset
from game.engine.forecast import Forecast, forecast

LEAD = "Before your next turn, even if nobody else acts"
SAME = 0.08  # a smaller change between two sampled shares is within their noise
_SEEN: dict[object, tuple[Ruleset, Forecast]] = {}  # by everything a forecast reads


def view_forecast(view: PlayerView, action: Action | None = None) -> Forecast:
    """`forecast(view, action)`, worked out once per view: the objectives panel and each
    card opened in the same position share it. The key is the whole view (a forecast
    reads nothing else), so two positions the seat cannot tell apart share one."""
    ranges = tuple(sorted(view.ranges.items()))
    when = (view.round, view.turn, view.ap, view.active, view.outcome, view.winner)
    key = (id(view.rules), view.faction, when, view.values, ranges, action)
    found = _SEEN.get(key)
    if found is not None and found[0] is view.rules:
        return found[1]
    if len(_SEEN) > 256:
        _SEEN.clear()
    result = forecast(view, action)
    _SEEN[key] = (view.rules, result)
    return result


def share_words(p: float) -> str:
    """'about 20%', 'under 5%' or 'almost certain' for a sampled share (a few hundred
    samples carry no finer grain than about five points)."""
    if p >= 0.97:
        return "almost certain"
    if p < 0.05:
        return "under 5%" if p > 0 else "0%"
    return f"about {round(p * 20) * 5}%"


def whose(forecast: Forecast, outcome: int) -> str:
    """What that ending would mean for the seat, from the same sampled futures: ' (you
    would win)', ' (you would not win)', ' (nobody wins)' or ' (you would win about 40%
    of those)'."""
    share = forecast.win_share(outcome)
    if share is None:
        return " (nobody wins)" if forecast.chance(outcome) > 0 else ""
    if share >= 0.97:
        return " (you would win)"
    if share < 0.05:
        return " (you would not win)"
    return f" (you would win about {round(share * 20) * 5}% of those)"


def _endings(*forecasts: Forecast) -> list[int]:
    return sorted({i for f in forecasts for i, _ in f.endings})


def forecast_line(rules: Ruleset, now: Forecast) -> str:
    """'Before your next turn, even if nobody else acts: Regional war about 20% (nobody
    wins).', or '' when no sampled future ends the game."""
    names = [
        f"{rules.outcomes[i].name} {share_words(now.chance(i))}{whose(now, i)}"
        for i in _endings(now)
    ]
    return f"{LEAD}: {'; '.join(names)}." if names else ""


def forecast_change(rules: Ruleset, before: Forecast, after: Forecast) -> str:
    """The card's line: how a move changes those odds ('Regional war about 20% → almost
    certain'), or '' when neither ending the turn now nor the move can end the game."""
    parts = []
    for i in _endings(before, after):
        was, then = before.chance(i), after.chance(i)
        name = rules.outcomes[i].name
        mine = whose(after if then > 0 else before, i)
        if abs(then - was) < SAME:
            parts.append(f"{name} {share_words(then)} (about the same){mine}")
        else:
            parts.append(f"{name} {share_words(was)} → {share_words(then)}{mine}")
    return f"{LEAD}: {'; '.join(parts)}." if parts else ""
