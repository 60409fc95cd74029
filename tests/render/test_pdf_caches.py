"""The in-process caches of the PDF renderer (issue 20) change nothing but the time taken.

Parsed theme style sheets are kept by exact CSS, and fonts as written (subset, variable
fonts instantiated) by exact font bytes, glyphs and coordinates: a re-render after an edit
gives the same bytes as a render with every cache empty and the font cache not installed,
and the theme's CSS warnings are reported on every render, not only the first.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from weasyprint.pdf import fonts

from resume_builder import pipeline
from resume_builder.render import pdf
from tests.conftest import REPO, brief_example, brief_example_text

HEADLINE = "Platform & DevOps Engineer"


def _render(profile: Path, **arguments) -> pipeline.Rendered:
    job = pipeline.prepare(profile, **arguments)
    return pipeline.render(job, "pdf", profile.with_suffix(".pdf"))[0]


def _cold(profile: Path, **arguments) -> bytes:
    """The PDF as before the caches: the theme's CSS left in its <style> element, every cache
    emptied and Font.clean as WeasyPrint ships it."""
    wrapped, install, stylesheet = fonts.Font.clean, pdf._install_font_cache, pdf._stylesheet
    for cache in (pdf._STYLESHEETS, pdf._CLEANED, pdf._RECENT):
        cache.clear()
    fonts.Font.clean = wrapped._resume_builder_original
    pdf._install_font_cache = lambda: None  # this render only
    pdf._stylesheet = lambda html, base_url, roots, messages, font_config, font_files: (html, None)
    try:
        return _render(profile, **arguments).data
    finally:
        fonts.Font.clean, pdf._install_font_cache, pdf._stylesheet = wrapped, install, stylesheet
        pdf._STYLESHEETS.clear()
        pdf._RECENT.clear()


def test_a_warm_re_render_after_an_edit_has_the_same_bytes_as_a_cold_one(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    profile = tmp_path / "example.yaml"
    text = brief_example_text()
    for theme in ("classic", "modern"):
        profile.write_text(text, encoding="utf-8")
        _render(profile, theme_name=theme)
        sheets, cleaned = len(pdf._STYLESHEETS), len(pdf._CLEANED)
        profile.write_text(text.replace(HEADLINE, "DevOps & Platform Engineer", 1), encoding="utf-8")
        warm = _render(profile, theme_name=theme).data
        assert len(pdf._STYLESHEETS) == sheets and len(pdf._CLEANED) == cleaned  # both served from the caches
        assert warm == _cold(profile, theme_name=theme), theme


def test_a_new_option_value_is_a_new_style_sheet(tmp_path):
    profile = brief_example(tmp_path)
    first = _render(profile).data
    green = _render(profile, overrides={"accent_color": "#0b6e4f"}).data
    assert first != green and _render(profile).data == first


def test_css_warnings_are_reported_on_every_render(tmp_path):
    theme = tmp_path / "loud"
    shutil.copytree(REPO / "themes" / "classic", theme)
    style = theme / "templates" / "style.css.j2"
    style.write_text(style.read_text(encoding="utf-8") + "\n.headline { colour: red; }\n", encoding="utf-8")
    profile = tmp_path / "example.yaml"
    text = brief_example_text()
    seen = []
    for headline in (HEADLINE, "DevOps & Platform Engineer"):
        profile.write_text(text.replace(HEADLINE, headline, 1), encoding="utf-8")
        seen.append([w for w in _render(profile, theme_dir=theme).warnings if "colour" in w])
    assert seen[0] and seen[0] == seen[1]
    # the line it names is one of the style sheet as rendered, which no theme file has: quoted
    assert seen[0][0].endswith("of the theme's style sheet as its templates render it: .headline { colour: red; })")


def test_the_font_cache_keeps_each_build_date_apart(tmp_path, monkeypatch):
    """fontTools stamps the fonts it saves with SOURCE_DATE_EPOCH: a font cleaned for one
    build date is never reused for another (a served render used the date of the build before)."""
    profile = brief_example(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    _render(profile)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1712345678")
    assert _render(profile).data == _cold(profile)
