"""Hostile and broken documents fail cleanly: exit 2, one clear message, no output file.

Encrypted PDFs, files that only have a .pdf or .docx name, PDFs over the page or size
limit (resume_builder/limits.py), DOCX archives that are zip bombs or hold traversal
names, and truncated files.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app

runner = CliRunner()


def _docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("Robin Sample", style="Title")
    document.add_paragraph("robin@example.com · +44 20 7946 0991")
    document.add_heading("Experience", level=1)
    document.add_paragraph("Engineer, Example Ltd, 2019 – 2021")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pdf(pages: int = 1, *, password: str | None = None) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if password is not None:
        writer.encrypt(user_password=password, owner_password=password + "-owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _zip_with(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _run(tmp_path: Path, name: str, data: bytes) -> tuple[int, str, Path]:
    source = tmp_path / name
    source.write_bytes(data)
    target = tmp_path / "profile.yaml"
    result = runner.invoke(app, ["import", str(source), "-o", str(target)])
    return result.exit_code, result.output, target


def _bomb() -> bytes:
    original = zipfile.ZipFile(io.BytesIO(_docx_bytes()))
    members = {name: original.read(name) for name in original.namelist()}
    members["word/media/padding.bin"] = bytes(8 * 1024 * 1024)  # 8 MB of zeros: about 8 KB packed
    return _zip_with(members)


def _traversal() -> bytes:
    original = zipfile.ZipFile(io.BytesIO(_docx_bytes()))
    members = {name: original.read(name) for name in original.namelist()}
    members["../../evil.txt"] = b"outside"
    return _zip_with(members)


CASES = {
    "encrypted.pdf": (lambda: _pdf(password="secret"), "password-protected"),
    "not-a-pdf.pdf": (lambda: b"<html>hello</html>\n", "named .pdf but not a PDF: it holds an HTML page"),
    "not-a-docx.docx": (lambda: b"just some text\n", "named .docx but not a Word document: it holds plain text"),
    "many-pages.pdf": (lambda: _pdf(pages=41), "41 pages is more than a résumé"),
    "truncated.pdf": (lambda: _pdf()[:200], "not a readable PDF"),
    "truncated.docx": (lambda: _docx_bytes()[:3000], "not a readable DOCX"),
    "bomb.docx": (_bomb, "zip bomb"),
    "traversal.docx": (_traversal, "path traversal"),
    "no-document.docx": (lambda: _zip_with({"hello.txt": b"hi"}), "not a Word document"),
    "empty.pdf": (lambda: _pdf(), "no text in the document"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_documents_fail_cleanly(tmp_path: Path, name: str) -> None:
    make, message = CASES[name]
    code, output, target = _run(tmp_path, name, make())
    assert code == 2, output
    assert message in output
    assert "Traceback" not in output
    assert not target.exists()


def test_a_pdf_over_the_size_limit_is_refused_before_reading(tmp_path: Path, monkeypatch) -> None:
    import resume_builder.limits as limits

    monkeypatch.setattr(limits, "MAX_IMPORT_BYTES", 1024)
    code, output, target = _run(tmp_path, "big.pdf", _pdf() + b"%" + b"x" * 2048 + b"\n")
    assert code == 2 and "more than a résumé" in output and not target.exists()


def test_an_owner_password_only_pdf_opens(tmp_path: Path) -> None:
    """Encrypted with an empty user password (print/copy restrictions only), as every reader opens it."""
    code, output, _ = _run(tmp_path, "restricted.pdf", _pdf(password=""))
    assert "password-protected" not in output
    assert code == 2 and "no text in the document" in output  # blank page: refused for the right reason


def test_reading_is_bounded_in_time(tmp_path: Path, monkeypatch) -> None:
    """A document that takes too long to read is stopped with a clear error (the limit is
    lowered and the reader made slow, so no wall-clock bound is asserted)."""
    import time

    import resume_builder.limits as limits
    from resume_builder.importing.document import extract

    monkeypatch.setattr(limits, "MAX_IMPORT_SECONDS", 0.2)

    def slow(path):
        while True:
            time.sleep(0.05)

    monkeypatch.setattr(extract, "docx_lines", slow)
    code, output, target = _run(tmp_path, "slow.docx", _docx_bytes())
    assert code == 2 and "took longer than 0.2 seconds" in output and "--timeout" not in output
    assert not target.exists()
