"""Stop WeasyPrint's per-text-layout leak of Pango attributes (issue 20: server memory).

Every text layout WeasyPrint makes (``weasyprint.text.line_break.Layout.setup``, a few
thousand per render of a résumé) whose style asks for OpenType features (every theme does:
``font-variant-ligatures: none``, ``font-kerning``) leaks native memory, about 100 KB per
render of the example profile, measured with heaptrack (``heaptrack_print --diff`` of 5 and
15 re-renders):

- ``font_config.font_features.setdefault(key, pango_attr_font_features_new(key))`` makes a
  new ``PangoAttribute`` on every call, and only the first is kept: the others are lost.
- The ``PangoAttrList`` made for it (``pango_attr_list_new``, one reference) is given to the
  layout (``pango_layout_set_attributes`` takes a reference of its own) and never
  unreferenced, so it outlives the layout, and with it the attribute it owns.

A long-running ``serve`` grew by that much per preview update. :func:`install` fixes both
from outside, changing nothing WeasyPrint computes: the font configuration's
``font_features`` becomes :class:`_NotKept`, whose ``setdefault`` returns the attribute just
made (each list then owns its own attribute, as ``pango_attr_list_insert`` requires), and
after ``Layout.setup`` the list's first reference is dropped, so the layout's unreference
frees list and attribute together. Same glyphs, same positions, same PDF bytes
(tests/render/test_pango_leaks.py).
"""

from __future__ import annotations

from typing import Any

__all__ = ["install", "leaky", "plug"]


class _NotKept(dict):
    """``font_features`` that keeps nothing: ``setdefault`` gives back the value passed."""

    def setdefault(self, key: Any, default: Any = None) -> Any:  # noqa: ARG002 - dict's signature
        return default


def plug(font_config: Any) -> Any:
    """``font_config`` (a WeasyPrint ``FontConfiguration``) with per-layout attributes; returns it."""
    font_config.font_features = _NotKept()
    return font_config


def leaky(setup: Any = None) -> bool:
    """True when WeasyPrint's ``Layout.setup`` (or ``setup``) is the leaking one described
    above: it fills the ``font_features`` cache with ``setdefault`` and never unreferences an
    attribute list. False for any other code (a WeasyPrint that fixed it), or no source."""
    import inspect

    if setup is None:
        from weasyprint.text import line_break

        setup = getattr(line_break.Layout.setup, "_resume_builder_original", line_break.Layout.setup)
    try:
        source = inspect.getsource(setup)
    except (OSError, TypeError):
        return False
    return "font_features.setdefault(" in source and "pango_attr_list_unref" not in source


def install() -> None:
    """Wrap ``Layout.setup`` (once; idempotent) to drop the attribute list's extra reference.

    Only layouts whose font configuration went through :func:`plug` are touched: with an
    ordinary configuration the attribute is shared between lists and must not be freed.
    Nothing is wrapped unless :func:`leaky` recognises WeasyPrint's code: an extra
    unreference in a WeasyPrint that releases the list itself would free it twice.
    """
    from weasyprint.text import line_break
    from weasyprint.text.ffi import ffi, pango

    original = line_break.Layout.setup
    if getattr(original, "_resume_builder_plugged", False) or not leaky(original):
        return

    def setup(self, style):
        original(self, style)
        if not isinstance(style.font_config.font_features, _NotKept):
            return
        # A layout fresh from pango_layout_new has no attributes but those setup gave it,
        # from a pango_attr_list_new reference nobody else will release.
        attributes = pango.pango_layout_get_attributes(self.layout)
        if attributes != ffi.NULL:
            pango.pango_attr_list_unref(attributes)

    setup._resume_builder_plugged = True
    setup._resume_builder_original = original
    line_break.Layout.setup = setup
