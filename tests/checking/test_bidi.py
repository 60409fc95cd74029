"""Right-to-left résumés with left-to-right runs (issue 16, item 1).

Two invented profiles, Arabic and Hebrew, mix an e-mail, a phone number, a URL, English
names, ``C++`` and numbers. Before: the PDF drew the phone as ``4567 123 50 971+`` and ``C++``
as ``++C``, and `check` read the PDF's text layer in drawing order, failing name, phone,
headings and entries on our own output.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from resume_builder import pipeline
from resume_builder.bidi import LRI, LRM, PDI, isolate_ltr, visual_to_logical
from resume_builder.render.docx.scripts import RLM
from resume_builder.checking import run_checks
from resume_builder.checking.extract import extract
from tests.checking.builders import docx_available

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PROFILES = {"ar": FIXTURES / "bidi_ar.yaml", "he": FIXTURES / "bidi_he.yaml"}


def _render(language: str, fmt: str, folder: Path):
    if fmt == "docx" and not docx_available():
        pytest.skip("the DOCX format is not registered")
    job = pipeline.prepare(PROFILES[language])
    target = folder / f"bidi-{language}.{fmt}"
    (output,) = pipeline.render(job, fmt, target)
    target.write_bytes(output.data)
    return job, target


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    cache = {}

    def get(language: str, fmt: str):
        if (language, fmt) not in cache:
            cache[(language, fmt)] = _render(language, fmt, tmp_path_factory.mktemp(f"{language}{fmt}"))
        return cache[(language, fmt)]

    return get


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("language", ["ar", "he"])
def test_check_passes_on_right_to_left_output(language, fmt, rendered):
    job, path = rendered(language, fmt)
    report = run_checks(path, job.document)
    assert report.passed, "\n".join(f"{c.name}: {c.detail}" for c in report.failures)


@pytest.mark.parametrize("language", ["ar", "he"])
def test_pdf_text_reads_in_logical_order(language, rendered):
    """The phone, C++ and the e-mail come back as typed, in the order of the profile."""
    job, path = rendered(language, "pdf")
    body = extract(path).body
    doc = job.document
    assert body[0] == doc.name
    contacts = body[2]
    positions = [contacts.find(c.text) for c in doc.contacts]
    assert all(p >= 0 for p in positions) and positions == sorted(positions), (contacts, doc.contacts)
    text = "\n".join(body)
    assert "++C" not in text and "C++" in text
    phone = next(c.text for c in doc.contacts if c.kind == "phone")
    assert phone in text and phone.split()[-1] + " " not in text.split(phone)[0][-8:]
    summary = doc.section("summary").paragraphs[0].plain
    assert " ".join(summary.split()) in text


def test_isolated_runs():
    mark = lambda text: isolate_ltr(text, start="[", end="]")  # noqa: E731
    assert mark("مطورة C++") == "مطورة [C++]"
    assert mark("هاتف +971 50 123 4567 و") == "هاتف [+971 50 123 4567] و"
    assert mark("نقلت 12 خدمة إلى Kubernetes (EKS) دون انقطاع.") == "نقلت 12 خدمة إلى [Kubernetes (EKS)] دون انقطاع."
    assert mark("باستخدام gRPC.") == "باستخدام [gRPC]."  # the full stop ends the Arabic sentence
    assert mark("ב-C++ פי 3") == "ב-[C++] פי 3"
    assert mark("2013 – 2017") == "2013 – 2017"  # a date range keeps the script's own order
    assert mark("10,000 בקשות") == "10,000 בקשות"
    assert mark("layla@example.com") == "[layla@example.com]"


def test_visual_order_is_read_back():
    # As drawn, left to right: the Latin runs as typed, the Hebrew letters reversed.
    drawn = "+972 52 765 4321 ןופלט C++ תחתפמ"
    assert visual_to_logical(list(drawn)) == "מפתחת C++ טלפון +972 52 765 4321"
    # a glyph standing for two letters (a ligature) keeps them in reading order
    assert visual_to_logical(["ن", "لا", "ع", " ", "x"]) == "x علان"


@pytest.mark.usefixtures("cheap_font_subsetting")  # reads markup, not fonts (tests/font_stand_ins.py)
@pytest.mark.parametrize("fmt", ["txt", "md", "html"])
def test_text_formats_isolate_ltr_runs(fmt, tmp_path):
    job = pipeline.prepare(PROFILES["ar"])
    (output,) = pipeline.render(job, fmt, tmp_path / f"out.{fmt}")
    text = output.data.decode("utf-8")
    assert f"{LRI}C++{PDI}" in text and f"{LRI}+971 50 123 4567{PDI}" in text
    assert f"{LRI}layla.hassan@example.com{PDI}" in text


@pytest.mark.usefixtures("cheap_font_subsetting")  # reads markup, not fonts (tests/font_stand_ins.py)
def test_left_to_right_documents_get_no_isolates(tmp_path):
    profile = tmp_path / "en.yaml"
    profile.write_text("basics:\n  name: Alex Example\n  phone: +44 20 7946 0018\n"
                       "summary: C++ and Go.\n", encoding="utf-8")
    job = pipeline.prepare(profile)
    for fmt in ("txt", "md", "html"):
        (output,) = pipeline.render(job, fmt, tmp_path / f"out.{fmt}")
        assert not re.search("[\u2066-\u2069\u200e]", output.data.decode("utf-8")), fmt


def test_docx_runs_carry_their_direction(rendered):
    _, path = rendered("ar", "docx")
    xml = zipfile.ZipFile(io.BytesIO(path.read_bytes())).read("word/document.xml").decode("utf-8")
    runs = re.findall(r"<w:r>(.*?)</w:r>", xml, flags=re.S)
    ltr = [r for r in runs if re.search(r"<w:t[^>]*>[^<]*C\+\+", r)]
    assert ltr and all("<w:rtl/>" not in r for r in ltr)
    assert any(f"<w:t>C++{LRM}</w:t>" in r for r in ltr)  # ++ is neutral: fenced by a mark
    arabic = [r for r in runs if re.search("<w:t[^>]*>[^<]*[\u0600-\u06ff]", r)]
    assert arabic and all("<w:rtl/>" in r for r in arabic)
    assert f"{LRM}+971 50 123 4567{LRM}" in xml
    assert "<w:bidi/>" in xml


def _docx_paragraphs(path: Path) -> list[str]:
    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(path.read_bytes())).read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(f"{w}t")) for p in root.iter(f"{w}p")]


@pytest.mark.parametrize("language", ["ar", "he"])
def test_docx_items_read_in_the_pdfs_order(language, rendered):
    """The contact line and the skills line of a right-to-left DOCX, laid out by the bidi algorithm
    alone (as LibreOffice does, python-bidi here), put their items from right to left in the
    profile's order, as the PDF does. Before: a neutral separator between two left-to-right
    items (e-mail · phone; "C++، Python، Go") joined them in one left-to-right stretch, so the
    phone came first and the skills were reversed. A RIGHT-TO-LEFT MARK after each such
    separator sets them apart; it never touches a letter or digit, so the words an ATS reads
    are unchanged, and `check` passes (test_check_passes_on_right_to_left_output)."""
    from bidi import get_display

    job, path = rendered(language, "docx")
    paragraphs = _docx_paragraphs(path)
    doc = job.document
    contacts = [c.text for c in doc.contacts]
    line = next(p for p in paragraphs if contacts[0] in p)
    skills = next(p for p in paragraphs if p.endswith("Go"))
    # Arabic skills are items apart ("C++، Python، Go"); the Hebrew ones, joined by Latin commas,
    # are one English phrase ("C++, Rust, Go"), read left to right in the PDF as well.
    ordered = [(line, contacts), (skills, ["C++", "Python", "Go"])] if language == "ar" else [(line, contacts)]
    for text, items in ordered:
        drawn = get_display(text, base_dir="R")  # left to right, as laid out
        positions = [max(drawn.find(item), drawn.find(item[::-1])) for item in items]  # Arabic: drawn reversed
        assert all(p >= 0 for p in positions) and positions == sorted(positions, reverse=True), (drawn, items)
    for paragraph in paragraphs:
        for match in re.finditer(RLM, paragraph):
            assert paragraph[match.start() - 1] in "·•|،؛", paragraph  # only ever after a separator
    assert RLM in line


def test_docx_of_a_left_to_right_resume_has_no_right_to_left_marks(tmp_path):
    profile = tmp_path / "en.yaml"
    profile.write_text("basics:\n  name: Alex Example\n  email: alex@example.com\n  phone: +44 20 7946 0018\n"
                       "skills:\n  - name: Languages\n    keywords: [C++, Python, Go]\n", encoding="utf-8")
    job = pipeline.prepare(profile)
    (output,) = pipeline.render(job, "docx", tmp_path / "en.docx")
    (tmp_path / "en.docx").write_bytes(output.data)
    assert not any(RLM in p for p in _docx_paragraphs(tmp_path / "en.docx"))
