"""Han characters take their region's forms: a Japanese résumé's kanji in Noto Sans CJK JP, a
Korean one's in KR, traditional Chinese in TC or HK, others in SC (visual review: a Japanese
PDF was set in Noto Sans CJK SC, whose 直 and 骨 are the Chinese forms)."""

from __future__ import annotations

import io
import json

import pytest
from pypdf import PdfReader

from resume_builder import pipeline
from resume_builder.theming import regional_fonts, FALLBACK_FONTS


def _font_names(data: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return names


@pytest.mark.parametrize("lang, region", [("ja", "JP"), ("ko", "KR"), ("zh", "SC"), ("zh-TW", "TC"),
                                          ("zh-Hant-HK", "TC"), ("zh-HK", "HK"), ("en", "SC")])
def test_the_han_characters_of_a_document_use_its_regions_face(tmp_path, lang, region):
    profile = tmp_path / "cv.json"
    profile.write_text(json.dumps({"basics": {"name": "直子 骨川", "headline": "次世代 エンジニア 기술"},
                                   "lang": lang}), encoding="utf-8")
    (rendered,) = pipeline.render(pipeline.prepare(profile), "pdf", tmp_path / "cv.pdf")
    cjk = {name for name in _font_names(rendered.data) if "CJK" in name}
    assert cjk and all(f"CJK-{region}" in name for name in cjk), cjk


def test_regional_fonts_replaces_only_the_cjk_faces():
    assert regional_fonts(FALLBACK_FONTS, "ja-JP") == tuple(
        name.replace("CJK SC", "CJK JP") for name in FALLBACK_FONTS)
    assert regional_fonts(FALLBACK_FONTS, "de") == FALLBACK_FONTS
