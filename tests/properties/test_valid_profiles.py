"""Property: any valid profile renders to every format, and every text field shows.

A hypothesis strategy builds valid profile documents: names, headlines, dates, entries,
highlights and skills whose text mixes Latin (with accents), CJK, Hebrew and Arabic
words, emoji (with skin tones and ZWJ sequences) and Markdown-ish characters (``*``,
``_``, ``[``, ``#``, ``\\``, ``<``, ``&``, ``{{``...). Each document renders to PDF, DOCX,
HTML, Markdown and text without an exception, and the text of every field (as the inline
Markdown parser reads it) appears in each output: HTML, DOCX, Markdown and text with
whitespace collapsed; PDF through pdfminer with whitespace removed, word by word (a
right-to-left word may come out in visual order, reversed, as PDF text extraction does).

Cost: subsetting the theme's fonts for a self-contained HTML file (WOFF2, Brotli) and for
the DOCX font table takes about 2.5 s of CPU per document, all of it fontTools on text the
property does not look at. The many-example property on HTML, DOCX, Markdown and text
therefore stands in a cheap subsetter (tests/font_stand_ins.py: no glyph work); a second
property renders a few documents (one with every script and every Markdown-ish character)
with the real subsetting, and must find the same text. Subsetting itself is proved in
tests/render/test_html_fonts.py and tests/render/test_docx_fonts.py.

The third property of the issue, that tailoring never adds content the profile does not
have, is tests/tailoring/test_variants.py::test_tailoring_never_adds_content.
"""

from __future__ import annotations

import html
import io
import json
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from resume_builder.document import clean
from resume_builder.markdown import plain_text
from resume_builder.pipeline import prepare, render
from tests.font_stand_ins import cheap_font_subsetting

pytest.importorskip("pdfminer")

LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789éèüößçñøåÆŒ"
MARKDOWNISH = "*_[]#\\`~<>&{}%!|'\"=+-/:;,.?@$^"
HEBREW = "אבגדהוזחטיכלמנסעפצקרשת"
ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
CJK = "日本語中文字漢字仮名한국어"
EMOJI = ["😀", "🚀", "👍🏽", "❤️", "👩‍💻", "🇩🇪", "✅"]
RTL = re.compile(f"[{HEBREW}{ARABIC}]+")

latin_words = st.text(st.sampled_from(LATIN), min_size=1, max_size=12)
markdownish_words = st.text(st.sampled_from(LATIN + MARKDOWNISH), min_size=1, max_size=8)
words = st.one_of(
    latin_words, latin_words, markdownish_words,
    st.text(st.sampled_from(HEBREW), min_size=2, max_size=8),
    st.text(st.sampled_from(ARABIC), min_size=2, max_size=8),
    st.text(st.sampled_from(CJK), min_size=1, max_size=6),
    st.sampled_from(EMOJI),
    st.sampled_from(["{{ 7*7 }}", "<b>x</b>", "&amp;", "**bold**", "*it*", "__u__", "{% raw %}"]),
)


def _readable(text: str) -> bool:
    shown = plain_text(text).strip()
    return bool(shown) and "(" not in text  # no accidental [text](link) syntax


texts = st.lists(words, min_size=1, max_size=7).map(" ".join).filter(_readable)
names = st.lists(latin_words | st.text(st.sampled_from(CJK + HEBREW), min_size=2, max_size=6),
                 min_size=1, max_size=3).map(" ".join)


@st.composite
def dates(draw) -> tuple[str, Any]:
    year = draw(st.integers(1990, 2024))
    month = draw(st.integers(1, 12))
    start = f"{year}-{month:02d}"
    end = draw(st.one_of(st.none(), st.just("present"),
                         st.integers(year + 1, 2030).map(str), st.just(f"{year}-{month:02d}")))
    return start, end


@st.composite
def profiles(draw) -> dict[str, Any]:
    data: dict[str, Any] = {"basics": {"name": draw(names)}}
    if draw(st.booleans()):
        data["basics"]["headline"] = draw(texts)
    data["basics"]["email"] = "someone@example.com"
    if draw(st.booleans()):
        data["basics"]["location"] = draw(texts)
    if draw(st.booleans()):
        data["summary"] = draw(texts)
    experience = []
    for index in range(draw(st.integers(0, 3))):
        start, end = draw(dates())
        entry = {"company": draw(texts), "position": draw(texts), "start": start}
        if end is not None:
            entry["end"] = end
        entry["highlights"] = [draw(texts) for _ in range(draw(st.integers(0, 3)))]
        if draw(st.booleans()):
            entry["highlights"].append({"text": draw(texts), "details": [draw(texts)]})
        experience.append(entry)
    if experience:
        data["experience"] = experience
    skills = [{"name": draw(texts), "keywords": draw(st.lists(texts, max_size=3))}
              for _ in range(draw(st.integers(0, 2)))]
    if skills:
        data["skills"] = skills
    if draw(st.booleans()):
        data["projects"] = [{"name": draw(texts), "description": draw(texts)}]
    if draw(st.booleans()):
        data["custom"] = [{"id": "extra", "title": draw(texts), "items": [draw(texts)]}]
    return data


PLAIN = {"name", "headline", "location", "title"}  # shown as written: never read as Markdown


def fields(data: dict[str, Any]) -> list[str]:
    """Every text the profile shows, as the reader sees it (document.py's rules): names,
    headlines, places and section titles as written; other text with Markdown markers
    removed; a skill's keywords each read on its own (README: a `*` in one keyword never
    pairs with one in the next), then joined into one line."""
    out = []

    def shown(text: str, plain: bool) -> None:
        out.append(" ".join((clean(text) if plain else plain_text(clean(text))).split()))

    basics = data["basics"]
    for key in ("name", "headline", "location"):
        if key in basics:
            shown(basics[key], True)
    if "summary" in data:
        shown(data["summary"], False)
    for entry in data.get("experience", []):
        shown(entry["company"], False)
        shown(entry["position"], False)
        for highlight in entry["highlights"]:
            if isinstance(highlight, dict):
                shown(highlight["text"], False)
                for detail in highlight["details"]:
                    shown(detail, False)
            else:
                shown(highlight, False)
    for skill in data.get("skills", []):
        shown(skill["name"], False)
        if skill["keywords"]:
            out.append(" ".join(", ".join(plain_text(clean(k)) for k in skill["keywords"]).split()))
    for project in data.get("projects", []):
        shown(project["name"], False)
        shown(project["description"], False)
    for section in data.get("custom", []):
        shown(section["title"], True)
        for item in section["items"]:
            shown(item, False)
    return [f for f in out if f]


def collapsed(text: str) -> str:
    return " ".join(text.split())


def pdf_has(haystack: str, field: str, *, bidi: bool) -> bool:
    """``field`` in PDF text (whitespace removed), word by word.

    PDF text comes out in visual order: a right-to-left word reversed, and with right-to-left
    text on the page (``bidi``) the bidi algorithm also moves digits and punctuation next
    to it; then only runs of letters are checked, right-to-left ones in either order.
    """
    pieces = re.findall(f"{RTL.pattern}|[^\\W\\d_]+", field) if bidi else field.split()
    for piece in pieces:
        if RTL.fullmatch(piece):
            # visual order reverses the run, but a lam-alef ligature is one glyph that keeps
            # its letters in logical order
            clusters = "".join(reversed(re.findall("\u0644[\u0627\u0623\u0625\u0622]|.", piece)))
            if not any(form in haystack for form in (piece, piece[::-1], clusters)):
                return False
        elif bidi:
            for part in RTL.split(piece):
                if part and part not in haystack:
                    return False
        elif piece not in haystack:
            return False
    return True


def render_all(data: dict[str, Any], formats: tuple[str, ...]) -> dict[str, bytes]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "profile.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        job = prepare(path)
        return {fmt: render(job, fmt, Path(folder) / f"out.{fmt}")[0].data for fmt in formats}


def text_of_markup(markup: str) -> str:
    markup = re.sub(r"</?(?:span|a|strong|em|b|i|del|code)\b[^>]*>", "", markup)  # inline elements: no gap
    return collapsed(html.unescape(re.sub(r"<[^>]+>", " ", markup)))


def html_text(data: bytes) -> str:
    return text_of_markup(data.decode("utf-8").split("<body", 1)[1])


def docx_text(data: bytes) -> str:
    import docx

    return collapsed("\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs))


def markdown_text(data: bytes) -> str:
    """The Markdown as a CommonMark reader shows it (markdown-it-py, which rich depends on)."""
    from markdown_it import MarkdownIt

    return text_of_markup(MarkdownIt("commonmark").enable("strikethrough").render(data.decode("utf-8")))


def pdf_text(data: bytes) -> str:
    from pdfminer.high_level import extract_text

    return re.sub(r"\s+", "", extract_text(io.BytesIO(data)))


FAST = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]}

#: One profile with every kind of word the strategy draws: every script, emoji with skin tones
#: and ZWJ sequences, and each Markdown-ish character (a fixed case for the real font subsetting).
EVERY_SCRIPT = {
    "basics": {"name": "Zoë 日本語 שלום", "headline": "Ingénieure ✅ <b>x</b> & {{ 7*7 }}",
               "email": "someone@example.com", "location": "Zürich مرحبا"},
    "summary": "Builds **bold** *it* __u__ {% raw %} 한국어 👩‍💻 👍🏽 🇩🇪 ❤️ ÆŒøå ß",
    "experience": [{"company": "Acme ~ | = + - / : ; , . ? @ $ ^", "position": "Lead #1 \\ ` ' \"",
                    "start": "2021-03", "end": "present",
                    "highlights": ["Shipped 漢字 仮名 and עברית with عربي", {"text": "Scaled 🚀 [x] 100%",
                                                                          "details": ["Cut <i>cost</i> &amp; 😀"]}]}],
    "skills": [{"name": "Languages", "keywords": ["Python", "中文", "ñandú"]}],
    "projects": [{"name": "Tool!", "description": "Parses *markdown* safely"}],
    "custom": [{"id": "extra", "title": "Extra", "items": ["Item çà"]}],
}


def assert_every_field_in_text_formats(data: dict[str, Any]) -> dict[str, bytes]:
    """Renders ``data`` to HTML, DOCX, Markdown and text; every field shows in each."""
    outputs = render_all(data, ("html", "docx", "md", "txt"))
    shown = {"html": html_text(outputs["html"]), "docx": docx_text(outputs["docx"]),
             "md": markdown_text(outputs["md"]),
             "txt": collapsed(outputs["txt"].decode("utf-8")).casefold()}  # plain text capitalises headings
    for field in fields(data):
        for fmt, text in shown.items():
            assert (field.casefold() if fmt == "txt" else field) in text, (fmt, field)
    return outputs


@settings(max_examples=60, **FAST)
@given(profiles())
@example({"basics": {"name": "N", "email": "someone@example.com"},  # a '`' in each of two keywords
          "skills": [{"name": "S", "keywords": ["jo`k", "[`1d", "*a", "b*"]}]})
def test_valid_profiles_render_to_html_docx_markdown_and_text_with_every_field(data):
    with cheap_font_subsetting():
        assert_every_field_in_text_formats(data)


@settings(max_examples=1, phases=[Phase.explicit], **FAST)
@example(EVERY_SCRIPT)
@given(profiles())
def test_valid_profiles_render_with_their_fonts_really_subset(data):
    """The same property with the real WOFF2 and DOCX font subsetting, on the profile holding
    every kind of word the strategy draws (drawn profiles: the property above, subsetting
    stood in for; the real subsetting of drawn text: tests/render/test_html_fonts.py)."""
    outputs = assert_every_field_in_text_formats(data)
    assert b"data:font/woff2;base64,d09GMg" in outputs["html"]  # "wOF2", the WOFF2 signature
    assert b"word/fonts/font1.odttf" in outputs["docx"]


def test_the_every_script_profile_is_valid_and_uses_every_kind_of_word():
    """The fixed case above really holds each kind of word the strategy draws."""
    text = json.dumps(EVERY_SCRIPT, ensure_ascii=False)
    for alphabet in (HEBREW, ARABIC, CJK):
        assert any(ch in text for ch in alphabet), alphabet
    assert all(emoji in text for emoji in EMOJI)
    assert set(MARKDOWNISH) <= set(text)


@settings(max_examples=15, **FAST)
@given(profiles())
@example({"basics": {"name": "N", "email": "someone@example.com"},  # a '`' in each of two keywords
          "skills": [{"name": "S", "keywords": ["jo`k", "[`1d", "*a", "b*"]}]})
def test_valid_profiles_render_to_pdf_with_every_field(data):
    text = pdf_text(render_all(data, ("pdf",))["pdf"])
    shown = fields(data)
    bidi = any(RTL.search(field) for field in shown)
    for field in shown:
        assert pdf_has(text, field, bidi=bidi), field
