"""How many lines a paragraph of the DOCX takes: its text measured with the theme's font files.

For the masthead beside a photo (:meth:`resume_builder.render.docx.writer.Writer.masthead`):
the PDF's masthead is at least as tall as the photo (base.css.j2: ``min-height: 22mm``), and a
word processor has no such thing (LibreOffice 7 ignores a clearing break, ``w:br w:clear``), so
the DOCX adds the difference below the masthead's text, and needs that text's height: its
lines times their exact heights. Lines are broken as Word breaks them, greedily at spaces;
advances are the font's at the face's weight and width (a variable font's ``wdth`` and
``wght`` axes), without kerning (our styles turn none on). A character the face lacks (an
emoji, a CJK ideograph) counts one em.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from resume_builder.theming import Theme


@dataclass(frozen=True)
class Piece:
    """Text in one face and size: ``family`` is Word's name of it (FontFace.word_family)."""

    text: str
    family: str
    size: float
    bold: bool = False
    italic: bool = False
    tracking: float = 0.0  # letter spacing in points (w:spacing of the run)


@lru_cache(maxsize=16)
def _advances(path: Path, weight: int, width: float) -> tuple[dict[int, float], float] | None:
    """{code point: advance in ems} of the font file at the face's location, or None unreadable."""
    from fontTools.ttLib import TTFont

    try:
        font = TTFont(str(path), lazy=True, fontNumber=0)
        units = font["head"].unitsPerEm
        cmap = font.getBestCmap() or {}
        location = {}
        if "fvar" in font:
            axes = {axis.axisTag for axis in font["fvar"].axes}
            location = {tag: value for tag, value in (("wght", weight), ("wdth", width)) if tag in axes}
        glyphs = font.getGlyphSet(location=location or None)
        return {code: glyphs[name].width / units for code, name in cmap.items() if name in glyphs}, units
    except Exception:  # a theme's damaged or foreign file: the text is not measured
        return None


def _face_advances(theme: Theme, piece: Piece) -> dict[int, float] | None:
    try:
        faces = theme.font_faces()
    except Exception:
        return None
    weight, style = (700 if piece.bold else 400), ("italic" if piece.italic else "normal")
    face = next((f for f in faces if f.word_family == piece.family and f.weight == weight and f.style == style),
                None) or next((f for f in faces if f.word_family == piece.family and f.weight == 400), None)
    if face is None:
        return None
    found = _advances(face.path, face.weight, face.width)
    return found[0] if found else None


def _widths(theme: Theme, piece: Piece) -> list[float]:
    """Each character's advance in points (plus the run's letter spacing)."""
    from resume_builder.render.docx.parts import half_points

    size = half_points(piece.size) / 2  # the size Word sets
    advances = _face_advances(theme, piece)
    if advances is None:
        return [size * 0.5 + piece.tracking for _ in piece.text]  # no font file: half an em a letter
    return [advances.get(ord(char), 1.0) * size + piece.tracking for char in piece.text]


def line_count(theme: Theme, pieces: list[Piece], width: float) -> int:
    """The lines ``pieces`` (one paragraph's runs, in order) take in ``width`` points, breaking
    greedily at spaces (a space at a line's end takes no room); a word wider than the line is
    broken anywhere."""
    chars: list[tuple[str, float]] = []
    for piece in pieces:
        chars.extend(zip(piece.text, _widths(theme, piece)))
    lines, line, space, word = 1, 0.0, 0.0, 0.0

    def commit() -> None:
        nonlocal lines, line, space, word
        if line and line + space + word > width:
            lines, line = lines + 1, 0.0
        line = line + space + word if line else word
        while line > width:
            lines, line = lines + 1, line - width
        space = word = 0.0

    for char, advance in chars:
        if char == " ":
            if word:
                commit()
            if line:
                space += advance
        else:
            word += advance
    if word:
        commit()
    return lines
