"""The AI's probe of a level's victory rules finds what a probe of every slot finds."""

from __future__ import annotations

from game.ai import victory
from game.engine.ruleset import Ruleset


def test_probing_only_the_slots_a_condition_reads_finds_the_same_dependencies(
    level: Ruleset,
) -> None:
    probes = victory._probe_states(level)
    conditions = [(o.when, o.reads) for o in level.objectives]
    conditions += [(o.when, o.reads) for o in level.outcomes if o.when is not None]
    narrowed = 0
    for when, reads in conditions:
        every_slot = victory._dependencies(level, when, probes, None)
        only_read = victory._dependencies(level, when, probes, reads)
        assert only_read.slots == every_slot.slots
        narrowed += reads is not None
    assert narrowed > 0
