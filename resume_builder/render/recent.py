"""A bounded keeper of recently made values, shared by the render caches of issue 20.

:class:`Recent` maps a key to the value made for it and keeps the ``limit`` most recently
used, safe across threads. The value is made outside the lock (making one may call back into
code that uses another keeper); two threads missing the same key at once both make it and the
last one stored is kept, which is harmless for values that are equal by construction.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Callable, Generic, Hashable, TypeVar

__all__ = ["Recent"]

V = TypeVar("V")


class Recent(Generic[V]):
    """The last ``limit`` values by key (least recently used dropped first)."""

    def __init__(self, limit: int) -> None:
        if limit < 1:
            raise ValueError(f"limit must be at least 1, not {limit}")
        self.limit = limit
        self._items: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_make(self, key: Hashable, make: Callable[[], V]) -> V:
        """The value kept for ``key``, else ``make()`` kept for it. ``make`` must not return None."""
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
                return value
        value = make()
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.limit:
                self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        """Forget every kept value."""
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)
