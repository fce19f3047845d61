"""Loops over regions and factions: `count/sum/any/all(...)` in expressions and the
`for_each` effect block, compiled (unrolled) like the rest of the rule language."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from game.content import ContentError, load_level, open_level
from game.content.expr import ExprError, compile_expr
from game.content.scope import LevelScope, symbols_of
from game.engine import Ruleset, new_game
from game.engine.effects import Context, run_effects
from tests.conftest import mini_text

WriteLevel = Callable[[str], Path]


@pytest.fixture(scope="module")
def rules() -> Ruleset:
    from tests.conftest import MINI

    return load_level(MINI)


def value(rules: Ruleset, text: str, faction: str | None = "red", **values: int) -> object:
    """`text` evaluated on a fresh mini game with `values` ('capital.unrest': 3) set."""
    state = new_game(rules, 1)
    for key, number in values.items():
        state.v[rules.slot(key.replace("__", "."))] = number
    return compile_expr(text, LevelScope(symbols_of(rules), faction)).fn(state, -1)


def test_count_counts_the_regions_where_a_condition_holds(rules: Ruleset) -> None:
    text = "count(region, region.unrest >= 3)"
    assert value(rules, text, capital__unrest=3, hills__unrest=1) == 1
    assert value(rules, text, capital__unrest=4, hills__unrest=5) == 2
    assert value(rules, text, capital__unrest=0, hills__unrest=2) == 0


def test_sum_adds_a_formula_over_every_region_and_a_bare_region_value_reads_the_member(
    rules: Ruleset,
) -> None:
    assert value(rules, "sum(region, region.unrest)", capital__unrest=3, hills__unrest=4) == 7
    assert value(rules, "sum(region, unrest * 2)", capital__unrest=1, hills__unrest=2) == 6


def test_any_and_all_over_factions_read_each_factions_shared_resource(rules: Ruleset) -> None:
    assert value(rules, "any(faction, faction.cash == 0)", red__cash=0, blue__cash=4) is True
    assert value(rules, "all(faction, faction.cash >= 1)", red__cash=0, blue__cash=4) is False
    assert value(rules, "all(faction, faction.cash >= 1)", red__cash=2, blue__cash=4) is True


def test_loops_nest_and_the_loop_name_stands_for_the_member_inside_a_dotted_name(
    rules: Ruleset,
) -> None:
    text = "count(faction, count(region, region.influence.faction >= 2) >= 1)"
    assert value(rules, text, capital__influence__red=0, capital__influence__blue=0) == 0
    assert value(rules, text, hills__influence__red=3, capital__influence__blue=0) == 1
    assert value(rules, text, hills__influence__red=3, capital__influence__blue=2) == 2


def test_a_region_loop_compares_the_member_with_region_ids(rules: Ruleset) -> None:
    assert value(rules, "count(region, region != capital and region.unrest >= 1)") == 1


def test_a_bare_name_that_is_both_the_members_and_the_factions_own_is_refused_as_ambiguous(
    rules: Ruleset,
) -> None:
    with pytest.raises(ExprError) as info:
        value(rules, "all(faction, cash >= 1)", faction="red")
    assert info.value.message == (
        "'cash' is ambiguous inside a loop over factions: write 'faction.cash' for each "
        "faction's value, or the full name of the other"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "count(unrest >= 3)",
            "count() takes what to loop over and a condition, e.g. "
            "'count(region, region.unrest >= 3)'",
        ),
        (
            "sum(city, city.unrest)",
            "sum() takes what to loop over and a formula, e.g. 'sum(region, region.unrest)' "
            "('region' or 'faction' first)",
        ),
        (
            "count(region, count(region, region.unrest > 1) > 0)",
            "count(region, ...) is inside another loop over regions",
        ),
        (
            "count(region, region.riots >= 1)",
            "unknown name 'region.riots': a region has no value 'riots'",
        ),
    ],
)
def test_a_malformed_loop_says_how_to_write_it(rules: Ruleset, text: str, message: str) -> None:
    with pytest.raises(ExprError) as info:
        value(rules, text)
    assert info.value.message == message


def test_the_range_checks_see_through_a_count(write_level: WriteLevel) -> None:
    text = mini_text().replace(
        "chance: 0.5 + 0.1 * red.spies", 'chance: "0.5 + 0.4 * count(region, region.unrest >= 2)"'
    )
    warnings = [w.message for w in open_level(write_level(text)).warnings]
    assert any("can reach 1.3 (its range is 0.5..1.3)" in w for w in warnings), warnings


PICKETS = """
  - id: strike
    faction: red
    name: Call a strike
    description: Every region with unrest 2 or more calms down, and Red gains a coin for each.
    effects:
      - red.cash += count(region, region.unrest >= 2)
      - for_each: region
        where: region.unrest >= 2
        do: [region.unrest = 0, region.influence.red += 1]
"""


def strike_level(write_level: WriteLevel) -> Ruleset:
    return load_level(write_level(mini_text().replace("\nevents:\n", PICKETS + "\nevents:\n")))


def test_for_each_runs_its_effects_for_every_region_where_the_condition_holds(
    write_level: WriteLevel,
) -> None:
    rules = strike_level(write_level)
    strike = next(a for a in rules.actions if a.id == "strike")
    state = new_game(rules, 1)
    for key, number in {"capital.unrest": 3, "hills.unrest": 1, "red.cash": 0}.items():
        state.v[rules.slot(key)] = number
    before = {k: state.v[rules.slot(k)] for k in ("capital.influence.red", "hills.influence.red")}
    run_effects(state, strike.effects, -1, Context(False))
    assert state.v[rules.slot("red.cash")] == 1
    assert state.v[rules.slot("capital.unrest")] == 0
    assert state.v[rules.slot("hills.unrest")] == 1  # below 2: untouched
    assert state.v[rules.slot("capital.influence.red")] == before["capital.influence.red"] + 1
    assert state.v[rules.slot("hills.influence.red")] == before["hills.influence.red"]


def test_a_mistake_inside_for_each_is_reported_once_at_its_line(write_level: WriteLevel) -> None:
    text = mini_text().replace(
        "\nevents:\n", PICKETS.replace("region.unrest = 0", "region.unrst = 0") + "\nevents:\n"
    )
    with pytest.raises(ContentError) as info:
        load_level(write_level(text))
    found = [replace(p, file=Path(p.file).name) for p in info.value.problems]
    assert len(found) == 1
    line = text[: text.index("region.unrst")].count("\n") + 1
    assert found[0].line == line
    assert found[0].message == (
        "action 'strike': effects.1.do.0: unknown name 'region.unrst': a region has no "
        "value 'unrst'"
    )


def test_then_in_a_for_each_block_says_it_runs_its_do_list(write_level: WriteLevel) -> None:
    text = mini_text().replace(
        "\nevents:\n", PICKETS.replace("        do: [", "        then: [") + "\nevents:\n"
    )
    with pytest.raises(ContentError) as info:
        load_level(write_level(text))
    assert any("a for_each block runs its 'do' list" in p.message for p in info.value.problems)


def test_for_each_faction_without_where_runs_for_every_faction(write_level: WriteLevel) -> None:
    grant = """
  - id: aid
    faction: blue
    name: Hand out aid
    description: Every faction gains a coin.
    effects:
      - for_each: faction
        do: [faction.cash += 1]
"""
    rules = load_level(write_level(mini_text().replace("\nevents:\n", grant + "\nevents:\n")))
    aid = next(a for a in rules.actions if a.id == "aid")
    state = new_game(rules, 1)
    cash = [state.v[rules.slot(f"{f.id}.cash")] for f in rules.factions]
    run_effects(state, aid.effects, -1, Context(False))
    assert [state.v[rules.slot(f"{f.id}.cash")] for f in rules.factions] == [c + 1 for c in cash]


def big_scope(n_regions: int = 256, n_factions: int = 16) -> LevelScope:
    """A scope with many regions (each with `unrest`) and factions (each with `cash`)."""
    from game.content.scope import Symbols

    sym = Symbols(rounds=5)
    sym.regions = {f"r{i}": i for i in range(n_regions)}
    sym.factions = {f"f{i}": i for i in range(n_factions)}
    sym.region_values = {"unrest": (0, False)}
    sym.vars = {f"r{i}.unrest": i for i in range(n_regions)}
    sym.vars |= {f"f{i}.cash": n_regions + i for i in range(n_factions)}
    sym.writable_limit = n_regions + n_factions
    return LevelScope(sym)


def test_a_loop_that_would_unroll_into_too_much_is_refused_naming_the_limit() -> None:
    scope = big_scope()
    compile_expr("count(faction, count(region, region.unrest > faction.cash) > 2)", scope)
    with pytest.raises(ExprError) as info:
        compile_expr(
            "count(faction, count(region, region.unrest + 1 > faction.cash * 2 + 1) > 2)", scope
        )
    assert info.value.message.startswith("its loops unroll into more than 20,000 steps")


def test_a_level_whose_loops_add_up_to_too_much_is_refused_once(write_level: WriteLevel) -> None:
    loop = (
        "      - for_each: faction\n"
        '        do: ["faction.cash += count(region, region.unrest >= 1) + '
        'sum(region, region.unrest) + sum(region, region.influence.red)"]\n'
    )
    actions = "".join(
        f"  - id: heavy{i}\n    faction: red\n    name: Heavy {i}\n    description: Loops.\n"
        f"    effects:\n{loop}"
        for i in range(45)
    )
    regions = "".join(
        f"  - {{id: extra{i}, name: Extra {i}, position: [{i + 2}, 0]}}\n" for i in range(250)
    )
    text = mini_text().replace("\nevents:\n", actions + "\nevents:\n")
    text = text.replace("\nmap:\n", regions + "\nmap:\n")
    with pytest.raises(ContentError) as info:
        load_level(write_level(text))
    found = [p.message for p in info.value.problems]
    assert len(found) == 1 and "compile to more than 100,000 steps" in found[0], found[:3]
