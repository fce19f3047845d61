"""The PettingZoo observation dict whose vector is encoded only when first read."""

from __future__ import annotations

import copy
from _collections_abc import dict_items, dict_keys, dict_values
from collections.abc import Callable, Iterator
from typing import Any

from game.interop.encoding import FloatArray, MaskArray


class LazyObservation(dict[str, Any]):
    """An observation dict whose "observation" vector is built on first read.

    It behaves as the plain dict {"observation": ..., "action_mask": ...}: every way of
    reading it (indexing, `in`, `keys()`, iteration, `items()`, `len`, `==`, copying,
    pickling) builds the vector first; pickled, it is a plain dict.
    """

    __slots__ = ("_make",)

    _make: Callable[[], FloatArray] | None

    def __init__(self, mask: MaskArray, make: Callable[[], FloatArray]) -> None:
        self["action_mask"] = mask  # cheaper than dict.__init__ with a keyword
        self._make = make

    def _fill(self) -> None:
        make = self._make
        if make is not None:
            self._make = None
            mask = dict.pop(self, "action_mask")
            dict.__setitem__(self, "observation", make())
            dict.__setitem__(self, "action_mask", mask)

    def pending(self) -> bool:
        """Whether the vector is still to be built."""
        return self._make is not None

    def __missing__(self, key: str) -> Any:
        if key == "observation" and self._make is not None:
            self._fill()
            return dict.__getitem__(self, key)
        raise KeyError(key)

    def __contains__(self, key: object) -> bool:
        return (key == "observation" and self._make is not None) or dict.__contains__(self, key)

    def get(self, key: str, default: Any = None) -> Any:
        """As `dict.get`."""
        self._fill()
        return dict.get(self, key, default)

    def keys(self) -> dict_keys[str, Any]:
        """As `dict.keys`, with the vector built."""
        self._fill()
        return dict.keys(self)

    def values(self) -> dict_values[str, Any]:
        """As `dict.values`, with the vector built."""
        self._fill()
        return dict.values(self)

    def items(self) -> dict_items[str, Any]:
        """As `dict.items`, with the vector built."""
        self._fill()
        return dict.items(self)

    def __iter__(self) -> Iterator[str]:
        self._fill()
        return dict.__iter__(self)

    def __len__(self) -> int:
        return dict.__len__(self) + (self._make is not None)

    def __eq__(self, other: object) -> bool:
        self._fill()
        if isinstance(other, LazyObservation):
            other._fill()
        return dict.__eq__(self, other)

    __hash__ = None

    def __repr__(self) -> str:
        self._fill()
        return dict.__repr__(self)

    def copy(self) -> dict[str, Any]:
        """A plain dict with the same arrays."""
        self._fill()
        return dict(dict.items(self))

    def __reduce__(self) -> tuple[Any, ...]:
        return (dict, (self.copy(),))

    def __copy__(self) -> dict[str, Any]:
        return self.copy()

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[str, Any]:
        return copy.deepcopy(self.copy(), memo)


__all__ = ["LazyObservation"]
