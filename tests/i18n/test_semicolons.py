"""The semicolon between items that hold commas is the document's language's.

compact runs skill groups together ("Languages: Go, Rust; Cloud: AWS") and a bullet's
sub-points after it, with semicolons between. An Arabic résumé got the Latin ";" (the
Arabic script has its own, U+061B), a Japanese one a half-width ";" among full-width
punctuation, a French one no space before it.
"""

from __future__ import annotations

import io
import zipfile

import pytest

from resume_builder import pipeline

PROFILE = """\
basics: {name: Sam Example}
experience:
  - company: Example Co
    position: Engineer
    start: 2020-01
    highlights:
      - text: Ran the platform
        details: [first point, second point]
skills:
  - {name: Languages, keywords: [Go, Rust]}
  - {name: Cloud, keywords: [AWS, GCP]}
"""


@pytest.mark.usefixtures("cheap_font_subsetting")  # reads text and markup, not the fonts
@pytest.mark.parametrize(("lang", "separator"), [
    (None, "; "), ("ar", "\u061b "), ("ja", "\uff1b"), ("zh", "\uff1b"), ("fr", "\u00a0; "), ("he", "; "),
])
def test_compact_sets_its_semicolons_in_the_documents_language(tmp_path, lang, separator):
    path = tmp_path / "p.yaml"
    path.write_text(PROFILE, encoding="utf-8")
    job = pipeline.prepare(pipeline.RenderRequest(profile=path, lang=lang, theme="compact"))
    assert job.document.semicolon_separator == separator
    html = pipeline.render(job, "html", tmp_path / "out.html")[0].data.decode()
    # between the two sub-points and between the two skill groups
    assert html.count(f'<span class="sep">{separator.replace(chr(0xa0), "&nbsp;")}</span>') == 2 \
        or html.count(f'<span class="sep">{separator}</span>') == 2, html
    docx = pipeline.render(job, "docx", tmp_path / "out.docx")[0].data
    xml = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode()
    assert xml.count(f">{separator}<") == 2 or xml.count(f'xml:space="preserve">{separator}<') == 2
    if separator != "; ":
        assert ">; <" not in xml and '"sep">; <' not in html


@pytest.mark.usefixtures("cheap_font_subsetting")  # reads text and markup, not the fonts
def test_no_gap_is_added_after_a_full_width_semicolon(tmp_path):
    """compact's pairs are inline blocks a space and a margin apart; after the full-width
    "；", whose glyph holds its own space, that showed as a wide gap ("EKS；  Cloud")."""
    path = tmp_path / "p.yaml"
    path.write_text(PROFILE, encoding="utf-8")
    for lang, between, margin in (("ja", "；</span></li><li", "margin-inline-end: 0;"),
                                  (None, "; </span></li> <li", "margin-inline-end: 0.5em;")):
        job = pipeline.prepare(pipeline.RenderRequest(profile=path, lang=lang, theme="compact"))
        html = pipeline.render(job, "html", tmp_path / "out.html")[0].data.decode()
        assert between in html and f"li.pair {{ display: inline-block; {margin} }}" in html, lang
