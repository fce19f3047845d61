"""The compiled rule language's nodes: one small class per operation, called as
`node(state, target)` like the closures they replaced.

A parent calls its children through `ev`, a method of a native class in the compiled
(mypyc) build: a direct C call, where a closure calling a closure went through the
generic call protocol (argument parsing, the target boxed and unboxed) at every level of
an expression. Each `ev` computes exactly what the closure did (the same Python
operations in the same order), so values and decisions are unchanged. A node that
reads the state reads a `State`'s fields natively, and any other object's by name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from game.engine.formula import Formula
from game.engine.simple_conditions import TEST_EQ, TEST_GE, TEST_GT, TEST_LE, TEST_LT
from game.engine.state import State

# arithmetic operator codes (`Arith`)
ADD: Final = 0
SUB: Final = 1
MUL: Final = 2
DIV: Final = 3
FLOORDIV: Final = 4
MOD: Final = 5


class Node(Formula):
    """A compiled expression; `ev(state, target)` is its value."""


class Const(Node):
    """A constant (what the compiler folds; `constant_of` tells one apart)."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def ev(self, s: Any, t: int) -> Any:
        return self.value


class Slot(Node):
    """A fixed slot's value."""

    def __init__(self, base: int) -> None:
        self.base = base

    def ev(self, s: Any, t: int) -> Any:
        if isinstance(s, State) and type(s.v) is list:  # native reads compiled; a probe's
            return s.v[self.base]  # recording list (knowing._Reads) must see the read,
        return s.v[self.base]  # so anything else is read by lookup


class TargetSlot(Node):
    """A per-target slot's value (`base + stride * target`)."""

    def __init__(self, base: int, stride: int) -> None:
        self.base = base
        self.stride = stride

    def ev(self, s: Any, t: int) -> Any:
        if isinstance(s, State) and type(s.v) is list:
            return s.v[self.base + self.stride * t]
        return s.v[self.base + self.stride * t]


class Round(Node):
    def ev(self, s: Any, t: int) -> Any:
        if isinstance(s, State):
            return s.round
        return s.round


class Target(Node):
    def ev(self, s: Any, t: int) -> Any:
        return t


class ActionPoints(Node):
    def ev(self, s: Any, t: int) -> Any:
        if isinstance(s, State):
            return s.ap
        return s.ap


class Rounds(Node):
    def ev(self, s: Any, t: int) -> Any:
        return s.rounds


class Not(Node):
    def __init__(self, inner: Node) -> None:
        self.inner = inner

    def ev(self, s: Any, t: int) -> Any:
        return not self.inner.ev(s, t)


class Neg(Node):
    def __init__(self, inner: Node) -> None:
        self.inner = inner

    def ev(self, s: Any, t: int) -> Any:
        return -self.inner.ev(s, t)


class Power(Node):
    def __init__(self, left: Node, exponent: int) -> None:
        self.left = left
        self.exponent = exponent

    def ev(self, s: Any, t: int) -> Any:
        return self.left.ev(s, t) ** self.exponent


class Apply2(Node):
    """`op(left, right)` for an operator given as a function (`BINOPS`, `CMPS`)."""

    def __init__(self, op: Callable[[Any, Any], Any], left: Node, right: Node) -> None:
        self.op = op
        self.left = left
        self.right = right

    def ev(self, s: Any, t: int) -> Any:
        return self.op(self.left.ev(s, t), self.right.ev(s, t))


class ArithConst(Node):
    """`left <op> c`, the constant not called (a zero divisor is never built here)."""

    def __init__(self, op: int, left: Node, c: Any) -> None:
        self.op = op
        self.left = left
        self.c = c

    def ev(self, s: Any, t: int) -> Any:
        x = self.left.ev(s, t)
        op = self.op
        if op == ADD:
            return x + self.c
        if op == SUB:
            return x - self.c
        if op == MUL:
            return x * self.c
        if op == DIV:
            return x / self.c
        if op == FLOORDIV:
            return x // self.c
        return x % self.c


class Arith(Node):
    """`left <op> right` for +, - and *."""

    def __init__(self, op: int, left: Node, right: Node) -> None:
        self.op = op
        self.left = left
        self.right = right

    def ev(self, s: Any, t: int) -> Any:
        x = self.left.ev(s, t)
        op = self.op
        if op == ADD:
            return x + self.right.ev(s, t)
        if op == SUB:
            return x - self.right.ev(s, t)
        return x * self.right.ev(s, t)


def compare(x: Any, code: int, c: Any) -> Any:
    """`x <op> c` for a TEST_* code (TEST_NE for any other), as Python compares them."""
    if code == TEST_GE:
        return x >= c
    if code == TEST_GT:
        return x > c
    if code == TEST_LE:
        return x <= c
    if code == TEST_LT:
        return x < c
    if code == TEST_EQ:
        return x == c
    return x != c


class VersusConst(Node):
    """`left <op> c` for a constant `c` (a TEST_* code)."""

    def __init__(self, code: int, left: Node, c: Any) -> None:
        self.code = code
        self.left = left
        self.c = c

    def ev(self, s: Any, t: int) -> Any:
        return compare(self.left.ev(s, t), self.code, self.c)


class SlotVsConst(Node):
    """`value <op> c` for a fixed slot: the engine may test it without calling it
    (`game.content.expr_ops.slot_test`)."""

    def __init__(self, slot: int, code: int, c: Any) -> None:
        self.slot = slot
        self.code = code
        self.c = c

    def ev(self, s: Any, t: int) -> Any:
        if isinstance(s, State) and type(s.v) is list:
            return compare(s.v[self.slot], self.code, self.c)
        return compare(s.v[self.slot], self.code, self.c)


class Chain(Node):
    """A chained comparison `a < b <= c`, each operand computed once."""

    def __init__(self, left: Node, pairs: list[tuple[Callable[[Any, Any], bool], Node]]) -> None:
        self.left = left
        self.pairs = pairs

    def ev(self, s: Any, t: int) -> Any:
        a = self.left.ev(s, t)
        for cmp, r in self.pairs:
            b = r.ev(s, t)
            if not cmp(a, b):
                return False
            a = b
        return True


class And2(Node):
    def __init__(self, a: Node, b: Node) -> None:
        self.a = a
        self.b = b

    def ev(self, s: Any, t: int) -> Any:
        return self.a.ev(s, t) and self.b.ev(s, t)


class Or2(Node):
    def __init__(self, a: Node, b: Node) -> None:
        self.a = a
        self.b = b

    def ev(self, s: Any, t: int) -> Any:
        return self.a.ev(s, t) or self.b.ev(s, t)


class AllOf(Node):
    """`a and b and ...`: the first false value, else the last."""

    def __init__(self, parts: list[Node]) -> None:
        self.parts = parts

    def ev(self, s: Any, t: int) -> Any:
        value: Any = True
        for p in self.parts:
            value = p.ev(s, t)
            if not value:
                return value
        return value


class AnyOf(Node):
    """`a or b or ...`: the first true value, else the last."""

    def __init__(self, parts: list[Node]) -> None:
        self.parts = parts

    def ev(self, s: Any, t: int) -> Any:
        value: Any = False
        for p in self.parts:
            value = p.ev(s, t)
            if value:
                return value
        return value


class IfElse(Node):
    def __init__(self, test: Node, yes: Node, no: Node) -> None:
        self.test = test
        self.yes = yes
        self.no = no

    def ev(self, s: Any, t: int) -> Any:
        return self.yes.ev(s, t) if self.test.ev(s, t) else self.no.ev(s, t)


class Call1(Node):
    def __init__(self, func: Callable[..., Any], a: Node) -> None:
        self.func = func
        self.a = a

    def ev(self, s: Any, t: int) -> Any:
        return self.func(self.a.ev(s, t))


class Call2(Node):
    def __init__(self, func: Callable[..., Any], a: Node, b: Node) -> None:
        self.func = func
        self.a = a
        self.b = b

    def ev(self, s: Any, t: int) -> Any:
        return self.func(self.a.ev(s, t), self.b.ev(s, t))


class CallN(Node):
    def __init__(self, func: Callable[..., Any], args: list[Node]) -> None:
        self.func = func
        self.args = args

    def ev(self, s: Any, t: int) -> Any:
        return self.func(*[a.ev(s, t) for a in self.args])


class Count(Node):
    """`count(...)`: how many of the unrolled parts are true."""

    def __init__(self, parts: list[Node]) -> None:
        self.parts = parts

    def ev(self, s: Any, t: int) -> Any:
        n = 0
        for p in self.parts:
            if p.ev(s, t):
                n += 1
        return n


class Total(Node):
    """`sum(...)` of the unrolled parts, added from 0 in order."""

    def __init__(self, parts: list[Node]) -> None:
        self.parts = parts

    def ev(self, s: Any, t: int) -> Any:
        value: Any = 0
        for p in self.parts:
            value += p.ev(s, t)
        return value


class Some(Node):
    """`any(...)` over the unrolled parts: True or False."""

    def __init__(self, parts: list[Node]) -> None:
        self.parts = parts

    def ev(self, s: Any, t: int) -> Any:
        return any(p.ev(s, t) for p in self.parts)


class Every(Node):
    """`all(...)` over the unrolled parts: True or False."""

    def __init__(self, parts: list[Node]) -> None:
        self.parts = parts

    def ev(self, s: Any, t: int) -> Any:
        return all(p.ev(s, t) for p in self.parts)


def constant_of(fn: object, default: tuple[bool, Any] = (False, None)) -> tuple[bool, Any]:
    """(True, value) when `fn` is a constant node, else `default`."""
    if isinstance(fn, Const):
        return (True, fn.value)
    return default
