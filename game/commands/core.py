"""`validate`, `info` and `schema`: inspect levels without playing them."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from game import cli_args
from game.ai import agent_names
from game.console import load_or_report, open_or_report
from game.content import ContentError
from game.content.defaults import defaults_in_force
from game.content.jsonschema import schema_text
from game.content.loader import find_level, read_level
from game.engine import Ruleset
from game.sim.expect_file import expectations_schema_text, read_expectations


def register(sub: Any) -> None:
    """Add the validate, info and schema subcommands."""
    p = sub.add_parser("validate", help="check a level and report every problem")
    p.add_argument(
        "level",
        type=cli_args.level_folder,
        help="a level name under levels/ or a path to a level folder",
    )
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.set_defaults(handler=cmd_validate)

    p = sub.add_parser("info", help="summarise a level")
    p.add_argument("level", type=cli_args.level_folder)
    p.add_argument("--json", action="store_true", help="print machine-readable JSON")
    p.set_defaults(handler=cmd_info)

    p = sub.add_parser("schema", help="print the JSON Schema of level files")
    p.add_argument(
        "--expectations",
        action="store_true",
        help="the schema of a level's expectations.yaml instead",
    )
    p.set_defaults(handler=cmd_schema)


def cmd_validate(args: argparse.Namespace) -> int:
    """Exit 0 with a one-line summary, or 1 with every problem."""
    loaded = open_or_report(args.level)
    if loaded is None:
        return 1
    rules, warnings = loaded.ruleset, loaded.warnings
    if not _expectations_ok(rules, args.level):
        return 1
    for w in warnings:
        print(w)
    if warnings and args.strict:
        return 1
    summary = info_dict(rules)
    actions = sum(summary["actions"].values())
    print(
        f"OK {rules.level_id}: {len(rules.factions)} factions, {actions} actions, "
        f"{summary['events']} events, {summary['regions']} regions, "
        f"{summary['resources']} resources, {rules.rounds} rounds"
        + (f", {len(rules.deals)} deals" if rules.deals else "")
        + (f", {len(warnings)} warning{'s' if len(warnings) != 1 else ''}" if warnings else "")
    )
    return 0


def _expectations_ok(rules: Ruleset, level: str) -> bool:
    """Check the level's expectations.yaml, if any; print its problems and say if it is sound."""
    try:
        read_expectations(find_level(level), rules, agent_names())
    except ContentError as exc:
        for problem in exc.problems:
            print(problem)
        count = len(exc.problems)
        print(f"{count} problem{'s' if count != 1 else ''} found in {level}", file=sys.stderr)
        return False
    return True


def info_dict(rules: Ruleset) -> dict[str, Any]:
    """The `info --json` summary of a level."""
    resources = {(v.owner, v.id) for v in rules.vars if v.kind == "resource"}
    return {
        "level": rules.level_id,
        "name": rules.name,
        "factions": [f.id for f in rules.factions],
        "actions": {
            f.id: sum(1 for a in rules.by_faction[f.index] if a.deal < 0) for f in rules.factions
        },
        "deals": [d.id for d in rules.deals],
        "events": len(rules.events),
        "regions": len(rules.regions),
        "resources": len(resources),
        "tracks": sum(1 for v in rules.vars if v.kind == "track"),
        "neighbours": len(rules.neighbours),
        "objectives": len(rules.objectives),
        "outcomes": [o.id for o in rules.outcomes],
        "rounds": rules.rounds,
    }


def cmd_info(args: argparse.Namespace) -> int:
    """Print a summary of a level (JSON with --json)."""
    rules = load_or_report(args.level)
    if rules is None:
        return 1
    info = info_dict(rules)
    defaults = defaults_in_force(read_level(find_level(args.level)))
    if args.json:
        info["defaults"] = [d.as_dict() for d in defaults]
        print(json.dumps(info, indent=2))
        return 0
    print(f"{rules.name} ({rules.level_id}) — {rules.rounds} {rules.round_name.lower()}s")
    for f in rules.factions:
        print(f"  {f.name} [{f.id}]: {info['actions'][f.id]} actions")
    print(f"  {info['events']} events, {info['regions']} regions, {info['resources']} resources")
    for deal in rules.deals:
        names = (rules.factions[deal.proposer].short, rules.factions[deal.recipient].short)
        options = f" — options {', '.join(deal.option_labels)}" if deal.option_name else ""
        terms = f": {deal.terms}" if deal.terms else ""
        print(f"  deal {deal.name} [{deal.id}], {names[0]} → {names[1]}{options}{terms}")
    if defaults:
        print("Engine defaults in force (not set by the level; set them to change them):")
    for d in defaults:
        uses = f"; {d.used_by} of {d.of} {d.key.split('.')[0]}" if d.of else ""
        print(f"  {d.key}: {d.shown} — {d.meaning}{uses}")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of level files (or of expectations files)."""
    if getattr(args, "expectations", False):
        sys.stdout.write(expectations_schema_text())
        return 0
    sys.stdout.write(schema_text())
    return 0
