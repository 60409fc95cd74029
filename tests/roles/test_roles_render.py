"""Several roles at one employer in every theme and format (issue 18).

A company with several roles is one block: the company once (name, span of its roles,
place), then each role, newest first, with its own dates (and its place where it differs),
in PDF, HTML, DOCX, Markdown and text; the DOCX keeps real headings and lists, no tables;
the ATS check reads the entries in order with their dates. (The DOCX of the example
profile, which has companies with roles, is validated against the OOXML schema in every
locale by tests/render/test_docx_schema.py.)
"""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

import pytest

from resume_builder import pipeline
from resume_builder.checking import run_checks
from tests.checking.builders import builtin_themes
from tests.font_stand_ins import cheap_font_subsetting

# Written oldest role first on purpose: the document lists them newest first.
PROFILE = """\
basics: {name: Kit Sample, email: kit@example.com}
experience:
  - id: acme
    company: Acme Anvils
    location: Berlin, Germany
    summary: Anvils for cartoon coyotes.
    keywords: [Go, Postgres]
    roles:
      - id: acme-dev
        position: Junior Developer
        start: 2016-02
        end: 2018-04
        highlights: [Shipped the first anvil tracker]
      - id: acme-senior
        position: Senior Developer
        start: 2018-04
        end: 2020-09
        location: Munich, Germany
        summary: Owned the shipping service.
      - id: acme-lead
        position: Engineering Lead
        start: 2020-09
        end: present
        highlights: [Led a team of six, Cut delivery time by half]
  - id: solo
    company: Solo Works
    position: Freelance Engineer
    start: 2013-01
    end: 2016-01
education:
  - institution: Example University
    degree: BSc Computer Science
    start: 2009
    end: 2012
"""

# What every format must say, in this order (each a line or part of one).
ORDER = ["Acme Anvils", "Feb 2016 – present", "Berlin, Germany", "Anvils for cartoon coyotes.",
         "Engineering Lead", "Sep 2020 – present", "Led a team of six", "Cut delivery time by half",
         "Senior Developer", "Apr 2018 – Sep 2020", "Munich, Germany", "Owned the shipping service.",
         "Junior Developer", "Feb 2016 – Apr 2018", "Shipped the first anvil tracker",
         "Freelance Engineer", "Solo Works", "Jan 2013 – Jan 2016"]
FORMATS = ("pdf", "html", "docx", "md", "txt")
THEMES = builtin_themes()


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[tuple[str, str], Path]:
    folder = tmp_path_factory.mktemp("roles")
    profile = folder / "roles.yaml"
    profile.write_text(PROFILE, encoding="utf-8")
    out = {}
    with cheap_font_subsetting():  # these tests read what the outputs say, not their fonts
        for theme in THEMES:
            job = pipeline.prepare(profile, theme_name=theme)
            for fmt in FORMATS:
                (rendered,) = pipeline.render(job, fmt, folder / f"{theme}.{fmt}")
                rendered.path.write_bytes(rendered.data)
                out[(theme, fmt)] = rendered.path
            out[(theme, "document")] = job.document
    return out


def _text(path: Path) -> str:
    """The file's text as a reader gets it, whitespace collapsed."""
    if path.suffix == ".pdf":
        from pdfminer.high_level import extract_text

        text = extract_text(str(path))
    elif path.suffix == ".docx":
        with zipfile.ZipFile(path) as z:
            xml = z.read("word/document.xml").decode()
        text = "\n".join("".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", p)) for p in xml.split("</w:p>"))
        text = html.unescape(text)
    elif path.suffix == ".html":
        body = path.read_text(encoding="utf-8").split("<body", 1)[1]
        text = html.unescape(re.sub(r"<[^>]+>", " ", body))
    else:
        text = path.read_text(encoding="utf-8").replace("\\", "")
    return " ".join(text.split())


@pytest.mark.slow
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("theme", THEMES)
def test_company_once_then_roles_newest_first_with_their_dates(outputs, theme, fmt):
    text = _text(outputs[(theme, fmt)])
    at = 0
    for part in ORDER:
        found = text.find(part, at)
        assert found >= 0, f"{part!r} missing or out of order after {text[at:at + 120]!r}"
        at = found + len(part)
    assert text.count("Acme Anvils") == 1  # the company once, not once per role
    # the role in the company's place does not repeat it; the one elsewhere says where
    assert text.count("Berlin, Germany") == 1 and text.count("Munich, Germany") == 1


@pytest.mark.slow
@pytest.mark.parametrize("theme", THEMES)
def test_docx_roles_are_headings_and_lists_without_tables(outputs, theme):
    import docx

    path = outputs[(theme, "docx")]
    document = docx.Document(str(path))
    rows = [(p.style.name, p.text) for p in document.paragraphs]
    headings = [(style, text.split("\t")[0]) for style, text in rows if style in ("Heading 2", "Heading 3")]
    assert headings[:4] == [("Heading 2", "Acme Anvils"), ("Heading 3", "Engineering Lead"),
                            ("Heading 3", "Senior Developer"), ("Heading 3", "Junior Developer")]
    lead = rows.index(next(r for r in rows if r[1].startswith("Engineering Lead")))
    assert rows[lead][1] == "Engineering Lead\tSep 2020 – present"
    assert rows[lead + 1] == ("List Bullet", "Led a team of six")
    assert ("Heading 3", "Senior Developer\tApr 2018 – Sep 2020\u00a0· Munich, Germany") in rows
    assert not document.tables
    with zipfile.ZipFile(path) as z:
        assert b"<w:tbl>" not in z.read("word/document.xml") and b"<w:tbl " not in z.read("word/document.xml")


@pytest.mark.slow
@pytest.mark.parametrize("theme", THEMES)
def test_html_roles_are_subheadings_inside_the_company(outputs, theme):
    page = outputs[(theme, "html")].read_text(encoding="utf-8")
    company = page[page.index('<article class="entry" id="acme"'):]
    company = company[:company.index("</article>")]
    assert company.count('<h3 class="entry-title">') == 1
    titles = re.findall(r'<h4 class="role-title">([^<]+)</h4>', company)
    assert titles == ["Engineering Lead", "Senior Developer", "Junior Developer"]
    assert [m for m in re.findall(r'id="(acme-[a-z]+)"', company)] == ["acme-lead", "acme-senior", "acme-dev"]


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ("pdf", "docx"))
@pytest.mark.parametrize("theme", THEMES)
def test_ats_check_passes_and_reads_every_role_in_order(outputs, theme, fmt):
    report = run_checks(outputs[(theme, fmt)], outputs[(theme, "document")])
    assert report.passed, [(c.name, c.detail) for c in report.checks if not c.passed]
    assert report.check("entries").detail.startswith("all 2 experience (3 roles) and 1 education entries")


def test_ats_check_finds_a_role_out_of_order(outputs):
    from dataclasses import replace

    theme = THEMES[0]
    document = outputs[(theme, "document")]
    section = document.section("experience")
    acme = section.entries[0]
    swapped = replace(acme, roles=(acme.roles[1], acme.roles[0], acme.roles[2]))
    wrong = replace(document, sections=tuple(
        replace(s, entries=(swapped, *s.entries[1:])) if s.key == "experience" else s for s in document.sections))
    report = run_checks(outputs[(theme, "pdf")], wrong)
    detail = next(c.detail for c in report.checks if c.name == "entries")
    assert not report.check("entries").passed and "out of order" in detail


def test_markdown_and_text_shapes(outputs):
    md = outputs[(THEMES[0], "md")].read_text(encoding="utf-8")
    assert "### Acme Anvils\n*Feb 2016 – present · Berlin, Germany*" in md
    assert "#### Engineering Lead\n*Sep 2020 – present*" in md
    assert "#### Senior Developer\n*Apr 2018 – Sep 2020 · Munich, Germany*" in md
    txt = outputs[(THEMES[0], "txt")].read_text(encoding="utf-8")
    assert ("Acme Anvils · Feb 2016 – present · Berlin, Germany\nAnvils for cartoon coyotes.\n"
            "Technologies: Go, Postgres\nEngineering Lead · Sep 2020 – present\n• Led a team of six") in txt


def test_one_document_model_every_format_the_same_blocks(outputs):
    document = outputs[(THEMES[0], "document")]
    blocks = list(document.text_blocks())
    assert blocks.index("Engineering Lead") < blocks.index("Senior Developer") < blocks.index("Junior Developer")
    assert blocks.count("Acme Anvils") == 1


@pytest.mark.slow
def test_png_pages_render(tmp_path):
    profile = tmp_path / "roles.yaml"
    profile.write_text(PROFILE, encoding="utf-8")
    job = pipeline.prepare(profile)
    pages = pipeline.render(job, "png", tmp_path / "roles.png")
    assert pages and all(page.data.startswith(b"\x89PNG") for page in pages)


@pytest.mark.parametrize("theme", THEMES)
def test_docx_sets_a_roles_body_in_under_its_heading_as_the_pdf_does(outputs, theme):
    """The PDF sets each role, heading and body, in from its company (base.css.j2 .roles); the
    DOCX set in the Heading 3 only, so the role's bullets and text stood out to the left of it
    (newcomer trial). Now every paragraph of a role's body is 170 twips (3 mm) further in than its
    style says, the heading's own indent; the company's and other entries' paragraphs are not."""
    import docx

    document = docx.Document(str(outputs[(theme, "docx")]))
    paragraphs = document.paragraphs

    def extra(paragraph) -> int:
        own = paragraph.paragraph_format.left_indent
        base = paragraph.style.paragraph_format.left_indent or 0
        return round(((own if own is not None else base) - base) / 635)  # EMU per twip

    role_body = {"Led a team of six", "Cut delivery time by half", "Owned the shipping service.",
                 "Shipped the first anvil tracker"}
    seen = set()
    for paragraph in paragraphs:
        text = paragraph.text
        for line in role_body:
            if text.startswith(line):
                assert extra(paragraph) == 170, (theme, text, paragraph.style.name)
                seen.add(line)
        if text.startswith(("Anvils for cartoon coyotes", "Freelance Engineer", "Solo Works", "Example University")):
            assert extra(paragraph) == 0, (theme, text)
    assert seen == role_body, seen
