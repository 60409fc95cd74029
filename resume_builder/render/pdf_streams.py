"""PDF streams deflated once per content, across renders in one process (issue 20).

pydyf, which writes WeasyPrint's PDFs, deflates every stream at zlib's level 9 on every
write: about a twelfth of a warm re-render's time, spent mostly on streams that an edit
leaves as they were (the embedded fonts, the pages the edit did not reach). :func:`install`
gives pydyf a ``zlib`` whose ``compressobj`` remembers what it deflated, keyed by the level
and the exact input (BLAKE2b digest and length), so identical input gets the identical
output without deflating again; any other ``zlib`` use is the module itself. The PDF's
bytes are the same (tests/render/test_pdf_streams.py). At most :data:`MAX_ENTRIES` streams
are kept, the least recently used go first.
"""

from __future__ import annotations

import hashlib
import threading
import zlib
from collections import OrderedDict
from typing import Any

__all__ = ["MAX_ENTRIES", "install"]

MAX_ENTRIES = 128
_DEFLATED: "OrderedDict[tuple, bytes]" = OrderedDict()
_LOCK = threading.Lock()


class _RememberingCompressor:
    """``zlib.compressobj(level)`` for one whole input: ``compress`` gathers, ``flush`` deflates."""

    def __init__(self, level: int) -> None:
        self.level = level
        self.chunks: list[bytes] = []

    def compress(self, data: Any) -> bytes:
        self.chunks.append(bytes(data))
        return b""

    def flush(self, mode: int = zlib.Z_FINISH) -> bytes:
        if mode != zlib.Z_FINISH:  # pydyf never asks for a partial flush
            raise ValueError("only Z_FINISH is supported")
        data = b"".join(self.chunks)
        self.chunks = []
        key = (self.level, len(data), hashlib.blake2b(data, digest_size=20).digest())
        with _LOCK:
            found = _DEFLATED.get(key)
            if found is not None:
                _DEFLATED.move_to_end(key)
                return found
        real = zlib.compressobj(self.level)
        deflated = real.compress(data) + real.flush()
        with _LOCK:
            _DEFLATED[key] = deflated
            while len(_DEFLATED) > MAX_ENTRIES:
                _DEFLATED.popitem(last=False)
        return deflated


class _Zlib:
    """The ``zlib`` module as pydyf sees it: ``compressobj(level=...)`` remembers, the rest is zlib."""

    def compressobj(self, level: int = -1, *args: Any, **kwargs: Any) -> Any:
        if args or kwargs:
            return zlib.compressobj(level, *args, **kwargs)
        return _RememberingCompressor(level)

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)


def install() -> None:
    """Give pydyf the remembering ``zlib`` (once; idempotent)."""
    import pydyf

    if not isinstance(getattr(pydyf, "zlib", None), _Zlib):
        pydyf.zlib = _Zlib()
