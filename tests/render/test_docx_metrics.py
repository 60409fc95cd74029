"""Word's line height of a theme font (OS/2 usWinAscent + usWinDescent over head.unitsPerEm), read with fontTools."""

from __future__ import annotations

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.ttLib import TTCollection

from resume_builder.render.docx.look import _read_win_metrics


def _font(ascent: int, descent: int, units: int = 1000):
    builder = FontBuilder(units, isTTF=True)
    builder.setupGlyphOrder([".notdef", "a"])
    builder.setupCharacterMap({ord("a"): "a"})
    builder.setupGlyf({name: _empty_glyph() for name in (".notdef", "a")})
    builder.setupHorizontalMetrics({".notdef": (500, 0), "a": (500, 0)})
    builder.setupHorizontalHeader(ascent=ascent, descent=-descent)
    builder.setupNameTable({"familyName": "Metric Test", "styleName": "Regular"})
    builder.setupOS2(usWinAscent=ascent, usWinDescent=descent, sTypoAscender=ascent, sTypoDescender=-descent)
    builder.setupPost()
    return builder.font


def _empty_glyph():
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    return TTGlyphPen(None).glyph()


def test_truetype_file(tmp_path):
    path = tmp_path / "f.ttf"
    _font(900, 300).save(path)
    assert _read_win_metrics(path) == pytest.approx(1.2)


def test_units_per_em_other_than_1000(tmp_path):
    path = tmp_path / "f.ttf"
    _font(1854, 434, units=2048).save(path)
    assert _read_win_metrics(path) == pytest.approx((1854 + 434) / 2048)


def test_woff_and_collections_read_like_the_plain_file(tmp_path):
    """The hand-written reader this replaced read only the plain sfnt header."""
    woff = tmp_path / "f.woff"
    font = _font(1000, 250)
    font.flavor = "woff"
    font.save(woff)
    collection = TTCollection()
    collection.fonts = [_font(1000, 250), _font(800, 200)]
    ttc = tmp_path / "f.ttc"
    collection.save(ttc)
    assert _read_win_metrics(woff) == pytest.approx(1.25)
    assert _read_win_metrics(ttc) == pytest.approx(1.25)  # the first font of the collection


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x00\x00\x00", b"not a font at all" * 10])
def test_a_file_that_is_not_a_font_gives_none(tmp_path, content):
    path = tmp_path / "f.ttf"
    path.write_bytes(content)
    assert _read_win_metrics(path) is None


def test_a_font_without_os2_gives_none(tmp_path):
    font = _font(900, 300)
    del font["OS/2"]
    path = tmp_path / "f.ttf"
    font.save(path)
    assert _read_win_metrics(path) is None
