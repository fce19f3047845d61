"""The operator codes of conditions the engine tests natively, without a closure call.

A condition of the shape `value <op> whole constant` is stored in the Ruleset's
`instant_tests`, `upkeep_tests`, `event_tests` and `objective_tests` as (slot, one of
these codes, constant); TEST_CALL means: call the condition's closure instead.
"""

from __future__ import annotations

from typing import Final

TEST_CALL: Final = -1
TEST_GE: Final = 0
TEST_GT: Final = 1
TEST_LE: Final = 2
TEST_LT: Final = 3
TEST_EQ: Final = 4
TEST_NE: Final = 5
