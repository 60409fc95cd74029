"""One rule for every path a theme (or profile) names: it stays inside its folder.

A theme folder is data from someone else. Whatever it names (font files, the templates
folder, a reference DOCX, anything added later) must resolve, after following symlinks,
inside the folder that named it, or inside a declared font package. The folder is the
one the user named (``--theme-dir PATH``, ``./themes/<name>``): a symlink *inside* it
(``templates -> /``) never moves the boundary to its target.

The error for a path outside does not say whether that path exists, so a hostile theme
cannot use error messages to probe the machine's files.
"""

from __future__ import annotations

import os
from pathlib import Path

from resume_builder.errors import UserError


def real(path: Path | str) -> Path:
    """``path`` with every symlink followed (``os.path.realpath``; works for missing paths)."""
    return Path(os.path.realpath(path))


def is_inside(path: Path | str, root: Path | str) -> bool:
    """Whether ``path``, after resolving symlinks, is ``root`` or below it (``root`` resolved too)."""
    resolved, boundary = real(path), real(root)
    return resolved == boundary or boundary in resolved.parents


def contained(root: Path, relative: str, *, owner: str, what: str) -> Path:
    """``root / relative`` resolved, or a UserError when it leaves ``root``.

    ``relative`` may not be absolute, and the resolved path (symlinks followed) must lie
    inside ``root`` (also resolved). Whether the file exists is for the caller to check,
    *after* this: the error for an outside path reveals nothing about it.

    Raises:
        UserError: ``"<owner>: <what> '<relative>' is outside <root's name>"`` (exit 2).
    """
    text = str(relative)
    if "\x00" in text or os.path.isabs(text) or (os.sep != "/" and text.startswith("/")):
        raise outside_error(owner, what, text)
    target = real(root / text)
    if not is_inside(target, root):
        raise outside_error(owner, what, text)
    return target


def outside_error(owner: str, what: str, relative: str) -> UserError:
    shown = relative if len(relative) <= 200 else relative[:197] + "..."
    shown = shown.encode("unicode_escape").decode("ascii") if not shown.isprintable() else shown
    return UserError(f"{owner}: {what} '{shown}' is outside the theme folder",
                     hint="themes may use only files inside their own folder, after following symlinks, "
                          "or in an installed font package")
