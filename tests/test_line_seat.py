"""A line of play: a seat that keeps to the moves a level says a faction really made
(preferred whenever legal, some never), declared in `expectations.yaml` and seated as
`AGENT+line=NAME` by `simulate` and `expect`."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from game.ai import Decision, agent_names, create_agent
from game.ai.line import Line, LineAgent
from game.cli import main
from game.content import ContentError, load_level
from game.engine import Action, PlayerView, Ruleset, legal_actions, observe
from game.headless import play_match
from game.match import Match
from game.sim.expect_file import read_expectations

BARGAIN = Path(__file__).resolve().parent / "levels" / "bargain"


class FirstMove:
    """An inner agent that always takes the first legal move (ending the turn, or
    accepting an offer when the answers come first)."""

    name = "first"

    def decide(
        self, view: PlayerView, legal: list[Action], rng: random.Random, stop: object = None
    ) -> Decision:
        return Decision(legal[0], "first")


def used(rules: Ruleset, match: Match, ident: str) -> int:
    index = next(a.index for a in rules.actions if a.id == ident)
    return sum(1 for m in match.history if m.action.action == index)


def test_a_line_plays_its_preferred_action_whenever_legal_and_never_an_avoided_deal() -> None:
    rules = load_level(BARGAIN)
    line = Line("stubborn", "the stubborn line", "red", (("recruit", 0),), ("ceasefire",))
    lines = {"stubborn": line}
    accepts = {
        a.index for a in rules.actions if a.id.startswith("ceasefire:") and "refuse" not in a.id
    }
    offered = 0
    for seed in range(8):
        match = play_match(rules, seed, ["random+line=stubborn", "random"], lines=lines)
        red = [m for m in match.history if m.faction == 0]
        assert not any(m.action.action in accepts for m in red)
        offered += sum(1 for m in red if rules.actions[m.action.action].id == "ceasefire:refuse")
        first = next(m for m in red if m.action.action >= 0)  # cash 3: recruiting is legal
        assert rules.actions[first.action.action].id in ("recruit", "ceasefire:refuse")
    assert offered > 0  # Blue did offer, and the line refused every time


def test_a_preferred_action_with_times_is_preferred_only_that_often() -> None:
    rules = load_level(BARGAIN)
    for times in (1, 2):
        agent = LineAgent(FirstMove(), rules, Line("l", "a line", "red", (("recruit", times),)))
        match = Match.new(rules, 3)
        rng = random.Random(1)
        while not match.is_over:
            legal = legal_actions(match.state)
            if match.active == 0:
                match.play(agent.decide(observe(match.state, 0), legal, rng).action)
            else:
                match.play(legal[0])  # Blue ends its turn: Red's cash only grows
        assert used(rules, match, "recruit") == times


def test_a_line_seat_names_its_line_in_the_agents_name() -> None:
    rules = load_level(BARGAIN)
    lines = {"x": Line("x", "a line", "red", (("recruit", 0),))}
    assert create_agent("greedy+line=x", rules, 0, None, lines).name == "greedy+line=x"
    with pytest.raises(KeyError, match="played by red"):
        create_agent("greedy+line=x", rules, 1, None, lines)


LINES = """expectations:
  lines:
    stubborn:
      faction: red
      name: the stubborn line
      prefer: [recruit]
      avoid: [ceasefire]
  seats:
    line: [all=random, red=random+line=stubborn]
  checks:
    - {id: blue, name: Blue wins at most all games, seats: line, winner: blue, at_most: 1}
"""


@pytest.fixture
def bargain(tmp_path: Path) -> Path:
    folder = tmp_path / "bargain"
    shutil.copytree(BARGAIN, folder)
    (folder / "expectations.yaml").write_text(LINES, encoding="utf-8")
    return folder


def test_simulate_and_expect_seat_a_line_the_level_declares(
    bargain: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    found = read_expectations(bargain, load_level(bargain), agent_names())
    assert found is not None and found.seat_sets["line"] == ("random+line=stubborn", "random")
    out = str(bargain.parent / "out")
    args = ["--games", "3", "--workers", "1", "--no-progress"]
    assert (
        main(["simulate", str(bargain), "--seat", "red=random+line=stubborn", *args, "--out", out])
        == 0
    )
    assert "random+line=stubborn" in capsys.readouterr().out
    assert main(["expect", str(bargain), *args]) == 0
    assert "`blue`" in capsys.readouterr().out


def test_simulate_refuses_an_unknown_line_or_one_seated_at_another_faction(
    bargain: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--games", "1", "--workers", "1", "--no-progress"]
    assert main(["simulate", str(bargain), "--seat", "red=random+line=stubbon", *args]) == 1
    assert (
        "unknown line 'stubbon' in 'red=random+line=stubbon' — did you mean 'stubborn'?"
        in capsys.readouterr().err
    )
    assert main(["simulate", str(bargain), "--seat", "blue=random+line=stubborn", *args]) == 1
    assert "seat it as red=random+line=stubborn" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("prefer: [recruit]", "prefer: [calm]", "'calm' is not an action of red"),
        ("avoid: [ceasefire]", "avoid: [ceasfire]", "did you mean 'ceasefire'?"),
        ("avoid: [ceasefire]", "avoid: [recruit]", "'recruit' is both preferred and avoided"),
        ("faction: red", "faction: redd", "unknown faction 'redd'"),
        (
            "prefer: [recruit]",
            "prefer: [{action: recruit, times: 0}]",
            "greater than or equal to 1",
        ),
    ],
)
def test_a_broken_line_is_a_located_error(bargain: Path, old: str, new: str, message: str) -> None:
    path = bargain / "expectations.yaml"
    path.write_text(LINES.replace(old, new), encoding="utf-8")
    with pytest.raises(ContentError) as err:
        read_expectations(bargain, load_level(bargain), agent_names())
    problems = err.value.problems
    assert any(message in p.message and p.file.endswith("expectations.yaml") for p in problems)
    assert all(p.line > 1 for p in problems)


def test_a_line_of_play_survives_the_trip_to_a_worker_process() -> None:
    import pickle

    line = Line("stubborn", "the stubborn line", "red", (("recruit", 2),), ("ceasefire",))
    assert pickle.loads(pickle.dumps(line)) == line
