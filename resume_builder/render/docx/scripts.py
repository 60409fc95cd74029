"""What the DOCX writer needs to know about writing systems: which of Word's three language
and font slots a language belongs to, which characters of a right-to-left run the script's
font lacks, where letter-spacing must not go, and where a separator needs a direction mark.

Word keeps three slots in each run's ``w:rFonts`` and ``w:lang`` (ECMA-376 Part 1,
§17.3.2.26 ``rFonts`` and §17.3.2.20 ``lang``): Latin text (``w:ascii``/``w:hAnsi`` fonts,
``w:val`` language), East Asian text (``w:eastAsia``) and complex-script text (``w:cs``,
``w:bidi``: Arabic, Hebrew, the Indic scripts, Thai...). A run marked ``w:rtl`` uses the
complex-script slot for every character in it (§17.3.2.30), digits and punctuation included.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from resume_builder.bidi import CONTROLS, ITEM_SEPARATORS

RLM = "\u200f"  # RIGHT-TO-LEFT MARK: a strong right-to-left character that is not drawn

#: The language of Latin text in a document whose own language is written in an East Asian
#: or a complex script: the English words of a Japanese or Arabic résumé (product names, C++).
LATIN_LANGUAGE = "en"

#: ISO 15924 scripts Word sets in its East Asian slot and in its complex-script slot.
_EAST_ASIAN_SCRIPTS = frozenset({"Jpan", "Hani", "Hans", "Hant", "Hira", "Kana", "Kore", "Hang", "Bopo", "Yiii"})
_COMPLEX_SCRIPTS = frozenset({
    "Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Mand", "Deva", "Beng", "Guru", "Gujr", "Orya", "Taml", "Telu",
    "Knda", "Mlym", "Sinh", "Thai", "Laoo", "Tibt", "Khmr", "Mymr"})


@lru_cache(maxsize=64)
def _script(language: str) -> str | None:
    """The ISO 15924 script ``language`` (a BCP 47 tag) is written in: its own script subtag,
    else CLDR's likely subtags (through Babel, as :mod:`resume_builder.i18n` takes directions)."""
    from babel.core import get_global

    parts = [part for part in re.split(r"[-_]", language) if part]
    if not parts:
        return None
    given = next((part.title() for part in parts[1:] if len(part) == 4 and part.isalpha()), None)
    if given:
        return given
    likely = get_global("likely_subtags")
    for key in ("_".join(parts[:2]), parts[0].lower()):
        found = likely.get(key)
        if found:
            script = next((part for part in found.split("_")[1:] if len(part) == 4 and part.isalpha()), None)
            if script:
                return script
    return None


def language_attributes(language: str, *, rtl: bool = False) -> dict[str, str]:
    """The attributes of ``w:lang`` (ECMA-376 Part 1, §17.3.2.20) for a document in ``language``.

    ``w:val`` is the language of Latin text, ``w:eastAsia`` of East Asian text and ``w:bidi``
    of complex-script text. A Japanese or Chinese document is East Asian and an Arabic, Hebrew
    or Hindi one complex-script (by the script CLDR gives the language); its Latin text, the
    English words it quotes, is :data:`LATIN_LANGUAGE`: marked Japanese, LibreOffice broke English
    words at any letter ("Passionate a|bout"). A right-to-left document (``rtl``) is
    complex-script whatever its tag says.
    """
    script = _script(language)
    if script in _EAST_ASIAN_SCRIPTS:
        return {"val": LATIN_LANGUAGE, "eastAsia": language}
    if rtl or script in _COMPLEX_SCRIPTS:
        return {"val": LATIN_LANGUAGE, "bidi": language}
    return {"val": language}


# ============================================================================ characters

#: Blocks of the right-to-left scripts (Hebrew to Arabic Extended-A, the Hebrew and Arabic
#: presentation forms): their punctuation and digits (ARABIC COMMA, EXTENDED ARABIC-INDIC
#: DIGITs) belong to the script's font.
_RTL_BLOCKS = ((0x0590, 0x08FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF), (0x10800, 0x10FFF), (0x1E800, 0x1EFFF))


def _in_rtl_block(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _RTL_BLOCKS)


def _common(char: str) -> bool | None:
    """Whether ``char`` of a right-to-left run is a digit or punctuation shared with Latin text
    (European digits, ``– . , : % ( ) · /``); None for white space and bidi marks, which go
    with their neighbours."""
    if char.isspace() or char in CONTROLS:
        return None
    if _in_rtl_block(char):
        return False
    return unicodedata.bidirectional(char) not in ("R", "AL", "AN", "NSM")


def split_common(text: str) -> list[tuple[str, bool]]:
    """``text`` (of a right-to-left run) cut into ``(piece, common)`` pieces, in order; joined
    again they give ``text``. ``common`` pieces hold the digits and punctuation that Latin text
    shares (:func:`_common`); the others the script's letters, digits and marks.

    The Hebrew fonts (Noto Sans and Serif Hebrew) have no digits, en dash or ``%``, and Noto
    Sans Arabic no en dash, ``%`` or brackets: set in the run's complex-script font, as Word and
    LibreOffice set every character of a right-to-left run, they came out in a fallback font
    (LibreOffice took Noto Color Emoji, which drew nothing: every year of a Hebrew résumé was
    gone). The writer gives the common pieces the paragraph's Latin font in that slot, the
    font the PDF draws them in.
    """
    pieces: list[tuple[str, bool]] = []
    current: list[str] = []
    kind: bool | None = None
    for char in text:
        this = _common(char)
        if this is not None and kind is not None and this != kind:
            pieces.append(("".join(current), kind))
            current = []
        if this is not None:
            kind = this
        current.append(char)
    if current:
        pieces.append(("".join(current), bool(kind)))
    return pieces


#: Blocks of the scripts whose letters join or stack (Unicode Blocks.txt): Arabic, Syriac,
#: Thaana, N'Ko, Samaritan, Mandaic and the Arabic extensions and presentation forms;
#: the Indic scripts from Devanagari to Sinhala; Tibetan, Myanmar, Khmer; Mongolian,
#: Devanagari Extended, Phags-pa; the historic cursive scripts of the SMP (Manichaean,
#: Psalter Pahlavi, Hanifi Rohingya, Sogdian, Old Uyghur, Chorasmian), the Brahmic ones
#: (Brahmi to Ahom and Dives Akuru) and Adlam.
_UNSPACED_BLOCKS = ((0x0600, 0x08FF), (0x0900, 0x0DFF), (0x0F00, 0x109F), (0x1780, 0x18AF), (0xA840, 0xA87F),
                    (0xA8E0, 0xA8FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF), (0x10AC0, 0x10AFF), (0x10B80, 0x10BAF),
                    (0x10D00, 0x10D3F), (0x10F30, 0x10FFF), (0x11000, 0x11AFF), (0x1E900, 0x1E95F))
_UNSPACED = re.compile("[" + "".join(f"{chr(low)}-{chr(high)}" for low, high in _UNSPACED_BLOCKS) + "]")


def unspaced(text: str) -> bool:
    """Whether ``text`` holds a letter of a script that must not be letter-spaced.

    Letter-spacing pulls apart letters that join (Arabic, Syriac, N'Ko, Mongolian...: CSS Text
    Level 4, §"cursive-tracking": no letter-spacing between them) and the clusters of the Indic
    scripts (Android's text layout turns it off for the same scripts). Word and LibreOffice
    apply ``w:spacing`` after every character: the Title and Heading 1 styles' tracking showed
    the name "ليلى حسن" with flattened final letters and "الخبرة المهنية" with the alef as a
    second lam.
    """
    return _UNSPACED.search(text) is not None


def mark_separators(text: str) -> str:
    """``text`` (a right-to-left run of a right-to-left paragraph) with a RIGHT-TO-LEFT MARK
    after each item separator (``·``, ``•``, ``|``, ``،``, ``؛``) that no right-to-left letter
    follows in the run.

    Between two left-to-right items (an e-mail and a phone number on the contact line;
    ``C++، Python، Go``) a separator is neutral, and the bidi algorithm (UAX #9, rule N1) makes
    items and separators one left-to-right stretch: LibreOffice, which lays a paragraph out by
    its text alone, showed them in the opposite order to the PDF's. The mark, a strong
    right-to-left character that is not drawn, sets the items apart, each read right to left as
    in the PDF (Word honours it too; it also reads w:rtl). It follows the separator, not a word,
    so the words an ATS reads stay as they are.
    """
    out = []
    for index, char in enumerate(text):
        out.append(char)
        if char in ITEM_SEPARATORS and not any(unicodedata.bidirectional(c) in ("R", "AL")
                                                for c in text[index + 1:]):
            out.append(RLM)
    return "".join(out)
