"""An English paragraph or bullet in a right-to-left résumé reads in order in every format.

Before, each left-to-right run of such a paragraph was isolated on its own, then laid out right
to left: "Engineer with **five years** of experience" came out as "of experience ... five years
Engineer with" in the PDF, HTML and text (newcomer trial). Now a paragraph with no
right-to-left letter is set left to right as a whole (``RichText.direction``), as cover letters'
paragraphs are: HTML/PDF ``dir="ltr"``, DOCX ``w:bidi w:val="0"``, text and Markdown an LRM first.
A paragraph holding Arabic stays right to left, its English runs isolated as before.
"""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from resume_builder import pipeline
from resume_builder.render.isolation import with_ltr_isolates
from tests.checking.builders import builtin_themes

LRM = "\u200e"
CONTROLS = re.compile("[\u200e\u200f\u2066-\u2069]")
SUMMARY = "Engineer with **five years** of experience building reliable web services."
BULLET = "Handles **thousands** of events per second."
ARABIC_BULLET = "تدير خدمة **C++** للدفع"

PROFILE = f"""\
lang: ar
basics:
  name: ليلى مثال
  email: layla@example.org
summary: {SUMMARY}
experience:
  - company: Globex
    position: مهندسة
    start: 2020-01
    highlights:
      - {BULLET}
      - {ARABIC_BULLET}
      - text: Built the pipeline used by **all** teams
        details: [نشر بدون توقف, Argo Workflows on EKS]
"""


@pytest.fixture
def job(tmp_path):
    path = tmp_path / "me.yaml"
    path.write_text(PROFILE, encoding="utf-8")
    return lambda theme="classic": pipeline.prepare(path, theme_name=theme)


def _plain(markdown: str) -> str:
    return CONTROLS.sub("", markdown.replace("**", ""))


def test_only_paragraphs_without_right_to_left_letters_are_marked(job):
    doc = with_ltr_isolates(job().document)
    experience = next(section for section in doc.sections if section.key == "experience")
    english, arabic, _mixed = experience.entries[0].bullets
    assert english.text.direction == "ltr" and arabic.text.direction == "rtl"  # said explicitly
    summary = next(section for section in doc.sections if section.key == "summary")
    assert [paragraph.direction for paragraph in summary.paragraphs] == ["ltr"]


def test_a_left_to_right_document_is_left_as_it_is(tmp_path):
    path = tmp_path / "en.yaml"
    path.write_text(PROFILE.replace("lang: ar", "lang: en"), encoding="utf-8")
    doc = pipeline.prepare(path).document
    assert with_ltr_isolates(doc) is doc


@pytest.mark.usefixtures("cheap_font_subsetting")
@pytest.mark.parametrize("theme", builtin_themes())
def test_html_and_pdf_set_english_paragraphs_left_to_right(job, theme, tmp_path):
    rendered = job(theme)
    (html,) = pipeline.render(rendered, "html", tmp_path / "me.html")
    text = html.data.decode("utf-8")
    assert re.search(r'<(p|div)[^>]*dir="ltr"[^>]*>\s*(<p[^>]*>)?\u2066?Engineer with', text), theme
    assert re.search(r'<li[^>]*dir="ltr"[^>]*>\u2066?Handles', text), theme
    assert not re.search(r'<li[^>]*dir="ltr"[^>]*>[^<]*\u062a\u062f\u064a\u0631', text)  # the Arabic bullet: rtl
    (pdf,) = pipeline.render(rendered, "pdf", tmp_path / "me.pdf")
    (tmp_path / "me.pdf").write_bytes(pdf.data)
    from pdfminer.high_level import extract_text

    words = " ".join(extract_text(str(tmp_path / "me.pdf")).split())
    assert _plain(SUMMARY) in words, words
    assert _plain(BULLET) in words, words


def test_text_and_markdown_start_english_paragraphs_with_an_lrm(job, tmp_path):
    rendered = job()
    (txt,) = pipeline.render(rendered, "txt", tmp_path / "me.txt")
    lines = txt.data.decode("utf-8").split("\n")
    summary = next(line for line in lines if "Engineer with" in line)
    bullet = next(line for line in lines if "Handles" in line)
    assert summary.startswith(LRM) and bullet.startswith(LRM + "• ")
    assert CONTROLS.sub("", summary) == _plain(SUMMARY)
    arabic = next(line for line in lines if "C++" in line)
    assert not arabic.startswith(LRM)
    (md,) = pipeline.render(rendered, "md", tmp_path / "me.md")
    lines = md.data.decode("utf-8").split("\n")
    assert next(line for line in lines if "Engineer with" in line).startswith(LRM)
    assert next(line for line in lines if "Handles" in line).startswith("- " + LRM)


@pytest.mark.usefixtures("cheap_font_subsetting")
def test_docx_sets_english_paragraphs_left_to_right(job, tmp_path):
    (docx,) = pipeline.render(job(), "docx", tmp_path / "me.docx")
    xml = zipfile.ZipFile(io.BytesIO(docx.data)).read("word/document.xml").decode("utf-8")
    paragraphs = re.findall(r"<w:p[ >].*?</w:p>", xml)
    english = [p for p in paragraphs if "Handles" in p or "Engineer with" in p]
    arabic = [p for p in paragraphs if "\u062a\u062f\u064a\u0631" in p]
    assert len(english) == 2 and all('<w:bidi w:val="0"/>' in p for p in english)
    assert arabic and not any('<w:bidi w:val="0"/>' in p for p in arabic)


@pytest.mark.usefixtures("cheap_font_subsetting")
def test_mixed_directions_each_keep_their_own(tmp_path):
    """An Arabic sub-point under an English bullet took the bullet's direction; in compact,
    whose paragraphs and sub-points run in, an English bullet with an Arabic sub-point and an
    English paragraph beside an Arabic one in the summary were set right to left, their
    words reversed (newcomer trial)."""
    path = tmp_path / "mixed.yaml"
    path.write_text(PROFILE.replace(f"summary: {SUMMARY}", f"summary: |\n  {SUMMARY}\n\n  مهندسة منصات ذات خبرة"),
                    encoding="utf-8")
    classic = pipeline.render(pipeline.prepare(path, theme_name="classic"), "html", tmp_path / "c.html")[0]
    text = classic.data.decode("utf-8")
    assert re.search(r'<li dir="rtl">\u2068?\u0646\u0634\u0631', text), "the Arabic sub-point is right to left"
    assert re.search(r'<li dir="ltr">\u2066?Argo', text)
    rendered = pipeline.prepare(path, theme_name="compact")
    compact = pipeline.render(rendered, "html", tmp_path / "k.html")[0].data.decode("utf-8")
    assert re.search(r'<li dir="ltr">\u2066?Built the pipeline', compact)  # its run-in Arabic sub-point inside
    assert re.search(r'<div class="summary">\s*<p class="summary-text" dir="ltr">', compact)
    (pdf,) = pipeline.render(rendered, "pdf", tmp_path / "k.pdf")
    (tmp_path / "k.pdf").write_bytes(pdf.data)
    from pdfminer.high_level import extract_text

    words = " ".join(extract_text(str(tmp_path / "k.pdf")).split())
    assert _plain(SUMMARY) in words and "Built the pipeline used by all teams" in words, words
