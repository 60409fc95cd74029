"""Stand-ins for the font subsetters, for tests about what a document says, not its fonts.

Subsetting the theme's fonts costs about 1.7 s of CPU for a self-contained HTML file (fontTools
and Brotli, WOFF2) and 0.5 s for a DOCX font table: most of an HTML render. A test that reads
a document's text, links or markup gets the same document with these stand-ins, except the
bytes of the embedded fonts: a WOFF2 signature (or, for DOCX, at least the 32 bytes its font
obfuscation works on) followed by the characters asked for. The real subsetting is tested in
tests/render/test_html_fonts.py, tests/render/test_docx_fonts.py and by the properties in
tests/properties/test_valid_profiles.py; outputs compared byte for byte across processes
(tests/test_reproducible.py) are never made with these.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator
from unittest import mock


def web_subset_stand_in(path: Path, chars: frozenset[str]) -> bytes:
    """Stands in for ``font_subset._subset``: a WOFF2 signature and the characters asked for."""
    return b"wOF2" + "".join(sorted(chars)).encode("utf-8")


def docx_subset_stand_in(path: Path, weight: int, width: float, family: str, bold: bool, italic: bool,
                         chars: frozenset[str]) -> bytes:
    """Stands in for ``docx_fonts._embeddable``: distinct bytes per face and characters."""
    return f"{path.name}|{weight}|{width}|{bold}|{italic}|".encode("utf-8").ljust(32, b"\0") + \
        "".join(sorted(chars)).encode("utf-8")


@contextmanager
def cheap_font_subsetting() -> Iterator[None]:
    with mock.patch("resume_builder.render.font_subset._subset", web_subset_stand_in), \
            mock.patch("resume_builder.render.docx_fonts._embeddable", docx_subset_stand_in):
        yield
