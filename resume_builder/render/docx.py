"""DOCX through python-docx: ATS-readable structure, the theme's look, reproducible bytes.

Structure a résumé parser can read, built only from Word's built-in styles plus a few
plain paragraph styles based on Normal:

- the name is ``Title``, the headline ``Subtitle``, the contact details one paragraph in
  the body (``Contact Line``), never in a header, table or text box;
- each section title is ``Heading 1`` (capitals and the bottom rule in the accent colour
  are style formatting: the text stays as written);
- each entry's first line is ``Heading 2``: title, subtitle after an em dash, then a tab
  to a right tab stop at the text width and the date and location;
- highlights are ``List Bullet``, their sub-points ``List Bullet 2``; pairs (skills,
  languages) and fields (technologies, courses) are ``Label: value`` paragraphs;
- links (contacts, entry URLs, Markdown links) are real ``w:hyperlink`` elements with
  an external relationship; inline Markdown becomes bold and italic runs.

The font table, the embedded theme fonts and the emoji font of emoji runs come from
:mod:`resume_builder.render.docx_fonts`.

The styles, list numbering and settings are written from scratch (the
template python-docx ships carries another program's identity, 800 KB of unused styles
and a thumbnail); a theme may give ``[docx] reference_docx`` to start from its own Word
file instead, whose styles then win. Page size and margins come from the theme options;
the footer holds only a page-number field.

Sizes: the ``[docx]`` table gives the look at the theme's default options; the profile's
font size, line height and spacing options scale it. ``line_spacing``, when the theme sets
it, is Word's "multiple" (of the font's own line height); otherwise the line pitch is
computed from the font file to match the PDF's CSS ``line-height``.

The package is re-zipped after python-docx saves it: fixed member order, timestamps
from SOURCE_DATE_EPOCH and no trace of the library, so the same input gives the same
bytes in any process.
"""

from __future__ import annotations

import io
import re
import struct
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import quoteattr

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn

from resume_builder.containment import contained
from resume_builder.document import Bullet, Document, Entry, RichText, Section
from resume_builder.render.docx_fonts import EMOJI_FONT, embed_fonts, split_emoji
from resume_builder.errors import UserError
from resume_builder.markdown import Span
from resume_builder.output import build_datetime
from resume_builder.theming import CODE_FONT_DOCX, DocxStyle, Theme, ThemeOptions

__all__ = ["STYLE_NAMES", "DocxLook", "render_docx", "resolve_look"]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

SEP = " · "
DASH = " — "

#: The paragraph and character styles the renderer uses: key -> (style name, type).
STYLE_NAMES = {
    "normal": ("Normal", "paragraph"),
    "title": ("Title", "paragraph"),
    "subtitle": ("Subtitle", "paragraph"),
    "contacts": ("Contact Line", "paragraph"),
    "heading1": ("Heading 1", "paragraph"),
    "heading2": ("Heading 2", "paragraph"),
    "description": ("Entry Description", "paragraph"),
    "field": ("Entry Field", "paragraph"),
    "pair": ("Pair Line", "paragraph"),
    "bullet": ("List Bullet", "paragraph"),
    "bullet2": ("List Bullet 2", "paragraph"),
    "footer": ("Footer", "paragraph"),
    "hyperlink": ("Hyperlink", "character"),
}

PAGE_SIZES_MM = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}

# Characters XML 1.0 cannot hold (the document model already drops control characters;
# this is a last guard so a stray one can never make the file unreadable).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_LINE_BREAKS = re.compile(r"\r\n|[\n\r\t\x85\u2028\u2029]")


def _safe(text: str) -> str:
    return _XML_INVALID.sub("", _LINE_BREAKS.sub(" ", text))


# ============================================================================ the look


@dataclass(frozen=True)
class DocxLook:
    """Every number and name the writer needs, resolved from the theme and its options.

    Sizes are in points, spacing in points, colours as ``RRGGBB``.
    """

    body_font: str
    heading_font: str
    font_size: float
    name_size: float
    headline_size: float
    heading_size: float
    entry_title_size: float
    small_size: float
    text_color: str
    muted_color: str
    accent_color: str
    heading_color: str
    name_color: str
    heading_caps: str  # "caps", "small_caps" or "" (as written)
    masthead_align: str | None  # "center", "left", or None: the paragraph's leading edge (RTL)
    headline_color: str
    headline_italic: bool
    heading_rule: bool
    heading_before: float
    heading_after: float
    paragraph_after: float
    line_spacing: float  # a multiple of the font's single line
    language: str
    rtl: bool
    page_width_mm: float
    page_height_mm: float
    margins_mm: float
    page_numbers: bool
    cs_font: str | None = None  # the complex-script font (w:cs) of a right-to-left document

    @property
    def text_width_twips(self) -> int:
        return _twips_mm(self.page_width_mm - 2 * self.margins_mm)


def _hex(value: str, what: str, theme: Theme) -> str:
    value = value.strip()
    if not re.fullmatch(r"#?(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})", value):
        raise UserError(f"theme '{theme.name}': [docx] {what} '{value}' is not a hex colour like #1f3a5f")
    value = value.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    return value.upper()


def _theme_default(theme: Theme, key: str):
    if key in theme.default_options:
        return theme.default_options[key]
    return ThemeOptions.model_fields[key].default


def _changed(theme: Theme, options: ThemeOptions, key: str) -> bool:
    """Whether the profile or command line set ``key`` away from the theme's default."""
    default = _theme_default(theme, key)
    value = getattr(options, key)
    if isinstance(value, str) and isinstance(default, str):
        return value.strip().lower() != default.strip().lower()
    return value != default


def _ratio(theme: Theme, options: ThemeOptions, key: str) -> float:
    base = float(_theme_default(theme, key) or 0)
    return float(getattr(options, key)) / base if base > 0 else 1.0


def resolve_look(theme: Theme, options: ThemeOptions, *, language: str = "en", rtl: bool = False) -> DocxLook:
    """Merge the theme's ``[docx]`` table with the options.

    The ``[docx]`` values describe the theme at its default options; options the profile
    changes (font family, accent and text colours) win, and the font size, line height and
    spacing options scale the DOCX sizes and gaps by the same ratio as the PDF's.
    """
    style: DocxStyle = theme.docx_style
    family_changed = _changed(theme, options, "font_family")
    body_font = options.font_family if family_changed or not style.body_font else style.body_font
    heading_font = body_font if family_changed or not style.heading_font else style.heading_font
    if not body_font:
        body_font = "Calibri"
        heading_font = heading_font or body_font
    word_names = {font.family: font.word_family for font in theme.fonts}
    body_font, heading_font = word_names.get(body_font, body_font), word_names.get(heading_font, heading_font)

    size = _ratio(theme, options, "font_size")
    gap = _ratio(theme, options, "spacing")
    font_size = style.font_size * size if style.font_size else options.font_size

    accent = _hex(options.accent_color, "accent_color", theme)
    accent_changed = _changed(theme, options, "accent_color")
    heading_color = accent if accent_changed or not style.heading_color else _hex(style.heading_color, "heading_color", theme)
    name_color = accent if accent_changed or not style.name_color else _hex(style.name_color, "name_color", theme)
    text_color = (_hex(options.text_color, "text_color", theme) if _changed(theme, options, "text_color")
                  else _hex(style.text_color, "text_color", theme))

    if "line_spacing" in style.model_fields_set:
        line_spacing = style.line_spacing * _ratio(theme, options, "line_height")
    else:
        # Match the PDF's line pitch: CSS line-height is a multiple of the font size, Word's
        # "multiple" is one of the font's own line (ascent + descent, often 1.2-1.4 em).
        natural = _natural_line(theme, body_font)
        line_spacing = options.line_height / natural if natural else style.line_spacing
    width, height = PAGE_SIZES_MM[options.page_size]
    return DocxLook(
        body_font=body_font, heading_font=heading_font, font_size=font_size,
        name_size=style.name_size * size, headline_size=style.headline_size * size,
        heading_size=style.heading_size * size,
        entry_title_size=(style.entry_title_size * size) if style.entry_title_size else font_size,
        small_size=font_size * 0.92,
        text_color=text_color, muted_color=_hex(style.muted_color, "muted_color", theme),
        accent_color=accent, heading_color=heading_color, name_color=name_color,
        heading_caps=_caps_mode(style.heading_caps), heading_rule=style.heading_rule,
        # No w:jc for a leading-edge masthead: in a bidi paragraph Word and LibreOffice read
        # "left"/"right" as start/end, so "right" put an Arabic name on the left.
        masthead_align=(None if rtl else "left") if style.name_align == "left" else "center",
        headline_color=(accent if accent_changed else _hex(style.headline_color, "headline_color", theme))
        if style.headline_color else _hex(style.muted_color, "muted_color", theme),
        headline_italic=style.headline_italic,
        heading_before=style.heading_space_before * gap, heading_after=style.heading_space_after * gap,
        paragraph_after=style.paragraph_space_after * gap, line_spacing=line_spacing,
        language=language or "en", rtl=rtl, page_width_mm=width, page_height_mm=height,
        margins_mm=options.margins, page_numbers=options.page_numbers,
        cs_font=complex_script_font(language) if rtl else None,
    )


#: The font named for complex-script text (``w:rFonts/@w:cs``) per language: the Noto faces the
#: PDF falls back to (README's font table), with real bold faces.
_CS_FONTS = {"ar": "Noto Sans Arabic", "fa": "Noto Sans Arabic", "ur": "Noto Sans Arabic",
             "ps": "Noto Sans Arabic", "ckb": "Noto Sans Arabic", "he": "Noto Sans Hebrew",
             "yi": "Noto Sans Hebrew"}


def complex_script_font(language: str | None) -> str | None:
    """The font for the right-to-left script of a BCP 47 ``language``; None if not known."""
    return _CS_FONTS.get((language or "").split("-")[0].lower())


def _caps_mode(value) -> str:
    """``heading_caps``: true means capitals (as most themes' CSS ``text-transform``); a
    string naming small capitals ("small", "small_caps", "small-caps") means small capitals."""
    if isinstance(value, str):
        lowered = value.strip().lower().replace("-", "_")
        if lowered.startswith("small"):
            return "small_caps"
        return "caps" if lowered in ("true", "caps", "all", "upper", "uppercase", "yes") else ""
    return "caps" if value else ""


_NATURAL_CACHE: dict[Path, float | None] = {}


def _natural_line(theme: Theme, family: str) -> float | None:
    """The regular face's line height in ems as Word computes it (winAscent + winDescent)."""
    try:
        faces = theme.font_faces()
    except UserError:
        return None
    face = next((f for f in faces if f.word_family == family and f.weight == 400 and f.style == "normal"), None)
    if face is None:
        return None
    if face.path not in _NATURAL_CACHE:
        _NATURAL_CACHE[face.path] = _read_win_metrics(face.path)
    return _NATURAL_CACHE[face.path]


def _read_win_metrics(path: Path) -> float | None:
    """(usWinAscent + usWinDescent) / unitsPerEm from a TrueType/OpenType file, or None."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(12)
            if len(header) < 12:
                return None
            count = struct.unpack(">H", header[4:6])[0]
            directory = handle.read(16 * count)
            tables = {}
            for i in range(count):
                tag, _checksum, offset, length = struct.unpack(">4sIII", directory[16 * i:16 * i + 16])
                tables[tag] = (offset, length)
            if b"OS/2" not in tables or b"head" not in tables:
                return None
            handle.seek(tables[b"head"][0] + 18)
            units = struct.unpack(">H", handle.read(2))[0]
            handle.seek(tables[b"OS/2"][0] + 74)
            ascent, descent = struct.unpack(">HH", handle.read(4))
    except (OSError, struct.error):
        return None
    if not units or not ascent:
        return None
    return (ascent + descent) / units


# ============================================================================ units and XML


def _twips(points: float) -> int:
    return round(points * 20)


def _twips_mm(mm: float) -> int:
    return round(mm / 25.4 * 1440)


def _half(points: float) -> int:
    return round(points * 2)


def _attr(value) -> str:
    return quoteattr(str(value))


def _rpr_xml(*, font: str | None = None, bold: bool | None = None, italic: bool | None = None,
             caps: bool = False, small_caps: bool = False, color: str | None = None, letter_spacing: float | None = None,
             size: float | None = None, underline: str | None = None, lang: str | None = None,
             rtl_lang: bool = False, cs_font: str | None = None) -> str:
    """A ``w:rPr`` with its children in schema order (Word rejects any other order).

    ``font`` is for Latin text (``w:ascii``, ``w:hAnsi``); ``cs_font`` for complex scripts
    (``w:cs``: Arabic, Hebrew), set in right-to-left documents only.
    """
    parts = []
    if font or cs_font:  # East Asian text keeps the word processor's fonts
        attrs = f" w:ascii={_attr(font)} w:hAnsi={_attr(font)}" if font else ""
        attrs += f" w:cs={_attr(cs_font)}" if cs_font else ""
        parts.append(f"<w:rFonts{attrs}/>")
    if bold is not None:
        v = "" if bold else ' w:val="0"'
        parts.append(f"<w:b{v}/><w:bCs{v}/>")
    if italic is not None:
        v = "" if italic else ' w:val="0"'
        parts.append(f"<w:i{v}/><w:iCs{v}/>")
    if caps:
        parts.append("<w:caps/>")
    if small_caps:
        parts.append("<w:smallCaps/>")
    if color:
        parts.append(f"<w:color w:val={_attr(color)}/>")
    if letter_spacing:
        parts.append(f'<w:spacing w:val="{_twips(letter_spacing)}"/>')
    if size:
        parts.append(f'<w:sz w:val="{_half(size)}"/><w:szCs w:val="{_half(size)}"/>')
    if underline:
        parts.append(f"<w:u w:val={_attr(underline)}/>")
    if lang:
        east_asian = f" w:eastAsia={_attr(lang)}" if lang.split("-")[0].lower() in ("ja", "ko", "zh") else ""
        bidi = f" w:bidi={_attr(lang)}" if rtl_lang else ""
        parts.append(f"<w:lang w:val={_attr(lang)}{east_asian}{bidi}/>")
    return f"<w:rPr>{''.join(parts)}</w:rPr>" if parts else ""


def _ppr_xml(*, keep_next: bool = False, widow_control: bool = False, num_id: int | None = None,
             rule: tuple[str, float] | None = None, tab_right: int | None = None, bidi: bool = False,
             before: float | None = None, after: float | None = None, line: float | None = None,
             indent: tuple[int, int] | None = None, jc: str | None = None, outline: int | None = None,
             contextual: bool = False) -> str:
    parts = []
    if keep_next:
        parts.append("<w:keepNext/>")
    if widow_control:
        parts.append("<w:widowControl/>")
    if num_id is not None:
        parts.append(f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>')
    if rule:
        color, width = rule
        parts.append(f'<w:pBdr><w:bottom w:val="single" w:sz="{max(2, round(width * 8))}" w:space="1" '
                     f"w:color={_attr(color)}/></w:pBdr>")
    if tab_right is not None:
        parts.append(f'<w:tabs><w:tab w:val="right" w:pos="{tab_right}"/></w:tabs>')
    if bidi:
        parts.append("<w:bidi/>")
    spacing = []
    if before is not None:
        spacing.append(f'w:before="{_twips(before)}"')
    if after is not None:
        spacing.append(f'w:after="{_twips(after)}"')
    if line is not None:
        spacing.append(f'w:line="{round(240 * line)}" w:lineRule="auto"')
    if spacing:
        parts.append(f"<w:spacing {' '.join(spacing)}/>")
    if indent:
        parts.append(f'<w:ind w:left="{indent[0]}" w:hanging="{indent[1]}"/>')
    if contextual:
        parts.append("<w:contextualSpacing/>")
    if jc:
        parts.append(f"<w:jc w:val={_attr(jc)}/>")
    if outline is not None:
        parts.append(f'<w:outlineLvl w:val="{outline}"/>')
    return f"<w:pPr>{''.join(parts)}</w:pPr>" if parts else ""


def _style_xml(style_id: str, name: str, kind: str, *, based_on: str | None = None, next_id: str | None = None,
               priority: int | None = None, default: bool = False, qformat: bool = True,
               semi_hidden: bool = False, ppr: str = "", rpr: str = "") -> str:
    attrs = f'w:type="{kind}"' + (' w:default="1"' if default else "") + f" w:styleId={_attr(style_id)}"
    inner = [f"<w:name w:val={_attr(name)}/>"]
    if based_on:
        inner.append(f"<w:basedOn w:val={_attr(based_on)}/>")
    if next_id:
        inner.append(f"<w:next w:val={_attr(next_id)}/>")
    if priority is not None:
        inner.append(f'<w:uiPriority w:val="{priority}"/>')
    if semi_hidden:
        inner.append("<w:semiHidden/><w:unhideWhenUsed/>")
    if qformat:
        inner.append("<w:qFormat/>")
    return f"<w:style {attrs}>{''.join(inner)}{ppr}{rpr}</w:style>"


# ============================================================================ styles


@dataclass(frozen=True)
class _StyleDef:
    key: str
    style_id: str
    xml: str


def _style_defs(look: DocxLook, bullet_nums: tuple[int, int]) -> list[_StyleDef]:
    """Every style the document uses, with the theme's fonts, sizes and colours."""
    L = look
    P = L.paragraph_after
    lang = {"lang": L.language, "rtl_lang": L.rtl}
    small = P * 0.3
    defs = [
        _StyleDef("normal", "Normal", _style_xml(
            "Normal", "Normal", "paragraph", default=True, priority=0,
            ppr=_ppr_xml(after=P, line=L.line_spacing, bidi=L.rtl),
            rpr=_rpr_xml(cs_font=L.cs_font, font=L.body_font, color=L.text_color, size=L.font_size, **lang))),
        _StyleDef("title", "Title", _style_xml(
            "Title", "Title", "paragraph", based_on="Normal", next_id="Subtitle", priority=10,
            ppr=_ppr_xml(keep_next=True, before=0, after=0, line=1.0, jc=L.masthead_align),
            rpr=_rpr_xml(cs_font=L.cs_font, font=L.heading_font, bold=True, color=L.name_color,
                         letter_spacing=L.name_size * 0.015, size=L.name_size))),
        _StyleDef("subtitle", "Subtitle", _style_xml(
            "Subtitle", "Subtitle", "paragraph", based_on="Normal", next_id="Normal", priority=11,
            ppr=_ppr_xml(keep_next=True, before=P * 0.6, after=P * 0.6, jc=L.masthead_align),
            rpr=_rpr_xml(cs_font=L.cs_font, font=L.heading_font, italic=L.headline_italic, bold=not L.headline_italic,
                         color=L.headline_color, size=L.headline_size))),
        _StyleDef("contacts", "ContactLine", _style_xml(
            "ContactLine", STYLE_NAMES["contacts"][0], "paragraph", based_on="Normal", next_id="Normal",
            ppr=_ppr_xml(after=P * 0.5, jc=L.masthead_align),
            rpr=_rpr_xml(color=L.muted_color, size=L.font_size * 0.9))),
        _StyleDef("heading1", "Heading1", _style_xml(
            "Heading1", "heading 1", "paragraph", based_on="Normal", next_id="Normal", priority=9,
            ppr=_ppr_xml(keep_next=True, rule=(L.heading_color, 0.6) if L.heading_rule else None,
                         before=L.heading_before, after=L.heading_after, line=1.0, outline=0),
            rpr=_rpr_xml(cs_font=L.cs_font, font=L.heading_font, bold=True, caps=L.heading_caps == "caps",
                         small_caps=L.heading_caps == "small_caps", color=L.heading_color,
                         letter_spacing=L.heading_size * (0.08 if L.heading_caps else 0.02),
                         size=L.heading_size))),
        _StyleDef("heading2", "Heading2", _style_xml(
            "Heading2", "heading 2", "paragraph", based_on="Normal", next_id="Normal", priority=9,
            # Contextual spacing: entries without a body stack without gaps, like the PDF's.
            ppr=_ppr_xml(keep_next=False, tab_right=L.text_width_twips, before=P * 1.2, after=small,
                         contextual=True, outline=1),
            rpr=_rpr_xml(cs_font=L.cs_font, font=L.body_font, bold=True, color=L.text_color, size=L.entry_title_size))),
        _StyleDef("description", "EntryDescription", _style_xml(
            "EntryDescription", STYLE_NAMES["description"][0], "paragraph", based_on="Normal",
            next_id="Normal", ppr=_ppr_xml(after=small),
            rpr=_rpr_xml(italic=True, color=L.muted_color))),
        _StyleDef("field", "EntryField", _style_xml(
            "EntryField", STYLE_NAMES["field"][0], "paragraph", based_on="Normal", next_id="Normal",
            ppr=_ppr_xml(after=small), rpr=_rpr_xml(size=L.font_size * 0.93))),
        _StyleDef("pair", "PairLine", _style_xml(
            "PairLine", STYLE_NAMES["pair"][0], "paragraph", based_on="Normal", next_id="PairLine",
            ppr=_ppr_xml(after=small))),
        _StyleDef("bullet", "ListBullet", _style_xml(
            "ListBullet", "List Bullet", "paragraph", based_on="Normal", priority=99, semi_hidden=True,
            ppr=_ppr_xml(num_id=bullet_nums[0], after=small, indent=(255, 170)))),
        _StyleDef("bullet2", "ListBullet2", _style_xml(
            "ListBullet2", "List Bullet 2", "paragraph", based_on="Normal", priority=99, semi_hidden=True,
            ppr=_ppr_xml(num_id=bullet_nums[1], after=small, indent=(510, 170)))),
        _StyleDef("footer", "Footer", _style_xml(
            "Footer", "footer", "paragraph", based_on="Normal", priority=99, semi_hidden=True, qformat=False,
            ppr=_ppr_xml(before=0, after=0, jc="right"),
            rpr=_rpr_xml(color="777777", size=7.5))),
        _StyleDef("hyperlink", "Hyperlink", _style_xml(
            "Hyperlink", "Hyperlink", "character", based_on="DefaultParagraphFont", priority=99,
            semi_hidden=True, qformat=False, rpr=_rpr_xml(underline="none"))),
    ]
    return defs


_BASE_STYLES = (
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
    '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
    '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
    '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
    '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
    '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
    '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
)


def _styles_xml(look: DocxLook, defs: list[_StyleDef]) -> bytes:
    doc_defaults = (
        "<w:docDefaults><w:rPrDefault>"
        + _rpr_xml(font=look.body_font, size=look.font_size, lang=look.language, rtl_lang=look.rtl,
                   cs_font=look.cs_font)
        + "</w:rPrDefault><w:pPrDefault>"
        + _ppr_xml(widow_control=True, after=0, line=1.0)
        + "</w:pPrDefault></w:docDefaults>"
    )
    body = doc_defaults + _BASE_STYLES + "".join(d.xml for d in defs)
    return (f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
            f'<w:styles xmlns:w="{W_NS}" xmlns:r="{R_NS}">{body}</w:styles>').encode()


def _numbering_xml(look: DocxLook, first_id: int, existing: bytes | None = None) -> bytes:
    """Bullet definitions for List Bullet (•) and List Bullet 2 (–), bullets in the accent colour."""
    def abstract(abstract_id: int, char: str, left: int, nsid: str) -> str:
        return (f'<w:abstractNum w:abstractNumId="{abstract_id}"><w:nsid w:val="{nsid}"/>'
                '<w:multiLevelType w:val="singleLevel"/>'
                '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
                f'<w:lvlText w:val={_attr(char)}/><w:lvlJc w:val="left"/>'
                f'<w:pPr><w:ind w:left="{left}" w:hanging="170"/></w:pPr>'
                + _rpr_xml(font=look.body_font, bold=False, italic=False, color=look.accent_color)
                + "</w:lvl></w:abstractNum>")

    a, b = first_id, first_id + 1
    abstracts = abstract(a, "\u2022", 255, "5E5B0001") + abstract(b, "\u2013", 510, "5E5B0002")
    nums = (f'<w:num w:numId="{a}"><w:abstractNumId w:val="{a}"/></w:num>'
            f'<w:num w:numId="{b}"><w:abstractNumId w:val="{b}"/></w:num>')
    if existing is None:
        return (f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
                f'<w:numbering xmlns:w="{W_NS}">{abstracts}{nums}</w:numbering>').encode()
    # A reference document's numbering: abstractNum elements must precede every num.
    root = parse_xml(existing)
    first_num = root.find(qn("w:num"))
    for element in parse_xml(f'<w:x xmlns:w="{W_NS}">{abstracts}</w:x>'):
        if first_num is not None:
            first_num.addprevious(element)
        else:
            root.append(element)
    for element in parse_xml(f'<w:x xmlns:w="{W_NS}">{nums}</w:x>'):
        root.append(element)
    return _serialise(root)


def _settings_xml(look: DocxLook) -> bytes:
    return (f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
            f'<w:settings xmlns:w="{W_NS}">'
            '<w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/>'
            '<w:characterSpacingControl w:val="doNotCompress"/>'
            '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" '
            'w:val="15"/></w:compat>'
            f"<w:themeFontLang w:val={_attr(look.language)}/>"
            '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>'
            "</w:settings>").encode()


def _serialise(element) -> bytes:
    from lxml import etree

    return etree.tostring(element, xml_declaration=True, encoding="UTF-8", standalone=True)


# ============================================================================ package set-up


_DROPPED_RELTYPES = {
    RT.THUMBNAIL, RT.CUSTOM_XML, RT.HEADER, RT.FOOTER,
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
}


def _open_package(theme: Theme):
    """A python-docx Document to fill: the theme's reference file or the bundled template."""
    reference = theme.docx_style.reference_docx
    if not reference:
        return docx.Document(), False
    path = None
    for folder in theme.folders:  # child first; each folder's candidate must stay inside that folder
        candidate = contained(folder, reference, owner=f"theme '{theme.name}'", what="[docx] reference_docx")
        if candidate.is_file():
            path = candidate
            break
    if path is None:
        raise UserError(f"theme '{theme.name}': [docx] reference_docx '{reference}' is not a file in the theme folder")
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(str(path)), True
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, SyntaxError, OSError) as exc:
        raise UserError(f"theme '{theme.name}': cannot open reference_docx {path}: {exc}") from None


def _strip_package(document) -> None:
    """Drop parts a résumé must not carry: thumbnail, custom XML, old style copies, headers."""
    package = document.part.package
    for owner in (package, document.part):
        for rid, rel in list(owner.rels.items()):
            if rel.reltype in _DROPPED_RELTYPES:
                del owner.rels[rid]
    _drop_external_references(package)
    body = document.element.body
    for child in list(body):
        body.remove(child)


def _drop_external_references(package) -> None:
    """Remove what a (theme's reference) package points at outside itself, and what uses it.

    A hostile reference_docx could carry ``attachedTemplate`` (or a linked image, a mail
    merge source) pointing at a URL, which Word fetches on opening. Runs before the
    résumé's own hyperlinks are added, so those are the only external targets left.
    """
    r_id = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    for owner in (package, *package.iter_parts()):
        external = [rid for rid, rel in owner.rels.items() if rel.is_external]
        element = getattr(owner, "_element", None)
        for rid in external:
            del owner.rels[rid]
            if element is None:
                continue
            for node in list(element.iter()):
                if any(key.startswith(r_id) and value == rid for key, value in node.attrib.items()):
                    node.getparent().remove(node)


def _replace_blob_part(document, reltype: str, blob: bytes) -> None:
    """Give the document's part of ``reltype`` new XML (parsed parts get a new element)."""
    part = document.part.part_related_by(reltype)
    if hasattr(part, "_element"):
        part._element = parse_xml(blob)
    else:
        part._blob = blob


def _style_ids(document, defs: list[_StyleDef], reference: bool) -> dict[str, str]:
    """Install the styles; in a reference document its own styles of the same name win."""
    ids: dict[str, str] = {}
    styles_element = document.styles.element
    if reference:
        by_name = {}
        for style in styles_element.findall(qn("w:style")):
            name = style.find(qn("w:name"))
            if name is not None:
                by_name[name.get(qn("w:val")).lower()] = style.get(qn("w:styleId"))
        taken = set(by_name.values())
        for d in defs:
            name = re.search(r'<w:name w:val="([^"]+)"', d.xml).group(1)
            found = by_name.get(name.lower())
            if found:
                ids[d.key] = found
            else:
                style_id = d.style_id
                if style_id in taken:  # another style of another name uses our id
                    style_id = d.style_id + "Resume"
                    xml = d.xml.replace(f'w:styleId="{d.style_id}"', f'w:styleId="{style_id}"')
                else:
                    xml = d.xml
                styles_element.append(parse_xml(f'<w:x xmlns:w="{W_NS}">{xml}</w:x>')[0])
                ids[d.key] = style_id
                taken.add(style_id)
    else:
        ids = {d.key: d.style_id for d in defs}
    return ids


# ============================================================================ the writer


class _Writer:
    def __init__(self, document, look: DocxLook, ids: dict[str, str]):
        self.document = document
        self.look = look
        self.ids = ids
        self.body = document.element.body
        self.part = document.part
        self.emoji = False  # set when a run names the emoji font (the font table lists it)

    # ------------------------------------------------------------------ primitives

    def paragraph(self, key: str, *, keep_next: bool = False):
        p = OxmlElement("w:p")
        ppr = OxmlElement("w:pPr")
        style = OxmlElement("w:pStyle")
        style.set(qn("w:val"), self.ids[key])
        ppr.append(style)
        if keep_next:
            ppr.append(OxmlElement("w:keepNext"))
        p.append(ppr)
        self.body.append(p)
        return p

    def run(self, text: str, *, bold: bool | None = None, italic: bool | None = None, color: str | None = None,
            size: float | None = None, style: str | None = None, font: str | None = None):
        """The ``w:r`` elements for ``text``: one, or in a right-to-left document one per direction.

        Right-to-left documents: each left-to-right run of ``text`` (a phone number, an
        e-mail, ``C++``: :func:`resume_builder.bidi.ltr_spans`) gets a ``w:r`` of its own
        without ``w:rtl``, the rest ``w:rtl`` (Word lays out neutrals by the run's
        direction); a left-to-right run whose first or last character is not a strong
        left-to-right one is also fenced with LEFT-TO-RIGHT MARKs, which every word
        processor honours (LibreOffice applies the bidi algorithm to the paragraph's text).
        """
        if not self.look.rtl or text == "\t":
            return [self._run(text, bold=bold, italic=italic, color=color, size=size, style=style, font=font)]
        from resume_builder.bidi import LRM, segments

        runs = []
        for piece, ltr in segments(text):
            if ltr:
                first, last = unicodedata.bidirectional(piece[0]), unicodedata.bidirectional(piece[-1])
                piece = (LRM if first != "L" else "") + piece + (LRM if last != "L" else "")
            runs.append(self._run(piece, bold=bold, italic=italic, color=color, size=size, style=style,
                                  font=font, rtl=not ltr))
        return runs

    @staticmethod
    def _run(text: str, *, bold: bool | None = None, italic: bool | None = None, color: str | None = None,
             size: float | None = None, style: str | None = None, font: str | None = None, rtl: bool = False):
        r = OxmlElement("w:r")
        props = []  # in the order CT_RPr's schema sequence requires
        if style:
            e = OxmlElement("w:rStyle")
            e.set(qn("w:val"), style)
            props.append(e)
        if font:  # every slot: emoji are symbols, Word picks the slot by code point
            e = OxmlElement("w:rFonts")
            for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                e.set(qn(slot), font)
            props.append(e)
        for value, tags in ((bold, ("w:b", "w:bCs")), (italic, ("w:i", "w:iCs"))):
            if value is None:
                continue
            for tag in tags:  # on/off switches, for Latin and complex scripts
                e = OxmlElement(tag)
                if not value:
                    e.set(qn("w:val"), "0")
                props.append(e)
        if color:
            e = OxmlElement("w:color")
            e.set(qn("w:val"), color)
            props.append(e)
        if size:
            for tag in ("w:sz", "w:szCs"):
                e = OxmlElement(tag)
                e.set(qn("w:val"), str(_half(size)))
                props.append(e)
        if rtl:  # after w:sz/w:szCs, w:u and w:vertAlign, before w:lang (CT_RPr's order)
            props.append(OxmlElement("w:rtl"))
        if props:
            rpr = OxmlElement("w:rPr")
            rpr.extend(props)
            r.append(rpr)
        if text == "\t":
            r.append(OxmlElement("w:tab"))
        else:
            t = OxmlElement("w:t")
            t.text = _safe(text)
            if t.text != t.text.strip():
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            r.append(t)
        return r

    def hyperlink(self, parent, href: str):
        """A ``w:hyperlink`` to an external target, appended to ``parent``."""
        rid = self.part.relate_to(href, RT.HYPERLINK, is_external=True)
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), rid)
        link.set(qn("w:history"), "1")
        parent.append(link)
        return link

    def spans(self, parent, spans: Iterable[Span], *, bold: bool | None = None, italic: bool | None = None,
              color: str | None = None, size: float | None = None, href: str | None = None) -> None:
        """Append formatted runs; neighbouring spans with the same link share one hyperlink."""
        group_href: str | None = None
        target = parent
        for span in spans:
            link = span.href or href
            if link != group_href:
                group_href = link
                target = self.hyperlink(parent, link) if link else parent
            b = True if span.bold else bold
            i = True if span.italic else italic
            for piece, is_emoji in split_emoji(span.text):
                self.emoji = self.emoji or is_emoji
                target.extend(self.run(piece, bold=b, italic=i, color=color, size=size,
                                       style=self.ids["hyperlink"] if link else None,
                                       font=EMOJI_FONT if is_emoji else (CODE_FONT_DOCX if span.code else None)))

    def text(self, parent, text: str, **fmt) -> None:
        self.spans(parent, [Span(text)], **fmt)

    def rich(self, parent, text: RichText, **fmt) -> None:
        self.spans(parent, text.spans, **fmt)

    # ------------------------------------------------------------------ document parts

    def masthead(self, doc: Document) -> None:
        self.photo(doc)
        p = self.paragraph("title", keep_next=True)
        self.text(p, doc.name)
        if doc.headline:
            p = self.paragraph("subtitle", keep_next=True)
            self.text(p, doc.headline)
        if doc.contacts:
            p = self.paragraph("contacts")
            for index, contact in enumerate(doc.contacts):
                if index:
                    p.extend(self.run(SEP, color=self.look.accent_color))
                self.text(p, contact.text, href=contact.href)

    def photo(self, doc: Document) -> None:
        """The profile's photo (PNG or JPEG, already checked) in a paragraph of its own above
        the name, aligned like the masthead; it holds no text, so the name stays the first
        line an ATS reads. Word cannot show an SVG without a raster copy: left out."""
        if doc.photo is None or doc.photo.format not in ("PNG", "JPEG"):
            return
        from docx.shared import Mm

        width, height = doc.photo.width or 1, doc.photo.height or 1
        scale = 22 / max(width, height)  # fit a 22 mm square, as the themes show it
        inline = self.part.new_pic_inline(io.BytesIO(doc.photo.data), Mm(width * scale), Mm(height * scale))
        p = self.paragraph("contacts", keep_next=True)
        r = OxmlElement("w:r")
        drawing = OxmlElement("w:drawing")
        drawing.append(inline)
        r.append(drawing)
        p.append(r)

    def section(self, section: Section) -> None:
        p = self.paragraph("heading1")
        self.text(p, section.title)
        for paragraph in section.paragraphs:
            self.rich(self.paragraph("normal"), paragraph)
        self.bullets(section.bullets)
        if section.layout == "pairs":
            for entry in section.entries:
                self.pair(entry)
        else:
            for entry in section.entries:
                self.entry(entry)

    def bullets(self, bullets: tuple[Bullet, ...]) -> None:
        for bullet in bullets:
            self.rich(self.paragraph("bullet"), bullet.text)
            for child in bullet.children:
                self.rich(self.paragraph("bullet2"), child)

    def pair(self, entry: Entry) -> None:
        p = self.paragraph("pair")
        self.rich(p, entry.title, bold=True, href=entry.url)
        if entry.description:
            p.extend(self.run(":", bold=True))
            p.extend(self.run(" "))
            self.rich(p, entry.description)

    def entry(self, entry: Entry) -> None:
        body = [bool(entry.description), *(True for _ in entry.paragraphs), bool(entry.bullets),
                *(True for _ in entry.closing), *(True for _ in entry.fields)]
        has_body = any(body)
        p = self.paragraph("heading2", keep_next=has_body)
        self.rich(p, entry.title, href=entry.url)
        if entry.subtitle:
            p.extend(self.run(DASH, bold=False))
            self.rich(p, entry.subtitle, bold=False, italic=True)
        meta = SEP.join(part for part in (entry.date, entry.location) if part)
        if meta or entry.url_text:
            p.extend(self.run("\t"))
        if meta:
            p.extend(self.run(meta, bold=False, color=self.look.muted_color, size=self.look.small_size))
        if entry.url_text:  # the link printed as text (theme option entry_urls), linked as well
            if meta:
                p.extend(self.run(SEP, bold=False, color=self.look.muted_color, size=self.look.small_size))
            self.spans(p, (Span(entry.url_text),), bold=False, color=self.look.muted_color,
                       size=self.look.small_size, href=entry.url)
        if entry.description:
            more = bool(entry.paragraphs or entry.bullets or entry.closing or entry.fields)
            self.rich(self.paragraph("description", keep_next=more), entry.description)
        for paragraph in entry.paragraphs:
            self.rich(self.paragraph("normal"), paragraph)
        self.bullets(entry.bullets)
        for paragraph in entry.closing:
            self.rich(self.paragraph("normal"), paragraph)
        for fld in entry.fields:
            p = self.paragraph("field")
            p.extend(self.run(f"{fld.label}:", bold=True))
            p.extend(self.run(" "))
            self.rich(p, fld.value)

    def page_setup(self) -> None:
        look = self.look
        sect = OxmlElement("w:sectPr")
        size = OxmlElement("w:pgSz")
        size.set(qn("w:w"), str(_twips_mm(look.page_width_mm)))
        size.set(qn("w:h"), str(_twips_mm(look.page_height_mm)))
        sect.append(size)
        margin = OxmlElement("w:pgMar")
        m = _twips_mm(look.margins_mm)
        bottom = _twips_mm(look.margins_mm + 2)
        for key, value in (("top", m), ("right", m), ("bottom", bottom), ("left", m),
                           ("header", m // 2), ("footer", bottom // 2), ("gutter", 0)):
            margin.set(qn(f"w:{key}"), str(value))
        sect.append(margin)
        cols = OxmlElement("w:cols")
        cols.set(qn("w:space"), "720")
        sect.append(cols)
        if look.rtl:
            sect.append(OxmlElement("w:bidi"))
        self.body.append(sect)

    def fill_footer(self) -> None:
        """A footer holding only the page-number fields 'PAGE / NUMPAGES'."""
        footer = self.document.sections[0].footer
        footer.is_linked_to_previous = False  # python-docx adds the part and the reference
        ftr = footer._element
        for child in list(ftr):
            ftr.remove(child)
        p = OxmlElement("w:p")
        ppr = OxmlElement("w:pPr")
        style = OxmlElement("w:pStyle")
        style.set(qn("w:val"), self.ids["footer"])
        ppr.append(style)
        p.append(ppr)
        for index, instr in enumerate((" PAGE ", " NUMPAGES ")):
            if index:
                p.extend(self.run(" / "))
            field = OxmlElement("w:fldSimple")
            field.set(qn("w:instr"), instr)
            field.extend(self.run("1"))
            p.append(field)
        ftr.append(p)


# ============================================================================ core and package


def _set_core_properties(document, doc: Document) -> None:
    when = build_datetime().replace(tzinfo=None)
    props = document.core_properties
    meta = doc.metadata
    props.title = _safe(meta.title)
    props.author = _safe(meta.author)
    props.last_modified_by = _safe(meta.author)
    props.subject = _safe(meta.subject)
    props.keywords = _safe(", ".join(meta.keywords))
    props.language = meta.language
    props.comments = ""
    props.category = ""
    props.content_status = ""
    props.identifier = _safe(meta.source)  # what it was rendered from (resume_builder/provenance.py)
    props.version = ""
    props.revision = 1
    props.created = when
    props.modified = when
    element = props._element
    printed = element.find("{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}lastPrinted")
    if printed is not None:
        element.remove(printed)


APP_XML = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b"<Application>resume-builder</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
    b"<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    b"<HyperlinksChanged>false</HyperlinksChanged></Properties>"
)

_FIRST_MEMBERS = ("[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml",
                  "word/document.xml", "word/_rels/document.xml.rels")


def _zip_time() -> tuple[int, int, int, int, int, int]:
    when = build_datetime()
    if when.year < 1980:
        return (1980, 1, 1, 0, 0, 0)
    if when.year > 2107:
        return (2107, 12, 31, 23, 59, 58)
    return (when.year, when.month, when.day, when.hour, when.minute, when.second)


def repack(data: bytes) -> bytes:
    """Re-zip a saved package: fixed order, fixed timestamps and permissions, neutral app.xml."""
    stamp = _zip_time()
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    if "docProps/app.xml" in members:
        members["docProps/app.xml"] = APP_XML
    order = [name for name in _FIRST_MEMBERS if name in members]
    order += sorted(name for name in members if name not in order)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, members[name], compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
    return out.getvalue()


# ============================================================================ entry point


def render_docx(doc: Document, theme: Theme, options: ThemeOptions) -> bytes:
    """Render ``doc`` as DOCX bytes with ``theme``'s look; same input, same bytes."""
    look = resolve_look(theme, options, language=doc.metadata.language, rtl=doc.direction == "rtl")
    document, reference = _open_package(theme)
    _strip_package(document)

    numbering_part = _numbering_part(document)
    if reference and numbering_part.element is not None:
        existing = numbering_part.element
        ids = [int(n.get(qn("w:abstractNumId"))) for n in existing.findall(qn("w:abstractNum"))]
        ids += [int(n.get(qn("w:numId"))) for n in existing.findall(qn("w:num"))]
        first = max(ids, default=0) + 1
        numbering_part._element = parse_xml(_numbering_xml(look, first, _serialise(existing)))
    else:
        first = 1
        numbering_part._element = parse_xml(_numbering_xml(look, first))
    defs = _style_defs(look, (first, first + 1))
    if reference:
        ids = _style_ids(document, defs, reference=True)
        _set_language(document.styles.element, look)
    else:
        document.part._styles_part._element = parse_xml(_styles_xml(look, defs))
        ids = _style_ids(document, defs, reference=False)
        _replace_blob_part(document, RT.SETTINGS, _settings_xml(look))

    writer = _Writer(document, look, ids)
    writer.masthead(doc)
    for section in doc.sections:
        writer.section(section)
    writer.page_setup()
    if look.page_numbers:
        writer.fill_footer()
    embed_fonts(document, theme, [look.body_font, look.heading_font], emoji=writer.emoji)
    _set_core_properties(document, doc)

    buffer = io.BytesIO()
    document.save(buffer)
    return repack(buffer.getvalue())


def _numbering_part(document):
    """The document's numbering part, added when the (reference) document has none."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.packuri import PackURI
    from docx.parts.numbering import NumberingPart

    try:
        return document.part.part_related_by(RT.NUMBERING)
    except KeyError:
        part = NumberingPart(PackURI("/word/numbering.xml"), CT.WML_NUMBERING,
                             parse_xml(_numbering_xml_empty()), document.part.package)
        document.part.relate_to(part, RT.NUMBERING)
        return part


def _numbering_xml_empty() -> bytes:
    return f'<w:numbering xmlns:w="{W_NS}"/>'.encode()


def _set_language(styles_element, look: DocxLook) -> None:
    """Set ``w:lang`` in a reference document's defaults (its styles keep their look)."""
    defaults = styles_element.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles_element.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), look.language)
    if look.language.split("-")[0].lower() in ("ja", "ko", "zh"):
        lang.set(qn("w:eastAsia"), look.language)
    if look.rtl:
        lang.set(qn("w:bidi"), look.language)
