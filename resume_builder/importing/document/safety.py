"""Refuse hostile or unreadable documents before any parsing work (UserError, exit 2).

Checked from the file itself, never its name: the size (``MAX_IMPORT_BYTES``); a PDF's
header, encryption (pypdf: an owner password with an empty user password still opens, as
in any reader; any other password is refused) and page count (``MAX_IMPORT_PAGES``); a
DOCX's ZIP directory: member names that are absolute or climb out with ``..`` (a
traversal name), the member count, the unpacked size and each member's compression ratio
(a zip bomb), and ``word/document.xml`` being there. Every limit lives in
:mod:`resume_builder.limits`.
"""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath

from resume_builder.errors import UserError

PDF, DOCX = "pdf", "docx"


def check_document(path: Path) -> str:
    """``"pdf"`` or ``"docx"`` for a file safe to read; a UserError saying why not otherwise."""
    from resume_builder.limits import MAX_IMPORT_BYTES

    if not path.is_file():
        from resume_builder.checking.extract import no_document
        from resume_builder.output import path_kind

        found = path_kind(path)  # "not a file" said nothing of what it was, a dangling link "not found"
        if found.kind == "missing":
            raise UserError(f"{path}: file not found")
        raise no_document(path, found)  # check's words
    size = path.stat().st_size
    if size > MAX_IMPORT_BYTES:
        raise UserError(f"{path}: {size / 1024 / 1024:.1f} MB is more than a résumé "
                        f"(the limit is {MAX_IMPORT_BYTES // 1024 // 1024} MB)")
    from resume_builder.checking.extract import file_head, not_a_document

    head = file_head(path)
    if b"%PDF-" in head:
        _check_pdf(path)
        return PDF
    if head.startswith(b"PK\x03\x04"):
        _check_docx(path)
        return DOCX
    from resume_builder.importing.kinds import TAKES

    raise not_a_document(path, head, hint=TAKES)


def _check_pdf(path: Path) -> None:
    from pypdf import PdfReader

    from resume_builder.checking.quiet import quiet_pdf_library
    from resume_builder.limits import MAX_IMPORT_PAGES

    with quiet_pdf_library():
        try:
            reader = PdfReader(str(path))
            if reader.is_encrypted:
                try:
                    opened = reader.decrypt("")
                except Exception:  # noqa: BLE001 - an encryption pypdf cannot undo
                    opened = 0
                if not opened:
                    raise UserError(f"{path}: the PDF is password-protected",
                                    hint="save an unprotected copy (print to PDF) and import that")
            pages = len(reader.pages)
        except UserError:
            raise
        except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds of error for damaged files
            from resume_builder.checking.extract import unreadable_pdf

            raise unreadable_pdf(path, exc) from None
    if pages == 0:
        raise UserError(f"{path}: the PDF has no pages")
    if pages > MAX_IMPORT_PAGES:
        raise UserError(f"{path}: {pages} pages is more than a résumé (the limit is {MAX_IMPORT_PAGES})")


def _check_docx(path: Path) -> None:
    from resume_builder.limits import MAX_IMPORT_MEMBERS, MAX_IMPORT_RATIO, MAX_IMPORT_UNZIPPED_BYTES

    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UserError(f"{path}: not a readable DOCX file ({exc})") from None
    if len(members) > MAX_IMPORT_MEMBERS:
        raise UserError(f"{path}: {len(members)} files inside is not a Word document "
                        f"(the limit is {MAX_IMPORT_MEMBERS})")
    total = 0
    for member in members:
        name = member.filename
        parts = PurePosixPath(name.replace("\\", "/")).parts
        if name.startswith(("/", "\\")) or ".." in parts or (parts and parts[0].endswith(":")):
            raise UserError(f"{path}: refused: the archive holds a member named {name!r}, "
                            "which points outside it (a path traversal)")
        total += member.file_size
        if member.file_size > 1024 * 1024 and member.file_size > MAX_IMPORT_RATIO * max(member.compress_size, 1):
            raise UserError(f"{path}: refused: {name} would expand {member.file_size // max(member.compress_size, 1)} "
                            f"times (a zip bomb; the limit is {MAX_IMPORT_RATIO})")
        if total > MAX_IMPORT_UNZIPPED_BYTES:
            raise UserError(f"{path}: refused: the archive expands to more than "
                            f"{MAX_IMPORT_UNZIPPED_BYTES // 1024 // 1024} MB (a zip bomb?)")
    if "word/document.xml" not in {member.filename for member in members}:
        from resume_builder.importing.kinds import TAKES

        raise UserError(f"{path}: a ZIP archive but not a Word document (no word/document.xml)", hint=TAKES)
    try:
        with zipfile.ZipFile(path) as archive:
            bad = archive.testzip()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise UserError(f"{path}: not a readable DOCX file ({exc})") from None
    if bad is not None:
        raise UserError(f"{path}: not a readable DOCX file ({bad} is damaged)")
