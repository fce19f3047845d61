"""The `for_each` effect block, unrolled when the level is compiled:

```yaml
- for_each: region
  where: region.picketed == 1
  do: [region.picketed = 0]
```

becomes one `if` node per region (or faction), its condition and effects compiled with
`region` bound to that member (see `game.content.bound`), so the engine runs plain
nodes on fixed slots.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from game.content.bound import BoundScope, members_of
from game.content.refs import Scope
from game.engine import ruleset as R

if TYPE_CHECKING:
    from game.content.compiler import Compiler, Loc


def unrolled(
    c: Compiler, eff: Any, scope: Scope, loc: Loc, where: tuple[Any, ...]
) -> list[R.Effect]:
    """The effect nodes of a `for_each` block: per member, `do` (under an `if` when the
    block has a `where`). A mistake inside is reported once, not once per member."""
    kind = str(eff.for_each)
    bound = getattr(scope, "bound", None)
    if callable(bound) and bound(kind):
        c.error(
            loc,
            f"{c.label(loc, *where)}: a for_each over {kind}s is inside another over {kind}s; "
            f"a loop can only use one '{kind}' at a time",
            *where,
            "for_each",
        )
        return []
    out: list[R.Effect] = []
    before = len(c.problems)
    for member in members_of(scope, kind) or ():
        inner = BoundScope(scope, kind, member)
        body = c.effects(eff.do, inner, loc, *where, "do")
        if eff.where is None:
            out.extend(body)
        else:
            test = c.expr(eff.where, inner, loc, *where, "where")
            out.append(R.Effect(R.IF, value=test, then=body))
        if len(c.problems) > before:
            return out  # the same mistake would be reported for every member
    return out
