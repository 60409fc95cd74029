"""DOCX output: Word structure a parser can read, the theme's look, same text as every format.

Each test reopens the file with python-docx (or reads its XML parts) the way an ATS or a
word processor would. The LibreOffice round trip is in test_docx_libreoffice.py.
"""

from __future__ import annotations

import copy
import dataclasses
import io
import math
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest

from resume_builder import pipeline
from resume_builder.document import (
    Bullet,
    Document,
    Metadata,
    RichText,
    Section,
)
from resume_builder.markdown import Span
from resume_builder.output import build_datetime
from resume_builder.render.docx import render_docx
from resume_builder.theming import ThemeFinder, find_theme
from tests.render import samples
from tests.render.samples import EXAMPLE, REPO, SCRIPT, TEMPLATE, document, write_profile
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
SEP = "\u00a0· "  # a no-break space before "·": a wrapped line never starts with it
DASH = " — "

# the shared profile, plus a phone number and inline Markdown, which DOCX turns into runs
FULL = copy.deepcopy(samples.FULL)
FULL["basics"]["phone"] = "+1 555 0100"
FULL["summary"] = ("First paragraph with **bold**, *italic* and a [blog](https://blog.example.org/posts).\n\n"
                   "Second paragraph with ***both***.")
FULL["experience"][0]["highlights"][0]["text"] = "Cut costs by **30%**"
FULL["projects"][0]["highlights"] = ["Shipped [v1](https://toolkit.example.org/v1)"]

HOSTILE = {
    "basics": {"name": "**Bold** [x](https://e.com) <script>alert(1)</script>",
               "headline": f"{TEMPLATE} {{% if %}} # not a heading", "email": "eve@example.org"},
    "summary": f"{SCRIPT} {TEMPLATE} &lt;b&gt; <w:t>xml</w:t> ]]> \u0007bell\u0000nul\u001b[31m\u202egnp.exe",
    "custom": [{"id": "tricky", "title": "<b>Tricky</b> & \"quoted\"", "items": [
        "[x](https://e.com/?a=1&b=<2>) is a real link here",
        "\\*literal\\* and snake_case_name",
        "\u0008backspace and tab\tinside",
    ]}],
    "experience": [{"company": "<i>Evil</i> Corp", "position": "SRE C#", "location": "**Nowhere**",
                    "start": "2020-01"}],
}


# ----------------------------------------------------------------------------- helpers


def render(doc: Document, theme: str = "classic", **options) -> bytes:
    found = find_theme(theme)
    return render_docx(doc, found, found.options(options))


def reopen(data: bytes):
    return docx.Document(io.BytesIO(data))


def body(data: bytes) -> list[tuple[str, str]]:
    """(style name, text) of every body paragraph."""
    return [(p.style.name, p.text) for p in reopen(data).paragraphs]


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def expected_paragraphs(doc: Document) -> list[tuple[str, tuple[str, ...], str]]:
    """The DOCX mapping, made explicit: (style, text blocks, paragraph text) per body paragraph.

    One paragraph per text block, except:
    - the contact details share one 'Contact Line' paragraph, joined by ' · ' (a no-break space before the '·');
    - an entry's header is up to three paragraphs, like the PDF's lines: the title
      ('Heading 2'), the organisation ('Entry Organisation'), then the date, location and
      link text joined by ' · ' ('Entry Date Line');
    - a pair (skills, languages) is one 'Pair Line' paragraph 'title: description';
    - a company's roles come last, each one 'Heading 3' paragraph (position, ' — ' subtitle,
      a tab, then date, location and link text joined by ' · ') and its body.
    """
    out: list[tuple[str, tuple[str, ...], str]] = [("Title", (doc.name,), doc.name)]
    if doc.headline:
        out.append(("Subtitle", (doc.headline,), doc.headline))
    if doc.contacts:
        blocks = tuple(c.text for c in doc.contacts)
        out.append(("Contact Line", blocks, SEP.join(blocks)))

    def bullets(items: tuple[Bullet, ...]) -> None:
        for bullet in items:
            out.append(("List Bullet", (bullet.text.plain,), bullet.text.plain))
            for child in bullet.children:
                out.append(("List Bullet 2", (child.plain,), child.plain))

    def paragraphs(style: str, items: tuple[RichText, ...]) -> None:
        out.extend((style, (p.plain,), p.plain) for p in items)

    def entry_paragraphs(entry, heading: str) -> None:
        title, subtitle = entry.title.plain, entry.subtitle.plain
        meta = tuple(b for b in (entry.date, entry.location, entry.url_text) if b)
        if heading == "Heading 3":
            head = title + (DASH + subtitle if subtitle else "") + ("\t" + SEP.join(meta) if meta else "")
            out.append((heading, tuple(b for b in (title, subtitle) if b) + meta, head))
        else:
            out.append((heading, (title,), title))
            if subtitle:
                out.append(("Entry Organisation", (subtitle,), subtitle))
            if meta:
                out.append(("Entry Date Line", meta, SEP.join(meta)))
        if entry.description:
            out.append(("Entry Description", (entry.description.plain,), entry.description.plain))
        paragraphs("Normal", entry.paragraphs)
        bullets(entry.bullets)
        paragraphs("Normal", entry.closing)
        for fld in entry.fields:
            text = f"{fld.label}: {fld.value.plain}"
            out.append(("Entry Field", (text,), text))
        for role in entry.roles:
            entry_paragraphs(role, "Heading 3")

    for section in doc.sections:
        out.append(("Heading 1", (section.title,), section.title))
        paragraphs("Normal", section.paragraphs)
        bullets(section.bullets)
        for entry in section.entries:
            if section.layout == "pairs":
                blocks = tuple(b for b in (entry.title.plain, entry.description.plain) if b)
                out.append(("Pair Line", blocks, ": ".join(blocks)))
                continue
            entry_paragraphs(entry, "Heading 2")
    return out


@pytest.fixture(scope="module")
def example_doc() -> Document:
    return document(EXAMPLE)


@pytest.fixture(scope="module")
def example_docx(example_doc) -> bytes:
    return render(example_doc)


@pytest.fixture(params=["example", "full", "hostile"])
def any_doc(request, tmp_path) -> Document:
    if request.param == "example":
        return document(EXAMPLE)
    return write_profile(tmp_path, FULL if request.param == "full" else HOSTILE)


# ----------------------------------------------------------------------------- parity


def test_paragraphs_carry_every_text_block_in_order(any_doc):
    expected = expected_paragraphs(any_doc)
    # The mapping covers every text block exactly once, in reading order...
    assert [block for _, blocks, _ in expected for block in blocks] == list(any_doc.text_blocks())
    # ...and the DOCX has exactly those paragraphs, with those styles.
    assert body(render(any_doc)) == [(style, text) for style, _, text in expected]


def test_text_blocks_appear_in_order_in_the_flat_text(any_doc):
    """The mapping-free check: each block appears, in order, in the whitespace-normalised text."""
    flat = " ".join(" ".join(text.split()) for _, text in body(render(any_doc)))
    pos = 0
    for block in any_doc.text_blocks():
        needle = " ".join(block.split())
        found = flat.find(needle, pos)
        assert found >= 0, f"{block!r} missing after {flat[pos:pos + 200]!r}"
        pos = found + len(needle)


# ----------------------------------------------------------------------------- structure


def test_structure_uses_built_in_styles(example_doc, example_docx):
    paragraphs = body(example_docx)
    assert paragraphs[0] == ("Title", example_doc.name)
    assert paragraphs[1] == ("Subtitle", example_doc.headline)
    headings = [text for style, text in paragraphs if style == "Heading 1"]
    assert headings == [s.title for s in example_doc.sections]
    entries = [e for s in example_doc.sections if s.layout == "entries" for e in s.entries]
    assert sum(style == "Heading 2" for style, _ in paragraphs) == len(entries)
    # a company with several roles: each role is a Heading 3 under the company's Heading 2
    assert sum(style == "Heading 3" for style, _ in paragraphs) == sum(len(e.roles) for e in entries) == 4
    bullets = [b for s in example_doc.sections for b in (*s.bullets, *(b for e in s.entries for b in e.bullets))]
    assert sum(style == "List Bullet" for style, _ in paragraphs) == len(bullets)
    assert sum(style == "List Bullet 2" for style, _ in paragraphs) == sum(len(b.children) for b in bullets)
    assert len(bullets) > 20 and any(b.children for b in bullets)
    # Every style is a built-in one or one of the renderer's plain paragraph styles.
    assert {style for style, _ in paragraphs} <= {
        "Title", "Subtitle", "Contact Line", "Heading 1", "Heading 2", "Heading 3", "Normal", "List Bullet",
        "List Bullet 2", "Entry Organisation", "Entry Date Line", "Entry Description", "Entry Field", "Pair Line"}


def test_bullet_styles_are_numbered_lists(example_docx):
    reopened = reopen(example_docx)
    numbering = parts(example_docx)["word/numbering.xml"].decode()
    for name, char in (("List Bullet", "\u2022"), ("List Bullet 2", "\u2013")):
        style = reopened.styles[name]
        num_id = style.element.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val")
        abstract = re.search(rf'<w:num w:numId="{num_id}"><w:abstractNumId w:val="(\d+)"/>', numbering).group(1)
        block = re.search(rf'<w:abstractNum w:abstractNumId="{abstract}">.*?</w:abstractNum>', numbering).group(0)
        assert '<w:numFmt w:val="bullet"/>' in block and f'<w:lvlText w:val="{char}"/>' in block


def test_no_tables_text_boxes_or_header_content(example_docx):
    reopened = reopen(example_docx)
    assert reopened.tables == []
    files = parts(example_docx)
    for name, data in files.items():
        if name.endswith(".xml"):
            for marker in (b"txbxContent", b"<w:tbl>", b"<w:tbl ", b"<w:drawing", b"<w:pict", b"<v:shape",
                           b"<w:sdt>", b"<w:framePr"):
                assert marker not in data, (name, marker)
    assert not any(name.startswith("word/header") for name in files)
    for section in reopened.sections:
        assert all(not p.text.strip() for p in section.header.paragraphs)
        assert section.header.tables == []
        assert section.first_page_header.is_linked_to_previous
    # The footer holds only the page-number fields.
    footer = files["word/footer1.xml"].decode()
    assert re.findall(r'w:instr="([^"]+)"', footer) == [" PAGE ", " NUMPAGES "]
    visible = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", footer))
    assert visible == "1 / 1"  # the fields' placeholder results and the separator


def test_no_page_number_footer_when_turned_off(example_doc):
    files = parts(render(example_doc, page_numbers=False))
    assert not any(name.startswith(("word/footer", "word/header")) for name in files)
    assert b"footerReference" not in files["word/document.xml"]


def test_entry_header_is_title_organisation_then_date_line(example_docx):
    """Three paragraphs, as the PDF's three lines (tests/checking/test_docx_entry_header.py):
    no tab and no right-aligned column for a parser to glue or reorder."""
    reopened = reopen(example_docx)
    paragraphs = reopened.paragraphs
    at = next(i for i, p in enumerate(paragraphs) if p.style.name == "Heading 2")
    assert [(p.style.name, p.text) for p in paragraphs[at:at + 3]] == [
        ("Heading 2", "Platform Engineer"), ("Entry Organisation", "Fresha"),
        ("Entry Date Line", "Mar 2023 – present\u00a0· London, UK")]
    assert reopened.styles["Entry Organisation"].font.italic
    assert not reopened.styles["Heading 2"].paragraph_format.tab_stops
    # the title keeps the organisation and the date line with it on one page
    assert all(p.paragraph_format.keep_with_next for p in paragraphs[at:at + 2])


def test_page_size_and_margins_follow_the_options(example_doc):
    for page_size, (width_mm, height_mm) in (("A4", (210, 297)), ("Letter", (215.9, 279.4))):
        section = reopen(render(example_doc, page_size=page_size, margins=20)).sections[0]
        assert abs(section.page_width.mm - width_mm) < 0.1
        assert abs(section.page_height.mm - height_mm) < 0.1
        assert abs(section.left_margin.mm - 20) < 0.1 and abs(section.right_margin.mm - 20) < 0.1
        assert abs(section.top_margin.mm - 20) < 0.1 and abs(section.bottom_margin.mm - 22) < 0.1


def word_size(points: float) -> float:
    """A size as Word sets it: to the half point at or below (text never wider than the PDF's)."""
    return math.floor(points * 2 + 1e-6) / 2


def test_theme_look_is_in_the_styles(example_doc, example_docx):
    styles = reopen(example_docx).styles
    theme = find_theme("classic")
    accent = theme.options().accent_color.lstrip("#").upper()
    heading = styles["Heading 1"]
    assert str(heading.font.color.rgb) == accent
    assert heading.font.name == next(f.word_family for f in theme.fonts if f.family == theme.docx_style.heading_font)
    if theme.docx_style.heading_caps == "small_caps":
        assert heading.font.small_caps is True
    else:
        assert heading.font.all_caps is True
    assert heading.font.bold is True  # the text itself stays as written
    assert heading.font.size.pt == word_size(theme.docx_style.heading_size)
    rule = heading.element.find(f"{W}pPr/{W}pBdr/{W}bottom")
    assert rule is not None and rule.get(f"{W}color") == accent
    # Word's name for the family: the theme's, plus the width's name for a narrower instance.
    assert styles["Normal"].font.name == next(f.word_family for f in theme.fonts
                                              if f.family == theme.docx_style.body_font)
    assert styles["Normal"].font.size.pt == word_size(theme.docx_style.font_size)
    assert styles["Title"].font.size.pt == word_size(theme.docx_style.name_size)
    assert str(styles["Title"].font.color.rgb) == accent
    assert styles["Subtitle"].font.italic is True
    # Options the profile changes win over the theme's [docx] values, and sizes scale.
    changed = reopen(render(example_doc, accent_color="#0b6e4f", font_family="Noto Sans",
                            font_size=theme.options().font_size * 1.1)).styles
    assert str(changed["Heading 1"].font.color.rgb) == "0B6E4F"
    assert str(changed["Title"].font.color.rgb) == "0B6E4F"
    assert changed["Normal"].font.name == "Noto Sans SemiCondensed"
    assert changed["Heading 1"].font.name == "Noto Sans SemiCondensed"
    assert abs(changed["Normal"].font.size.pt - theme.docx_style.font_size * 1.1) <= 0.25


def test_language_is_set(example_doc):
    for language in ("en", "de-DE"):
        doc = dataclasses.replace(example_doc, metadata=dataclasses.replace(example_doc.metadata, language=language))
        data = render(doc)
        styles = parts(data)["word/styles.xml"].decode()
        defaults = re.search(r"<w:docDefaults>.*?</w:docDefaults>", styles).group(0)
        assert f'<w:lang w:val="{language}"' in defaults
        assert re.search(rf'<w:style [^>]*w:styleId="Normal">.*?<w:lang w:val="{language}"', styles)
        assert reopen(data).core_properties.language == language


def test_east_asian_and_right_to_left_documents(example_doc):
    def with_language(language: str, direction: str = "ltr") -> bytes:
        metadata = dataclasses.replace(example_doc.metadata, language=language)
        return render(dataclasses.replace(example_doc, metadata=metadata, direction=direction))

    # w:val is the language of Latin text, w:eastAsia of East Asian text, w:bidi of complex-script
    # text (ECMA-376 Part 1, §17.3.2.20). Before: w:val="ja" marked the English words of a
    # Japanese résumé Japanese, and LibreOffice broke them at any letter ("Passionate a|bout").
    for language, expected in (("ja", 'w:val="en" w:eastAsia="ja"'), ("zh", 'w:val="en" w:eastAsia="zh"'),
                               ("zh-Hant-TW", 'w:val="en" w:eastAsia="zh-Hant-TW"'),
                               ("ko", 'w:val="en" w:eastAsia="ko"'), ("hi", 'w:val="en" w:bidi="hi"'),
                               ("sr-Latn", 'w:val="sr-Latn"'), ("de-DE", 'w:val="de-DE"')):
        files = parts(with_language(language))
        assert f"<w:lang {expected}/>" in files["word/styles.xml"].decode(), language
        assert f"<w:themeFontLang {expected}/>" in files["word/settings.xml"].decode(), language
    # An English document's styles name no East Asian language (only a face for that slot).
    assert not re.search(r"<w:lang [^>]*w:eastAsia=", parts(with_language("en"))["word/styles.xml"].decode())

    files = parts(with_language("he", "rtl"))
    styles = files["word/styles.xml"].decode()
    assert '<w:lang w:val="en" w:bidi="he"/>' in styles
    normal = re.search(r'<w:style [^>]*w:styleId="Normal">.*?</w:style>', styles).group(0)
    assert "<w:bidi/>" in normal  # every paragraph style is based on Normal
    assert b"<w:bidi/></w:sectPr>" in files["word/document.xml"]


def test_hyperlinks_are_real_and_point_where_the_document_says(tmp_path):
    doc = write_profile(tmp_path, FULL)
    data = render(doc)
    reopened = reopen(data)
    rels = reopened.part.rels
    found: list[tuple[str, str]] = []
    for link in reopened.element.body.iter(f"{W}hyperlink"):
        rel = rels[link.get(f"{R}id")]
        assert rel.is_external and rel.reltype.endswith("/hyperlink")
        found.append(("".join(t.text for t in link.iter(f"{W}t")), rel.target_ref))
    expected = [(c.text, c.href) for c in doc.contacts if c.href]
    expected += [("blog", "https://blog.example.org/posts"), ("SRE", "https://acme.example.com"),
                 ("v1", "https://toolkit.example.org/v1")]
    # each entry's link is printed as text too (theme option entry_urls), and linked
    expected += [("acme.example.com", "https://acme.example.com")]
    assert sorted(found) == sorted(expected)
    assert ("sam@example.org", "mailto:sam@example.org") in found
    assert ("sam.example.org", "https://sam.example.org/") in found
    # Markdown inside the link text keeps its formatting, and bold/italic are real runs.
    summary = next(p for p in reopened.paragraphs if p.text.startswith("First paragraph"))
    assert [(r.text, r.bold, r.italic) for r in summary.runs if r.bold or r.italic] == [
        ("bold", True, None), ("italic", None, True)]
    both = next(p for p in reopened.paragraphs if p.text.startswith("Second paragraph"))
    assert [(r.text, r.bold, r.italic) for r in both.runs if r.bold] == [("both", True, True)]
    bullet = next(p for p in reopened.paragraphs if p.text == "Cut costs by 30%")
    assert [r.text for r in bullet.runs if r.bold] == ["30%"]


def test_core_properties(example_doc, example_docx):
    props = reopen(example_docx).core_properties
    meta = example_doc.metadata
    assert props.title == meta.title
    assert props.author == meta.author == example_doc.name
    assert props.subject == meta.subject
    assert props.keywords == ", ".join(meta.keywords) and "Kubernetes" in props.keywords
    assert props.language == meta.language
    assert props.comments == ""
    assert props.last_modified_by == meta.author
    assert props.revision == 1
    when = build_datetime().replace(tzinfo=None)
    assert props.created.replace(tzinfo=None) == when and props.modified.replace(tzinfo=None) == when


def test_nothing_names_the_generator_library(example_docx, tmp_path):
    for data in (example_docx, render(write_profile(tmp_path, FULL))):
        for name, content in parts(data).items():
            lowered = content.lower()
            for word in (b"python-docx", b"python_docx", b"python docx"):
                assert word not in lowered, (name, word)
        app = parts(data)["docProps/app.xml"].decode()
        assert "<Application>resume-builder</Application>" in app
        assert "Macintosh" not in app and "Normal.dotm" not in app
        assert not any(name.startswith(("customXml", "docProps/thumbnail")) or "stylesWithEffects" in name
                       for name in parts(data))


# ----------------------------------------------------------------------------- reproducibility


_RENDER_SCRIPT = """
import sys
from pathlib import Path
from resume_builder import pipeline
job = pipeline.prepare(Path(sys.argv[1]))
[out] = pipeline.render(job, "docx", Path(sys.argv[2]))
pipeline.write([out])
"""


def _render_in_subprocess(out: Path, epoch: str | None = None) -> bytes:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = epoch
    env.pop("PYTHONHASHSEED", None)  # each process hashes differently
    env["RESUME_BUILDER_CACHE_DIR"] = ""  # and subsets its fonts itself (no disk font cache)
    subprocess.run([sys.executable, "-c", _RENDER_SCRIPT, str(EXAMPLE), str(out)], check=True, cwd=REPO,
                   env=env, timeout=120)
    return out.read_bytes()


@pytest.fixture(scope="module")
def docx_from_a_subprocess(tmp_path_factory) -> bytes:
    """The example's DOCX (no SOURCE_DATE_EPOCH) rendered by the pipeline in a fresh interpreter."""
    return _render_in_subprocess(tmp_path_factory.mktemp("docx") / "a.docx")


def test_two_processes_give_identical_bytes(docx_from_a_subprocess, monkeypatch):
    """A fresh interpreter and this one (each with its own random hash seed) write the same bytes."""
    from resume_builder.pipeline import prepare, render as pipeline_render

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.delenv("PYTHONHASHSEED", raising=False)
    monkeypatch.setenv("RESUME_BUILDER_CACHE_DIR", "")
    first = docx_from_a_subprocess
    [here] = pipeline_render(prepare(EXAMPLE), "docx", Path("unused.docx"))
    assert first == here.data
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        infos = z.infolist()
    assert [i.filename for i in infos[:2]] == ["[Content_Types].xml", "_rels/.rels"]
    assert len({i.date_time for i in infos}) == 1


def test_source_date_epoch_sets_the_dates(tmp_path, docx_from_a_subprocess):
    default = docx_from_a_subprocess
    dated = _render_in_subprocess(tmp_path / "b.docx", epoch="1700000000")
    assert default != dated
    for data, stamp in ((dated, "2023-11-14T22:13:20"), (default, "1980-01-01T00:00:00")):
        props = reopen(data).core_properties
        assert props.created.replace(tzinfo=None).isoformat() == stamp
        assert props.modified.replace(tzinfo=None).isoformat() == stamp
        core = parts(data)["docProps/core.xml"].decode()
        assert f">{stamp}Z</dcterms:created>" in core and f">{stamp}Z</dcterms:modified>" in core
    with zipfile.ZipFile(io.BytesIO(dated)) as z:
        assert {i.date_time for i in z.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    # Only the dates differ.
    same_parts = {n: d for n, d in parts(default).items() if n != "docProps/core.xml"}
    assert same_parts == {n: d for n, d in parts(dated).items() if n != "docProps/core.xml"}


# ----------------------------------------------------------------------------- hostile input


def test_hostile_text_is_literal(tmp_path):
    doc = write_profile(tmp_path, HOSTILE)
    data = render(doc)
    paragraphs = body(data)
    texts = [text for _, text in paragraphs]
    assert paragraphs[0] == ("Title", "**Bold** [x](https://e.com) <script>alert(1)</script>")
    assert paragraphs[1] == ("Subtitle", "{{ 7*7 }} {% if %} # not a heading")
    summary = next(t for t in texts if t.startswith(SCRIPT))
    assert summary == f"{SCRIPT} {TEMPLATE} &lt;b&gt; <w:t>xml</w:t> ]]> bellnul[31mgnp.exe"
    assert "<b>Tricky</b> & \"quoted\"" in texts
    assert "*literal* and snake_case_name" in texts
    assert "backspace and tab inside" in texts
    header = texts.index("SRE C#")
    assert texts[header + 1:header + 3] == ["<i>Evil</i> Corp", "Jan 2020 – present\u00a0· **Nowhere**"]
    # Only the Markdown link in the bullet is a link; the name's brackets stayed text.
    reopened = reopen(data)
    targets = [reopened.part.rels[h.get(f"{R}id")].target_ref for h in reopened.element.body.iter(f"{W}hyperlink")]
    assert targets == ["mailto:eve@example.org", "https://e.com/?a=1&b=<2>"]
    xml = parts(data)["word/document.xml"]
    assert b"<script" not in xml and b"&lt;script&gt;" in xml
    assert b"<w:t>xml</w:t>" not in xml.replace(b"&lt;w:t&gt;xml&lt;/w:t&gt;", b"")
    title = reopened.paragraphs[0]
    assert all(r.bold is None and r.italic is None for r in title.runs)


def test_stray_control_characters_never_break_the_file():
    """Even text that skipped the document model's cleaning becomes valid XML."""
    nasty = "a\x00b\x07c\x1bd\x0ce\ud800f\ufffeg\nh\ti"
    doc = Document(
        name=nasty, headline="", contacts=(), metadata=Metadata(
            title=nasty, author=nasty, subject=nasty, keywords=(nasty,), language="en"),
        sections=(Section("x", nasty, "bullets", bullets=(Bullet(RichText((Span(nasty, bold=True),))),)),),
    )
    paragraphs = body(render(doc))
    assert paragraphs == [("Title", "abcdefg h i"), ("Heading 1", "abcdefg h i"), ("List Bullet", "abcdefg h i")]


# ----------------------------------------------------------------------------- pipeline and themes


def test_pipeline_registers_docx(tmp_path):
    assert "docx" in pipeline.available_formats()
    job = pipeline.prepare(EXAMPLE)
    [out] = pipeline.render(job, "docx", tmp_path / "x.docx")
    assert out.path == tmp_path / "x.docx" and out.data[:2] == b"PK"
    assert body(out.data)[0] == ("Title", job.document.name)


def test_cli_start_up_does_not_import_python_docx():
    code = ("import sys, resume_builder.cli\nfrom resume_builder import pipeline\npipeline.available_formats()\n"
            "print(sorted(m for m in sys.modules if m == 'docx' or m.startswith(('docx.', 'resume_builder.render.docx'))))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert result.stdout.strip() == "[]"  # the format table names renderers; none is imported yet


def test_every_built_in_theme_renders(example_doc):
    names = [name for name, source, _ in ThemeFinder().available() if source == "built-in"]
    assert "classic" in names
    for name in names:
        paragraphs = body(render(example_doc, theme=name))
        assert paragraphs[0] == ("Title", example_doc.name), name


def test_reference_docx_styles_win(tmp_path, example_doc):
    """A theme's reference document gives its own styles; the structure stays the same."""
    folder = tmp_path / "themes" / "branded"
    folder.mkdir(parents=True)
    reference = docx.Document()
    reference.styles["Heading 1"].font.color.rgb = docx.shared.RGBColor(0xAA, 0x00, 0x11)
    reference.sections[0].header.paragraphs[0].text = "CONFIDENTIAL HEADER"
    reference.add_paragraph("Template body text that must not survive")
    reference.save(folder / "ref.docx")
    (folder / "theme.toml").write_text('name = "branded"\nextends = "classic"\n\n[docx]\nreference_docx = "ref.docx"\n',
                                       encoding="utf-8")
    theme = ThemeFinder(theme_dir=folder).find(None)
    data = render_docx(example_doc, theme, theme.options())
    reopened = reopen(data)
    assert str(reopened.styles["Heading 1"].font.color.rgb) == "AA0011"
    expected = expected_paragraphs(example_doc)
    assert [(p.style.name, p.text) for p in reopened.paragraphs] == [(s, t) for s, _, t in expected]
    files = parts(data)
    assert not any(name.startswith("word/header") for name in files)
    assert all(b"python-docx" not in content for content in files.values())
    assert b"CONFIDENTIAL" not in b"".join(files.values())
    assert reopened.core_properties.author == example_doc.name


def test_reference_docx_must_be_inside_the_theme(tmp_path):
    from resume_builder.errors import UserError

    folder = tmp_path / "themes" / "escape"
    folder.mkdir(parents=True)
    (folder / "theme.toml").write_text('name = "escape"\nextends = "classic"\n\n[docx]\n'
                                       'reference_docx = "../../outside.docx"\n', encoding="utf-8")
    docx.Document().save(tmp_path / "outside.docx")
    with pytest.raises(UserError, match="reference_docx '../../outside.docx' is outside the theme folder"):
        theme = ThemeFinder(theme_dir=folder).find(None)  # checked when the theme is loaded
        render_docx(document(EXAMPLE), theme, theme.options())


def test_theme_masthead_alignment_and_headline_style():
    from docx import Document as Docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from resume_builder import pipeline
    from tests.conftest import EXAMPLE

    for theme, expected in (("classic", WD_ALIGN_PARAGRAPH.CENTER), ("modern", WD_ALIGN_PARAGRAPH.LEFT)):
        job = pipeline.prepare(EXAMPLE, theme_name=theme)
        data = pipeline.render(job, "docx", Path("x.docx"))[0].data
        styles = Docx(io.BytesIO(data)).styles
        assert styles["Title"].paragraph_format.alignment == expected
    subtitle = styles["Subtitle"]
    assert subtitle.font.bold is True and not subtitle.font.italic
