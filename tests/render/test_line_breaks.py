"""Lines broken once and kept between layouts (render/line_breaks.py, issue 20) change nothing
but the time taken: a warm re-render has the bytes of one that broke every line again, in
left-to-right and right-to-left text, with hyphenation and ellipses; a layout kept in the
memo is never changed by drawing; nothing is kept outside our renders, or for a WeasyPrint
whose line breaking this was not written for."""

from __future__ import annotations

import contextlib

import pytest
from weasyprint import CSS, HTML
from weasyprint.text import line_break
from weasyprint.text.fonts import FontConfiguration

from resume_builder.render import line_breaks, style_reuse
from tests.render.edited import HEADLINE, edited_pdf


@pytest.fixture
def broken(monkeypatch: pytest.MonkeyPatch) -> list:
    """The texts WeasyPrint really lays out with Pango (``create_layout``), an empty memo."""
    assert line_breaks.install()
    original = line_break.create_layout
    calls: list = []

    def counting(text, *arguments, **keywords):
        calls.append(text)
        return original(text, *arguments, **keywords)

    monkeypatch.setattr(line_break, "create_layout", counting)
    monkeypatch.setattr(line_breaks, "_KEPT", {})
    return calls


def _without_memo(patch: pytest.MonkeyPatch) -> None:
    patch.setattr(line_breaks, "_KEPT", {})
    patch.setattr(line_breaks, "remembering", contextlib.nullcontext)


@pytest.mark.parametrize(("theme", "replace"), [
    ("classic", ()),
    ("modern", (("lang: en", "lang: ar"),)),
])
def test_a_re_render_breaks_few_lines_and_has_the_bytes_of_one_that_broke_them_all(
        tmp_path, broken, monkeypatch, theme, replace):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    profile = tmp_path / "one_page.yaml"
    edited_pdf(profile, HEADLINE, theme_name=theme, replace=replace)
    first = len(broken)
    broken.clear()
    warm = edited_pdf(profile, "Platform Engineer", theme_name=theme, replace=replace)
    assert first > 40 and 0 < len(broken) < first / 4, (first, len(broken))
    assert any("Platform Engineer" in text for text in broken)
    with monkeypatch.context() as patch:
        _without_memo(patch)
        assert warm == edited_pdf(profile, "Platform Engineer", theme_name=theme, replace=replace)


FONTS = FontConfiguration()
SHEET = CSS(string="""
    p { width: 7em; font-family: Noto Sans }
    .hyphenated { hyphens: auto; text-align: justify }
    .soft { hyphens: manual; text-align: justify }
    .cut { white-space: nowrap; overflow: hidden; text-overflow: ellipsis }
    .clamped { line-clamp: 2 }
    .narrow { display: inline-block; width: min-content }
""", font_config=FONTS)
BODY = ("<p class='hyphenated' lang='en'>Internationalization responsibilities accumulate unexpectedly</p>"
        "<p class='soft'>Extra\u00adordinarily long\u00adwinded in\u00adcomprehensibilities</p>"
        "<p class='cut'>A line far too long for its box</p>"
        "<p class='clamped'>Three lines of text that a clamp cuts after two lines of it</p>"
        "<p><span class='narrow'>Words in a shrink to fit box</span> after it</p>"
        "<p dir='rtl' lang='ar'>خبرة في تطوير الأنظمة الموزعة وقواعد البيانات</p>")


def _pdf(remember: bool) -> bytes:
    with style_reuse.reusing([]):  # the same style objects each time: the memo's keys meet again
        with line_breaks.remembering() if remember else contextlib.nullcontext():
            document = HTML(string=f"<html><body>{BODY}</body></html>").render(stylesheets=[SHEET],
                                                                               font_config=FONTS)
    return document.write_pdf(pdf_identifier=b"0" * 32)


def test_hyphenation_ellipses_and_shrink_to_fit_lay_out_the_same_from_the_memo(broken, monkeypatch):
    monkeypatch.setattr(style_reuse, "_ENTRIES", {})
    fresh = _pdf(remember=False)
    assert _pdf(remember=True) == fresh
    made = len(broken)
    broken.clear()
    assert _pdf(remember=True) == fresh  # drawing ellipsized copies of kept layouts, not the kept ones
    assert 0 < made and broken == []  # every line came from the memo
    kept = [entry[1][0]["text"] for entry in line_breaks._KEPT.values()]
    assert any(text.endswith("\u2010") for text in kept), kept  # hyphenated lines went through it
    assert _pdf(remember=False) == fresh


def test_drawing_never_changes_a_kept_layout(broken, monkeypatch):
    from weasyprint.layout import inline

    monkeypatch.setattr(style_reuse, "_ENTRIES", {})
    _pdf(remember=True)
    kept = {key: dict(entry[1][0]) for key, entry in line_breaks._KEPT.items()}
    broken.clear()
    handed: list = []
    memo = inline.split_first_line

    def collect(*arguments, **keywords):
        result = memo(*arguments, **keywords)
        handed.append(result[0])
        return result

    monkeypatch.setattr(inline, "split_first_line", collect)
    _pdf(remember=True)  # lays out from the memo, then draws: the cut line is ellipsized
    assert handed and broken == []
    assert {key: dict(entry[1][0]) for key, entry in line_breaks._KEPT.items()} == kept
    kept_dicts = {id(entry[1][0]) for entry in line_breaks._KEPT.values()}
    assert not any(id(layout.__dict__) in kept_dicts for layout in handed)
    assert any(layout.text.endswith("…") for layout in handed)  # drawing changed its own copy


def test_nothing_is_kept_outside_a_render(broken):
    HTML(string="<p>Laid out by WeasyPrint alone</p>").write_pdf()
    assert line_breaks._KEPT == {} and broken


def test_only_the_last_two_layouts_lines_are_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(line_breaks, "_KEPT", {})
    profile = tmp_path / "one_page.yaml"
    for theme in ("classic", "modern", "compact"):
        edited_pdf(profile, HEADLINE, theme_name=theme)
        assert line_breaks._KEPT
        assert {entry[2] for entry in line_breaks._KEPT.values()} <= {line_breaks._RUNS.number,
                                                                    line_breaks._RUNS.number - 1}


def test_an_unknown_weasyprint_lays_out_without_the_memo(monkeypatch, broken):
    assert line_breaks.source_digests() == line_breaks.EXPECTED_SOURCES["70.0"]
    monkeypatch.setattr(line_breaks, "_installed", None)
    monkeypatch.setattr(line_breaks, "EXPECTED_SOURCES", {"70.0": {"text/line_break.py": "another"}})
    assert not line_breaks.install() and not line_breaks.installed()
    monkeypatch.setattr(style_reuse, "_ENTRIES", {})
    fresh = _pdf(remember=False)
    assert _pdf(remember=True) == fresh and line_breaks._KEPT == {}
