"""East Asian text in the DOCX: which characters are Hangul, kana or Han, the language and
the Noto CJK face each stretch of them gets, and the fallbacks Word is offered for that face.

Word and LibreOffice set Hangul, kana and Han in a run's East Asian slot (ECMA-376 Part 1,
§17.3.2.26 ``rFonts/@w:eastAsia``, §17.3.2.20 ``lang/@w:eastAsia``). Left empty, each word
processor filled it from its own locale: LibreOffice drew a Korean name in an English résumé
in Noto Serif CJK JP, in the sans themes too. Each stretch therefore names the Noto CJK face
of its language's region in the class of the paragraph's Latin font (Noto Serif CJK beside a
serif, Noto Sans CJK beside anything else) and says its language.

CJK scripts have no italic (CSS Fonts Level 4, §"font-synthesis": synthesised obliques are a
fallback; JIS X 4051 and the W3C's "Requirements for Japanese/Korean/Chinese Text Layout" use
other faces or emphasis marks for emphasis, never a slant): the writer sets East Asian
stretches of an italic run upright, as runs of their own (``w:i`` is one switch for every slot).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from resume_builder.render.docx_fonts import FontSubstitute
from resume_builder.theming import cjk_region

# Unicode blocks (Blocks.txt) in Word's East Asian slot, by what they tell of the language.
_HANGUL = ((0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7FF), (0xFFA0, 0xFFDC))
_KANA = ((0x3040, 0x30FF), (0x31F0, 0x31FF), (0x32D0, 0x32FE), (0xFF66, 0xFF9F), (0x1AFF0, 0x1B16F))
_HAN = ((0x2E80, 0x2FDF), (0x3005, 0x3007), (0x3021, 0x3029), (0x3038, 0x303B), (0x3400, 0x4DBF),
        (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3FFFF))
_BOPOMOFO = ((0x3100, 0x312F), (0x31A0, 0x31BF))
#: East Asian punctuation and forms that belong to no one language: ideographic space and
#: punctuation, enclosed letters, compatibility squares, vertical and full-width forms.
_SHARED = ((0x2FF0, 0x2FFF), (0x3000, 0x303F), (0x3190, 0x319F), (0x31C0, 0x31EF), (0x3200, 0x33FF),
           (0xFE30, 0xFE4F), (0xFF00, 0xFF65), (0xFFE0, 0xFFEF))


def _kind(char: str) -> str | None:
    """"ko", "ja", "zh-TW" (Bopomofo), "han", "shared" for an East Asian character; None otherwise."""
    code = ord(char)
    if code < 0x1100:
        return None
    for kind, blocks in (("ko", _HANGUL), ("ja", _KANA), ("han", _HAN), ("zh-TW", _BOPOMOFO), ("shared", _SHARED)):
        if any(low <= code <= high for low, high in blocks):
            return kind
    return None


def has_east_asian(text: str) -> bool:
    """Whether ``text`` holds a character of Word's East Asian slot (Hangul, kana, Han, Bopomofo,
    CJK punctuation or full-width forms)."""
    return any(_kind(char) for char in text)


@dataclass(frozen=True)
class EastAsian:
    """What an East Asian stretch of text is set as: its BCP 47 ``language`` (``w:lang/@w:eastAsia``,
    e.g. ``ko-KR``) and the Noto CJK ``region`` (JP, KR, SC, TC, HK) of its face."""

    language: str
    region: str

    def font(self, serif: bool) -> str:
        """The Noto CJK face: ``Noto Serif CJK KR`` beside a serif Latin font, else ``Noto Sans CJK KR``."""
        return f"Noto {'Serif' if serif else 'Sans'} CJK {self.region}"


_SUBTAG = re.compile(r"[-_]")


@lru_cache(maxsize=64)
def _with_region(language: str) -> str:
    """``language`` as language-REGION (``zh-Hant`` -> ``zh-TW``, ``ja`` -> ``ja-JP``): its own
    region subtag, else CLDR's likely one (:func:`resume_builder.i18n.likely_region`); the
    language alone when neither."""
    from resume_builder.i18n import likely_region

    parts = [part for part in _SUBTAG.split(language) if part]
    primary = parts[0].lower()
    region = next((part.upper() for part in parts[1:] if len(part) == 2 and part.isalpha()
                   or len(part) == 3 and part.isdigit()), None) or likely_region(language)
    return f"{primary}-{region}" if region else primary


#: Han with no kana or Hangul beside it in a document in another language: Chinese of mainland
#: China, which is CLDR's likely language of the Han script (likely subtags: und-Hani -> zh-Hani-CN)
#: and the face the PDF's fallback stack gives it (theming.FALLBACK_FONTS: Noto Sans CJK SC).
HAN_DEFAULT = EastAsian("zh-CN", "SC")


def document_languages(language: str) -> dict[str, EastAsian]:
    """The East Asian language of Hangul (``"ko"``), kana (``"ja"``) and Han alone (``"han"``) in a
    document in the BCP 47 ``language``.

    Hangul is Korean and kana Japanese in any document (the document's own tag, region
    included, when it is Korean or Japanese; else ``ko-KR``, ``ja-JP``). Han alone is ambiguous
    (the one Unicode script, ISO 15924 Hani, writes Chinese hanzi, Japanese kanji and Korean
    hanja; its forms differ by region, not its code points): in a Chinese, Japanese or
    Korean document it is the document's language (hanzi, kanji, hanja), in the region's face
    the PDF uses (:func:`resume_builder.theming.cjk_region`: ``zh-Hant`` TC, ``zh-HK`` HK);
    elsewhere :data:`HAN_DEFAULT`, unless the same text holds kana or Hangul
    (:func:`han_language`). Bopomofo is Taiwanese Mandarin's (``zh-TW``).
    """
    primary = (_SUBTAG.split(language or "", maxsplit=1)[0] or "").lower()
    own = EastAsian(_with_region(language), cjk_region(language)) if primary in ("zh", "ja", "ko") else None
    return {
        "ko": own if primary == "ko" and own else EastAsian("ko-KR", "KR"),
        "ja": own if primary == "ja" and own else EastAsian("ja-JP", "JP"),
        "zh-TW": own if own and own.region in ("TC", "HK") else EastAsian("zh-TW", "TC"),
        "han": own or HAN_DEFAULT,
    }


def han_language(context: str, languages: dict[str, EastAsian]) -> EastAsian:
    """The language of Han alone within ``context`` (the whole text it is part of: a company's
    name, a bullet): Japanese when the text also holds kana and no Hangul, Korean when it holds
    Hangul and no kana ("Sakura Logistics (さくら物流株式会社)", a Korean name with its hanja),
    else the document's (``languages["han"]``, :func:`document_languages`)."""
    kinds = {_kind(char) for char in context}
    if "ja" in kinds and "ko" not in kinds:
        return languages["ja"]
    if "ko" in kinds and "ja" not in kinds:
        return languages["ko"]
    return languages["han"]


def pieces(text: str, languages: dict[str, EastAsian], han: EastAsian) -> list[tuple[str, EastAsian | None]]:
    """``text`` cut into ``(piece, east_asian)`` pieces, in order; joined again they give ``text``.

    A piece with an :class:`EastAsian` is a stretch of East Asian characters (CJK punctuation
    included), with the spaces between them, all of one language: kana or Hangul makes it
    Japanese or Korean; Han, Bopomofo and CJK punctuation go with the letters in their stretch,
    and in a stretch of their own are ``han`` (:func:`han_language`). The others (None) hold the
    rest: Latin letters, digits, and the spaces and Latin punctuation around East Asian stretches.
    """
    kinds = [_kind(char) for char in text]
    out: list[tuple[str, EastAsian | None]] = []
    index = 0
    while index < len(text):
        if kinds[index] is None:
            end = index
            while end < len(text) and kinds[end] is None:
                end += 1
            out.append((text[index:end], None))
            index = end
            continue
        # A stretch: East Asian characters, joined across white space with East Asian characters
        # on both sides ("박지우 朴智友"), cut where kana meets Hangul.
        end, letters = index, set()
        while end < len(text):
            if kinds[end] is None:
                gap = end
                while gap < len(text) and text[gap].isspace():
                    gap += 1
                if gap == len(text) or kinds[gap] is None:
                    break
                end = gap
                continue
            if kinds[end] in ("ko", "ja") and ({"ko", "ja"} - {kinds[end]}) & letters:
                break
            if kinds[end] in ("ko", "ja"):
                letters.add(kinds[end])
            end += 1
        letter = next(iter(letters), None)
        if letter is None and "zh-TW" in kinds[index:end]:
            letter = "zh-TW"
        out.append((text[index:end], languages[letter] if letter else han))
        index = end
    return out


# ============================================================================ the font table

#: Windows' fonts for each region's text, serif (Myeongjo, Mincho, Song/Ming) then sans
#: (Gothic, Hei): what Word without Noto CJK is offered (``w:altName``).
_ALTERNATES = {"KR": ("Batang", "Malgun Gothic"), "JP": ("Yu Mincho", "Yu Gothic"),
               "SC": ("SimSun", "Microsoft YaHei"), "TC": ("PMingLiU", "Microsoft JhengHei"),
               "HK": ("PMingLiU", "Microsoft JhengHei")}
#: The Windows character set of each region's text (ECMA-376 Part 1, §17.8.3.2 ``charset``, in
#: hexadecimal: Windows' LOGFONT lfCharSet values HANGUL_CHARSET, SHIFTJIS_CHARSET,
#: GB2312_CHARSET, CHINESEBIG5_CHARSET): with the PANOSE number and signature, what a word
#: processor matches a substitute against when the font is not installed.
_CHARSETS = {"KR": "81", "JP": "80", "SC": "86", "TC": "88", "HK": "88"}
#: The Noto CJK faces' own PANOSE numbers and Unicode and code-page ranges (their OS/2 tables,
#: fonts-noto-cjk 2.004: the same in every region's face but for the code pages of TC and HK).
_PANOSE = {True: "02020400000000000000", False: "020B0500000000000000"}
_SIG = ("30000083", "2BDF3C10", "00000016", "00000000")
_CODE_PAGES = {"TC": "603A0107", "HK": "603A0107"}
_FACE = re.compile(r"^Noto (Serif|Sans) CJK (KR|JP|SC|TC|HK)$")


def substitute(name: str) -> FontSubstitute | None:
    """The font table's description of a Noto CJK face ``name`` (``Noto Sans CJK KR``) with the
    Windows/macOS font of its region and class as ``w:altName``, its character set, PANOSE and
    signature (ECMA-376 Part 1, §17.8.3); None for another name."""
    match = _FACE.match(name)
    if not match:
        return None
    serif, region = match.group(1) == "Serif", match.group(2)
    return FontSubstitute(name=name, alt_name=_ALTERNATES[region][0 if serif else 1], charset=_CHARSETS[region],
                          family="roman" if serif else "swiss", panose=_PANOSE[serif],
                          sig=(*_SIG, _CODE_PAGES.get(region, "602E0107"), "00000000"))
