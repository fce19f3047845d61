"""The rule language's vocabulary: what a name can stand for, what compiling returns,
the limits on an expression, and the error it raises (see `game.content.expr`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

Fn = Callable[[Any, int], Any]

MAX_LENGTH = 600
MAX_DEPTH = 24
MAX_NODES = 200
MAX_CONST = 1e9
MAX_POW = 8
MAX_WORK = 20_000  # nodes one expression may compile to, its loops unrolled


class ExprError(Exception):
    """An expression was rejected; `offset` is the 0-based column inside the text, `name`
    the unknown dotted name when an unknown name was the reason."""

    def __init__(self, message: str, offset: int = 0, name: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.name = name  # the dotted name that could not be resolved, if that was the error


@dataclass(frozen=True)
class VarRef:
    """A variable slot: index `base + stride * target` (stride 0: a fixed slot)."""

    base: int
    stride: int = 0
    count: int = 1
    writable: bool = True

    def indices(self) -> range:
        """All slots this reference can touch, over every possible target."""
        if self.stride == 0:
            return range(self.base, self.base + 1)
        return range(self.base, self.base + self.stride * self.count, self.stride)


@dataclass(frozen=True)
class ConstRef:
    """A name that stands for a constant (a faction or region id as its index)."""

    value: int


@dataclass(frozen=True)
class SpecialRef:
    """A name read from the state itself: `round`, `rounds`, `target`, `ap`."""

    name: str


Ref = VarRef | ConstRef | SpecialRef


class Scope(Protocol):
    """Resolves dotted names for one context (an action, an event, an objective...)."""

    def lookup(self, parts: tuple[str, ...]) -> Ref:
        """Return the reference for a dotted name; raise KeyError with a message if unknown."""
        ...


@dataclass
class Compiled:
    """A compiled expression: the closure plus what it reads, for meaning checks."""

    fn: Fn
    source: str
    reads: set[int] = field(default_factory=set)
    constant: Any = None
    is_constant: bool = False
    slots_only: bool = True  # its value depends on `reads` alone (no round, ap or target)
    work: int = 0  # nodes compiled (loops unrolled): what building its closures cost


@dataclass
class CompiledStatement:
    """A compiled effect statement: `target op value`."""

    target: VarRef
    op: str
    value: Compiled
    source: str
