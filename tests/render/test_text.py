"""Markdown and plain-text renderings: same text, same order, profile text never markup."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from resume_builder.document import Document, Metadata, RichText, Section
from resume_builder.markdown import Span, parse_inline
from resume_builder.render.text import render_markdown, render_text
from tests.render.samples import EXAMPLE, FULL, HOSTILE_NAME, SCRIPT, TEMPLATE, document, write_profile



# ----------------------------------------------------------------------------- helpers


def assert_in_order(output: str, blocks: list[str], *, fold_case: bool = False) -> None:
    """Every block occurs in ``output``, each after the previous one (scanning forward)."""
    if fold_case:
        output = output.casefold()
    pos = 0
    for block in blocks:
        needle = block.casefold() if fold_case else block
        found = output.find(needle, pos)
        assert found >= 0, f"{block!r} missing after position {pos}:\n{output[pos:pos + 300]!r}"
        pos = found + len(needle)


def markdown_html(markdown: str) -> str:
    """The HTML a CommonMark renderer (raw HTML allowed, as on many sites) makes of ``markdown``."""
    markdown_it = pytest.importorskip("markdown_it")
    parser = markdown_it.MarkdownIt("commonmark", {"html": True}).enable(["strikethrough", "table"])
    return parser.render(markdown)


def html_text(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def entry_urls(doc: Document) -> list[str]:
    return [e.url for s in doc.sections for e in s.entries if e.url]


HOSTILE = {
    "basics": {"name": HOSTILE_NAME, "headline": f"{TEMPLATE} # not a heading"},
    "summary": f"{SCRIPT} {TEMPLATE} <img src=x onerror=alert(1)> &lt;b&gt; `code` ~~gone~~\n\n"
               "\\*literal\\* and snake_case_name",
    "custom": [{"id": "tricky", "title": "# Tricky <b>", "items": [
        "# looks like a heading",
        "- looks like a list",
        "1986. looks like an ordered list",
        "+ plus",
        "> quote",
        "=====",
        "<div>raw</div>",
        "[x](https://e.com) is a real link here",
    ]}],
    "experience": [{"company": "<i>Evil</i> Corp", "position": "SRE C#", "location": "**Nowhere**",
                    "start": "2020-01"}],
}


# ----------------------------------------------------------------------------- golden files


def test_example_markdown_golden(golden):
    golden("example.md", render_markdown(document(EXAMPLE)))


def test_example_text_golden(golden):
    golden("example.txt", render_text(document(EXAMPLE)))


# ----------------------------------------------------------------------------- parity


@pytest.fixture(params=["example", "full", "hostile"])
def any_doc(request, tmp_path) -> Document:
    if request.param == "example":
        return document(EXAMPLE)
    return write_profile(tmp_path, FULL if request.param == "full" else HOSTILE)


def test_markdown_has_every_text_block_in_order(any_doc):
    assert_in_order(html_text(markdown_html(render_markdown(any_doc))), list(any_doc.text_blocks()))


def test_text_has_every_text_block_in_order(any_doc):
    # Section headings are printed in capitals; everything else matches exactly.
    output = render_text(any_doc)
    assert_in_order(output, list(any_doc.text_blocks()), fold_case=True)
    titles = {s.title for s in any_doc.sections}
    assert_in_order(output, [b for b in any_doc.text_blocks() if b not in titles])


def test_every_text_block_stays_on_one_line(any_doc):
    """Nothing is hard-wrapped: each paragraph, bullet and title is within a single line."""
    text_lines = render_text(any_doc).casefold().splitlines()
    md_lines = html_text(markdown_html(render_markdown(any_doc))).splitlines()
    for block in any_doc.text_blocks():
        assert any(block.casefold() in line for line in text_lines), block
        assert any(block in line for line in md_lines), block


def test_long_paragraph_is_not_wrapped(tmp_path):
    sentence = "Automated the deployment of hundreds of services across regions. "
    long = (sentence * 12).strip()
    doc = write_profile(tmp_path, {"basics": {"name": "A"}, "summary": long,
                                   "custom": [{"id": "x", "title": "X", "items": [long]}]})
    text = render_text(doc)
    assert long in text.splitlines()
    assert f"• {long}" in text.splitlines()
    assert max(len(line) for line in text.splitlines()) == len(long) + 2
    assert long in render_markdown(doc).splitlines()


# ----------------------------------------------------------------------------- hostile text


def test_hostile_text_is_inert_in_markdown(tmp_path):
    doc = write_profile(tmp_path, HOSTILE)
    markdown = render_markdown(doc)
    out = markdown_html(markdown)
    for tag in ("<script", "<img", "<div", "<b>", "<i>", "<del>", "<s>", "<blockquote>", "<ol",
                "<hr", "<strong>"):
        assert tag not in out, tag
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert out.count("<code>") == 1 and "<code>code</code>" in out  # the one code span typed
    # The name is plain text: no bold, no link to e.com in the heading.
    heading = out.split("\n")[0]
    assert heading == f"<h1>{html.escape(HOSTILE_NAME, quote=False)}</h1>"
    assert out.count("<h1>") == 1
    # Only the link written in Markdown in a bullet is a link; the name's is text.
    assert out.count('href="https://e.com"') == 1
    assert "{{ 7*7 }}" in out
    assert "<p>*literal* and snake_case_name</p>" in out
    assert "<em>Jan 2020 – present · **Nowhere**</em>" in out  # only the date line is italic
    assert "&amp;lt;b&amp;gt;" in out  # an entity typed as text stays text
    # Lines that look like blocks stay in the one bullet list as text.
    tricky = out[out.index("Tricky"):]
    assert tricky.count("<li>") == 8 and tricky.count("<ul>") == 1
    for text in ("# looks like a heading", "- looks like a list", "1986. looks like an ordered list",
                 "+ plus", "&gt; quote", "=====", "&lt;div&gt;raw&lt;/div&gt;"):
        assert f"<li>{text}</li>" in out, text
    assert "<h3>SRE C#" in out  # a trailing '#' is kept, not taken as a closing sequence


def test_hostile_text_is_verbatim_in_plain_text(tmp_path):
    doc = write_profile(tmp_path, HOSTILE)
    text = render_text(doc)
    lines = text.splitlines()
    assert lines[0] == HOSTILE_NAME
    assert lines[1] == f"{TEMPLATE} # not a heading"
    assert f"{SCRIPT} {TEMPLATE} <img src=x onerror=alert(1)> &lt;b&gt; code ~~gone~~" in lines
    assert "*literal* and snake_case_name" in lines
    assert "• # looks like a heading" in lines
    assert "• - looks like a list" in lines
    assert "• <div>raw</div>" in lines
    # A real link keeps its text and shows where it points.
    assert "• x is a real link here (e.com)" in lines
    assert "SRE C# — <i>Evil</i> Corp · Jan 2020 – present · **Nowhere**" in lines


def test_plain_text_adds_no_markup(tmp_path):
    doc = write_profile(tmp_path, FULL)
    text = render_text(doc)
    source = "".join(doc.text_blocks()) + "".join(entry_urls(doc))
    for char in "*_#[]()<>`\\~|":
        if char in text:
            assert char in source or char in "()", f"{char!r} added to the text output"
    assert "**" not in text and "](" not in text
    assert "First paragraph with bold, italic and a blog. (blog.example.org/posts)" in text.splitlines()


# ----------------------------------------------------------------------------- layout


def test_markdown_layout(tmp_path):
    doc = write_profile(tmp_path, FULL)
    md = render_markdown(doc)
    lines = md.splitlines()
    assert lines[0] == "# Sam Sample"
    assert "Site Reliability Engineer" in lines
    contacts = next(line for line in lines if line.startswith("[sam@"))
    assert contacts.split(" · ") == ["[sam@example.org](mailto:sam@example.org)", "Berlin, DE",
                                     "[sam.example.org](https://sam.example.org/)",
                                     "[github.com/sam](https://github.com/sam)", "Mastodon: @sam@example.social"]
    assert "## Experience" in lines
    heading = lines.index("### SRE — Acme")
    assert lines[heading + 1] == "*Jan 2020 – present · Remote* · [acme.example.com](https://acme.example.com)"
    assert "- Cut costs by 30%" in lines and "  - Spot instances" in lines and "  - Right-sizing" in lines
    assert "**Technologies:** Go, Kubernetes" in lines
    assert "- **Cloud (Expert):** AWS, GCP" in lines
    assert "- **German**" in lines
    assert "### Toolkit — Maintainer" in lines and "*2019 – 2021*" in lines
    assert "**Courses:** Distributed Systems, Compilers" in lines
    assert "- KubeCon 2023" in lines and "**Audience:** 800 people" in lines
    assert ("First paragraph with **bold**, *italic* and a [blog](https://blog.example.org/posts).\n\n"
            "Second paragraph.") in md
    assert "\n\n\n" not in md and md.endswith("\n") and not md.endswith("\n\n")
    html_out = markdown_html(md)
    assert "<ul>\n<li>Cut costs by 30%\n<ul>\n<li>Spot instances</li>" in html_out


def test_text_layout(tmp_path):
    doc = write_profile(tmp_path, FULL)
    text = render_text(doc)
    lines = text.splitlines()
    assert lines[:3] == ["Sam Sample", "Site Reliability Engineer",
                         ("sam@example.org · Berlin, DE · sam.example.org · github.com/sam · "
                          "Mastodon: @sam@example.social")]
    assert "EXPERIENCE" in lines
    assert "SRE — Acme · Jan 2020 – present · Remote · acme.example.com" in lines
    bullets = lines.index("• Cut costs by 30%")
    assert lines[bullets + 1:bullets + 4] == ["  ◦ Spot instances", "  ◦ Right-sizing", "• Led on-call"]
    assert "Technologies: Go, Kubernetes" in lines
    assert "• Cloud (Expert): AWS, GCP" in lines and "• German" in lines
    assert "Courses: Distributed Systems, Compilers" in lines and "Score: 1.3" in lines
    talks = lines.index("TALKS")
    assert lines[talks:talks + 5] == ["TALKS", "• KubeCon 2023", "", "SREcon — Keynote · Mar 2022",
                                      "Audience: 800 people"]
    # Sections are separated by exactly one blank line, each starting with its heading.
    assert "\n\n\n" not in text and text.endswith("\n") and not text.endswith("\n\n")
    for section in doc.sections:
        index = lines.index(section.title.upper())
        assert lines[index - 1] == ""
    assert all(line == line.rstrip() for line in lines)


def test_text_entries_without_body_stack(tmp_path):
    doc = document(EXAMPLE)
    lines = render_text(doc).splitlines()
    first = lines.index("Platform Engineer — Fresha · Mar 2023 – present · London, UK")
    assert lines[first - 1] == "EXPERIENCE"
    assert lines[first + 1] == "Principal Consultant — Wipro UK · Oct 2022 – Mar 2023 · London, UK"


def test_links_in_text_are_shown_once(tmp_path):
    doc = write_profile(tmp_path, {
        "basics": {"name": "A"},
        "summary": "See https://a.example.com and [my blog](https://b.example.com) and "
                   "[c.example.com](https://c.example.com).\n\n"
                   "Two: [one](https://one.example.com), [two](mailto:two@example.com).",
    })
    lines = render_text(doc).splitlines()
    assert ("See https://a.example.com and my blog and c.example.com. (b.example.com)") in lines
    assert "Two: one, two. (one: one.example.com; two: two@example.com)" in lines



# ----------------------------------------------------------------------------- inline Markdown


def inline_markdown(spans: list[Span]) -> str:
    """The Markdown of one paragraph made of ``spans``."""
    doc = Document("n", "", (), (Section("k", "t", "text", paragraphs=(RichText(tuple(spans)),)),),
                   Metadata("", "", "", (), "en"))
    return render_markdown(doc).split("\n\n", 2)[2].rstrip("\n")


def rendered_format(markdown: str) -> list[tuple[str, bool, bool, str | None]]:
    """(character, bold, italic, href) for each character CommonMark reads in ``markdown``."""
    markdown_it = pytest.importorskip("markdown_it")
    children = markdown_it.MarkdownIt("commonmark").parseInline(markdown)[0].children
    bold = italic = 0
    href = None
    out = []
    for token in children:
        if token.type in ("strong_open", "strong_close"):
            bold += 1 if token.type.endswith("open") else -1
        elif token.type in ("em_open", "em_close"):
            italic += 1 if token.type.endswith("open") else -1
        elif token.type == "link_open":
            href = token.attrs["href"]
        elif token.type == "link_close":
            href = None
        elif token.type == "text":
            out.extend((c, bold > 0, italic > 0, href) for c in token.content)
        else:
            out.append((f"<{token.type}>", False, False, None))
    return out


@pytest.mark.parametrize("source, expected", [
    ("Expert in **Python**, *Go* and [docs](https://d.com).", "Expert in **Python**, *Go* and [docs](https://d.com)."),
    ("**bold *both* x**", "**bold *both* x**"),
    ("**Design:** text", "**Design:** text"),
    ("see [**docs**](https://d.com)!", "see [**docs**](https://d.com)!"),
    ("Wow![x](https://x.com)", "Wow!\\[x\\](https://x.com)"),  # an image stays literal text, never a link
    ("**C++**developers", "\\*\\*C++\\*\\*developers"),  # CommonMark reads no bold here: text
    ("Call `__init__()` and ``a`b``", "Call `__init__()` and ``a`b``"),
    ("**`x`** ` `` `", "**`x`** ``` `` ```"),
])
def test_inline_spans(source, expected):
    assert inline_markdown(parse_inline(source)) == expected


def test_bold_that_commonmark_cannot_close_is_dropped_not_garbled():
    assert inline_markdown([Span("C++", bold=True), Span("developers")]) == "C++developers"


def test_inline_markdown_never_changes_text_or_adds_formatting():
    hypothesis = pytest.importorskip("hypothesis")
    st = hypothesis.strategies
    span = st.builds(Span, st.text(alphabet="ab .,:!*_[]<>`~\\&#-()🐳", min_size=1, max_size=6),
                     st.booleans(), st.booleans(), st.sampled_from([None, "https://x.com", "https://y.com"]))

    @hypothesis.settings(max_examples=400, deadline=None)
    @hypothesis.given(st.lists(span, min_size=1, max_size=4))
    def check(spans):
        text = "".join(s.text for s in spans)
        hypothesis.assume(text.strip() == text)
        got = rendered_format(inline_markdown(spans))
        assert "".join(g[0] for g in got) == text
        wanted = [(c, s.bold, s.italic, s.href) for s in spans for c in s.text]
        for (char, bold, italic, href), (_, want_bold, want_italic, want_href) in zip(got, wanted):
            if not char.isspace():
                assert (bold <= want_bold, italic <= want_italic, href) == (True, True, want_href)

    check()


def test_code_spans_read_back_exactly():
    """Any text in a code span comes back from a CommonMark reader as one code span, unchanged."""
    hypothesis = pytest.importorskip("hypothesis")
    markdown_it = pytest.importorskip("markdown_it")
    st = hypothesis.strategies

    @hypothesis.settings(max_examples=300, deadline=None)
    @hypothesis.given(st.text(alphabet="a `*_\\<>[]", min_size=1, max_size=8).filter(lambda t: t.strip()),
                      st.booleans())
    def check(code, bold):
        markdown = inline_markdown([Span("x "), Span(code, bold=bold, code=True), Span(" y")])
        children = markdown_it.MarkdownIt("commonmark").parseInline(markdown)[0].children
        assert [t.content for t in children if t.type == "code_inline"] == [code], markdown
        assert any(t.type == "strong_open" for t in children) == bold, markdown

    check()


# ----------------------------------------------------------------------------- the profile's own words
# Expected values read from the profile file (tests/profile_facts.py), not from the Document.

PROFILE_FILES = [EXAMPLE_PATH := Path(__file__).resolve().parents[2] / "profiles" / "example.yaml",
                 Path(__file__).resolve().parents[1] / "fixtures" / "profiles" / "one_page.yaml",
                 Path(__file__).resolve().parents[1] / "fixtures" / "jsonresume" / "full.resume.json"]


@pytest.mark.parametrize("path", PROFILE_FILES, ids=lambda p: p.name)
def test_text_and_markdown_say_everything_the_profile_says_in_order(path):
    from tests.profile_facts import every_fact, ordered_facts

    doc = document(path)
    folded = " ".join(render_text(doc).split())
    markdown = " ".join(html_text(markdown_html(render_markdown(doc))).split())
    for output in (folded, markdown):
        assert_in_order(output, ordered_facts(path), fold_case=True)  # text capitalises headings
        assert [f for f in every_fact(path) if f.casefold() not in output.casefold()] == []


@pytest.mark.parametrize("text, written", [
    ("snake_case_names and make_it_so", "snake_case_names and make_it_so"),  # no clutter inside words
    ("__init__ and _private and end_", r"\_\_init\_\_ and \_private and end\_"),  # could open emphasis
    ("ünïcode_wörds x__y", "ünïcode_wörds x__y"),
])
def test_underscores_inside_a_word_are_not_escaped_and_read_back_as_written(text, written):
    """``snake\\_case\\_names`` was clutter in the file (visual review): CommonMark's flanking rules
    never let an underscore between two letters or digits open or close emphasis."""
    markdown = inline_markdown([Span(text), Span(" and "), Span("bold", bold=True)])
    assert markdown.startswith(written + " and **bold**"), markdown
    assert "".join(c for c, *_ in rendered_format(markdown)) == text + " and bold"
