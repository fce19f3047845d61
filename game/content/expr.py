"""The rule language: short expressions parsed once into a whitelisted AST and
compiled into callable nodes (`game.content.nodes`). Nothing is ever passed to `eval`
or `exec`.

Grammar (a subset of Python expression syntax):
- numbers, `true`/`false` (and `True`/`False`), names and dotted names
  (`tension`, `red.cash`, `target.influence.red`, `actions.agitate`);
- arithmetic `+ - * / // %`, `**` with a small constant exponent;
- comparisons (chainable), `and`, `or`, `not`, `x if cond else y`;
- calls to the pure functions in `FUNCTIONS` (`game.content.expr_ops`);
- loops over the level's regions or factions, `count(region, cond)`, `sum(region, x)`,
  `any(faction, cond)`, `all(...)`, unrolled when compiled (see `game.content.bound`).
Statements (for effects): `ref = expr`, `ref += expr`, `ref -= expr`, `ref *= expr`.

Compiled nodes are called with `(state, target)`; names resolve through a `Scope` supplied
by the caller, so the language knows nothing about any particular level. The
operations the nodes are built from (run in play) are in `game.content.expr_ops`.
"""

from __future__ import annotations

import ast
import math
from typing import Any

from game.content import nodes as N
from game.content import syntax_help as words
from game.content.bound import LOOP_KINDS, BoundScope, members_of
from game.content.expr_ops import (
    BINOPS,
    CMPS,
    FUNCTIONS,
    arithmetic,
    call_of,
    combine,
    slot_vs_constant,
    special,
    versus_constant,
)
from game.content.magnitude import check_magnitude
from game.content.refs import (
    MAX_CONST,
    MAX_DEPTH,
    MAX_LENGTH,
    MAX_NODES,
    MAX_POW,
    MAX_WORK,
    Compiled,
    CompiledStatement,
    ConstRef,
    ExprError,
    Ref,
    Scope,
    SpecialRef,
    VarRef,
)

__all__ = [
    "AGGREGATES",
    "FUNCTIONS",
    "MAX_CONST",
    "MAX_DEPTH",
    "MAX_LENGTH",
    "MAX_NODES",
    "MAX_POW",
    "Compiled",
    "CompiledStatement",
    "ConstRef",
    "ExprError",
    "Ref",
    "Scope",
    "SpecialRef",
    "VarRef",
    "compile_expr",
    "compile_statement",
]


# Loops over the level's regions or factions: name -> what the second argument is.
AGGREGATES: dict[str, str] = {
    "count": "a condition",
    "sum": "a formula",
    "any": "a condition",
    "all": "a condition",
}
_EXAMPLES = {
    "count": "'count(region, region.unrest >= 3)'",
    "sum": "'sum(region, region.unrest)'",
    "any": "'any(faction, faction.cash == 0)'",
    "all": "'all(region, region.unrest < 2)'",
}

_AUG = {ast.Add: "+=", ast.Sub: "-=", ast.Mult: "*="}


def _dotted(node: ast.AST) -> tuple[str, ...] | None:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return tuple(reversed(parts))
    return None


class _Compiler:
    def __init__(self, scope: Scope, source: str) -> None:
        self.scope = scope
        self.source = source
        self.reads: set[int] = set()
        self.slots_only = True
        self.nodes = 0
        self.work = 0  # nodes compiled, loops unrolled: what the closures cost to build

    def fail(self, node: ast.AST, message: str) -> ExprError:
        return ExprError(message, getattr(node, "col_offset", 0))

    def const_of(self, fn: N.Node) -> tuple[bool, Any]:
        if isinstance(fn, N.Const):
            return (True, fn.value)
        return (False, None)

    def constant(self, value: Any) -> N.Node:
        return N.Const(value)

    def compile(self, node: ast.AST, depth: int = 0) -> N.Node:
        self.nodes += 1
        self.work += 1
        if depth > MAX_DEPTH or self.nodes > MAX_NODES:
            raise self.fail(node, "expression is too deeply nested or too long; simplify it")
        if self.work > MAX_WORK:
            raise self.fail(
                node,
                f"its loops unroll into more than {MAX_WORK:,} steps (every region or faction "
                "gets its own copy of the inner expression); loop over fewer things or "
                "simplify the inside",
            )
        method = getattr(self, "c_" + type(node).__name__, None)
        if method is None:
            word = words.construct_word(type(node).__name__)
            raise self.fail(node, f"{word} is not allowed in rule expressions")
        found: N.Node = method(node, depth + 1)
        return found

    def c_Constant(self, node: ast.Constant, depth: int) -> N.Node:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(node, f"only numbers are allowed as constants, not {value!r}")
        if abs(value) > MAX_CONST or (isinstance(value, float) and not math.isfinite(value)):
            raise self.fail(node, f"constant {value!r} is out of range (at most {MAX_CONST:g})")
        return self.constant(value)

    def c_Name(self, node: ast.Name, depth: int) -> N.Node:
        if node.id in ("true", "True"):
            return self.constant(True)
        if node.id in ("false", "False"):
            return self.constant(False)
        return self.ref((node.id,), node)

    def c_Attribute(self, node: ast.Attribute, depth: int) -> N.Node:
        parts = _dotted(node)
        if parts is None:
            dotted = words.examples(self.scope)[1]
            raise self.fail(node, f"only dotted names like '{dotted}' can use '.'")
        return self.ref(parts, node)

    def ref(self, parts: tuple[str, ...], node: ast.AST) -> N.Node:
        for part in parts:
            if part.startswith("_"):
                raise self.fail(node, f"names starting with '_' are not allowed ('{part}')")
        try:
            ref = self.scope.lookup(parts)
        except KeyError as exc:
            message = str(exc.args[0]) if exc.args else "unknown name"
            raise ExprError(message, getattr(node, "col_offset", 0), parts) from None
        if isinstance(ref, ConstRef):
            return self.constant(ref.value)
        if isinstance(ref, SpecialRef):
            if ref.name != "rounds":
                self.slots_only = False
            return special(ref.name)
        self.reads.update(ref.indices())
        base, stride = ref.base, ref.stride
        if stride != 0:
            self.slots_only = False
        if stride == 0:
            return N.Slot(base)  # its slot lets comparisons specialise
        return N.TargetSlot(base, stride)

    def c_UnaryOp(self, node: ast.UnaryOp, depth: int) -> N.Node:
        inner = self.compile(node.operand, depth)
        if isinstance(node.op, ast.Not):
            return self.fold(N.Not(inner), inner)
        if isinstance(node.op, ast.USub):
            return self.fold(N.Neg(inner), inner)
        if isinstance(node.op, ast.UAdd):
            return inner
        raise self.fail(node, "operator '~' is not allowed")

    def fold(self, fn: N.Node, *parts: N.Node) -> N.Node:
        if all(self.const_of(p)[0] for p in parts):
            try:
                return self.constant(fn.ev(None, 0))
            except (ArithmeticError, ValueError, MemoryError):
                raise ExprError("this calculation overflows; use smaller numbers") from None
        return fn

    def c_BinOp(self, node: ast.BinOp, depth: int) -> N.Node:
        left = self.compile(node.left, depth)
        right = self.compile(node.right, depth)
        if isinstance(node.op, ast.Pow):
            is_const, exponent = self.const_of(right)
            if not is_const or not isinstance(exponent, int) or not 0 <= exponent <= MAX_POW:
                raise self.fail(node, f"'**' needs a whole constant exponent from 0 to {MAX_POW}")
            return self.fold(N.Power(left, exponent), left)
        op = BINOPS.get(type(node.op))
        if op is None:
            raise self.fail(
                node, f"operator {words.construct_word(type(node.op).__name__)} is not allowed"
            )
        const, value = self.const_of(right)
        fast = arithmetic(type(node.op), left, right, const, value)
        if fast is not None:
            return self.fold(fast, left, right)
        return self.fold(N.Apply2(op, left, right), left, right)

    def c_BoolOp(self, node: ast.BoolOp, depth: int) -> N.Node:
        parts = [self.compile(v, depth) for v in node.values]
        if len(parts) == 2 and not any(self.const_of(p)[0] for p in parts):
            a, b = parts  # the common case, without a loop
            if isinstance(node.op, ast.And):
                return N.And2(a, b)
            return N.Or2(a, b)
        if isinstance(node.op, ast.And):
            return self.fold(N.AllOf(parts), *parts)
        return self.fold(N.AnyOf(parts), *parts)

    def c_Compare(self, node: ast.Compare, depth: int) -> N.Node:
        left = self.compile(node.left, depth)
        rights = [self.compile(c, depth) for c in node.comparators]
        ops = []
        for op in node.ops:
            fn = CMPS.get(type(op))
            if fn is None:
                word = words.construct_word(type(op).__name__)
                raise self.fail(node, f"comparison {word} is not allowed")
            ops.append(fn)
        if len(ops) == 1:
            cmp, right = ops[0], rights[0]
            is_const, value = self.const_of(right)
            if is_const and isinstance(left, N.Slot):
                fast = slot_vs_constant(type(node.ops[0]), left.base, value)
                if fast is not None:
                    return fast
            if is_const:
                versus = versus_constant(type(node.ops[0]), left, value)
                if versus is not None:
                    return self.fold(versus, left, right)
            return self.fold(N.Apply2(cmp, left, right), left, right)
        pairs = list(zip(ops, rights, strict=True))
        return self.fold(N.Chain(left, pairs), left, *rights)

    def c_IfExp(self, node: ast.IfExp, depth: int) -> N.Node:
        test = self.compile(node.test, depth)
        yes = self.compile(node.body, depth)
        no = self.compile(node.orelse, depth)
        return self.fold(N.IfElse(test, yes, no), test, yes, no)

    def c_Call(self, node: ast.Call, depth: int) -> N.Node:
        if isinstance(node.func, ast.Name) and node.func.id in AGGREGATES:
            return self.aggregate(node, node.func.id, depth)
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            allowed = ", ".join(sorted([*FUNCTIONS, *AGGREGATES]))
            raise self.fail(node, f"only these functions can be called: {allowed}")
        if node.keywords:
            raise self.fail(node, "keyword arguments are not allowed")
        func, lo, hi = FUNCTIONS[node.func.id]
        if not lo <= len(node.args) <= hi:
            raise self.fail(node, f"{node.func.id}() takes {lo} to {hi} arguments")
        args = [self.compile(a, depth) for a in node.args]
        return self.fold(call_of(func, args), *args)

    def aggregate(self, node: ast.Call, name: str, depth: int) -> N.Node:
        """`count/sum/any/all(region|faction, inner)`: `inner` compiled once per member
        with the loop name bound to it (unrolled), then combined."""
        usage = f"{name}() takes what to loop over and {AGGREGATES[name]}, e.g. {_EXAMPLES[name]}"
        if node.keywords or len(node.args) != 2:
            raise self.fail(node, usage)
        head = node.args[0]
        if not isinstance(head, ast.Name) or head.id not in LOOP_KINDS:
            raise self.fail(head, f"{usage} ('region' or 'faction' first)")
        kind = head.id
        members = members_of(self.scope, kind)
        if members is None:
            raise self.fail(node, f"{name}() is only available in a level's rules")
        bound = getattr(self.scope, "bound", None)
        if callable(bound) and bound(kind):
            raise self.fail(node, f"{name}({kind}, ...) is inside another loop over {kind}s")
        outer, start = self.scope, self.nodes
        parts: list[N.Node] = []
        try:
            for member in members:
                self.nodes = start  # the inner expression counts once, not once per member
                self.scope = BoundScope(outer, kind, member)
                parts.append(self.compile(node.args[1], depth))
        finally:
            self.scope = outer
        return self.fold(combine(name, parts), *parts)


def compile_expr(text: str | float | int | bool, scope: Scope) -> Compiled:
    """Compile a condition or formula; raises ExprError with a column offset."""
    if isinstance(text, bool) or not isinstance(text, str):
        constant = text  # its own name: mypyc types `value` below from const_of
        fn = lambda s, t: constant  # noqa: E731
        return Compiled(fn, str(text), set(), constant, True)
    tree = words.parse_limited(text, "eval", scope)
    assert isinstance(tree, ast.Expression)
    compiler = _Compiler(scope, text)
    fn = compiler.compile(tree.body)
    check_magnitude(tree.body)
    is_const, value = compiler.const_of(fn)
    compiled = Compiled(fn, text, compiler.reads, value, is_const, compiler.slots_only)
    compiled.work = compiler.work
    return compiled


def compile_statement(text: str, scope: Scope) -> CompiledStatement:
    """Compile an effect like `red.cash -= 2`; raises ExprError with a column offset."""
    tree = words.parse_limited(text, "exec", scope)
    assert isinstance(tree, ast.Module)
    plain, dotted = words.examples(scope)
    if len(tree.body) != 1:
        raise ExprError(f"an effect is one statement such as '{plain} += 1'")
    stmt = tree.body[0]
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
        target_node, op, value_node = stmt.targets[0], "=", stmt.value
    elif isinstance(stmt, ast.AugAssign) and type(stmt.op) in _AUG:
        target_node, op, value_node = stmt.target, _AUG[type(stmt.op)], stmt.value
    elif isinstance(stmt, ast.Expr):
        raise ExprError(f"an effect must change something, e.g. '{plain} += 1'")
    else:
        raise ExprError("effects use '=', '+=', '-=' or '*=' on one name")
    parts = _dotted(target_node)
    if parts is None:
        raise ExprError(f"the left side of an effect must be a name like '{dotted}'")
    compiler = _Compiler(scope, text)
    for part in parts:
        if part.startswith("_"):
            raise ExprError(f"names starting with '_' are not allowed ('{part}')")
    try:
        ref = scope.lookup(parts)
    except KeyError as exc:
        raise ExprError(str(exc.args[0]) if exc.args else "unknown name", 0, parts) from None
    if not isinstance(ref, VarRef) or not ref.writable:
        raise ExprError(f"'{'.'.join(parts)}' cannot be changed by an effect")
    fn = compiler.compile(value_node)
    check_magnitude(value_node)
    is_const, value = compiler.const_of(fn)
    compiled = Compiled(fn, text, compiler.reads, value, is_const)
    compiled.work = compiler.work
    return CompiledStatement(ref, op, compiled, text)
