"""Hostile profile text through every renderer: inert, complete, on the page, within seconds.

Markup, template syntax, links and YAML bombs are covered by tests/render/test_fetcher.py,
tests/render/test_html.py and tests/loading/; here: words longer than a line, control and
bidi characters, and a field at the size limit.
"""

from __future__ import annotations

import io
import json
import re

import pytest

from resume_builder.limits import MAX_FIELD_CHARS
from resume_builder.pipeline import prepare, render

# About what documents say, not their fonts: font subsetting is stood in for (tests/font_stand_ins.py).
pytestmark = pytest.mark.usefixtures("cheap_font_subsetting")

pdfminer = pytest.importorskip("pdfminer")

LONG = "W" * 500  # one unbroken 500-character word
URL = "https://example.com/" + "a" * 480


def hostile_words_profile(tmp_path):
    data = {
        "basics": {"name": "N" + "m" * 499, "headline": LONG, "email": "a@example.com", "location": LONG,
                   "website": URL, "profiles": [{"network": "GitHub", "username": LONG}]},
        "summary": f"Start {LONG} end",
        "experience": [{"company": LONG, "position": LONG, "location": LONG, "start": "2020-01",
                        "highlights": [LONG, f"x {LONG} y"], "keywords": [LONG]}],
        "skills": [{"name": LONG, "keywords": [LONG, LONG]}],
        "custom": [{"id": "c", "title": LONG, "items": [LONG], "entries": [{"title": LONG, "fields": {"F": LONG}}]}],
    }
    path = tmp_path / "long.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def pdf_chars(data: bytes):
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar

    def walk(item):
        if isinstance(item, LTChar):
            yield item
        elif hasattr(item, "__iter__"):
            for child in item:
                yield from walk(child)

    for page in extract_pages(io.BytesIO(data)):
        yield page, list(walk(page))


@pytest.mark.parametrize("theme", ["classic", "modern", "compact"])
def test_unbroken_500_character_words_wrap_inside_the_page(theme, tmp_path):
    job = prepare(hostile_words_profile(tmp_path), theme_name=theme)
    result = render(job, "pdf", tmp_path / "long.pdf")[0]
    assert result.pages <= 8  # wrapped in lines, not one character per line
    text = []
    for page, chars in pdf_chars(result.data):
        right_margin = page.width - job.options.margins * 72 / 25.4
        for char in chars:
            # A separator (" · ", its no-break space glued to the word before it, so that no line starts
            # with it) after a word that fills the whole line hangs into the margin, as hanging
            # punctuation does; a space shows nothing. Every other character stays inside.
            hangs = 6 if char.get_text() in "\u00a0·|–" else 0
            assert 0 <= char.x0 and char.x1 <= right_margin + 1 + hangs, (theme, char.get_text(), char.x1, right_margin)
        text.append("".join(c.get_text() for c in chars))
    joined = re.sub(r"\s+", "", "".join(text))
    assert joined.count(LONG) >= 12  # every long word is there in full, broken only by line ends
    assert "a" * 480 in joined and "m" * 499 in joined


def test_control_and_bidi_characters_are_removed_from_every_format(tmp_path):
    nasty = "Ann\u202eevil\u202c \u0007bell\u0000nul\u001b[31m \u2066iso\u2069 \u200fmark"
    # One-line fields refuse control characters (tests/test_hostile_inputs.py); bidi embeddings,
    # overrides and isolates are removed (with a warning: tests/render/test_bidi_marks.py), marks kept.
    line = "Ann\u202eevil\u202c bellnul[31m \u2066iso\u2069 \u200fmark"
    path = tmp_path / "p.json"
    path.write_text(json.dumps({"basics": {"name": line}, "summary": nasty,
                                "experience": [{"company": line, "position": "Eng", "start": "2020",
                                                "highlights": [nasty]}]}), encoding="utf-8")
    job = prepare(path)
    unsafe = re.compile("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
    for fmt in ("md", "txt", "html"):
        text = render(job, fmt, tmp_path / f"x.{fmt}")[0].data.decode("utf-8").replace("\\[", "[")  # md escapes [
        assert not unsafe.search(text), fmt
        assert "Annevil bellnul[31m iso \u200fmark" in text, fmt
    import docx

    document = docx.Document(io.BytesIO(render(job, "docx", tmp_path / "x.docx")[0].data))
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    assert not unsafe.search(paragraphs) and "Annevil bellnul[31m iso \u200fmark" in paragraphs
    pdf = render(job, "pdf", tmp_path / "x.pdf")[0].data
    pdf_text = "".join(c.get_text() for _, chars in pdf_chars(pdf) for c in chars)
    assert not unsafe.search(pdf_text) and "Annevilbellnul[31misomark" in pdf_text.replace(" ", "")


def test_a_field_at_the_size_limit_renders_inertly(tmp_path):
    words = ("lorem ipsum <b>dolor</b> {{ sit }} " * (MAX_FIELD_CHARS // 35 + 1))[:MAX_FIELD_CHARS]
    path = tmp_path / "p.json"
    path.write_text(json.dumps({"basics": {"name": "A"}, "summary": words}), encoding="utf-8")
    job = prepare(path)
    outputs = {fmt: render(job, fmt, tmp_path / f"x.{fmt}")[0] for fmt in ("pdf", "docx", "html", "md", "txt")}
    assert outputs["pdf"].pages >= 2
    body = outputs["html"].data.decode("utf-8").split("<body", 1)[1]
    assert "<b>dolor" not in body and "&lt;b&gt;dolor&lt;/b&gt; {{ sit }}" in body


def test_break_opportunities_only_in_long_runs_and_never_inside_a_character():
    from resume_builder.render.wrapping import CHUNK, LONG_RUN, ZWSP, break_long_runs

    ordinary = "Ordinary words, a well-known term and 日本語のテキスト."
    assert break_long_runs(ordinary) == ordinary
    # a short URL only loses the break after its scheme (tests/render/test_url_breaks.py)
    assert break_long_runs("a URL like https://example.com/a/b.") == "a URL like https://\u2060example.com/a/b."
    assert break_long_runs("x" * (LONG_RUN - 1)) == "x" * (LONG_RUN - 1)
    broken = break_long_runs("y" * 500)
    assert broken.replace(ZWSP, "") == "y" * 500
    assert max(len(part) for part in broken.split(ZWSP)) == CHUNK
    # flags (pairs of regional indicators), ZWJ families, skin tones, combining accents
    for unit in ("🇩🇪", "👩\u200d👩\u200d👧", "👍🏽", "e\u0301", "❤\ufe0f"):
        run = unit * 80
        pieces = break_long_runs(run).split(ZWSP)
        assert len(pieces) > 1 and all(piece and len(piece) % len(unit) == 0 for piece in pieces), unit


def test_break_opportunities_leave_links_ids_and_metadata_alone(tmp_path):
    from resume_builder.render.wrapping import ZWSP, with_break_opportunities

    url = "https://example.com/" + "p" * 200
    path = tmp_path / "p.json"
    path.write_text(json.dumps({"basics": {"name": "A" * 100, "website": url},
                                "experience": [{"id": "x" * 80, "company": "C" * 100, "position": "P",
                                                "start": "2020", "url": url,
                                                "highlights": [f"[{'L' * 100}]({url})"]}]}), encoding="utf-8")
    doc = prepare(path).document
    changed = with_break_opportunities(doc)
    assert ZWSP in changed.name and changed.metadata == doc.metadata and changed.photo is doc.photo
    entry = changed.sections[0].entries[0]
    assert entry.id == "x" * 80 and entry.url == url and ZWSP in entry.subtitle.plain
    span = entry.bullets[0].text.spans[0]
    assert span.href == url and ZWSP in span.text
    assert changed.contacts[0].href == url and ZWSP in changed.contacts[0].text
    assert with_break_opportunities(prepare(FIXTURE).document) == prepare(FIXTURE).document  # ordinary: same


FIXTURE = __import__("tests.conftest", fromlist=["FIXTURES"]).FIXTURES / "profiles" / "one_page.yaml"
