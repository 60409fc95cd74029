"""Left-to-right runs inside right-to-left text (the Unicode Bidirectional Algorithm, UAX #9).

In an Arabic or Hebrew résumé, the bidi algorithm alone gets some left-to-right pieces wrong:
a phone number ``+971 50 123 4567`` is several numbers separated by spaces, so it is laid out
as ``4567 123 50 971+``; the ``++`` of ``C++`` is neutral, so at the end of a Latin word
followed by Arabic it takes the paragraph's direction and shows as ``++C``. The cure is to
*isolate* each left-to-right run (UAX #9, section 2.7: LRI … PDI; HTML's ``<bdi dir="ltr">``
means the same), so the run is laid out left to right as one unit.

:func:`ltr_spans` finds those runs with one rule for every format:

- a run starts at a strong left-to-right character (Latin, Greek, Cyrillic... letters) or an
  ASCII digit, together with those of ``+ ( . [ # $ € £`` just before it when a space, the
  start of the text or punctuation (not a letter or digit) comes before them (``+971``,
  ``(EKS)``, ``($1.2M``, ``ו-.NET``);
- it goes on over anything but right-to-left letters and Arabic digits while the next letter
  or digit is left-to-right: ``Example Systems``, ``layla@example.com``, ``C++, Python``.
  Two numbers are joined only across spaces or one ``,`` ``.`` ``/`` or hyphen (``-``, and
  U+2010 HYPHEN and U+2011 NON-BREAKING HYPHEN) between them (``+971 50 123 4567``,
  ``054-555-0123``, ``10,000``), never across a dash, so a date range such as ``2013 – 2017``
  keeps the right-to-left order readers of the script expect; never across an item separator
  (``·``, ``•``, ``|``, the Arabic comma and semicolon), so ``London, UK · 2023`` is two runs;
- it ends at its last letter or digit, plus the ``+ # % *`` and closing brackets glued to it
  (``C++``, ``C#``, ``40%``, ``(EKS)``), and the full stop of an abbreviation (``B.Sc.``,
  ``Ph.D.``, ``e.g.``), never a sentence's full stop after any other word, nor a comma;
- a run made of digits alone is isolated only when it starts with ``+`` or two of its numbers
  are joined by anything but one common separator (bidi class CS: ``,`` ``.`` ``/``), that is
  by a space or a hyphen (phone numbers: ``+971 50 123 4567``, ``054-555-0123``). Rule W4
  keeps a common separator inside a number in either script (``10,000``, ``3.12``), so single
  numbers are already laid out correctly; but after an Arabic letter rule W2 makes digits
  Arabic numbers (AN), which a hyphen (ES) does not join, and a DOCX's no-break hyphen (class
  ON) joins no numbers at all, so unisolated, ``054-555-0123`` showed as ``0123-555-054``.

The same function reads a PDF back (:func:`visual_to_logical`): pdfminer gives each line's
characters in the order they are drawn (visual order), and the runs isolated when rendering
are found again in the drawn text, isolated, and the line is put back in reading order with
python-bidi (the Rust ``unicode-bidi`` crate, which implements UAX #9 with isolates).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence

LRI, PDI = "\u2066", "\u2069"  # LEFT-TO-RIGHT ISOLATE, POP DIRECTIONAL ISOLATE
LRM = "\u200e"  # LEFT-TO-RIGHT MARK: a strong L character that is not drawn
#: Bidi controls and marks: never content, dropped when text is compared.
CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: The controls that open or close an embedding, an override or an isolate (UAX #9, section
#: 2: LRE, RLE, PDF, LRO, RLO and LRI, RLI, FSI, PDI). Their state runs on past the text they
#: were typed in and can make what is shown differ from what is read ("Trojan source",
#: CVE-2021-42574), so profile text loses them (said as a warning). The marks (LRM, RLM and
#: ARABIC LETTER MARK) are strong characters with no state, the standard way to set the
#: direction of a neutral (``(‎-74%)``), and are kept.
EMBEDDING_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

_PREFIX = "+(.[#$€£"
_SUFFIX = "+#%*"
_STOP = {"R", "AL", "AN", "B", "S"}
#: A run ending in an abbreviation: pieces of one to three letters joined by full stops, each
#: capitalised or a single letter ("B.Sc", "Ph.D", "M.B.A", "e.g"; not "Node.js", "v2.0").
_ABBREVIATION = re.compile(r"(?<![\w.])(?:[A-Z][A-Za-z]{0,2}|[a-z])(?:\.(?:[A-Z][A-Za-z]{0,2}|[a-z]))+$")
_NUMBER_GAP = {",", ".", "/", "-", "\u2010", "\u2011"}  # common separators (CS) and hyphens
#: Separators between items of a line (contacts, date · place): a run never spans one.
ITEM_SEPARATORS = "\u00b7\u2022|\u060c\u061b"


def _kind(char: str) -> str:
    return unicodedata.bidirectional(char) or "ON"


def is_rtl_char(char: str) -> bool:
    return _kind(char) in ("R", "AL")


def ltr_spans(text: str, *, prefixes: str = _PREFIX) -> list[tuple[int, int]]:
    """``(start, end)`` of each left-to-right run of ``text`` that needs isolating (see above).

    ``prefixes``: the characters that may open a run before its first letter or digit.
    """
    spans: list[tuple[int, int]] = []
    n = len(text)
    i = 0
    while i < n:
        kind = _kind(text[i])
        if kind not in ("L", "EN"):
            i += 1
            continue
        start = i
        while start > (spans[-1][1] if spans else 0) and text[start - 1] in prefixes and \
                (start - 1 == 0 or not text[start - 2].isalnum()):
            start -= 1
        has_letter = kind == "L"
        last_digit = kind == "EN"
        parted = False  # two numbers joined by a space or a hyphen: laid out as one only when isolated
        end = i + 1
        j = i + 1
        while j < n:
            kind = _kind(text[j])
            if kind in ("L", "EN", "NSM"):
                has_letter = has_letter or kind == "L"
                last_digit = kind == "EN" or (last_digit and kind == "NSM")
                end = j = j + 1
                continue
            if kind in _STOP:
                break
            m = j  # a stretch of neutrals and weak characters: what comes after it?
            while m < n and _kind(text[m]) not in ("L", "EN", *_STOP):
                m += 1
            if m >= n or _kind(text[m]) not in ("L", "EN"):
                break
            gap = text[j:m].replace("\u2060", "")  # a WORD JOINER (render/wrapping.py) joins, it parts nothing
            if any(mark in gap for mark in ITEM_SEPARATORS):
                break  # "London · 2023": items a separator sets apart are read one by one
            if not (has_letter or _kind(text[m]) == "L") and not (gap.isspace() or gap in _NUMBER_GAP):
                break  # two numbers across a dash or a word: the script's own order
            parted = parted or len(gap) != 1 or _kind(gap) != "CS"
            j = m
        opened = text.count("(", start, end) - text.count(")", start, end) + \
            text.count("[", start, end) - text.count("]", start, end)
        while end < n and (text[end] in _SUFFIX or (text[end] in ")]" and opened > 0)):
            if text[end] in ")]":
                opened -= 1
            end += 1
        while opened > 0 and text[start] in "([" and start < i:
            start += 1  # "($1.2M …)": a bracket whose partner is not in the run stays outside
            opened -= 1
        if end < n and text[end] == "." and _ABBREVIATION.search(text, start, end):
            end += 1  # "B.Sc.", "Ph.D.", "e.g.": the abbreviation's own full stop
        run = text[start:end]
        if has_letter or run.startswith("+") or parted:
            spans.append((start, end))
        i = end
    return spans


def isolate_ltr(text: str, *, start: str = LRI, end: str = PDI, prefixes: str = _PREFIX) -> str:
    """``text`` with each left-to-right run between ``start`` and ``end`` (LRI and PDI)."""
    spans = ltr_spans(text, prefixes=prefixes)
    if not spans:
        return text
    out = []
    last = 0
    for begin, stop in spans:
        out += [text[last:begin], start, text[begin:stop], end]
        last = stop
    out.append(text[last:])
    return "".join(out)


def segments(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into ``(piece, is_ltr_run)`` pieces, in order; the pieces join to ``text``."""
    out: list[tuple[str, bool]] = []
    last = 0
    for begin, stop in ltr_spans(text):
        if begin > last:
            out.append((text[last:begin], False))
        out.append((text[begin:stop], True))
        last = stop
    if last < len(text):
        out.append((text[last:], False))
    return out


def left_to_right_only(text: str) -> bool:
    """Whether ``text`` holds a left-to-right letter and no right-to-left one: a paragraph
    that UAX #9 (rules P2–P3) and HTML's ``dir="auto"`` lay out left to right, such as an
    English paragraph in an Arabic letter."""
    kinds = {_kind(char) for char in text}
    return "L" in kinds and not kinds & {"R", "AL"}


#: Arabic-script punctuation for the Latin marks typed after Arabic text (Unicode's ARABIC
#: COMMA, SEMICOLON and QUESTION MARK; the full stop is the same in both scripts).
ARABIC_PUNCTUATION = {",": "\u060c", ";": "\u061b", "?": "\u061f"}


def arabic_final_punctuation(text: str) -> str:
    """``text`` with a final Latin comma, semicolon or question mark that follows an Arabic
    letter written as the Arabic one (``عزيزتي سارة,`` → ``عزيزتي سارة،``): what a letter's
    salutation and closing end with in Arabic. Other text is returned unchanged."""
    stripped = text.rstrip()
    if not stripped or stripped[-1] not in ARABIC_PUNCTUATION:
        return text
    before = next((c for c in reversed(stripped[:-1]) if _kind(c) in ("L", "R", "AL")), "")
    if not before or _kind(before) != "AL":  # Arabic letters (Syriac and Thaana use the Arabic comma too)
        return text
    return stripped[:-1] + ARABIC_PUNCTUATION[stripped[-1]] + text[len(stripped):]


def without_controls(text: str) -> str:
    return "".join(ch for ch in text if ch not in CONTROLS)


def mostly_rtl(texts: Sequence[str]) -> bool:
    """Whether right-to-left letters outnumber left-to-right ones in ``texts``."""
    rtl = ltr = 0
    for text in texts:
        for char in text:
            kind = _kind(char)
            if kind in ("R", "AL"):
                rtl += 1
            elif kind == "L":
                ltr += 1
    return rtl > ltr


# Arabic Presentation Forms-A: right-to-left letters that never come out of a PDF's text
# layer here (WeasyPrint maps glyphs back to the letters typed), used as one-character
# stand-ins for glyphs that stand for several letters (a lam-alef ligature: "لا").
_STAND_INS = [chr(code) for code in range(0xFB50, 0xFBB2)]


def visual_to_logical_ltr(clusters: Sequence[str]) -> str:
    """One line of a left-to-right page holding right-to-left words (an Arabic name in an
    English résumé), from the order it is drawn to the order it is read.

    ``clusters`` as for :func:`visual_to_logical`. In a left-to-right paragraph the bidi
    algorithm reverses each right-to-left run for display (its numbers keep their order); the
    algorithm applied to the drawn text with a left-to-right paragraph direction reverses them
    back. A line with no right-to-left letter is returned as drawn.
    """
    if not any(is_rtl_char(ch) for cluster in clusters for ch in cluster):
        return "".join(clusters)
    from bidi import get_display

    return _reordered(clusters, lambda drawn: get_display(drawn, base_dir="L"))


def visual_to_logical(clusters: Sequence[str]) -> str:
    """One line of a right-to-left page from the order it is drawn to the order it is read.

    ``clusters`` are the texts of the line's glyphs from left to right (a glyph may stand for
    several characters, in reading order, such as a ligature). The left-to-right runs are
    isolated (:func:`ltr_spans`), so the line is the reverse of what the bidi algorithm made
    of the text, and the algorithm applied again with a right-to-left paragraph direction
    (python-bidi's ``get_display``, which does not mirror brackets) restores the reading order.
    """
    from bidi import get_display

    # A full stop drawn just left of a Latin word ends the right-to-left sentence ("… gRPC."):
    # read back, it is never taken as the start of a run (".NET" then reads "NET.").
    return _reordered(clusters, lambda drawn: get_display(isolate_ltr(drawn, prefixes=_PREFIX.replace(".", "")),
                                                          base_dir="R"))


def read_back(text: str, clusters: Sequence[str] | None, *, rtl_page: bool) -> str:
    """A line (or piece of one) of a PDF's text layer in reading order, with runs of white
    space made one space: on a right-to-left page by :func:`visual_to_logical`, on a
    left-to-right one by :func:`visual_to_logical_ltr` when it holds right-to-left letters;
    else as drawn. ``clusters``: its glyphs' texts (None: ``text`` is one glyph run).
    What ``check`` and ``import`` both do to each line they read."""
    if rtl_page:
        return " ".join(visual_to_logical(clusters or (text,)).split())
    if any(is_rtl_char(ch) for ch in text):
        return " ".join(visual_to_logical_ltr(clusters or (text,)).split())
    return text


def _reordered(clusters: Sequence[str], reorder: Callable[[str], str]) -> str:
    """``reorder`` applied to the drawn line, each right-to-left glyph of several characters
    (a ligature, its text in reading order) kept whole by a stand-in character while the
    right-to-left runs are reversed; bidi controls removed."""
    stand_in: dict[str, str] = {}
    chars = []
    for cluster in clusters:
        if len(cluster) > 1 and any(is_rtl_char(ch) for ch in cluster):
            if cluster not in stand_in.values():
                if len(stand_in) >= len(_STAND_INS):
                    chars.append(cluster[::-1])  # more distinct ligatures than stand-ins: best effort
                    continue
                stand_in[_STAND_INS[len(stand_in)]] = cluster
            chars.append(next(key for key, value in stand_in.items() if value == cluster))
        else:
            chars.append(cluster)
    logical = without_controls(reorder("".join(chars)))
    for key, value in stand_in.items():
        logical = logical.replace(key, value)
    return logical
