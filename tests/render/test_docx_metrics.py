"""The DOCX's vertical metrics are the PDF's: line heights, sizes, gaps and compact's run-in layout.

A page budget (``render --max-pages N``) is kept by the PDF, and the same cut document feeds the
DOCX: the DOCX keeps it only if its lines and gaps are no taller than the PDF's. Before, Word's
"multiple" line spacing (classic 0.88, compact 0.94 of the font's own line) came out 7% taller
than the PDF's lines in LibreOffice, sizes were rounded up (classic's 9.2 pt body was 9.5 pt),
compact's run-in lines were a paragraph each, and the photo sat above the name: the example in
compact, and a profile with a photo in classic and modern, took a page more as DOCX than as PDF
(tests/render/test_docx_page_budget.py measures that in LibreOffice).
"""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from resume_builder.render.docx import render_docx
from resume_builder.render.docx.look import resolve_look
from resume_builder.render.docx.measure import Piece, line_count
from resume_builder.render.docx.writer import short_list
from resume_builder.theming import ThemeFinder, find_theme
from tests.render.samples import EXAMPLE, document, write_profile

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BUILT_IN = sorted(name for name, source, _ in ThemeFinder().available() if source == "built-in")


def part(data: bytes, name: str):
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(name))


def styles(data: bytes) -> dict[str, etree._Element]:
    return {s.get(f"{W}styleId"): s for s in part(data, "word/styles.xml").iter(f"{W}style")}


def spacing(element) -> dict[str, str]:
    found = element.find(f"{W}pPr/{W}spacing")
    return {key.split("}")[1]: value for key, value in (found.attrib if found is not None else {}).items()}


def paragraphs(data: bytes) -> list[tuple[str, str, etree._Element]]:
    """(style id, text, w:p) of every body paragraph."""
    out = []
    for p in part(data, "word/document.xml").find(f"{W}body").iterchildren(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        # a w:noBreakHyphen (an address's hyphen, which never ends a line) reads as "-", as in Word
        text = "".join("-" if e.tag == f"{W}noBreakHyphen" else e.text or "" for e in p.iter(f"{W}t", f"{W}noBreakHyphen"))
        out.append((style.get(f"{W}val") if style is not None else "", text, p))
    return out


@pytest.fixture(scope="module")
def example():
    return document(EXAMPLE)


def render(doc, theme: str, **options) -> bytes:
    found = find_theme(theme)
    return render_docx(doc, found, found.options(options))


# ----------------------------------------------------------------------------- lines and sizes


@pytest.mark.parametrize("theme", BUILT_IN)
@pytest.mark.parametrize("options", [{}, {"font_size": 8.3, "line_height": 1.12, "spacing": 0.45}])
def test_every_line_is_exactly_as_tall_as_the_pdfs(example, theme, options):
    """Normal's lines are the PDF's body lines, font size times line height (the theme's options
    or the profile's, as a page budget tightens them), set exactly (lineRule="exact"); the name's
    and the headings' from their own CSS line-heights."""
    found = find_theme(theme)
    opts = found.options(options)
    data = render(example, theme, **options)
    look = resolve_look(found, opts)
    defined = styles(data)
    normal = spacing(defined["Normal"])
    assert normal["lineRule"] == "exact"
    assert int(normal["line"]) == round(opts.font_size * opts.line_height * 20)
    style = found.docx_style
    title = spacing(defined["Title"])
    assert (title["lineRule"], int(title["line"])) == ("exact", round(look.name_size * style.name_line_height * 20))
    heading = spacing(defined["Heading1"])
    assert int(heading["line"]) == round(look.heading_size * style.heading_line_height * 20)
    for style_id, element in defined.items():  # no paragraph style says Word's "multiple" but the footer's
        if element.get(f"{W}type") == "paragraph" and style_id != "Footer":
            assert spacing(element).get("lineRule", "exact") == "exact", style_id


@pytest.mark.parametrize("theme", BUILT_IN)
def test_sizes_are_never_above_the_pdfs(example, theme):
    """Word sets sizes in half points: each is the half point at or below the PDF's, so no text is
    wider than the PDF's (classic's 9.2 pt body was 9.5 pt, compact's 7.65 pt contact line 8 pt,
    and wrapped)."""
    found = find_theme(theme)
    look = resolve_look(found, found.options())
    defined = styles(render(example, theme))
    for style_id, css in (("Normal", look.font_size), ("Title", look.name_size), ("Heading1", look.heading_size),
                          ("ContactLine", look.contacts_size), ("EntryDateLine", look.small_size)):
        size = int(defined[style_id].find(f"{W}rPr/{W}sz").get(f"{W}val")) / 2
        assert css - 0.5 < size <= css, (style_id, size, css)


def test_classic_body_is_the_pdfs_92_points_as_9():
    found = find_theme("classic")
    look = resolve_look(found, found.options())
    assert look.font_size == pytest.approx(9.2)
    assert spacing(styles(render(document(EXAMPLE), "classic"))["Normal"])["line"] == str(round(9.2 * 1.2 * 20))


# ----------------------------------------------------------------------------- gaps


def test_gaps_are_the_css_margins_scaled_by_the_spacing_option(example):
    """classic's style.css.j2: a section 8s above its heading, the heading 3s above what follows,
    an entry 6s above (none right under the heading), a list 1.4s, each further bullet 0.6s."""
    for s in (0.75, 0.5):
        data = render(example, "classic", spacing=s)
        defined = styles(data)
        assert int(spacing(defined["Heading1"])["before"]) == round(8 * s * 20)
        assert int(spacing(defined["Heading1"])["after"]) == round(3 * s * 20)
        assert int(spacing(defined["Heading2"])["before"]) == round(6 * s * 20)
        assert int(spacing(defined["ListBullet"])["before"]) == round(0.6 * s * 20)
        body = paragraphs(data)
        first = next(i for i, (style, text, _) in enumerate(body) if text == "Experience")
        assert body[first + 1][0] == "Heading2" and spacing(body[first + 1][2])["before"] == "0"
        entry = next(i for i, (style, _, p) in enumerate(body) if style == "ListBullet"
                     and body[i - 1][0] != "ListBullet" and body[i - 1][0] != "Heading1")
        assert int(spacing(body[entry][2])["before"]) == round(1.4 * s * 20)


def test_space_after_and_before_are_never_both_given(example):
    """CSS collapses one box's margin-bottom with the next's margin-top to the larger; Word adds a
    paragraph's space after to the next one's space before, LibreOffice takes the larger: the gap
    is on one side only, so both give the CSS's (a company's roles, 0.45 em below, then the next
    entry, 6s above: was 4.1 pt after and 0.4 pt before, 4.1 pt in LibreOffice)."""
    data = render(example, "classic")
    defined = styles(data)

    def resolved(style_id, p):
        return {**spacing(defined[style_id]), **spacing(p)}

    body = paragraphs(data)
    for (style_a, _, a), (style_b, _, b) in zip(body, body[1:]):
        after, before = int(resolved(style_a, a).get("after", 0)), int(resolved(style_b, b).get("before", 0))
        assert not (after and before), (style_a, after, style_b, before)


# ----------------------------------------------------------------------------- compact runs in


def test_compact_runs_in_what_its_pdf_runs_in(example):
    data = render(example, "compact")
    body = paragraphs(data)
    texts = [text for _, text, _ in body]
    # the headline and the contact details share a line
    assert texts[1].startswith(example.headline + "\u00a0| " + example.contacts[0].text)
    # the summary's paragraphs run together
    summary = example.section("summary")
    at = texts.index(summary.title)
    assert texts[at + 1] == " ".join(p.plain for p in summary.paragraphs)
    # the pairs flow in one paragraph, between semicolons
    skills = example.section("skills")
    pairs = [style_text for style_text in body if style_text[0] == "PairLine"]
    assert len(pairs) == 1
    assert pairs[0][1] == "; ".join(f"{e.title.plain}: {e.description.plain}" for e in skills.entries)
    # an undated entry is one paragraph, its title first, then its text after a dash
    projects = example.section("projects")
    runin = [text for style, text, _ in body if style == "EntryRunIn"]
    assert runin and runin[0].startswith(projects.entries[0].title.plain + "\u00a0– ")
    # a short list is one bullet, its items after middle dots
    lists = [entry.bullets for s in example.sections for entry in s.entries if short_list(entry.bullets)]
    for bullets in lists:
        assert "\u00a0· ".join(b.text.plain for b in bullets) in texts


def test_other_themes_keep_a_paragraph_for_each(example):
    body = paragraphs(render(example, "classic"))
    assert sum(1 for style, _, _ in body if style == "PairLine") == len(example.section("skills").entries)
    assert not any(style == "EntryRunIn" for style, _, _ in body)


@pytest.mark.parametrize("name", ["example", "full", "hostile"])
def test_compact_keeps_every_text_block_in_order(name, tmp_path):
    from tests.render.test_docx import FULL, HOSTILE

    doc = document(EXAMPLE) if name == "example" else write_profile(tmp_path, FULL if name == "full" else HOSTILE)
    flat = " ".join(" ".join(text.split()) for _, text, _ in paragraphs(render(doc, "compact")))
    pos = 0
    for block in doc.text_blocks():
        needle = " ".join(block.split())
        found = flat.find(needle, pos)
        assert found >= 0, f"{block!r} missing after {flat[pos:pos + 200]!r}"
        pos = found + len(needle)


def test_short_list_is_compacts():
    from resume_builder.document import Bullet, RichText
    from resume_builder.markdown import Span

    def bullet(text, children=()):
        return Bullet(RichText((Span(text),)), children)

    assert short_list([bullet("a"), bullet("b"), bullet("c")])
    assert not short_list([bullet("a"), bullet("b")])
    assert not short_list([bullet("a"), bullet("b"), bullet("x" * 61)])
    assert not short_list([bullet("a"), bullet("b"), bullet("c", (RichText((Span("d"),)),))])


# ----------------------------------------------------------------------------- measuring text


def test_lines_are_counted_with_the_theme_fonts():
    """The contact line of the example, at 8 pt in classic's Noto Serif SemiCondensed, is about
    400 pt long: one line in 500 pt, two in 300, and a word wider than the line breaks anywhere."""
    theme = find_theme("classic")
    family = next(f.word_family for f in theme.fonts if f.family == "Noto Serif")
    text = "\u00a0· ".join(c.text for c in document(EXAMPLE).contacts)
    assert line_count(theme, [Piece(text, family, 8)], 500) == 1
    assert line_count(theme, [Piece(text, family, 8)], 300) == 2
    assert line_count(theme, [Piece("x" * 200, family, 8)], 100) > 5
    assert line_count(theme, [Piece(text, family, 8, tracking=1.0)], 500) == 2  # letter spacing counts
    assert line_count(theme, [Piece("", family, 8)], 100) == 1
