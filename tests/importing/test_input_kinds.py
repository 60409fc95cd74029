"""`import` says what a file it does not take appears to be, and what it takes (newcomer trial:
a PNG gave "not valid UTF-8 (byte 0x89)", a plain-text résumé "the top level must be a
mapping", and the hints for a .pdf or .docx mistake left LinkedIn's .zip out)."""

from __future__ import annotations

import io
import os
import zipfile

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app

runner = CliRunner()

TAKES = ("import takes a PDF, a DOCX, a LinkedIn data export (.zip), a JSON Resume file (.json) or a RenderCV "
         "file (.yaml)")


def _odt() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


@pytest.mark.parametrize("name, content, said, todo", [
    ("pic.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "it is a PNG image", "no OCR"),
    ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "it is a JPEG image", "no OCR"),
    ("anim.gif", b"GIF89a\x01\x00\x01\x00\x80\x00", "it is a GIF image", "no OCR"),
    ("notes.txt", "Zoë Ünal\nEngineer\nExperience\n".encode(), "it holds plain text", "resume-builder init"),
    ("cv", b"Jo Short\n", "it holds plain text", "save your résumé as DOCX or PDF"),
    ("cv.rtf", rb"{\rtf1\ansi Jo Short}", "it is an RTF document", "save it as DOCX"),
    ("cv.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(40), "it is an old Word document (.doc)", "save it as DOCX"),
    ("cv.odt", _odt(), "it is an OpenDocument file (LibreOffice, .odt)", "save it as Word (.docx)"),
    ("page.html", b"<!DOCTYPE html><html><body>Sign in</body></html>", "it holds an HTML page", "print to PDF"),
    ("cv.json", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "it is a PNG image", "no OCR"),
    ("blob.bin", b"\x00\x01\x02\x03\xfe", "", ""),
])
def test_a_file_import_does_not_take_is_named_with_what_it_takes(tmp_path, name, content, said, todo):
    source = tmp_path / name
    source.write_bytes(content)
    target = tmp_path / "profile.yaml"
    result = runner.invoke(app, ["import", str(source), "-o", str(target)])
    assert result.exit_code == 2, result.output
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"error: {source}: not a kind of file import takes" + (f": {said}" if said else " ("))
    assert TAKES in result.stderr and todo in result.stderr
    assert "UTF-8" not in result.stderr and "mapping" not in result.stderr and "Traceback" not in result.output
    assert not target.exists()


def test_a_json_resume_needs_no_json_name_and_a_document_no_document_name(tmp_path):
    import docx

    text = tmp_path / "resume.txt"
    text.write_text('{"basics": {"name": "Zoë Ünal"}}', encoding="utf-8")
    result = runner.invoke(app, ["import", str(text)])
    assert result.exit_code == 0, result.output
    assert "name: Zoë Ünal" in result.stdout and "(JSON Resume)" in result.stdout

    document = docx.Document()
    document.add_paragraph("Robin Sample", style="Title")
    document.add_heading("Experience", level=1)
    document.add_paragraph("Engineer, Example Ltd, 2019 – 2021")
    saved = tmp_path / "resume.download"
    document.save(str(saved))
    result = runner.invoke(app, ["import", str(saved)])
    assert result.exit_code == 0, result.output
    assert "name: Robin Sample" in result.stdout and "(DOCX)" in result.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_a_pdf_or_docx_to_import_that_is_a_folder_a_fifo_or_a_dangling_link_says_what_it_is(tmp_path):
    """``import cv.pdf`` said only "not a file" for a folder or a FIFO, and "file not found" for a
    symbolic link to a moved file or a loop of links: each says what it is, as ``check`` does."""
    (tmp_path / "cv.pdf").mkdir()
    (tmp_path / "cv.pdf" / "robin.pdf").write_bytes(b"%PDF-1.7\n")
    os.mkfifo(tmp_path / "pipe.docx")
    (tmp_path / "moved.pdf").symlink_to("old/cv.pdf")
    (tmp_path / "a.pdf").symlink_to("b.pdf")
    (tmp_path / "b.pdf").symlink_to("a.pdf")
    said = {}
    for name in ("cv.pdf", "pipe.docx", "moved.pdf", "a.pdf"):
        result = runner.invoke(app, ["import", str(tmp_path / name), "-o", str(tmp_path / "profile.yaml")])
        assert result.exit_code == 2 and "Traceback" not in result.output, result.output
        said[name] = " ".join(result.stderr.split())
    assert said == {
        "cv.pdf": f"error: {tmp_path / 'cv.pdf'}: is a folder, not a file (give the PDF or DOCX file inside it, e.g. "
                  f"{tmp_path / 'cv.pdf' / 'robin.pdf'})",
        "pipe.docx": f"error: {tmp_path / 'pipe.docx'}: is a named pipe (FIFO), not a regular file (save it to a "
                     "file and name that file: pipes and devices are not read)",
        "moved.pdf": f"error: {tmp_path / 'moved.pdf'}: is a symbolic link to 'old/cv.pdf', which does not exist "
                     "(point the link at the file, or name the file itself)",
        "a.pdf": f"error: {tmp_path / 'a.pdf'}: is a symbolic link to 'b.pdf', which leads back to it (a loop of "
                 "links) (point the link at the file, or name the file itself)",
    }
    assert not (tmp_path / "profile.yaml").exists()


@pytest.mark.parametrize("name, content", [
    ("cv.pdf", b"Jo Short\n"),
    ("cv.docx", b"<html>hello</html>"),
    ("cv.docx", b"PK\x03\x04"),  # a ZIP archive's start, and no Word document in it
])
def test_every_hint_for_a_document_mistake_lists_the_same_four_kinds(tmp_path, name, content):
    if content == b"PK\x03\x04":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("hello.txt", "hi")
        content = buffer.getvalue()
    source = tmp_path / name
    source.write_bytes(content)
    result = runner.invoke(app, ["import", str(source)])
    assert result.exit_code == 2, result.output
    assert f"({TAKES})" in result.stderr
