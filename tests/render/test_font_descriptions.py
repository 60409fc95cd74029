"""Pango font descriptions kept by the style values they are made of (render/font_descriptions.py,
issue 20): the same description as WeasyPrint makes, the same PDF bytes, one per font."""

from __future__ import annotations

import shutil

import pytest
from weasyprint import HTML
from weasyprint.text import line_break
from weasyprint.text.ffi import ffi, pango

from resume_builder import pipeline
from resume_builder.render import draw_layouts, font_descriptions
from resume_builder.render import pdf as pdf_module
from resume_builder.render.recent import Recent
from tests.conftest import FIXTURES

PAGE = ("<p style='font: italic 700 11pt Noto Serif'>Bold italic</p><p>Plain <b>bold</b> <i>italic</i></p>"
        "<p style='font-size: 11.0pt; font-variation-settings: \"wght\" 650'>Varied</p>"
        "<p style='font-variant-caps: small-caps; font-stretch: condensed'>Small caps</p>")


def _described(description) -> str:
    return ffi.string(pango.pango_font_description_to_string(description)).decode()


def test_each_kept_description_is_the_one_weasyprint_makes(monkeypatch):
    font_descriptions.install()
    monkeypatch.setattr(font_descriptions, "_DESCRIPTIONS", Recent(256))
    kept = line_break.get_font_description
    original = kept._resume_builder_original
    styles = []

    def checked(style):
        styles.append(style)
        assert _described(kept(style)) == _described(original(style))
        return kept(style)

    monkeypatch.setattr(line_break, "get_font_description", checked)
    HTML(string=PAGE).write_pdf()
    assert len(styles) > 8 and 3 < len(font_descriptions._DESCRIPTIONS) < len(styles)


def test_the_pdf_has_the_bytes_of_one_with_weasyprints_descriptions(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    profile = tmp_path / "one_page.yaml"
    shutil.copy(FIXTURES / "profiles" / "one_page.yaml", profile)

    def pdf() -> bytes:
        return pipeline.render(pipeline.prepare(profile), "pdf", tmp_path / "out.pdf")[0].data

    kept = pdf()
    font_descriptions.install()
    monkeypatch.setattr(line_break, "get_font_description", line_break.get_font_description._resume_builder_original)
    monkeypatch.setattr(font_descriptions, "install", lambda: None)  # this render: WeasyPrint's own
    monkeypatch.setattr(pdf_module, "_RECENT", pdf_module.OrderedDict())  # laid out again,
    monkeypatch.setattr(draw_layouts, "_KEPT", {})  # and every line shaped again
    assert pdf() == kept


@pytest.mark.parametrize("size", [11, 11.0])
def test_numbers_of_another_type_are_another_key(size):
    style = {"font_family": ("Noto Sans",), "font_style": "normal", "font_stretch": "normal", "font_weight": 400,
             "font_size": size, "font_variant_caps": "normal", "font_variation_settings": "normal"}
    other = {**style, "font_size": float(size) if isinstance(size, int) else int(size)}
    assert font_descriptions._key(style) != font_descriptions._key(other)
