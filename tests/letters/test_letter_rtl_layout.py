"""Right-to-left cover letters: punctuation and paragraph direction (issue 16, letters).

Before: an Arabic salutation typed with a Latin comma kept it; an English paragraph in an
Arabic letter (``--locale ar`` on an English profile) was set right to left, so its full
stop went to its left end and runs split by bold text were drawn in the wrong order.
Now a paragraph without any right-to-left letter is set left to right in every format
(HTML/PDF ``dir="ltr"``, DOCX ``w:bidi w:val="0"``, text and Markdown an LRM first), and a
final comma after Arabic in the salutation or closing is the Arabic comma. The date stays
at the end edge in both directions, the mirror of the left-to-right letter (Arabic and
Hebrew letters put the date at the top left).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app

# About what documents say, not their fonts: font subsetting is stood in for (tests/font_stand_ins.py).
pytestmark = pytest.mark.usefixtures("cheap_font_subsetting")

runner = CliRunner()
LRM, RLM = "\u200e", "\u200f"
CONTROLS = re.compile("[\u200e\u200f\u2066-\u2069]")

ARABIC = """\
lang: ar
basics: {name: ليلى حسن, email: layla@example.com}
letters:
  job:
    date: 2026-03-02
    recipient: {name: سارة أحمد, company: شركة المثال}
    position: مهندسة منصات
    salutation: عزيزتي سارة,
    body:
      - أتقدم لوظيفة {position} في {company}.
      - I also write English; this paragraph is English only.
    closing: مع خالص التحية;
"""
HEBREW = """\
lang: he
basics: {name: נועה לוי, email: noa@example.com}
letters:
  job:
    recipient: {company: חברת דוגמה}
    salutation: שלום רב,
    body: [אני מגישה מועמדות למשרה.]
"""
ENGLISH = """\
basics: {name: Alex Example, email: alex@example.com}
letters:
  job:
    recipient: {company: Northwind Pay}
    position: Platform Engineer
    body:
      - I designed and set up **Argo Workflows** on AWS EKS and led the migration of our CI/CD pipelines.
"""


def _letter(tmp_path: Path, text: str, *args: str) -> dict[str, bytes]:
    (tmp_path / "p.yaml").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["letter", str(tmp_path / "p.yaml"), "-f", "html", "-f", "txt", "-f", "md",
                                 "-f", "docx", "--out-dir", str(out), *args])
    assert result.exit_code == 0, result.output
    return {p.suffix.lstrip("."): p.read_bytes() for p in out.iterdir()}


def _lines(data: bytes) -> list[str]:
    return [line for line in data.decode("utf-8").splitlines() if line.strip()]


def _docx_paragraphs(data: bytes) -> list[tuple[str, bool]]:
    """(text, set left to right with w:bidi w:val="0") per paragraph."""
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    out = []
    for p in re.findall(r"<w:p[ >].*?</w:p>", xml, re.S):
        text = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", p))
        out.append((CONTROLS.sub("", text), '<w:bidi w:val="0"/>' in p))
    return out


def test_an_arabic_salutation_and_closing_end_in_arabic_punctuation(tmp_path):
    written = _letter(tmp_path, ARABIC)
    typed_salutation, typed_closing = "عزيزتي سارة,", "مع خالص التحية;"
    salutation = typed_salutation[:-1] + "\u060c"  # ARABIC COMMA
    closing = typed_closing[:-1] + "\u061b"  # ARABIC SEMICOLON
    lines = [CONTROLS.sub("", line) for line in _lines(written["txt"])]
    assert salutation in lines and closing in lines
    assert typed_salutation not in lines
    html = written["html"].decode("utf-8")
    assert re.search(r'<p class="letter-salutation">[^<]*' + salutation, CONTROLS.sub("", html))
    assert (salutation, False) in _docx_paragraphs(written["docx"])


def test_a_hebrew_salutation_keeps_its_comma(tmp_path):
    lines = [CONTROLS.sub("", line) for line in _lines(_letter(tmp_path, HEBREW)["txt"])]
    assert "שלום רב," in lines  # Hebrew writes the Latin comma


def test_an_english_paragraph_in_an_arabic_letter_is_set_left_to_right(tmp_path):
    written = _letter(tmp_path, ARABIC)
    english = "I also write English; this paragraph is English only."
    html = written["html"].decode("utf-8")
    assert '<html lang="ar" dir="rtl">' in html
    paragraphs = re.findall(r'<p class="letter-text"([^>]*)>(.*?)</p>', html, re.S)
    assert [(attrs, CONTROLS.sub("", text).strip()) for attrs, text in paragraphs][1] == (' dir="ltr"', english)
    assert paragraphs[0][0] == ""  # the Arabic paragraph keeps the letter's direction
    for fmt in ("txt", "md"):
        line = next(line for line in _lines(written[fmt]) if "English only" in line)
        assert line.startswith(LRM) and RLM not in line and CONTROLS.sub("", line).endswith("English only.")
    assert (english, True) in _docx_paragraphs(written["docx"])
    assert any(text.startswith("أتقدم") and not ltr for text, ltr in _docx_paragraphs(written["docx"]))


def test_an_english_letter_with_an_arabic_locale_reads_in_order(tmp_path):
    written = _letter(tmp_path, ENGLISH, "--locale", "ar")
    html = written["html"].decode("utf-8")
    assert 'dir="rtl"' in html and '<p class="letter-text" dir="ltr">' in html
    body = "I designed and set up Argo Workflows on AWS EKS and led the migration of our CI/CD pipelines."
    text_lines = _lines(written["txt"])
    assert body in [CONTROLS.sub("", line) for line in text_lines if line.startswith(LRM)]
    # the Arabic locale's salutation stays right to left
    salutation = next(line for line in text_lines if "\u060c" in line and "المحترم" in line)
    assert not salutation.startswith(LRM)


def test_the_date_keeps_the_end_edge_in_both_directions(tmp_path):
    html = _letter(tmp_path, ARABIC)["html"].decode("utf-8")
    assert re.search(r"\.letter-date \{ text-align: end;", html)
    assert re.search(r'<p class="letter-date">', html)  # no dir of its own: the letter's (rtl)


@pytest.mark.slow
def test_the_pdf_of_an_english_paragraph_in_an_arabic_letter_ends_with_its_full_stop(tmp_path):
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextLine

    (tmp_path / "p.yaml").write_text(ARABIC, encoding="utf-8")
    out = tmp_path / "l.pdf"
    result = runner.invoke(app, ["letter", str(tmp_path / "p.yaml"), "-o", str(out)])
    assert result.exit_code == 0, result.output

    def lines(element):
        for child in element:
            if isinstance(child, LTTextLine):
                yield child
            elif hasattr(child, "__iter__"):
                yield from lines(child)

    (page,) = extract_pages(out)
    english = next(line for line in lines(page) if "English only" in line.get_text())
    # drawn left to right from the left margin: the full stop last, at the right
    assert english.get_text().strip() == "I also write English; this paragraph is English only."
    arabic = next(line for line in lines(page) if "أتقدم" in line.get_text() or "مدقتأ" in line.get_text())
    assert english.x0 < arabic.x0 and english.x1 < arabic.x1
