"""One line of a résumé as the importer reads it (:class:`Line`), whichever format it came from.

A line knows its text (and the segments a layout set apart on its row: a tab, a wide gap, a
table cell), how it looks (size, weight, slant, capitals, DOCX style), whether it is a list
item and how deep, and where it came from (page, page header). Lines are numbered in
reading order; the ``# check: guessed from line N`` comments name these numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

BULLETS = "•◦▪▫‣⁃●○■□➢➤►▶✓✔-–—*·"
#: Word's default bullets come from the Symbol and Wingdings fonts, whose glyphs extract as
#: private-use code points (U+F0B7, U+F0A7, …): any private-use character counts as a bullet.
_BULLET_RE = re.compile(rf"^\s*[{re.escape(BULLETS)}\ue000-\uf8ff]\s*(?=\S)")
PAGE_NUMBER = re.compile(r"^\s*(?:(?:page|seite|página|pagina)\s*)?\d{1,3}\s*(?:(?:/|of|von|de|sur)\s*\d{1,3})?\s*$",
                          re.IGNORECASE)


@dataclass
class Line:
    """One line of the document as the importer reads it."""

    number: int  # 1-based, in reading order (what ``# check: guessed from line N`` names)
    text: str
    segments: list[str] = field(default_factory=list)  # pieces set apart on the row (tab, wide gap, table cell)
    size: float = 0.0  # font size of most of its letters, in pt (0: unknown)
    bold: bool = False
    italic: bool = False
    caps: bool = False  # all its letters upper case
    bullet: bool = False  # a list item (bullet glyph or a list style)
    level: int = 0  # 0 for the outer level; more for indented lines and sub-bullets
    x0: float = 0.0  # left edge from the page's text margin, in pt (PDF)
    x1: float = 0.0  # right edge, the same way
    style: str = ""  # DOCX paragraph style name
    heading_level: int = 0  # DOCX Heading N / Title (0: none)
    zone: str = "body"  # "body", "header" (page header/footer) or "table"
    gap: float = 0.0  # vertical space above, in pt (PDF)
    page: int = 1
    lead: str = ""  # a bold run-in title starting a line that is not bold as a whole
    seg_x0: list[float] = field(default_factory=list)  # left edge of each segment (PDF)
    seg_x1: list[float] = field(default_factory=list)  # right edge of each segment (PDF)
    seg_sizes: list[float] = field(default_factory=list)  # font size of each segment

    @property
    def look(self) -> tuple:
        """What sets headings and titles apart: style, size, weight, slant, case."""
        return (self.style, round(self.size * 2) / 2, self.bold, self.italic, self.caps)


def strip_bullet(text: str) -> tuple[str, bool]:
    match = _BULLET_RE.match(text)
    if match and text[match.end() - 1:match.end()] not in BULLETS and not text[:match.end()].strip() \
            .startswith(tuple(chr(c) for c in range(0xE000, 0xF900))) and not text[match.end() - 1].isspace():
        match = None  # "-5%" or "*nix": a sign, not a bullet
    if match and len(text) > match.end():
        return text[match.end():].strip(), True
    return text.strip(), False


def _caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 3 and all(ch.isupper() for ch in letters if ch.upper() != ch.lower())


def numbered(lines: list[Line]) -> list[Line]:
    for number, line in enumerate(lines, start=1):
        line.number = number
        line.caps = _caps(line.text)
    return lines
