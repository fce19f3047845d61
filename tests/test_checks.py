"""Meaning checks in validate: warnings for rules that can never matter, no false alarms."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.cli import main
from game.content import load_level, open_level
from game.content.expr import VarRef, compile_expr
from game.content.problems import Problem
from game.content.ranges import RangeEvaluator, can_be_true
from game.engine import new_game
from game.engine.flow import fire_event
from tests.conftest import MINI, ROOT, mini_text

WriteLevel = Callable[[str], Path]


def warnings_for(write_level: WriteLevel, text: str) -> list[Problem]:
    return list(open_level(write_level(text)).warnings)


def line_of(text: str, fragment: str) -> int:
    """1-based line of the first line containing `fragment`."""
    return next(i for i, line in enumerate(text.splitlines(), 1) if fragment in line)


def with_actions(extra: str) -> str:
    """The mini level with more actions appended to its actions section."""
    return mini_text().replace("\nevents:\n", f"\n{extra}\nevents:\n", 1)


def with_events(extra: str) -> str:
    return mini_text().replace("\nupkeep:\n", f"\n{extra}\nupkeep:\n", 1)


# Chance formulas a shipped level may still leave 0..1 with (none: niger_2023's are wrapped in
# clamp()); no other warning is tolerated.
KNOWN_CHANCE_WARNINGS: dict[str, set[str]] = {}


def test_the_mini_level_and_every_shipped_level_have_no_meaning_warnings() -> None:
    folders = [MINI] + [p for p in sorted((ROOT / "levels").iterdir()) if p.is_dir()]
    for folder in folders:
        known = KNOWN_CHANCE_WARNINGS.get(folder.name, set())
        warnings = [
            w
            for w in open_level(folder).warnings
            if not ("a chance is a probability" in w.message and w.message.split("'")[1] in known)
        ]
        assert warnings == [], f"{folder.name}: {[str(w) for w in warnings]}"


def test_an_event_whose_condition_exceeds_the_bounds_is_reported_at_its_when(
    write_level: WriteLevel,
) -> None:
    text = with_events(
        "  - {id: meltdown, kind: conditional, name: Meltdown, headline: Boom.,\n"
        "     when: tension >= 6, effects: [tension = 0]}"
    )
    (w,) = warnings_for(write_level, text)
    assert w.severity == "warning" and w.line == line_of(text, "when: tension >= 6")
    assert "event 'meltdown' can never fire" in w.message and "'tension >= 6'" in w.message


def test_an_event_over_a_value_nothing_changes_is_reported(write_level: WriteLevel) -> None:
    text = with_events(
        "  - {id: streak, kind: conditional, name: Streak, headline: Calm holds.,\n"
        "     when: calm_days >= 3 and round >= 2, effects: [tension -= 1]}"
    ).replace("tracks:\n", "tracks:\n  - {id: calm_days, name: Calm days, description: x.}\n")
    (w,) = warnings_for(write_level, text)
    assert "event 'streak' can never fire" in w.message


def test_a_condition_reachable_through_an_effect_is_not_reported(write_level: WriteLevel) -> None:
    text = with_events(
        "  - {id: unrest_spreads, kind: conditional, name: Spread, headline: Spread.,\n"
        "     when: capital.unrest >= 5 or window == 0, effects: [tension += 1]}"
    )
    assert warnings_for(write_level, text) == []


def test_a_triggered_event_nothing_fires_is_reported(write_level: WriteLevel) -> None:
    text = with_events("  - {id: orphan, kind: triggered, name: Orphan, headline: Nobody calls.}")
    (w,) = warnings_for(write_level, text)
    assert "'triggered' but no effect fires it" in w.message


def test_an_event_that_fires_itself_through_a_chain_is_reported_once_with_the_loop(
    write_level: WriteLevel,
) -> None:
    text = with_events(
        "  - {id: strike, kind: triggered, name: Strike, headline: A strike.,\n"
        "     effects: [tension += 1, {event: crackdown}]}\n"
        "  - {id: crackdown, kind: triggered, name: Crackdown, headline: A crackdown.,\n"
        "     effects: [{event: strike}]}"
    ).replace("effects: [red.cash += 1, blue.cash += 1]", "effects: [{event: strike}]")
    (w,) = warnings_for(write_level, text)
    assert "event 'strike' can fire itself again through a chain" in w.message
    assert "(strike → crackdown → strike)" in w.message and "after 8 events" in w.message
    assert w.line == line_of(text, "id: strike")


def test_a_chain_of_events_that_loops_stops_after_eight_links(write_level: WriteLevel) -> None:
    text = with_events(
        "  - {id: echo, kind: triggered, name: Echo, headline: An echo.,\n"
        "     once: false, effects: [tension += 1, {event: echo}]}"
    ).replace("effects: [red.cash += 1, blue.cash += 1]", "effects: [{event: echo}]")
    rules = load_level(write_level(text))
    echo = next(e.index for e in rules.events if e.id == "echo")
    state = new_game(rules, 1)
    before = state.v[rules.layout.fired + echo]
    fire_event(state, echo, None)
    assert state.v[rules.layout.fired + echo] - before == 1 + 8  # the event, then 8 links


def test_random_events_are_reported_when_the_level_draws_none(write_level: WriteLevel) -> None:
    text = mini_text().replace("random_event_chance: 0.5", "random_event_chance: 0")
    found = {w.message.split(":")[0] for w in warnings_for(write_level, text)}
    assert found == {"event 'riot' can never fire", "event 'scandal' can never fire"}


def test_a_scheduled_event_reads_its_own_rounds(write_level: WriteLevel) -> None:
    text = with_events(
        "  - {id: late_talks, kind: scheduled, name: Talks, headline: Talks., round: 1,\n"
        "     when: round >= 3, effects: [tension -= 1]}"
    )
    (w,) = warnings_for(write_level, text)
    assert "event 'late_talks' can never fire" in w.message


@pytest.mark.parametrize(
    ("action", "fragment", "expected"),
    [
        (
            "{id: bribe, faction: red, name: Bribe, description: x., cost: {cash: 12}}",
            "cost: {cash: 12}",
            "costs 12 Cash but red.cash never exceeds 9",
        ),
        (
            "{id: surge, faction: blue, name: Surge, description: x., ap: 3}",
            "ap: 3",
            "needs 3 action points but blue never has more than 2",
        ),
        (
            "{id: late, faction: red, name: Late, description: x., requires: [round > 10]}",
            "round > 10",
            "requirement 'round > 10' is never true",
        ),
        (
            "{id: storm, faction: red, name: Storm, description: x., target: region,\n"
            "     targets: target.unrest > 7}",
            "target.unrest > 7",
            "no target can ever satisfy",
        ),
    ],
)
def test_actions_that_can_never_be_legal_are_reported_with_the_reason(
    write_level: WriteLevel, action: str, fragment: str, expected: str
) -> None:
    text = with_actions(f"  - {action}")
    (w,) = warnings_for(write_level, text)
    assert w.line == line_of(text, fragment)
    assert "can never be legal" in w.message and expected in w.message


def test_a_resource_only_spent_never_covers_a_cost_above_its_start(
    write_level: WriteLevel,
) -> None:
    text = with_actions(
        "  - {id: spend, faction: red, name: Spend, description: x., cost: {tokens: 2}}"
    ).replace(
        "resources:\n",
        "resources:\n  - {id: tokens, faction: red, name: Tokens, description: x., initial: 1}\n",
    )
    (w,) = warnings_for(write_level, text)
    assert "costs 2 Tokens but red.tokens never exceeds 1" in w.message


def test_victory_conditions_that_cannot_be_met_are_reported(write_level: WriteLevel) -> None:
    text = (
        mini_text()
        .replace(
            "outcomes:\n",
            "outcomes:\n"
            "  - {id: utopia, name: Utopia, headline: x., when: window > 4, winner: blue}\n"
            "  - {id: forced, name: Forced, headline: x., when: window > 4, winner: red}\n",
        )
        .replace(
            "effects: [spies += 1]",
            "effects: [spies += 1, {if: spies > 2, then: [{outcome: forced}]}]",
        )
        .replace(
            "objectives:\n",
            "objectives:\n  - {id: fantasy, faction: red, name: F, description: x., "
            "when: tension > 5, points: 1}\n",
        )
    )
    messages = [w.message for w in warnings_for(write_level, text)]
    assert any("outcome 'utopia' can never happen" in m for m in messages)
    assert any("objective 'fantasy' can never be met" in m for m in messages)
    assert not any("'forced'" in m for m in messages)
    assert len(messages) == 2


def test_values_nothing_reads_or_writes_are_reported(write_level: WriteLevel) -> None:
    text = (
        mini_text()
        .replace(
            "resources:\n",
            "resources:\n  - {id: gold, faction: red, name: Gold, description: x.}\n",
        )
        .replace(
            "tracks:\n",
            "tracks:\n  - {id: mood, name: Mood, description: x.}\n",
        )
    )
    messages = sorted(w.message for w in warnings_for(write_level, text))
    assert messages == [
        "resource 'red.gold' is never read or changed by any rule",
        "track 'mood' is never read or changed by any rule",
    ]


def test_validate_prints_the_warnings_with_file_and_line(
    write_level: WriteLevel, capsys: pytest.CaptureFixture[str]
) -> None:
    text = with_events("  - {id: orphan, kind: triggered, name: Orphan, headline: Nobody.}")
    folder = write_level(text)
    assert main(["validate", str(folder)]) == 0
    out = capsys.readouterr().out
    assert f"level.yaml:{line_of(text, 'id: orphan')}:" in out and "warning:" in out
    assert main(["validate", "--strict", str(folder)]) == 1


# -- soundness of the range analysis -------------------------------------------

BOXES = {"a": (0, 5), "b": (-3, 3), "c": (2, 2)}


class _Scope:
    def lookup(self, parts: tuple[str, ...]) -> VarRef:
        return VarRef(list(BOXES).index(parts[0]))


@dataclass
class _Ranges:
    def of_ref(self, ref: VarRef) -> tuple[float, float]:
        lo, hi = list(BOXES.values())[ref.base]
        return (float(lo), float(hi))


class _State:
    def __init__(self, values: list[int]) -> None:
        self.v = values
        self.round = 1


def _exprs() -> st.SearchStrategy[str]:
    leaves = st.one_of(st.sampled_from(list(BOXES)), st.integers(-4, 6).map(str))

    def grow(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        binary = st.tuples(
            inner,
            st.sampled_from(["+", "-", "*", "<", "<=", ">", ">=", "==", "!=", "and", "or", "/"]),
            inner,
        )
        return st.one_of(
            binary.map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
            inner.map(lambda x: f"(not {x})"),
            inner.map(lambda x: f"(-{x})"),
            st.tuples(inner, inner).map(lambda t: f"min({t[0]}, {t[1]})"),
            st.tuples(inner, inner).map(lambda t: f"max({t[0]}, {t[1]})"),
            inner.map(lambda x: f"abs({x})"),
            st.tuples(inner, inner, inner).map(lambda t: f"clamp({t[0]}, {t[1]}, {t[2]})"),
            st.tuples(inner, inner, inner).map(lambda t: f"({t[0]} if {t[1]} else {t[2]})"),
        )

    return st.recursive(leaves, grow, max_leaves=8)


@settings(max_examples=300, deadline=None)
@given(_exprs(), st.integers(0, 5), st.integers(-3, 3))
def test_the_range_analysis_contains_every_concrete_value(text: str, a: int, b: int) -> None:
    box = RangeEvaluator(_Ranges(), _Scope(), (1.0, 4.0)).of(text)
    value = compile_expr(text, _Scope()).fn(_State([a, b, 2]), -1)
    number = float(value)
    assert box[0] - 1e-9 <= number <= box[1] + 1e-9, (text, a, b, value, box)
    if value:
        assert can_be_true(box)


def test_values_the_analysis_calls_constant_never_change_in_real_games() -> None:
    from game.content.ranges import Ranges
    from game.headless import play_match

    for folder in [MINI] + [p for p in sorted((ROOT / "levels").iterdir()) if p.is_dir()]:
        rules = load_level(folder)
        ranges = Ranges(rules)
        for seed in range(6):
            match = play_match(rules, seed, ["random"] * len(rules.factions))
            for var in rules.vars:
                lo, hi = ranges.box[var.index]
                assert lo <= match.state.v[var.index] <= hi, (folder.name, var.key)


def test_action_points_given_by_a_formula_without_words_for_the_player_are_a_located_warning(
    write_level: WriteLevel,
) -> None:
    text = mini_text().replace(
        '    action_points_text: "1 a round; +1 while Blue has 3 cash or more"\n', ""
    )
    assert "action_points_text" not in text
    (w,) = warnings_for(write_level, text)
    assert w.line == line_of(text, 'action_points: "1 + (blue.cash >= 3)"'), str(w)
    assert "action_points_text" in w.message and "what changes them" in w.message
