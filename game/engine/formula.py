"""The base class of compiled rule-language expressions (`game.content.nodes`).

A ruleset's formulas and conditions are callables `(state, target) -> value`; the rule
compiler's are `Formula` objects. The engine's hot loops call those through `ev`, a
method of a native class in the compiled (mypyc) build: a direct C call instead of the
generic call protocol (arguments parsed, the target boxed). Any other callable (a
test's lambda, a deal's own closure) is called as it is; both give the same value.
"""

from __future__ import annotations

from typing import Any


class Formula:
    """A compiled expression; `ev(state, target)` (or calling it) is its value."""

    def ev(self, s: Any, t: int) -> Any:
        """The expression's value in state `s` for target `t`."""
        raise NotImplementedError

    def __call__(self, s: Any, t: int) -> Any:
        return self.ev(s, t)
