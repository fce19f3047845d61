"""Read a level's statistical expectations (`expectations.yaml`), every problem located.

The file sits next to the level's YAML (the level loader skips it) and says what must
hold over many games, per named seat set:

```yaml
expectations:
  seats:
    normal: all=ai:normal
    hard_junta: [all=greedy, junta=ai:hard]
  checks:
    - {id: held, name: Bazoum detained at round 12, seats: normal,
       when: "bazoum == 0", at_round: 12, at_least: 0.6}
    - {id: ecowas_wins, winner: ecowas, between: [0.15, 0.40]}
```

See docs/expectations.md for the measures, bounds and verdicts.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from game.ai.line import Line
from game.content.expr import ExprError, compile_expr
from game.content.jsonschema import DRAFT7, _rewrite_refs
from game.content.loader import display_name
from game.content.problems import ContentError, Problem, suggest
from game.content.scope import LevelScope, symbols_of
from game.content.yamlread import MAX_BYTES, YamlDocument, YamlReadError, read_yaml_bytes
from game.engine import Ruleset
from game.seats import SeatError, parse_seats
from game.sim.expect_lines import LineSpec, PreferSpec, line_seats, read_lines

EXPECT_FILE = "expectations.yaml"
Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
Share = Annotated[float, Field(ge=0, le=1)]
Round = Annotated[int, Field(ge=1, le=200)]
MEASURES = (
    "when",
    "winner",
    "outcome",
    "tie",
    "action",
    "event",
    "deal",
    "busiest_action",
    "commonest_action",
    "rarest_action",
)
# measures over a faction's actions pooled across games (not one yes/no per game)
POOLED = ("busiest_action", "commonest_action", "rarest_action")
# what a `deal` check counts in a game (game.sim.deal_report.MOMENTS)
Moment = Literal["offered", "accepted", "refused", "countered", "kept", "broken"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class CheckSpec(_Model):
    """One expectation as written."""

    id: Id
    name: Annotated[str, StringConstraints(min_length=1, max_length=160)]
    seats: Id | list[Id] | None = None
    when: Annotated[str, StringConstraints(min_length=1, max_length=500)] | None = None
    winner: Id | None = None
    outcome: Id | None = None
    tie: Literal[True] | None = None
    action: Id | None = None
    event: Id | None = None
    deal: Id | None = None
    moment: Moment | None = None
    busiest_action: Id | None = None
    commonest_action: Id | None = None
    rarest_action: Id | None = None
    at_round: Round | None = None
    by_round: Round | None = None
    at_least: Share | None = None
    at_most: Share | None = None
    between: tuple[Share, Share] | None = None
    above: Id | None = None
    except_: list[Id] | None = Field(default=None, alias="except", min_length=1)
    because: Annotated[str, StringConstraints(min_length=1, max_length=300)] | None = None


class ExpectationsSpec(_Model):
    """The `expectations` section."""

    lines: dict[Id, LineSpec] = Field(default_factory=dict)
    seats: dict[Id, str | list[str]]
    checks: list[CheckSpec] = Field(min_length=1)


class FileSpec(_Model):
    """The whole file."""

    expectations: ExpectationsSpec


@dataclass(frozen=True)
class Check:
    """A validated expectation: one per-game measure, a seat set and a bound."""

    id: str
    name: str
    seat_set: str
    measure: str  # one of MEASURES
    subject: str  # expression text, faction/outcome/action/event id, or "" for tie
    at_round: int | None
    by_round: int | None
    low: float | None  # the share must be at least this
    high: float | None  # ... and at most this
    above: str | None  # winner checks: the rate must exceed the rate in this seat set
    line: int
    moment: str = "offered"  # deal checks: the moment that must happen in a game
    # pooled action checks: actions the level's brief demands, left out (and why)
    excepted: tuple[str, ...] = ()
    because: str = ""


@dataclass(frozen=True)
class Expectations:
    """A level's seat sets (name -> one agent per faction), its checks and the lines of
    play its `+line=NAME` seats keep to."""

    file: str
    seat_sets: dict[str, tuple[str, ...]]
    checks: tuple[Check, ...]
    lines: dict[str, Line]

    def probes(self) -> tuple[str, ...]:
        """The `when` expressions the games must evaluate round by round."""
        return tuple(sorted({c.subject for c in self.checks if c.measure == "when"}))

    def for_seats(self, seats: tuple[str, ...]) -> list[Check]:
        """The checks whose seat set is exactly these seats."""
        names = {n for n, s in self.seat_sets.items() if s == seats}
        return [c for c in self.checks if c.seat_set in names]


def _where(doc: YamlDocument, path: tuple[Any, ...]) -> tuple[int, int]:
    p = path
    while p:
        if p in doc.positions:
            return doc.positions[p]
        p = p[:-1]
    return (1, 1)


def _locate(doc: YamlDocument, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    node = doc.data
    path: list[Any] = []
    for part in loc:
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        ):
            path.append(part)
            node = node[part]
    return tuple(path)


def read_expectations(folder: Path, rules: Ruleset, agents: set[str]) -> Expectations | None:
    """The level's expectations, or None if it has no file; raises ContentError listing
    every problem (file:line:col and what to do)."""
    path = folder / EXPECT_FILE
    if not path.is_file():
        return None
    name = display_name(path)
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        raise ContentError([Problem(name, 1, 1, f"file is larger than {MAX_BYTES} bytes")])
    try:
        doc = read_yaml_bytes(raw)
    except YamlReadError as exc:
        p = exc.problem
        raise ContentError([Problem(name, p.line, p.col, p.message)]) from None
    try:
        spec = FileSpec.model_validate(doc.data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            line, col = _where(doc, _locate(doc, loc))
            field = ".".join(str(p) for p in loc if not isinstance(p, int)) or "file"
            if err["type"] == "extra_forbidden":
                key = str(loc[-1])
                fields = [f.alias or n for n, f in CheckSpec.model_fields.items()]
                lines = [*LineSpec.model_fields, *PreferSpec.model_fields, "lines"]
                known = [*fields, *lines, "expectations", "seats", "checks"]
                message = f"unknown key '{key}'{suggest(key, known)}; remove it or fix its name"
            else:
                message = f"{field}: {err['msg']}"
            problems.append(Problem(name, line, col, message))
        raise ContentError(problems) from None
    return _checked(name, doc, spec.expectations, rules, agents)


def _checked(
    name: str, doc: YamlDocument, spec: ExpectationsSpec, rules: Ruleset, agents: set[str]
) -> Expectations:
    problems: list[Problem] = []

    def error(path: tuple[Any, ...], message: str, col_offset: int = 0) -> None:
        full = ("expectations", *path)
        value = (*full, "$value")
        line, col = _where(doc, value if value in doc.positions else full)
        quoted = 1 if col_offset and full in doc.quoted else 0
        problems.append(Problem(name, line, col + col_offset + quoted, message))

    lines = read_lines(spec.lines, rules, error)
    seat_sets: dict[str, tuple[str, ...]] = {}
    for set_name, specs in spec.seats.items():
        listed = [specs] if isinstance(specs, str) else specs
        try:
            known = agents | line_seats(rules, listed, lines, agents)
            seat_sets[set_name] = tuple(parse_seats(rules, listed, "greedy", known))
        except SeatError as exc:
            error(("seats", set_name), str(exc))
            continue
        if "human" in seat_sets[set_name]:
            error(("seats", set_name), "expectations are measured by AI seats; no 'human'")
    factions = [f.id for f in rules.factions]
    ids = {
        "winner": [*factions, "none"],
        "outcome": [o.id for o in rules.outcomes],
        "action": [a.id for a in rules.actions if a.deal < 0],
        "event": [e.id for e in rules.events],
        "deal": [d.id for d in rules.deals],
    } | {m: factions for m in POOLED}
    scope = LevelScope(symbols_of(rules))
    checks: list[Check] = []
    seen: set[str] = set()
    for i, c in enumerate(spec.checks):
        at = ("checks", i)
        if c.id in seen:
            error((*at, "id"), f"check id '{c.id}' is used twice; give each check its own id")
        seen.add(c.id)
        measures = [m for m in MEASURES if getattr(c, m) is not None]
        if len(measures) != 1:
            error(at, f"a check measures exactly one of: {', '.join(MEASURES)}")
            continue
        measure = measures[0]
        subject = "" if measure == "tie" else str(getattr(c, measure))
        if measure == "when":
            try:
                compile_expr(subject, scope)
            except ExprError as exc:
                error((*at, "when"), f"when: {exc.message}", exc.offset)
        elif measure in ids and subject not in ids[measure]:
            what = "faction" if measure in POOLED else measure
            error(
                (*at, measure),
                f"unknown {what} '{subject}'{suggest(subject, ids[measure])}",
            )
        if c.moment is not None and measure != "deal":
            error((*at, "moment"), "'moment' belongs to 'deal' checks (offered, accepted...)")
        if c.except_ is not None:
            _check_except(c, measure, at, rules, error)
        elif c.because is not None:
            error((*at, "because"), "'because' explains an 'except' list; add one or remove it")
        if c.at_round is not None and measure != "when":
            error((*at, "at_round"), "'at_round' belongs to 'when' checks (a value at a round)")
        if c.at_round is not None and c.by_round is not None:
            error((*at, "by_round"), "use 'at_round' or 'by_round', not both")
        if c.by_round is not None and measure not in ("when", "action", "event"):
            error((*at, "by_round"), "'by_round' belongs to 'when', 'action' and 'event' checks")
        for key in ("at_round", "by_round"):
            value = getattr(c, key)
            if value is not None and value > rules.rounds:
                error((*at, key), f"{key} {value} is after the level's last round ({rules.rounds})")
        bounds = [
            b for b in ("at_least", "at_most", "between", "above") if getattr(c, b) is not None
        ]
        if len(bounds) != 1:
            error(at, "a check needs exactly one of: at_least, at_most, between, above")
            continue
        low, high = c.at_least, c.at_most
        if c.between is not None:
            low, high = c.between
            if low > high:
                error((*at, "between"), "between: the first bound must not exceed the second")
        if c.above is not None and measure != "winner":
            error((*at, "above"), "'above' compares win rates: it belongs to 'winner' checks")
        listed_sets = [c.seats] if isinstance(c.seats, str) else c.seats or list(spec.seats)
        for s in listed_sets:
            if s not in spec.seats:
                error((*at, "seats"), f"unknown seat set '{s}'{suggest(s, spec.seats)}")
        if c.above is not None and c.above not in spec.seats:
            error((*at, "above"), f"unknown seat set '{c.above}'{suggest(c.above, spec.seats)}")
        line = _where(doc, ("expectations", *at))[0]
        for s in listed_sets:
            checks.append(
                Check(
                    c.id if len(listed_sets) == 1 else f"{c.id}@{s}",
                    c.name,
                    s,
                    measure,
                    subject,
                    c.at_round,
                    c.by_round,
                    low,
                    high,
                    c.above,
                    line,
                    c.moment or "offered",
                    tuple(c.except_ or ()),
                    c.because or "",
                )
            )
    if problems:
        raise ContentError(problems)
    return Expectations(name, seat_sets, tuple(checks), lines)


def _check_except(
    c: CheckSpec,
    measure: str,
    at: tuple[Any, ...],
    rules: Ruleset,
    error: Callable[[tuple[Any, ...], str], None],
) -> None:
    """Report an `except` list that is not on a pooled action check, names an action
    the faction does not have, or comes without its `because` sentence."""
    if measure not in POOLED:
        error((*at, "except"), f"'except' belongs to pooled action checks ({', '.join(POOLED)})")
        return
    if c.because is None:
        error(at, "an 'except' list needs 'because': the sentence of the brief that demands it")
    subject = str(getattr(c, measure))
    if subject not in {f.id for f in rules.factions}:
        return  # reported as an unknown faction
    own = [a.id for a in rules.by_faction[rules.faction_index(subject)] if a.deal < 0]
    for i, ident in enumerate(c.except_ or ()):
        if ident not in own:
            error(
                (*at, "except", i),
                f"'{ident}' is not an action of {subject}{suggest(ident, own)}",
            )


def expectations_schema_text() -> str:
    """The JSON Schema (draft 7) of expectations.yaml, for editors."""
    raw = FileSpec.model_json_schema(by_alias=True)
    defs = raw.pop("$defs", {})
    schema: dict[str, Any] = {
        "$schema": DRAFT7,
        "$id": "https://sahel-crisis.invalid/expectations.schema.json",
    }
    schema.update(_rewrite_refs(raw))
    schema["title"] = "Sahel Crisis level expectations"
    schema["definitions"] = _rewrite_refs(defs)
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"
