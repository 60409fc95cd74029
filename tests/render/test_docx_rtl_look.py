"""Right-to-left DOCX: the masthead sits at the leading (right) edge, and Arabic and Hebrew
text names a font that has them.

Before: Title, Subtitle and Contact Line said ``w:jc="right"`` in bidi paragraphs, which Word
and LibreOffice read as the *end* edge (left); and ``w:rFonts`` named only ``w:ascii`` and
``w:hAnsi``, so LibreOffice drew Arabic in DejaVu with a synthesised bold.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from resume_builder import pipeline
from tests.checking.builders import docx_available

FIXTURES = Path(__file__).resolve().parents[1] / "checking" / "fixtures"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _styles(language: str, tmp_path: Path) -> dict[str, etree._Element]:
    if not docx_available():
        pytest.skip("the DOCX format is not registered")
    job = pipeline.prepare(FIXTURES / f"bidi_{language}.yaml")
    (output,) = pipeline.render(job, "docx", tmp_path / "r.docx")
    with zipfile.ZipFile(__import__("io").BytesIO(output.data)) as archive:
        root = etree.fromstring(archive.read("word/styles.xml"))
    styles = {s.get(f"{W}styleId"): s for s in root.iter(f"{W}style")}
    styles["defaults"] = root.find(f"{W}docDefaults")
    return styles


@pytest.mark.parametrize(("language", "font"), [("ar", "Noto Sans Arabic"), ("he", "Noto Sans Hebrew")])
def test_rtl_masthead_at_the_leading_edge_and_cs_font_named(language, font, tmp_path):
    styles = _styles(language, tmp_path)
    for style_id in ("Title", "Subtitle", "ContactLine"):
        jc = styles[style_id].find(f"{W}pPr/{W}jc")
        assert jc is None or jc.get(f"{W}val") in ("start", "center"), (style_id, jc.get(f"{W}val"))
    assert styles["Normal"].find(f"{W}pPr/{W}bidi") is not None
    for where in ("defaults", "Normal", "Title"):
        fonts = styles[where].find(f".//{W}rFonts")
        assert fonts is not None and fonts.get(f"{W}cs") == font, where


def test_ltr_document_names_no_cs_font(tmp_path):
    if not docx_available():
        pytest.skip("the DOCX format is not registered")
    job = pipeline.prepare(Path(__file__).resolve().parents[2] / "profiles" / "example.yaml")
    (output,) = pipeline.render(job, "docx", tmp_path / "e.docx")
    with zipfile.ZipFile(__import__("io").BytesIO(output.data)) as archive:
        assert b"w:cs=" not in archive.read("word/styles.xml")


def _parts(language: str, tmp_path: Path) -> dict[str, etree._Element]:
    if not docx_available():
        pytest.skip("the DOCX format is not registered")
    job = pipeline.prepare(FIXTURES / f"bidi_{language}.yaml")
    (output,) = pipeline.render(job, "docx", tmp_path / "r.docx")
    with zipfile.ZipFile(__import__("io").BytesIO(output.data)) as archive:
        return {name: etree.fromstring(archive.read(f"word/{name}.xml"))
                for name in ("document", "styles", "numbering", "footer1")}


_DIGITS_AND_PUNCTUATION = set("0123456789–%.,:·•/()")
_RTL_LETTER = re.compile("[\u0590-\u05ff\u0600-\u06ff]")


@pytest.mark.parametrize("language", ["he", "ar"])
def test_digits_and_punctuation_of_rtl_runs_are_set_in_the_latin_font(language, tmp_path):
    """Before: "2012 – 2016", "9", "40%" were in the right-to-left runs, whose complex-script font
    (Noto Sans Hebrew) has no digits: LibreOffice drew them in Noto Color Emoji, i.e. not at all.
    Now each right-to-left run holds either the script's letters or the digits and punctuation,
    and the latter name the paragraph's Latin font (what the PDF draws them in) for w:cs."""
    parts = _parts(language, tmp_path)
    latin = parts["styles"].find(f".//{W}style[@{W}styleId='Normal']/{W}rPr/{W}rFonts").get(f"{W}ascii")
    common = []
    for name in ("document", "footer1"):
        for run in parts[name].iter(f"{W}r"):
            text = "".join(t.text or "" for t in run.iter(f"{W}t"))
            if run.find(f"{W}rPr/{W}rtl") is None or not text.strip():
                continue
            cs = run.find(f"{W}rPr/{W}rFonts")
            if _RTL_LETTER.search(text):
                assert not set(text) & _DIGITS_AND_PUNCTUATION, text
                assert cs is None, text  # the script's font, from the styles
            elif set(text) & _DIGITS_AND_PUNCTUATION:
                assert cs is not None and cs.get(f"{W}cs") == latin, text
                common.append(text.strip())
    assert {"2012 – 2016" if language == "he" else "2013 – 2017", "1"} <= set(common), common
    for level in parts["numbering"].iter(f"{W}lvl"):  # the bullet of a right-to-left paragraph
        assert level.find(f"{W}rPr/{W}rFonts").get(f"{W}cs") == latin


def _tracking(parts: dict[str, etree._Element]) -> list[tuple[str, int]]:
    """(text, letter-spacing in twips) of every run of the body: its own w:spacing, else its
    paragraph style's through w:basedOn (ECMA-376 Part 1, §17.7.2), else none."""
    styles = {s.get(f"{W}styleId"): s for s in parts["styles"].iter(f"{W}style")}

    def from_style(style_id):
        while style_id in styles:
            spacing = styles[style_id].find(f"{W}rPr/{W}spacing")
            if spacing is not None:
                return int(spacing.get(f"{W}val"))
            based = styles[style_id].find(f"{W}basedOn")
            style_id = based.get(f"{W}val") if based is not None else None
        return 0

    out = []
    for paragraph in parts["document"].iter(f"{W}p"):
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        inherited = from_style(style.get(f"{W}val") if style is not None else "Normal")
        for run in paragraph.iter(f"{W}r"):
            own = run.find(f"{W}rPr/{W}spacing")
            text = "".join(t.text or "" for t in run.iter(f"{W}t"))
            out.append((text, int(own.get(f"{W}val")) if own is not None else inherited))
    return out


@pytest.mark.parametrize("theme", ["classic", "modern", "compact"])
def test_joined_letters_are_never_letter_spaced(theme, tmp_path):
    """Before: Title (the name) and Heading 1 carried w:spacing 6 and 16 twips, which Word and
    LibreOffice add after every letter: "ليلى حسن" lost its final forms and "الخبرة المهنية"
    showed its alef as a second lam. Arabic runs now say w:spacing 0; Latin text keeps the
    theme's tracking."""
    if not docx_available():
        pytest.skip("the DOCX format is not registered")
    tracked = {}
    for profile in (FIXTURES / "bidi_ar.yaml", Path(__file__).resolve().parents[2] / "profiles" / "example.yaml"):
        job = pipeline.prepare(profile, theme=theme)
        (output,) = pipeline.render(job, "docx", tmp_path / "r.docx")
        with zipfile.ZipFile(__import__("io").BytesIO(output.data)) as archive:
            parts = {name: etree.fromstring(archive.read(f"word/{name}.xml")) for name in ("document", "styles")}
        tracked.update(_tracking(parts))
    arabic = {text: spacing for text, spacing in tracked.items() if _RTL_LETTER.search(text)}
    assert {"ليلى حسن", "الخبرة المهنية"} <= set(arabic)
    assert not {text: spacing for text, spacing in arabic.items() if spacing}
    assert tracked["Alex Example"] > 0  # the English name keeps the Title's tracking


def test_scripts_that_join_or_stack():
    from resume_builder.render.docx.scripts import unspaced

    for text in ("ليلى", "ܣܘܪܝܝܐ", "ߒߞߏ", "ᠮᠣᠩᠭᠣᠯ", "हिन्दी", "বাংলা", "தமிழ்", "نستعلیق"):
        assert unspaced(text), text
    for text in ("Layla", "נועה", "日本語", "한국어", "Ελληνικά", "Русский", "2021 – 2023", ""):
        assert not unspaced(text), text
