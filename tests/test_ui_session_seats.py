"""The window's AI seats know who plays each faction, as in headless play, so a search
seat values its offers by how the recipient's seat really answers."""

from __future__ import annotations

from pathlib import Path

from game.content import load_level
from game.match import Match
from game.ui.session import GameSession

BARGAIN = Path(__file__).parent / "levels" / "bargain"


def test_a_window_ai_seat_models_each_recipient_by_the_seat_that_plays_it() -> None:
    rules = load_level(BARGAIN)
    session = GameSession(Match.new(rules, 3), ["ai:normal", "ai:normal+nodeals"])
    agent = session.agents[0].agent  # type: ignore[attr-defined]
    rivals = agent.rivals
    assert set(rivals) == {1}, rivals  # Red offers only to Blue
    assert rivals[1].kind == "refuses"  # Blue's seat never takes a deal


def test_a_window_ai_models_a_human_recipient_by_the_one_step_answer() -> None:
    rules = load_level(BARGAIN)
    session = GameSession(Match.new(rules, 3), ["ai:normal", "human"])
    agent = session.agents[0].agent  # type: ignore[attr-defined]
    assert agent.rivals[1].kind == "greedy"  # a person answers as the one-step model says
