"""The `view:` checks of a rule test: what one faction sees of the values and the log."""

from __future__ import annotations

from typing import Any

from game.engine import LogEntry, Ruleset, State, describe, observe
from game.testing.names import Names, index_of
from game.testing.results import expected_text, matches
from game.testing.schema import ViewCheck

Problem = tuple[tuple[Any, ...], str]
"""Where in the test file (a key path) and what went wrong."""


def view_problems(
    names: Names, state: State, log: list[LogEntry], path: tuple[Any, ...], view: ViewCheck
) -> list[Problem]:
    """Every way the faction's view of `state` and `log` differs from `view` (at `path`);
    `names` are the level's test names."""
    check = _ViewCheck(names, state, log)
    check.run(path, view)
    return check.problems


class _ViewCheck:
    def __init__(self, names: Names, state: State, log: list[LogEntry]) -> None:
        self.rules: Ruleset = state.rules
        self.state = state
        self.log = log
        self.names = names
        self.problems: list[Problem] = []

    def fail(self, path: tuple[Any, ...], message: str) -> None:
        self.problems.append((path, message))

    def run(self, path: tuple[Any, ...], view: ViewCheck) -> None:
        try:
            faction = index_of([f.id for f in self.rules.factions], view.faction, "faction")
        except KeyError as exc:
            self.fail((*path, "faction"), str(exc.args[0]))
            return
        seen = observe(self.state, faction)
        for i, key in enumerate(view.hidden):
            slot = self.var_slot((*path, "hidden", i), key)
            if slot is not None and seen.values[slot] is not None:
                self.fail(
                    (*path, "hidden", i),
                    f"view of {view.faction}: expected {key} to be "
                    f"hidden; it shows {seen.values[slot]}",
                )
        shows = view.shows if isinstance(view.shows, dict) else dict.fromkeys(view.shows)
        for i, (key, expect) in enumerate(shows.items()):
            where = (*path, "shows", key if isinstance(view.shows, dict) else i)
            slot = self.var_slot(where, key)
            if slot is None:
                continue
            value = seen.values[slot]
            if value is None:
                low, high = seen.ranges[slot]
                self.fail(
                    where,
                    f"view of {view.faction}: expected {key} to be shown; it is "
                    f"hidden (seen as {low}..{high})",
                )
            elif expect is not None and not matches(expect, value):
                self.fail(
                    where,
                    f"view of {view.faction}: {key}: expected {expected_text(expect)}, got {value}",
                )
        text = [describe(self.rules, e, faction) for e in self.log]
        for i, wanted in enumerate(view.log_shows):
            if not any(wanted in line for line in text):
                self.fail(
                    (*path, "log_shows", i),
                    f"view of {view.faction}: expected a log line containing '{wanted}'; none does",
                )
        for i, banned in enumerate(view.log_hides):
            shown = [line for line in text if banned in line]
            if shown:
                self.fail(
                    (*path, "log_hides", i),
                    f"view of {view.faction}: '{banned}' should be "
                    f"hidden, but the log shows: {shown[0]}",
                )

    def var_slot(self, path: tuple[Any, ...], key: str) -> int | None:
        try:
            return self.rules.slot(key)
        except KeyError:
            try:
                self.names.resolve(key)
                self.fail(path, f"'{key}' is a counter, not a level value; views show values")
            except KeyError as exc:
                self.fail(path, str(exc.args[0]))
            return None
