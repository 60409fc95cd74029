"""A file `check` or `import` cannot read says what it holds instead, and a PDF cut short says
so (newcomer trial: "neither a PDF nor a DOCX file" for a text file named .pdf, and a pypdf
exception name alone for a PDF whose download stopped half-way)."""

from __future__ import annotations

from pathlib import Path

import pytest

from resume_builder.checking.extract import not_a_document, sniff, unreadable_pdf
from resume_builder.errors import UserError

CUT_SHORT = ("the file ends early (no %%EOF at its end): it was cut short while being written, "
             "copied or downloaded; make or fetch it again")


@pytest.mark.parametrize("name, content, said", [
    ("cv.pdf", b"Jo Short\nEngineer\n", "cv.pdf: named .pdf but not a PDF: it holds plain text"),
    ("cv.pdf", b"\xef\xbb\xbf  <!DOCTYPE html><html><body>Sign in</body></html>",
     "cv.pdf: named .pdf but not a PDF: it holds an HTML page (a download that went wrong, or a page saved "
     "from a browser)"),
    ("cv.docx", b"", "cv.docx: named .docx but not a Word document: it is empty"),
    ("cv.docx", b'{"basics": {"name": "Jo"}}', "cv.docx: named .docx but not a Word document: it holds JSON text"),
    ("cv.pdf", "Zoë Ünal — Ingénieure\n".encode("utf-8")[:17], "cv.pdf: named .pdf but not a PDF: it holds plain text"),
    ("cv.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "cv.png: neither a PDF nor a DOCX file: it is a PNG image"),
    ("cv.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF", "cv.jpg: neither a PDF nor a DOCX file: it is a JPEG image"),
    ("cv.rtf", rb"{\rtf1\ansi Jo}", "cv.rtf: neither a PDF nor a DOCX file: it is an RTF document"),
])
def test_the_error_names_what_the_file_holds(tmp_path, name, content, said):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UserError) as info:
        sniff(path)
    assert info.value.problems[0].message == str(tmp_path / said)
    assert info.value.problems[0].hint.startswith("check takes a .pdf or .docx")


def test_an_html_file_is_said_plainly_and_check_names_the_formats_it_reads(tmp_path):
    """check of a render's own HTML said "a download that went wrong, or a page saved from a
    browser" (newcomer trial): that guess is for a file named .pdf or .docx holding a web page."""
    path = tmp_path / "cv.html"
    path.write_bytes(b"<!DOCTYPE html>\n<html lang=\"es\"><body>Luc\xc3\xada</body></html>")
    with pytest.raises(UserError) as info:
        sniff(path)
    assert info.value.problems[0].message == f"{path}: neither a PDF nor a DOCX file: it holds an HTML page"
    assert info.value.problems[0].hint == (
        "check takes a .pdf or .docx, what you send: check the PDF or DOCX rendered from the same profile "
        "(resume-builder render -f pdf -f docx)")


def test_import_says_the_same_with_its_own_hint(tmp_path):
    from resume_builder.importing.document.safety import check_document

    path = tmp_path / "cv.pdf"
    path.write_bytes(b"plain words\n")
    with pytest.raises(UserError) as info:
        check_document(path)
    assert info.value.problems[0].message == f"{path}: named .pdf but not a PDF: it holds plain text"
    assert info.value.problems[0].hint == ("import takes a PDF, a DOCX, a LinkedIn data export (.zip), a JSON "
                                           "Resume file (.json) or a RenderCV file (.yaml)")


def test_a_pdf_cut_short_says_so_and_a_whole_damaged_one_does_not(tmp_path):
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog")
    error = unreadable_pdf(cut, ValueError("stream ended"))
    assert error.problems[0].message == f"{cut}: not a readable PDF (ValueError: stream ended)" and error.problems[0].hint == CUT_SHORT
    whole = tmp_path / "whole.pdf"
    whole.write_bytes(b"%PDF-1.7\ngarbage\n%%EOF\n")
    assert unreadable_pdf(whole, ValueError("bad xref")).problems[0].hint == ""


def test_check_of_a_truncated_render_gives_the_hint(tmp_path):
    from resume_builder.checking.extract import extract
    from tests.conftest import FIXTURES

    from resume_builder import pipeline

    job = pipeline.prepare(FIXTURES / "profiles" / "one_page.yaml")
    data = pipeline.render(job, "pdf", tmp_path / "one_page.pdf")[0].data
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[:len(data) // 2])
    with pytest.raises(UserError) as info:
        extract(path)
    assert info.value.problems[0].hint == CUT_SHORT


def test_not_a_document_is_one_function_for_both_commands():
    error = not_a_document(Path("x.bin"), b"\x00\x01\x02\x03", hint="h")
    assert error.problems[0].message == "x.bin: neither a PDF nor a DOCX file" and error.problems[0].hint == "h"


def test_a_missing_file_names_one_of_a_close_name(tmp_path):
    """As `render` does for a profile (newcomer trial: `check output/profle.pdf` had none)."""
    from typer.testing import CliRunner

    from resume_builder.cli import app

    (tmp_path / "profile.pdf").write_bytes(b"%PDF-1.7\n%%EOF\n")
    result = CliRunner().invoke(app, ["check", str(tmp_path / "profle.pdf")])
    assert result.exit_code == 2
    assert f"{tmp_path / 'profle.pdf'}: file not found (did you mean '{tmp_path / 'profile.pdf'}'?)" in \
        " ".join(result.output.split())


@pytest.mark.parametrize("given, meant", [
    ("output/example.docs", "output/example.docx"),  # a slip in the extension: the one check reads
    ("output/example", "output/example.pdf"),  # no extension: the first check reads
    ("outptu/example.pdf", "output/example.pdf"),  # a slip in the folder's name
    ("outptu/exmaple.pdf", "output/example.pdf"),  # in both
])
def test_a_missing_file_names_the_file_meant_by_its_extension_or_folder(tmp_path, monkeypatch, given, meant):
    """`check output/exmaple.pdf` had a "did you mean"; `output/example.docs` and
    `outptu/example.pdf` had none."""
    from typer.testing import CliRunner

    from resume_builder.cli import app

    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "example.pdf").write_bytes(b"%PDF-1.7\n%%EOF\n")
    (tmp_path / "output" / "example.docx").write_bytes(b"PK\x03\x04")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", given])
    assert result.exit_code == 2
    assert f"{given}: file not found (did you mean '{meant}'?)" in " ".join(result.output.split())


def test_a_pdf_read_again_is_the_same_and_a_changed_one_is_read_anew(tmp_path, monkeypatch):
    """extract_pdf keeps what the last PDFs held by their bytes: the same bytes at another path
    give the same facts under that path, without reading the file again; what a caller changes
    in one result is not in the next; a file whose bytes changed is read again."""
    from resume_builder.checking import extract as extract_module
    from tests.checking.builders import pdf_plain, pdf_with_ligature_glyphs

    first = pdf_plain(tmp_path / "a.pdf")
    read = extract_module.extract_pdf(first)
    copy = tmp_path / "b.pdf"
    copy.write_bytes(first.read_bytes())
    calls = []
    monkeypatch.setattr(extract_module, "_extract_pdf", lambda path: calls.append(path))
    again = extract_module.extract_pdf(copy)
    assert calls == [] and again.path == copy and again.body == read.body and again.pages == read.pages
    again.body.append("changed by a caller")
    assert extract_module.extract_pdf(first).body == read.body
    monkeypatch.undo()
    pdf_with_ligature_glyphs(first)
    assert extract_module.extract_pdf(first).body != read.body
