"""The save file format (JSON, versioned) and its strict reader.

A save names everything by id (factions, actions, targets) so people can read it,
and carries enough to prove itself: the level fingerprint, the seed, every move,
a hash per round and a snapshot of the final state. No pickle, only JSON.
"""

from __future__ import annotations

import datetime as _dt
import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from game.engine import Action
from game.engine.ruleset import FACTION_TARGET, REGION_TARGET, Ruleset
from game.match import Match
from game.saves.errors import SaveFileError

FORMAT_NAME = "sahel-crisis-save"
FORMAT_VERSION = 1
MAX_SAVE_BYTES = 16 * 1024 * 1024
MAX_MOVES = 200_000
MAX_JSON_DEPTH = 64

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,63}$")]
# a move's action: a level action id, or a deal's move `<deal>:<role>[:<option>]`
ActionId = Annotated[
    str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,63}(:[a-z_]{1,20}(:-?[0-9]{1,9})?)?$")
]
Hex = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{8,128}$")]
Text = Annotated[str, StringConstraints(max_length=2000)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class LevelRef(_Strict):
    """Which level the save belongs to, and a fingerprint of its files."""

    id: Id
    fingerprint: Hex
    name: Text = ""
    folder: Annotated[str, StringConstraints(max_length=4096)] = ""


class MoveRecord(_Strict):
    """One move: who, which action (None: end turn) on which target, why, in which round."""

    faction: Id
    action: ActionId | None
    target: Id | None = None
    reason: Text = ""
    round: int = Field(ge=1, le=100_000)


class Checkpoint(_Strict):
    """The state hashes at the start of a round (or at the end of the game)."""

    round: int = Field(ge=1, le=100_000)
    hash: Hex


class Result(_Strict):
    """How the game stood when saved (informative; the snapshot is authoritative)."""

    over: bool
    outcome: Id | None = None
    winner: Id | None = None


class SaveModel(_Strict):
    """A whole save file."""

    format: Literal["sahel-crisis-save"]
    version: Literal[1]
    created_at: Annotated[str, StringConstraints(max_length=64)]
    level: LevelRef
    seed: int = Field(ge=-(2**63), le=2**64 - 1)
    seats: dict[Id, Annotated[str, StringConstraints(max_length=64)]] = Field(
        default_factory=dict, max_length=64
    )
    moves: list[MoveRecord] = Field(max_length=MAX_MOVES)
    checkpoints: list[Checkpoint] = Field(min_length=1, max_length=MAX_MOVES)
    state: dict[str, Any]
    result: Result


def move_record(
    rules: Ruleset, faction: int, action: Action, reason: str, round_no: int
) -> dict[str, Any]:
    """A move as named JSON data."""
    record: dict[str, Any] = {
        "faction": rules.factions[faction].id,
        "action": None,
        "target": None,
        "reason": reason[:2000],
        "round": round_no,
    }
    if action.action >= 0:
        a = rules.actions[action.action]
        record["action"] = a.id
        if action.target >= 0 and a.target_kind == REGION_TARGET:
            record["target"] = rules.regions[action.target].id
        elif action.target >= 0 and a.target_kind == FACTION_TARGET:
            record["target"] = rules.factions[action.target].id
    return record


def decode_move(rules: Ruleset, record: MoveRecord) -> tuple[int, Action]:
    """(faction index, Action) of a named move; raises KeyError with a sentence if a name
    is unknown to these rules."""
    factions = {f.id: f.index for f in rules.factions}
    if record.faction not in factions:
        raise KeyError(f"the level has no faction '{record.faction}'")
    faction = factions[record.faction]
    if record.action is None:
        if record.target is not None:
            raise KeyError("ending the turn takes no target")
        return faction, Action(-1, -1)
    actions = {a.id: a for a in rules.actions}
    a = actions.get(record.action)
    if a is None:
        raise KeyError(f"the level has no action '{record.action}'")
    if a.faction != faction:
        raise KeyError(f"action '{a.id}' does not belong to '{record.faction}'")
    target = -1
    if record.target is not None:
        if a.target_kind == REGION_TARGET:
            names = {r.id: r.index for r in rules.regions}
        elif a.target_kind == FACTION_TARGET:
            names = factions
        else:
            raise KeyError(f"action '{a.id}' takes no target")
        if record.target not in names:
            raise KeyError(f"'{record.target}' is not a valid target for '{a.id}'")
        target = names[record.target]
    return faction, Action(a.index, target)


def encode(match: Match, created_at: str | None = None) -> dict[str, Any]:
    """The save data of a match (JSON-ready)."""
    rules = match.rules
    state = match.state
    moves = [move_record(rules, m.faction, m.action, m.reason, m.round) for m in match.history]
    checkpoints = [
        {"round": r, "hash": h}
        for r, h in zip(match.round_numbers, match.round_hashes, strict=True)
    ]
    seats = {f.id: s for f, s in zip(rules.factions, match.seats, strict=False)}
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "created_at": created_at or _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "level": {
            "id": rules.level_id,
            "fingerprint": rules.fingerprint,
            "name": rules.name,
            "folder": rules.folder,
        },
        "seed": match.seed,
        "seats": seats,
        "moves": moves,
        "checkpoints": checkpoints,
        "state": state.to_dict(),
        "result": {
            "over": state.is_over,
            "outcome": rules.outcomes[state.outcome].id if state.outcome >= 0 else None,
            "winner": rules.factions[state.winner].id if state.winner >= 0 else None,
        },
    }


def dumps(match: Match, created_at: str | None = None) -> bytes:
    """The save file's bytes: UTF-8 JSON, one key (and one move or checkpoint) per line."""
    data = encode(match, created_at)
    parts = []
    for key, value in data.items():
        name = json.dumps(key)
        if isinstance(value, list) and value:
            items = ",\n  ".join(json.dumps(v, ensure_ascii=False) for v in value)
            parts.append(f" {name}: [\n  {items}\n ]")
        else:
            parts.append(f" {name}: {json.dumps(value, ensure_ascii=False)}")
    return ("{\n" + ",\n".join(parts) + "\n}\n").encode("utf-8")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise SaveFileError(f"the save is corrupted: key '{key}' appears twice")
        out[key] = value
    return out


def _no_constant(name: str) -> Any:
    raise SaveFileError(f"the save is corrupted: '{name}' is not a valid JSON number")


def _depth_ok(text: str) -> bool:
    depth = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return False
        elif ch in "]}":
            depth -= 1
    return True


def parse(raw: bytes) -> SaveModel:
    """Check and read a save file's bytes; raises SaveFileError saying what is wrong."""
    if len(raw) > MAX_SAVE_BYTES:
        raise SaveFileError(
            f"the file is larger than {MAX_SAVE_BYTES // (1024 * 1024)} MiB; "
            "it is not a Sahel Crisis save"
        )
    if not raw.strip():
        raise SaveFileError("the file is empty (the save was not finished or was erased)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SaveFileError(
            f"the file is not UTF-8 text (bad byte at offset {exc.start}); "
            "it is not a Sahel Crisis save or it is corrupted"
        ) from None
    if not _depth_ok(text):
        raise SaveFileError(f"the save is corrupted: nested deeper than {MAX_JSON_DEPTH} levels")
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        cut = exc.pos >= len(text.rstrip()) or not text.rstrip().endswith("}")
        hint = " (it looks cut short: the save was not finished)" if cut else ""
        raise SaveFileError(
            f"the save is not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}{hint}"
        ) from None
    except (ValueError, RecursionError) as exc:
        raise SaveFileError(f"the save is corrupted: {exc}") from None
    if not isinstance(data, dict):
        raise SaveFileError("the file is JSON but not a Sahel Crisis save (expected an object)")
    if data.get("format") != FORMAT_NAME:
        raise SaveFileError(
            "the file is JSON but not a Sahel Crisis save "
            f"(its 'format' is {_short(data.get('format'))})"
        )
    version = data.get("version")
    if type(version) is not int or version != FORMAT_VERSION:  # not true, not 1.0
        newer = (
            isinstance(version, int)
            and not isinstance(version, bool)
            and (version > FORMAT_VERSION)
        )
        why = (
            "a newer version of the game made it; update the game"
            if newer
            else ("this version of the game cannot read it")
        )
        raise SaveFileError(
            f"save format version {_short(version)} is not supported "
            f"(this game reads version {FORMAT_VERSION}): {why}"
        )
    try:
        return SaveModel.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors()[:5]:
            where = ".".join(str(p) for p in err["loc"]) or "file"
            problems.append(f"{where}: {err['msg']}")
        more = f" (and {exc.error_count() - 5} more)" if exc.error_count() > 5 else ""
        raise SaveFileError(
            "the save is damaged or was edited: " + "; ".join(problems) + more
        ) from None


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
