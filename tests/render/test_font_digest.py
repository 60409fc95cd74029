"""Font digests remembered between renders (render/pdf.py, issue 20) are exact.

The digest names a font's subset in the in-process and on-disk font caches, so two fonts
must never share one: a digest is reused only for equal bytes, never for equal lengths.
"""

from __future__ import annotations

import hashlib

from resume_builder.render import pdf


def _blake2b(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=20).digest()


def test_equal_bytes_reuse_the_digest_and_other_bytes_of_the_same_length_do_not():
    pdf._DIGESTS.clear()
    font = bytes(range(256)) * 64
    again = bytes(bytearray(font))  # equal bytes, another object (as WeasyPrint reads them each time)
    other = font[:-1] + b"\x00"  # same length, one byte different
    assert pdf._font_digest(font) == _blake2b(font)
    assert pdf._font_digest(again) == _blake2b(font)
    assert pdf._font_digest(other) == _blake2b(other) != _blake2b(font)
    assert pdf._font_digest(font) == _blake2b(font)


def test_at_most_sixteen_fonts_are_remembered():
    pdf._DIGESTS.clear()
    for size in range(1, 40):
        assert pdf._font_digest(b"x" * size) == _blake2b(b"x" * size)
    assert len(pdf._DIGESTS) == 16
