"""Lines of play in a level's `expectations.yaml`: how a faction really played, as data.

```yaml
expectations:
  lines:
    hard_line:
      faction: junta
      name: the historical hard line
      because: The CNSP kept Bazoum, expelled France, restricted the U.S. base, turned to Moscow.
      prefer: [expel_french, restrict_base, {action: request_russia, times: 2}]
      avoid: [release_bazoum, exile_bazoum, release_for_relief, safe_exit]
  seats:
    hard_line_greedy: [all=greedy, junta=greedy+line=hard_line]
```

A seat `AGENT+line=NAME` is that agent keeping to the line (`game.ai.line.LineAgent`):
the preferred actions first whenever legal (each at most `times` times, if given), the
avoided actions and deals never.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from game.ai.line import Line, line_seat, split_line
from game.content.problems import suggest
from game.engine import Ruleset
from game.seats import SeatError

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=300)]
Error = Callable[[tuple[Any, ...], str], None]


class PreferSpec(BaseModel):
    """A preferred action played at most `times` times."""

    model_config = ConfigDict(extra="forbid")
    action: Id
    times: Annotated[int, Field(ge=1, le=100)]


class LineSpec(BaseModel):
    """One line of play as written."""

    model_config = ConfigDict(extra="forbid")
    faction: Id
    name: Text
    because: Text | None = None
    prefer: list[Id | PreferSpec] = Field(min_length=1)
    avoid: list[Id] = Field(default_factory=list)


def read_lines(specs: dict[str, LineSpec], rules: Ruleset, error: Error) -> dict[str, Line]:
    """The lines, every unknown faction, action or deal reported through `error` (a path
    under `expectations`, a message); a broken line is left out."""
    factions = [f.id for f in rules.factions]
    lines: dict[str, Line] = {}
    for ident, spec in specs.items():
        at = ("lines", ident)
        if spec.faction not in factions:
            error(
                (*at, "faction"),
                f"unknown faction '{spec.faction}'{suggest(spec.faction, factions)}",
            )
            continue
        index = factions.index(spec.faction)
        own = [a.id for a in rules.by_faction[index] if a.deal < 0]
        deals = [d.id for d in rules.deals if index in (d.proposer, d.recipient)]
        ok = True
        prefer: list[tuple[str, int]] = []
        for i, item in enumerate(spec.prefer):
            action, times = (item, 0) if isinstance(item, str) else (item.action, item.times)
            if action not in own:
                error(
                    (*at, "prefer", i),
                    f"'{action}' is not an action of {spec.faction}{suggest(action, own)}",
                )
                ok = False
            prefer.append((action, times))
        for i, avoided in enumerate(spec.avoid):
            if avoided not in own and avoided not in deals:
                known = own + deals
                error(
                    (*at, "avoid", i),
                    f"'{avoided}' is neither an action of {spec.faction} nor a deal it is "
                    f"party to{suggest(avoided, known)}",
                )
                ok = False
        clash = {a for a, _ in prefer} & set(spec.avoid)
        if clash:
            error((*at, "avoid"), f"'{sorted(clash)[0]}' is both preferred and avoided")
            ok = False
        if ok:
            lines[ident] = Line(ident, spec.name, spec.faction, tuple(prefer), tuple(spec.avoid))
    return lines


def line_seats(
    rules: Ruleset, specs: list[str], lines: dict[str, Line], agents: set[str]
) -> set[str]:
    """The `AGENT+line=NAME` seat names in these seat specs, each checked: the line
    exists and belongs to the faction it is seated at. Raises SeatError saying what is
    wrong; names with an unknown agent are left for `parse_seats` to report."""
    found: set[str] = set()
    for spec in specs:
        faction, _, kind = spec.partition("=")
        base, line = split_line(kind)
        if line is None:
            continue
        if line not in lines:
            hint = suggest(line, list(lines)) or (
                f"; the level's expectations.yaml declares: {', '.join(lines)}"
                if lines
                else "; the level's expectations.yaml declares no lines"
            )
            raise SeatError(f"unknown line '{line}' in '{spec}'{hint}")
        owner = lines[line].faction
        if faction != owner:
            raise SeatError(
                f"line '{line}' is played by {owner}: seat it as {owner}={line_seat(base, line)}"
            )
        if base in agents:
            found.add(kind)
    return found
