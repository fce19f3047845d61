"""Run an agent's decision off the UI thread, with polling and cooperative cancel.

Every agent's `decide` takes a `stop` callable (the agent protocol); the searching
agents (greedy, mcts, rollout) check it between iterations, so `cancel()` returns control
quickly, and the answer of a cancelled decision is dropped.
"""

from __future__ import annotations

import random
import threading

from game.ai.base import Agent, Decision
from game.engine import Action, PlayerView


class BackgroundDecider:
    """One agent deciding on a worker thread; the UI calls `poll()` every frame.

    Usage: `start(view, legal, rng)`, then `poll()` until it returns a Decision.
    `error` holds an exception raised by the agent (then `poll()` returns None and
    `busy` is False).
    """

    def __init__(self, agent: Agent) -> None:
        self.agent = agent
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._result: Decision | None = None
        self._lock = threading.Lock()
        self.error: BaseException | None = None

    @property
    def busy(self) -> bool:
        """True while a decision is being computed."""
        return self._thread is not None and self._thread.is_alive()

    def start(self, view: PlayerView, legal: list[Action], rng: random.Random) -> None:
        """Begin deciding for `view`; cancels a decision still running. Raises ValueError
        when `legal` is empty."""
        if not legal:
            raise ValueError("an agent needs at least one legal move")
        self.cancel()
        stop = threading.Event()
        self._stop = stop
        self._result = None
        self.error = None
        thread = threading.Thread(
            target=self._run, args=(view, list(legal), rng, stop), name="ai-decide", daemon=True
        )
        self._thread = thread
        thread.start()

    def _run(
        self, view: PlayerView, legal: list[Action], rng: random.Random, stop: threading.Event
    ) -> None:
        try:
            decision = self.agent.decide(view, legal, rng, stop.is_set)
        except Exception as exc:  # reported to the UI through `error`
            with self._lock:
                if not stop.is_set():
                    self.error = exc
            return
        with self._lock:
            if not stop.is_set():
                self._result = decision

    def poll(self) -> Decision | None:
        """The decision once it is ready (returned once), else None."""
        with self._lock:
            result = self._result
            self._result = None
        return result

    def cancel(self, wait: float = 0.0) -> None:
        """Ask the running decision to stop and drop its answer; waits up to `wait` s."""
        self._stop.set()
        thread = self._thread
        if thread is not None and wait > 0:
            thread.join(wait)
        with self._lock:
            self._result = None

    def wait(self, timeout: float | None = None) -> Decision | None:
        """Block until the decision is ready (for tests and the terminal); None on timeout."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
        return self.poll()
