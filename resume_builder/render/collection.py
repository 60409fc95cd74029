"""Fewer garbage collections while a PDF is laid out and written (issue 20: warm re-render).

Laying out and writing a résumé allocates a few hundred thousand Python objects (WeasyPrint's
boxes, styles and PDF objects), and with CPython's default thresholds (``gc.get_threshold()``
is ``(700, 10, 10)``) that starts some seventy young collections per render, every tenth
of which also scans the middle generation and, every few renders, a full collection that
walks every object alive, the laid-out pages the renderer keeps (``pdf._RECENT``) included.
Measured on the example profile (classic theme, 4 pages; ``gc.callbacks`` timing), the
collector took about 50 ms of CPU per warm re-render, an eighth of it. With the first
threshold at :data:`RENDER_THRESHOLD` during a render it takes about 17 ms, and peak memory
rises by about 10 MB (garbage waits a little longer for its collection).

Nothing else changes: the same objects are made and the same garbage is collected, only in
fewer, larger batches; the thresholds are restored when the outermost render ends. A
program that turned the collector off (threshold 0) keeps it off.
"""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager
from typing import Iterator

__all__ = ["RENDER_THRESHOLD", "fewer_collections"]

#: Allocations (net of deallocations) of container objects between young collections while a
#: render runs (CPython's default is 700).
RENDER_THRESHOLD = 5000

_LOCK = threading.Lock()
_depth = 0
_saved: tuple[int, ...] | None = None


@contextmanager
def fewer_collections(threshold: int = RENDER_THRESHOLD) -> Iterator[None]:
    """Raise the young generation's threshold to ``threshold`` inside the block.

    Nested and concurrent blocks share one raise: the thresholds found when the first block
    began come back when the last one ends.
    """
    global _depth, _saved
    with _LOCK:
        if _depth == 0:
            _saved = gc.get_threshold()
            if _saved[0] != 0 and _saved[0] < threshold:
                gc.set_threshold(threshold, *_saved[1:])
        _depth += 1
    try:
        yield
    finally:
        with _LOCK:
            _depth -= 1
            if _depth == 0 and _saved is not None:
                gc.set_threshold(*_saved)
                _saved = None
