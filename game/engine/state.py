"""The compact game state: one flat list of ints plus a few counters and the RNG.

Cloning copies one list. The random generator (SplitMix64) is a single 64-bit
integer kept in the state (`State.rng`), so the same level, seed and actions give
the same states on any machine. It is held as two 32-bit halves and multiplied on
16-bit quarters: the compiled build then does every operation on machine integers
instead of allocating a long object for each 64-bit product
(`random_float` is called for every news roll and action chance, some 66,000 times
an `ai:normal` game). The numbers drawn are SplitMix64's, bit for bit.
"""

from __future__ import annotations

import hashlib
from array import array
from typing import Any, Final, TypedDict

from game.engine.errors import StateError
from game.engine.ruleset import Ruleset

MASK64: Final = (1 << 64) - 1
_INV53: Final = 1.0 / 9007199254740992.0
_M32: Final = 0xFFFFFFFF
_M16: Final = 0xFFFF
# SplitMix64's increment (0x9E3779B97F4A7C15) as 32-bit halves and its multipliers as
# 16-bit quarters: the compiled build multiplies on machine ints only when both factors
# are below 2**30 (a larger one takes the long-object path, ~800 instructions)
_GAMMA_HI: Final = 0x9E3779B9
_GAMMA_LO: Final = 0x7F4A7C15
_MUL1_0: Final = 0xE5B9  # 0xBF58476D1CE4E5B9, lowest quarter first
_MUL1_1: Final = 0x1CE4
_MUL1_2: Final = 0x476D
_MUL1_3: Final = 0xBF58
_MUL2_0: Final = 0x11EB  # 0x94D049BB133111EB
_MUL2_1: Final = 0x1331
_MUL2_2: Final = 0x49BB
_MUL2_3: Final = 0x94D0
STATE_FORMAT: Final = 1


class StateSnapshot(TypedDict):
    """The JSON form of a state (`State.to_dict`); the ruleset is named by level id."""

    format: int
    level: str
    v: list[int]
    round: int
    turn: int
    ap: int
    rng: int
    outcome: int
    winner: int


class State:
    """A position in a game. Use `clone()` before changing a state you want to keep."""

    __slots__ = (
        "ap",
        "journal",
        "outcome",
        "rng_hi",
        "rng_lo",
        "round",
        "rules",
        "turn",
        "v",
        "winner",
    )

    def __init__(self, rules: Ruleset, seed: int, values: list[int] | None = None) -> None:
        """A new position at round 1; `values` (taken, not copied) replaces the initial ones."""
        self.rules = rules
        self.v: list[int] = list(rules.initial) if values is None else values
        self.round = 1
        self.turn = 0
        self.ap = 0
        self.rng_hi = (seed >> 32) & _M32  # the generator's 64 bits, high and low halves
        self.rng_lo = seed & _M32
        self.outcome = -1
        self.winner = -1
        # while a trial runs (`mark_trial`): (slot, old value) pairs of the engine's writes to `v`
        self.journal: list[int] | None = None

    def clone(self) -> State:
        """Return an independent copy (shares only the immutable ruleset; no journal)."""
        # The constructor, not State.__new__: a compiled (mypyc) class has no bare __new__.
        other = State(self.rules, 0, self.v[:])
        other.rng_hi = self.rng_hi
        other.rng_lo = self.rng_lo
        other.round = self.round
        other.turn = self.turn
        other.ap = self.ap
        other.outcome = self.outcome
        other.winner = self.winner
        return other

    @property
    def rng(self) -> int:
        """The random generator's state, a 64-bit number (set it to reseed the state)."""
        return (self.rng_hi << 32) | self.rng_lo

    @rng.setter
    def rng(self, value: int) -> None:
        self.rng_hi = (value >> 32) & _M32
        self.rng_lo = value & _M32

    @property
    def is_over(self) -> bool:
        """True once an outcome has ended the game."""
        return self.outcome >= 0

    def to_dict(self) -> StateSnapshot:
        """A JSON-ready snapshot of the state (the ruleset is referenced by level id)."""
        return {
            "format": STATE_FORMAT,
            "level": self.rules.level_id,
            "v": list(self.v),
            "round": self.round,
            "turn": self.turn,
            "ap": self.ap,
            "rng": self.rng,
            "outcome": self.outcome,
            "winner": self.winner,
        }

    @classmethod
    def from_dict(cls, rules: Ruleset, data: Any) -> State:
        """Rebuild a state from `to_dict` output; raises StateError if it does not fit."""
        if not isinstance(data, dict):
            raise StateError("state snapshot must be an object")
        if data.get("format") != STATE_FORMAT:
            raise StateError(f"unknown state format {data.get('format')!r}")
        if data.get("level") != rules.level_id:
            raise StateError(f"state is for level {data.get('level')!r}, not {rules.level_id!r}")
        values = data.get("v")
        if not isinstance(values, list) or len(values) != rules.layout.size:
            raise StateError("state values do not match this level's layout")
        if not all(type(x) is int for x in values):
            raise StateError("state values must be whole numbers")
        for i in range(rules.layout.n_vars):
            if not rules.lo[i] <= values[i] <= rules.hi[i]:
                raise StateError(f"'{rules.vars[i].key}' = {values[i]} is outside its bounds")
        for i in range(rules.layout.n_vars, rules.layout.size):  # counters: bounded too
            if not rules.lo[i] <= values[i] <= rules.hi[i]:
                raise StateError(f"state counter {i} = {values[i]} is outside its bounds")
        state = State(rules, 0, list(values))
        for name, lo, hi in (
            ("round", 1, rules.rounds),
            ("turn", 0, len(rules.order)),
            ("ap", 0, 1000),
            ("rng", 0, MASK64),
            ("outcome", -1, len(rules.outcomes) - 1),
            ("winner", -2, len(rules.factions) - 1),
        ):
            value = data.get(name)
            if type(value) is not int or not lo <= value <= hi:
                raise StateError(f"state field '{name}' is missing or out of range")
            setattr(state, name, value)
        return state

    def hash(self) -> str:
        """A stable hex digest of the position (values, round, turn, AP, RNG, outcome).

        It names the level id but not the level files' fingerprint, so a replay under
        edited rules can be compared round by round.
        """
        digest = hashlib.blake2b(digest_size=16)
        digest.update(self.rules.level_id.encode())
        digest.update(array("q", self.v).tobytes())
        head = (self.round, self.turn, self.ap, self.outcome, self.winner)
        digest.update(array("q", head).tobytes())
        digest.update(self.rng.to_bytes(8, "little"))
        return digest.hexdigest()

    def __repr__(self) -> str:
        return f"State(level={self.rules.level_id!r}, round={self.round}, turn={self.turn})"


Mark = tuple[int, bool, int, int, int, int, int, int, int]


def mark_trial(state: State) -> Mark:
    """Start recording the engine's writes to `state` (a trial); `undo_trial` with the
    mark returned puts the state back as it is now. Marks nest (undo the latest first)."""
    journal = state.journal
    opened = journal is None  # the outermost mark: its undo stops the recording
    if journal is None:
        journal = state.journal = []
    return (
        len(journal),
        opened,
        state.round,
        state.turn,
        state.ap,
        state.rng_hi,
        state.rng_lo,
        state.outcome,
        state.winner,
    )


def undo_trial(state: State, at: Mark) -> None:
    """Put `state` back as it was at `mark_trial` (its values, clock, AP, generator, outcome);
    raises StateError when no trial is being recorded."""
    journal = state.journal
    if journal is None:
        raise StateError("undo without a mark")
    v = state.v
    n = at[0]
    k = len(journal)
    while k > n:
        k -= 2
        v[journal[k]] = journal[k + 1]
    del journal[n:]
    if at[1]:
        state.journal = None
    state.round = at[2]
    state.turn = at[3]
    state.ap = at[4]
    state.rng_hi = at[5]
    state.rng_lo = at[6]
    state.outcome = at[7]
    state.winner = at[8]


def next_u64(state: State) -> int:
    """Advance the state's SplitMix64 generator and return 64 random bits."""
    hi, lo = _next_halves(state)
    return (hi << 32) | lo


def random_float(state: State) -> float:
    """A uniform float in [0, 1) from the state's generator (its top 53 bits)."""
    hi, lo = _next_halves(state)
    return ((hi << 21) | (lo >> 11)) * _INV53


def _next_halves(state: State) -> tuple[int, int]:
    """Advance the generator; SplitMix64's next output as (high, low) 32-bit halves.

    z = rng + gamma; z ^= z >> 30; z *= mul1; z ^= z >> 27; z *= mul2; z ^= z >> 31
    (mod 2**64), on 32-bit halves, the products on 16-bit quarters (`_times`)."""
    lo = state.rng_lo + _GAMMA_LO
    hi = (state.rng_hi + _GAMMA_HI + (lo >> 32)) & _M32
    lo &= _M32
    state.rng_hi = hi
    state.rng_lo = lo
    lo ^= ((hi << 2) & _M32) | (lo >> 30)
    hi ^= hi >> 30
    hi, lo = _times(hi, lo, _MUL1_0, _MUL1_1, _MUL1_2, _MUL1_3)
    lo ^= ((hi << 5) & _M32) | (lo >> 27)
    hi ^= hi >> 27
    hi, lo = _times(hi, lo, _MUL2_0, _MUL2_1, _MUL2_2, _MUL2_3)
    lo ^= ((hi << 1) & _M32) | (lo >> 31)
    hi ^= hi >> 31
    return hi, lo


def _times(hi: int, lo: int, c0: int, c1: int, c2: int, c3: int) -> tuple[int, int]:
    """(hi, lo) * c mod 2**64 as 32-bit halves, c given by its 16-bit quarters (c0 lowest).

    Schoolbook on quarters, dropping the columns at 2**64 and above: each product is
    below 2**32, each column below 2**34 and every sum below 2**51."""
    a0 = lo & _M16
    a1 = lo >> 16
    a2 = hi & _M16
    a3 = hi >> 16
    col1 = a0 * c1 + a1 * c0
    col2 = a0 * c2 + a1 * c1 + a2 * c0
    col3 = a0 * c3 + a1 * c2 + a2 * c1 + a3 * c0
    t = a0 * c0 + (col1 << 16)
    return ((t >> 32) + col2 + (col3 << 16)) & _M32, t & _M32
