"""`python -m benchmarks [--quick] [--json FILE] [--only NAME ...]`: measure every target.

Each module below has `rows(quick) -> list[Row]`. The table shows each number next
to its target and whether it is met; `--json` writes
`{"machine": ..., "rows": [{"name", "value", "unit", "target", "met"}, ...]}`.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
import traceback
from pathlib import Path

from benchmarks.common import Row, machine

MODULES = [
    "benchmarks.engine",
    "benchmarks.ai_speed",
    "benchmarks.memory",
    "benchmarks.ui_frames",
    "benchmarks.sim_scaling",
    "benchmarks.interop_speed",
    "benchmarks.deals",
]


def collect(quick: bool, only: list[str]) -> list[Row]:
    """Run every benchmark module (or those named in `only`) and gather their rows."""
    out: list[Row] = []
    for name in MODULES:
        short = name.rsplit(".", 1)[1]
        if only and short not in only:
            continue
        start = time.perf_counter()
        try:
            module = importlib.import_module(name)
            rows = module.rows(quick)
        except ModuleNotFoundError as exc:
            out.append(Row(f"{short}: skipped", 0, "", note=f"missing module {exc.name}"))
            continue
        except Exception as exc:  # a broken benchmark is a row, not a crash
            traceback.print_exc(file=sys.stderr)
            out.append(
                Row(f"{short}: failed", 0, "", met=False, note=f"{type(exc).__name__}: {exc}")
            )
            continue
        out.extend(rows)
        print(
            f"  {short}: {len(rows)} rows in {time.perf_counter() - start:.1f} s", file=sys.stderr
        )
    return out


def fmt(value: float) -> str:
    """A number with sensible precision."""
    if value == 0:
        return "0"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 1:
        return f"{value:.2f}"
    return f"{value:.4f}"


def table(rows: list[Row]) -> str:
    """A Markdown table of the rows."""
    lines = ["| measurement | value | target | met |", "|---|---|---|---|"]
    for r in rows:
        met = "—" if r.met is None else ("yes" if r.met else "**no**")
        note = f" ({r.note})" if r.note else ""
        lines.append(f"| {r.name}{note} | {fmt(r.value)} {r.unit} | {r.target} | {met} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Measure, print the table, optionally write JSON. Exit 0 even when targets are missed."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="short runs (a smoke test)")
    parser.add_argument("--json", metavar="FILE", help="write the rows as JSON")
    parser.add_argument("--only", nargs="*", default=[], help="module names to run")
    args = parser.parse_args(argv)
    info = machine()
    print(f"machine: {info}", file=sys.stderr)
    rows = collect(args.quick, args.only)
    print(table(rows))
    if args.json:
        data = {"machine": info, "quick": args.quick, "rows": [r.as_dict() for r in rows]}
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
