"""Run one rule test against a level: build the position, play the moves, check.

Every failing expectation is reported with its `file:line`, the expected and the
actual value; the result also carries the log of what happened (`describe`).
"""

from __future__ import annotations

from typing import Any

from game.content.problems import suggest
from game.engine import (
    PASS,
    Action,
    LogEntry,
    Ruleset,
    State,
    apply,
    current_faction,
    describe,
    scores,
    why_illegal,
)
from game.engine.deal_defs import STATUS_WORDS
from game.engine.deals import deal_of
from game.engine.flow import fire_event, news_phase
from game.engine.log import EVENT as EVENT_ENTRY
from game.engine.ruleset import FACTION_TARGET, NO_TARGET
from game.testing.deal_moves import deal_move
from game.testing.names import ACTION, EVENT, Names, index_of
from game.testing.reader import TestCase
from game.testing.results import CaseResult, Failure, expected_text, matches
from game.testing.schema import Expect, MoveStep, Probe, ViewCheck
from game.testing.view_check import view_problems


class _Abort(Exception):
    """A step of the test could not run; the test stops here."""


class Run:
    """The state of one test being run."""

    def __init__(self, rules: Ruleset, case: TestCase) -> None:
        self.rules = rules
        self.case = case
        self.names = Names(rules)
        self.result = CaseResult(case)
        self.log: list[LogEntry] = []
        self.faction_ids = [f.id for f in rules.factions]
        self.region_ids = [r.id for r in rules.regions]
        self.state = State(rules, 0)
        self.fired_before: list[int] = [0] * len(rules.events)

    # -- reporting ------------------------------------------------------------
    def fail(self, path: tuple[Any, ...], message: str) -> None:
        self.result.failures.append(Failure(self.case.where(path)[0], message))

    def abort(self, path: tuple[Any, ...], message: str) -> _Abort:
        self.fail(path, message)
        return _Abort(message)

    def key_path(self, section: str, key: str) -> tuple[Any, ...]:
        raw = self.case.raw.get(section)
        if isinstance(raw, dict) and key in raw:
            return (section, key)
        return (section, "values", key)

    # -- given ----------------------------------------------------------------
    def setup(self) -> None:
        rules = self.rules
        given = self.case.test.given
        state = State(rules, given.seed)
        if given.round > rules.rounds:
            raise self.abort(
                ("given", "round"),
                f"round {given.round} is after the level's last round ({rules.rounds})",
            )
        state.round = given.round
        lay = rules.layout
        for key, value in given.values.items():
            path = self.key_path("given", key)
            try:
                ref = self.names.resolve(key)
            except KeyError as exc:
                raise self.abort(path, str(exc.args[0])) from None
            if not ref.lo <= value <= ref.hi:
                raise self.abort(path, f"{key} = {value} is outside its bounds {ref.lo}..{ref.hi}")
            state.v[ref.slot] = value
            if ref.kind == ACTION and value > 0:
                state.v[lay.last + ref.index] = given.round - 1
            elif ref.kind == EVENT and value > 0:
                state.v[lay.fired_last + ref.index] = given.round - 1
        self.fired_before = state.v[lay.fired : lay.fired + len(rules.events)]
        if given.news:
            news_phase(state, self.log)
        if given.turn is not None:
            try:
                faction = index_of(self.faction_ids, given.turn, "faction")
            except KeyError as exc:
                raise self.abort(("given", "turn"), str(exc.args[0])) from None
            state.turn = rules.order.index(faction)
        if given.ap is not None:
            state.ap = given.ap
        else:
            acting = rules.factions[rules.order[state.turn]]
            state.ap = max(0, int(acting.action_points(state, -1)))
        self.state = state

    # -- when -----------------------------------------------------------------
    def play(self) -> None:
        for i, move in enumerate(self.case.test.when):
            path = ("when", i)
            if self.state.is_over:
                raise self.abort(
                    path,
                    f"move {i + 1}: the game is already over "
                    f"({self.rules.outcomes[self.state.outcome].id})",
                )
            if move == "pass":
                self.apply(PASS, None, path)
            elif move == "end_round":
                start = self.state.round
                while not self.state.is_over and self.state.round == start:
                    self.apply(PASS, None, path)
            elif isinstance(move, MoveStep) and move.event is not None:
                try:
                    index = index_of([e.id for e in self.rules.events], move.event, "event")
                except KeyError as exc:
                    raise self.abort((*path, "event"), str(exc.args[0])) from None
                fire_event(self.state, index, self.log)
            elif isinstance(move, MoveStep) and (move.propose or move.answer):
                self.check_mover(move, path)
                self.apply(deal_move(self.state, move, path, self.abort), None, path)
            elif isinstance(move, MoveStep):
                self.check_mover(move, path)
                if move.pass_:
                    self.apply(PASS, None, path)
                else:
                    action = self.action_of(move.action or "", move.target, path)
                    roll = None if move.roll is None else move.roll == "success"
                    if roll is not None and self.rules.actions[action.action].chance is None:
                        raise self.abort(
                            (*path, "roll"),
                            f"'{move.action}' has no chance roll to force; remove 'roll'",
                        )
                    self.apply(action, roll, path)

    def check_mover(self, move: MoveStep, path: tuple[Any, ...]) -> None:
        if move.faction is None:
            return
        try:
            index_of(self.faction_ids, move.faction, "faction")
        except KeyError as exc:
            raise self.abort((*path, "faction"), str(exc.args[0])) from None
        acting = current_faction(self.state)
        if self.faction_ids[acting] != move.faction:
            raise self.abort(
                (*path, "faction"),
                f"move by {move.faction}, but it is {self.faction_ids[acting]}'s turn",
            )

    def action_of(self, action_id: str, target: str | None, path: tuple[Any, ...]) -> Action:
        """The Action for an id and target id; aborts the test on unknown names."""
        try:
            index = index_of([a.id for a in self.rules.actions], action_id, "action")
        except KeyError as exc:
            raise self.abort((*path, "action"), str(exc.args[0])) from None
        a = self.rules.actions[index]
        if a.target_kind == NO_TARGET:
            if target is not None:
                raise self.abort((*path, "target"), f"'{action_id}' takes no target")
            return Action(index, -1)
        if target is None:
            raise self.abort((*path, "action"), f"'{action_id}' needs a target")
        ids = self.faction_ids if a.target_kind == FACTION_TARGET else self.region_ids
        what = "faction" if a.target_kind == FACTION_TARGET else "region"
        try:
            return Action(index, index_of(ids, target, what))
        except KeyError as exc:
            raise self.abort((*path, "target"), str(exc.args[0])) from None

    def apply(self, action: Action, roll: bool | None, path: tuple[Any, ...]) -> None:
        problem = why_illegal(self.state, action)
        if problem is not None:
            label = self.rules.action_label(action)
            raise self.abort(path, f"move '{label}' is illegal: {problem[0]}: {problem[1]}")
        self.state, entries = apply(self.state, action, roll=roll)
        self.log.extend(entries)

    # -- then -----------------------------------------------------------------
    def check(self) -> None:
        then = self.case.test.then
        state = self.state
        for key, expect in then.values.items():
            path = self.key_path("then", key)
            try:
                ref = self.names.resolve(key)
            except KeyError as exc:
                self.fail(path, str(exc.args[0]))
                continue
            self.expect(path, key, expect, state.v[ref.slot])
        if then.round is not None:
            self.expect(("then", "round"), "round", then.round, state.round)
        if then.ap is not None:
            self.expect(("then", "ap"), "ap", then.ap, state.ap)
        if then.over is not None and then.over != state.is_over:
            self.fail(
                ("then", "over"),
                f"over: expected {str(then.over).lower()}, got {str(state.is_over).lower()}",
            )
        self.check_ids()
        now = scores(state)
        for fid, expect in then.scores.items():
            try:
                f = index_of(self.faction_ids, fid, "faction")
            except KeyError as exc:
                self.fail(("then", "scores", fid), str(exc.args[0]))
                continue
            self.expect(("then", "scores", fid), f"scores.{fid}", expect, now[f])
        self.check_fired()
        for i, item in enumerate(then.legal):
            self.check_probe(("then", "legal", i), item, legal=True)
        for i, item in enumerate(then.illegal):
            self.check_probe(("then", "illegal", i), item, legal=False)
        views = then.view if isinstance(then.view, list) else [then.view] if then.view else []
        for i, view in enumerate(views):
            where = ("then", "view", i) if isinstance(then.view, list) else ("then", "view")
            self.check_view(where, view)
        text = [describe(self.rules, e) for e in self.log]
        for deal_id, word in then.deals.items():
            try:
                deal = deal_of(self.rules, deal_id)
            except KeyError:
                ids = [d.id for d in self.rules.deals]
                self.fail(
                    ("then", "deals", deal_id), f"unknown deal '{deal_id}'{suggest(deal_id, ids)}"
                )
                continue
            actual = STATUS_WORDS[state.v[deal.status_slot]]
            if actual != word:
                self.fail(
                    ("then", "deals", deal_id), f"deal '{deal_id}': expected {word}, got {actual}"
                )
        for i, wanted in enumerate(then.log):
            if not any(wanted in line for line in text):
                self.fail(
                    ("then", "log", i), f"log: expected a line containing '{wanted}'; none does"
                )

    def expect(self, path: tuple[Any, ...], key: str, expect: Expect, actual: int) -> None:
        if not matches(expect, actual):
            self.fail(path, f"{key}: expected {expected_text(expect)}, got {actual}")

    def check_ids(self) -> None:
        then = self.case.test.then
        state = self.state
        rules = self.rules
        if then.turn is not None:
            acting = current_faction(state)
            actual = self.faction_ids[acting] if acting >= 0 else "none"
            known = self.known(("then", "turn"), then.turn, [*self.faction_ids, "none"], "faction")
            if known and actual != then.turn:
                self.fail(("then", "turn"), f"turn: expected {then.turn}, got {actual}")
        if then.outcome is not None:
            ids = [o.id for o in rules.outcomes]
            actual = ids[state.outcome] if state.outcome >= 0 else "none"
            known = self.known(("then", "outcome"), then.outcome, [*ids, "none"], "outcome")
            if known and actual != then.outcome:
                self.fail(("then", "outcome"), f"outcome: expected {then.outcome}, got {actual}")
        if then.winner is not None:
            actual = self.faction_ids[state.winner] if state.winner >= 0 else "none"
            known = self.known(
                ("then", "winner"), then.winner, [*self.faction_ids, "none"], "faction"
            )
            if known and actual != then.winner:
                self.fail(("then", "winner"), f"winner: expected {then.winner}, got {actual}")

    def known(self, path: tuple[Any, ...], ident: str, ids: list[str], what: str) -> bool:
        try:
            index_of(ids, ident, what)
        except KeyError as exc:
            self.fail(path, str(exc.args[0]))
            return False
        return True

    def check_fired(self) -> None:
        then = self.case.test.then
        event_ids = [e.id for e in self.rules.events]
        fired = {event_ids[e.ref] for e in self.log if e.kind == EVENT_ENTRY}
        lay = self.rules.layout
        counters = self.state.v[lay.fired : lay.fired + len(event_ids)]
        # an event whose branch prints nothing leaves no log line: its counter still moved
        fired |= {
            eid for eid, a, b in zip(event_ids, self.fired_before, counters, strict=True) if b > a
        }
        for key, want in (("fired", True), ("not_fired", False)):
            for i, eid in enumerate(getattr(then, key)):
                path = ("then", key, i)
                try:
                    index_of(event_ids, eid, "event")
                except KeyError as exc:
                    self.fail(path, str(exc.args[0]))
                    continue
                if (eid in fired) != want:
                    verb = "to fire" if want else "not to fire"
                    did = "it did" if eid in fired else "it did not"
                    self.fail(path, f"event '{eid}': expected {verb} during the test; {did}")

    def check_probe(self, path: tuple[Any, ...], item: str | Probe, legal: bool) -> None:
        probe = item if isinstance(item, Probe) else Probe(action=item)
        try:
            index = index_of([a.id for a in self.rules.actions], probe.action, "action")
        except KeyError as exc:
            self.fail(path, str(exc.args[0]))
            return
        a = self.rules.actions[index]
        if probe.faction is not None and probe.faction != self.faction_ids[a.faction]:
            self.fail(
                path,
                f"'{probe.action}' belongs to {self.faction_ids[a.faction]}, not {probe.faction}",
            )
            return
        if legal and (probe.reason or probe.why):
            self.fail(path, "'reason' and 'why' only apply to illegal moves")
            return
        if probe.target is not None or a.target_kind == NO_TARGET:
            try:
                moves = [self.action_of(probe.action, probe.target, path)]
            except _Abort:
                return
        else:
            moves = list(self.rules.space_by_action[index])
        problems = [why_illegal(self.state, m) for m in moves]
        label = probe.action + (f" → {probe.target}" if probe.target else "")
        if legal:
            if all(p is not None for p in problems):
                first = problems[0]
                assert first is not None
                scope = "" if len(moves) == 1 else " for any target"
                self.fail(
                    path,
                    f"legal: expected '{label}' to be legal{scope}; it is not "
                    f"({first[0]}: {first[1]})",
                )
            return
        for move, problem in zip(moves, problems, strict=True):
            where = self.rules.target_name(move)
            shown = label + (f" → {where}" if where and not probe.target else "")
            if problem is None:
                self.fail(path, f"illegal: expected '{shown}' to be illegal; it is legal")
                return
            if probe.reason and problem[0] != probe.reason:
                self.fail(
                    path,
                    f"illegal: expected '{shown}' to be illegal because of "
                    f"{probe.reason}; got {problem[0]}: {problem[1]}",
                )
                return
            if probe.why and probe.why not in problem[1]:
                self.fail(
                    path,
                    f"illegal: expected the reason for '{shown}' to contain "
                    f"'{probe.why}'; got '{problem[1]}'",
                )
                return

    def check_view(self, path: tuple[Any, ...], view: ViewCheck) -> None:
        for where, message in view_problems(self.names, self.state, self.log, path, view):
            self.fail(where, message)


def run_case(rules: Ruleset, case: TestCase) -> CaseResult:
    """Run one test; never raises for a failing test (failures are in the result)."""
    run = Run(rules, case)
    try:
        run.setup()
        run.play()
        run.check()
    except _Abort:
        pass
    except Exception as exc:  # a broken level formula must not stop the other tests
        run.fail(("name",), f"error while running the test: {type(exc).__name__}: {exc}")
    run.result.log = [describe(rules, e) for e in run.log]
    return run.result
