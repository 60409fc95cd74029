"""cluster_text reads a shaped run's glyphs in one copy of Pango's array (issue 20: warm
re-render): the ids and offsets are those read one field at a time through cffi."""

from __future__ import annotations

import pytest
from weasyprint import HTML
from weasyprint.text.ffi import ffi

from resume_builder.render import cluster_text

TEXT = ("Kubernetes &amp; ﬁne kerning AV Wa — शिक्षा वर्तमान कृष्ण — مرحبا بالعالم — "
        "தமிழ் கலைக்கோயில் — 日本語 — 🚀")


def test_the_fields_read_in_one_copy_are_the_fields_read_one_at_a_time(monkeypatch):
    if not cluster_text.install():
        pytest.skip("cluster_text is not installed on this WeasyPrint")
    seen = []
    fields = cluster_text._glyph_fields

    def checked(ffi_, glyphs, count):
        ids, x_offsets, y_offsets = fields(ffi_, glyphs, count)
        assert ids == [glyphs[i].glyph for i in range(count)]
        assert x_offsets == [glyphs[i].geometry.x_offset for i in range(count)]
        assert y_offsets == [glyphs[i].geometry.y_offset for i in range(count)]
        seen.append((count, any(x_offsets), any(y_offsets)))
        return ids, x_offsets, y_offsets

    monkeypatch.setattr(cluster_text, "_glyph_fields", checked)
    HTML(string=f"<p style='font-family: Noto Sans, Noto Sans Devanagari, Noto Sans Arabic, "
                f"Noto Sans Tamil, Noto Sans CJK SC, sans-serif'>{TEXT}</p>").write_pdf()
    assert cluster_text._FIELDS and cluster_text._FIELDS[0]  # the one-copy path, not the fallback
    assert len(seen) > 3 and any(x for _, x, _ in seen)  # several runs, some with marks moved back


def test_no_glyphs_reads_nothing():
    assert cluster_text._glyph_fields(ffi, ffi.NULL, 0) == ([], [], [])
