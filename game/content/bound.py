"""The scope inside a loop over regions or factions: `count(region, region.unrest >= 3)`
and the `for_each` effect block bind `region` (or `faction`) to one member at a time.

Loops are unrolled when a level is compiled: the inner expression is compiled once per
member, with the loop name standing for that member's id, so every compiled name is a
fixed slot or constant (nothing is looked up while the game runs).
"""

from __future__ import annotations

from game.content.refs import Ref, Scope

LOOP_KINDS = ("region", "faction")


def members_of(scope: Scope, kind: str) -> tuple[str, ...] | None:
    """The ids a loop over `kind` visits in `scope`, in level order; None if the scope
    has no such notion (an expression written outside a level)."""
    found = getattr(scope, "members", None)
    if not callable(found):
        return None
    return tuple(str(m) for m in found(kind))


class BoundScope:
    """`inner`, with the loop name `var` ('region' or 'faction') bound to `member`.

    `region.unrest` reads the member's `unrest`; the loop name also stands for the
    member where a faction goes in a name (`region.influence.faction`) and compares
    with ids (`region == capital`). A name without the loop name that the member has
    (`unrest` for `region.unrest`) reads the member's value too, unless it also names
    something else: then it is refused as ambiguous.
    """

    def __init__(self, inner: Scope, var: str, member: str) -> None:
        self.inner = inner
        self.var = var
        self.member = member

    def members(self, kind: str) -> tuple[str, ...]:
        """The ids a nested loop over `kind` visits."""
        return members_of(self.inner, kind) or ()

    def examples(self) -> tuple[str, str]:
        """The level's example names (see `syntax_help.examples`)."""
        found = getattr(self.inner, "examples", None)
        if callable(found):
            plain, dotted = found()
            return str(plain), str(dotted)
        return "value", "faction.value"

    def bound(self, var: str) -> bool:
        """Whether the loop name `var` is bound here (by this loop or an outer one)."""
        if var == self.var:
            return True
        outer = getattr(self.inner, "bound", None)
        return bool(outer(var)) if callable(outer) else False

    def try_lookup(self, parts: tuple[str, ...]) -> Ref | None:
        """`lookup`, None instead of an error for a name nothing has (no message built)."""
        try:
            return self.lookup(parts, quiet=True)
        except KeyError:
            return None

    def _probe(self, parts: tuple[str, ...]) -> Ref | None:
        """The inner scope's reference for a name, or None — cheaply when it can say so."""
        quiet = getattr(self.inner, "try_lookup", None)
        if callable(quiet):
            found: Ref | None = quiet(parts)
            return found
        try:
            return self.inner.lookup(parts)
        except KeyError:
            return None

    def lookup(self, parts: tuple[str, ...], quiet: bool = False) -> Ref:
        """Resolve a dotted name with the loop name bound; raises KeyError with a message."""
        if self.var in parts:
            named = tuple(self.member if p == self.var else p for p in parts)
            try:
                return self.inner.lookup(named)
            except KeyError:
                rest = ".".join(parts[1:]) if parts[0] == self.var else ".".join(parts)
                raise KeyError(
                    f"unknown name '{'.'.join(parts)}': a {self.var} has no value '{rest}'"
                ) from None
        plain = self._probe(parts)
        own = self._probe((self.member, *parts))
        key = ".".join(parts)
        if own is not None and plain is not None and own != plain:
            raise KeyError(
                f"'{key}' is ambiguous inside a loop over {self.var}s: write "
                f"'{self.var}.{key}' for each {self.var}'s value, or the full name of the other"
            )
        if own is not None:
            return own
        if plain is not None:
            return plain
        if quiet:
            raise KeyError(key)
        return self.inner.lookup(parts)  # raises the inner scope's message for the name
