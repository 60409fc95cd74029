"""A DOCX page header's page number is not résumé text (newcomer trial: importing our own DOCX
put "/" into an "Unsorted" section: the header's PAGE / NUMPAGES fields hold no text until a
word processor lays the file out)."""

from __future__ import annotations

import pytest

from resume_builder.importing.document.docx_text import docx_lines


@pytest.mark.parametrize("furniture", [" / ", "Page 2 of 4", "2 / 4", "– –"])
def test_page_number_lines_in_headers_and_footers_are_left_out(tmp_path, furniture):
    from docx import Document

    document = Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = furniture
    section.footer.paragraphs[0].text = furniture
    document.add_paragraph("Ada Exemplar")
    document.add_paragraph("ada@example.com")
    document.save(tmp_path / "cv.docx")
    assert [line.text for line in docx_lines(tmp_path / "cv.docx")] == ["Ada Exemplar", "ada@example.com"]


def test_contact_details_in_a_header_are_kept(tmp_path):
    from docx import Document

    document = Document()
    document.sections[0].header.paragraphs[0].text = "ada@example.com · +44 20 7946 0018"
    document.add_paragraph("Ada Exemplar")
    document.save(tmp_path / "cv.docx")
    assert [line.text for line in docx_lines(tmp_path / "cv.docx")][0] == "ada@example.com · +44 20 7946 0018"
