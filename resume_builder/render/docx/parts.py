"""The DOCX parts written from scratch: styles, list numbering, settings, extended properties.

Every element is built with python-docx's :func:`~docx.oxml.OxmlElement` (the same way the
writer builds paragraphs and runs), never from strings, with children in the order the
WordprocessingML schema requires (ECMA-376 Part 1, §17.3.1.26 ``pPr``, §17.3.2.28 ``rPr``,
§17.7.4.17 ``style``): Word refuses a file whose elements are out of order. The parts are
filled in place through python-docx's public ``element`` of each part.

Units (ECMA-376 §17.18): twips are twentieths of a point (1,440 an inch), sizes are in
half-points, line spacing "auto" in 240ths of a line.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from resume_builder.render.docx.scripts import language_attributes

if TYPE_CHECKING:
    from resume_builder.render.docx.look import DocxLook

#: The paragraph and character styles the renderer uses: key -> (style name, type).
STYLE_NAMES = {
    "normal": ("Normal", "paragraph"),
    "title": ("Title", "paragraph"),
    "subtitle": ("Subtitle", "paragraph"),
    "contacts": ("Contact Line", "paragraph"),
    "heading1": ("Heading 1", "paragraph"),
    "heading2": ("Heading 2", "paragraph"),
    "organisation": ("Entry Organisation", "paragraph"),
    "meta": ("Entry Date Line", "paragraph"),
    "heading3": ("Heading 3", "paragraph"),
    "description": ("Entry Description", "paragraph"),
    "field": ("Entry Field", "paragraph"),
    "pair": ("Pair Line", "paragraph"),
    "runin": ("Entry Run-In", "paragraph"),
    "bullet": ("List Bullet", "paragraph"),
    "bullet2": ("List Bullet 2", "paragraph"),
    "footer": ("Footer", "paragraph"),
    "hyperlink": ("Hyperlink", "character"),
}


#: How far a role (its Heading 3 and its body) is set in under its company, in twips (3 mm),
#: as the PDF sets the roles in behind their rule (base.css.j2 .roles).
ROLE_INDENT_TWIPS = 170

#: The list styles' indents, (left, hanging) in twips: the text 255 (1.1 em at 9 pt, classic's
#: ul.bullets padding) from the margin, the bullet 170 before it; a sub-list one step further.
LIST_INDENTS = {"bullet": (255, 170), "bullet2": (510, 170)}


# ============================================================================ units


def twips(points: float) -> int:
    """Points as twips (1/20 pt)."""
    return round(points * 20)


def twips_from_mm(mm: float) -> int:
    """Millimetres as twips (1,440 an inch)."""
    return round(mm / 25.4 * 1440)


def half_points(points: float) -> int:
    """Points as half-points (``w:sz``), rounded down: text is never wider than the PDF's (9.2 pt
    is 9; rounded up, 9.5 pt text wraps where the PDF's does not), and lines keep the PDF's height."""
    return max(2, math.floor(points * 2 + 1e-6))


# ============================================================================ elements


def w(tag: str, *children: Any, **attributes: Any):
    """A ``w:tag`` element with ``w:``-namespaced ``attributes`` and ``children`` (None skipped)."""
    element = OxmlElement(f"w:{tag}", attrs={qn(f"w:{name}"): str(value) for name, value in attributes.items()})
    for child in children:
        if child is not None:
            element.append(child)
    return element


def run_properties(*, font: str | None = None, bold: bool | None = None, italic: bool | None = None,
                   caps: bool = False, small_caps: bool = False, color: str | None = None,
                   letter_spacing: float | None = None, size: float | None = None, underline: str | None = None,
                   lang: str | None = None, rtl_lang: bool = False, cs_font: str | None = None,
                   east_asian_font: str | None = None):
    """A ``w:rPr`` in schema order, or None when it would be empty.

    ``font`` sets the Latin slots (``w:ascii``, ``w:hAnsi``); ``cs_font`` the complex-script
    slot (``w:cs``: Arabic, Hebrew), set in right-to-left documents only; ``east_asian_font``
    the East Asian one (``w:eastAsia``: a Noto CJK face, :mod:`resume_builder.render.docx.east_asian`).
    ``letter_spacing`` and ``size`` are in points; ``lang`` the
    document's BCP 47 tag, set in the slot of its script (``scripts.language_attributes``:
    East Asian for ja/ko/zh, complex-script for Arabic, Hebrew, Hindi... and whenever
    ``rtl_lang``), Latin text then being English.
    """
    parts: list[Any] = []
    if font or cs_font or east_asian_font:
        slots = {"ascii": font, "hAnsi": font} if font else {}
        parts.append(w("rFonts", **slots, **({"eastAsia": east_asian_font} if east_asian_font else {}),
                       **({"cs": cs_font} if cs_font else {})))
    for value, tags in ((bold, ("b", "bCs")), (italic, ("i", "iCs"))):
        if value is not None:
            parts.extend(w(tag) if value else w(tag, val="0") for tag in tags)
    if caps:
        parts.append(w("caps"))
    if small_caps:
        parts.append(w("smallCaps"))
    if color:
        parts.append(w("color", val=color))
    if letter_spacing:
        parts.append(w("spacing", val=twips(letter_spacing)))
    if size:
        parts.extend((w("sz", val=half_points(size)), w("szCs", val=half_points(size))))
    if underline:
        parts.append(w("u", val=underline))
    if lang:
        parts.append(w("lang", **language_attributes(lang, rtl=rtl_lang)))
    return w("rPr", *parts) if parts else None


def paragraph_properties(*, keep_next: bool = False, widow_control: bool = False, num_id: int | None = None,
                         rule: tuple[str, float] | tuple[str, float, float] | None = None,
                         tab_right: int | None = None, bidi: bool = False,
                         before: float | None = None, after: float | None = None, line: float | None = None,
                         exact: float | None = None, indent: tuple[int, int] | None = None, jc: str | None = None,
                         outline: int | None = None, contextual: bool = False):
    """A ``w:pPr`` in schema order, or None when it would be empty.

    ``rule`` is a bottom border (colour, width in points, and the gap above it in points: 1
    unless given); ``tab_right`` a right tab stop in twips; ``before``/``after`` spacing in
    points; ``line`` a multiple of single spacing, ``exact`` (instead) the line's height in
    points (``w:lineRule="exact"``, ECMA-376 Part 1 §17.3.1.33); ``indent`` (left, hanging) in twips.
    """
    spacing = spacing_attributes(before=before, after=after, line=line, exact=exact)
    parts = [
        w("keepNext") if keep_next else None,
        w("widowControl") if widow_control else None,
        w("numPr", w("ilvl", val=0), w("numId", val=num_id)) if num_id is not None else None,
        w("pBdr", w("bottom", val="single", sz=max(2, round(rule[1] * 8)),
                    space=round(rule[2]) if len(rule) > 2 else 1, color=rule[0])) if rule else None,
        w("tabs", w("tab", val="right", pos=tab_right)) if tab_right is not None else None,
        w("bidi") if bidi else None,
        w("spacing", **spacing) if spacing else None,
        w("ind", left=indent[0], hanging=indent[1]) if indent else None,
        w("contextualSpacing") if contextual else None,
        w("jc", val=jc) if jc else None,
        w("outlineLvl", val=outline) if outline is not None else None,
    ]
    return w("pPr", *parts) if any(part is not None for part in parts) else None


def spacing_attributes(*, before: float | None = None, after: float | None = None, line: float | None = None,
                       exact: float | None = None) -> dict[str, Any]:
    """The attributes of a ``w:spacing`` (paragraph spacing): ``before``/``after`` in points, ``line``
    a multiple of single spacing or ``exact`` a line height in points."""
    spacing: dict[str, Any] = {}
    if before is not None:
        spacing["before"] = twips(before)
    if after is not None:
        spacing["after"] = twips(after)
    if exact is not None:
        spacing.update(line=twips(exact), lineRule="exact")
    elif line is not None:
        spacing.update(line=round(240 * line), lineRule="auto")
    return spacing


def style(style_id: str, name: str, kind: str, *, based_on: str | None = None, next_id: str | None = None,
          priority: int | None = None, default: bool = False, qformat: bool = True, semi_hidden: bool = False,
          ppr: Any = None, rpr: Any = None):
    """A ``w:style`` of ``kind`` (paragraph, character, table, numbering)."""
    element = w("style", type=kind, **({"default": 1} if default else {}), styleId=style_id)
    for child in (w("name", val=name), w("basedOn", val=based_on) if based_on else None,
                  w("next", val=next_id) if next_id else None,
                  w("uiPriority", val=priority) if priority is not None else None,
                  *((w("semiHidden"), w("unhideWhenUsed")) if semi_hidden else ()),
                  w("qFormat") if qformat else None, ppr, rpr):
        if child is not None:
            element.append(child)
    return element


def style_name(element) -> str:
    """The ``w:name`` of a ``w:style`` element."""
    return element.find(qn("w:name")).get(qn("w:val"))


def italic_style(styles_element, style_id: str) -> bool:
    """Whether the style ``style_id`` of ``styles_element`` (``w:styles``) sets its text in
    italics: its own ``w:i``, else its ``w:basedOn`` chain's, else the document defaults'
    (ECMA-376 Part 1, §17.7.2 style hierarchy)."""
    styles = {element.get(qn("w:styleId")): element for element in styles_element.findall(qn("w:style"))}
    seen = set()
    while style_id in styles and style_id not in seen:
        seen.add(style_id)
        element = styles[style_id]
        switch = element.find(f"{qn('w:rPr')}/{qn('w:i')}")
        if switch is not None:
            return switch.get(qn("w:val"), "true").lower() not in ("0", "false", "off")
        based = element.find(qn("w:basedOn"))
        style_id = based.get(qn("w:val")) if based is not None else None
    switch = styles_element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:i')}")
    return switch is not None and switch.get(qn("w:val"), "true").lower() not in ("0", "false", "off")


# ============================================================================ styles


#: Each paragraph style's font size (a DocxLook attribute) and CSS line-height (a multiple of it:
#: a DocxLook attribute) for its exact line height.
_LINES = {
    "normal": ("font_size", "line_height"), "title": ("name_size", "name_line_height"),
    "subtitle": ("headline_size", "line_height"), "contacts": ("contacts_size", "line_height"),
    "heading1": ("heading_size", "heading_line_height"), "heading2": ("entry_title_size", "line_height"),
    "meta": ("small_size", "meta_line_height"), "field": ("field_size", "line_height"),
}


def line_spacing(look: DocxLook, key: str, size: float | None = None) -> dict[str, float]:
    """The ``paragraph_properties`` line arguments of style ``key`` (or of text of ``size`` in it):
    the exact height of the PDF's line, or the theme's Word multiple when it gives one (the name
    and headings single)."""
    size_name, height_name = _LINES.get(key, ("font_size", "line_height"))
    if look.line_spacing is not None:
        return {"line": look.line_spacing if key not in ("title", "heading1") else 1.0}
    size = size if size is not None else (look.font_size * FIELD_SCALE if size_name == "field_size"
                                          else getattr(look, size_name))
    return {"exact": size * getattr(look, height_name)}


#: An entry field's ("Technologies: ...") size, of the body's.
FIELD_SCALE = 0.93


def style_spacing(look: DocxLook) -> dict[str, tuple[float, float]]:
    """The space (before, after) in points each paragraph style gives, the CSS's margins: most
    paragraphs have only space before (margin-top); the writer sets a paragraph's own where the
    CSS's differs (the first of a list, an entry right under its section's heading)."""
    g = look.gaps
    return {
        "normal": (0, 0), "title": (0, 0), "subtitle": (g.headline, 0), "contacts": (g.contacts, 0),
        "heading1": (look.heading_before, look.heading_after), "heading2": (g.entry, 0),
        "organisation": (0, 0), "meta": (0, 0), "heading3": (look.font_size * ROLE_GAP_EM, 0),
        "description": (g.description, 0), "field": (g.field, 0), "pair": (g.pair, 0),
        "bullet": (g.item, 0), "bullet2": (g.subitem, 0), "runin": (g.entry, 0),
    }


#: The gap between two roles of one company (base.css.j2: .role + .role), in ems of the body.
ROLE_GAP_EM = 0.35


def style_definitions(look: DocxLook, bullet_nums: tuple[int, int]) -> dict[str, Any]:
    """Every style the document uses (key of :data:`STYLE_NAMES` -> ``w:style``), in the theme's look."""
    L = look
    lang = {"lang": L.language, "rtl_lang": L.rtl}
    gaps = style_spacing(L)

    def ppr(key: str, **extra: Any):
        before, after = gaps.get(key, (0, 0))
        return paragraph_properties(before=before, after=after, **line_spacing(L, key), **extra)

    rpr = run_properties
    body = {"cs_font": L.cs_font, "font": L.body_font, "east_asian_font": L.east_asian_body_font}
    heading = {"cs_font": L.cs_font, "font": L.heading_font, "east_asian_font": L.east_asian_heading_font}
    return {
        "normal": style("Normal", "Normal", "paragraph", default=True, priority=0,
                        ppr=ppr("normal", bidi=L.rtl),
                        rpr=rpr(**body, color=L.text_color, size=L.font_size, **lang)),
        "title": style("Title", "Title", "paragraph", based_on="Normal", next_id="Subtitle", priority=10,
                       ppr=ppr("title", keep_next=True, jc=L.masthead_align),
                       rpr=rpr(**heading, bold=True, color=L.name_color,
                               letter_spacing=L.name_size * 0.015, size=L.name_size)),
        "subtitle": style("Subtitle", "Subtitle", "paragraph", based_on="Normal", next_id="Normal", priority=11,
                          ppr=ppr("subtitle", keep_next=True, jc=L.masthead_align),
                          rpr=rpr(**heading, italic=L.headline_italic, bold=not L.headline_italic,
                                  color=L.headline_color, size=L.headline_size)),
        "contacts": style("ContactLine", STYLE_NAMES["contacts"][0], "paragraph", based_on="Normal",
                          next_id="Normal", ppr=ppr("contacts", jc=L.masthead_align),
                          rpr=rpr(color=L.muted_color, size=L.contacts_size)),
        "heading1": style("Heading1", "heading 1", "paragraph", based_on="Normal", next_id="Normal", priority=9,
                          ppr=ppr("heading1", keep_next=True, rule=(L.heading_color, 0.6) if L.heading_rule else None,
                                  outline=0),
                          rpr=rpr(**heading, bold=True, caps=L.heading_caps == "caps",
                                  small_caps=L.heading_caps == "small_caps", color=L.heading_color,
                                  letter_spacing=L.heading_size * (0.08 if L.heading_caps else 0.02),
                                  size=L.heading_size)),
        "heading2": style("Heading2", "heading 2", "paragraph", based_on="Normal", next_id="Normal", priority=9,
                          ppr=ppr("heading2", keep_next=False, outline=1),
                          rpr=rpr(**body, bold=True, color=L.text_color, size=L.entry_title_size)),
        # An entry's header is three paragraphs, as in the PDF: the title (Heading 2), the
        # organisation, then date and place.
        "organisation": style("EntryOrganisation", STYLE_NAMES["organisation"][0], "paragraph", based_on="Normal",
                              next_id="Normal", ppr=ppr("organisation"), rpr=rpr(italic=True)),
        "meta": style("EntryDateLine", STYLE_NAMES["meta"][0], "paragraph", based_on="Normal", next_id="Normal",
                      ppr=ppr("meta"), rpr=rpr(color=L.muted_color, size=L.small_size)),
        # A company's role (several roles at one employer), under the company's Heading 2:
        # set in from the margin (as the PDF sets roles in behind a rule), the position in
        # bold at the body's size, its dates at the right tab as for entries.
        "heading3": style("Heading3", "heading 3", "paragraph", based_on="Normal", next_id="Normal", priority=9,
                          ppr=ppr("heading3", keep_next=False, tab_right=L.text_width_twips,
                                  indent=(ROLE_INDENT_TWIPS, 0), outline=2),
                          rpr=rpr(**body, bold=True, color=L.text_color,
                                  size=L.font_size)),
        "description": style("EntryDescription", STYLE_NAMES["description"][0], "paragraph", based_on="Normal",
                             next_id="Normal", ppr=ppr("description"), rpr=rpr(italic=True, color=L.muted_color)),
        "field": style("EntryField", STYLE_NAMES["field"][0], "paragraph", based_on="Normal", next_id="Normal",
                       ppr=ppr("field"), rpr=rpr(size=L.font_size * FIELD_SCALE)),
        "pair": style("PairLine", STYLE_NAMES["pair"][0], "paragraph", based_on="Normal", next_id="PairLine",
                      ppr=ppr("pair")),
        # An undated entry run in (compact): its title in bold, then its text, one paragraph.
        "runin": style("EntryRunIn", STYLE_NAMES["runin"][0], "paragraph", based_on="Normal", next_id="Normal",
                       ppr=ppr("runin")),
        "bullet": style("ListBullet", "List Bullet", "paragraph", based_on="Normal", priority=99, semi_hidden=True,
                        ppr=ppr("bullet", num_id=bullet_nums[0], indent=LIST_INDENTS["bullet"])),
        "bullet2": style("ListBullet2", "List Bullet 2", "paragraph", based_on="Normal", priority=99,
                         semi_hidden=True, ppr=ppr("bullet2", num_id=bullet_nums[1], indent=LIST_INDENTS["bullet2"])),
        "footer": style("Footer", "footer", "paragraph", based_on="Normal", priority=99, semi_hidden=True,
                        qformat=False, ppr=paragraph_properties(before=0, after=0, line=1.0, jc="right"),
                        rpr=rpr(color="777777", size=7.5)),
        "hyperlink": style("Hyperlink", "Hyperlink", "character", based_on="DefaultParagraphFont", priority=99,
                           semi_hidden=True, qformat=False, rpr=rpr(underline="none")),
    }


def _base_styles() -> list[Any]:
    """The defaults Word expects in every styles part: paragraph font, normal table, no list."""
    margins = [w(side, w=width, type="dxa") for side, width in (("top", 0), ("left", 108), ("bottom", 0),
                                                                  ("right", 108))]
    table = style("TableNormal", "Normal Table", "table", default=True, priority=99, semi_hidden=True, qformat=False)
    table.append(w("tblPr", w("tblInd", w=0, type="dxa"), w("tblCellMar", *margins)))
    return [
        style("DefaultParagraphFont", "Default Paragraph Font", "character", default=True, priority=1,
              semi_hidden=True, qformat=False),
        table,
        style("NoList", "No List", "numbering", default=True, priority=99, semi_hidden=True, qformat=False),
    ]


def fill_styles(root, look: DocxLook, definitions: dict[str, Any]) -> None:
    """Make the ``w:styles`` element ``root`` hold our defaults and styles only."""
    _replace_children(root, [
        w("docDefaults",
          w("rPrDefault", run_properties(font=look.body_font, size=look.font_size, lang=look.language,
                                         rtl_lang=look.rtl, cs_font=look.cs_font,
                                         east_asian_font=look.east_asian_body_font)),
          w("pPrDefault", paragraph_properties(widow_control=True, after=0, line=1.0))),
        *_base_styles(),
        *definitions.values(),
    ])


# ============================================================================ numbering and settings


def _bullet_definition(look: DocxLook, abstract_id: int, char: str, left: int, nsid: str):
    # In a right-to-left paragraph the bullet is set in the complex-script font, which has no
    # bullet in Hebrew (LibreOffice drew it in DejaVu Sans): the theme's font names that slot too.
    level = w("lvl", w("start", val=1), w("numFmt", val="bullet"), w("lvlText", val=char), w("lvlJc", val="left"),
              w("pPr", w("ind", left=left, hanging=170)),
              run_properties(font=look.body_font, bold=False, italic=False, color=look.accent_color,
                             cs_font=look.body_font if look.rtl else None), ilvl=0)
    return w("abstractNum", w("nsid", val=nsid), w("multiLevelType", val="singleLevel"), level,
             abstractNumId=abstract_id)


def add_bullet_numbering(root, look: DocxLook, first_id: int) -> None:
    """Add List Bullet (•) and List Bullet 2 (–) definitions, ids ``first_id`` and the next, to ``w:numbering``.

    Bullets are in the accent colour. A reference document's own definitions stay: the
    schema wants every ``w:abstractNum`` before the first ``w:num``.
    """
    a, b = first_id, first_id + 1
    first_num = root.find(qn("w:num"))
    for abstract in (_bullet_definition(look, a, "\u2022", 255, "5E5B0001"),
                     _bullet_definition(look, b, "\u2013", 510, "5E5B0002")):
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            root.append(abstract)
    for num_id in (a, b):
        root.append(w("num", w("abstractNumId", val=num_id), numId=num_id))


def fill_settings(root, look: DocxLook) -> None:
    """Make the ``w:settings`` element ``root`` hold our settings only (Word 2013+ compatibility)."""
    _replace_children(root, [
        w("zoom", percent=100),
        w("defaultTabStop", val=720),
        w("characterSpacingControl", val="doNotCompress"),
        w("compat", w("compatSetting", name="compatibilityMode", uri="http://schemas.microsoft.com/office/word",
                      val=15)),
        w("themeFontLang", **language_attributes(look.language, rtl=look.rtl)),
        w("decimalSymbol", val="."),
        w("listSeparator", val=","),
    ])


def reset(root) -> None:
    """Empty a part's root element of the template python-docx ships, as if new.

    Its children go, and so do ``mc:Ignorable`` and the namespace declarations nothing
    uses any more (the template declares a dozen, Mac Office's among them).
    """
    for child in list(root):
        root.remove(child)
    root.attrib.pop("{http://schemas.openxmlformats.org/markup-compatibility/2006}Ignorable", None)
    etree.cleanup_namespaces(root)


def _replace_children(root, children: list[Any]) -> None:
    reset(root)
    root.extend(children)


# ============================================================================ extended properties

_EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_VTYPES = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"


def app_properties() -> bytes:
    """``docProps/app.xml`` naming this program and nothing about the machine (ECMA-376 Part 1, §22.2)."""
    root = etree.Element(f"{{{_EXTENDED}}}Properties", nsmap={None: _EXTENDED, "vt": _VTYPES})
    for name, value in (("Application", "resume-builder"), ("DocSecurity", "0"), ("ScaleCrop", "false"),
                        ("LinksUpToDate", "false"), ("SharedDoc", "false"), ("HyperlinksChanged", "false")):
        etree.SubElement(root, f"{{{_EXTENDED}}}{name}").text = value
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
