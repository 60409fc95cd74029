"""A PDF's text layer as it is drawn: each line's characters left to right (pdfminer.six),
for tests of right-to-left layout, where the reading order and the drawn order differ."""

from __future__ import annotations

import io


def drawn_pdf_lines(data: bytes) -> list[str]:
    """Each line of the PDF ``data``'s text layer as drawn, left to right."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTTextLine

    def lines(item):
        if isinstance(item, LTTextLine):
            yield item
        elif hasattr(item, "__iter__"):
            for child in item:
                yield from lines(child)

    return ["".join(c.get_text() for c in sorted((c for c in line if isinstance(c, LTChar)), key=lambda c: c.x0))
            for page in extract_pages(io.BytesIO(data)) for line in lines(page)]
