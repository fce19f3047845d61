"""The state every step of compiling a level shares: the merged sections, the symbols,
problem reporting, and compiling expressions and effects against the symbols.

Problems are collected (never stopping at the first) with the file, line and column
of the offending value, and a suggestion where a close name exists.
`game.content.declare` fills the symbols, `game.content.assemble` builds the `Ruleset`,
and `game.content.level` drives both.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from game.content import schema as S
from game.content.entries import entry_label
from game.content.expr import Compiled, ExprError, compile_expr, compile_statement
from game.content.loader import LevelSource, SourceFile
from game.content.loops import unrolled
from game.content.nodes import constant_of
from game.content.problems import Problem, Severity, suggest
from game.content.refs import Scope
from game.content.scope import RESERVED, Symbols
from game.engine import ruleset as R

Loc = tuple[SourceFile, tuple[Any, ...]]
MAX_LEVEL_WORK = 100_000  # nodes all of a level's expressions may compile to (loops unrolled)
_OPS = {"=": R.OP_SET, "+=": R.OP_ADD, "-=": R.OP_SUB, "*=": R.OP_MUL}


def _never(s: Any, t: int) -> bool:
    return False


class Compiler:
    """Builds a Ruleset from a LevelSource, collecting problems."""

    def __init__(self, source: LevelSource) -> None:
        self.source = source
        self.problems: list[Problem] = list(source.problems)
        self.items: dict[str, list[tuple[Any, Loc]]] = {s: [] for s in S.LIST_SECTIONS}
        self.meta: tuple[S.LevelMeta, Loc] | None = None
        self.map: tuple[S.MapSpec, Loc] | None = None
        self.reads: set[int] = set()
        self.writes: set[int] = set()
        self.news: list[R.NewsText] = []  # branch headlines, indexed by NEWS effect nodes
        self.broken: set[str] = set().union(*(f.broken for f in source.files))
        self.broken_at: dict[str, int] = {}
        for f in source.files:
            for ident, index in f.broken_at.items():
                self.broken_at.setdefault(ident, index)
        self.folded: dict[str, list[Problem]] = {}  # broken id -> follow-on errors held back
        self.sym = Symbols(rounds=0)  # filled by `game.content.declare`
        self.work = 0  # nodes every expression compiled to (see `spend`)
        self.over_budget = False

    # -- problems -------------------------------------------------------------
    def error(self, loc: Loc, message: str, *fields: Any, severity: Severity = "error") -> None:
        file, path = loc
        line, col = file.where((*path, *fields))
        self.problems.append(Problem(file.name, line, col, message, severity))

    def follows_broken(self, names: Any, loc: Loc, message: str, *fields: Any) -> bool:
        """True (and the error is held back as a note on the root error) when `names`
        include the id of an entry that failed the schema: that entry's error is the cause."""
        for name in names:
            if name in self.broken_at:
                file, path = loc
                line, col = file.where((*path, *fields))
                self.folded.setdefault(name, []).append(Problem(file.name, line, col, message))
                return True
        return False

    def fold_follow_ons(self) -> None:
        """Add to each failed entry's first error a note on the errors it caused."""
        for name, held in self.folded.items():
            root = self.problems[self.broken_at[name]]
            lines = sorted({p.line for p in held if p.file == root.file} - {root.line})
            where = f"line {lines[0]}" if lines else f"in {held[0].file}"
            n = len(held)
            more = f" and {n - 1} more" if n > 1 else ""
            errors, follow = ("errors", "follow") if n > 1 else ("error", "follows")
            note = (
                f" — fixing it also clears {n} {errors} where '{name}' is used "
                f"({where}{more}), which {follow} from this one"
            )
            self.problems[self.broken_at[name]] = replace(root, message=root.message + note)

    def expr_error(self, loc: Loc, fields: tuple[Any, ...], exc: ExprError) -> None:
        if exc.name and self.follows_broken(exc.name, loc, exc.message, *fields):
            return
        file, path = loc
        full = (*path, *fields)
        value_key = (*full, "$value") if (*full, "$value") in file.doc.positions else full
        line, col = file.where(value_key)
        col += exc.offset + (1 if full in file.doc.quoted else 0)
        label = entry_label(file.doc.data, full)
        self.problems.append(Problem(file.name, line, col, f"{label}: {exc.message}"))

    def spend(self, work: int, loc: Loc, *fields: Any) -> None:
        """Count the nodes an expression compiled to; past MAX_LEVEL_WORK for the whole
        level (loops unroll), one error at the expression that crossed it."""
        self.work += work
        if self.work > MAX_LEVEL_WORK and not self.over_budget:
            self.over_budget = True
            self.error(
                loc,
                f"{self.label(loc, *fields)}: the level's rules compile to more than "
                f"{MAX_LEVEL_WORK:,} steps here (loops over regions and factions are copied "
                "once per member); use fewer or smaller loops",
                *fields,
            )

    def label(self, loc: Loc, *fields: Any) -> str:
        """`action 'agitate': cost.cash` for an entry's field, as messages name it."""
        file, path = loc
        return entry_label(file.doc.data, (*path, *fields))

    # -- merging --------------------------------------------------------------
    def merge(self) -> None:
        for file in self.source.files:
            model = file.model
            if model is None:
                continue
            for section in S.LIST_SECTIONS:
                for i, item in enumerate(getattr(model, section)):
                    self.items[section].append((item, (file, (section, i))))
            if model.level is not None:
                if self.meta is not None:
                    self.error(
                        (file, ("level",)), "the 'level' section appears in two files; keep one"
                    )
                else:
                    self.meta = (model.level, (file, ("level",)))
            if model.map is not None:
                if self.map is not None:
                    self.error((file, ("map",)), "the 'map' section appears in two files; keep one")
                else:
                    self.map = (model.map, (file, ("map",)))

    def unique(self, section: str, taken: dict[str, str]) -> dict[str, tuple[Any, Loc]]:
        """Index a section by id, reporting duplicates and clashes with other names."""
        found: dict[str, tuple[Any, Loc]] = {}
        for item, loc in self.items[section]:
            key = item.id if section != "resources" else f"{item.faction}.{item.id}"
            if key in found:
                self.error(
                    loc,
                    f"duplicate {section[:-1].replace('_', ' ')} id '{item.id}'; "
                    "ids must be unique",
                    "id",
                )
                continue
            if item.id in RESERVED:
                self.error(loc, f"'{item.id}' is a reserved word; choose another id", "id")
            elif section in ("factions", "tracks", "regions") and item.id in taken:
                self.error(
                    loc,
                    f"id '{item.id}' is already used by a {taken[item.id]}; "
                    "factions, tracks and regions need distinct ids",
                    "id",
                )
            if section in ("factions", "tracks", "regions"):
                taken.setdefault(item.id, section[:-1])
            found[key] = (item, loc)
        return found

    # -- expressions ----------------------------------------------------------
    def expr(self, text: Any, scope: Scope, loc: Loc, *fields: Any) -> R.Fn:
        return self.condition(text, scope, loc, *fields)[0]

    def condition(
        self, text: Any, scope: Scope, loc: Loc, *fields: Any
    ) -> tuple[R.Fn, tuple[int, ...] | None]:
        """The compiled expression and the slots it reads (None if it also reads the
        round, the AP left or a target, so its value is not a function of slots alone)."""
        if self.over_budget:  # already refused: compiling the rest would only cost time
            return _never, ()
        try:
            compiled: Compiled = compile_expr(text, scope)
        except ExprError as exc:
            self.expr_error(loc, fields, exc)
            return _never, ()
        self.reads.update(compiled.reads)
        self.spend(compiled.work, loc, *fields)
        reads = tuple(sorted(compiled.reads)) if compiled.slots_only else None
        return compiled.fn, reads

    def chance(self, text: Any, scope: Scope, loc: Loc, *fields: Any) -> R.Fn:
        """A compiled chance; a constant outside 0..1 is an error at its value."""
        fn = self.expr(text, scope, loc, *fields)
        is_const, value = constant_of(fn, (not isinstance(text, str), text))
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not is_const:
            return fn
        if math.isfinite(value) and not 0 <= value <= 1:
            hint = "1 means always" if value > 1 else "0 means never"
            self.error(
                loc,
                f"{self.label(loc, *fields)}: a chance is a probability from 0 to 1, not "
                f"{value:g}; write a value from 0 to 1, such as 0.25 ({hint})",
                *fields,
                "$value",
            )
        return fn

    def effects(
        self, effects: Sequence[Any], scope: Scope, loc: Loc, *fields: Any
    ) -> tuple[R.Effect, ...]:
        out: list[R.Effect] = []
        for i, eff in enumerate(effects):
            where = (*fields, i)
            if self.over_budget:  # already refused (see `spend`)
                break
            if isinstance(eff, str):
                try:
                    stmt = compile_statement(eff, scope)
                except ExprError as exc:
                    self.expr_error(loc, where, exc)
                    continue
                self.reads.update(stmt.value.reads)
                self.spend(stmt.value.work, loc, *where)
                self.writes.update(stmt.target.indices())
                value = stmt.value
                fixed = value.is_constant and type(value.constant) is int
                out.append(
                    R.Effect(
                        R.SET,
                        stmt.target.base,
                        stmt.target.stride,
                        _OPS[stmt.op],
                        value.fn,
                        source=eff,
                        fixed=fixed,
                        amount=value.constant if fixed else 0,
                    )
                )
            elif eff.if_ is not None:
                cond = self.expr(eff.if_, scope, loc, *where, "if")
                out.append(
                    R.Effect(
                        R.IF,
                        value=cond,
                        then=self.effects(eff.then, scope, loc, *where, "then"),
                        orelse=self.effects(eff.else_, scope, loc, *where, "else"),
                    )
                )
            elif eff.chance is not None:
                p = self.chance(eff.chance, scope, loc, *where, "chance")
                out.append(
                    R.Effect(
                        R.CHANCE,
                        value=p,
                        then=self.effects(eff.then, scope, loc, *where, "then"),
                        orelse=self.effects(eff.else_, scope, loc, *where, "else"),
                    )
                )
            elif eff.for_each is not None:
                out.extend(unrolled(self, eff, scope, loc, where))
            elif eff.headline is not None:
                self.news.append(R.NewsText(eff.headline.strip(), (eff.text or "").strip()))
                out.append(R.Effect(R.NEWS, ref=len(self.news) - 1))
            elif eff.event is not None:
                out.append(
                    R.Effect(R.FIRE, ref=self.ref_index("events", eff.event, loc, *where, "event"))
                )
            else:
                out.append(
                    R.Effect(
                        R.END, ref=self.ref_index("outcomes", eff.outcome, loc, *where, "outcome")
                    )
                )
        return tuple(out)

    def ref_index(self, section: str, ident: str, loc: Loc, *fields: Any) -> int:
        ids = [item.id for item, _ in self.items[section]]
        if ident in ids:
            return ids.index(ident)
        if ident in self.broken:
            return 0
        self.error(
            loc,
            f"{self.label(loc, *fields)}: unknown {section[:-1]} '{ident}'{suggest(ident, ids)}",
            *fields,
        )
        return 0

    def faction_ref(self, ident: str, loc: Loc, *fields: Any) -> int:
        if ident in self.sym.factions:
            return self.sym.factions[ident]
        if ident in self.broken:
            return 0
        hint = suggest(ident, self.sym.factions)
        self.error(loc, f"{self.label(loc, *fields)}: unknown faction '{ident}'{hint}", *fields)
        return 0

    def bounds(self, lo: int, hi: int, initial: int, loc: Loc) -> None:
        if lo > hi:
            self.error(loc, f"min {lo} is above max {hi}", "min")
        elif not lo <= initial <= hi:
            self.error(loc, f"initial value {initial} is outside {lo}..{hi}", "initial")
