"""Localised résumés rendered for real: Arabic right to left, Japanese in a CJK font, and
the example profile in German as PDF and DOCX."""

from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import pytest

from resume_builder import pipeline
from tests.conftest import EXAMPLE

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARABIC = FIXTURES / "arabic.yaml"
JAPANESE = FIXTURES / "japanese.yaml"
ARABIC_LETTER = re.compile("[\u0600-\u06ff]")
BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                     reason="pdftotext (Debian package poppler-utils) is not installed")


def render(profile: Path, fmt: str, tmp_path: Path, **kwargs) -> bytes:
    job = pipeline.prepare(profile, **kwargs)
    [output] = pipeline.render(job, fmt, tmp_path / f"out.{fmt}")
    return output.data


def pdftotext(data: bytes, tmp_path: Path, *args: str) -> str:
    path = tmp_path / "text.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", *args, str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    return unicodedata.normalize("NFKC", BIDI_MARKS.sub("", text))


def in_order(text: str, *parts: str) -> None:
    position = 0
    for part in parts:
        found = text.find(part, position)
        assert found >= 0, f"{part!r} missing after position {position} in:\n{text}"
        position = found + len(part)


def docx_text(data: bytes) -> str:
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    paragraphs = re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S)
    return html.unescape("\n".join("".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", p)) for p in paragraphs))


def needs_docx():
    if "docx" not in pipeline.available_formats():
        pytest.skip("the DOCX renderer is not available in this checkout")


# ----------------------------------------------------------------------------- Arabic, right to left


@pytest.fixture(scope="module")
def arabic_pdf(tmp_path_factory) -> bytes:
    return render(ARABIC, "pdf", tmp_path_factory.mktemp("ar"))


@pytest.mark.usefixtures("cheap_font_subsetting")  # reads markup, not fonts (tests/font_stand_ins.py)
def test_arabic_html_is_right_to_left(tmp_path):
    html = render(ARABIC, "html", tmp_path).decode("utf-8")
    assert re.search(r'<html lang="ar" dir="rtl">', html)
    assert "الخبرة المهنية" in html and "مارس 2023 – حتى الآن" in html


@needs_pdftotext
def test_arabic_pdf_text_comes_out_in_reading_order(arabic_pdf, tmp_path):
    # Words with a lam-alef ligature are avoided: pdftotext writes the ligature's letters
    # in visual order.
    text = pdftotext(arabic_pdf, tmp_path)
    in_order(text, "سارة أحمد", "مهندسة برمجيات", "الخبرة المهنية", "شركة المثال",
             "قيادة فريق من خمسة مهندسين", "المهارات", "البرمجة")
    assert "مهندسة برمجيات ذات خبرة في بناء" in text


@needs_pdftotext
def test_arabic_pdf_is_laid_out_right_to_left(arabic_pdf, tmp_path):
    page = pdftotext(arabic_pdf, tmp_path, "-bbox")
    width = float(re.search(r'<page width="([\d.]+)"', page).group(1))
    words = [(float(x0), float(y0), float(x1), word[::-1] if ARABIC_LETTER.search(word) else word)
             for x0, y0, x1, word in re.findall(  # pdftotext gives Arabic words in visual order
                 r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', page)]

    def box(word: str, near: float | None = None):
        return next(w for w in words if w[3] == word and (near is None or abs(w[1] - near) < 5))

    # The summary reads from the right: each word left of the one before it, on one line.
    line = box("خبرة")[1]
    sentence = [box(w, line) for w in ("مهندسة", "برمجيات", "ذات", "خبرة", "في", "بناء")]
    assert all(later[2] < earlier[0] for earlier, later in zip(sentence, sentence[1:]))
    assert box("نبذة")[2] > 0.85 * width  # section headings hug the right margin
    # an entry's date sits under its title and organisation, at the right (start) edge
    assert box("2023")[2] > 0.85 * width and box("2023")[1] > box("شركة")[1]


def test_arabic_docx_paragraphs_are_bidi(tmp_path):
    needs_docx()
    data = render(ARABIC, "docx", tmp_path)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    assert "<w:bidi/>" in xml
    in_order(docx_text(data), "سارة أحمد", "الخبرة المهنية", "شركة المثال", "المهارات")


# ----------------------------------------------------------------------------- Japanese, CJK font


def test_japanese_pdf_uses_a_cjk_font_from_the_fallbacks(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    data = render(JAPANESE, "pdf", tmp_path)
    fonts = set()
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert any("CJK" in name for name in fonts), fonts
    if shutil.which("pdftotext"):
        in_order(pdftotext(data, tmp_path), "山田 花子", "概要", "職歴", "シニアエンジニア", "2023年3月 – 現在")


# ----------------------------------------------------------------------------- the example in German


GERMAN = ("Platform- & DevOps-Engineer", "Profil", "Erfahrener Senior Principal Software Engineer",
          "Kenntnisse", "Berufserfahrung", "März 2023 – heute", "Projekte", "Auszeichnungen", "Ausbildung")


@needs_pdftotext
def test_german_example_pdf(tmp_path):
    job = pipeline.prepare(EXAMPLE, lang="de")
    assert job.warnings == []
    [pdf] = pipeline.render(job, "pdf", tmp_path / "example-de.pdf")
    text = pdftotext(pdf.data, tmp_path, "-raw")
    in_order(text, *GERMAN)
    assert not re.search(r"^(Experience|Projects|Education)$|– present", text, flags=re.M)


def test_german_example_docx(tmp_path):
    needs_docx()
    job = pipeline.prepare(EXAMPLE, lang="de")
    [docx] = pipeline.render(job, "docx", tmp_path / "example-de.docx")
    text = docx_text(docx.data)
    in_order(text, *GERMAN)
    assert not re.search(r"^(Experience|Projects|Education)$|– present", text, flags=re.M)
    styles = zipfile.ZipFile(io.BytesIO(docx.data)).read("word/styles.xml").decode("utf-8")
    assert '<w:lang w:val="de"' in styles
