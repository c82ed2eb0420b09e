"""A bounded memo for pure functions of one string, cheaper per hit than ``functools.lru_cache``.

Not a stage: the cleaner measures each line's shape and the clusterer reads
each token's term through it, and menus, footers and a news vocabulary recur
across a stream's pages, so most calls are hits. ``lru_cache`` spends most of
a hit on bookkeeping: compiled code calls it through a generic call that
builds an argument tuple, and every hit relinks its node in a linked list,
which touches two more objects scattered in memory. Here a hit is one dict
lookup, called directly (compiled, see setup.py).

When the memo is full it starts over empty, instead of evicting the least
recently used entry: lines and tokens that recur come back within a page or
two, so starting over costs a few recomputations per ``size`` new keys, and
no bookkeeping on the hits.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final, Generic, TypeVar, cast

V = TypeVar("V")

_ABSENT: Final = object()


class Memo(Generic[V]):
    """``fn(key)``, remembered for up to ``size`` keys; ``fn`` must be pure."""

    def __init__(self, fn: Callable[[str], V], size: int) -> None:
        if size < 1:
            raise ValueError("a memo needs room for at least one key")
        self._fn = fn
        self._size = size
        self._values: dict[str, object] = {}

    def get(self, key: str) -> V:
        """The value of ``fn(key)``, computed once while remembered."""
        values = self._values
        found = values.get(key, _ABSENT)
        if found is not _ABSENT:
            return cast(V, found)
        value = self._fn(key)
        if len(values) >= self._size:
            values.clear()
        values[key] = value
        return value

    def __len__(self) -> int:
        return len(self._values)
