"""Pango font descriptions made once per font, not once per text layout (issue 20: warm re-render).

WeasyPrint's ``Layout.setup`` (every line of text, at layout and again at drawing) builds a
new ``PangoFontDescription`` from the style (``weasyprint.text.fonts.get_font_description``:
eight calls into Pango), which the Pango layout then copies. A résumé uses a handful of
fonts for thousands of layouts. :func:`install` gives ``Layout.setup`` a
``get_font_description`` that keeps the descriptions it made by exactly the style values the
function reads (family list, style, stretch, weight, size, small caps, variation settings):
equal values make equal descriptions, and Pango only reads the one it is given. Other
callers (PDF form fields) keep WeasyPrint's function. Bounded: the last 256 descriptions.
"""

from __future__ import annotations

from typing import Any

from resume_builder.render.recent import Recent

__all__ = ["install"]

_DESCRIPTIONS: Recent[Any] = Recent(256)


def _key(style: Any) -> tuple:
    """The values ``get_font_description`` reads, numbers with their types (1 and 1.0 format apart)."""
    size, weight, variations = style["font_size"], style["font_weight"], style["font_variation_settings"]
    return (tuple(style["font_family"]), style["font_style"], style["font_stretch"], type(weight), weight,
            type(size), size, style["font_variant_caps"], repr(variations))


def install() -> None:
    """Replace ``get_font_description`` in ``weasyprint.text.line_break`` (once)."""
    from weasyprint.text import line_break

    original = line_break.get_font_description
    if getattr(original, "_resume_builder_original", None) is not None:
        return

    def get_font_description(style):
        try:
            key = _key(style)
            hash(key)
        except TypeError:  # a value that is not plain data: as WeasyPrint does
            return original(style)
        return _DESCRIPTIONS.get_or_make(key, lambda: original(style))

    get_font_description._resume_builder_original = original
    line_break.get_font_description = get_font_description
