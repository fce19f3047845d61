"""Branch headlines, silent branches, relative timers and the one-headline news check."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from game.content import ContentError, load_level, open_level
from game.engine import PASS, describe, headline_of, new_game, news_text, step
from game.engine.flow import fire_event
from game.engine.log import EVENT, LogEntry
from game.ui.widgets.ticker import headlines
from tests.conftest import mini_text, set_value

WriteLevel = Callable[[str], Path]

VERDICT = """
  - id: verdict
    kind: scheduled
    round: 3
    name: Verdict
    headline: The court rules.
    effects:
      - if: tension >= 3
        then:
          - {headline: "The court sides with Red; tension rises.", text: "Red's case won."}
          - tension += 1
        else:
          - {headline: ""}
"""

DEADLINE = """
  - id: deadline
    kind: conditional
    name: Deadline
    headline: Red's deadline runs out.
    when: actions.recruit >= 1 and round >= actions.recruit.round + 2
    effects: [tension += 1]
"""


def level_with(write_level: WriteLevel, events: str) -> Path:
    return write_level(mini_text().replace("\nupkeep:\n", f"\n{events}\nupkeep:\n", 1))


def event_entries(log: list[LogEntry]) -> list[LogEntry]:
    return [e for e in log if e.kind == EVENT]


def test_a_branch_headline_replaces_the_events_headline_everywhere_the_news_is_read(
    write_level: WriteLevel,
) -> None:
    rules = load_level(level_with(write_level, VERDICT))
    state = new_game(rules, 1)
    set_value(state, "tension", 3)
    log: list[LogEntry] = []
    fire_event(state, rules.event_by_id("verdict").index, log)
    (entry,) = event_entries(log)
    assert headline_of(rules, entry) == "The court sides with Red; tension rises."
    assert news_text(rules, entry) == "Red's case won."
    assert describe(rules, entry).startswith("NEWS: The court sides with Red; tension rises.")
    assert "The court rules." not in describe(rules, entry)
    assert headlines(rules, log, viewer=0) == ["The court sides with Red; tension rises."]


def test_a_branch_with_an_empty_headline_that_changes_nothing_prints_nothing(
    write_level: WriteLevel,
) -> None:
    rules = load_level(level_with(write_level, VERDICT))
    state = new_game(rules, 1)
    set_value(state, "tension", 1)
    log: list[LogEntry] = []
    index = rules.event_by_id("verdict").index
    fire_event(state, index, log)
    assert event_entries(log) == []
    assert state.v[rules.layout.fired + index] == 1  # it still fired (once-only is spent)


def test_an_event_without_branch_headlines_keeps_its_own_headline(
    write_level: WriteLevel,
) -> None:
    rules = load_level(level_with(write_level, VERDICT))
    state = new_game(rules, 1)
    log: list[LogEntry] = []
    fire_event(state, rules.event_by_id("summit").index, log)
    (entry,) = event_entries(log)
    assert headline_of(rules, entry) == "Leaders meet; both sides receive funds."
    assert entry.news == -1


def test_a_timer_counts_rounds_from_when_an_action_was_used(write_level: WriteLevel) -> None:
    rules = load_level(level_with(write_level, DEADLINE))
    deadline = rules.event_by_id("deadline").index
    fired = rules.layout.fired + deadline
    state = new_game(rules, 5)
    step(state, PASS)  # red passes in round 1
    step(state, PASS)  # blue passes
    assert state.round == 2 and state.v[fired] == 0  # no deadline: nothing was started
    recruit = rules.action_by_id("recruit").index
    legal = [a for a in rules.action_space if a.action == recruit]
    step(state, legal[0])  # red recruits in round 2: the deadline is round 4's news
    assert state.v[rules.layout.last + recruit] == 2
    for _ in range(3):
        step(state, PASS)
    assert state.round == 3 and state.v[fired] == 0
    step(state, PASS)
    step(state, PASS)
    assert state.round == 4 and state.v[fired] == 1


def test_validate_warns_when_one_headline_states_what_only_one_branch_makes_true(
    write_level: WriteLevel,
) -> None:
    one_sided = VERDICT.replace(
        """        then:
          - {headline: "The court sides with Red; tension rises.", text: "Red's case won."}
          - tension += 1
        else:
          - {headline: ""}""",
        """        then: [tension = 5]
        else: [tension -= 1]""",
    )
    loaded = open_level(level_with(write_level, one_sided))
    (warning,) = [w for w in loaded.warnings if "verdict" in w.message]
    assert "'tension = 5' happens only in its 'then' branch" in warning.message
    assert "{headline: ...}" in warning.message


def test_validate_warns_when_a_scheduled_events_only_effect_may_do_nothing(
    write_level: WriteLevel,
) -> None:
    silent = VERDICT.replace(
        """        then:
          - {headline: "The court sides with Red; tension rises.", text: "Red's case won."}
          - tension += 1
        else:
          - {headline: ""}""",
        """        then: [tension += 1]""",
    )
    loaded = open_level(level_with(write_level, silent))
    (warning,) = [w for w in loaded.warnings if "verdict" in w.message]
    assert "one of its branches changes nothing" in warning.message


def test_validate_trusts_events_whose_branches_carry_their_own_headlines(
    write_level: WriteLevel,
) -> None:
    loaded = open_level(level_with(write_level, VERDICT))
    assert [w for w in loaded.warnings if "verdict" in w.message] == []


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ("{if: tension > 1, text: lonely}", "'text' belongs with 'headline'"),
        ("{headline: Hi, then: [tension += 1]}", "'then'/'else' belong to 'if' or 'chance'"),
    ],
)
def test_a_misplaced_headline_or_text_is_a_located_error(
    write_level: WriteLevel, block: str, message: str
) -> None:
    events = f"""
  - id: bad
    kind: triggered
    name: Bad
    headline: Bad.
    effects:
      - {block}
"""
    with pytest.raises(ContentError) as err:
        load_level(level_with(write_level, events))
    text = str(err.value)
    assert message in text and "level.yaml:" in text
