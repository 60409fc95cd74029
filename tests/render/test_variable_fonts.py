"""Variable fonts are instanced by HarfBuzz as it subsets them (resume_builder/render/variable_fonts.py).

The glyphs must be the ones fontTools' instancer (what WeasyPrint uses) makes: the same
outline and advance width for every glyph kept, in every face every built-in theme embeds.
"""

from __future__ import annotations

import copy
import io

import pytest
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.ttLib import TTFont

from resume_builder import pipeline
from resume_builder.render import pdf, variable_fonts
from tests.checking.builders import builtin_themes
from tests.conftest import brief_example, brief_example_text

#: Letters Noto Sans has and Lato lacks (Kurdish Cyrillic): the modern theme falls back to Noto Sans.
FALLBACK = "\u051a\u051b"


def _profile(folder):
    path = folder / "example.yaml"
    path.write_text(brief_example_text().replace("Platform & DevOps Engineer", f"Platform & DevOps Engineer {FALLBACK}", 1),
                    encoding="utf-8")
    return path


def _glyphs(content: bytes) -> dict[int, tuple]:
    """Glyph id -> (advance width, outline drawn with components resolved)."""
    font = TTFont(io.BytesIO(content))
    glyph_set, metrics = font.getGlyphSet(), font["hmtx"]
    shapes = {}
    for glyph_id, name in enumerate(font.getGlyphOrder()):
        pen = DecomposingRecordingPen(glyph_set)
        glyph_set[name].draw(pen)
        shapes[glyph_id] = (metrics[name][0], tuple(pen.value))
    return shapes


def _render(profile, theme: str) -> bytes:
    for cache in (pdf._CLEANED, pdf._RECENT):
        cache.clear()
    job = pipeline.prepare(profile, theme_name=theme)
    return pipeline.render(job, "pdf", profile.with_suffix(".pdf"))[0].data


#: The built-in themes whose faces are variable fonts (Noto Serif, Noto Sans from their font
#: packages); modern sets Lato, static, and falls back to the system's static Noto Sans.
VARIABLE_THEMES = ("classic", "compact")


@pytest.mark.usefixtures("no_font_disk_cache")
@pytest.mark.parametrize("theme", VARIABLE_THEMES)
def test_every_variable_face_a_theme_embeds_has_the_glyphs_fonttools_would_make(theme, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert variable_fonts.install()
    compared = []
    cleaned = variable_fonts._clean

    def alongside_weasyprint(font, to_unicode, hinting):
        reference = copy.copy(font)
        reference.variations = dict(font.variations)
        done = cleaned(font, to_unicode, hinting)
        assert done or "fvar" not in font.tables  # every variable face instanced by HarfBuzz
        if done:
            variable_fonts._WEASYPRINT_CLEAN(reference, to_unicode, hinting)  # HarfBuzz subset + fontTools instancer
            assert "fvar" not in TTFont(io.BytesIO(font.file_content))  # static
            assert font.variations == reference.variations
            ours, theirs = _glyphs(font.file_content), _glyphs(reference.file_content)
            assert ours.keys() == theirs.keys()
            kept = sorted(glyph for glyph in to_unicode if glyph)  # .notdef is never drawn
            assert [ours[glyph] for glyph in kept] == [theirs[glyph] for glyph in kept], font.family
            compared.append((font.family, font.weight, font.style, len(kept)))
        return done

    monkeypatch.setattr(variable_fonts, "_clean", alongside_weasyprint)
    _render(_profile(tmp_path), theme)
    assert len(compared) >= 3, compared  # regular, bold and italic at least


@pytest.mark.usefixtures("no_font_disk_cache")
def test_fonttools_instancer_is_not_needed(tmp_path, monkeypatch):
    """With the instancer gone, every theme's PDF still embeds static fonts only."""
    from weasyprint.pdf import fonts

    def refuse(*_arguments, **_keywords):
        raise AssertionError("fontTools' instancer was called")

    monkeypatch.setattr(fonts, "instantiateVariableFont", refuse)
    profile = _profile(tmp_path)
    for theme in builtin_themes():
        faces = _embedded_fonts(_render(profile, theme))
        assert len(faces) >= 3, theme
        assert not any("fvar" in TTFont(io.BytesIO(face)) for face in faces), theme


def _embedded_fonts(data: bytes) -> list[bytes]:
    """The TrueType programs (FontFile2) a PDF embeds."""
    from pypdf import PdfReader

    found = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            if "/FontFile2" in descriptor:
                reference = descriptor.raw_get("/FontFile2")
                found[reference.idnum] = reference.get_object().get_data()
    return list(found.values())


@pytest.mark.usefixtures("no_font_disk_cache")
def test_a_face_harfbuzz_cannot_instance_is_left_to_weasyprint(tmp_path, monkeypatch):
    monkeypatch.setattr(variable_fonts, "static_subset", lambda *_arguments, **_keywords: None)
    called = []
    from weasyprint.pdf import fonts

    instancer = fonts.instantiateVariableFont

    def counting(*arguments, **keywords):
        called.append(arguments[1])
        return instancer(*arguments, **keywords)

    monkeypatch.setattr(fonts, "instantiateVariableFont", counting)
    data = _render(brief_example(tmp_path), "classic")
    assert called and all("wght" in location for location in called)
    assert data.startswith(b"%PDF-")


class _Face:
    """What instancing_variations reads of WeasyPrint's Font."""

    def __init__(self, variations, weight=400, font_size=12.0, style=0):
        self.variations, self.weight, self.font_size, self.style = variations, weight, font_size, style


@pytest.mark.parametrize("face, axes, expected", [
    (_Face({}), {"wght": (100, 400, 900)}, {"wght": 400}),
    (_Face({}, weight=700), {"wght": (100, 400, 900), "wdth": (62.5, 100, 100)}, {"wght": 700}),
    (_Face({"wght": 650.0}, weight=700), {"wght": (100, 400, 900)}, {"wght": 650.0}),
    (_Face({}, font_size=9.5), {"opsz": (6, 12, 72)}, {"opsz": 9.5}),
    (_Face({}, style=1), {"slnt": (-12, 0, 0)}, {"slnt": -12}),
    (_Face({}, style=1), {"slnt": (0, 0, 12)}, {"slnt": 12}),
    (_Face({}, style=0), {"slnt": (-12, 0, 0)}, {"slnt": 0}),
    (_Face({}, style=2), {"ital": (0, 0, 1)}, {"ital": 1}),
    (_Face({}, style=1), {"ital": (0, 0, 1)}, {"ital": 0}),
    (_Face({"wdth": 87.5}), {"wdth": (62.5, 100, 100)}, {"wdth": 87.5}),
])
def test_the_location_is_where_weasyprint_instances(face, axes, expected):
    assert variable_fonts.instancing_variations(face, axes) == expected


@pytest.mark.usefixtures("no_font_disk_cache")
def test_a_face_cleaned_again_gives_the_same_bytes(tmp_path, monkeypatch):
    """WeasyPrint cleans a Font again when a laid-out document is written again (the page
    budget's last trial, then the PDF): by then its bytes are the static subset, and the
    axes must still be read from the variable face, or fontTools would instance it instead."""
    seen = []
    cleaned = variable_fonts._clean

    def remember(font, to_unicode, hinting):
        done = cleaned(font, to_unicode, hinting)
        if done:
            seen.append((font, dict(to_unicode), hinting, font.file_content))
        return done

    monkeypatch.setattr(variable_fonts, "_clean", remember)
    _render(_profile(tmp_path), "classic")
    assert seen
    for font, to_unicode, hinting, content in seen:
        assert cleaned(font, to_unicode, hinting)
        assert font.file_content == content
