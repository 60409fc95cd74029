"""Text shaped for drawing kept from one PDF to the next (issue 20: warm re-render).

WeasyPrint shapes every line of text twice: while laying it out, and again while drawing it,
because drawing (``weasyprint.draw.text.draw_text``) first makes the line's Pango layout anew
(``Layout.reactivate``: a new Pango context and layout, the text set again with the
justification's word spacing) and throws it away after (``Layout.deactivate``). After an edit
of the profile nearly every line of the next PDF is drawn from the same text in the same
style object (render/style_reuse.py keeps the styles, and with them the anonymous styles of
the text), yet each was made and shaped again: about a tenth of a warm re-render.

While :func:`drawing` is active, ``Layout.reactivate`` keeps what it made, keyed by the style
object (held by the entry, so its id is never another's), the text and the justification
spacing, which are all that ``reactivate`` reads, and gives a later reactivation with the
same key the kept Pango layout and the attributes ``reactivate`` sets. Drawing asks the layout
for its first line in single-paragraph mode, which Pango computes once and keeps: a kept
layout gives the very same line, glyphs and positions. Drawing changes a layout only to
ellipsize it (``text-overflow: ellipsis``, ``block-ellipsis``: a width, an ellipsis mode or a
shortened text); :func:`install`'s ``deactivate`` checks each kept layout after its drawing
and drops any that is no longer as ``reactivate`` made it. Entries not used while drawing the
last two PDFs are dropped.

tests/render/test_draw_layouts.py checks the PDFs are byte-identical with and without it.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator

from resume_builder.render.runs import Runs

__all__ = ["drawing", "install", "clear", "kept"]

_RUNS = Runs()  # a run: the drawing of one PDF
# (id(style), text, justification spacing) -> [style, state, number of the run that last used it]
_KEPT: dict[tuple, list] = {}
# What Layout.setup and set_text set, by whether the style decorates text (setup sets the
# underline and strike-through thicknesses only then).
_PLAIN = ("layout", "language", "text", "first_line_direction", "ascent", "underline_position",
          "strikethrough_position")
_DECORATED = (*_PLAIN, "underline_thickness", "strikethrough_thickness")
_getters: Any = None


def clear() -> None:
    """Forget every kept layout."""
    with _RUNS.lock:
        _KEPT.clear()


def kept(key: tuple) -> list | None:
    """The kept entry of ``key`` (``[style, state, run, ...]``: render/drawn_lines.py appends
    a line's drawing) while a drawing runs in this thread, else None."""
    return _KEPT.get(key) if _RUNS.here() else None


def _pango_getters() -> Any:
    """``pango_layout_get_width`` and ``pango_layout_get_ellipsize`` (WeasyPrint's bindings
    declare only their setters), or False where Pango cannot be opened again."""
    global _getters
    if _getters is None:
        from cffi import FFI

        ffi = FFI()
        ffi.cdef("int pango_layout_get_width (void *layout); int pango_layout_get_ellipsize (void *layout);")
        _getters = False
        for name in ("libpango-1.0.so.0", "libpango-1.0.dylib", "libpango-1.0-0.dll", "libpango-1.0-0"):
            try:
                _getters = (ffi, ffi.dlopen(name))
                break
            except OSError:
                continue
    return _getters


def _as_made(layout: Any, text: str) -> bool:
    """Whether ``layout`` is still as ``reactivate`` made it: its text, no width, no ellipsis."""
    from weasyprint.text.ffi import ffi

    getters = _pango_getters()
    if not getters or layout.text != text:
        return False
    own, pango = getters
    pointer = own.cast("void *", int(ffi.cast("uintptr_t", layout.layout)))
    return pango.pango_layout_get_width(pointer) == -1 and pango.pango_layout_get_ellipsize(pointer) == 0


def install() -> None:
    """Wrap ``weasyprint.text.line_break.Layout.reactivate`` and ``deactivate`` (once)."""
    from weasyprint.text.line_break import Layout

    original_reactivate, original_deactivate = Layout.reactivate, Layout.deactivate
    if getattr(original_reactivate, "_resume_builder_original", None) is not None:
        return

    def reactivate(self, style):
        if not _RUNS.here() or not _pango_getters():
            return original_reactivate(self, style)
        key = (id(style), self.text, self.justification_spacing)
        entry = _KEPT.get(key)
        if entry is not None and entry[0] is style:
            entry[2] = _RUNS.number
            for name, value in entry[1].items():
                setattr(self, name, value)
            self.style = style
            self._resume_builder_kept = key
            return None
        result = original_reactivate(self, style)
        names = _DECORATED if style["text_decoration_line"] != "none" else _PLAIN
        _KEPT[key] = [style, {name: getattr(self, name) for name in names}, _RUNS.number]
        self._resume_builder_kept = key
        return result

    def deactivate(self):
        key = self.__dict__.pop("_resume_builder_kept", None)
        if key is not None:
            entry = _KEPT.get(key)
            if entry is not None and entry[1]["layout"] is self.layout and not _as_made(self, entry[1]["text"]):
                del _KEPT[key]  # ellipsized while drawn: not what reactivate makes
        return original_deactivate(self)

    reactivate._resume_builder_original = original_reactivate
    deactivate._resume_builder_original = original_deactivate
    Layout.reactivate, Layout.deactivate = reactivate, deactivate


@contextmanager
def drawing() -> Iterator[None]:
    """Use and keep layouts while the block (the drawing of one PDF) runs in this thread."""
    install()
    with _RUNS.run(_KEPT, lambda entry: entry[2]):  # after a failure none (a layout may be half drawn)
        yield
