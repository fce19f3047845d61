"""Run an AI decision off the UI thread, so the window never blocks while an agent thinks.

Uses `game.ai.runner.BackgroundDecider` when the AI package provides it; otherwise a
minimal thread wrapper with the same `start / poll / cancel` contract.
"""

from __future__ import annotations

import random
import threading
from typing import Any, Protocol

from game.ai import Agent, Decision
from game.engine import Action, PlayerView


class Decider(Protocol):
    """What the play screen needs from a background decider."""

    def start(self, view: PlayerView, legal: list[Action], rng: random.Random) -> None:
        """Begin deciding on a worker thread."""

    def poll(self) -> Decision | None:
        """The decision once ready, else None."""

    def cancel(self) -> None:
        """Forget the running decision (its result is discarded)."""


class ThreadDecider:
    """`agent.decide` on a daemon thread; the result is picked up with `poll()`.

    An exception in the agent is re-raised from `poll()` on the UI thread.
    """

    def __init__(self, agent: Agent) -> None:
        self.agent = agent
        self._lock = threading.Lock()
        self._result: Decision | None = None
        self._error: BaseException | None = None
        self._token = 0

    def start(self, view: PlayerView, legal: list[Action], rng: random.Random) -> None:
        """Begin deciding; a previous unfinished decision is cancelled."""
        with self._lock:
            self._token += 1
            token = self._token
            self._result = None
            self._error = None

        def work() -> None:
            try:
                decision = self.agent.decide(view, legal, rng)
            except BaseException as exc:  # handed to the UI thread
                with self._lock:
                    if token == self._token:
                        self._error = exc
                return
            with self._lock:
                if token == self._token:
                    self._result = decision

        threading.Thread(target=work, name="ai-decider", daemon=True).start()

    def poll(self) -> Decision | None:
        """The decision when ready (once), else None; re-raises the agent's error."""
        with self._lock:
            if self._error is not None:
                error, self._error = self._error, None
                raise error
            result, self._result = self._result, None
            return result

    def cancel(self) -> None:
        """Discard the running decision."""
        with self._lock:
            self._token += 1
            self._result = None
            self._error = None


def make_decider(agent: Agent) -> Decider:
    """The AI package's BackgroundDecider if present, else `ThreadDecider`."""
    try:
        from game.ai import runner
    except ImportError:
        return ThreadDecider(agent)
    cls: Any = getattr(runner, "BackgroundDecider", None)
    if cls is None:
        return ThreadDecider(agent)
    decider: Decider = cls(agent)
    return decider
