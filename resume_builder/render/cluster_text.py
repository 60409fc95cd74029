"""The exact text of every shaped cluster in a PDF's text layer (issue 16).

WeasyPrint (70) writes one ToUnicode entry per glyph id, fixed at the glyph's first use, and
in a cluster HarfBuzz shapes into several glyphs it gives the whole cluster's text to the
cluster's last glyph and "" to the others. In Indic scripts that loses text for every PDF
reader (pdfminer.six, pdftotext, pypdf, and so every ATS): the pre-base vowel sign ि is drawn
before its consonant (glyphs [ि, श] for "शि") and maps to "", so "शिक्षा" reads "शक्षा"; and a
glyph first met inside a conjunct or under a reph keeps that cluster's text everywhere after
("वर्तमान" reads "वर्चमान").

:func:`install` makes the text layer exact where a cluster's glyphs are not one per character:

* Such a cluster's text, in logical order, is cut into one piece per glyph in drawing order
  (one character each, the first glyph taking the surplus), so a reader going through the
  content stream in order reads the logical text: [ि, श] read "श", "ि" (PDF 32000-1:2008,
  9.10.3: a ToUnicode entry maps one code to one or several characters).
* A glyph id already mapped to another text is drawn as a *clone*: a new glyph id, past the
  font's own glyphs, with the same outline and advance width, added to the embedded font
  subset (TrueType ``glyf``/``hmtx``, fontTools), with its own ToUnicode entry.
* A combining mark drawn back over its letter (ृ under क) gives its text to the letter's
  glyph and, when it has no width, is drawn as a clone as wide as the way back, so readers
  see no gap after it; the pen moves exactly as before.

Runs whose clusters are all one glyph, with no combining mark drawn back or raised, and that
use no glyph mapped here, are left to
WeasyPrint untouched: Latin, Cyrillic, Greek, CJK and unmarked Arabic PDFs keep their bytes
(tests/render/test_cluster_text.py). Fonts that are not TrueType outlines (CFF, bitmap,
colour) and lines WeasyPrint ellipsises keep WeasyPrint's mapping; `check`'s ``text-layer``
names any Indic word a PDF then loses. Left: pdftotext reads a space before a Bengali or Tamil
syllable inside a word whose two-part vowel sign HarfBuzz splits around its letter, in a
cluster of its own (a glyph of that syllable carries no text); pdfminer.six and pypdf read it whole.

The hook wraps ``weasyprint.draw.text.draw_first_line`` (renumbering glyphs of Pango's shaped
line before WeasyPrint draws it, and putting them back after, so a layout drawn twice is the
same) and ``weasyprint.pdf.fonts.Font.clean`` (adding the clones to the subset). It is
installed only on a WeasyPrint whose code has the shape it was written for
(:func:`supported`); tests/render/test_cluster_text.py fails on any other.
"""

from __future__ import annotations

import copy
import hashlib
import inspect
import io
import unicodedata
from dataclasses import dataclass, field
from typing import Any

__all__ = ["EXPECTED_SOURCES", "install", "key", "supported"]

#: BLAKE2b digests (16 bytes, hex) of the source of the two WeasyPrint functions the hook
#: relies on, by WeasyPrint version: the glyph loop of ``draw_first_line`` (one ToUnicode
#: entry per glyph id, set only when absent; widths read from ``font.widths`` first) and
#: ``Font.get_unused_glyph_id`` (new ids are ``glyph_count + len(missing)``).
EXPECTED_SOURCES = {
    "70.0": {"draw_first_line": "c6166500ccd95e34e916cd7a93b4caf0",
             "get_unused_glyph_id": "fba7aa32d8ba9d8eceb06fea1c350aec"},
}

_STATE = "_resume_builder_cluster_text"


@dataclass
class _Clones:
    """Per embedded font: the clones drawn so far and the glyph ids this module mapped."""

    owner: Any  # the Font whose ids are allocated (glyph_count, missing)
    by_text: dict[tuple[int, str, int | None], int] = field(default_factory=dict)  # (glyph, text, width) -> clone
    sources: dict[int, int] = field(default_factory=dict)  # clone id -> glyph id it copies
    advances: dict[int, int] = field(default_factory=dict)  # clone id -> its own width (1/1000 em)
    mapped: set[int] = field(default_factory=set)  # glyph ids whose text was set here


def _digest(function: Any) -> str:
    return hashlib.blake2b(inspect.getsource(function).encode("utf-8"), digest_size=16).hexdigest()


def source_digests() -> dict[str, str]:
    """The digests of the installed WeasyPrint's functions, as in :data:`EXPECTED_SOURCES`."""
    from weasyprint.draw import text
    from weasyprint.pdf import fonts

    return {"draw_first_line": _digest(getattr(text.draw_first_line, "_resume_builder_original",
                                               text.draw_first_line)),
            "get_unused_glyph_id": _digest(fonts.Font.get_unused_glyph_id)}


def supported() -> bool:
    """Whether the installed WeasyPrint is one this hook was written (and tested) for."""
    import weasyprint

    expected = EXPECTED_SOURCES.get(weasyprint.__version__)
    try:
        return expected is not None and source_digests() == expected
    except (OSError, TypeError):  # no source to read (a frozen build)
        return False


def install() -> bool:
    """Wrap WeasyPrint's glyph drawing and font subsetting (once); False when not supported."""
    from weasyprint.draw import text
    from weasyprint.pdf import fonts

    from resume_builder.render import variable_fonts

    global _INSTALLED
    if _INSTALLED is None:
        variable_fonts.install()  # first: its Font.clean is the one this wraps (render/variable_fonts.py)
        _INSTALLED = supported()
        if _INSTALLED:
            _wrap(text, fonts)
    return _INSTALLED


_INSTALLED: bool | None = None


def _wrap(text: Any, fonts: Any) -> None:
    from resume_builder.render import drawn_lines

    original_draw = text.draw_first_line
    original_clean = fonts.Font.clean

    def draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix):
        if _PLAIN.issuperset(textbox.text) and not _mapped_here(stream):
            return drawn_lines.draw(original_draw, stream, textbox, text_overflow, block_ellipsis, matrix)
        restore = _renumber(stream, textbox, text_overflow, block_ellipsis)
        try:
            return original_draw(stream, textbox, text_overflow, block_ellipsis, matrix)
        finally:
            for glyph_info, glyph_id in restore:
                glyph_info.glyph = glyph_id

    def clean(self, to_unicode, hinting):
        state = getattr(self, _STATE, None)
        sources = {clone: glyph for clone, glyph in state.sources.items() if clone in to_unicode} if state else {}
        if not sources:
            return original_clean(self, to_unicode, hinting)
        kept = {glyph: text for glyph, text in to_unicode.items() if glyph not in state.sources}
        for glyph in sources.values():
            kept.setdefault(glyph, "")
        original_clean(self, kept, hinting)
        self.file_content = _with_clones(self.file_content, sources, state.advances)

    draw_first_line._resume_builder_original = original_draw
    clean._resume_builder_original = original_clean
    text.draw_first_line = draw_first_line
    fonts.Font.clean = clean


#: Characters every font shapes one glyph (or a ligature) each, never a cluster of glyphs or a
#: mark: printable ASCII, the no-break space and the punctuation résumés use most (dashes,
#: quotes, bullet, middle dot, ellipsis, currency and trade marks). A line of these alone, in
#: a document where this module has mapped no glyph yet, is WeasyPrint's to draw and map:
#: :func:`_renumber` would map it exactly as WeasyPrint does (``_map_as_weasyprint``), at a
#: cost of about a twentieth of a warm re-render of the example (measured with cProfile).
_PLAIN = frozenset(map(chr, range(0x20, 0x7F))) | frozenset("\u00a0\u00a9\u00ae\u00b7\u2010\u2011\u2012\u2013\u2014"
                                                           "\u2018\u2019\u201c\u201d\u2022\u2026\u20ac\u00a3\u2122")


def _mapped_here(stream: Any) -> bool:
    """Whether this module has set the text of any glyph of the document's fonts."""
    for font in getattr(stream, "_fonts", {}).values():
        state = getattr(font, _STATE, None)
        if state is not None and state.mapped:
            return True
    return False


def key(font: Any) -> tuple:
    """What a font's clones add to the inputs of its subset (for render/pdf.py's font caches)."""
    state = getattr(font, _STATE, None)
    return (tuple(sorted(state.sources.items())), tuple(sorted(state.advances.items()))) if state else ()


def _outline_font(font: Any) -> bool:
    """TrueType outlines this module can add glyphs to (not CFF, bitmap or colour glyphs)."""
    return (font.file_content[:4] != b"OTTO" and "glyf" in font.tables and not font.bitmap
            and not font.png and not font.svg and not font.colr)


def _renumber(stream: Any, textbox: Any, text_overflow: str, block_ellipsis: str) -> list[tuple[Any, int]]:
    """Give the glyphs of ``textbox``'s first line the ids whose ToUnicode text is exact.

    Returns the (Pango glyph info, original id) pairs changed, to be put back after drawing.
    """
    from weasyprint.text.ffi import ffi, pango

    if text_overflow == "ellipsis" or block_ellipsis != "none":
        return []  # WeasyPrint lays the line out again to fit the ellipsis
    if not textbox.text.strip() or textbox.style["font_size"] < 1e-6:
        return []  # not drawn
    empty, unknown = pango.PANGO_GLYPH_EMPTY, pango.PANGO_GLYPH_UNKNOWN_FLAG  # one lookup each in the C library
    layout = textbox.pango_layout
    pango.pango_layout_set_single_paragraph_mode(layout.layout, True)  # as draw_first_line does first
    line, _index = layout.get_first_line()
    utf8 = b""
    changed: list[tuple[Any, int]] = []
    run = line.runs[0]
    while run != ffi.NULL:
        glyph_item = run.data
        run = run.next
        pango_font = glyph_item.item.analysis.font
        font, font_size = stream.add_font(pango_font)
        if not _outline_font(font):
            continue  # this module never maps its glyphs: WeasyPrint alone does, in drawing order
        glyph_string = glyph_item.glyphs
        count = glyph_string.num_glyphs
        glyphs = glyph_string.glyphs
        ids, x_offsets, y_offsets = _glyph_fields(ffi, glyphs, count)
        clusters = ffi.unpack(glyph_string.log_clusters, count)
        item = glyph_item.item
        rtl = item.analysis.level % 2
        utf8 = utf8 or layout.text.encode()
        state = _state(stream, font)
        groups = _groups(clusters)
        if len(groups) == count:  # a glyph per cluster (most text): every group is its one glyph
            drawn = [[i] if ids[i] != empty else [] for i in range(count)]
        else:
            drawn = [[i for i in range(start, end) if ids[i] != empty] for start, end in groups]
        # Combining marks drawn back over the glyph before (a negative x offset; letter spacing
        # gives positive ones) or apart with a text rise (y offset), which pdftotext reads as
        # another word or line.
        risen = [(x_offsets[i] < 0 or y_offsets[i] != 0) and _combining(utf8, item.offset + clusters[i])
                 for i in range(count)]
        if (any(glyph & unknown for glyph in ids)
                or all(len(group) <= 1 for group in drawn) and not any(glyph in state.mapped for glyph in ids)
                and (rtl or not any(risen[1:]))):
            # One glyph per cluster: WeasyPrint's own mapping, set now as it would set it while
            # drawing, so that a later run of this line does not map these glyphs first.
            _map_as_weasyprint(font, ids, clusters, item, utf8, rtl)
            continue
        pieces: dict[int, str] = {}
        for (start, end), group in zip(groups, drawn):
            if rtl:  # glyphs in visual order: the cluster ends where the one drawn before it starts
                stop = item.length if start == 0 else clusters[start - 1]
            else:
                stop = item.length if end == count else clusters[end]
            text = utf8[item.offset + clusters[start]:item.offset + stop].decode("utf-8")
            flat = [glyphs[i].geometry.width == 0 for i in group]
            pieces.update(zip(group, _pieces(text, len(group), rtl, flat)))
        if not rtl:
            _fold_risen(pieces, risen)
        for i, piece in sorted(pieces.items()):
            advance = None
            geometry = glyphs[i].geometry
            if not rtl and not piece and geometry.x_offset < 0 and geometry.width == 0 and not _width(
                    font, pango_font, ids[i], font_size, textbox, stream):
                # A zero-width mark drawn back over its letter, its text moved onto the letter:
                # as wide as the way back, so that readers see no gap after it (pdfminer.six and
                # pypdf read one as a space). WeasyPrint's adjustment after the glyph, int(width +
                # offset) = 0, moves the pen exactly as before: the pages do not change.
                advance = int(-geometry.x_offset / _drawing_size(font, font_size, textbox))
            glyph_id = _glyph_for(font, state, ids[i], piece, pango_font, font_size, textbox, stream, advance)
            if glyph_id != ids[i]:
                changed.append((glyphs[i], ids[i]))
                glyphs[i].glyph = glyph_id
    return changed


_FIELDS: tuple[int, int, int, int] | None = None  # PangoGlyphInfo: size, glyph, x_offset, y_offset (in 4 bytes)


def _glyph_fields(ffi: Any, glyphs: Any, count: int) -> tuple[list[int], list[int], list[int]]:
    """The ids, x offsets and y offsets of ``count`` PangoGlyphInfo structures at ``glyphs``,
    read in one copy of the array (reading them one field at a time through cffi cost more
    than the rest of this module together)."""
    global _FIELDS
    if _FIELDS is None:
        size = ffi.sizeof("PangoGlyphInfo")
        geometry = ffi.offsetof("PangoGlyphInfo", "geometry")
        offsets = (ffi.offsetof("PangoGlyphInfo", "glyph"),
                   geometry + ffi.offsetof("PangoGlyphGeometry", "x_offset"),
                   geometry + ffi.offsetof("PangoGlyphGeometry", "y_offset"))
        usable = size % 4 == 0 and all(offset % 4 == 0 for offset in offsets) \
            and ffi.sizeof("PangoGlyph") == ffi.sizeof("PangoGlyphUnit") == 4
        _FIELDS = (size // 4, *(offset // 4 for offset in offsets)) if usable else (0, 0, 0, 0)
    step, glyph, x_offset, y_offset = _FIELDS
    if not step or not count:
        return ([glyphs[i].glyph for i in range(count)], [glyphs[i].geometry.x_offset for i in range(count)],
                [glyphs[i].geometry.y_offset for i in range(count)])
    data = ffi.buffer(glyphs, step * 4 * count)[:]
    unsigned, signed = memoryview(data).cast("I"), memoryview(data).cast("i")
    return (unsigned[glyph::step].tolist(), signed[x_offset::step].tolist(), signed[y_offset::step].tolist())


def _map_as_weasyprint(font: Any, ids: list[int], clusters: list[int], item: Any, utf8: bytes, rtl: int) -> None:
    """The ToUnicode entries draw_first_line would add for these glyphs (the same ids, texts
    and order: the PDF's bytes do not change)."""
    from weasyprint.text.ffi import pango

    count = len(ids)
    empty, unknown = pango.PANGO_GLYPH_EMPTY, pango.PANGO_GLYPH_UNKNOWN_FLAG
    to_unicode = font.to_unicode
    start = item.offset
    for i, glyph_id in enumerate(ids):
        if glyph_id == empty:
            continue
        if glyph_id & unknown:
            glyph_id = font.get_unused_glyph_id(glyph_id - unknown)
        if glyph_id not in to_unicode:
            if rtl:
                stop = item.length if i == 0 else clusters[i - 1]
            else:
                stop = item.length if i == count - 1 else clusters[i + 1]
            to_unicode[glyph_id] = utf8[start + clusters[i]:start + stop].decode("utf-8")


def _combining(utf8: bytes, start: int) -> bool:
    """Whether the character at byte ``start`` of ``utf8`` is a combining mark (Unicode M*)."""
    end = start + 1
    while end < len(utf8) and utf8[end] & 0xC0 == 0x80:
        end += 1
    return unicodedata.category(utf8[start:end].decode("utf-8", "replace"))[0] == "M"


def _fold_risen(pieces: dict[int, str], risen: list[bool]) -> None:
    """Move the text of marks drawn off the pen position (ृ under क: moved back over the letter,
    or up or down with a text rise) onto the glyph drawn before them: pdftotext reads such a
    mark as another word or line, and pdfminer.six after a space."""
    before = None
    for i in sorted(pieces):
        if risen[i] and before is not None:
            pieces[before] += pieces[i]
            pieces[i] = ""
        elif not risen[i]:
            before = i


def _pieces(text: str, count: int, rtl: bool, flat: list[bool] | None = None) -> list[str]:
    """``text`` cut into ``count`` pieces, one per glyph in drawing order, that read ``text``
    when joined in that order.

    Left to right, each glyph carries a character (the first glyph the surplus), so no glyph
    reads as a gap (pdftotext puts a space where a glyph carries no text); with fewer
    characters than glyphs, glyphs of no width (``flat``) carry "", then the first ones (a gap
    before a word's first syllable is a space already). Right to left (visual order, which readers reverse), the first glyph
    carries the whole cluster, as WeasyPrint does.
    """
    if rtl or count == 1:
        return [text] + [""] * (count - 1)
    if len(text) < count:
        flat = flat or [False] * count
        empty = [i for i in range(count) if flat[i]][-(count - len(text)):]
        empty += [i for i in range(count) if i not in empty][:count - len(text) - len(empty)]
        characters = iter(text)
        return ["" if i in empty else next(characters) for i in range(count)]
    surplus = len(text) - count
    return [text[:surplus + 1]] + list(text[surplus + 1:])


def _groups(clusters: list[int]) -> list[tuple[int, int]]:
    """[start, end) glyph index ranges of equal cluster values (HarfBuzz keeps them adjacent)."""
    groups = []
    start = 0
    for i in range(1, len(clusters) + 1):
        if i == len(clusters) or clusters[i] != clusters[start]:
            groups.append((start, i))
            start = i
    return groups


def _state(stream: Any, font: Any) -> _Clones:
    """The clone table of ``font``'s embedded file (the first Font with its hash, which
    WeasyPrint subsets for all of them)."""
    owner = font
    for other in getattr(stream, "_fonts", {}).values():
        if other.hash == font.hash:
            owner = other
            break
    state = getattr(owner, _STATE, None)
    if state is None:
        state = _Clones(owner)
        setattr(owner, _STATE, state)
    if owner is not font:
        setattr(font, _STATE, state)
    return state


def _glyph_for(font: Any, state: _Clones, glyph_id: int, text: str, pango_font: Any, font_size: float,
               textbox: Any, stream: Any, advance: int | None = None) -> int:
    """The id to draw ``glyph_id`` under so that it reads ``text``: itself, or a clone (with
    its own width ``advance``, in thousandths of the font size, when given)."""
    current = font.to_unicode.get(glyph_id)
    if advance is None:
        if current is None:
            font.to_unicode[glyph_id] = text
        if current is None or current == text:
            state.mapped.add(glyph_id)
            return glyph_id
    clone = state.by_text.get((glyph_id, text, advance))
    if clone is None:
        owner = state.owner
        clone = owner.glyph_count + len(owner.missing)  # the next id get_unused_glyph_id would give
        owner.glyph_count += 1  # so that it never gives this one to a missing glyph
        state.by_text[(glyph_id, text, advance)] = clone
        state.sources[clone] = glyph_id
        if advance is not None:
            state.advances[clone] = advance
        state.mapped.add(clone)
    font.to_unicode.setdefault(clone, text)
    if advance is not None:
        font.widths[clone] = advance
    elif clone not in font.widths:
        font.widths[clone] = _width(font, pango_font, glyph_id, font_size, textbox, stream)
    return clone


def _drawing_size(font: Any, font_size: float, textbox: Any) -> float:
    """The font size draw_first_line divides glyph geometry by."""
    from weasyprint.text.ffi import pango

    if pango.pango_version() < 14802 or font.png:  # draw_first_line's workaround for Pango #530
        return textbox.style["font_size"]
    return font_size


def _width(font: Any, pango_font: Any, glyph_id: int, font_size: float, textbox: Any, stream: Any) -> int:
    """The glyph's width in thousandths of the font size, as draw_first_line computes it."""
    from weasyprint.text.ffi import FROM_UNITS, pango

    if glyph_id in font.widths:
        return font.widths[glyph_id]
    font_size = _drawing_size(font, font_size, textbox)
    pango.pango_font_get_glyph_extents(pango_font, glyph_id, stream.ink_rect, stream.logical_rect)
    return round(stream.logical_rect.width * 1000 * FROM_UNITS / font_size)


def _with_clones(content: bytes, sources: dict[int, int], advances: dict[int, int]) -> bytes:
    """``content`` (a TrueType subset keeping glyph ids) with glyph ``clone`` a copy of glyph
    ``sources[clone]`` for every clone: outline, instructions, advance width and side bearing.
    Ids between the font's last glyph and a clone that are not clones get an empty glyph
    (WeasyPrint's missing glyphs, which its Encoding CMap sends to .notdef anyway).
    """
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.tables._g_l_y_f import Glyph

    font = TTFont(io.BytesIO(content), recalcTimestamp=False)
    if "glyf" not in font:
        raise ValueError("glyph clones need TrueType outlines (glyf)")
    order = list(font.getGlyphOrder())
    glyf, hmtx = font["glyf"], font["hmtx"]
    taken = set(order)
    for glyph_id in range(len(order), max(sources) + 1):
        name = f"rb.clone{glyph_id}"
        while name in taken:
            name += "_"
        taken.add(name)
        order.append(name)
        source = sources.get(glyph_id)
        if source is None:
            glyf.glyphs[name] = Glyph()
            hmtx.metrics[name] = (0, 0)
        else:
            glyf.glyphs[name] = copy.deepcopy(glyf[order[source]])
            advance, bearing = hmtx.metrics[order[source]]
            if glyph_id in advances:  # its PDF width (thousandths of the em), in font units
                advance = round(advances[glyph_id] * font["head"].unitsPerEm / 1000)
            hmtx.metrics[name] = (advance, bearing)
        if "vmtx" in font:
            font["vmtx"].metrics[name] = font["vmtx"].metrics[order[source]] if source is not None else (0, 0)
    for tag in ("hdmx", "LTSH"):  # per-glyph device tables that would no longer match
        if tag in font:
            del font[tag]
    font.setGlyphOrder(order)
    glyf.glyphOrder = order
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()
