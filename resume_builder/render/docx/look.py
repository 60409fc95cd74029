"""The DOCX look: the theme's ``[docx]`` values scaled by its options, and Word's line height of its font.

Units: points unless named (``_mm``, ``_twips``); colours as six upper-case hex digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


from resume_builder.errors import UserError
from resume_builder.theming import DocxStyle, Theme, ThemeOptions
from resume_builder.render.docx.parts import twips_from_mm as _twips_mm

PAGE_SIZES_MM = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}

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
    """(usWinAscent + usWinDescent) / unitsPerEm of the font file at ``path``, or None.

    Word spaces "single" lines by the OpenType ``OS/2`` table's usWinAscent and
    usWinDescent (https://learn.microsoft.com/typography/opentype/spec/os2), in units of
    the ``head`` table's unitsPerEm. Read with fontTools: TrueType, OpenType/CFF, WOFF,
    WOFF2 and collections (the first font). A file fontTools cannot read gives None, and
    the theme's line spacing applies as it is.
    """
    from fontTools.ttLib import TTFont

    try:
        with TTFont(path, lazy=True, fontNumber=0) as font:
            if "OS/2" not in font or "head" not in font:
                return None
            units = font["head"].unitsPerEm
            ascent, descent = font["OS/2"].usWinAscent, font["OS/2"].usWinDescent
    except Exception:  # a damaged or foreign file from a theme: no metrics, not a crash
        return None
    if not units or not ascent:
        return None
    return (ascent + descent) / units


