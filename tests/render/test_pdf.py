"""The PDF itself: fonts, tags, metadata, links, page numbers, extractable text, pagination.

The example profile is rendered once per module (and a one-page profile once); every test
inspects those bytes with pypdf, pdftotext (poppler-utils) and pdfminer. Any WeasyPrint
warning during a render fails the test that asked for it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import logging
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

pypdf = pytest.importorskip("pypdf")

from resume_builder.document import Document, Entry, build_document, entry_texts
from resume_builder.errors import UserError
from resume_builder.pipeline import prepare
from resume_builder.render.pdf import PdfResult, render_pdf

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "profiles" / "example.yaml"
ONE_PAGE = REPO / "tests" / "fixtures" / "profiles" / "one_page.yaml"

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                     reason="pdftotext (Debian package poppler-utils) is not installed")

SUBSET_TAG = re.compile(r"^/?[A-Z]{6}\+")
PAGE_NUMBER_LINE = re.compile(r"^\s*(?:page\s*)?(\d+)\s*(?:/|of)\s*(\d+)\s*$", re.IGNORECASE)


# ----------------------------------------------------------------------------- rendering


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def no_weasyprint_warnings():
    """Fail if WeasyPrint logs a warning or an error inside the block."""
    handler = _Records()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
    messages = [record.getMessage() for record in handler.records]
    assert not messages, f"WeasyPrint warned while rendering: {messages}"


@dataclass
class Rendered:
    doc: Document
    result: PdfResult
    path: Path

    @property
    def reader(self):
        return pypdf.PdfReader(self.path)


def render(profile: Path, out: Path, **prepare_args) -> Rendered:
    job = prepare(profile, **prepare_args)
    with no_weasyprint_warnings():
        result = render_pdf(job.document, job.theme, job.options, profile_folder=job.profile_folder)
    assert result.warnings == [], f"render reported warnings: {result.warnings}"
    out.write_bytes(result.data)
    return Rendered(job.document, result, out)


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Rendered:
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("SOURCE_DATE_EPOCH", raising=False)
        return render(EXAMPLE, tmp_path_factory.mktemp("pdf") / "example.pdf")


@pytest.fixture(scope="module")
def one_page(tmp_path_factory) -> Rendered:
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("SOURCE_DATE_EPOCH", raising=False)
        return render(ONE_PAGE, tmp_path_factory.mktemp("pdf") / "one_page.pdf")


# ----------------------------------------------------------------------------- inspection


def _resources_fonts(resources, seen: set[int]):
    """Every font dictionary reachable from a resource dictionary (forms included)."""
    if resources is None:
        return
    resources = resources.get_object()
    for font in (resources.get("/Font") or {}).values():
        yield font.get_object()
    for xobject in (resources.get("/XObject") or {}).values():
        ref = getattr(xobject, "idnum", None)
        xobject = xobject.get_object()
        if ref is not None:
            if ref in seen:
                continue
            seen.add(ref)
        if xobject.get("/Subtype") == "/Form":
            yield from _resources_fonts(xobject.get("/Resources"), seen)


def font_dicts(reader) -> list:
    seen: set[int] = set()
    fonts = []
    for page in reader.pages:
        fonts.extend(_resources_fonts(page.get("/Resources"), seen))
    return fonts


def pdftotext(path: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", *args, str(path), "-"], check=True,
                          capture_output=True, text=True, timeout=60).stdout


def page_texts(path: Path, *args: str) -> list[str]:
    """pdftotext's text, one string per page (it ends pages with a form feed)."""
    pages = pdftotext(path, *args).split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


def layout_page_lines(path: Path) -> list[list[str]]:
    """Non-empty lines of each page in pdftotext's -layout mode."""
    pages = pdftotext(path, "-layout").split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return [[line.strip() for line in page.splitlines() if line.strip()] for page in pages]


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def find_in_order(text: str, blocks: list[str]) -> list[int]:
    """Start offset of each block in ``text``, each found after the previous one."""
    offsets, pos = [], 0
    for block in blocks:
        needle = norm(block)
        found = text.find(needle, pos)
        assert found >= 0, f"{needle!r} is missing or out of order; text after the previous block:\n" \
                           f"{text[pos:pos + 400]!r}"
        offsets.append(found)
        pos = found + len(needle)
    return offsets


def pdfminer_text(path: Path) -> str:
    """pdfminer's text lines in visual reading order: rows top to bottom, left to right."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTContainer, LTTextLine

    def lines(obj):
        if isinstance(obj, LTTextLine):
            yield obj
        elif isinstance(obj, LTContainer):
            for child in obj:
                yield from lines(child)

    parts: list[str] = []
    for page in extract_pages(str(path)):
        rows: list[tuple[float, list]] = []
        for line in sorted(lines(page), key=lambda ln: -(ln.y0 + ln.y1) / 2):
            middle = (line.y0 + line.y1) / 2
            if rows and abs(rows[-1][0] - middle) < 3:
                rows[-1][1].append(line)
            else:
                rows.append((middle, [line]))
        for _, row in rows:
            parts.extend(line.get_text() for line in sorted(row, key=lambda ln: ln.x0))
    return " ".join(parts)


def _bullet_texts(bullets) -> list[str]:
    out = []
    for bullet in bullets:
        out.append(bullet.text.plain)
        out.extend(child.plain for child in bullet.children)
    return out


def _header_count(entry: Entry) -> int:
    return sum(1 for part in (entry.title.plain, entry.subtitle.plain, entry.date, entry.location,
                              entry.description.plain) if part)


def blocks_with_roles(doc: Document) -> list[tuple[str, str]]:
    """``doc.text_blocks()`` with what each block is: a section title, an entry header, ..."""
    out = [(doc.name, "masthead")]
    if doc.headline:
        out.append((doc.headline, "masthead"))
    out += [(contact.text, "masthead") for contact in doc.contacts]
    for section in doc.sections:
        out.append((section.title, "section-title"))
        out += [(p.plain, "text") for p in section.paragraphs]
        out += [(t, "text") for t in _bullet_texts(section.bullets)]
        for entry in section.entries:
            texts = list(entry_texts(entry))
            heads = _header_count(entry)
            role = "entry-head" if len(texts) > heads else "entry-line"
            out += [(t, role) for t in texts[:heads]] + [(t, "entry-body") for t in texts[heads:]]
    assert [text for text, _ in out] == list(doc.text_blocks()), "test helper out of step with text_blocks()"
    return out


def block_pages(doc: Document, pages: list[str]) -> list[tuple[str, str, int]]:
    """Each block of the document, its role and the (0-based) page its text starts on."""
    starts, text = [], ""
    for page in pages:
        starts.append(len(text))
        text += norm(page) + " "
    roles = blocks_with_roles(doc)
    offsets = find_in_order(text, [block for block, _ in roles])
    return [(block, role, bisect.bisect_right(starts, offset) - 1)
            for (block, role), offset in zip(roles, offsets)]


def stranded(rendered: Rendered) -> list[str]:
    # -raw keeps the content stream's order (the document's), so every block is found and
    # only which page it starts on matters here.
    return stranded_in_pages(rendered.doc, page_texts(rendered.path, "-raw"))


def stranded_in_pages(doc: Document, pages: list[str]) -> list[str]:
    """Section titles and entry headers that end a page while what they head starts the next."""
    problems = []
    items = block_pages(doc, pages)
    for (text, role, page), (next_text, next_role, next_page) in itertools.pairwise(items):
        if role == "section-title" and next_page != page:
            problems.append(f"section title {text!r} ends page {page + 1}; {next_text!r} starts page {next_page + 1}")
        if role == "entry-head" and next_role == "entry-body" and next_page != page:
            problems.append(f"entry header {text!r} ends page {page + 1}; its body starts page {next_page + 1}")
    return problems


# ----------------------------------------------------------------------------- fonts


def test_every_font_is_embedded_and_subset(example):
    fonts = font_dicts(example.reader)
    assert fonts, "no fonts found"
    for font in fonts:
        base = str(font.get("/BaseFont"))
        assert font.get("/Subtype") != "/Type3", f"{base} is a Type 3 font (not a real embedded font)"
        if font.get("/Subtype") == "/Type0":
            descendant = font["/DescendantFonts"][0].get_object()
            assert SUBSET_TAG.match(str(descendant["/BaseFont"])), f"{descendant['/BaseFont']} is not subset"
            descriptor = descendant["/FontDescriptor"].get_object()
        else:
            descriptor = font["/FontDescriptor"].get_object()
        assert SUBSET_TAG.match(base), f"font {base} has no subset tag like ABCDEF+"
        embedded = {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.keys())
        assert embedded, f"font {base} is not embedded"


def test_theme_font_is_used(example, example_job):
    names = {str(font.get("/BaseFont")) for font in font_dicts(example.reader)}
    family = "".join(example_job.options.font_family.split())
    assert any(family in "".join(name.replace("-", "").split()) for name in names), names


# ----------------------------------------------------------------------------- structure, metadata


def test_tagged_with_language(example):
    root = example.reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"]) is True
    assert str(root["/Lang"]) == example.doc.metadata.language == "en"


def test_metadata(example):
    info = example.reader.metadata
    doc = example.doc
    assert info["/Title"] == "Alex Example – Platform & DevOps Engineer" == doc.metadata.title
    assert info["/Author"] == "Alex Example"
    assert info["/Subject"] == "Platform & DevOps Engineer"
    from resume_builder.loading import load_profile

    skills = load_profile(EXAMPLE).profile.skills
    expected = list(dict.fromkeys(kw for group in skills for kw in group.keywords))
    assert [k.strip() for k in info["/Keywords"].split(",")] == expected


def test_default_dates_are_fixed(example):
    info = example.reader.metadata
    assert info["/CreationDate"].startswith("D:19800101000000")
    assert info["/ModDate"].startswith("D:19800101000000")


def link_uris(reader) -> list[str]:
    uris = []
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") == "/Link" and "/A" in annot:
                action = annot["/A"].get_object()
                if action.get("/S") == "/URI":
                    uris.append(str(action["/URI"]))
    return uris


def test_links_are_clickable(example):
    uris = link_uris(example.reader)
    assert "mailto:alex@example.com" in uris
    assert "https://example.com" in uris
    for contact in example.doc.contacts:
        if contact.href:
            assert contact.href in uris, f"{contact.text} is not a link"
    assert any(uri.startswith("https://") for uri in uris)


# ----------------------------------------------------------------------------- page numbers


@needs_pdftotext
def test_page_numbers_on_every_page_of_a_long_document(example):
    pages = layout_page_lines(example.path)
    assert len(pages) == example.result.pages == len(example.reader.pages) > 1
    for number, lines in enumerate(pages, start=1):
        match = PAGE_NUMBER_LINE.match(lines[-1])
        assert match, f"page {number} ends with {lines[-1]!r}, not a page number"
        assert (int(match.group(1)), int(match.group(2))) == (number, len(pages))


@needs_pdftotext
def test_no_page_number_on_a_one_page_document(one_page):
    assert one_page.result.pages == len(one_page.reader.pages) == 1
    lines = layout_page_lines(one_page.path)[0]
    assert not [line for line in lines if PAGE_NUMBER_LINE.match(line)], lines[-3:]


# ----------------------------------------------------------------------------- extracted text

FORBIDDEN = {
    "soft hyphen": lambda c: c == "\u00ad",
    "private-use code point": lambda c: unicodedata.category(c) == "Co",
    "ligature glyph": lambda c: "\ufb00" <= c <= "\ufb06",
    "replacement character": lambda c: c == "\ufffd",
}


def forbidden_characters(text: str) -> list[str]:
    return [f"{name} U+{ord(c):04X}" for c in set(text) for name, test in FORBIDDEN.items() if test(c)]


@needs_pdftotext
@pytest.mark.parametrize("mode", ["-layout", "-raw"])
@pytest.mark.parametrize("fixture", ["example", "one_page"])
def test_pdftotext_reads_every_block_in_order(fixture, mode, request):
    """-layout reads the page as it looks, line by line; -raw in the content stream's order."""
    rendered = request.getfixturevalue(fixture)
    text = pdftotext(rendered.path, mode)
    assert not forbidden_characters(text)
    find_in_order(norm(text), list(rendered.doc.text_blocks()))


@needs_pdftotext
@pytest.mark.parametrize("fixture", ["example", "one_page"])
def test_pdftotext_default_mode_reads_every_block_in_order(fixture, request):
    """Its column detection once read right-aligned entry dates as a column of their own; the
    entry header is now title, organisation, date and place on lines of their own."""
    rendered = request.getfixturevalue(fixture)
    find_in_order(norm(pdftotext(rendered.path)), list(rendered.doc.text_blocks()))


def test_pdfminer_reads_every_block_in_order(example):
    pytest.importorskip("pdfminer")
    text = pdfminer_text(example.path)
    assert not forbidden_characters(text)
    find_in_order(norm(text), list(example.doc.text_blocks()))


def test_text_with_ligature_pairs_extracts_plainly(tmp_path):
    """'fi', 'fl', 'ffi' in the text must come out as letters, not ligature code points."""
    profile = tmp_path / "ligatures.yaml"
    profile.write_text("basics:\n  name: Fiona Affleck\n  headline: Official offline workflow\n"
                       "summary: Efficient, fluffy, difficult, shuffled, reflow, afflict.\n", encoding="utf-8")
    rendered = render(profile, tmp_path / "ligatures.pdf")
    if shutil.which("pdftotext"):
        text = pdftotext(rendered.path)
        assert not forbidden_characters(text)
        find_in_order(norm(text), list(rendered.doc.text_blocks()))
    pytest.importorskip("pdfminer")
    from pdfminer.high_level import extract_text

    text = extract_text(str(rendered.path))
    assert not forbidden_characters(text)
    assert "Efficient, fluffy, difficult, shuffled, reflow, afflict." in norm(text)


# ----------------------------------------------------------------------------- pagination


@needs_pdftotext
def test_no_stranded_headings_in_the_example(example):
    assert stranded(example) == []


@pytest.fixture(scope="module")
def example_job():
    return prepare(EXAMPLE)


@needs_pdftotext
@pytest.mark.parametrize("extra_lines", [4, 8, 12])
def test_no_stranded_headings_when_content_shifts(extra_lines, example_job, tmp_path):
    """Push the example down by a few lines so that page breaks fall in new places."""
    job = example_job
    filler = "\n\n".join(f"Filler paragraph {i} moves every later block down the page." for i in range(extra_lines))
    profile = job.profile.model_copy(update={"summary": (job.profile.summary or "") + "\n\n" + filler})
    rendered = render_document(build_document(profile), job, tmp_path / "shifted.pdf")
    assert rendered.result.pages > 1
    assert stranded(rendered) == []


def render_document(doc: Document, job, path: Path, theme=None) -> Rendered:
    with no_weasyprint_warnings():
        result = render_pdf(doc, theme or job.theme, job.options, profile_folder=job.profile_folder)
    assert result.warnings == []
    path.write_bytes(result.data)
    return Rendered(doc, result, path)


def stress_document(seed: int, tmp_path: Path) -> Document:
    """Thirty short sections of one to three entries: many page breaks near headings."""
    import json
    import random

    from resume_builder.loading import load_profile

    rnd = random.Random(seed)
    sections = []
    for i in range(30):
        entries = [{"title": f"Role {i}.{j}", "subtitle": f"Company {i}", "date": "2020-01",
                    "highlights": [f"Did thing {k} of entry {i}.{j}, which takes a whole line of text to "
                                   f"describe properly and then a few more words." for k in range(rnd.randint(1, 3))]}
                   for j in range(rnd.randint(1, 3))]
        sections.append({"id": f"s{i}", "title": f"Section {i}", "entries": entries})
    path = tmp_path / f"stress-{seed}.yaml"
    path.write_text(json.dumps({"basics": {"name": "Stress Test", "headline": "Pagination"}, "custom": sections}),
                    encoding="utf-8")
    return build_document(load_profile(path).profile)


STRESS_SEEDS = (0, 1)
# For the control with every keep-together rule removed: enough documents that some page
# break lands between a heading and what it heads (it stops at the first one that does).
LOOSE_SEEDS = tuple(range(8))


@needs_pdftotext
def test_no_stranded_headings_in_many_short_sections(example_job, tmp_path):
    for seed in STRESS_SEEDS:
        rendered = render_document(stress_document(seed, tmp_path), example_job, tmp_path / f"stress-{seed}.pdf")
        assert rendered.result.pages >= 3
        assert stranded(rendered) == [], f"seed {seed}"


@needs_pdftotext
def test_stranded_check_finds_problems_when_the_theme_allows_them(example_job, tmp_path):
    """The same documents with every keep-together rule overridden: the check must notice."""
    from resume_builder.theming import find_theme

    folder = tmp_path / "loose"
    shutil.copytree(example_job.theme.folder, folder)
    style = folder / "templates" / "style.css.j2"
    style.write_text(style.read_text(encoding="utf-8") + "\n* { break-before: auto !important; "
                     "break-after: auto !important; break-inside: auto !important; }\n", encoding="utf-8")
    loose = find_theme(None, theme_dir=folder)
    problems = []
    for seed in LOOSE_SEEDS:
        rendered = render_document(stress_document(seed, tmp_path), example_job, tmp_path / f"loose-{seed}.pdf",
                                   theme=loose)
        problems += stranded(rendered)
        if problems:
            break
    assert problems, "with no keep-together rules some heading should end a page"


def test_stranded_check_catches_headings_at_the_bottom():
    """The checker itself reports a title or an entry header cut off from what it heads."""
    from resume_builder.document import Metadata, RichText, Section
    from resume_builder.markdown import Span

    def rt(text: str) -> RichText:
        return RichText((Span(text),))

    entry = Entry(id=None, title=rt("Job"), date="2020", paragraphs=(rt("Did things."),))
    doc = Document(name="N", headline="", contacts=(), metadata=Metadata("N", "N", "", (), "en"),
                   sections=(Section("experience", "Experience", "entries", entries=(entry,)),))
    assert stranded_in_pages(doc, ["N\nExperience\nJob 2020\nDid things.\n"]) == []
    assert len(stranded_in_pages(doc, ["N\nExperience\n1/2", "Job 2020\nDid things.\n2/2"])) == 1
    assert len(stranded_in_pages(doc, ["N\nExperience\nJob\n2020\n", "Did things.\n"])) == 1
    assert stranded_in_pages(doc, ["N\nExperience\nJob 2020\nDid", "things.\n"]) == []


# ----------------------------------------------------------------------------- reproducibility


def _render_in_subprocess(out: Path, seed: str, epoch: str) -> subprocess.Popen:
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch, "PYTHONHASHSEED": seed}
    return subprocess.Popen([sys.executable, "-m", "resume_builder", "render", str(EXAMPLE), "-o", str(out)],
                            cwd=str(out.parent), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.mark.usefixtures("no_font_disk_cache")  # each process subsets its fonts itself
def test_same_input_same_bytes_across_processes(tmp_path, monkeypatch):
    """`render` in a fresh interpreter (hash seed 1) and the same command run in this one,
    which has its own hash seed and has rendered other documents before, write the same bytes."""
    from typer.testing import CliRunner

    from resume_builder.cli import app

    epoch = "1700000000"
    first, second = tmp_path / "a" / "r.pdf", tmp_path / "b" / "r.pdf"
    for path in (first, second):
        path.parent.mkdir()
    proc = _render_in_subprocess(first, "1", epoch)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    monkeypatch.chdir(second.parent)
    here = CliRunner().invoke(app, ["render", str(EXAMPLE), "-o", str(second)])
    assert here.exit_code == 0, here.output
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 0, stderr.decode()
    assert b"warning" not in stderr.lower(), stderr.decode()
    a, b = first.read_bytes(), second.read_bytes()
    if a != b:
        at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        pytest.fail(f"renders differ ({len(a)} vs {len(b)} bytes) from byte {at}: "
                    f"{a[max(at - 80, 0):at + 80]!r} vs {b[max(at - 80, 0):at + 80]!r}")
    info = pypdf.PdfReader(first).metadata
    expected = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).strftime("D:%Y%m%d%H%M%S")
    assert expected == "D:20231114221320"
    assert info["/CreationDate"].startswith(expected)
    assert info["/ModDate"].startswith(expected)
    for folder in (first.parent, second.parent):
        assert sorted(p.name for p in folder.iterdir()) == ["r.pdf"], "temporary files were left behind"


def test_source_date_epoch_changes_only_the_dates(example, monkeypatch, tmp_path):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000000")
    job = prepare(EXAMPLE)
    result = render_pdf(job.document, job.theme, job.options, profile_folder=job.profile_folder)
    info = pypdf.PdfReader(__import__("io").BytesIO(result.data)).metadata
    assert info["/CreationDate"].startswith("D:20010909014640")
    assert info["/ModDate"].startswith("D:20010909014640")
    assert result.data != example.result.data
    reader = pypdf.PdfReader(__import__("io").BytesIO(result.data))
    assert [page.extract_text() for page in reader.pages] == [page.extract_text() for page in example.reader.pages]


# ----------------------------------------------------------------------------- the profile's own words
# Expected values read from the profile file (tests/profile_facts.py), not from the Document:
# a field the document model dropped would vanish from both sides of the checks above.


@needs_pdftotext
@pytest.mark.parametrize("fixture, profile", [("example", EXAMPLE), ("one_page", ONE_PAGE)])
def test_the_pdf_says_everything_the_profile_says_in_order(fixture, profile, request):
    from tests.profile_facts import every_fact, ordered_facts

    rendered = request.getfixturevalue(fixture)
    text = norm(pdftotext(rendered.path, "-layout"))
    find_in_order(text, ordered_facts(profile))
    missing = [fact for fact in every_fact(profile) if norm(fact) not in text]
    assert missing == []


def test_pdfminer_reads_everything_the_profile_says_in_order(example):
    pytest.importorskip("pdfminer")
    from tests.profile_facts import every_fact, ordered_facts

    text = norm(pdfminer_text(example.path))
    find_in_order(text, ordered_facts(EXAMPLE))
    assert [fact for fact in every_fact(EXAMPLE) if norm(fact) not in text] == []


@pytest.mark.parametrize("number", ["ENOSPC", "EFBIG", "EDQUOT"])
def test_no_room_to_write_while_rendering_is_not_blamed_on_the_theme(monkeypatch, number):
    """Under ``ulimit -f 20`` the PDF said "theme 'classic' cannot be laid out (WeasyPrint:
    OSError: [Errno 27] File too large)", sending the user to the theme's CSS (trial): the font
    cache's write failed. No room to write is said as such; other errors still name the engine."""
    import errno

    import weasyprint

    job = prepare(ONE_PAGE)

    def full(*args, **kwargs):
        raise OSError(getattr(errno, number), os.strerror(getattr(errno, number)), "/cache/fonts/x.woff2")

    monkeypatch.setattr(weasyprint.HTML, "render", full)
    from collections import OrderedDict

    from resume_builder.render import pdf as pdf_module

    monkeypatch.setattr(pdf_module, "_RECENT", OrderedDict())  # laid out by an earlier test: not again
    with pytest.raises(UserError) as caught:
        render_pdf(job.document, job.theme, job.options, profile_folder=ONE_PAGE.parent)
    assert caught.value.render() == (f"cannot write /cache/fonts/x.woff2 while rendering: "
                                     f"{os.strerror(getattr(errno, number))} (free some disk space, or raise the "
                                     "file size limit (ulimit -f))")
