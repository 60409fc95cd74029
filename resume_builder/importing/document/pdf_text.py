"""A PDF's lines in reading order with their looks: pdfminer.six's layout analysis.

Lines on one baseline are joined into one row (a date set at the right margin stays on the
row of its job title, as a separate segment). A page whose text falls into two columns (a
sidebar) is read column by column, left first, between the lines that span both; a layout
where the left column's lines sit on the right column's baselines (dates on the left) is a
grid and is read row by row. A bullet glyph drawn apart (Word's come from symbol fonts) is
joined to its text. Lines that wrap one paragraph or bullet are joined back. Page numbers,
and header/footer lines repeated on every page, are dropped after their first appearance.
A right-to-left PDF (its ``/Lang``, else its letters) is read back in logical order.
"""

from __future__ import annotations

import re
from collections import Counter
import dataclasses
from dataclasses import dataclass
from pathlib import Path

from resume_builder.importing.document.lines import BULLETS, PAGE_NUMBER, Line, numbered, strip_bullet



@dataclass
class _Piece:
    page: int
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    italic: bool
    lead: str = ""
    clusters: tuple[str, ...] = ()  # the glyphs' texts, left to right as drawn
    drawn: str = ""  # on a right-to-left page: the text as drawn, before reading order


def _font_flags(name: str) -> tuple[bool, bool]:
    base = name.split("+")[-1].casefold()
    bold = any(word in base for word in ("bold", "black", "heavy", "semibold", "demi", "-sb", ",b"))
    italic = any(word in base for word in ("italic", "oblique", "-it", ",i"))
    return bold, italic


def _pdf_pieces(path: Path) -> tuple[list[_Piece], dict[int, tuple[float, float]]]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTChar, LTTextLineHorizontal

    from resume_builder.limits import MAX_IMPORT_PAGES

    pieces: list[_Piece] = []
    sizes: dict[int, tuple[float, float]] = {}
    for number, page in enumerate(extract_pages(str(path), laparams=LAParams(), maxpages=MAX_IMPORT_PAGES),
                                  start=1):
        sizes[number] = (page.width, page.height)
        stack = list(page)
        while stack:
            item = stack.pop()
            if isinstance(item, LTTextLineHorizontal):
                text = " ".join(item.get_text().split())
                if not text:
                    continue
                fonts: Counter = Counter()
                for char in item:
                    if isinstance(char, LTChar) and char.get_text().strip():
                        fonts[(char.fontname, round(char.size, 1))] += 1
                (font, size), _ = fonts.most_common(1)[0] if fonts else (("", 0.0), 0)
                bold, italic = _font_flags(font)
                pieces.append(_Piece(number, text, item.x0, item.x1, page.height - item.y1,
                                     page.height - item.y0, size, bold, italic,
                                     "" if bold else _bold_lead(item, LTChar),
                                     tuple(child.get_text() for child in item)))
            elif hasattr(item, "__iter__"):
                stack.extend(item)
    return pieces, sizes


def _bold_lead(line, char_type) -> str:
    """The bold letters a line starts with (a run-in title), when at least three."""
    lead: list[str] = []
    for char in line:
        text = char.get_text()
        if isinstance(char, char_type) and any(ch.isalnum() for ch in text):  # emoji come from other fonts
            if not _font_flags(char.fontname)[0]:
                break
        lead.append(text)
    joined = " ".join("".join(lead).split())
    return joined if sum(ch.isalnum() for ch in joined) >= 3 else ""


def _same_row(a: _Piece, b: _Piece) -> bool:
    centre_a, centre_b = (a.top + a.bottom) / 2, (b.top + b.bottom) / 2
    return a.page == b.page and abs(centre_a - centre_b) <= min(a.bottom - a.top, b.bottom - b.top) / 2


def _gutter(pieces: list[_Piece], width: float) -> float | None:
    """The x of a vertical gap that splits a page's text into two columns, if there is one."""
    if len(pieces) < 12:
        return None
    left_edge = min(p.x0 for p in pieces)
    right_edge = max(p.x1 for p in pieces)
    span = right_edge - left_edge
    best: tuple[int, float] | None = None
    x = left_edge + 0.15 * span
    while x < left_edge + 0.85 * span:
        crossing = sum(1 for p in pieces if p.x0 < x < p.x1)
        left = [p for p in pieces if p.x1 <= x]
        right = [p for p in pieces if p.x0 >= x]
        if len(left) >= 4 and len(right) >= 4 and (best is None or crossing < best[0]):
            best = (crossing, x)
        x += 2.0
    if best is None or best[0] > max(2, 0.08 * len(pieces)):
        return None
    x = best[1]
    left = [p for p in pieces if p.x1 <= x]
    right = [p for p in pieces if p.x0 >= x]
    # A grid (dates on the left of each job) shares its rows: read it row by row instead.
    shared = sum(1 for p in left if any(_same_row(p, q) for q in right))
    if shared >= 0.5 * len(left):
        return None
    height = lambda items: max(p.bottom for p in items) - min(p.top for p in items)  # noqa: E731
    if min(height(left), height(right)) < 0.25 * (max(p.bottom for p in pieces) - min(p.top for p in pieces)):
        return None
    return x


def _lone_bullet(piece: _Piece) -> bool:
    text = piece.text.strip()
    return len(text) == 1 and (text in BULLETS or 0xE000 <= ord(text) < 0xF900)


def _attach_bullets(pieces: list[_Piece]) -> list[_Piece]:
    """A bullet glyph drawn on its own (often from a symbol font with a taller box) joined to the
    text it marks: the nearest piece to its right whose middle lies within the glyph's height."""
    out = [p for p in pieces if not _lone_bullet(p)]
    for bullet in (p for p in pieces if _lone_bullet(p)):
        centre = (bullet.top + bullet.bottom) / 2
        near = [p for p in out if p.page == bullet.page and 0 <= p.x0 - bullet.x1 < 40
                and p.top - 2 <= centre <= p.bottom + 2]
        if not near:
            out.append(bullet)
            continue
        target = min(near, key=lambda p: (abs((p.top + p.bottom) / 2 - centre), p.x0))
        target.text = "• " + target.text
        target.x0 = bullet.x0
    return out


def _ordered(pieces: list[_Piece], sizes: dict[int, tuple[float, float]]) -> list[list[_Piece]]:
    """Pieces grouped into rows in reading order (columns read one after the other)."""
    rows: list[list[_Piece]] = []
    pieces = _attach_bullets(pieces)
    for page in sorted(sizes):
        on_page = sorted((p for p in pieces if p.page == page), key=lambda p: (p.top, p.x0))
        gutter = _gutter(on_page, sizes[page][0])
        blocks: list[list[_Piece]] = []
        if gutter is None:
            blocks.append(on_page)
        else:
            band: list[_Piece] = []
            for piece in on_page:
                if piece.x0 < gutter < piece.x1:  # spans both columns: closes the band above
                    blocks.extend(_split_band(band, gutter))
                    blocks.append([piece])
                    band = []
                else:
                    band.append(piece)
            blocks.extend(_split_band(band, gutter))
        for block in blocks:
            page_rows: list[list[_Piece]] = []
            for piece in sorted(block, key=lambda p: (p.top, p.x0)):
                if page_rows and _same_row(max(page_rows[-1], key=lambda p: len(p.text)), piece):
                    page_rows[-1].append(piece)
                else:
                    page_rows.append([piece])
            rows.extend(sorted(row, key=lambda p: p.x0) for row in page_rows)
    return rows


def _split_band(band: list[_Piece], gutter: float) -> list[list[_Piece]]:
    left = [p for p in band if p.x1 <= gutter]
    right = [p for p in band if p.x1 > gutter]
    return [part for part in (left, right) if part]


def _drop_running(rows: list[list[_Piece]], sizes: dict[int, tuple[float, float]]) -> list[list[_Piece]]:
    """Page numbers go; a header or footer row repeated on several pages stays once."""
    seen: set[str] = set()
    out = []
    for row in rows:
        page_height = sizes[row[0].page][1]
        text = " ".join(p.text for p in row)
        edge = row[0].bottom <= 0.1 * page_height or row[0].top >= 0.9 * page_height
        if edge and PAGE_NUMBER.match(text):
            continue
        if edge:
            key = re.sub(r"\d+", "#", text.casefold())
            if key in seen:
                continue
            seen.add(key)
        out.append(row)
    return out


def _right_to_left(path: Path, pieces: list[_Piece]) -> bool:
    """Whether the PDF is written right to left: its catalog's /Lang says so (CLDR), or, with
    no language, right-to-left letters outnumber left-to-right ones (as ``check`` decides)."""
    from pypdf import PdfReader

    from resume_builder.bidi import mostly_rtl
    from resume_builder.checking.extract import _right_to_left_language

    try:
        language = PdfReader(str(path)).trailer["/Root"].get_object().get("/Lang")
        language = str(language.get_object()) if language is not None else None
    except Exception:  # noqa: BLE001 - no catalog language: judge by the letters
        language = None
    rtl = _right_to_left_language(language)
    return mostly_rtl([p.text for p in pieces]) if rtl is None else rtl


def _pdf_lines(path: Path) -> list[Line]:
    pieces, sizes = _pdf_pieces(path)
    rtl = _right_to_left(path, pieces)
    left_margin = min((p.x0 for p in pieces), default=0.0)
    from resume_builder.bidi import read_back

    # A PDF stores glyphs left to right as drawn: put each piece back in reading order (the
    # right-to-left words of a left-to-right page too), and on a right-to-left page read the
    # pieces of a row (and the columns of a page) from the right.
    for piece in pieces:
        if rtl:
            piece.drawn = piece.text
            piece.x0, piece.x1 = -piece.x1, -piece.x0
        piece.text = read_back(piece.text, piece.clusters, rtl_page=rtl)
    rows = _drop_running(_ordered(pieces, sizes), sizes)
    margin = min((p.x0 for p in pieces), default=0.0)
    lines: list[Line] = []
    previous: _Piece | None = None
    for row in rows:
        origin = margin
        if rtl and _set_left_to_right(row, left_margin):
            # A left-to-right paragraph of a right-to-left document (an English bullet in an
            # Arabic résumé, set dir="ltr"): read in the drawn order, its indent from the left.
            row = sorted((dataclasses.replace(p, x0=-p.x1, x1=-p.x0, text=p.drawn or p.text) for p in row),
                         key=lambda p: p.x0)
            origin = left_margin
        row = _close_pieces(row)
        first = row[0]
        text = " ".join(p.text for p in row)
        body, bullet = strip_bullet(text)
        segments = [strip_bullet(p.text)[0] if i == 0 else p.text for i, p in enumerate(row)]
        gap = (first.top - previous.bottom) if previous is not None and previous.page == first.page else 99.0
        main = max(row, key=lambda p: len(p.text))
        lines.append(Line(0, body, segments, main.size, main.bold, main.italic, bullet=bullet,
                          x0=first.x0 - origin, gap=gap, page=first.page,
                          lead=strip_bullet(first.lead)[0] if first.lead and not bullet else "",
                          seg_x0=[p.x0 - origin for p in row], seg_x1=[p.x1 - origin for p in row],
                          seg_sizes=[p.size for p in row]))
        lines[-1].x1 = max(p.x1 for p in row) - origin
        previous = max(row, key=lambda p: p.bottom)
    return _join_wrapped(lines)


def _set_left_to_right(row: list[_Piece], left_margin: float) -> bool:
    """Whether a row of a right-to-left page (its pieces' x mirrored) was set left to right:
    letters, none right to left, and drawn from the page's left edge (within 4 em, room for a
    bullet and a sub-bullet). Right-aligned English in a right-to-left heading does not start there."""
    from resume_builder.bidi import left_to_right_only

    if not all(left_to_right_only(p.text) or not any(c.isalpha() for c in p.text) for p in row) or \
            not any(c.isalpha() for p in row for c in p.text):
        return False
    size = max((p.size for p in row), default=10.0) or 10.0
    return min(-p.x1 for p in row) - left_margin < 4 * size


def _close_pieces(row: list[_Piece]) -> list[_Piece]:
    """Pieces of a row closer than a wide gap (1.5 em) joined: segments are what a layout sets apart."""
    out: list[_Piece] = []
    for piece in row:
        last = out[-1] if out else None
        lone_bullet = last is not None and len(last.text) == 1 and last.text in BULLETS
        if last is not None and (piece.x0 - last.x1 < 1.5 * max(last.size, piece.size, 1.0) or lone_bullet):
            main = last if len(last.text) >= len(piece.text) else piece
            touching = piece.x0 - last.x1 < 0.1 * max(last.size, piece.size, 1.0)
            joiner = "" if touching and not lone_bullet and (piece.text[:1] in ".,;:!?)%" or last.text[-1:] in "(/") \
                else " "
            out[-1] = _Piece(last.page, f"{last.text}{joiner}{piece.text}", last.x0, piece.x1, min(last.top, piece.top),
                             max(last.bottom, piece.bottom), main.size, main.bold, main.italic,
                             last.lead or (last.text if last.bold and not piece.bold else ""))
        else:
            out.append(piece)
    return out


def _join_wrapped(lines: list[Line]) -> list[Line]:
    """Lines that wrap one paragraph (or one bullet, or one table cell) joined back into one.

    A line continues the one above when nothing sets it apart (same font, size, weight and
    slant, less than 0.6 em of space between, not a bullet; a tall glyph such as an emoji
    may make the two overlap a little) and either the line above runs
    to its column's right edge (the widest line starting at the same left edge on the page)
    or it hangs under the text of the bullet above.
    """
    if not lines:
        return lines
    edges: dict[tuple[int, int], list[float]] = {}
    for line in lines:
        for x0 in line.seg_x0 or [line.x0]:
            edges.setdefault((line.page, round(x0 / 4)), []).append(line.x1)
    # The column's right edge: most lines starting there end near it (a full-width title or
    # contact line above two columns does not move it).
    right = {key: sorted(values)[int(0.75 * (len(values) - 1))] for key, values in edges.items()}
    out: list[Line] = []
    bullet_x: float | None = None
    for line in lines:
        last = out[-1] if out else None
        if line.bullet:
            bullet_x = line.x0
        if last is not None and not line.bullet and not line.lead and len(line.segments) == 1 \
                and last.page == line.page and -0.3 * line.size <= line.gap < 0.6 * max(line.size, 1.0) \
                and abs(last.size - line.size) < 0.3 and last.bold == line.bold and last.italic == line.italic:
            # The segment of the row above this line continues (the last one, or a table cell's
            # label that wrapped under itself).
            starts = last.seg_x0 or [last.x0]
            ends = last.seg_x1 if len(last.seg_x1) == len(starts) else [last.x1] * len(starts)
            k = next((i for i in range(len(starts) - 1, -1, -1) if abs(line.x0 - starts[i]) < 3), len(starts) - 1)
            column_right = right.get((last.page, round(starts[k] / 4)), ends[k])
            runs_to_edge = ends[k] >= column_right - max(3 * line.size, 20.0) and abs(line.x0 - starts[k]) < 3 \
                and not last.bullet  # under a bullet only a hanging line continues it
            hangs = last.bullet and bullet_x is not None and line.x0 > bullet_x + 2 and \
                (len(last.segments) == 1) and line.x0 - bullet_x < 30
            if runs_to_edge or hangs:
                joiner = "" if re.search(r"\w-$", last.segments[k] if len(last.segments) > 1 else last.text) \
                    else " "  # a compound wrapped at its hyphen
                if len(last.segments) > 1:
                    last.segments[k] = f"{last.segments[k]}{joiner}{line.text}"
                    last.text = " ".join(last.segments)
                    if len(last.seg_x1) > k:
                        last.seg_x1[k] = max(last.seg_x1[k], line.x1)
                    continue
                else:
                    last.text = f"{last.text}{joiner}{line.text}"
                    last.segments = [last.text]
                    last.seg_x1 = [line.x1]
                last.x1 = line.x1
                continue
        out.append(line)
    return out


def pdf_lines(path: Path) -> list[Line]:
    """The lines of a PDF (see the module docstring); levels from the indents."""
    lines = _pdf_lines(path)
    if lines:
        # Levels: the distinct left edges of bullets and of plain lines, in steps of 6 pt.
        for line in lines:
            line.level = int(max(line.x0, 0.0) // 6) if line.x0 > 3 else 0
    return numbered(lines)
