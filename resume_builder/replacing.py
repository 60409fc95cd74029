"""Never replace an output made from other inputs under a default name.

Default output names (``output/<profile>[-<variant>][-public][+<posting>][-<N>pages][-<lang>]``,
see :func:`resume_builder.pipeline.tailored_stem`) keep apart what the command line can
tell apart, but a variant may name its own file (``output: example-de``), a variant may be
called ``de``, and two postings in different folders may share a name. So before a default
name replaces an existing PDF or DOCX, the provenance that file records
(:mod:`resume_builder.provenance`) is compared with the new one's: a different profile
(file name, or person: folders are not recorded), variant, language, locale, page budget,
posting, public copy or document kind is refused
with a :class:`~resume_builder.errors.UserError` that names ``-o``. The theme and ``--from``
may change (they change how the same document looks), and so may the profile's content.

A file that records no provenance (made by another tool, or an HTML, Markdown, text or PNG
output, which have no metadata to record it in) is replaced as before.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from resume_builder.errors import UserError
from resume_builder.provenance import Provenance

if TYPE_CHECKING:
    from resume_builder.render.job import Rendered

#: Fields that outputs made before they were recorded lack: compared only when the existing
#: file records one of them, so a file made by an earlier version is not taken for another input.
_LATER_FIELDS = ("pages", "job", "public", "person")


def _identity(recorded: Provenance, *, with_later: bool) -> tuple:
    """``recorded.document_identity()``, without the later fields unless ``with_later``."""
    identity = recorded.document_identity()
    return identity if with_later else identity[:-len(_LATER_FIELDS)]


def same_document(old: Provenance, new: Provenance) -> bool:
    """Whether ``old`` and ``new`` describe the same document (see the module's docstring)."""
    with_later = any(getattr(old, name) for name in _LATER_FIELDS)
    return _identity(old, with_later=with_later) == _identity(new, with_later=with_later)


def guard_replacements(outputs: Iterable[Rendered], *, by_build: bool = False) -> None:
    """Raise UserError if writing any output (its ``path``, ``data`` and ``source``, the
    document's encoded provenance) would replace a PDF or DOCX rendered from other inputs
    (nothing is written: callers guard before :func:`pipeline.write`). ``by_build``: for a
    ``build`` target, whose ``name`` is what to change (over a file the build's own manifest
    does not list; see building/session.py).

    An HTML, Markdown, text or PNG output (which record no provenance) that would replace an
    existing file is judged by the PDF or DOCX of the same name beside it: writing ``cv.txt``
    for Bob over the ``cv.txt`` that goes with Ann's ``cv.pdf`` is refused too, or the set
    would mix two people's (or languages') outputs."""
    items = list(outputs)
    written = {item.path for item in items}
    for item in items:
        path = item.path
        if path.suffix.lower() not in (".pdf", ".docx"):
            sibling = next((other for other in (path.with_suffix(".pdf"), path.with_suffix(".docx"))
                            if other not in written and other.is_file()), None)
            if item.source and sibling is not None and path.is_file():
                from resume_builder.checking.origin import read_origin

                _refuse_another(read_origin(sibling).provenance, Provenance.decode(item.source), path, sibling,
                                by_build)
            continue
        try:
            existing = path.read_bytes() if path.is_file() else None
        except OSError:
            continue  # unreadable: it records nothing this can compare
        if existing is None or existing == item.data:  # the same bytes: the same document
            continue
        from resume_builder.checking.origin import read_origin  # the checking package: only when needed

        old = read_origin(path, existing).provenance
        if old is not None:
            _refuse_another(old, read_origin(path, item.data).provenance, path, path, by_build)


def _refuse_another(old: Provenance | None, new: Provenance | None, path: Path, recorded_in: Path,
                    by_build: bool = False) -> None:
    """Raise UserError when ``old`` (recorded in ``recorded_in``) is another document than
    ``new``, whose output would replace ``path`` (that file, or one of its set beside it)."""
    if old is None or new is None or same_document(old, new):
        return
    if by_build:
        raise UserError(f"{path} was rendered from {old.describe()}, not by this build; this target "
                        f"({new.describe()}) would replace it",
                        hint=f"give this target another 'name' in the build file, or move {path} away first")
    renamed = old.person and new.person and old.person != new.person and \
        _identity(old, with_later=False) == _identity(new, with_later=False)
    hint = f"write this one with -o FILE (or --out-dir DIR), or move {path} away first"
    if renamed:  # the same file, variant and language: most likely the name was corrected
        hint = f"if you corrected the name, delete {recorded_in} and render again; otherwise " + \
            hint[0].lower() + hint[1:]
    made = f"was rendered from {old.describe()}" if recorded_in == path else \
        f"goes with {recorded_in}, rendered from {old.describe()}"
    raise UserError(f"{path} {made}; this render ({new.describe()}) would replace it under the same default name",
                    hint=hint)
