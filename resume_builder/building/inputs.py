"""Content hashes of everything a target is made from, for incremental builds.

A target is rebuilt when any of these change: the profile file, the files it includes
(``{include: FILE}``, found by :func:`resume_builder.loading.includes.included_files`), a variant file, the theme
files (every theme folder its render searches: built-in, ``themes/`` beside the working
directory and beside the profile), the font files they use (by name and size), the target's
own settings, the tool's version, SOURCE_DATE_EPOCH and, for an output the build checks, that
it is checked (``check``). Hashing reads small text files only, so a no-op build stays fast.

A file enters the hash by its content and by its path relative to the build file's folder,
never by an absolute path: the manifest records the hash, and no byte of the manifest may
depend on the folder a project is built in (README, "Release builds").
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


def theme_folders(profile_folder: Path) -> list[Path]:
    """The ``themes`` folders a render of a profile in ``profile_folder`` finds themes in, in
    theming.find_theme's order: built-in, beside the working directory, beside the profile
    (each once)."""
    from resume_builder.theme_paths import builtin_themes_folder

    folders: list[Path] = []
    for folder in (builtin_themes_folder(), Path.cwd() / "themes", profile_folder / "themes"):
        if folder.resolve() not in {seen.resolve() for seen in folders}:
            folders.append(folder)
    return folders


def relative_name(path: Path | str, base: Path) -> str:
    """``path`` as the hash names it: relative to the folder ``base`` (``../shared/x.yaml``
    when outside it), with '/' on every system, so the same project gives the same hash in
    any folder; the absolute path only when there is none (another drive on Windows)."""
    try:
        return Path(os.path.relpath(Path(path).resolve(), base.resolve())).as_posix()
    except ValueError:
        return str(path)


def checked(target: Target, check: bool) -> bool:
    """Whether the build checks ``target``'s output (``check = true`` and a PDF, a DOCX or a
    bundle folder: runner.render_group and runner._render_bundle say the same)."""
    from resume_builder.formats import CHECKABLE

    return check and (target.fmt in CHECKABLE or (target.fmt == "bundle" and not target.zip))


def target_inputs(target: Target, themes: str, check: bool = False, base: Path | None = None) -> str:
    """The hash of what ``target`` is made from (64 hex digits); ``themes``: the
    :func:`themes_digest` of its theme folders; ``check``: whether the build runs the ATS
    check, which counts for an output it checks (turned on, an output built unchecked was
    'up to date' for ever, its check null); ``base``: the build file's folder, which the
    files are named relative to (default: the profile's folder)."""
    base = base if base is not None else Path(target.profile).parent

    def named(value: str) -> str:  # a variant or letter: a file by its relative path, a name as it is
        return relative_name(value, base) if names_a_file(value) else value

    digest = hashlib.sha256()
    for part in (__version__, os.environ.get("SOURCE_DATE_EPOCH", ""), target.fmt, named(target.variant),
                 target.theme or "", target.lang or "", themes, file_digest(target.profile)):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    if checked(target, check):  # added only then: outputs never checked keep their hash
        digest.update(b"checked\0")
    if names_a_file(target.variant):  # its content decides the output too
        digest.update(file_digest(Path(target.variant)).encode())
    from resume_builder.loading.includes import included_files

    for included, content in included_files(Path(target.profile)).items():
        digest.update(f"{relative_name(included, base)}\0{content}\0".encode("utf-8"))
    if target.document != "resume":  # letters and bundles: the letter file and the posting too
        for part in (target.document, named(target.letter or ""), str(target.zip)):
            digest.update(part.encode("utf-8") + b"\0")
        if target.letter and names_a_file(target.letter):
            digest.update(file_digest(Path(target.letter)).encode())
        if target.posting is not None:
            digest.update(file_digest(target.posting).encode())
    return digest.hexdigest()
