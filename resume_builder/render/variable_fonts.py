"""Static instances of variable fonts made by HarfBuzz while it subsets them (issue 20).

WeasyPrint embeds a variable font (the built-in themes' Noto faces) in two steps: HarfBuzz
subsets it to the glyphs drawn, then fontTools' instancer (``instantiateVariableFont``)
turns the subset into a static font at the face's location (weight, width, ...). The
instancer is pure Python and costs per glyph *slot* (subsets keep their glyph ids, so the
slots run up to the highest id drawn): from 0.05 s of CPU for a face that sets a few
headings to 0.65 s for one holding every character of the example, measured on the 2-core
development machine. It runs again for every face whose set of glyphs an edit changes, and on
every face of a first render: with it gone, a fresh render with an empty font cache went from
0.94 to 0.78 of issue 20's baseline (README, Speed).

HarfBuzz's subsetter pins axes itself (``hb_subset_input_pin_axis_location``, HarfBuzz 6.0
and later): subsetting and instancing are then one step of a few milliseconds. The glyphs are
the same: for every glyph of Noto Serif (3,830) and Noto Serif Italic, at weights 400, 600
and 700, HarfBuzz's outlines and advance widths equal fontTools' instancer's to the font
unit, and tests/render/test_variable_fonts.py checks that for every face the built-in themes
embed. The font's other tables (names, OS/2 averages) may differ in bytes from fontTools'
output; the PDF is the same for the same input either way, since only this path runs where it
is installed.

:func:`install` replaces ``weasyprint.pdf.fonts.Font.clean`` with :func:`_clean`, which does
WeasyPrint's own subsetting (the same glyphs kept, tables dropped and flags, read from its
70.0 source) with the axes pinned where WeasyPrint would have pinned them, and leaves every
other font, and every case it does not recognise, to WeasyPrint. It must be installed before
any other wrapper of ``Font.clean`` (render/cluster_text.py adds glyph clones to what this
returns); it installs only over WeasyPrint's own method, on a WeasyPrint whose ``clean`` and
``_harfbuzz_subset`` have the source this was written for (:data:`EXPECTED_SOURCES`), and
with a HarfBuzz that pins axes.
"""

from __future__ import annotations

import hashlib
import inspect
import io
from typing import Any

__all__ = ["EXPECTED_SOURCES", "install", "instancing_variations", "static_subset"]

#: BLAKE2b digests (16 bytes, hex) of the source of WeasyPrint's ``Font.clean`` and
#: ``Font._harfbuzz_subset``, by WeasyPrint version: :func:`_clean` repeats what they do.
EXPECTED_SOURCES = {
    "70.0": {"clean": "3e9b361fbb87b8c62753f42302af9d26", "_harfbuzz_subset": "33120216c1ed98f20cc6d43bd5e96fa2"},
}

# WeasyPrint 70.0's tables dropped from every subset (Font._harfbuzz_subset).
_DROPPED_TABLES = (b"BASE", b"DSIG", b"EBDT", b"EBLC", b"EBSC", b"GPOS", b"GSUB", b"JSTF", b"LTSH", b"PCLT", b"SVG ")

_PIN_DECLARATIONS = """
    hb_bool_t hb_subset_input_pin_axis_location (hb_subset_input_t *input, hb_face_t *face,
                                                 hb_tag_t axis_tag, float axis_value);
    hb_bool_t hb_subset_input_pin_axis_to_default (hb_subset_input_t *input, hb_face_t *face,
                                                   hb_tag_t axis_tag);
"""

_INSTALLED: bool | None = None
_WEASYPRINT_CLEAN: Any = None  # WeasyPrint's own Font.clean, once installed


def _digest(function: Any) -> str:
    return hashlib.blake2b(inspect.getsource(function).encode("utf-8"), digest_size=16).hexdigest()


def source_digests() -> dict[str, str]:
    """The digests of the installed WeasyPrint's methods, as in :data:`EXPECTED_SOURCES`
    (read before :func:`install` replaces ``clean``)."""
    from weasyprint.pdf import fonts

    return {"clean": _digest(fonts.Font.clean), "_harfbuzz_subset": _digest(fonts.Font._harfbuzz_subset)}


def _pins_axes() -> bool:
    """Whether the loaded HarfBuzz subsetter pins axes (declared once on WeasyPrint's FFI)."""
    from weasyprint.text.ffi import ffi, harfbuzz, harfbuzz_subset

    if harfbuzz_subset is None or not harfbuzz.hb_version_atleast(6, 0, 0):
        return False
    try:
        ffi.cdef(_PIN_DECLARATIONS, override=True)
        harfbuzz_subset.hb_subset_input_pin_axis_location  # noqa: B018 - raises when not exported
        harfbuzz_subset.hb_subset_input_pin_axis_to_default  # noqa: B018
    except Exception:  # noqa: BLE001 - not exported (AttributeError), cffi's CDefError, ...
        return False
    return True


def install() -> bool:
    """Replace WeasyPrint's ``Font.clean`` (once); False when this WeasyPrint or HarfBuzz is not
    one it was written for, or when ``Font.clean`` is already wrapped by something else."""
    global _INSTALLED
    if _INSTALLED is None:
        import weasyprint
        from weasyprint.pdf import fonts

        _INSTALLED = False
        original = fonts.Font.clean
        try:
            known = EXPECTED_SOURCES.get(weasyprint.__version__) == source_digests()
        except (OSError, TypeError):  # no source to read (a frozen build)
            known = False
        if known and original.__module__ == fonts.__name__ and _pins_axes():
            def clean(self, to_unicode, hinting):
                if not _clean(self, to_unicode, hinting):
                    original(self, to_unicode, hinting)

            global _WEASYPRINT_CLEAN
            _WEASYPRINT_CLEAN = clean._resume_builder_original = original
            fonts.Font.clean = clean
            _INSTALLED = True
    return _INSTALLED


def instancing_variations(font: Any, axes: dict[str, tuple[float, float, float]]) -> dict[str, float]:
    """The location WeasyPrint 70.0 instances ``font`` at: its variations, plus ``wght`` (the
    face's weight), ``opsz`` (its size in px), ``slnt`` and ``ital`` (from its style: 1 oblique,
    2 italic) where the font has the axis (``axes``: tag -> (minimum, default, maximum)) and
    the variations leave it out."""
    variations = dict(font.variations)
    if "wght" in axes and "wght" not in variations:
        variations["wght"] = font.weight
    if "opsz" in axes and "opsz" not in variations:
        variations["opsz"] = font.font_size
    if "slnt" in axes and "slnt" not in variations:
        slant = 0
        if font.style == 1:
            minimum, _default, maximum = axes["slnt"]
            slant = minimum if maximum == 0 else maximum
        variations["slnt"] = slant
    if "ital" in axes and "ital" not in variations:
        variations["ital"] = int(font.style == 2)
    return variations


def _axes(content: bytes, index: int) -> dict[str, tuple[float, float, float]] | None:
    from fontTools.ttLib import TTFont

    try:
        font = TTFont(io.BytesIO(content), fontNumber=index, lazy=True)
        return {axis.axisTag: (axis.minValue, axis.defaultValue, axis.maxValue) for axis in font["fvar"].axes}
    except Exception:  # noqa: BLE001 - any font fontTools cannot read goes to WeasyPrint
        return None


def _clean(font: Any, to_unicode: dict[int, str], hinting: bool) -> bool:
    """WeasyPrint's ``clean`` for a variable font with HarfBuzz pinning the axes; False (font
    untouched) for any other font or when HarfBuzz fails, to leave it to WeasyPrint."""
    if not to_unicode or "fvar" not in font.tables or font.png or font.svg or font.colr or font.bitmap:
        return False
    axes = getattr(font, "_resume_builder_axes", None)
    if axes is None:  # read from the face itself: a Font written again has cleaned bytes by then
        from weasyprint.text.fonts import get_hb_object_data

        axes = font._resume_builder_axes = _axes(get_hb_object_data(font.hb_face) or b"", font.index) or {}
    if not axes:
        return False
    variations = instancing_variations(font, axes)
    content = static_subset(font.hb_face, to_unicode, hinting=hinting, missing=bool(font.missing),
                            variations=variations, axes=axes)
    if content is None:
        return False
    font.variations = variations
    font.file_content = content
    return True


def static_subset(hb_face: Any, glyphs: Any, *, hinting: bool, missing: bool, variations: dict[str, float],
                  axes: Any) -> bytes | None:
    """The font bytes WeasyPrint 70.0's ``Font._harfbuzz_subset`` makes of ``hb_face`` (a
    HarfBuzz face on WeasyPrint's FFI) for the glyph ids ``glyphs``, with every axis in
    ``axes`` pinned: at ``variations[tag]`` when given, else at its default. None when
    HarfBuzz cannot subset the face.

    Two passes, as WeasyPrint: the glyphs kept at their ids, then the empty slots after the
    last one dropped (and hinting, unless ``hinting``).
    """
    from weasyprint.text.ffi import ffi, harfbuzz, harfbuzz_subset
    from weasyprint.text.fonts import get_hb_object_data

    hb = harfbuzz_subset
    kept = sorted(glyphs)
    flags = hb.HB_SUBSET_FLAGS_RETAIN_GIDS | hb.HB_SUBSET_FLAGS_PASSTHROUGH_UNRECOGNIZED | \
        hb.HB_SUBSET_FLAGS_DESUBROUTINIZE
    first = _subset_input(kept, flags | (hb.HB_SUBSET_FLAGS_NOTDEF_OUTLINE if missing else 0))
    if first is None:
        return None
    for tag in sorted(axes):
        code = harfbuzz.hb_tag_from_string(tag.encode("ascii"), -1)
        pinned = (hb.hb_subset_input_pin_axis_location(first, hb_face, code, float(variations[tag]))
                  if tag in variations else hb.hb_subset_input_pin_axis_to_default(first, hb_face, code))
        if not pinned:
            return None
    static = ffi.gc(hb.hb_subset_or_fail(hb_face, first), harfbuzz.hb_face_destroy)
    if static == ffi.NULL:
        return None

    # The second pass: every id up to the last glyph kept (the font is static by now).
    flags = hb.HB_SUBSET_FLAGS_PASSTHROUGH_UNRECOGNIZED | hb.HB_SUBSET_FLAGS_DESUBROUTINIZE
    if not hinting:
        flags |= hb.HB_SUBSET_FLAGS_NO_HINTING
    if missing:
        flags |= hb.HB_SUBSET_FLAGS_NOTDEF_OUTLINE
    second = _subset_input(range(kept[-1] + 1), flags)
    if second is None:
        return None
    final = ffi.gc(hb.hb_subset_or_fail(static, second), harfbuzz.hb_face_destroy)
    if final == ffi.NULL:
        return None
    return get_hb_object_data(final) or None


def _subset_input(glyphs: Any, flags: int) -> Any:
    """A HarfBuzz subset input keeping ``glyphs`` (ascending ids) with ``flags``, dropping
    :data:`_DROPPED_TABLES`; None when HarfBuzz cannot make one."""
    from weasyprint.text.ffi import ffi, harfbuzz, harfbuzz_subset

    hb = harfbuzz_subset
    subset_input = ffi.gc(hb.hb_subset_input_create_or_fail(), hb.hb_subset_input_destroy)
    if subset_input == ffi.NULL:
        return None
    kept = list(glyphs)
    harfbuzz.hb_set_add_sorted_array(hb.hb_subset_input_glyph_set(subset_input),
                                     ffi.new(f"hb_codepoint_t[{len(kept)}]", kept), len(kept))
    hb.hb_subset_input_set_flags(subset_input, flags)
    dropped = sorted(harfbuzz.hb_tag_from_string(name, -1) for name in _DROPPED_TABLES)
    harfbuzz.hb_set_add_sorted_array(hb.hb_subset_input_set(subset_input, hb.HB_SUBSET_SETS_DROP_TABLE_TAG),
                                     ffi.new(f"hb_codepoint_t[{len(dropped)}]", dropped), len(dropped))
    return subset_input
