"""Characters that draw nothing: where an address holds one, what is shown is not what it opens.

:func:`first_invisible` finds the first of them in a text: the Unicode property
Default_Ignorable_Code_Point (DerivedCoreProperties.txt, Unicode 15.1: format characters
such as bidi controls, zero-width spaces and joiners, the byte-order mark and the soft
hyphen; the combining grapheme joiner U+034F; the Hangul fillers U+115F, U+1160, U+3164,
U+FFA0; the Khmer inherent vowels U+17B4, U+17B5; the Mongolian variation selectors
U+180B-U+180F; the variation selectors U+FE00-U+FE0F and U+E0100-U+E01EF; the tag
characters and the rest of U+E0000-U+E0FFF) and every other format character (category Cf),
plus the braille blank U+2800, which is not default-ignorable but draws nothing either.
"""

from __future__ import annotations

import unicodedata

__all__ = ["first_invisible", "describe"]

#: Default_Ignorable_Code_Point ranges that are not of category Cf (those are found by category).
_IGNORABLE_RANGES = ((0x034F, 0x034F), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F), (0x3164, 0x3164),
                     (0xFE00, 0xFE0F), (0xFFA0, 0xFFA0), (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF), (0x2800, 0x2800))


def _invisible(char: str) -> bool:
    code = ord(char)
    return unicodedata.category(char) == "Cf" or any(low <= code <= high for low, high in _IGNORABLE_RANGES)


def first_invisible(text: str) -> tuple[int, str] | None:
    """``(position from 1, character)`` of the first character of ``text`` that draws nothing, or None."""
    for position, char in enumerate(text, 1):
        if _invisible(char):
            return position, char
    return None


def describe(char: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``: the code point and, where Unicode has one, the name."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" {name}" if name else "")
