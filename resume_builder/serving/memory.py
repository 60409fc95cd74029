"""Keep a long-running server's memory near its first render's (issue 20).

A render leaves garbage that Python's cyclic collector frees only at its next full
collection (WeasyPrint's boxes, pages and styles refer to each other), and memory that
glibc's allocator keeps in its arenas once freed: renders run on the thread pool's threads,
and glibc gives threads arenas of their own (up to eight per core), each fragmenting on
its own. :func:`limit_arenas` (called when the server starts, before its threads) makes
every thread share one arena, and :func:`release` (after each render) collects the
garbage and trims the heap. Measured with benchmarks/side_by_side.py, peak memory of a
running ``serve`` after 40 re-renders of the example over its first render: 1.27× with
neither, 1.11× with one arena (``MALLOC_ARENA_MAX=1``). Rendering is one thread at a time
(the preview's lock), so one arena costs no waiting.

What kept growing after that (1.15× after 100 re-renders) was a leak, not a cache: WeasyPrint
lost a Pango attribute list and attribute with every text layout, about 100 KB per render
(found with heaptrack; fixed by resume_builder/render/pango_leaks.py). Without it the
server's peak after 100 re-renders is 1.05× its first render's.
"""

from __future__ import annotations

import ctypes
import gc
from functools import lru_cache

__all__ = ["limit_arenas", "release"]

#: ``mallopt(3)``'s parameter number for the arena limit (glibc's malloc.h).
_M_ARENA_MAX = -8


def _malloc_trim():
    """glibc's ``malloc_trim(3)``, or None on another C library."""
    library = _libc()
    if library is None:
        return None
    library.malloc_trim.argtypes = [ctypes.c_size_t]
    library.malloc_trim.restype = ctypes.c_int
    return library.malloc_trim


def _is_linux() -> bool:
    import sys

    return sys.platform.startswith("linux")


@lru_cache(maxsize=1)
def _libc():
    """glibc, or None on another C library (musl, macOS, Windows)."""
    if not _is_linux():
        return None
    try:
        library = ctypes.CDLL("libc.so.6")
        library.malloc_trim, library.mallopt  # noqa: B018 - both must exist (glibc)
    except (OSError, AttributeError):
        return None
    return library


def limit_arenas() -> bool:
    """Make every thread allocate from one glibc arena (``mallopt(M_ARENA_MAX, 1)``);
    True when done. Affects arenas made afterwards: call before starting threads."""
    library = _libc()
    if library is None:
        return False
    library.mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    return bool(library.mallopt(_M_ARENA_MAX, 1))


def release() -> None:
    """Collect cyclic garbage now and give freed heap pages back to the system (glibc).

    Takes some tens of milliseconds; the server calls it after publishing a render, when no
    other render is waiting. Changes no output.
    """
    gc.collect()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
