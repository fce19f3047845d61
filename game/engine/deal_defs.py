"""The compiled form of a level's deals (offers one faction makes another).

A deal is played through ordinary actions the compiler generates: one `propose`
action per option for the proposer, and answer actions (accept an option, refuse,
counter with another option) taken out of turn by whoever must answer. Its state
lives in four slots of `State.v`: status, the option agreed, the round of the last
change, and (level-wide) the offer awaiting an answer. See `game.engine.deals`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

ARTICLES: Final = ("A", "An", "The")


def in_sentence(title: str) -> str:
    """A title as it reads inside a sentence: a leading article in lower case ('refuse a
    stand-down for a timetable', 'the Algerian six-month plan'); any other title unchanged."""
    first, _, rest = title.partition(" ")
    if rest and first in ARTICLES:
        return f"{first.lower()} {rest}"
    return title


# Deal status (the value of a deal's status slot).
NONE: Final = 0
OFFERED: Final = 1
IN_FORCE: Final = 2
KEPT: Final = 3
BROKEN: Final = 4
REFUSED: Final = 5
STATUS_WORDS = ("not offered", "offered", "in force", "kept", "broken", "refused")

# The role of an action generated for a deal (ActionDef.deal_role).
NOT_A_DEAL: Final = 0
PROPOSE: Final = 1
ACCEPT: Final = 2
REFUSE: Final = 3
COUNTER: Final = 4


@dataclass(frozen=True, slots=True)
class DealDef:
    """A deal type between one proposer and one recipient.

    `options` are the parameter values (one entry, 0, when the deal has none);
    `propose[k]`, `accept[k]`, `counter[k]` the action indices for option k;
    `accept_back[k]` and `refuse_back` the proposer's answers to a counter-offer
    (empty / -1 when the deal allows no counter).
    """

    index: int
    id: str
    name: str
    description: str
    proposer: int
    recipient: int
    option_name: str  # '' when the deal has no parameter
    options: tuple[int, ...]
    option_labels: tuple[str, ...]
    binding: bool
    public: bool
    rounds: int
    status_slot: int
    option_slot: int
    round_slot: int
    propose: tuple[int, ...]
    accept: tuple[int, ...]
    refuse: int
    counter: tuple[int, ...] = ()
    accept_back: tuple[int, ...] = ()
    refuse_back: int = -1
    proposer_refrains: tuple[int, ...] = ()  # action indices the proposer gives up
    recipient_refrains: tuple[int, ...] = ()
    proposer_takes: tuple[int, ...] = ()  # action indices the proposer promises to take
    recipient_takes: tuple[int, ...] = ()
    terms: str = ""  # the terms in one sentence, for cards and reasons
    # A side's "will take" term: rounds it has from the agreement, and the upkeep rule
    # (index) that breaks the deal at the deadline if it has not (-1: no such term).
    proposer_within: int = 0
    recipient_within: int = 0
    proposer_deadline: int = -1
    recipient_deadline: int = -1
    ap: int = 0  # what an offer costs the proposer (every option alike)
    # The offer's gate, checked once for all options in `legal_actions` (see
    # `Ruleset.offer_gates`): not in force, not refused or ended within `cooldown` rounds,
    # not `once`-only and done, and `shared_checks` (the `requires` that do not read the
    # option) hold. Then `option_checks[k]`: the tests of option k's other `requires`.
    cooldown: int = 0
    once: bool = False
    shared_checks: tuple[Callable[[Any, int], Any], ...] = ()
    option_checks: tuple[tuple[Callable[[Any, int], Any], ...], ...] = ()


@dataclass(frozen=True, slots=True)
class PendingSlots:
    """Where the offer awaiting an answer is kept: deal index + 1 (0: none), the option
    index, and the faction that must answer."""

    deal: int = -1
    option: int = -1
    responder: int = -1
