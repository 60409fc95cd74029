"""Each entry's link printed as text in every format and theme (issue 15, item 7).

A printed page or a text-only ATS cannot follow a link on a name, so the address is
printed too (shortened, no scheme), after the date and place; theme option
``entry_urls: false`` hides it everywhere while the name stays linked.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from pdfminer.high_level import extract_text

from resume_builder.pipeline import prepare, render

PROFILE = """\
basics: {name: Kit Sample, email: kit@example.com}
experience:
  - company: Harbour Lights Ltd
    position: Senior Engineer
    url: https://www.harbour-lights.example.com/about/
    location: Porthaven
    start: 2019-03
    highlights: [Rebuilt the tide-table service]
projects:
  - name: Tidewatch
    url: https://codeberg.example.org/kit/tidewatch
    description: A tide-table app for small harbours.
"""
SHOWN = ("harbour-lights.example.com/about", "codeberg.example.org/kit/tidewatch")


def text_of(fmt: str, data: bytes) -> str:
    if fmt == "pdf":
        return " ".join(extract_text(io.BytesIO(data)).split())
    if fmt == "docx":
        return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    return data.decode("utf-8")


def rendered(tmp_path: Path, fmt: str, **options) -> bytes:
    path = tmp_path / "profile.yaml"
    path.write_text(PROFILE, encoding="utf-8")
    job = prepare(path, overrides=options)
    return render(job, fmt, tmp_path / f"out.{fmt}")[0].data


@pytest.mark.usefixtures("cheap_font_subsetting")  # reads markup, not fonts (tests/font_stand_ins.py)
@pytest.mark.parametrize("fmt", ["md", "txt", "html", "docx"])
def test_every_format_prints_the_link(tmp_path: Path, fmt):
    text = text_of(fmt, rendered(tmp_path, fmt))
    for shown in SHOWN:
        assert shown in text


@pytest.mark.parametrize("theme", ["classic", "modern", "compact"])
def test_every_theme_prints_the_link_in_the_pdf(tmp_path: Path, theme):
    text = text_of("pdf", _pdf(tmp_path, theme))
    assert "Mar 2019 – present · Porthaven · harbour-lights.example.com/about" in text
    assert "codeberg.example.org/kit/tidewatch" in text


def _pdf(tmp_path: Path, theme: str, **options) -> bytes:
    path = tmp_path / "profile.yaml"
    path.write_text(PROFILE, encoding="utf-8")
    job = prepare(path, theme_name=theme, overrides=options)
    return render(job, "pdf", tmp_path / "out.pdf")[0].data


@pytest.mark.usefixtures("cheap_font_subsetting")  # reads markup, not fonts (tests/font_stand_ins.py)
@pytest.mark.parametrize("fmt", ["md", "txt", "html", "docx"])
def test_the_theme_option_hides_it_everywhere_but_keeps_the_name_linked(tmp_path: Path, fmt):
    data = rendered(tmp_path, fmt, entry_urls=False)
    text = text_of(fmt, data)
    for shown in SHOWN:
        assert shown not in text.replace("https://www." + shown, "").replace("https://" + shown, "")
    if fmt == "html":
        assert '<a href="https://www.harbour-lights.example.com/about/">Senior Engineer</a>' in text
    if fmt == "docx":
        targets = [rel.target_ref for rel in docx.Document(io.BytesIO(data)).part.rels.values() if rel.is_external]
        assert "https://www.harbour-lights.example.com/about/" in targets


def test_the_pdf_hides_it_too(tmp_path: Path):
    text = text_of("pdf", _pdf(tmp_path, "classic", entry_urls=False))
    assert "Mar 2019 – present · Porthaven" in text
    assert "harbour-lights.example.com/about" not in text
