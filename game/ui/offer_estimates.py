"""Offer odds worked out off the UI thread: the window asks for an offer's estimate, shows
that it is being worked out until it is ready, and redraws when `version` moves on.

An estimate has the recipient's own seat answer on eight guesses of the hidden state
(`game.ai.answers.AnswerModel.answer`; niger_2023, plain Python, CPU time: about 0.12 s an
offer to an ai:normal seat, up to 0.4 s for a position's offers; 0.45 s an offer to an
ai:hard seat, up to 1.2 s a position; compiled about a quarter), too long to block a
frame. The worker reads only the asking seat's view (immutable), so it never touches the
match.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Sequence

from game.engine import Action, PlayerView, State, observe
from game.ui.deal_text import Acceptance, estimate, estimate_key, known_estimate

_Key = tuple[object, ...]
_Job = tuple[_Key, PlayerView, Action, tuple[str, ...] | None]
IDLE_S = 5.0  # an idle worker thread ends after this; the next request starts another


def _position(key: _Key) -> _Key:
    """The part of an estimate's key that names the position (rules, viewer, what it sees)."""
    return key[:5]


class OfferEstimates:
    """Estimates of offers' acceptance, worked out on a background thread when `background`.

    `get` has the shape of `deal_text.Odds`. Without `background` it computes at once, so
    scripted screenshots and tests see the same screen every time."""

    def __init__(self, background: bool = True) -> None:
        self.background = background
        self.version = 0  # moves on each time a requested estimate is settled
        self.error: BaseException | None = None  # the last estimate that failed
        self._jobs: queue.SimpleQueue[_Job] = queue.SimpleQueue()
        self._pending: set[_Key] = set()
        self._failed: set[_Key] = set()
        self._latest: _Key = ()  # the position asked about last; jobs for older ones drop
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def get(
        self, state: State, offer: Action, viewer: int, seats: Sequence[str] | None = None
    ) -> Acceptance | None:
        """The estimate of `offer` as `viewer` may see it, or None while it is worked out
        (or if working it out failed: see `error`)."""
        view = observe(state, viewer)
        found = known_estimate(view, offer, seats)
        if found is not None:
            return found
        if not self.background:
            return estimate(view, offer, seats)
        key = estimate_key(view, offer, seats)
        self._latest = _position(key)
        if key not in self._pending and key not in self._failed:
            self._pending.add(key)
            self._jobs.put((key, view, offer, tuple(seats) if seats is not None else None))
            self._start()
        return None

    @property
    def busy(self) -> bool:
        """Whether estimates asked for are still being worked out."""
        return bool(self._pending)

    def wait(self, timeout: float = 60.0) -> bool:
        """Block until every estimate asked for is settled (tests); False on timeout."""
        deadline = time.monotonic() + timeout
        while self._pending:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.01)
        return True

    def _start(self) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="offer-odds", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            try:
                key, view, offer, seats = self._jobs.get(timeout=IDLE_S)
            except queue.Empty:
                with self._lock:  # a job put after the timeout is seen here or by a new worker
                    if self._jobs.empty():
                        self._thread = None
                        return
                continue
            try:
                if _position(key) == self._latest:  # still the position on screen
                    estimate(view, offer, seats)
            except Exception as exc:  # the row keeps saying it is being worked out
                self.error = exc
                self._failed.add(key)
            finally:
                self._pending.discard(key)
                self.version += 1
