"""English skill lines in a right-to-left résumé read left to right, with Latin commas.

``render --locale ar`` on an English profile set each skill line right to left, so
``Linux & Containers: Linux، Docker، Kubernetes`` came out as ``EKS ،ECS ،Kubernetes ،Docker
،Linux :Linux & Containers`` in the PDF and the DOCX (the label at the right, the keywords in
reverse), while English bullets were already set left to right. A pair (skills, languages,
interests) with no right-to-left letter is now set left to right in every format, and its
keywords are joined with ", " (the Arabic comma is for Arabic items: an Arabic skill line keeps
it, and stays right to left).
"""

from __future__ import annotations

import re
import zipfile

import pytest

from resume_builder import pipeline
from tests.conftest import EXAMPLE

ARABIC = EXAMPLE.read_text(encoding="utf-8").replace(
    "skills:\n", "skills:\n  - name: لغات البرمجة\n    keywords: [بايثون, جافا]\n", 1)


@pytest.mark.usefixtures("cheap_font_subsetting")  # reads text and markup, not the fonts
def test_english_pairs_read_left_to_right_and_arabic_ones_right_to_left(tmp_path):
    profile = tmp_path / "example.yaml"
    profile.write_text(ARABIC, encoding="utf-8")
    job = pipeline.prepare(profile, locale="ar")
    skills = job.document.section("skills").entries
    assert skills[0].description.plain == "بايثون، جافا"
    assert skills[1].description.plain == "Linux, Docker, Kubernetes, ECS, EKS"

    (html,) = pipeline.render(job, "html", tmp_path / "cv.html")
    pairs = re.findall(r'<li class="pair"([^>]*)>(.*?)</li>', html.data.decode(), re.S)
    assert pairs[0][0] == "" and "بايثون" in pairs[0][1]
    assert pairs[1][0] == ' dir="ltr"' and "Linux, Docker" in pairs[1][1]

    (docx,) = pipeline.render(job, "docx", tmp_path / "cv.docx")
    docx.path.write_bytes(docx.data)
    with zipfile.ZipFile(docx.path) as z:
        xml = z.read("word/document.xml").decode()
    paragraphs = [p for p in xml.split("</w:p>") if "PairLine" in p]
    arabic = next(p for p in paragraphs if "بايثون" in p)
    english = next(p for p in paragraphs if "Kubernetes" in p)
    assert '<w:bidi w:val="0"/>' in english and "<w:bidi" not in arabic.split("</w:pPr>")[0]


def test_an_english_degree_in_a_right_to_left_resume_keeps_its_order_and_the_latin_comma(tmp_path):
    """``degree: BSc, area: Computer Science`` printed "Computer Science ،BSc" under --locale ar
    (fresh trial): joined with the Arabic comma, the two English words were set right to left."""
    profile = tmp_path / "example.yaml"
    profile.write_text(ARABIC, encoding="utf-8")
    job = pipeline.prepare(profile, locale="ar")
    titles = [entry.title.plain for entry in job.document.section("education").entries]
    assert titles and all("،" not in title for title in titles), titles
    assert any(", " in title for title in titles), titles
