"""A real word processor opens the DOCX: LibreOffice converts it to PDF with the theme's fonts.

Skipped unless ``soffice`` and ``pdftotext`` are on PATH (CI installs libreoffice-writer and
poppler-utils). One LibreOffice run per built-in theme converts every document this module has
drawn in it (:func:`drawn`), shared by the tests.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest

from resume_builder.document import Document, build_document
from resume_builder.loading import load_profile
from resume_builder.render.docx import render_docx
from resume_builder.render.pdf import render_pdf
from resume_builder.theming import Theme, ThemeFinder, find_theme

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "profiles" / "example.yaml"

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                                 reason="needs LibreOffice (soffice) and poppler-utils (pdftotext)")]

BUILT_IN = sorted(name for name, source, _ in ThemeFinder().available() if source == "built-in")
RTL_FIXTURES = REPO / "tests" / "checking" / "fixtures"
#: The font LibreOffice takes for each right-to-left fixture's letters (the DOCX's w:cs).
SCRIPT_FONTS = {"he": "NotoSansHebrew", "ar": "NotoSansArabic"}
EAST_ASIAN = ["ja", "zh"]
PHOTO_COLOUR = (200, 20, 100)  # a colour no theme uses: the photo's pixels on the page


def fontconfig_file(theme: Theme, folder: Path) -> Path:
    """A fontconfig file that adds exactly the theme's font files to the system's fonts.

    LibreOffice sees only fonts fontconfig knows; the theme's fonts live in Python packages.
    The font folders are added, then every file in them is rejected except the theme's own
    faces (the packages also hold OTF twins of the same families).
    """
    lines = ['<?xml version="1.0"?>', '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">', "<fontconfig>"]
    if Path("/etc/fonts/fonts.conf").is_file():
        lines.append('  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>')
    folders = theme.font_folders()
    lines += [f"  <dir>{escape(str(f))}</dir>" for f in folders]
    lines.append("  <selectfont>")
    lines += [f"    <rejectfont><glob>{escape(str(f))}/*</glob></rejectfont>" for f in folders]
    lines += [f"    <acceptfont><glob>{escape(str(face.path))}</glob></acceptfont>" for face in theme.font_faces()]
    lines.append("  </selectfont>")
    lines.append(f"  <cachedir>{escape(str(folder / 'fontconfig-cache'))}</cachedir>")
    lines.append("</fontconfig>")
    path = folder / "fonts.conf"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def convert_all(docx_paths: list[Path], out_dir: Path, fonts_conf: Path) -> list[Path]:
    """The PDFs LibreOffice makes of ``docx_paths`` (distinct names), in one run: starting
    LibreOffice costs most of a conversion."""
    home = out_dir / "home"
    home.mkdir(exist_ok=True)
    env = {**os.environ, "HOME": str(home), "FONTCONFIG_FILE": str(fonts_conf)}
    result = subprocess.run(
        ["soffice", "--headless", "--norestore", f"-env:UserInstallation={home.as_uri()}/lo",
         "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, docx_paths)],
        check=False, capture_output=True, text=True, env=env, timeout=300)
    pdfs = [out_dir / (path.stem + ".pdf") for path in docx_paths]
    assert result.returncode == 0 and all(pdf.is_file() for pdf in pdfs), \
        f"LibreOffice failed:\n{result.stdout}\n{result.stderr}"
    return pdfs


def page_count(pdf: Path) -> int:
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout
    return text.count(b"\f")


_IGNORED = re.compile(r"[\s\ufe0e\ufe0f\u200d]+")


def normalise(text: str) -> str:
    """Compare text as a reader sees it: case (small capitals extract as capitals), spacing
    (line breaks, letter spacing, the tab before dates) and emoji variation selectors aside."""
    return _IGNORED.sub("", unicodedata.normalize("NFKC", text).casefold())


@dataclass
class Converted:
    doc: Document
    theme: Theme
    docx_pdf: Path
    text: str
    our_pages: int


def _photo_profile(folder: Path) -> Path:
    """A short profile with a photo (30 x 40 pixels of :data:`PHOTO_COLOUR`) in ``folder``."""
    from PIL import Image

    folder.mkdir()
    Image.new("RGB", (30, 40), PHOTO_COLOUR).save(folder / "me.png")
    profile = folder / "cv.yaml"
    profile.write_text("basics:\n  name: Jo Photo\n  photo: me.png\n  email: jo@example.com\n"
                       "summary: A short summary.\n", encoding="utf-8")
    return profile


def _sources(theme: Theme, folder: Path) -> dict[str, tuple[bytes, Any]]:
    """{name: (a DOCX of ``theme``, what its tests need besides LibreOffice's PDF of it)}: every
    document this module has LibreOffice draw in ``theme``."""
    from resume_builder.pipeline import prepare

    doc = build_document(load_profile(EXAMPLE).profile)
    options = theme.options()
    ours = render_pdf(doc, theme, options, profile_folder=EXAMPLE.parent)
    photo = prepare(_photo_profile(folder / "profile"), theme=theme.name)
    sources = {"example": (render_docx(doc, theme, options), (doc, ours.pages)),
               "photo": (render_docx(photo.document, photo.theme, photo.options), photo)}
    if theme.name == "classic":  # the right-to-left and East Asian résumés are drawn in classic
        for language in sorted(SCRIPT_FONTS):
            rtl = build_document(load_profile(RTL_FIXTURES / f"bidi_{language}.yaml").profile)
            sources[f"bidi_{language}"] = (render_docx(rtl, theme, theme.options()), rtl)
        for language in EAST_ASIAN:
            job = prepare(EXAMPLE, lang=language)
            assert job.theme.name == theme.name
            sources[f"example-{language}"] = (render_docx(job.document, job.theme, job.options), job)
    return sources


_DRAWN: dict[str, dict[str, tuple[Path, Any]]] = {}


def drawn(theme_name: str, name: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    """LibreOffice's PDF of the document ``name`` of :func:`_sources` in ``theme_name``, and what
    its tests need. Every document of a theme is converted in one LibreOffice run, the first
    time one is asked for: starting LibreOffice costs about a second, a document a tenth."""
    if theme_name not in _DRAWN:
        theme = find_theme(theme_name)
        folder = tmp_path_factory.mktemp(f"lo-{theme_name}")
        sources = _sources(theme, folder)
        paths = []
        for stem, (data, _) in sources.items():
            paths.append(folder / f"{stem}.docx")
            paths[-1].write_bytes(data)
        pdfs = convert_all(paths, folder, fontconfig_file(theme, folder))
        _DRAWN[theme_name] = {stem: (pdf, need) for (stem, (_, need)), pdf in zip(sources.items(), pdfs)}
    return _DRAWN[theme_name][name]


@pytest.fixture(scope="module", params=BUILT_IN)
def converted(request, tmp_path_factory) -> Converted:
    pdf, (doc, our_pages) = drawn(request.param, "example", tmp_path_factory)
    text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
                          ).stdout.decode("utf-8")
    return Converted(doc, find_theme(request.param), pdf, text, our_pages)


def test_libreoffice_shows_all_content_in_order(converted):
    flat = normalise(converted.text)
    pos = 0
    for block in converted.doc.text_blocks():
        needle = normalise(block)
        found = flat.find(needle, pos)
        assert found >= 0, f"{block!r} missing after: {flat[pos:pos + 200]!r}"
        pos = found + len(needle)


def test_page_count_is_within_one_page_of_the_pdf(converted):
    pages = page_count(converted.docx_pdf)
    assert abs(pages - converted.our_pages) <= 1, (pages, converted.our_pages)


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="needs pdffonts (poppler-utils)")
def test_libreoffice_uses_the_theme_fonts(converted):
    fonts = subprocess.run(["pdffonts", str(converted.docx_pdf)], capture_output=True, text=True,
                           check=True).stdout
    style = converted.theme.docx_style
    family = (style.body_font or converted.theme.options().font_family)
    family = next(f.word_family for f in converted.theme.fonts if f.family == family).replace(" ", "")
    assert re.search(rf"\+{re.escape(family)}-(Regular|Roman)\b", fonts), fonts
    assert re.search(rf"\+{re.escape(family)}-Bold\b", fonts), fonts


def drawn_fonts(pdf: Path) -> dict[str, set[str]]:
    """{character: the fonts it is drawn in} of every glyph of ``pdf`` (subset prefixes dropped)."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar

    def chars(item):
        if isinstance(item, LTChar):
            yield item
        elif hasattr(item, "__iter__"):
            for child in item:
                yield from chars(child)

    drawn: dict[str, set[str]] = {}
    for page in extract_pages(str(pdf)):
        for char in chars(page):
            drawn.setdefault(char.get_text(), set()).add(char.fontname.split("+")[-1])
    return drawn


@pytest.fixture(scope="module", params=sorted(SCRIPT_FONTS))
def right_to_left(request, tmp_path_factory) -> Converted:
    """The Hebrew or Arabic fixture's DOCX (classic) as LibreOffice draws it."""
    pdf, doc = drawn("classic", f"bidi_{request.param}", tmp_path_factory)
    return Converted(doc, find_theme("classic"), pdf, "", 1)


def test_libreoffice_draws_a_right_to_left_resume_in_its_own_fonts(right_to_left):
    """Every glyph of the Hebrew and Arabic résumés in the theme's font or the script's, none in
    a fallback. Before: the digits, en dashes and '%' of right-to-left runs were set in the
    complex-script font, which has none in Hebrew: LibreOffice drew them in Noto Color Emoji
    (nothing showed: "שנות ניסיון ␣", dates without years) or DejaVu Sans."""
    doc, theme = right_to_left.doc, right_to_left.theme
    language = doc.metadata.language.split("-")[0]
    drawn = drawn_fonts(right_to_left.docx_pdf)
    latin = theme.docx_style.body_font
    latin = next(f.word_family for f in theme.fonts if f.family == latin).replace(" ", "")
    strays = {char: fonts for char, fonts in drawn.items()
              if not all(font.startswith((latin, SCRIPT_FONTS[language])) for font in fonts)}
    assert not strays, strays
    digits = set("0123456789") & set("".join(doc.text_blocks()))
    assert digits and all(drawn.get(digit, set()) and all(f.startswith(latin) for f in drawn[digit])
                          for digit in digits), {digit: drawn.get(digit) for digit in digits}


@pytest.mark.parametrize("language", EAST_ASIAN)
def test_libreoffice_breaks_english_words_of_an_east_asian_resume_only_between_words(language, tmp_path_factory):
    """LibreOffice wraps the English text of the Japanese and Chinese résumés between words: no
    line ends in a piece of a word the next line finishes. Before: styles.xml said
    <w:lang w:val="ja">, marking the English text Japanese, and LibreOffice broke it at any
    letter: "Passionate a" / "bout", "deliver" / "ing"."""
    pdf, job = drawn("classic", f"example-{language}", tmp_path_factory)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
                          ).stdout.decode("utf-8")
    latin = re.compile(r"[A-Za-z]+")
    words = {word.casefold() for block in job.document.text_blocks() for word in latin.findall(block)}
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    broken = []
    for line, following in zip(lines, lines[1:]):
        end, start = re.search(r"[A-Za-z]+$", line), re.match(r"[A-Za-z]+", following)
        if end and start and (end.group() + start.group()).casefold() in words \
                and start.group().casefold() not in words:
            broken.append(f"{end.group()}|{start.group()}")
    assert not broken, broken


def test_libreoffice_lays_out_right_to_left_items_in_the_pdfs_order(right_to_left):
    """On the contact line the e-mail is rightmost, then the phone (the PDF's order, the
    profile's read right to left), and the Arabic skills read "C++", "Python", "Go" from the
    right. Before: the separator between e-mail and phone, and the Arabic commas between the
    skills, joined their left-to-right neighbours in one stretch laid out left to right."""
    doc = right_to_left.doc
    text = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", str(right_to_left.docx_pdf), "-"],
                          capture_output=True, check=True).stdout.decode("utf-8")
    words = [(float(m.group(2)), float(m.group(1)), m.group(3))  # (line's top, left, word)
             for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]+)</word>', text)]

    def from_the_right(items: list[str]) -> bool:
        """Whether ``items`` (words) are on one line, each left of the one before."""
        line = next(top for top, _, word in words if word == items[-1])
        left = {word: x for top, x, word in words if top == line}
        return all(item in left for item in items) and [left[i] for i in items] == sorted(
            (left[i] for i in items), reverse=True)

    contacts = [c.text.split()[0] for c in doc.contacts if c.kind in ("email", "phone")]  # "+971" of the phone
    assert from_the_right(contacts), contacts
    if doc.metadata.language.startswith("ar"):
        assert from_the_right(["C++", "Python", "Go"])


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="needs pdftoppm (poppler-utils)")
@pytest.mark.parametrize("theme_name", BUILT_IN)
def test_libreoffice_shows_the_whole_photo_beside_the_name(theme_name, tmp_path_factory):
    """The photo (30 x 40 pixels, 16.5 x 22 mm) is drawn whole, in its proportions, at the right
    margin beside the masthead as in the PDF: its top level with the name's line, the name left
    of it, and the first section heading below its foot (the PDF's masthead is at least as tall
    as the photo). Before: a paragraph of its own above the name, 22 mm more than the PDF's
    masthead; and earlier still, LibreOffice cut the top of it off."""
    import io

    from PIL import Image, ImageChops

    pdf, job = drawn(theme_name, "photo", tmp_path_factory)
    dpi = 144
    png = subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", str(pdf)],
                         capture_output=True, check=True).stdout
    page = Image.open(io.BytesIO(png)).convert("RGB")
    # the pixels within 24 of the photo's colour in every channel, and the box around them
    near = [band.point(lambda value, want=want: 255 if abs(value - want) <= 24 else 0)
            for band, want in zip(page.split(), PHOTO_COLOUR)]
    box = ImageChops.multiply(ImageChops.multiply(near[0], near[1]), near[2]).getbbox()
    assert box, "no photo on the page"
    rows, columns = range(box[1], box[3]), range(box[0], box[2])
    mm = 25.4 / dpi
    shown = ((columns[-1] - columns[0] + 1) * mm, (rows[-1] - rows[0] + 1) * mm)
    assert abs(shown[0] - 16.5) < 0.6 and abs(shown[1] - 22) < 0.6, shown  # whole: 16.5 x 22 mm
    margin = job.options.margins
    assert abs((columns[-1] + 1) * mm - (210 - margin)) < 0.6  # at the right margin
    assert abs(rows[0] * mm - margin) < 1.5  # level with the top of the name's line
    boxes = subprocess.run(["pdftotext", "-bbox-layout", "-f", "1", "-l", "1", str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout
    lines = [(float(top) * dpi / 72, float(right) * dpi / 72, normalise(" ".join(re.findall(r">([^<]*)</word>", body))))
             for top, right, body in re.findall(r'<line xMin="[\d.]+" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>(.*?)</line>',
                                                boxes, re.S)]  # (top, right edge, text) in pixels
    name = next((top, right) for top, right, text in lines if text == "jophoto")
    assert name[0] < rows[-1] and name[1] < columns[0]  # beside the photo, on its left
    heading = next(top for top, _, text in lines if text == "summary")
    assert heading > rows[-1], "the first heading runs up beside the photo"
