"""The DOCX font table and the theme's fonts embedded in the package, as Word does it.

A DOCX names its fonts; a machine without them substitutes whatever it has (LibreOffice set
the serif classic theme in a sans face). Word's answer is embedded fonts (ECMA-376 Part 1
§17.8.1, §17.8.3.3-§17.8.3.6): the font table lists each font with its fallbacks and points
at font parts by relationship; each part is a TrueType file *obfuscated* with a GUID key
(§17.8.1: the first 32 bytes XORed with the key's 16 bytes, taken from the GUID's hex
digits in reverse order), content type ``application/vnd.openxmlformats-officedocument.
obfuscatedFont`` (``.odttf``); ``w:embedTrueTypeFonts`` in the settings says to keep them.

What is embedded, and how:

- only the faces the document uses: for each run, its font family and bold/italic are
  resolved through run properties, character style, paragraph style chain and document
  defaults; Word has four slots per family (regular, bold, italic, bold italic);
- each face subset (fontTools) to the characters its runs use plus printable ASCII, so a
  small edit still finds its glyphs, without OpenType layout tables (Word applies no
  kerning or ligatures unless asked, and they would triple the time to subset); ``w:saveSubsetFonts`` tells Word the fonts are subsets
  and to keep them so when it saves; ``w:subsetted`` marks each embedded face;
- a variable font file is instantiated at the face's weight (fontTools' instancer), and each
  embedded file is renamed to the family the document names (name IDs 1, 2, 4, 6) with the
  right weight class and style bits, so Word and LibreOffice match it to ``w:rFonts``;
- reproducible: the GUID key is derived from the face's bytes (UUID 5), the font's
  ``head.modified`` keeps the file's own date, so the same input gives the same bytes.

Fallbacks in the font table (§17.8.3): ``w:altName`` (Cambria for serif families, Calibri
for sans: Office installs both on Windows and macOS), ``w:panose1``, ``w:charset``,
``w:family`` and ``w:pitch`` read from the font file's OS/2 table, and ``w:sig`` (its
Unicode and code-page ranges) so Word can tell which scripts the font covers. Fonts the
theme does not ship but runs name (the Noto CJK faces of East Asian text) are described by
the caller (:class:`FontSubstitute`): a regional ``w:altName`` and ``w:charset``.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import uuid
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn

from resume_builder.theming import WIDTH_NAMES, FontFace, Theme

__all__ = ["OBFUSCATED_FONT_TYPE", "EMOJI_FONT", "FontSubstitute", "deobfuscate", "embed_fonts", "is_serif",
           "obfuscate", "split_emoji"]

OBFUSCATED_FONT_TYPE = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

#: The colour-emoji font named for emoji runs: Noto Color Emoji (Linux, and what the PDF
#: uses), with Segoe UI Emoji (Windows) as the font table's alternative name.
EMOJI_FONT = "Noto Color Emoji"
EMOJI_ALT = "Segoe UI Emoji"

# Emoji shown as emoji by default (Unicode emoji-data.txt, Emoji_Presentation=Yes: the
# pictographic planes and the listed BMP symbols), or any symbol followed by U+FE0F (emoji
# presentation selector); then skin tones, keycaps, tags and zero-width-joined sequences.
# © ® ™ and arrows without U+FE0F stay text, set in the theme's font.
_EMOJI_DEFAULT = ("[\U0001F000-\U0001FAFF\u231A\u231B\u23E9-\u23EC\u23F0\u23F3\u25FD\u25FE"
                  "\u2614\u2615\u2648-\u2653\u267F\u2693\u26A1\u26AA\u26AB\u26BD\u26BE\u26C4"
                  "\u26C5\u26CE\u26D4\u26EA\u26F2-\u26F5\u26FA\u26FD\u2705\u270A\u270B\u2728"
                  "\u274C\u274E\u2753-\u2755\u2757\u2795-\u2797\u27B0\u27BF\u2B1B\u2B1C\u2B50"
                  "\u2B55]")
_EMOJI_ONE = f"(?:{_EMOJI_DEFAULT}|[#*0-9\u00A9\u00AE\u2000-\u2BFF\u3030\u303D\u3297\u3299]\uFE0F)"
_EMOJI_TAIL = "[\uFE0F\u20E3\U0001F3FB-\U0001F3FF\U000E0020-\U000E007F]*"
EMOJI_RE = re.compile(f"(?:{_EMOJI_ONE}{_EMOJI_TAIL}(?:\u200D(?:{_EMOJI_ONE}|{_EMOJI_DEFAULT}|"
                      f"[\u2600-\u27BF]){_EMOJI_TAIL})*)+")


def split_emoji(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, is_emoji) runs, in order; joined again they give ``text``."""
    pieces, start = [], 0
    for match in EMOJI_RE.finditer(text):
        if match.start() > start:
            pieces.append((text[start:match.start()], False))
        pieces.append((match.group(), True))
        start = match.end()
    if start < len(text) or not pieces:
        pieces.append((text[start:], False))
    return pieces


_SLOTS = {(False, False): "w:embedRegular", (True, False): "w:embedBold",
          (False, True): "w:embedItalic", (True, True): "w:embedBoldItalic"}
_STYLE_NAMES = {(False, False): "Regular", (True, False): "Bold", (False, True): "Italic",
                (True, True): "Bold Italic"}
_ASCII = frozenset(chr(cp) for cp in range(0x20, 0x7F))


# ============================================================================ obfuscation


def _key_bytes(key: str) -> bytes:
    """The 16 XOR bytes of a ``{XXXXXXXX-XXXX-…}`` font key: its hex digits read backwards."""
    digits = key.strip("{}").replace("-", "")
    if len(digits) != 32:
        raise ValueError(f"font key {key!r} is not a GUID")
    return bytes(int(digits[i:i + 2], 16) for i in range(30, -2, -2))


def obfuscate(data: bytes, key: str) -> bytes:
    """ECMA-376 Part 1 §17.8.1: XOR the first 32 bytes of the font with the key (twice over)."""
    mask = _key_bytes(key)
    head = bytes(byte ^ mask[i % 16] for i, byte in enumerate(data[:32]))
    return head + data[32:]


deobfuscate = obfuscate  # XOR is its own inverse


# ============================================================================ which faces


@dataclass
class _Props:
    font: str | None = None
    bold: bool | None = None
    italic: bool | None = None


def _on(element) -> bool | None:
    if element is None:
        return None
    return element.get(qn("w:val"), "true").lower() not in ("0", "false", "off")


def _read_rpr(rpr) -> _Props:
    if rpr is None:
        return _Props()
    fonts = rpr.find(qn("w:rFonts"))
    return _Props(fonts.get(qn("w:ascii")) if fonts is not None else None,
                  _on(rpr.find(qn("w:b"))), _on(rpr.find(qn("w:i"))))


class _Styles:
    """Run properties through the style chain (§17.7.2): direct > character > paragraph > defaults."""

    def __init__(self, styles_element):
        self.styles = {}
        for style in styles_element.findall(qn("w:style")):
            based = style.find(qn("w:basedOn"))
            self.styles[style.get(qn("w:styleId"))] = (
                based.get(qn("w:val")) if based is not None else None, _read_rpr(style.find(qn("w:rPr"))))
        defaults = styles_element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
        self.defaults = _read_rpr(defaults)

    def chain(self, style_id: str | None) -> list[_Props]:
        out, seen = [], set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            based, props = self.styles[style_id]
            out.append(props)
            style_id = based
        return out

    def resolve(self, run, paragraph_style: str | None) -> tuple[str | None, bool, bool]:
        rpr = run.find(qn("w:rPr"))
        layers = [_read_rpr(rpr)]
        if rpr is not None and rpr.find(qn("w:rStyle")) is not None:
            layers += self.chain(rpr.find(qn("w:rStyle")).get(qn("w:val")))
        layers += self.chain(paragraph_style) + [self.defaults]

        def first(attr):
            return next((getattr(p, attr) for p in layers if getattr(p, attr) is not None), None)

        return first("font"), bool(first("bold")), bool(first("italic"))


def used_faces(document) -> dict[tuple[str, bool, bool], set[str]]:
    """{(family, bold, italic): characters} for every run of the body, headers and footers,
    and every list level's bullet text."""
    styles = _Styles(document.styles.element)
    roots = [document.element]
    for section in document.sections:
        for part in (section.footer, section.header):
            if not part.is_linked_to_previous:
                roots.append(part._element)
    used: dict[tuple[str, bool, bool], set[str]] = {}
    for root in roots:
        for paragraph in root.iter(qn("w:p")):
            style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            style_id = style.get(qn("w:val")) if style is not None else None
            for run in paragraph.iter(qn("w:r")):
                text = "".join(t.text or "" for t in run.iter(qn("w:t")))
                family, bold, italic = styles.resolve(run, style_id)
                if family:
                    used.setdefault((family, bold, italic), set()).update(text)
    try:  # list bullets: each level's text in its own run properties
        numbering = document.part.part_related_by(RT.NUMBERING).element
    except KeyError:
        numbering = None
    if numbering is not None:
        for level in numbering.iter(qn("w:lvl")):
            text = level.find(qn("w:lvlText"))
            props = _read_rpr(level.find(qn("w:rPr")))
            family = props.font or styles.defaults.font
            if text is not None and family:
                key = (family, bool(props.bold), bool(props.italic))
                used.setdefault(key, set()).update(text.get(qn("w:val"), ""))
    return used


# ============================================================================ the font files


def _face_for(faces: list[FontFace], family: str, bold: bool, italic: bool) -> FontFace | None:
    weight, style = (700 if bold else 400), ("italic" if italic else "normal")
    return next((f for f in faces if f.word_family == family and f.weight == weight and f.style == style), None)


@lru_cache(maxsize=32)
def _cmap(path: Path) -> frozenset[str]:
    from fontTools.ttLib import TTFont

    return frozenset(chr(cp) for cp in TTFont(str(path), lazy=True).getBestCmap())


@lru_cache(maxsize=64)
def _embeddable(path: Path, weight: int, width: float, family: str, bold: bool, italic: bool,
                chars: frozenset[str]) -> bytes:
    """A static TrueType subset of ``path`` for ``chars``, named ``family`` + Regular/Bold/…

    From the disk font cache (render/font_cache.py) when another process made the same one.
    """
    import fontTools

    from resume_builder.render import font_cache

    parts = ("docx", font_cache.file_digest(path), weight, width, family, bold, italic, "".join(sorted(chars)),
             fontTools.version, os.environ.get("SOURCE_DATE_EPOCH"))  # fontTools stamps with it
    return font_cache.remember(parts, lambda: _compute_embeddable(path, weight, width, family, bold, italic, chars))


def _compute_embeddable(path: Path, weight: int, width: float, family: str, bold: bool, italic: bool,
                        chars: frozenset[str]) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(str(path), recalcTimestamp=False, lazy=True)
    options = subset.Options()
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    # No OpenType layout: Word applies none by default (no w:kern in our styles), and
    # subsetting GSUB/GPOS costs 3-5x the time (about 1 s a face instead of 0.2 s).
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF"]
    options.hinting = False
    options.glyph_names = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes={ord(c) for c in chars})
    from resume_builder.render.font_subset import quiet_font_tools

    with quiet_font_tools():
        subsetter.subset(font)
    if "fvar" in font:
        from fontTools.varLib import instancer

        location = {axis.axisTag: axis.defaultValue for axis in font["fvar"].axes}
        if "wght" in location:
            location["wght"] = weight
        if "wdth" in location:
            location["wdth"] = width
        font = instancer.instantiateVariableFont(font, location)
    _rename(font, family, bold, italic, weight, width)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _rename(font, family: str, bold: bool, italic: bool, weight: int, width: float) -> None:
    style = _STYLE_NAMES[(bold, italic)]
    full = family if style == "Regular" else f"{family} {style}"
    postscript = "".join(ch for ch in f"{family}-{style}" if ch.isalnum() or ch == "-")
    table = font["name"]
    table.names = [record for record in table.names if record.nameID not in (1, 2, 3, 4, 6, 16, 17, 21, 22, 25)]
    for name_id, value in ((1, family), (2, style), (3, f"{postscript};resume-builder"), (4, full), (6, postscript)):
        table.setName(value, name_id, 3, 1, 0x409)
    os2 = font["OS/2"]
    os2.usWeightClass = weight
    classes = sorted(WIDTH_NAMES)
    os2.usWidthClass = classes.index(min(classes, key=lambda c: abs(c - width))) + 1
    selection = os2.fsSelection & ~(0x01 | 0x20 | 0x40)
    selection |= (0x01 if italic else 0) | (0x20 if bold else 0) | (0x40 if not (bold or italic) else 0)
    os2.fsSelection = selection
    font["head"].macStyle = (0x01 if bold else 0) | (0x02 if italic else 0)


def _font_key(data: bytes) -> str:
    """A GUID derived from the font bytes (UUID 5), so the same font gives the same key."""
    digest = hashlib.sha256(data).hexdigest()
    return "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, "resume-builder:font:" + digest)).upper() + "}"


# ============================================================================ the font table


@dataclass(frozen=True)
class _FontInfo:
    panose: str
    family: str  # roman or swiss (ST_FontFamily)
    sig: tuple[str, str, str, str, str, str]


@lru_cache(maxsize=32)
def _font_info(path: Path) -> _FontInfo:
    from fontTools.ttLib import TTFont

    os2 = TTFont(str(path), lazy=True)["OS/2"]
    p = os2.panose
    values = (p.bFamilyType, p.bSerifStyle, p.bWeight, p.bProportion, p.bContrast, p.bStrokeVariation,
              p.bArmStyle, p.bLetterForm, p.bMidline, p.bXHeight)
    # PANOSE Latin Text: serif styles 2-10 are serifs, 11-13 sans, 14-15 flared/rounded (sans).
    family = "roman" if p.bFamilyType == 2 and 2 <= p.bSerifStyle <= 10 else "swiss"
    sig = (os2.ulUnicodeRange1, os2.ulUnicodeRange2, os2.ulUnicodeRange3, os2.ulUnicodeRange4,
           getattr(os2, "ulCodePageRange1", 0), getattr(os2, "ulCodePageRange2", 0))
    return _FontInfo("".join(f"{v:02X}" for v in values), family, tuple(f"{v:08X}" for v in sig))


@dataclass(frozen=True)
class FontSubstitute:
    """A font the document names but does not embed, as its font table entry describes it
    (ECMA-376 Part 1, §17.8.3): ``alt_name`` the font to use instead, ``charset`` a Windows
    character set in hexadecimal (``81``: Hangul), ``family`` roman or swiss, ``panose`` 20 hex
    digits, ``sig`` the six hex words of the Unicode and code-page ranges."""

    name: str
    alt_name: str
    charset: str
    family: str
    panose: str
    sig: tuple[str, str, str, str, str, str]


def is_serif(theme: Theme | None, family: str) -> bool:
    """Whether the font ``family`` (a name the DOCX uses, e.g. ``Noto Serif SemiCondensed``) has
    serifs: by the PANOSE number of the theme's file for it (:func:`_font_info`), else by its name
    (``Serif`` and not ``Sans`` in it)."""
    from resume_builder.errors import UserError

    try:
        faces = theme.font_faces() if theme is not None else []
    except UserError:
        faces = []
    face = next((face for face in faces if face.word_family == family), None)
    if face is not None:
        return _font_info(face.path).family == "roman"
    return "serif" in family.lower() and "sans" not in family.lower()


def _el(tag: str, **attrs) -> OxmlElement:
    element = OxmlElement(tag)
    for name, value in attrs.items():
        element.set(qn(name.replace("_", ":", 1)), value)
    return element


def _substitute_entry(font: FontSubstitute):
    """A ``w:font`` for a font the document does not embed, children in schema order (CT_Font)."""
    u0, u1, u2, u3, c0, c1 = font.sig
    entry = _el("w:font", w_name=font.name)
    for child in (_el("w:altName", w_val=font.alt_name), _el("w:panose1", w_val=font.panose),
                  _el("w:charset", w_val=font.charset), _el("w:family", w_val=font.family),
                  _el("w:pitch", w_val="variable"),
                  _el("w:sig", w_usb0=u0, w_usb1=u1, w_usb2=u2, w_usb3=u3, w_csb0=c0, w_csb1=c1)):
        entry.append(child)
    return entry


def _font_entry(name: str, info: _FontInfo | None, embeds: dict[tuple[bool, bool], tuple[str, str]]):
    """A ``w:font`` with its children in schema order (CT_Font, §17.8.3.10)."""
    font = _el("w:font", w_name=name)
    if name == EMOJI_FONT:
        font.append(_el("w:altName", w_val=EMOJI_ALT))
        font.append(_el("w:charset", w_val="00"))
        font.append(_el("w:family", w_val="auto"))
        font.append(_el("w:pitch", w_val="variable"))
        return font
    serif = info.family == "roman" if info else ("serif" in name.lower() and "sans" not in name.lower())
    font.append(_el("w:altName", w_val="Cambria" if serif else "Calibri"))
    if info:
        font.append(_el("w:panose1", w_val=info.panose))
    font.append(_el("w:charset", w_val="00"))
    font.append(_el("w:family", w_val="roman" if serif else "swiss"))
    font.append(_el("w:pitch", w_val="variable"))
    if info:
        u0, u1, u2, u3, c0, c1 = info.sig
        font.append(_el("w:sig", w_usb0=u0, w_usb1=u1, w_usb2=u2, w_usb3=u3, w_csb0=c0, w_csb1=c1))
    for slot in ((False, False), (True, False), (False, True), (True, True)):
        if slot in embeds:
            rid, key = embeds[slot]
            font.append(_el(_SLOTS[slot], r_id=rid, w_fontKey=key, w_subsetted="1"))
    return font


def _set_settings(document) -> None:
    """``w:embedTrueTypeFonts`` and ``w:saveSubsetFonts`` in schema order (CT_Settings, §17.15.1)."""
    settings = document.part.part_related_by(RT.SETTINGS)._element  # what the part serialises
    for tag in ("w:embedTrueTypeFonts", "w:saveSubsetFonts"):
        for old in settings.findall(qn(tag)):
            settings.remove(old)
    before = [qn(t) for t in ("w:writeProtection", "w:view", "w:zoom", "w:removePersonalInformation",
                              "w:removeDateAndTime", "w:doNotDisplayPageBoundaries", "w:displayBackgroundShape",
                              "w:printPostScriptOverText", "w:printFractionalCharacterWidth",
                              "w:printFormsData")]
    anchor = None
    for child in settings:
        if child.tag in before:
            anchor = child
    position = settings.index(anchor) + 1 if anchor is not None else 0
    settings.insert(position, _el("w:embedTrueTypeFonts"))
    embed_system = settings.find(qn("w:embedSystemFonts"))
    settings.insert(settings.index(embed_system) + 1 if embed_system is not None else position + 1,
                    _el("w:saveSubsetFonts"))


def embed_fonts(document, theme: Theme, families: list[str], *, emoji: bool,
                substitutes: tuple[FontSubstitute, ...] = ()) -> None:
    """Write the font table for ``families`` (and the emoji font when ``emoji``, then the fonts
    ``substitutes`` describe), embedding the theme's faces the document uses. Call after the
    body, header and footer are filled.

    Raises nothing for a family the theme does not ship (it is listed, not embedded).
    """
    from resume_builder.errors import UserError

    try:
        faces = theme.font_faces()
    except UserError:
        faces = []
    used = used_faces(document)
    table_part = document.part.part_related_by(RT.FONT_TABLE)
    for rid, rel in list(table_part.rels.items()):
        if rel.reltype == RT.FONT:
            del table_part.rels[rid]
    described = {font.name for font in substitutes}
    names = [name for name in dict.fromkeys([*families, *(family for family, _b, _i in used)])
             if name != EMOJI_FONT and name not in described]
    emoji = emoji or any(family == EMOJI_FONT for family, _b, _i in used)
    entries, number = [], 0
    for name in names:
        embeds: dict[tuple[bool, bool], tuple[str, str]] = {}
        info = None
        for bold, italic in ((False, False), (True, False), (False, True), (True, True)):
            chars = used.get((name, bold, italic))
            face = _face_for(faces, name, bold, italic)
            if face is None:
                continue
            info = info or _font_info(face.path)
            if chars is None or not chars & _cmap(face.path):  # e.g. upright Hangul in italics: drawn by its CJK face
                continue
            wanted = frozenset((chars | _ASCII) & _cmap(face.path))  # same subset, same cache entry
            data = _embeddable(face.path, face.weight, face.width, name, bold, italic, wanted)
            key = _font_key(data)
            number += 1
            part = Part(PackURI(f"/word/fonts/font{number}.odttf"), OBFUSCATED_FONT_TYPE,
                        obfuscate(data, key), document.part.package)
            embeds[(bold, italic)] = (table_part.relate_to(part, RT.FONT), key)
        if info is None:
            info = next((_font_info(f.path) for f in faces if f.word_family == name), None)
        entries.append(_font_entry(name, info, embeds))
    if emoji:
        entries.append(_font_entry(EMOJI_FONT, None, {}))
    entries.extend(_substitute_entry(font) for font in substitutes)
    root = parse_xml(f'<w:fonts xmlns:w="{W_NS}" '
                     'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>')
    root.extend(entries)
    from lxml import etree

    table_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    if number:
        _set_settings(document)
