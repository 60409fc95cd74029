"""Keep a long-running server's memory near its first render's (issue 20).

A render leaves garbage that Python's cyclic collector frees only at its next full
collection (WeasyPrint's boxes, pages and styles refer to each other), and memory that
glibc's allocator keeps in its arenas once freed (renders run on the thread pool's
threads, each with an arena of its own). Measured over 30 re-renders of the example in
one process: peak resident memory 154 → 175 MB without :func:`release`, 154 → 164 MB with
it after each render (benchmarks/side_by_side.py measures a running ``serve``).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
from functools import lru_cache

__all__ = ["release"]


@lru_cache(maxsize=1)
def _malloc_trim():
    """glibc's ``malloc_trim(3)``, or None on another C library (musl, macOS, Windows)."""
    name = ctypes.util.find_library("c") if not _is_linux() else "libc.so.6"
    try:
        function = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError, TypeError):
        return None
    function.argtypes = [ctypes.c_size_t]
    function.restype = ctypes.c_int
    return function


def _is_linux() -> bool:
    import sys

    return sys.platform.startswith("linux")


def release() -> None:
    """Collect cyclic garbage now and give freed heap pages back to the system (glibc).

    Takes some tens of milliseconds; the server calls it after publishing a render, when no
    other render is waiting. Changes no output.
    """
    gc.collect()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
