"""A plain line's drawing replayed from the last PDF (render/drawn_lines.py, issue 20) changes
nothing but the time taken: a warm re-render has the bytes of one that drew every line again;
a width another line set is never taken for one this line measures; lines with missing
glyphs are drawn by WeasyPrint."""

from __future__ import annotations

import pytest
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from resume_builder.render import cluster_text, draw_layouts, drawn_lines, style_reuse
from tests.render.edited import HEADLINE, edited_pdf


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> dict:
    """Counts of lines WeasyPrint drew itself and lines replayed, with no records kept."""
    assert cluster_text.install()
    counts = {"drawn": 0, "replayed": 0}
    real_draw, real_replay = drawn_lines.draw, drawn_lines._replay

    def replay(*arguments):
        done = real_replay(*arguments)
        counts["replayed"] += done
        return done

    def draw(original, *arguments):
        def counted(*inner):
            counts["drawn"] += 1
            return original(*inner)
        return real_draw(counted, *arguments)

    monkeypatch.setattr(drawn_lines, "_replay", replay)
    monkeypatch.setattr(drawn_lines, "draw", draw)
    monkeypatch.setattr(draw_layouts, "_KEPT", {})
    return counts


def _without_records(patch: pytest.MonkeyPatch) -> None:
    patch.setattr(drawn_lines, "draw", lambda original, *arguments: original(*arguments))
    patch.setattr(draw_layouts, "_KEPT", {})


@pytest.mark.parametrize("theme", ["classic", "compact"])
def test_a_re_render_replays_most_lines_and_has_the_bytes_of_one_that_drew_them(
        tmp_path, drawn, monkeypatch, theme):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    profile = tmp_path / "one_page.yaml"
    edited_pdf(profile, HEADLINE, theme_name=theme)
    first = drawn["drawn"]
    assert first > 20 and drawn["replayed"] < first / 10  # a line drawn twice in one PDF replays
    drawn.update(drawn=0, replayed=0)
    warm = edited_pdf(profile, "Platform Engineer", theme_name=theme)
    assert 0 < drawn["drawn"] < first / 4 < drawn["replayed"], drawn
    with monkeypatch.context() as patch:
        _without_records(patch)
        assert warm == edited_pdf(profile, "Platform Engineer", theme_name=theme)


FONTS = FontConfiguration()
SHEET = CSS(string="""
    p { font-family: Noto Sans; margin: 0 }
    .small { font-size: 7.3pt }
    .large { font-size: 23.9pt }
""", font_config=FONTS)
WORDS = "Waxy quartz jigs; 0123456789"  # one line at either size


def _pdf(body: str, *, records: bool = True) -> bytes:
    with style_reuse.reusing([]):  # the same style objects each time: the kept layouts meet again
        document = HTML(string=f"<html><body>{body}</body></html>").render(stylesheets=[SHEET], font_config=FONTS)
    if not records:
        with pytest.MonkeyPatch.context() as patch:
            _without_records(patch)
            with draw_layouts.drawing():
                return document.write_pdf(pdf_identifier=b"0" * 32)
    with draw_layouts.drawing():
        return document.write_pdf(pdf_identifier=b"0" * 32)


def test_a_width_set_by_another_line_is_not_replayed_where_this_line_measures_its_own(drawn, monkeypatch):
    """One font serves every size; a glyph's width is measured (and rounded) at the size of
    the first line that draws it. The large line, recorded after the small one set its
    glyphs' widths, is drawn again by WeasyPrint when the small line is gone."""
    monkeypatch.setattr(style_reuse, "_ENTRIES", {})
    both = f"<p class='small'>{WORDS}</p><p class='large'>{WORDS}</p>"
    alone = f"<p class='large'>{WORDS}</p>"
    fresh = _pdf(alone, records=False)
    _pdf(both)
    drawn.update(drawn=0, replayed=0)
    assert _pdf(alone) == fresh
    assert drawn == {"drawn": 1, "replayed": 0}
    assert _pdf(alone) == fresh and drawn == {"drawn": 1, "replayed": 1}  # its own record now
    assert _pdf(both) != fresh and _pdf(both) == _pdf(both, records=False)


def test_a_line_with_a_missing_glyph_is_never_replayed(drawn, monkeypatch):
    monkeypatch.setattr(style_reuse, "_ENTRIES", {})
    monkeypatch.setattr(cluster_text, "_PLAIN", cluster_text._PLAIN | {"\U000f0000"})  # a private-use plane
    body = "<p>Missing \U000f0000 glyph</p><p>Plain words</p>"
    fresh = _pdf(body, records=False)
    for _ in range(3):
        assert _pdf(body) == fresh
    assert drawn["replayed"] == 2 and drawn["drawn"] == 4  # the plain line replayed, the other drawn each time


def test_nothing_is_recorded_outside_a_drawing(drawn):
    HTML(string="<p>Drawn by WeasyPrint alone</p>").write_pdf()
    assert drawn["replayed"] == 0 and draw_layouts._KEPT == {}
