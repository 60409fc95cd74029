"""WeasyPrint's text layouts no longer leak Pango attributes (render/pango_leaks.py, issue 20).

Native memory is glibc's to count (``mallinfo2``: bytes in use in malloc's heap; Python's
small objects live in arenas of their own, outside it), so the leak test runs on glibc
only. The layout is the same either way: same PDF bytes from a plugged font configuration
as from WeasyPrint's own.
"""

from __future__ import annotations

import ctypes
import sys

import pytest
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

from resume_builder.render import pango_leaks

# Many lines of text in a style with OpenType features (as every theme's): many text layouts.
PAGE = ("<style>p { font-variant-ligatures: none; font-kerning: normal; }</style>"
        + "".join(f"<p>Paragraph {n}: deployed the platform to <b>production</b> twice a day.</p>"
                  for n in range(50)))


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in
                "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost".split()]


def _heap_in_use():
    """Bytes glibc's malloc has handed out and not had back (``mallinfo2().uordblks``)."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        function = libc.mallinfo2
    except (OSError, AttributeError):
        pytest.skip("needs glibc 2.33 or later (mallinfo2) to count native memory")
    function.restype = _MallInfo2
    return function().uordblks


def _growth_per_render(config) -> float:
    """Bytes of native heap kept per layout of PAGE with ``config``, after two warm-ups."""
    import gc

    def once():
        HTML(string=PAGE).render(font_config=config)
        gc.collect()

    once()
    once()
    before = _heap_in_use()
    for _ in range(6):
        once()
    return (_heap_in_use() - before) / 6


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="counts glibc's heap")
def test_a_plugged_font_configuration_keeps_no_memory_per_layout():
    pango_leaks.install()
    plugged = _growth_per_render(pango_leaks.plug(FontConfiguration()))
    assert plugged < 5_000, f"plugged: {plugged:.0f} B of native memory kept per layout"
    if not pango_leaks.leaky():
        return  # a WeasyPrint without the leak: nothing to compare with
    leaking = _growth_per_render(FontConfiguration())  # WeasyPrint's own: the leak, as a yardstick
    assert leaking > 15_000, f"WeasyPrint's own configuration kept only {leaking:.0f} B per layout"  # ~600 B a line
    assert plugged < leaking / 10, f"plugged: {plugged:.0f} B per layout, WeasyPrint's own: {leaking:.0f} B"


def test_only_the_leaking_code_is_recognised():
    def fixed(self, style, pango=None):  # never run: only its source is read
        attr = style.font_config.font_features.setdefault(b"kern", None)
        attr_list = pango.pango_attr_list_new()
        pango.pango_attr_list_insert(attr_list, attr)
        pango.pango_layout_set_attributes(self.layout, attr_list)
        pango.pango_attr_list_unref(attr_list)

    assert not pango_leaks.leaky(fixed)
    assert not pango_leaks.leaky(len)  # no source


def test_install_is_idempotent_and_keeps_the_original():
    from weasyprint.text import line_break

    pango_leaks.install()
    wrapped = line_break.Layout.setup
    pango_leaks.install()
    assert line_break.Layout.setup is wrapped
    assert not getattr(wrapped._resume_builder_original, "_resume_builder_plugged", False)


def test_a_plugged_configuration_writes_the_same_pdf(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    pango_leaks.install()
    plugged = pango_leaks.plug(FontConfiguration())
    first = HTML(string=PAGE).render(font_config=plugged).write_pdf()
    again = HTML(string=PAGE).render(font_config=plugged).write_pdf()  # attributes made afresh each time
    own = HTML(string=PAGE).render(font_config=FontConfiguration()).write_pdf()
    assert first == again == own
    assert len(plugged.font_features) == 0  # nothing kept
