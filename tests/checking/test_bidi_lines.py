"""Every line of a right-to-left text or Markdown résumé reads right to left (UAX #9 P2–P3).

Before: the contact line (it starts with the isolated e-mail address) and a date line
(``*2013 – 2017*``, no strong character) came out as left-to-right paragraphs in a text
editor, a form field and a ``dir=auto`` Markdown renderer: aligned left, items reversed.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from resume_builder import pipeline
from resume_builder.render.line_direction import RLM, mark_line_directions

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PROFILES = {"ar": FIXTURES / "bidi_ar.yaml", "he": FIXTURES / "bidi_he.yaml"}
ISOLATES = {"\u2066": 1, "\u2067": 1, "\u2068": 1, "\u2069": -1}


def _direction(line: str, *, skip_isolates: bool) -> str | None:
    """The paragraph direction a reader gives ``line``: by UAX #9 P2 (isolates skipped) or
    by HTML's dir=auto (isolate controls are not elements: the text inside them counts)."""
    depth = 0
    for char in line:
        if skip_isolates and char in ISOLATES:
            depth = max(0, depth + ISOLATES[char])
            continue
        if depth:
            continue
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return None  # no strong character: the reader's default, left to right


def _render(language: str, fmt: str, tmp_path: Path) -> str:
    job = pipeline.prepare(PROFILES[language])
    (output,) = pipeline.render(job, fmt, tmp_path / f"out.{fmt}")
    return output.data.decode("utf-8")


def _paragraph_texts(markdown: str) -> list[str]:
    """The text of each block (paragraph, heading, list item) as a Markdown renderer sees it."""
    texts = []
    for token in MarkdownIt("commonmark").parse(markdown):
        if token.type == "inline":
            texts.append("".join(child.content for child in token.children or [] if child.type == "text"))
    return texts


@pytest.mark.parametrize("language", ["ar", "he"])
def test_every_text_line_is_right_to_left(language, tmp_path):
    text = _render(language, "txt", tmp_path)
    lines = [line for line in text.splitlines() if any(c.isalnum() for c in line)]
    assert len(lines) > 10
    for line in lines:
        assert _direction(line, skip_isolates=True) == "rtl", line
        assert _direction(line, skip_isolates=False) == "rtl", line


@pytest.mark.parametrize("language", ["ar", "he"])
def test_every_markdown_block_is_right_to_left_and_still_parses(language, tmp_path):
    markdown = _render(language, "md", tmp_path)
    blocks = [t for t in _paragraph_texts(markdown) if any(c.isalnum() for c in t)]
    assert len(blocks) > 10
    for block in blocks:
        assert _direction(block, skip_isolates=False) == "rtl", block
    tokens = MarkdownIt("commonmark").parse(markdown)
    headings = sum(1 for line in markdown.splitlines() if re.match(r"#{1,6} ", line))
    assert headings and sum(1 for t in tokens if t.type == "heading_open") == headings
    inline = [child.type for t in tokens if t.type == "inline" for child in t.children or []]
    assert "link_open" in inline  # the contact line's links are still links
    assert "em_open" in inline  # and the date lines still emphasis


def test_marks_go_after_block_markers_and_only_where_needed():
    text = "\n".join(["# ⁦C++⁩ مطورة", "- ⁦AWS⁩ و", "*2013 – 2017*", "مطورة ⁦C++⁩", "---", "", "*مارس 2021*"])
    assert mark_line_directions(text, markdown=True).split("\n") == [
        f"# {RLM}⁦C++⁩ مطورة", f"- {RLM}⁦AWS⁩ و", f"{RLM}*2013 – 2017*", "مطورة ⁦C++⁩", "---", "", "*مارس 2021*"]
    assert mark_line_directions("  ◦ ⁦Go⁩ و", markdown=False) == f"  {RLM}◦ ⁦Go⁩ و"


def test_left_to_right_documents_get_no_marks(tmp_path):
    profile = tmp_path / "en.yaml"
    profile.write_text("basics:\n  name: Alex Example\n  email: alex@example.com\n"
                       "experience:\n  - company: Acme\n    position: Engineer\n    start: 2019\n    end: 2021\n",
                       encoding="utf-8")
    job = pipeline.prepare(profile)
    for fmt in ("txt", "md"):
        (output,) = pipeline.render(job, fmt, tmp_path / f"out.{fmt}")
        assert RLM not in output.data.decode("utf-8"), fmt
