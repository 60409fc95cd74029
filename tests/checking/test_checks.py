"""Files built to fail fail, each with the reason a person needs; their clean twins pass.

Every fixture is made here (WeasyPrint, Pillow, python-docx, or a few lines of raw PDF):
no binary is committed.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from resume_builder.checking import run_checks
from resume_builder.checking.checks import MAX_BYTES, all_checks
from resume_builder.checking.extract import DOCX, PDF, Extracted, extract
from resume_builder.errors import UserError
from tests.checking import builders

# ----------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory):
    """Each builder's file, made once for the module."""
    folder = tmp_path_factory.mktemp("ats-fixtures")
    cache: dict[str, Path] = {}

    def get(name: str) -> Path:
        if name not in cache:
            ext = "pdf" if name.startswith("pdf") else "docx"
            cache[name] = getattr(builders, name)(folder / f"{name}.{ext}")
        return cache[name]

    return get


def failed(report) -> dict[str, str]:
    return {c.name: c.detail for c in report.failures}


# ----------------------------------------------------------------------------- the clean twins


@pytest.mark.parametrize("name", ["pdf_plain", "docx_plain"])
def test_clean_fixtures_pass(made, name):
    report = run_checks(made(name))
    assert report.passed, failed(report)


# ----------------------------------------------------------------------------- contact details


def test_pdf_email_only_in_running_header_fails(made):
    path = made("pdf_contact_in_page_header")
    report = run_checks(path)
    assert set(failed(report)) == {"email"}
    detail = report.check("email").detail
    assert builders.EMAIL in detail and "running page header/footer" in detail and "body" in detail
    assert builders.EMAIL in "\n".join(extract(path).headers)  # it is there, just not in the body
    assert report.check("phone").passed and report.check("name").passed


def test_pdf_contact_line_as_image_fails(made):
    report = run_checks(made("pdf_contact_as_image"))
    assert {"email", "phone"} <= set(failed(report))
    for name in ("email", "phone"):
        detail = report.check(name).detail
        assert "image" in detail and "page 1" in detail and "picture" in detail


def test_docx_email_only_in_header_part_fails(made):
    report = run_checks(made("docx_contact_in_header"))
    assert set(failed(report)) == {"email"}
    assert "page header/footer" in report.check("email").detail


def test_docx_two_column_table_fails(made):
    report = run_checks(made("docx_two_column_table"))
    problems = failed(report)
    assert "layout" in problems and "1 table holds content" in problems["layout"]
    assert "only in a table" in problems["email"] and "only in a table" in problems["phone"]
    assert "in a table" in problems["headings"]


def test_docx_text_box_fails(tmp_path):
    from docx import Document
    from docx.oxml import parse_xml

    document = Document()
    document.add_paragraph(builders.NAME)
    box = (
        '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><w:r><w:pict><v:shape style="width:200pt;height:40pt">'
        f'<v:textbox><w:txbxContent><w:p><w:r><w:t>{builders.EMAIL}</w:t></w:r></w:p></w:txbxContent>'
        '</v:textbox></v:shape></w:pict></w:r></w:p>')
    document.element.body.insert(1, parse_xml(box))
    builders._docx_body(document, contact=builders.PHONE)
    document.save(tmp_path / "box.docx")
    report = run_checks(tmp_path / "box.docx")
    problems = failed(report)
    assert set(problems) == {"email", "layout"}
    assert "only in a text box" in problems["email"]
    assert "1 text box holds content" in problems["layout"]


# ----------------------------------------------------------------------------- text quality


def test_pdf_with_ligature_glyphs_fails(made):
    report = run_checks(made("pdf_with_ligature_glyphs"))
    assert set(failed(report)) == {"clean-text"}
    detail = report.check("clean-text").detail
    assert "ligature" in detail and "U+FB01" in detail and "\ufb01nance" in detail


def _extracted(body: list[str], **facts) -> Extracted:
    return Extracted(path=Path("x.pdf"), kind=facts.pop("kind", PDF), size=facts.pop("size", 1000),
                     body=body, lines=list(body), pages=1, **facts)


@pytest.mark.parametrize("text, words", [
    ("Caf\ufffd owner", "U+FFFD"),
    ("Skills \ue001 Python", "private-use"),
    ("Experi\u00adence", "1 soft hyphen inside words"),  # one, in the singular
    ("Experi\u00adence and Gar\u00addening", "2 soft hyphens inside words"),
    ("(cid:42)(cid:7)", "(cid:N)"),
    ("e\ufb00ective", "ligature"),
])
def test_each_kind_of_garbling_is_named(text, words):
    (result,) = [r for r in all_checks(_extracted(["Alex Example", text]), None) if r.name == "clean-text"]
    assert not result.passed and words in result.detail


def test_soft_hyphen_outside_a_word_is_not_garbling():
    (result,) = [r for r in all_checks(_extracted(["Alex Example", "a \u00ad b"]), None) if r.name == "clean-text"]
    assert result.passed


# ----------------------------------------------------------------------------- headings and name


def test_letter_spaced_headings_fail():
    results = {r.name: r for r in all_checks(_extracted(
        ["Alex Example", "alex@example.com", "E X P E R I E N C E", "Platform Engineer", "E DUCATION"]), None)}
    assert not results["headings"].passed
    assert "'E X P E R I E N C E'" in results["headings"].detail
    assert "letter-spacing" in results["headings"].detail


def test_without_standard_headings_fails():
    results = {r.name: r for r in all_checks(_extracted(["Alex Example", "Where I worked", "Fresha"]), None)}
    assert not results["headings"].passed and "Experience" in results["headings"].detail


def test_first_line_that_is_not_a_name_fails():
    results = {r.name: r for r in all_checks(_extracted(["CURRICULUM VITAE: 2024", "Alex Example"]), None)}
    assert not results["name"].passed and "first line" in results["name"].detail


def test_name_sharing_its_line_fails_against_the_profile(example_document):
    ex = _extracted([f"{example_document.name} Platform & DevOps Engineer", "Summary"])
    (result,) = [r for r in all_checks(ex, example_document) if r.name == "name"]
    assert not result.passed and "shares its line" in result.detail


def test_standard_headings_list_is_case_insensitive():
    results = {r.name: r for r in all_checks(_extracted(
        ["Alex Example", "WORK EXPERIENCE", "Fresha", "education:", "Skills & Expertise"]), None)}
    assert results["headings"].passed, results["headings"].detail


# ----------------------------------------------------------------------------- entries against a profile


PROFILE = """
basics:
  name: Jo Short
  email: jo@example.org
  phone: "+49 30 1234567"
experience:
{jobs}
education:
  - institution: TU Example
    degree: MSc
    area: Computer Science
    start: 2016
    end: 2018
"""
JOBS = {
    "sre": "  - {company: Example GmbH, position: Site Reliability Engineer, start: 2021-03}",
    "ops": "  - {company: Other AG, position: Operations Engineer, start: 2018-01, end: 2021-02}",
    "dev": "  - {company: Third Ltd, position: Developer, start: 2015-01, end: 2017-12}",
}


def _profile(tmp_path: Path, name: str, jobs: list[str]) -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(PROFILE.format(jobs="\n".join(JOBS[j] for j in jobs)), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def sre_then_ops(tmp_path_factory):
    from resume_builder import pipeline

    folder = tmp_path_factory.mktemp("entries")
    job = pipeline.prepare(_profile(folder, "made", ["sre", "ops"]))
    (pdf,) = pipeline.render(job, "pdf", folder / "made.pdf")
    pdf.path.write_bytes(pdf.data)
    return folder, pdf.path, job.document


def test_entries_found_in_order(sre_then_ops):
    _, pdf, document = sre_then_ops
    report = run_checks(pdf, document)
    assert report.passed, failed(report)
    assert report.check("entries").detail.startswith("all 2 experience and 1 education entries found in order")


def test_entries_out_of_order_fail(sre_then_ops):
    from resume_builder import pipeline

    folder, pdf, _ = sre_then_ops
    swapped = pipeline.prepare(_profile(folder, "swapped", ["ops", "sre"])).document
    detail = failed(run_checks(pdf, swapped))["entries"]
    assert "out of order" in detail


def test_missing_entry_fails(sre_then_ops):
    from resume_builder import pipeline

    folder, pdf, _ = sre_then_ops
    more = pipeline.prepare(_profile(folder, "more", ["sre", "ops", "dev"])).document
    detail = failed(run_checks(pdf, more))["entries"]
    assert "Experience #3: position 'Developer' missing" in detail


def test_wrong_dates_fail(sre_then_ops, tmp_path):
    from resume_builder import pipeline

    _, pdf, _ = sre_then_ops
    path = _profile(tmp_path, "dates", ["sre", "ops"])
    path.write_text(path.read_text().replace("2018-01", "2019-01"), encoding="utf-8")
    detail = failed(run_checks(pdf, pipeline.prepare(path).document))["entries"]
    assert "dates 'Jan 2019 – Feb 2021' missing" in detail


# ----------------------------------------------------------------------------- PDF structure


def _raw_pdf(path: Path, pages: list[bytes]) -> Path:
    """A minimal untagged PDF with an unembedded standard font (Helvetica)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", None,
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for content in pages:
        stream = len(objects) + 1
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
        kids.append(len(objects) + 1)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                       b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % stream)
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def test_unembedded_fonts_untagged_and_textless_pages_fail(tmp_path):
    text = (b"BT /F1 20 Tf 72 770 Td (Alex Example) Tj /F1 10 Tf 0 -20 Td "
            b"(alex@example.com  +44 20 7946 0018) Tj 0 -30 Td (Experience) Tj 0 -14 Td (Fresha) Tj "
            b"0 -30 Td (Education) Tj 0 -14 Td (TU Example) Tj ET")
    report = run_checks(_raw_pdf(tmp_path / "raw.pdf", [text, b""]))
    problems = failed(report)
    assert set(problems) == {"fonts-embedded", "tagged", "text-layer"}
    assert "Helvetica" in problems["fonts-embedded"]
    assert "StructTreeRoot" in problems["tagged"]
    assert "page 2 of 2 has no selectable text" in problems["text-layer"]
    assert report.pages == 2


def test_running_header_repeated_on_every_page_is_not_body(tmp_path):
    """A header inside the page (not in the margin band) that repeats is still a running header."""
    header = b"BT /F1 9 Tf 400 790 Td (alex@example.com) Tj ET "
    page1 = header + b"BT /F1 20 Tf 72 740 Td (Alex Example) Tj /F1 10 Tf 0 -30 Td (Experience) Tj ET"
    page2 = header + b"BT /F1 10 Tf 72 740 Td (Education) Tj ET"
    path = _raw_pdf(tmp_path / "repeat.pdf", [page1, page2])
    ex = extract(path)
    assert ex.headers == ["alex@example.com", "alex@example.com"]
    assert "alex@example.com" not in ex.body_text
    assert "running page header/footer" in run_checks(path).check("email").detail


def test_file_over_two_megabytes_fails():
    results = {r.name: r for r in all_checks(_extracted(["Alex Example"], size=MAX_BYTES + 1), None)}
    assert not results["file-size"].passed and "2 MB" in results["file-size"].detail


@pytest.mark.parametrize("size, shown", [(43_000, "41 KiB"), (102_400, "100 KiB"), (500, "500 bytes"),
                                         (1, "1 byte")])
def test_the_size_is_said_in_the_headings_unit(size, shown):
    """The heading says KiB; the check said "0.10 MB" or "43 kB" (newcomer trial)."""
    results = {r.name: r for r in all_checks(_extracted(["Alex Example"], size=size), None)}
    assert results["file-size"].detail == f"{shown}, under the 2 MB (1,953 KiB) upload limit many ATS have"


# ----------------------------------------------------------------------------- DOCX facts


def _with_app_xml(source: Path, target: Path, pages: bytes | None) -> Path:
    """A copy of ``source`` whose docProps/app.xml says ``<Pages>pages</Pages>`` (or has no Pages)."""
    import re

    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "docProps/app.xml":
                data = re.sub(rb"\s*<Pages>\d*</Pages>", b"", data)
                if pages is not None:
                    data = data.replace(b"</Properties>", b"<Pages>" + pages + b"</Pages></Properties>")
            dst.writestr(item, data)
    return target


def test_docx_page_count_comes_from_app_xml(made, tmp_path):
    assert run_checks(_with_app_xml(made("docx_plain"), tmp_path / "two.docx", b"2")).pages == 2
    assert run_checks(_with_app_xml(made("docx_plain"), tmp_path / "none.docx", None)).pages is None


def test_docx_deleted_text_and_field_codes_are_not_read(tmp_path):
    from docx import Document
    from docx.oxml import parse_xml

    document = Document()
    builders._docx_body(document, contact=builders.CONTACT_LINE)
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document.element.body.insert(0, parse_xml(
        f'<w:p {w}><w:del w:id="1" w:author="x"><w:r><w:delText>Old Name</w:delText></w:r></w:del>'
        f'<w:r><w:instrText> PAGE </w:instrText></w:r></w:p>'))
    document.save(tmp_path / "tracked.docx")
    ex = extract(tmp_path / "tracked.docx")
    assert ex.kind == DOCX and ex.body[0] == builders.NAME


# ----------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("content, message", [
    (b"hello", "bad.pdf: named .pdf but not a PDF: it holds plain text"),
    (b"%PDF-1.7\ngarbage", "not a readable PDF"),
    (b"PK\x03\x04garbage", "not a readable DOCX"),
])
def test_unreadable_files_are_user_errors(tmp_path, content, message):
    path = tmp_path / "bad.pdf"
    path.write_bytes(content)
    with pytest.raises(UserError, match=message):
        run_checks(path)


def test_missing_file_is_a_user_error(tmp_path):
    with pytest.raises(UserError, match="file not found"):
        run_checks(tmp_path / "nope.pdf")


def test_zip_that_is_not_a_word_document_is_a_user_error(tmp_path):
    path = tmp_path / "x.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("content.xml", "<x/>")
    with pytest.raises(UserError, match="not a Word document"):
        run_checks(path)


def test_truncated_pdf_is_a_user_error(made, tmp_path):
    path = tmp_path / "cut.pdf"
    path.write_bytes(made("pdf_plain").read_bytes()[:2000])
    with pytest.raises(UserError, match="not a readable PDF"):
        run_checks(path)


@pytest.mark.parametrize("headings, words", [
    (["Education"], "only one standard heading on a line of its own (Education); a second, such as Experience,"),
    (["Experience"], "only one standard heading on a line of its own (Experience); a second, such as Education,"),
    (["Skills", "Projects"], "no Experience or Education heading on a line of its own (found only: Skills, Projects)"),
    ([], "no standard headings (such as Experience and Education) on lines of their own"),
])
def test_a_failed_heading_check_says_what_it_found_without_contradicting_it(tmp_path, headings, words):
    """It said "no standard Experience or Education headings (found only: Education)" (newcomer trial)."""
    from docx import Document

    from resume_builder.checking.checks import check_headings
    from resume_builder.checking.extract import extract

    document = Document()
    document.add_paragraph("Ada Exemplar")
    for heading in headings:
        document.add_heading(heading, level=1)
        document.add_paragraph("Example Systems, 2020 to 2024")
    document.save(tmp_path / "cv.docx")
    result = check_headings(extract(tmp_path / "cv.docx"), None)
    assert not result.passed and words in result.detail, result.detail
