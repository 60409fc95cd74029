"""A plain line's drawing recorded once and replayed in the next PDF (issue 20: warm re-render).

``weasyprint.draw.text.draw_first_line`` turns a laid-out line into PDF text operators by
walking Pango's glyphs in Python, glyph by glyph: about a tenth of a warm re-render of the
example résumé. After an edit most lines of the next PDF are drawn from the very same Pango
layout (render/draw_layouts.py keeps it, by style object, text and spacing), so they give
the same operators again, only at another position.

For a line render/cluster_text.py leaves to WeasyPrint (plain characters, see ``_PLAIN``
there), drawn from a kept layout, with no ellipsis, :func:`draw` records what drawing it did
to the document:

* the calls on the stream, in order: the text matrix (the line's position, taken anew on
  replay), the fonts (``add_font`` with Pango's font, which registers the font in the
  document), font sizes, text and rises;
* each glyph's ToUnicode text as this line maps it (WeasyPrint keeps the first text a glyph
  id gets in the document, so on replay a glyph already mapped keeps its text);
* each glyph's width as drawing used it: read from the font (set by an earlier line) or
  measured by this line (Pango's extents), since the kerning written depends on it.

The record is kept with the kept layout and replayed when the same layout is drawn again,
only if every width it used is still the font's (or, for one this line measured, not set
yet, so the line would measure the same): otherwise, and for any line drawing a missing
glyph (``.notdef``), bitmap, colour or emoji glyphs, WeasyPrint draws it. The PDF's bytes are
the same; tests/render/test_drawn_lines.py compares them with and without. It runs only
inside render/cluster_text.py's hook, which is installed only over the ``draw_first_line``
whose source it was written for (``cluster_text.EXPECTED_SOURCES``).
"""

from __future__ import annotations

from typing import Any, Callable

from resume_builder.render import draw_layouts

__all__ = ["draw"]

_RECORD = 3  # index of the record in a kept draw_layouts entry: [style, state, run, record]


class _Fonts:
    """What the line did to one font: its ToUnicode texts and the widths it used."""

    __slots__ = ("pango_font", "hash", "texts", "used", "measured")

    def __init__(self, pango_font: Any, font_hash: str) -> None:
        self.pango_font, self.hash = pango_font, font_hash
        self.texts: dict[int, str] = {}  # glyph id -> text, as this line maps it (first use in the line)
        self.used: dict[int, int] = {}  # glyph id -> width drawing used
        self.measured: set[int] = set()  # glyph ids whose width this line measured


class _ToUnicode:
    """A font's ToUnicode map as the recorded line sees it: every glyph new to the line (so
    its text is computed), the real map set only where WeasyPrint sets it (a glyph's first
    text in the document)."""

    __slots__ = ("real", "fonts")

    def __init__(self, real: dict, fonts: _Fonts) -> None:
        self.real, self.fonts = real, fonts

    def __contains__(self, glyph: int) -> bool:
        return glyph in self.fonts.texts

    def __setitem__(self, glyph: int, text: str) -> None:
        self.fonts.texts[glyph] = text
        if glyph not in self.real:
            self.real[glyph] = text


class _Widths:
    """A font's widths, read and written through, with what the line used."""

    __slots__ = ("real", "fonts")

    def __init__(self, real: dict, fonts: _Fonts) -> None:
        self.real, self.fonts = real, fonts

    def __contains__(self, glyph: int) -> bool:
        return glyph in self.real

    def __getitem__(self, glyph: int) -> int:
        width = self.real[glyph]
        self.fonts.used.setdefault(glyph, width)
        return width

    def __setitem__(self, glyph: int, width: int) -> None:
        self.real[glyph] = width
        self.fonts.used[glyph] = width
        self.fonts.measured.add(glyph)


class _Font:
    """A document font as the recorded line sees it: its maps recorded, the rest its own."""

    def __init__(self, font: Any, fonts: _Fonts, recorder: "_Recorder") -> None:
        self._font, self._recorder = font, recorder
        self.to_unicode = _ToUnicode(font.to_unicode, fonts)
        self.widths = _Widths(font.widths, fonts)

    def get_unused_glyph_id(self, codepoint: int) -> int:
        self._recorder.replayable = False  # a .notdef glyph, with its warning
        return self._font.get_unused_glyph_id(codepoint)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._font, name)


class _Recorder:
    """The stream as the recorded line sees it: calls go through and are recorded."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self.operations: list[tuple] = []
        self.fonts: list[_Fonts] = []
        self.replayable = True

    def set_text_matrix(self, *values: Any) -> None:
        self.operations.append(("matrix",))
        self._stream.set_text_matrix(*values)

    def add_font(self, pango_font: Any) -> tuple[Any, Any]:
        font, size = self._stream.add_font(pango_font)
        if font.bitmap or font.png or font.svg or font.colr:
            self.replayable = False  # bitmap, colour or emoji glyphs: drawn as WeasyPrint draws them
            return font, size
        fonts = _Fonts(pango_font, font.hash)
        self.fonts.append(fonts)
        return _Font(font, fonts, self), size

    def set_font_size(self, font: Any, size: Any) -> None:
        self.operations.append(("size", font, size))
        self._stream.set_font_size(font, size)

    def show_text(self, text: Any) -> None:
        self.operations.append(("show", text))
        self._stream.show_text(text)

    def set_text_rise(self, rise: Any) -> None:
        self.operations.append(("rise", rise))
        self._stream.set_text_rise(rise)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class _Record:
    __slots__ = ("layout", "operations", "fonts")

    def __init__(self, layout: Any, operations: list[tuple], fonts: list[_Fonts]) -> None:
        self.layout, self.operations, self.fonts = layout, operations, fonts


def _replay(record: _Record, stream: Any, matrix: Any) -> bool:
    """Draw ``record`` on ``stream`` at ``matrix``; False, with nothing drawn, where a width
    it used is not what the document's font gives now (set by another line, or not set and
    not measured by this one)."""
    fonts = []
    for kept in record.fonts:
        font, _size = stream.add_font(kept.pango_font)  # as drawing does: registers the font
        if font.hash != kept.hash:
            return False
        widths = font.widths
        for glyph, width in kept.used.items():
            have = widths.get(glyph)
            if (have is None and glyph not in kept.measured) or (have is not None and have != width):
                return False
        fonts.append(font)
    for kept, font in zip(record.fonts, fonts):
        for glyph in kept.measured:
            font.widths.setdefault(glyph, kept.used[glyph])
        for glyph, text in kept.texts.items():
            font.to_unicode.setdefault(glyph, text)
    for operation in record.operations:
        kind = operation[0]
        if kind == "show":
            stream.show_text(operation[1])
        elif kind == "size":
            stream.set_font_size(operation[1], operation[2])
        elif kind == "matrix":
            stream.set_text_matrix(*matrix.values)
        else:
            stream.set_text_rise(operation[1])
    return True


def draw(original: Callable[..., list], stream: Any, textbox: Any, text_overflow: str, block_ellipsis: str,
         matrix: Any) -> list:
    """Draw a plain line as ``original`` (WeasyPrint's ``draw_first_line``) would, replaying
    the record of its kept layout where there is one; returns the line's emoji images."""
    layout = textbox.pango_layout
    key = layout.__dict__.get("_resume_builder_kept")
    entry = draw_layouts.kept(key) if key is not None else None
    if entry is None or text_overflow == "ellipsis" or block_ellipsis != "none":
        return original(stream, textbox, text_overflow, block_ellipsis, matrix)
    record = entry[_RECORD] if len(entry) > _RECORD else None
    if record is not None and record.layout is layout.layout and _replay(record, stream, matrix):
        return []
    recorder = _Recorder(stream)
    emojis = original(recorder, textbox, text_overflow, block_ellipsis, matrix)
    if recorder.replayable and not emojis and recorder.operations:
        record = _Record(layout.layout, recorder.operations, recorder.fonts)
        if len(entry) > _RECORD:
            entry[_RECORD] = record
        else:
            entry.append(record)
    return emojis
