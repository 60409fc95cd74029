"""What ``resume-builder import`` reads a file as: by its name (.pdf, .docx, .zip), else by its first bytes.

:func:`input_kind` is ``pdf``, ``docx`` (both :mod:`.document`), ``linkedin`` (LinkedIn's
data export, :mod:`.linkedin`) or ``jsonresume``
(:mod:`resume_builder.interop.jsonresume_import`); anything else is a UserError naming what
the file appears to be (an image, an RTF or old Word file, an OpenDocument file, an HTML
page, plain text...) and :data:`TAKES`, the list every such message gives.

- A file named ``.pdf`` or ``.docx`` is a document (:mod:`.document.safety` tells the two
  apart by their bytes, and says what a file that is neither holds), one named ``.zip``
  LinkedIn's export (:mod:`.linkedin_archive` refuses what is not), as is a file that is not
  there or not a file (each reader's own message says so).
- Any other name goes by the first bytes: a PDF (``%PDF-`` in the first KiB) is a PDF; a ZIP
  archive whose first member is a Word document's (``[Content_Types].xml``, ``_rels/``,
  ``word/``...) a DOCX, an OpenDocument file (first member ``mimetype``) is refused, any
  other ZIP archive is LinkedIn's export.
- A JSON Resume is a file named ``.json``, ``.yaml`` or ``.yml`` (its reader says what is
  wrong with its text: empty, UTF-16, not valid UTF-8), or any other text starting with ``{``;
  ``import`` reads one with RenderCV's top-level ``cv`` as a RenderCV file
  (:mod:`.rendercv`).
"""

from __future__ import annotations

from pathlib import Path

from resume_builder.errors import UserError

PDF, DOCX, LINKEDIN, JSONRESUME = "pdf", "docx", "linkedin", "jsonresume"

#: What import takes, in every message that says so.
TAKES = ("import takes a PDF, a DOCX, a LinkedIn data export (.zip), a JSON Resume file (.json) or a RenderCV "
         "file (.yaml)")

#: What to do with a file of each kind :func:`resume_builder.checking.extract.what_it_holds` names.
_WHAT_TO_DO = {
    "image": "it reads text, not pictures (no OCR): import the PDF or DOCX the résumé was made from",
    "word": "open it in your word processor, save it as DOCX (or export a PDF) and import that",
    "odf": "open it in LibreOffice, save it as Word (.docx) or export a PDF, and import that",
    "html": "save the page as PDF (print to PDF) and import that, or download the file again",
    "text": "save your résumé as DOCX or PDF and import that, or start a profile with 'resume-builder init'",
    "empty": "give the file that holds your résumé",
}

_OOXML_FIRST = ("[Content_Types].xml", "_rels/", "word/", "docProps/", "customXml/")


def input_kind(path: Path) -> str:
    """``pdf``, ``docx``, ``linkedin`` or ``jsonresume`` for ``path`` (see the module docstring).

    Raises:
        UserError: the file is none of those (``pic.png: not a kind of file import takes: it is
            a PNG image``), with :data:`TAKES` and what to do in the hint; or it cannot be read.
    """
    suffix = path.suffix.lower()
    by_name = {".pdf": PDF, ".docx": DOCX, ".zip": LINKEDIN}.get(suffix, JSONRESUME)
    if by_name != JSONRESUME or not path.is_file():
        return by_name
    from resume_builder.checking.extract import file_head, not_a_document, what_it_holds

    head = file_head(path)
    if b"%PDF-" in head:
        return PDF
    if head.startswith(b"PK\x03\x04"):
        first = _first_member(head)
        if first.startswith(_OOXML_FIRST):
            return DOCX
        if first == "mimetype" and b"opendocument" in head[30:200]:
            raise UserError(f"{path}: not a kind of file import takes: it is an OpenDocument file (LibreOffice, .odt)",
                            hint=f"{TAKES}; {_WHAT_TO_DO['odf']}")
        return LINKEDIN
    kind, _ = what_it_holds(head)
    if kind == "json" or suffix in (".json", ".yaml", ".yml") and kind not in ("image", "word", "html"):
        return JSONRESUME
    todo = _WHAT_TO_DO.get(kind)
    raise not_a_document(path, head, hint=f"{TAKES}; {todo}" if todo else TAKES,
                         other="not a kind of file import takes")


def _first_member(head: bytes) -> str:
    """The name of the first member of the ZIP archive starting with ``head`` (its local header)."""
    if len(head) < 30:
        return ""
    length = int.from_bytes(head[26:28], "little")
    return head[30:30 + length].decode("cp437", "replace")
