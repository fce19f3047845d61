"""The state's random generator draws SplitMix64's numbers, bit for bit, so a seed
gives the same game on every machine and in every build."""

from __future__ import annotations

import random

from game.content import load_level
from game.engine import new_game
from game.engine.state import MASK64, State, next_u64, random_float


def splitmix64(x: int) -> tuple[int, int]:
    """The published SplitMix64 step on a plain integer: (new state, output)."""
    x = (x + 0x9E3779B97F4A7C15) & MASK64
    z = x
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
    return x, z ^ (z >> 31)


SEEDS = [0, 1, MASK64, MASK64 - 0x9E3779B97F4A7C15, 0x9E3779B97F4A7C15, 1 << 63, (1 << 32) - 1]


def test_the_generator_draws_splitmix64_numbers_from_any_seed() -> None:
    rules = load_level("tutorial")
    seeds = SEEDS + [random.Random(9).getrandbits(64) for _ in range(200)]
    for seed in seeds:
        state = State(rules, seed)
        assert state.rng == seed
        x = seed
        for _ in range(50):
            x, out = splitmix64(x)
            assert next_u64(state) == out
            assert state.rng == x


def test_a_random_float_is_the_top_53_bits_of_the_next_number() -> None:
    rules = load_level("tutorial")
    for seed in SEEDS + [random.Random(4).getrandbits(64) for _ in range(100)]:
        state = State(rules, seed)
        x = seed
        for _ in range(50):
            x, out = splitmix64(x)
            p = random_float(state)
            assert p == (out >> 11) / 2.0**53
            assert 0.0 <= p < 1.0


def test_a_clone_a_snapshot_and_a_reseed_carry_the_generator_exactly() -> None:
    rules = load_level("tutorial")
    state = new_game(rules, 12345)
    random_float(state)
    twin = state.clone()
    again = State.from_dict(rules, state.to_dict())
    assert twin.rng == again.rng == state.rng
    draws = [[random_float(s) for _ in range(5)] for s in (state, twin, again)]
    assert draws[0] == draws[1] == draws[2]
    assert twin.hash() == again.hash() == state.hash()
    state.rng = MASK64
    assert state.rng == MASK64 and twin.rng != MASK64
    x, out = splitmix64(MASK64)
    assert next_u64(state) == out and state.rng == x
