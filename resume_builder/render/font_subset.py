"""Font files cut down to the characters a self-contained HTML file shows.

A self-contained HTML résumé carries its fonts as ``data:`` URLs; whole files (a variable
Noto Serif is 1.9 MB, Lato's five faces 3.3 MB) made it several megabytes. Each face is
subset (fontTools) to the characters of the document plus printable ASCII, keeping the
variation axes (one variable file still serves every weight), the OpenType features the
themes use (kerning, ligatures, marks, small capitals, tabular figures) and the names,
and written as WOFF2 (Brotli), which every current browser reads.
"""

from __future__ import annotations

import io
import logging
import os
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

__all__ = ["web_subset"]

_ASCII = frozenset(chr(cp) for cp in range(0x20, 0x7F))
#: Brotli quality of the WOFF2 files, 10 rather than the usual 11: about 1% larger, in less
#: than half the time (a built-in theme's Noto Serif subset: 34.5 KB instead of 34.1 KB, in
#: 55 ms instead of 125 ms; its two faces were 0.64 s of a 1.7 s HTML render).
WOFF2_QUALITY = 10
#: fontTools' default features plus those the built-in themes ask for in CSS.
_EXTRA_FEATURES = ["smcp", "c2sc", "tnum", "lnum", "onum", "case"]


@lru_cache(maxsize=32)
def _cmap(path: Path) -> frozenset[str]:
    from fontTools.ttLib import TTFont

    return frozenset(chr(cp) for cp in TTFont(str(path), lazy=True).getBestCmap())


def web_subset(path: Path, chars: str | set[str] | frozenset[str]) -> bytes:
    """WOFF2 bytes of the font at ``path`` holding the glyphs for ``chars`` (and ASCII).

    Same file and characters, same bytes. Raises ``fontTools.ttLib.TTLibError`` (or
    ``OSError``) for a file that is not a font.
    """
    wanted = frozenset((set(chars) | _ASCII) & _cmap(path))
    return _subset(path, wanted)


@lru_cache(maxsize=64)
def _subset(path: Path, chars: frozenset[str]) -> bytes:
    """The WOFF2 subset, from the disk font cache (render/font_cache.py) when another process made it."""
    import brotli
    import fontTools

    from resume_builder.render import font_cache

    parts = ("woff2", font_cache.file_digest(path), "".join(sorted(chars)), tuple(_EXTRA_FEATURES),
             fontTools.version, getattr(brotli, "__version__", ""), WOFF2_QUALITY,
             os.environ.get("SOURCE_DATE_EPOCH"))  # fontTools stamps with it
    return font_cache.remember(parts, lambda: _compute_subset(path, chars))


@contextmanager
def quiet_font_tools() -> Iterator[None]:
    """fontTools' warnings kept from the user while a font is subset: a table it cannot
    subset is dropped, as it should be, and it says so on stderr ("FFTM NOT subset; don't know
    how to subset; dropped"; newcomer trial), in its own words, about nothing they can change."""
    logger = logging.getLogger("fontTools")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


class _Brotli:
    """The brotli module as fontTools' WOFF2 writer calls it (``compress(data, mode=...)``,
    which is quality 11), compressing at :data:`WOFF2_QUALITY`."""

    def __init__(self, module: Any) -> None:
        self.module = module

    def compress(self, data: bytes, mode: int = 0, quality: int = WOFF2_QUALITY, **options: Any) -> bytes:
        return self.module.compress(data, mode=mode, quality=quality, **options)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.module, name)


def _woff2_quality() -> None:
    """fontTools' WOFF2 writer compressing at :data:`WOFF2_QUALITY` (it has no option for it);
    once per process, so every WOFF2 file of a process is written alike."""
    from fontTools.ttLib import woff2

    if not isinstance(woff2.brotli, _Brotli):
        woff2.brotli = _Brotli(woff2.brotli)


def _compute_subset(path: Path, chars: frozenset[str]) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    _woff2_quality()

    font = TTFont(str(path), recalcTimestamp=False, lazy=True)
    options = subset.Options()
    options.layout_features = [*options.layout_features, *_EXTRA_FEATURES]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.flavor = "woff2"
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes={ord(c) for c in chars})
    with quiet_font_tools():
        subsetter.subset(font)
    font.flavor = "woff2"
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()
