"""Content hashes of everything a target is made from, for incremental builds.

A target is rebuilt when any file its render reads changes, as
:func:`resume_builder.render_inputs.render_inputs` names them (the one list, which watch mode
takes too): the profile and the files it includes, the photo, a variant file, the letter
file and its signature image, the job posting, every file of the theme's folders (and its
parents'), wherever the theme is (``themes/`` beside the working directory or the profile,
built in, an installed package), and the font files it declares in a font package; and
when the target's own settings (its page budget among them), the tool's version,
SOURCE_DATE_EPOCH or, for an output the build checks, that it is checked (``check``) change. Finding those files loads the
profile, the variant and the letter and looks the theme up, but renders nothing, so a
no-op build stays fast.

A file enters the hash by its content and by its path relative to the build file's folder,
never by an absolute path: the manifest records the hash, and no byte of the manifest may
depend on the folder a project is built in (README, "Release builds"). A theme's files are
named by the theme and their path inside its folder, a font package's by the package and
their path inside it, as those folders lie wherever the theme or package is installed.
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path
from stat import S_ISREG
from typing import TYPE_CHECKING

from resume_builder import __version__
from resume_builder.building.config import Target, names_a_file
from resume_builder.containment import is_inside
from resume_builder.containment import real

if TYPE_CHECKING:
    from resume_builder.render_inputs import RenderInputs


@lru_cache(maxsize=1024)
def _file_digest(path: str, size: int, mtime_ns: int) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def file_digest(path: Path) -> str:
    """The SHA-256 of ``path``'s bytes (64 hex digits); ``missing`` or ``not a file``."""
    try:
        info = path.stat()
        if not S_ISREG(info.st_mode):  # a FIFO would block the build; a render refuses it anyway
            return "not a file"
        return _file_digest(str(path), info.st_size, info.st_mtime_ns)
    except (OSError, ValueError):
        return "missing"


def folder_digest(folder: Path) -> str:
    """The hash of every file in ``folder`` and below (a theme's: templates, style sheets,
    images, fonts...), each by its path inside the folder and its content; Python's byte-code
    caches left out, and a symlink out of the folder never read (its theme may not use it)."""
    digest = hashlib.sha256()
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc" \
                    and is_inside(path, folder):
                digest.update(f"{path.relative_to(folder).as_posix()}\0{file_digest(path)}\0".encode())
    return digest.hexdigest()


def reads_digest(reads: "RenderInputs", base: Path, folders: dict[Path, str] | None = None) -> str:
    """The hash of the files ``reads`` names (64 hex digits): each project file by its path
    relative to ``base`` (the build file's folder) and its content, each theme folder by its
    label and :func:`folder_digest`, each font file by its label and content. ``folders``:
    folder digests already computed in this build, by folder (filled as they are)."""
    folders = folders if folders is not None else {}
    digest = hashlib.sha256()
    for path in reads.files:
        digest.update(f"file {relative_name(path, base)}\0{file_digest(Path(path))}\0".encode("utf-8"))
    for label, folder in reads.folders:
        if folder not in folders:
            folders[folder] = folder_digest(folder)
        digest.update(f"{label}\0{folders[folder]}\0".encode("utf-8"))
    for label, path in reads.fonts:
        digest.update(f"{label}\0{file_digest(path)}\0".encode("utf-8"))
    return digest.hexdigest()


def target_reads(target: Target) -> "RenderInputs":
    """What ``target``'s render reads (:func:`resume_builder.render_inputs.render_inputs`).

    Raises UserError when its profile, variant, letter or theme cannot be loaded (the target
    then fails with that error): the caller hashes :func:`named_files` instead.
    """
    from resume_builder.render_inputs import render_inputs

    return render_inputs(target.request(), letter=target.letter, document=target.document)


def named_files(target: Target) -> "RenderInputs":
    """The files ``target`` names itself (profile, variant and letter files, posting), for a
    target whose render cannot be looked into: it fails, and is built again next time."""
    from resume_builder.render_inputs import RenderInputs

    files = [target.profile, *(Path(value) for value in (target.variant, target.letter or "") if names_a_file(value)),
             *([target.posting] if target.posting is not None else [])]
    return RenderInputs(tuple(files), ())


def relative_name(path: Path | str, base: Path) -> str:
    """``path`` as the hash names it: relative to the folder ``base`` (``../shared/x.yaml``
    when outside it), with '/' on every system, so the same project gives the same hash in
    any folder; the absolute path only when there is none (another drive on Windows)."""
    try:
        return Path(os.path.relpath(real(path), real(base))).as_posix()
    except ValueError:
        return str(path)


def checked(target: Target, check: bool) -> bool:
    """Whether the build checks ``target``'s output (``check = true`` and a PDF, a DOCX or a
    bundle folder: runner.render_group and runner._render_bundle say the same)."""
    from resume_builder.formats import CHECKABLE

    return check and (target.fmt in CHECKABLE or (target.fmt == "bundle" and not target.zip))


def target_inputs(target: Target, reads: str, check: bool = False, base: Path | None = None) -> str:
    """The hash of what ``target`` is made from (64 hex digits); ``reads``: the
    :func:`reads_digest` of the files its render reads; ``check``: whether the build runs the
    ATS check, which counts for an output it checks (turned on, an output built unchecked was
    'up to date' for ever, its check null); ``base``: the build file's folder, which the
    variant and letter files are named relative to (default: the profile's folder)."""
    base = base if base is not None else Path(target.profile).parent

    def named(value: str) -> str:  # a variant or letter: a file by its relative path, a name as it is
        return relative_name(value, base) if names_a_file(value) else value

    digest = hashlib.sha256()
    for part in (__version__, os.environ.get("SOURCE_DATE_EPOCH", ""), target.fmt, named(target.variant),
                 target.theme or "", target.lang or "", reads):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    if checked(target, check):  # added only then: outputs never checked keep their hash
        digest.update(b"checked\0")
    if target.max_pages is not None:  # added only then: targets without a budget keep their hash
        digest.update(f"max_pages {target.max_pages}\0".encode("utf-8"))
    if target.document != "resume":  # letters and bundles: which letter, and a bundle's zip
        for part in (target.document, named(target.letter or ""), str(target.zip)):
            digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()
