"""The DOCX look: the theme's ``[docx]`` values scaled by its options, with the PDF's line heights and gaps.

Units: points unless named (``_mm``, ``_twips``); colours as six upper-case hex digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from resume_builder.errors import UserError
from resume_builder.theming import DocxStyle, Theme, ThemeOptions
from resume_builder.render.docx.east_asian import document_languages
from resume_builder.render.docx.parts import twips_from_mm as _twips_mm
from resume_builder.render.docx_fonts import is_serif

PAGE_SIZES_MM = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}

# ============================================================================ the look


@dataclass(frozen=True)
class Gaps:
    """The PDF's vertical gaps (the theme's CSS margins) in points, at the options in force; each
    is the space above a paragraph (``w:spacing w:before``), as CSS's margin-top."""

    headline: float  # name -> headline
    contacts: float  # headline -> contact line
    masthead: float  # below the masthead, beyond the first section heading's own gap
    entry: float  # above an entry with a body (not the first of its section)
    entry_no_body: float  # above an entry that is only a header
    description: float
    text: float  # an entry's paragraphs and closing paragraphs
    field: float
    list: float  # an entry's first bullet
    item: float  # each further bullet
    sublist: float
    subitem: float
    pair: float  # each further pair (skills, languages)
    paragraph: float  # each further summary paragraph


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
    small_size: float  # the date line's
    contacts_size: float
    text_color: str
    muted_color: str
    accent_color: str
    heading_color: str
    name_color: str
    heading_caps: str  # "caps", "small_caps" or "" (as written)
    letter_subject_caps: str  # the same, for a cover letter's subject line
    masthead_align: str | None  # "center", "left", or None: the paragraph's leading edge (RTL)
    headline_color: str
    headline_italic: bool
    heading_rule: bool
    heading_before: float
    heading_after: float
    paragraph_after: float
    # Line heights as CSS's line-height: a multiple of each paragraph's font size, set exactly
    # (parts.paragraph_properties ``exact``), the PDF's line pitch in Word and LibreOffice alike.
    line_height: float
    line_spacing: float | None  # the theme's Word "multiple" of the font's own line, when it gives one
    name_line_height: float
    heading_line_height: float
    meta_line_height: float
    gaps: Gaps
    masthead_rule: float  # the rule under the masthead, its width in points (0: none)
    masthead_rule_space: float
    letterhead_after: float  # a cover letter's: the space below its letterhead, in points
    letterhead_rule: float  # its own rule's width in points (0: the masthead's, if any)
    letterhead_rule_space: float
    run_in: bool
    language: str
    rtl: bool
    page_width_mm: float
    page_height_mm: float
    margins_mm: float
    page_numbers: bool
    cs_font: str | None = None  # the complex-script font (w:cs) of a right-to-left document
    # The East Asian fonts (w:eastAsia) of the styles beside the body and heading fonts: the Noto
    # CJK face of the document's Han (east_asian.document_languages) in each one's class, for the
    # text no run names a face for (a space LibreOffice gives the East Asian slot after Hangul).
    east_asian_body_font: str | None = None
    east_asian_heading_font: str | None = None

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

    # Word's "multiple" only when the theme gives one; else exact lines of the PDF's height.
    # (A multiple is one of the font's own line as each word processor computes it: LibreOffice
    # drew classic's 0.88 of Noto Serif 7% taller than the PDF's 1.2 em.)
    line_spacing = (style.line_spacing * _ratio(theme, options, "line_height")
                    if "line_spacing" in style.model_fields_set else None)
    paragraph_after = style.paragraph_space_after * gap
    width, height = PAGE_SIZES_MM[options.page_size]
    han = document_languages(language or "en")["han"]
    return DocxLook(
        body_font=body_font, heading_font=heading_font, font_size=font_size,
        name_size=style.name_size * size, headline_size=style.headline_size * size,
        heading_size=style.heading_size * size,
        entry_title_size=(style.entry_title_size * size) if style.entry_title_size else font_size,
        small_size=style.meta_size * size if style.meta_size else font_size * 0.92,
        contacts_size=style.contacts_size * size if style.contacts_size else font_size * 0.9,
        text_color=text_color, muted_color=_hex(style.muted_color, "muted_color", theme),
        accent_color=accent, heading_color=heading_color, name_color=name_color,
        heading_caps=_caps_mode(style.heading_caps), heading_rule=style.heading_rule,
        letter_subject_caps=_caps_mode(style.heading_caps if style.letter_subject_caps is None
                                       else style.letter_subject_caps),
        # No w:jc for a leading-edge masthead: in a bidi paragraph Word and LibreOffice read
        # "left"/"right" as start/end, so "right" put an Arabic name on the left.
        masthead_align=(None if rtl else "left") if style.name_align == "left" else "center",
        headline_color=(accent if accent_changed else _hex(style.headline_color, "headline_color", theme))
        if style.headline_color else _hex(style.muted_color, "muted_color", theme),
        headline_italic=style.headline_italic,
        heading_before=style.heading_space_before * gap, heading_after=style.heading_space_after * gap,
        paragraph_after=paragraph_after, line_height=options.line_height, line_spacing=line_spacing,
        name_line_height=style.name_line_height, heading_line_height=style.heading_line_height,
        meta_line_height=style.meta_line_height or options.line_height,
        gaps=_gaps(style, gap, paragraph_after),
        masthead_rule=style.masthead_rule, masthead_rule_space=style.masthead_rule_space * gap,
        letterhead_after=(style.letterhead_space_after * gap if style.letterhead_space_after is not None
                          else _gaps(style, gap, paragraph_after).masthead),
        letterhead_rule=style.letterhead_rule, letterhead_rule_space=style.letterhead_rule_space * gap,
        run_in=style.run_in,
        language=language or "en", rtl=rtl, page_width_mm=width, page_height_mm=height,
        margins_mm=options.margins, page_numbers=options.page_numbers,
        cs_font=complex_script_font(language) if rtl else None,
        east_asian_body_font=han.font(is_serif(theme, body_font)),
        east_asian_heading_font=han.font(is_serif(theme, heading_font)),
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


def _gaps(style: DocxStyle, gap: float, paragraph: float) -> Gaps:
    """The theme's gaps scaled by the spacing option (``gap``: its ratio to the theme's default);
    a gap the theme does not give is a fraction of ``paragraph`` (the scaled paragraph_space_after)."""
    small = paragraph * 0.3

    def given(value: float | None, otherwise: float, *, scaled: bool = True) -> float:
        return otherwise if value is None else value * (gap if scaled else 1)

    return Gaps(
        headline=given(style.headline_space_before, paragraph * 0.6, scaled=False),
        contacts=given(style.contacts_space_before, paragraph * 0.6),
        masthead=given(style.masthead_space_after, paragraph * 0.5),
        entry=given(style.entry_space_before, paragraph * 1.2),
        entry_no_body=given(style.entry_no_body_space_before, small),
        description=given(style.description_space_before, small),
        text=given(style.text_space_before, paragraph),
        field=given(style.field_space_before, small),
        list=given(style.list_space_before, small),
        item=given(style.item_space_before, small),
        sublist=given(style.sublist_space_before, small),
        subitem=given(style.subitem_space_before, small),
        pair=given(style.pair_space_before, small),
        paragraph=given(style.summary_paragraph_space, paragraph),
    )
