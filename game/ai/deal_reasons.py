"""Player-readable reasons for deal moves: offers, answers and counter-offers.

"Red Bloc refuses the Ceasefire (1 cash): its Cash rising from 3 to 4 is worth less to
it than its freedom to Agitate." A reason is read by every player, so it is built from
public facts only: the deal's terms, the public effects of its acceptance and the
objectives they move, judged on a view in which every private value (the deciding
seat's own included) is unknown. The one private thing it reflects is the choice
itself, which everyone sees anyway.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from game.ai.words import faction_words, value_name
from game.engine import Action, PlayerView, State, preview, sample_state
from game.engine.deal_defs import ACCEPT, COUNTER, PROPOSE, REFUSE, DealDef, in_sentence
from game.engine.deals import pending_option
from game.engine.grammar import is_plural, verb
from game.engine.knowing import judge, probe_state
from game.engine.ruleset import RESOURCE, Ruleset
from game.engine.scoreboard import after


def public_view(view: PlayerView) -> PlayerView:
    """`view` as an onlooker knows it: every private and covert value unknown."""
    rules = view.rules
    values = list(view.values)
    ranges = dict(view.ranges)
    for slot in rules.private_slots:
        values[slot] = None
        ranges[slot] = (rules.lo[slot], rules.hi[slot])
    for slot, _, cap in rules.covert_slots:
        values[slot] = None
        ranges[slot] = (-1000, view.round) if cap == 0 else (0, cap * view.round)
    return replace(view, values=tuple(values), ranges=ranges)


def _actions(rules: Ruleset, indices: tuple[int, ...]) -> str:
    return " or ".join(rules.actions[a].name for a in indices)


@dataclass(frozen=True)
class Pronoun:
    """How a sentence refers to the faction it explains: 'it'/'its' for 'The junta',
    'they'/'them'/'their' for a plural name such as 'The Hardliners'."""

    subject: str = "it"
    object: str = "it"
    possessive: str = "its"
    reflexive: str = "itself"
    plural: bool = False

    def does(self, singular: str, plural: str) -> str:
        """'it gains' / 'they gain'."""
        return f"{self.subject} {plural if self.plural else singular}"


IT = Pronoun()
THEY = Pronoun("they", "them", "their", "themselves", True)


def pronoun(rules: Ruleset, faction: int) -> Pronoun:
    """The pronoun that agrees with the faction's name."""
    return THEY if is_plural(rules.factions[faction].name) else IT


def _terms(rules: Ruleset, deal: DealDef, me: int) -> tuple[list[str], list[str]]:
    """(what the other side's commitments give `me`, what `me`'s own cost it)."""
    mine = me == deal.proposer
    rival = deal.recipient if mine else deal.proposer
    my_refrains = deal.proposer_refrains if mine else deal.recipient_refrains
    my_takes = deal.proposer_takes if mine else deal.recipient_takes
    their_refrains = deal.recipient_refrains if mine else deal.proposer_refrains
    their_takes = deal.recipient_takes if mine else deal.proposer_takes
    name = in_sentence(faction_words(rules, rival))  # 'the junta'
    gets: list[str] = []
    gives: list[str] = []
    if their_refrains:
        gets.append(f"{name}'s word not to {_actions(rules, their_refrains)}")
    if their_takes:
        gets.append(f"{name}'s word to {_actions(rules, their_takes)}")
    if my_refrains:
        gives.append(f"{pronoun(rules, me).possessive} freedom to {_actions(rules, my_refrains)}")
    if my_takes:
        gives.append(f"{pronoun(rules, me).possessive} word to {_actions(rules, my_takes)}")
    return gets, gives


def stakes(view: PlayerView, deal: DealDef, option: int) -> tuple[list[str], list[str]]:
    """What accepting `option` of `deal` would give `view.faction` and cost it, as
    noun phrases built from public facts (see the module docstring), most telling first."""
    rules = view.rules
    me = view.faction
    seen = public_view(view)
    state = sample_state(seen, 0)
    move = preview(state, Action(deal.accept[option], -1))
    n = rules.layout.n_vars
    public = tuple(
        (slot, delta)
        for slot, delta in move.on_success
        if slot >= n or not (rules.vars[slot].private or rules.vars[slot].hidden)
    )
    own = [o for o in rules.objectives if o.faction == me and o.scoring == "end"]
    then = after(seen, public)
    base, moved = probe_state(seen), probe_state(then)
    gains: list[str] = []
    losses: list[str] = []
    for o in own:
        before = judge(o.when, seen, base).known
        met = judge(o.when, then, moved).known
        if before is not None and met is not None and met != before:
            (gains if met == (o.points > 0) else losses).append(o.name)
    gets = [f"securing '{name}'" for name in gains[:2]]
    gives = [f"keeping '{name}'" for name in losses[:2]]
    danger = {v.index for v in rules.vars if v.danger} | {rules.escalation_slot}
    ups: list[str] = []
    downs: list[str] = []
    for slot, delta in public:
        if slot >= n or not delta:
            continue
        var = rules.vars[slot]
        old = state.v[slot]
        new = min(rules.hi[slot], max(rules.lo[slot], old + delta))
        if new == old:
            continue
        shift = f"{'rising' if new > old else 'falling'} from {old} to {new}"
        if var.kind == RESOURCE and var.owner == me:
            (ups if new > old else downs).append(
                f"{pronoun(rules, me).possessive} {var.name} {shift}"
            )
        elif slot in danger:
            (downs if new > old else ups).append(f"{value_name(rules, slot, me)} {shift}")
    their, mine = _terms(rules, deal, me)
    return gets + ups + their, gives + mine + downs


def _weighed(gets: list[str], gives: list[str], accepted: bool, p: Pronoun = IT) -> str:
    """'X is worth more to it than Y' (or less), with what to say when a side is empty."""
    if gets and gives:
        return f"{gets[0]} is worth {'more' if accepted else 'less'} to {p.object} than {gives[0]}"
    if accepted:
        if gets:
            return f"{p.does('gains', 'gain')} {gets[0]} at no cost {p.subject} can see"
        return f"{p.does('prefers', 'prefer')} it to refusing"
    if gets:
        return f"{gets[0]} is not worth it to {p.object}"
    return f"{p.does('sees', 'see')} nothing in it for {p.reflexive}"


def deal_words(view: PlayerView, state: State, action: Action) -> str:
    """The sentence for a deal move (`action` plays a deal) by `view.faction`; `state` is
    the deciding seat's sample, read only for the offer awaiting an answer (public)."""
    rules = view.rules
    a = rules.actions[action.action]
    deal = rules.deals[a.deal]
    who = faction_words(rules, view.faction)
    pending = pending_option(state) if a.deal_role in (REFUSE, COUNTER) else a.option
    option = a.option if a.option >= 0 else max(0, pending)
    label = deal.option_labels[option] if option < len(deal.option_labels) else ""
    what = _named(deal.name) + (f" ({label})" if label else "")
    gets, gives = stakes(view, deal, option)
    p = pronoun(rules, view.faction)
    if a.deal_role == PROPOSE:
        rival = in_sentence(faction_words(rules, deal.recipient))  # 'the junta'
        if gets and gives:
            why = f"{p.does('values', 'value')} {gets[0]} above {gives[0]}"
        elif gets:
            why = f"{p.does('wants', 'want')} {gets[0]}"
        else:
            why = f"{p.does('judges', 'judge')} any deal better than none"
        return f"{verb(who, 'offers', 'offer')} {rival} {what}: {why}."
    if a.deal_role == ACCEPT:
        return f"{verb(who, 'accepts', 'accept')} {what}: {_weighed(gets, gives, True, p)}."
    if a.deal_role == REFUSE:
        return f"{verb(who, 'refuses', 'refuse')} {what}: {_weighed(gets, gives, False, p)}."
    asked = deal.option_labels[max(0, pending)]
    weighed = _weighed(gets, gives, True, p)
    answers = verb(who, "answers", "answer")
    return f"{answers} {asked} with {label} for {_named(deal.name)}: {weighed}."


def _named(title: str) -> str:
    """A deal's name inside a sentence: 'the Algerian six-month plan', 'a transition
    timetable' (its own leading article in lower case), 'Bazoum's release' (a possessive
    needs none), else 'the ' + name."""
    named = in_sentence(title)
    if named != title or title.split(" ", 1)[0].endswith(("'s", "’s")):
        return named
    return f"the {title}"
