"""Content hashes of everything a target is made from, for incremental builds.

A target is rebuilt when any of these change: the profile file, the files it includes
(``{include: FILE}``, found by :func:`resume_builder.loading.includes.included_files`), a variant file, the theme
files (all theme folders that can be found: built-in, ./themes and --theme-dir), the font
files they use (by name and size), the target's own settings, the tool's version,
SOURCE_DATE_EPOCH and, for an output the build checks, that it is checked (``check``).
Hashing reads small text files only, so a no-op build stays fast.
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

from resume_builder import __version__
from resume_builder.building.config import Target, names_a_file
from resume_builder.containment import is_inside

_TEXT_SUFFIXES = {".toml", ".j2", ".css", ".html", ".svg", ".docx", ".png", ".jpg", ".jpeg"}


@lru_cache(maxsize=64)
def _file_digest(path: str, size: int, mtime_ns: int) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def file_digest(path: Path) -> str:
    try:
        stat = path.stat()
    except OSError:
        return "missing"
    return _file_digest(str(path), stat.st_size, stat.st_mtime_ns)


def themes_digest(folders: list[Path]) -> str:
    digest = hashlib.sha256()
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in _TEXT_SUFFIXES and "__pycache__" not in path.parts \
                    and is_inside(path, folder):  # a theme's symlink out of its folder is never read
                digest.update(str(path.relative_to(folder)).encode())
                digest.update(file_digest(path).encode())
    return digest.hexdigest()


def theme_folders(base: Path) -> list[Path]:
    from resume_builder.theme_paths import builtin_themes_folder

    return [builtin_themes_folder(), base / "themes"]


def checked(target: Target, check: bool) -> bool:
    """Whether the build checks ``target``'s output (``check = true`` and a PDF, a DOCX or a
    bundle folder: runner.render_group and runner._render_bundle say the same)."""
    from resume_builder.formats import CHECKABLE

    return check and (target.fmt in CHECKABLE or (target.fmt == "bundle" and not target.zip))


def target_inputs(target: Target, themes: str, check: bool = False) -> str:
    """The hash of what ``target`` is made from; ``check``: whether the build runs the ATS
    check, which counts for an output it checks (turned on, an output built unchecked was
    'up to date' for ever, its check null)."""
    digest = hashlib.sha256()
    for part in (__version__, os.environ.get("SOURCE_DATE_EPOCH", ""), target.fmt, target.variant,
                 target.theme or "", target.lang or "", themes, file_digest(target.profile)):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    if checked(target, check):  # added only then: outputs never checked keep their hash
        digest.update(b"checked\0")
    if names_a_file(target.variant):  # its content decides the output too
        digest.update(file_digest(Path(target.variant)).encode())
    from resume_builder.loading.includes import included_files

    for included, content in included_files(Path(target.profile)).items():
        digest.update(f"{included}\0{content}\0".encode("utf-8"))
    if target.document != "resume":  # letters and bundles: the letter file and the posting too
        for part in (target.document, target.letter or "", str(target.zip)):
            digest.update(part.encode("utf-8") + b"\0")
        if target.letter and names_a_file(target.letter):
            digest.update(file_digest(Path(target.letter)).encode())
        if target.posting is not None:
            digest.update(file_digest(target.posting).encode())
    return digest.hexdigest()
