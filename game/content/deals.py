"""Compile a level's `deals:` into the actions, upkeep rules and state slots that play them.

A deal adds, for its proposer, one `propose` action per option; for the answering
side, accept (per option), refuse and, if allowed, counter (per other option) actions,
which the engine offers only while that offer awaits an answer. Its commitments become
requirements of the actions a binding deal rules out, or breach effects on the actions a
promise forbids; upkeep rules end the deal when its rounds are up and break it when a
promised action was not taken in time. Nothing here runs during play.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from game.content import schema as S
from game.content.compiler import Compiler, Loc
from game.content.deal_checks import own_actions, warn_if_pointless, warn_if_refusal_unclear
from game.content.deal_effects import (
    BLANK_ACTION,
    due,
    fill,
    missed,
    rested,
    set_to,
    stamp,
    status_is,
    status_not,
    terms_sentence,
    with_commitments,
)
from game.content.deal_slots import OptionScope
from game.engine import deal_defs as D
from game.engine import ruleset as R


class DealParts(NamedTuple):
    """What the deals compile into."""

    deals: tuple[R.DealDef, ...]
    actions: list[R.ActionDef]  # the level's own (amended by commitments), then the deals'
    upkeep: list[R.UpkeepDef]  # the deals' upkeep rules (numbered after the level's own)
    pending: R.PendingSlots


class _Deal(NamedTuple):
    """One deal being compiled: its entry, slots and the words of its texts."""

    number: int
    spec: S.Deal
    loc: Loc
    proposer: int
    recipient: int
    status: int
    option: int
    stamp: int
    values: tuple[int, ...]
    labels: tuple[str, ...]
    words: dict[str, str]


class _Builder:
    """Compiles one level's deals; `actions` grows as deal actions are made."""

    def __init__(self, c: Compiler, actions: list[R.ActionDef], n_upkeep: int, lay: R.Layout):
        self.c = c
        self.last_base = lay.last
        self.actions = actions
        self.own: dict[str, int] = {a.id: a.index for a in actions}
        self.upkeep: list[R.UpkeepDef] = []
        self.upkeep_start = n_upkeep
        self.extra_requires: dict[int, list[R.Requirement]] = {}
        self.extra_effects: dict[int, list[R.Effect]] = {}
        sym = c.sym.vars
        self.pending = R.PendingSlots(
            sym.get("deals.pending", -1),
            sym.get("deals.pending.option", -1),
            sym.get("deals.pending.responder", -1),
        )
        factions = [f for f, _ in c.items["factions"]]
        self.names = [f.name for f in factions]
        self.short = [f.short for f in factions]
        self.round_word = c.meta[0].round_name.lower() if c.meta else "round"

    # -- pieces ---------------------------------------------------------------
    def rounds_text(self, n: int) -> str:
        """'1 week', '3 weeks' in the level's own word for a round."""
        return f"{n} {self.round_word}{'' if n == 1 else 's'}"

    def news(self, headline: str) -> R.Effect:
        self.c.news.append(R.NewsText(headline))
        return R.Effect(R.NEWS, ref=len(self.c.news) - 1)

    def action(self, d: _Deal, role: int, key: str, faction: int, **fields: Any) -> int:
        """Add one deal action (no AP unless given, any number of times a round)."""
        index = len(self.actions)
        made: dict[str, Any] = {**BLANK_ACTION, "index": index, "id": f"{d.spec.id}:{key}"}
        made.update(faction=faction, description=d.spec.description, deal=d.number, deal_role=role)
        made.update(covert=not d.spec.public)  # a private deal's moves: logged for both parties
        made.update(fields)
        self.actions.append(R.ActionDef(**made))
        return index

    def rule(
        self, d: _Deal, ident: str, name: str, when: R.Fn, effects: tuple[R.Effect, ...]
    ) -> None:
        """An upkeep rule of the deal (its log line only for the parties of a private deal)."""
        index = self.upkeep_start + len(self.upkeep)
        seen = (-1, -1) if d.spec.public else (d.proposer, d.recipient)
        self.upkeep.append(R.UpkeepDef(index, ident, name, "", when, effects, *seen))

    # -- one deal -------------------------------------------------------------
    def start(self, i: int, spec: S.Deal, loc: Loc) -> _Deal:
        c = self.c
        p = c.faction_ref(spec.proposer, loc, "proposer")
        r = c.faction_ref(spec.recipient, loc, "recipient")
        if spec.proposer == spec.recipient:
            c.error(
                loc,
                f"{c.label(loc, 'recipient')}: a faction cannot make a deal with "
                "itself; name another faction",
                "recipient",
            )
        if spec.id == "pending":
            c.error(loc, "'pending' is a reserved deal id; choose another id", "id")
        values = tuple(spec.option.values) if spec.option else (0,)
        if len(set(values)) != len(values):
            c.error(
                loc,
                f"{c.label(loc, 'option', 'values')}: each option value must be "
                "different; remove the repeated one",
                "option",
                "values",
            )
        template = spec.option.label if spec.option else ""
        labels = tuple(fill(template, {"value": str(v)}) for v in values)
        base = f"deals.{spec.id}"
        slots = c.sym.vars
        # texts not tied to one option (refuse, breach, kept) read {option} and {value} as ''
        words = {"proposer": self.names[p], "recipient": self.names[r], "name": spec.name}
        words.update(option="", value="")
        status, option, stamped = (slots[base + part] for part in ("", ".option", ".round"))
        return _Deal(i, spec, loc, p, r, status, option, stamped, values, labels, words)

    def offer_requirements(self, d: _Deal) -> list[R.Requirement]:
        cooldown = d.spec.cooldown
        later = self.rounds_text(cooldown + 1)
        out = [
            R.Requirement(status_not(d.status, D.IN_FORCE), "The deal is already in force."),
            R.Requirement(
                rested(d.status, d.stamp, cooldown),
                f"Refused or ended lately: it can be offered again {later} after.",
            ),
        ]
        if d.spec.once:
            why = "It was agreed once already; it cannot be offered again."
            out.append(R.Requirement(status_not(d.status, D.KEPT, D.BROKEN), why))
        return out

    def option_actions(
        self, d: _Deal, k: int, answer_back: bool
    ) -> tuple[int, int, int, int, tuple[tuple[R.Requirement, bool], ...]]:
        """(propose, accept, counter, accept the counter) actions of option k (-1: none),
        and the deal's `requires` for it, each with whether it reads the option."""
        c, spec, pend = self.c, d.spec, self.pending
        value, label = d.values[k], d.labels[k]
        scope = OptionScope(c.sym, spec.option.name if spec.option else "", value)
        words = {**d.words, "option": label, "value": str(value)}
        suffix = f" ({label})" if label else ""
        tag = f":{value}" if spec.option else ""
        terms: list[R.Requirement] = []  # the deal's own `requires`: checked again on answering
        reads: list[bool] = []
        for j, req in enumerate(spec.requires):
            text, why = (req, f"Requires {req}.") if isinstance(req, str) else (req.when, req.why)
            fields = ("requires", j) if isinstance(req, str) else ("requires", j, "when")
            scope.read_option = False
            terms.append(R.Requirement(c.expr(text, scope, d.loc, *fields), why))
            reads.append(scope.read_option)
        gated = tuple(zip(terms, reads, strict=True))
        requires = self.offer_requirements(d) + terms
        offer_text = spec.text.offer or "{proposer} offers {recipient}: {name}" + suffix + "."
        offered = (
            set_to(pend.deal, d.number + 1),
            set_to(pend.option, k),
            set_to(pend.responder, d.recipient),
            set_to(d.status, D.OFFERED),
            stamp(d.stamp),
        )
        propose = self.action(
            d,
            D.PROPOSE,
            f"offer{tag}",
            d.proposer,
            option=k,
            ap=spec.ap,
            per_round=1,
            name=f"Offer {self.short[d.recipient]}: {spec.name}{suffix}",
            requires=tuple(requires),
            effects=offered,
            headline=fill(offer_text, words),
        )
        on_accept = c.effects(spec.on_accept, scope, d.loc, "on_accept")
        agreed = (
            set_to(pend.deal, 0),
            set_to(d.status, D.IN_FORCE),
            set_to(d.option, value),
            stamp(d.stamp),
            *on_accept,
        )
        yes = spec.text.accept or "{recipient} accepts {name}" + suffix + "."
        accept = self.action(
            d,
            D.ACCEPT,
            f"accept{tag}",
            d.recipient,
            option=k,
            effects=agreed,
            requires=tuple(terms),
            name=f"Accept {D.in_sentence(spec.name)}{suffix}",
            headline=fill(yes, words),
        )
        if not answer_back:
            return propose, accept, -1, -1, gated
        back = spec.text.counter or "{recipient} answers with {name}" + suffix + "."
        countered = (set_to(pend.option, k), set_to(pend.responder, d.proposer))
        counter = self.action(
            d,
            D.COUNTER,
            f"counter{tag}",
            d.recipient,
            option=k,
            name=f"Counter-offer: {spec.name}{suffix}",
            effects=countered,
            requires=tuple(terms),
            headline=fill(back, words),
        )
        theirs = {**words, "recipient": self.names[d.proposer]}
        accept_back = self.action(
            d,
            D.ACCEPT,
            f"accept_counter{tag}",
            d.proposer,
            option=k,
            name=f"Accept {D.in_sentence(spec.name)}{suffix}",
            effects=agreed,
            requires=tuple(terms),
            headline=fill(yes, theirs),
        )
        return propose, accept, counter, accept_back, gated

    def refusals(self, d: _Deal, answer_back: bool) -> tuple[int, int]:
        """The recipient's refusal and (with counters) the proposer's; -1 when none."""
        spec = d.spec
        on_refuse = self.c.effects(spec.on_refuse, OptionScope(self.c.sym), d.loc, "on_refuse")
        refused = (set_to(self.pending.deal, 0), set_to(d.status, D.REFUSED), stamp(d.stamp))
        no = spec.text.refuse or "{recipient} refuses {name}."
        refuse = self.action(
            d,
            D.REFUSE,
            "refuse",
            d.recipient,
            name=f"Refuse {D.in_sentence(spec.name)}",
            effects=refused + on_refuse,
            headline=fill(no, d.words),
        )
        if not answer_back:
            return refuse, -1
        theirs = {**d.words, "recipient": self.names[d.proposer]}
        no_back = spec.text.refuse_counter or no
        warn_if_refusal_unclear(self.c, spec, d.loc, no)
        back = self.action(
            d,
            D.REFUSE,
            "refuse_counter",
            d.proposer,
            name=f"Refuse the counter-offer on {D.in_sentence(spec.name)}",
            effects=refused + on_refuse,
            headline=fill(no_back, theirs),
        )
        return refuse, back

    def commitments(
        self, d: _Deal, who: int, field: str, terms: S.DealTerms
    ) -> tuple[tuple[int, ...], tuple[int, ...], int, int]:
        """Wire one side's terms into the level's actions and upkeep; (refrains, takes,
        rounds to take them in, the deadline's upkeep rule or -1)."""
        spec = d.spec
        words = {**d.words, "breaker": self.names[who]}
        breach = fill(spec.text.breach or "{breaker} breaks its word on {name}.", words)
        on_breach = self.c.effects(
            terms.on_breach, OptionScope(self.c.sym), d.loc, field, "on_breach"
        )
        broken = (set_to(d.status, D.BROKEN), stamp(d.stamp), *on_breach)
        if spec.public:  # a private deal's breach is not news: the breaking move is public
            broken += (self.news(breach),)
        if d.proposer == d.recipient:  # already an error; its terms would only add noise
            return (), (), 0, -1
        refrains = own_actions(
            self.c, self.actions, self.own, terms.refrains, who, d.loc, field, "refrains"
        )
        takes = own_actions(self.c, self.actions, self.own, terms.takes, who, d.loc, field, "takes")
        for a in refrains:
            if spec.binding:
                why = f"Ruled out by the deal '{spec.name}' while it is in force."
                rule = R.Requirement(status_not(d.status, D.IN_FORCE), why)
                self.extra_requires.setdefault(a, []).append(rule)
            else:
                check = R.Effect(R.IF, value=status_is(d.status, D.IN_FORCE), then=broken)
                self.extra_effects.setdefault(a, []).append(check)
        within, deadline = terms.within or spec.rounds, -1
        if takes:
            last = tuple(self.last_base + a for a in takes)
            deadline = self.upkeep_start + len(self.upkeep)
            when = missed(d.status, d.stamp, within, last)
            self.rule(d, f"{spec.id}_{field}_deadline", f"{spec.name}: deadline", when, broken)
        return refrains, takes, within, deadline

    def ending(self, d: _Deal) -> None:
        spec = d.spec
        kept = fill(spec.text.kept or "{name}: both sides kept their word.", d.words)
        on_kept = self.c.effects(spec.on_kept, OptionScope(self.c.sym), d.loc, "on_kept")
        effects = (set_to(d.status, D.KEPT), stamp(d.stamp), *on_kept, self.news(kept))
        when = due(d.status, d.stamp, spec.rounds)
        self.rule(d, f"{spec.id}_ends", f"{spec.name} runs its course", when, effects)

    def build(self, i: int, spec: S.Deal, loc: Loc) -> R.DealDef:
        d = self.start(i, spec, loc)
        answer_back = spec.counter and len(d.values) > 1
        made = [self.option_actions(d, k, answer_back) for k in range(len(d.values))]
        refuse, refuse_back = self.refusals(d, answer_back)
        p_refrains, p_takes, p_within, p_due = self.commitments(
            d, d.proposer, "proposer_terms", spec.proposer_terms
        )
        r_refrains, r_takes, r_within, r_due = self.commitments(
            d, d.recipient, "recipient_terms", spec.recipient_terms
        )
        self.ending(d)
        warn_if_pointless(
            self.c, d.spec, d.loc, d.proposer, any((p_refrains, p_takes, r_refrains, r_takes))
        )
        kind = "binding" if spec.binding else "a promise"
        shared = tuple(req.test for req, reads in made[0][4] if not reads)
        own = tuple(tuple(req.test for req, reads in m[4] if reads) for m in made)
        return R.DealDef(
            index=i,
            id=spec.id,
            name=spec.name,
            description=spec.description,
            proposer=d.proposer,
            recipient=d.recipient,
            option_name=spec.option.name if spec.option else "",
            options=d.values,
            option_labels=d.labels,
            binding=spec.binding,
            public=spec.public,
            rounds=spec.rounds,
            status_slot=d.status,
            option_slot=d.option,
            round_slot=d.stamp,
            propose=tuple(m[0] for m in made),
            accept=tuple(m[1] for m in made),
            refuse=refuse,
            counter=tuple(m[2] for m in made) if answer_back else (),
            accept_back=tuple(m[3] for m in made) if answer_back else (),
            refuse_back=refuse_back,
            ap=spec.ap,
            cooldown=spec.cooldown,
            once=spec.once,
            shared_checks=shared,
            option_checks=own,
            proposer_refrains=p_refrains,
            recipient_refrains=r_refrains,
            proposer_takes=p_takes,
            recipient_takes=r_takes,
            proposer_within=p_within,
            recipient_within=r_within,
            proposer_deadline=p_due,
            recipient_deadline=r_due,
            terms=terms_sentence(
                self.names,
                [a.name for a in self.actions],
                (d.proposer, p_refrains, p_takes),
                (d.recipient, r_refrains, r_takes),
                how=f"{kind}, for {self.rounds_text(spec.rounds)}",
            ),
        )


def compile_deals(
    c: Compiler, actions: list[R.ActionDef], n_upkeep: int, lay: R.Layout
) -> DealParts:
    """Compile every deal; `actions` are the level's own (indices 0..n-1)."""
    builder = _Builder(c, list(actions), n_upkeep, lay)
    before = len(c.problems)
    deals = tuple(builder.build(i, spec, loc) for i, (spec, loc) in enumerate(c.items["deals"]))
    # an option-dependent part is compiled once per option: report each problem once
    c.problems[before:] = list(dict.fromkeys(c.problems[before:]))
    amended = with_commitments(builder.actions, builder.extra_requires, builder.extra_effects)
    return DealParts(deals, amended, builder.upkeep, builder.pending)
