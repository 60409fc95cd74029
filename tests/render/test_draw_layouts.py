"""Text shaped for drawing kept between PDFs (render/draw_layouts.py, issue 20) changes nothing
but the time taken: a warm re-render has the bytes of one that shaped every line again,
ellipsized lines are never reused, and nothing is kept outside our renders."""

from __future__ import annotations


import pytest
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.text.line_break import Layout

from resume_builder.render.pdf import _folder_removed_at_exit  # WeasyPrint's __del__ fails at exit
from resume_builder.render import draw_layouts, style_reuse
from tests.render.edited import HEADLINE, edited_pdf



@pytest.fixture
def shaped(monkeypatch: pytest.MonkeyPatch) -> list:
    """The layouts WeasyPrint itself makes for drawing (``Layout.reactivate`` as it ships)."""
    draw_layouts.install()
    original = Layout.reactivate._resume_builder_original
    calls: list = []

    def counting(self, style):
        calls.append(self.text)
        return original(self, style)

    monkeypatch.setattr(Layout, "reactivate", counting)  # the keeping wrapper is put back after the test
    monkeypatch.setattr(Layout, "deactivate", Layout.deactivate._resume_builder_original)
    draw_layouts.install()
    monkeypatch.setattr(draw_layouts, "_KEPT", {})
    return calls


_pdf = edited_pdf


@pytest.mark.parametrize("theme", ["classic", "modern"])
def test_a_re_render_draws_kept_lines_and_has_the_bytes_of_one_that_shaped_them_again(
        tmp_path, shaped, monkeypatch, theme):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    profile = tmp_path / "one_page.yaml"
    _pdf(profile, HEADLINE, theme_name=theme)
    first = len(shaped)
    shaped.clear()
    warm = _pdf(profile, "Platform Engineer", theme_name=theme)
    assert first > 20 and 0 < len(shaped) < first / 4 and "Platform Engineer" in shaped
    with monkeypatch.context() as patch:
        patch.setattr(draw_layouts, "_KEPT", {})
        patch.setattr(Layout, "reactivate", Layout.reactivate._resume_builder_original)
        assert warm == _pdf(profile, "Platform Engineer", theme_name=theme)


FONTS = _folder_removed_at_exit(FontConfiguration())
ELLIPSES = CSS(string="""
    p { width: 6em; font-family: Noto Sans }
    .cut { white-space: nowrap; overflow: hidden; text-overflow: ellipsis }
    .clamped { line-clamp: 2 }
""", font_config=FONTS)
BODY = ("<p class='cut'>A line far too long for its box</p>"
        "<p class='clamped'>Three lines of text that a clamp cuts after two lines of it</p>"
        "<p>A plain line</p>")


def _ellipses_pdf(keep: bool) -> bytes:
    with style_reuse.reusing([]):  # the same style objects each time: the keys can meet again
        document = HTML(string=f"<html><body>{BODY}</body></html>").render(stylesheets=[ELLIPSES],
                                                                           font_config=FONTS)
    if not keep:
        return document.write_pdf(pdf_identifier=b"0" * 32)
    with draw_layouts.drawing():
        return document.write_pdf(pdf_identifier=b"0" * 32)


def test_ellipsized_lines_are_not_kept(shaped, monkeypatch):
    monkeypatch.setattr(style_reuse, "_ENTRIES", {})
    fresh = _ellipses_pdf(keep=False)
    assert _ellipses_pdf(keep=True) == fresh
    kept = {key[1] for key in draw_layouts._KEPT}
    assert "A plain line" in kept and not any("far too long" in text or "clamp" in text for text in kept)
    assert _ellipses_pdf(keep=True) == fresh


def test_nothing_is_kept_outside_a_render(shaped):
    HTML(string="<p>Drawn by WeasyPrint alone</p>").write_pdf()
    assert draw_layouts._KEPT == {}


def test_only_the_last_two_pdfs_lines_are_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(draw_layouts, "_KEPT", {})
    profile = tmp_path / "one_page.yaml"
    for theme in ("classic", "modern", "compact"):
        _pdf(profile, HEADLINE, theme_name=theme)
        assert {entry[2] for entry in draw_layouts._KEPT.values()} <= {draw_layouts._RUNS.number,
                                                                     draw_layouts._RUNS.number - 1}
