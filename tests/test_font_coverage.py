"""Every built-in theme's text fonts cover the European scripts in every face they declare.

A letter the theme's font lacks is drawn from a fallback face in the middle of a word
(a Vietnamese name set half in Lato, half in Noto Sans). The ranges, from the Unicode
code charts (blocks as named there; unassigned code points skipped):

- Latin-1: Basic Latin U+0020–U+007E and Latin-1 Supplement U+00A0–U+00FF;
- Latin Extended-A U+0100–U+017F and Latin Extended-B U+0180–U+024F, whole;
- Vietnamese: the precomposed letters of Latin Extended Additional U+1EA0–U+1EF9 (ạ ầ ề
  ễ ị ỹ …; ă đ ơ ư are in Extended-A/B) and the five combining tone marks (U+0300 grave,
  U+0301 acute, U+0303 tilde, U+0309 hook above, U+0323 dot below) decomposed text uses;
- Greek: modern monotonic Greek U+0384–U+03CE (tonos, the alphabet, accented letters);
- Cyrillic: U+0400–U+045F (Russian, Ukrainian, Belarusian, Bulgarian, Serbian, Macedonian)
  and Ґ ґ U+0490–U+0491.
"""

from __future__ import annotations

import unicodedata

import pytest
from fontTools.ttLib import TTFont

from resume_builder.theme_paths import builtin_themes_folder
from resume_builder.theming import find_theme


def _assigned(first: int, last: int) -> list[int]:
    return [cp for cp in range(first, last + 1) if unicodedata.category(chr(cp)) != "Cn"]


RANGES: dict[str, list[int]] = {
    "Latin-1": _assigned(0x20, 0x7E) + _assigned(0xA0, 0xFF),
    "Latin Extended-A": _assigned(0x100, 0x17F),
    "Latin Extended-B": _assigned(0x180, 0x24F),
    "Vietnamese": _assigned(0x1EA0, 0x1EF9) + [0x300, 0x301, 0x303, 0x309, 0x323],
    "Greek": _assigned(0x384, 0x3CE),
    "Cyrillic": _assigned(0x400, 0x45F) + [0x490, 0x491],
}

BUILTIN = ("classic", "compact", "modern")


def missing_code_points(path) -> dict[str, list[str]]:
    """{range name: ["U+1EA0 ạ", …]} for the code points the font file's cmap lacks."""
    cmap = TTFont(path, lazy=True).getBestCmap()
    return {name: [f"U+{cp:04X} {chr(cp)}" for cp in cps if cp not in cmap]
            for name, cps in RANGES.items() if any(cp not in cmap for cp in cps)}


def test_the_ranges_are_what_the_docstring_says():
    assert len(RANGES["Latin Extended-A"]) == 128 and len(RANGES["Latin Extended-B"]) == 208
    assert {"ạ", "ầ", "ề", "ễ", "ị", "ỹ"} <= {chr(cp) for cp in RANGES["Vietnamese"]}
    assert {"ă", "đ", "ơ", "ư", "Ơ", "Ư"} <= {chr(cp) for cp in RANGES["Latin Extended-A"] + RANGES["Latin Extended-B"]}
    assert {"Ω", "ώ", "ς"} <= {chr(cp) for cp in RANGES["Greek"]}
    assert {"Ж", "ї", "ђ", "ґ"} <= {chr(cp) for cp in RANGES["Cyrillic"]}


def test_the_check_finds_a_gap():
    """A font with only "a" (as font-lato 0.1, the modern theme's old font, lacked Vietnamese): gaps listed."""
    from fontTools.fontBuilder import FontBuilder

    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder([".notdef", "a"])
    builder.setupCharacterMap({ord("a"): "a"})
    builder.setupGlyf({name: _empty_glyph() for name in (".notdef", "a")})
    builder.setupHorizontalMetrics({".notdef": (500, 0), "a": (500, 0)})
    builder.setupHorizontalHeader()
    builder.setupNameTable({"familyName": "Gap", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    import io

    buffer = io.BytesIO()
    builder.save(buffer)
    buffer.seek(0)
    missing = missing_code_points(buffer)
    assert set(missing) == set(RANGES)
    assert "U+1EA1 ạ" in missing["Vietnamese"]


def _empty_glyph():
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    return TTGlyphPen(None).glyph()


@pytest.mark.parametrize("name", BUILTIN)
def test_every_face_of_every_builtin_theme_covers_the_european_scripts(name):
    theme = find_theme(name)
    faces = theme.font_faces()
    assert faces, f"theme {name} declares no fonts"
    report = {}
    for face in faces:
        missing = missing_code_points(face.path)
        if missing:
            report[f"{face.family} {face.weight} {face.style} ({face.path.name})"] = missing
    assert not report, f"theme {name}: code points missing per face: {report}"


def test_every_family_a_builtin_theme_uses_in_word_is_one_it_ships():
    """The DOCX names (and embeds) the same families, so Word text has the same coverage."""
    for name in BUILTIN:
        theme = find_theme(name)
        style = theme.docx_style
        families = {font.family for font in theme.fonts}
        assert {style.body_font, style.heading_font} <= families, name


def test_builtin_themes_load_fonts_from_pip_packages_only():
    """No system font and no file outside an installed package: the same faces everywhere."""
    shipped = {child.name for child in builtin_themes_folder().iterdir() if (child / "theme.toml").is_file()}
    assert shipped == set(BUILTIN), "a new built-in theme: add it to BUILTIN"
    for name in BUILTIN:
        for font in find_theme(name).fonts:
            assert font.package, f"{name}: {font.family} is not from a font package"
            assert font.license == "OFL-1.1"


def test_a_narrower_width_reaches_the_pdf_css_and_the_word_name():
    """Noto is wider than the Source families it replaced: the themes use its semi-condensed
    instance (the variable font's 'wdth' axis), named so in Word."""
    from resume_builder.render.html import font_face_css

    theme = find_theme("classic")
    serif = next(font for font in theme.fonts if font.family == "Noto Serif")
    assert serif.width == 87.5 and serif.word_family == "Noto Serif SemiCondensed"
    faces = [face for face in theme.font_faces() if face.family == "Noto Serif"]
    assert ':root { font-variation-settings: "wdth" 87.5; }' in font_face_css(faces, embed=False)
    lato = [face for face in find_theme("modern").font_faces() if face.family == "Lato"]
    assert "font-variation-settings" not in font_face_css(lato, embed=False)
