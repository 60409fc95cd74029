"""Fonts as written into PDFs, HTML and DOCX files, kept on disk between processes (issue 20).

WeasyPrint subsets every font it embeds with HarfBuzz, which also turns each variable font
into a static instance per weight (render/variable_fonts.py; fontTools' instancer did that
before, about 0.6 s of CPU for the built-in themes' four Noto faces, a third of a fresh
``render``; now milliseconds). A self-contained HTML file's WOFF2
subsets (render/font_subset.py) cost about 1.7 s and a DOCX's embedded faces
(render/docx_fonts.py) about 0.5 s. Each result depends only on the inputs of :func:`key`
(the font's own bytes, the glyphs or characters kept, the variation coordinates, the build
date fontTools stamps, the library versions), so a later process that needs the same subset
reads it back instead: the output's bytes are the same either way
(tests/render/test_font_disk_cache.py). :func:`remember` wraps a computation in that.

Where: ``$RESUME_BUILDER_CACHE_DIR`` if set (empty: no disk cache), else
``$XDG_CACHE_HOME/resume-builder`` or ``~/.cache/resume-builder`` (the XDG Base Directory
specification), in a folder ``fonts-2``. The folder is created private (0700); one
that is not the user's own or that others may write to is never read (a font read from it
ends up in the PDF). Each entry carries a BLAKE2b digest of its content and is written to a
temporary name and renamed, so a torn or altered file is a miss, never a broken PDF. At
most :data:`MAX_ENTRIES` entries; the least recently written go first. Any OS error is a
miss: the cache only ever saves time.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Callable

__all__ = ["MAX_ENTRIES", "file_digest", "folder", "key", "load", "remember", "store"]

MAX_ENTRIES = 256
_MAGIC = b"resume-builder pdf font 1\n"
_DIGEST = 32


def folder() -> Path | None:
    """The cache folder (created when missing), or None when disabled or not safe to use."""
    configured = os.environ.get("RESUME_BUILDER_CACHE_DIR")
    if configured is not None:
        if not configured.strip():
            return None
        base = Path(configured)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        base = Path(xdg) / "resume-builder" if os.path.isabs(xdg) else Path.home() / ".cache" / "resume-builder"
    where = base / "fonts-2"
    try:
        where.mkdir(parents=True, exist_ok=True, mode=0o700)
        info = where.lstat()
    except (OSError, RuntimeError):  # RuntimeError: no home folder to expand
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return None
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return None
    return where


def key(*parts: object) -> str:
    """A file name for an entry made of ``parts`` (their ``repr``, which must be stable)."""
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=20).hexdigest()


def load(name: str) -> tuple[bytes, dict] | None:
    """The font bytes and variations stored under ``name``, or None (missing, torn, altered)."""
    where = folder()
    if where is None:
        return None
    try:
        data = (where / name).read_bytes()
    except OSError:
        return None
    body, digest = data[:-_DIGEST], data[-_DIGEST:]
    if not body.startswith(_MAGIC) or hashlib.blake2b(body, digest_size=_DIGEST).digest() != digest:
        return None
    try:
        length = int.from_bytes(body[len(_MAGIC):len(_MAGIC) + 4], "big")
        start = len(_MAGIC) + 4
        variations = json.loads(body[start:start + length])
        content = body[start + length:]
    except ValueError:
        return None
    if not isinstance(variations, dict):
        return None
    return content, variations


def store(name: str, content: bytes, variations: dict) -> None:
    """Keep ``content`` and ``variations`` under ``name`` (atomically; errors ignored)."""
    where = folder()
    if where is None:
        return
    header = json.dumps(variations, sort_keys=True).encode("utf-8")
    body = _MAGIC + len(header).to_bytes(4, "big") + header + content
    data = body + hashlib.blake2b(body, digest_size=_DIGEST).digest()
    try:
        handle, temporary = tempfile.mkstemp(dir=where, prefix=".tmp-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, where / name)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        _prune(where)
    except OSError:
        pass


def file_digest(path: Path) -> bytes:
    """BLAKE2b digest (20 bytes) of the file at ``path``, remembered per (path, size, mtime).

    Raises ``OSError`` for a file that cannot be read.
    """
    info = os.stat(path)
    return _file_digest(str(path), info.st_size, info.st_mtime_ns)


@lru_cache(maxsize=128)
def _file_digest(path: str, _size: int, _mtime_ns: int) -> bytes:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, lambda: hashlib.blake2b(digest_size=20)).digest()


def remember(parts: tuple, compute: Callable[[], bytes]) -> bytes:
    """``compute()``, or the bytes an earlier call with the same ``parts`` stored on disk.

    ``parts`` must name everything the bytes depend on (a kind, a :func:`file_digest`,
    options, library versions) with a stable ``repr``. Without a usable cache folder this
    is just ``compute()``.
    """
    name = key(*parts)
    stored = load(name)
    if stored is not None:
        return stored[0]
    content = compute()
    store(name, content, {})
    return content


def _prune(where: Path) -> None:
    entries = []
    for entry in os.scandir(where):
        if not entry.name.startswith("."):
            try:
                entries.append((entry.stat().st_mtime_ns, entry.path))
            except OSError:
                pass
    for _mtime, path in sorted(entries)[:max(0, len(entries) - MAX_ENTRIES)]:
        try:
            os.unlink(path)
        except OSError:
            pass
