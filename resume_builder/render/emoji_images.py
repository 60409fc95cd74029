"""Colour emoji images made once per glyph picture, not once per use (issue 20: warm re-render).

WeasyPrint draws a glyph of a bitmap colour font (Noto Color Emoji: a PNG per glyph, CBDT) as
an image: for every emoji drawn, ``weasyprint.draw.text.draw_first_line`` opens the glyph's
PNG and makes a ``RasterImage`` of it, which converts its pixels and compresses them into a
new PNG, and writing the PDF compresses them once more (colour and alpha apart) to make the
image object. For the example résumé's five emoji that was about a twentieth of a warm
re-render, all of it spent making the same bytes again.

:func:`install` gives ``draw_first_line`` a ``RasterImage`` maker that keeps the images it
made by the glyph's image id (the font's hash and the glyph id, WeasyPrint's own id for the
image) and the glyph's exact PNG bytes, and gives each kept image a ``get_x_object`` that
computes the PDF image object once per (interpolation, resolution ratio) and then returns a
fresh copy of it (WeasyPrint numbers and edits the object it is given while writing, so one
object never serves two PDFs). What the image depends on is only those inputs: the options
WeasyPrint passes here are its defaults, never the document's. Bounded: the last 64 images.

tests/render/test_emoji_images.py checks the PDFs are byte-identical with and without it.
"""

from __future__ import annotations

from typing import Any

from resume_builder.render.recent import Recent

__all__ = ["install", "clear"]

_IMAGES: Recent[Any] = Recent(64)


def clear() -> None:
    """Forget the kept images."""
    _IMAGES.clear()


def _copy(value: Any) -> Any:
    """A copy of a PDF object tree (streams, dictionaries, arrays) sharing only immutable leaves."""
    import pydyf

    if isinstance(value, pydyf.Stream):
        return pydyf.Stream(list(value.stream), _copy(value.extra), value.compress)
    if isinstance(value, pydyf.Dictionary):
        return pydyf.Dictionary({key: _copy(item) for key, item in value.items()})
    if isinstance(value, pydyf.Array):
        return pydyf.Array(_copy(item) for item in value)
    return value


def _remembering(image: Any) -> Any:
    """``image`` with a ``get_x_object`` computed once per arguments and then copied."""
    original = image.get_x_object
    made: dict[tuple, Any] = {}

    def get_x_object(interpolate, dpi_ratio):
        key = (interpolate, dpi_ratio)
        if key not in made:
            x_object = original(interpolate, dpi_ratio)
            made[key] = _copy(x_object)  # untouched by the writer, which edits the one it is given
            return x_object
        return _copy(made[key])

    image.get_x_object = get_x_object
    return image


def install() -> None:
    """Replace ``RasterImage`` in ``weasyprint.draw.text`` (the emoji drawing only; once)."""
    from weasyprint.draw import text

    original = text.RasterImage
    if getattr(original, "_resume_builder_original", None) is not None:
        return

    def raster_image(pillow_image, image_id, image_data=None, *args, **kwargs):
        if args or kwargs or not isinstance(image_data, bytes) or not isinstance(image_id, str):
            return original(pillow_image, image_id, image_data, *args, **kwargs)
        return _IMAGES.get_or_make((image_id, image_data),
                                   lambda: _remembering(original(pillow_image, image_id, image_data)))

    raster_image._resume_builder_original = original
    text.RasterImage = raster_image
