"""Computed styles reused from one layout to the next (render/style_reuse.py, issue 20) change
nothing but the time taken: a warm re-render after an edit has the bytes of a render that
computed every style anew, a theme change computes new styles, warnings are never lost, and
the styles kept stay those of the last two layouts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from weasyprint import CSS, HTML
from weasyprint.css import StyleFor
from weasyprint.text.fonts import FontConfiguration

from resume_builder.render.pdf import _folder_removed_at_exit  # WeasyPrint's __del__ fails at exit
from resume_builder.render import style_reuse
from tests.conftest import FIXTURES
from tests.render.edited import HEADLINE, edited_pdf

FONTS = _folder_removed_at_exit(FontConfiguration())  # one for the documents made here, as render/pdf.py keeps one per theme


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    target = tmp_path / "one_page.yaml"
    shutil.copy(FIXTURES / "profiles" / "one_page.yaml", target)
    return target


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> list:
    """The styles WeasyPrint itself makes (``set_computed_styles`` as it ships), one item each."""
    style_reuse.install()
    original = StyleFor.set_computed_styles._resume_builder_original
    calls: list = []

    def counting(self, element, *args, **kwargs):
        calls.append((element, kwargs.get("pseudo_type")))
        return original(self, element, *args, **kwargs)

    monkeypatch.setattr(StyleFor, "set_computed_styles", counting)  # the wrapper is put back after the test
    style_reuse.install()  # the reuse wrapper, around `counting`
    monkeypatch.setattr(style_reuse, "_ENTRIES", {})
    return calls


_pdf = edited_pdf


def _fresh(profile: Path, headline: str, monkeypatch: pytest.MonkeyPatch, **arguments) -> bytes:
    """The PDF with every style computed anew (nothing kept, nothing reused)."""
    with monkeypatch.context() as patch:
        patch.setattr(style_reuse, "_ENTRIES", {})
        patch.setattr(style_reuse, "reusable", lambda css: False)
        return _pdf(profile, headline, **arguments)


@pytest.mark.parametrize("theme", ["classic", "modern", "compact"])
def test_a_re_render_after_an_edit_reuses_styles_and_has_the_bytes_of_a_fresh_one(
        profile, made, monkeypatch, theme):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    _pdf(profile, HEADLINE, theme_name=theme)
    first = len(made)
    made.clear()
    warm = _pdf(profile, "Platform Engineer", theme_name=theme)
    assert first > 100 and len(made) < first / 4  # most styles came from the last layout
    assert warm == _fresh(profile, "Platform Engineer", monkeypatch, theme_name=theme)


def test_another_theme_option_makes_new_styles(profile, made, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    _pdf(profile, HEADLINE)
    first = len(made)
    made.clear()
    green = _pdf(profile, HEADLINE, overrides={"accent_color": "#0b6e4f"})
    assert len(made) == first  # a new style sheet: not one style from the old one
    assert green == _fresh(profile, HEADLINE, monkeypatch, overrides={"accent_color": "#0b6e4f"})


def test_only_the_last_two_layouts_styles_are_kept(profile, monkeypatch):
    monkeypatch.setattr(style_reuse, "_ENTRIES", {})
    for theme in ("classic", "modern", "compact", "classic"):
        _pdf(profile, HEADLINE, theme_name=theme)
        assert {entry[1] for entry in style_reuse._ENTRIES.values()} <= {style_reuse._RUNS.number,
                                                                       style_reuse._RUNS.number - 1}


def test_a_warning_during_a_layout_forgets_every_style(monkeypatch):
    monkeypatch.setattr(style_reuse, "_ENTRIES", {})
    sheet = CSS(string="p { color: red }", font_config=FONTS)
    messages: list[str] = []
    with style_reuse.reusing(messages):
        HTML(string="<p>a</p>").render(stylesheets=[sheet], font_config=FONTS)
    assert style_reuse._ENTRIES
    with style_reuse.reusing(messages):
        HTML(string="<p>b</p>").render(stylesheets=[sheet], font_config=FONTS)
        messages.append("a warning")
    assert not style_reuse._ENTRIES


def test_viewport_units_turn_reuse_off():
    assert style_reuse.reusable("p { width: 10px }")
    assert not style_reuse.reusable("")
    for length in ("10vw", "3.5vh", "1vmin", "2svh", "4dvmax", "1.5lvi"):
        assert not style_reuse.reusable(f"p {{ width: {length} }}"), length


# One style sheet, kept as render/pdf.py keeps the theme's.
NOTES = CSS(string=".n { position: note(note) } .f { float: footnote }", font_config=FONTS)


def _notes_pdf(reuse: bool, notes: int) -> bytes:
    body = "".join(f"<p>Line {i}<span class='n'>note {i}</span> and<span class='f'>footnote {i}</span></p>"
                   for i in range(notes))
    with style_reuse.reusing([], enabled=reuse):
        document = HTML(string=f"<html lang='en'><body>{body}</body></html>").render(stylesheets=[NOTES], font_config=FONTS)
    return document.write_pdf(pdf_identifier=b"0" * 32)


def test_notes_and_footnotes_keep_their_own_call_styles(monkeypatch):
    """Layout names a note's call by setting an anchor in the call's style: each call keeps a
    style of its own, and a kept style whose anchor was set is not reused."""
    monkeypatch.setattr(style_reuse, "_ENTRIES", {})
    _notes_pdf(True, 1)
    for notes in (3, 3, 2):
        assert _notes_pdf(True, notes) == _notes_pdf(False, notes), notes


def test_a_call_style_whose_anchor_layout_set_is_made_anew(made):
    """Its anchor is no longer the one its declarations compute."""
    _notes_pdf(True, 2)
    made.clear()
    _notes_pdf(True, 2)
    assert sum(1 for _, pseudo_type in made if pseudo_type == "note-call") == 2
