"""The body of the DOCX: masthead, sections, entries, runs, hyperlinks and the footer's page field.

Built as python-docx ``OxmlElement`` trees appended to the document body; paragraph and
character styles are referred to by the ids ``package.install_styles`` returns.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from resume_builder.document import Bullet, Document, Entry, RichText, Section, label_gap
from resume_builder.render.docx_fonts import EMOJI_FONT, split_emoji
from resume_builder.markdown import Span
from resume_builder.theming import CODE_FONT_DOCX, Theme
from resume_builder.render.docx.look import DocxLook
from resume_builder.render.docx.parts import (FIELD_SCALE, LIST_INDENTS, ROLE_GAP_EM, ROLE_INDENT_TWIPS, line_spacing, paragraph_properties,
                                              spacing_attributes, style_spacing, twips)
from resume_builder.render.docx.parts import half_points as _half
from resume_builder.render.docx.parts import twips_from_mm as _twips_mm
from resume_builder.render.docx.east_asian import EastAsian, document_languages, han_language
from resume_builder.render.docx.east_asian import pieces as east_asian_pieces
from resume_builder.render.docx.parts import italic_style
from resume_builder.render.docx.scripts import language_attributes, mark_separators, split_common, unspaced
from resume_builder.render.docx_fonts import is_serif

SEP = "\u00a0· "  # a no-break space before the separator: a wrapped line ends with it, never starts
DASH = " — "
RUN_IN_DASH = "\u00a0– "  # compact: between a run-in title and its text, a parent bullet and its sub-points
HEADLINE_SEP = "\u00a0| "  # compact: between the headline and the contact details


#: Stands for a ``w:noBreakHyphen`` in a run's text (:meth:`Writer._run`); never written itself.
NO_BREAK_HYPHEN = "\u2011"


def unbroken(contact) -> str:
    """A contact detail's text as it may break in Word: an e-mail, web or profile address, or a
    phone number, never at a hyphen (LibreOffice broke ``linkedin.com/in/alex-`` / ``example``),
    as the PDF's (:func:`resume_builder.render.wrapping.contact_breaks`). A phone number's
    spaces stay spaces: a no-break space or joiner would be in the text an ATS reads."""
    if contact.kind in ("email", "website", "profile", "phone"):
        return contact.text.replace("-", NO_BREAK_HYPHEN)
    return contact.text


def short_list(bullets) -> bool:
    """Whether compact sets ``bullets`` as one run-in line (macros.html.j2's short_list): three or
    more, none longer than 60 characters, none with sub-points."""
    return len(bullets) >= 3 and all(not b.children and len(b.text.plain) <= 60 for b in bullets)

#: The photo beside the masthead (base.css.j2 .photo): it fits a square this wide, in mm, this far
#: from the masthead's text.
PHOTO_MM, PHOTO_GAP_MM = 22, 4

#: Points in a millimetre.
PT_PER_MM = 72 / 25.4

#: A company's roles (base.css.j2's .roles): the space above the first role and below the last,
#: and above a role's paragraphs and list, in ems of the body's size.
ROLES_TOP_EM, ROLES_BOTTOM_EM, ROLE_BODY_EM = 0.3, 0.45, 0.15

#: The paragraph styles set in the theme's heading font (parts.style_definitions).
HEADING_KEYS = frozenset({"title", "subtitle", "heading1"})

# Characters XML 1.0 cannot hold (the document model already drops control characters;
# this is a last guard so a stray one can never make the file unreadable).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_LINE_BREAKS = re.compile(r"\r\n|[\n\r\t\x85\u2028\u2029]")


def safe_text(text: str) -> str:
    return _XML_INVALID.sub("", _LINE_BREAKS.sub(" ", text))



# ============================================================================ the writer


class Writer:
    def __init__(self, document, look: DocxLook, ids: dict[str, str], theme: Theme | None = None):
        self.document = document
        self.theme = theme  # its font files measure the masthead's text beside a photo
        self.look = look
        self.ids = ids
        self.body = document.element.body
        self.part = document.part
        self.emoji = False  # set when a run names the emoji font (the font table lists it)
        self.label_end = ":"  # what ends a label before its value: the document's (Document.label_end)
        self.semicolon = "; "  # between items holding commas, with its space (Document.semicolon_separator)
        # The Latin font of the paragraph being written: the complex-script font of the digits
        # and punctuation of its right-to-left runs (scripts.split_common).
        self.latin_font = look.body_font
        # Whether the paragraph being written is right to left (its item separators get marks).
        self.rtl_paragraph = look.rtl
        # Each style's space before and after (parts.style_spacing), and the space after the last
        # paragraph written: the next one's space before makes up the CSS's collapsed margin.
        self.spacing = style_spacing(look)
        self.last_after = 0.0
        self.extra_before = 0.0  # more space before the next paragraph (below a photo: Writer.masthead)
        self.indent_more = 0  # twips more than its style's left indent for each paragraph (a role's body)
        # East Asian text (east_asian.py): its languages in this document, the Noto CJK faces runs
        # name (the font table describes them), whether the paragraph's style is italic (its East
        # Asian text is set upright) and which Latin fonts have serifs (the CJK face follows).
        self.east_asian = document_languages(look.language)
        self.east_asian_fonts: set[str] = set()
        styles = document.styles.element
        self.italic_keys = frozenset(key for key, style_id in ids.items() if italic_style(styles, style_id))
        self.italic_paragraph = False
        self._serif: dict[str, bool] = {}

    # ------------------------------------------------------------------ primitives

    def paragraph(self, key: str, *, keep_next: bool = False, before: float | None = None,
                  after: float | None = None, ltr: bool = False, rule: tuple[str, float, float] | None = None,
                  line: float | None = None):
        """A new paragraph of style ``key``, appended to the body.

        ``before`` is the CSS's margin-top of what the paragraph is in the PDF (None: its style's),
        ``after`` its margin-bottom (None: the style's). CSS collapses the two margins to the
        larger; Word adds the space after one paragraph to the space before the next, and
        LibreOffice takes the larger of them: the gap (the larger) is given on one side only, as
        the space after the paragraph above when that has any, else as this one's space before
        (said in the paragraph where that differs from its style's).

        ``ltr``: a left-to-right paragraph in a right-to-left document (``w:bidi w:val="0"``, see
        :meth:`text_paragraph`); ``rule``: a bottom border (colour, width and the gap above it in
        points); ``line``: its lines' exact height in points, not its style's (a line of larger
        text run in)."""
        self.latin_font = self.look.heading_font if key in HEADING_KEYS else self.look.body_font
        self.rtl_paragraph = self.look.rtl and not ltr
        self.italic_paragraph = key in self.italic_keys
        style_before, style_after = self.spacing.get(key, (0, 0))
        wanted = style_before if before is None else before
        gap = max(wanted, self.last_after) + self.extra_before
        self.extra_before = 0.0
        previous = self.body[-1] if len(self.body) else None
        if self.last_after > 0 and previous is not None and previous.tag == qn("w:p"):
            # the whole gap on one side: LibreOffice takes the larger of the two, Word adds them
            if twips(gap) != twips(self.last_after):
                self._set_after(previous.find(qn("w:pPr")), gap)
            before_here = 0.0
        else:
            before_here = gap
        after_here = style_after if after is None else after
        self.last_after = after_here
        p = OxmlElement("w:p")
        ppr = OxmlElement("w:pPr")  # children in CT_PPrBase's order
        style = OxmlElement("w:pStyle")
        style.set(qn("w:val"), self.ids[key])
        ppr.append(style)
        if keep_next:
            ppr.append(OxmlElement("w:keepNext"))
        if rule:
            ppr.append(paragraph_properties(rule=rule).find(qn("w:pBdr")))
        if self.look.rtl and ltr:
            bidi = OxmlElement("w:bidi")
            bidi.set(qn("w:val"), "0")
            ppr.append(bidi)
        changed = {}
        if twips(before_here) != twips(style_before):
            changed["before"] = before_here
        if twips(after_here) != twips(style_after):
            changed["after"] = after_here
        if line is not None:
            changed["exact"] = line
        if changed:
            spacing = OxmlElement("w:spacing")
            for name, value in spacing_attributes(**changed).items():
                spacing.set(qn(f"w:{name}"), str(value))
            ppr.append(spacing)
        if self.indent_more:  # after w:spacing, in CT_PPrBase's order
            left, hanging = LIST_INDENTS.get(key, (0, 0))
            ind = OxmlElement("w:ind")
            ind.set(qn("w:left"), str(left + self.indent_more))
            ind.set(qn("w:hanging"), str(hanging))
            ppr.append(ind)
        p.append(ppr)
        self.body.append(p)
        return p

    def text_paragraph(self, key: str, text: RichText, *, keep_next: bool = False, before: float | None = None):
        """A paragraph of style ``key`` holding ``text``; in a right-to-left document, one with no
        right-to-left letter (an English bullet in an Arabic résumé) is set left to right
        (``w:bidi w:val="0"`` over the styles' ``w:bidi``), as the HTML's ``dir="ltr"``: laid
        out right to left, its runs read in the wrong order."""
        p = self.paragraph(key, keep_next=keep_next, before=before, ltr=self.look.rtl and text.ltr_only)
        self.rich(p, text)
        return p

    def run(self, text: str, *, bold: bool | None = None, italic: bool | None = None, color: str | None = None,
            size: float | None = None, style: str | None = None, font: str | None = None,
            han: EastAsian | None = None):
        """The ``w:r`` elements for ``text``: one, or in a right-to-left document one per direction,
        and more for East Asian text in italics.

        East Asian text (:mod:`resume_builder.render.docx.east_asian`) names the Noto CJK face of
        its language's region in the class of the paragraph's Latin font (``w:rFonts/@w:eastAsia``)
        and says its language (``w:lang/@w:eastAsia``); a run of two East Asian languages is cut
        between them. In italics (``italic``, or the paragraph's style's), East Asian stretches are
        runs of their own set upright: CJK scripts have no italic. ``han`` is the language of Han
        alone, from the whole text the run is part of (:func:`~resume_builder.render.docx.east_asian.han_language`);
        None: from ``text``.

        Right-to-left documents: each left-to-right run of ``text`` (a phone number, an
        e-mail, ``C++``: :func:`resume_builder.bidi.ltr_spans`) gets a ``w:r`` of its own
        without ``w:rtl``, the rest ``w:rtl`` (Word lays out neutrals by the run's
        direction); a left-to-right run whose first or last character is not a strong
        left-to-right one is also fenced with LEFT-TO-RIGHT MARKs, which every word
        processor honours (LibreOffice applies the bidi algorithm to the paragraph's text).
        The digits and punctuation of a right-to-left run (``2016 – 2020``, ``40%``) are a
        ``w:rtl`` run of their own whose complex-script font is the paragraph's Latin font
        (:func:`resume_builder.render.docx.scripts.split_common`): the Hebrew fonts have no digits.
        In a right-to-left paragraph, an item separator between left-to-right items is followed
        by a RIGHT-TO-LEFT MARK (:func:`resume_builder.render.docx.scripts.mark_separators`).
        """
        if han is None:
            han = han_language(text, self.east_asian)
        if not self.look.rtl or text == "\t":
            return self._runs(text, han, bold=bold, italic=italic, color=color, size=size, style=style, font=font)
        from resume_builder.bidi import LRM, segments

        runs = []
        for piece, ltr in segments(text):
            if ltr:
                first, last = unicodedata.bidirectional(piece[0]), unicodedata.bidirectional(piece[-1])
                piece = (LRM if first != "L" else "") + piece + (LRM if last != "L" else "")
                runs.extend(self._runs(piece, han, bold=bold, italic=italic, color=color, size=size, style=style,
                                       font=font))
                continue
            if self.rtl_paragraph:
                piece = mark_separators(piece)
            for part, common in (split_common(piece) if font is None else [(piece, False)]):
                runs.extend(self._runs(part, han, bold=bold, italic=italic, color=color, size=size, style=style,
                                       font=font, rtl=True, cs_font=self.latin_font if common else None))
        return runs

    def _runs(self, text: str, han: EastAsian, *, italic: bool | None = None, font: str | None = None,
              **fmt) -> list:
        """``text`` as one ``w:r`` (:meth:`_run`), or more where East Asian text needs its own
        (:meth:`run`); emoji and code runs (``font``) keep their one font in every slot."""
        if font is not None or text == "\t":
            return [self._run(text, italic=italic, font=font, **fmt)]
        cut = east_asian_pieces(text, self.east_asian, han)
        languages = {language for _piece, language in cut if language is not None}
        if not languages:
            return [self._run(text, italic=italic, **fmt)]
        slanted = italic is True or (italic is None and self.italic_paragraph)
        if not slanted and len(languages) == 1:  # one run: Latin letters keep their slot's font
            cut = [(text, languages.pop())]
        elif not slanted:  # a cut between East Asian languages only
            merged: list[tuple[str, EastAsian | None]] = []
            for piece, language in cut:
                if merged and (language is None or merged[-1][1] is None):
                    merged[-1] = (merged[-1][0] + piece, merged[-1][1] or language)
                else:
                    merged.append((piece, language))
            cut = merged
        runs = []
        for piece, language in cut:
            if language is None:
                runs.append(self._run(piece, italic=italic, **fmt))
                continue
            east_font = language.font(self.serif(self.latin_font))
            self.east_asian_fonts.add(east_font)
            lang = {**language_attributes(self.look.language, rtl=self.look.rtl), "eastAsia": language.language}
            runs.append(self._run(piece, italic=False if slanted else italic, east_asian_font=east_font,
                                  lang=lang, **fmt))
        return runs

    def serif(self, family: str) -> bool:
        """Whether the Latin font ``family`` has serifs (:func:`resume_builder.render.docx_fonts.is_serif`)."""
        if family not in self._serif:
            self._serif[family] = is_serif(self.theme, family)
        return self._serif[family]

    @staticmethod
    def _run(text: str, *, bold: bool | None = None, italic: bool | None = None, color: str | None = None,
             size: float | None = None, style: str | None = None, font: str | None = None, rtl: bool = False,
             cs_font: str | None = None, east_asian_font: str | None = None, lang: dict[str, str] | None = None):
        """One ``w:r``; ``font`` names every font slot, ``cs_font`` (without ``font``) the complex-script
        one, ``east_asian_font`` the East Asian one; ``lang`` the ``w:lang`` attributes (without
        the ``w:`` prefix). Text in a script that joins or stacks is never letter-spaced
        (:func:`scripts.unspaced`)."""
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
        elif cs_font or east_asian_font:
            e = OxmlElement("w:rFonts")
            if east_asian_font:
                e.set(qn("w:eastAsia"), east_asian_font)
            if cs_font:
                e.set(qn("w:cs"), cs_font)
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
        if unspaced(text):  # no tracking from the style (Title, Heading 1) between joined letters
            e = OxmlElement("w:spacing")
            e.set(qn("w:val"), "0")
            props.append(e)
        if size:
            for tag in ("w:sz", "w:szCs"):
                e = OxmlElement(tag)
                e.set(qn("w:val"), str(_half(size)))
                props.append(e)
        if rtl:  # after w:sz/w:szCs, w:u and w:vertAlign, before w:lang (CT_RPr's order)
            props.append(OxmlElement("w:rtl"))
        if lang:
            e = OxmlElement("w:lang")
            for name, value in lang.items():
                e.set(qn(f"w:{name}"), value)
            props.append(e)
        if props:
            rpr = OxmlElement("w:rPr")
            rpr.extend(props)
            r.append(rpr)
        if text == "\t":
            r.append(OxmlElement("w:tab"))
            return r
        for index, piece in enumerate(text.split(NO_BREAK_HYPHEN)):
            if index:  # Word's own no-break hyphen: read back as "-" (python-docx, Word's text export)
                r.append(OxmlElement("w:noBreakHyphen"))
            if piece:
                t = OxmlElement("w:t")
                t.text = safe_text(piece)
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
        spans = tuple(spans)
        han = han_language("".join(span.text for span in spans), self.east_asian)
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
                                       font=EMOJI_FONT if is_emoji else (CODE_FONT_DOCX if span.code else None),
                                       han=han))

    def text(self, parent, text: str, **fmt) -> None:
        self.spans(parent, [Span(text)], **fmt)

    def rich(self, parent, text: RichText, **fmt) -> None:
        self.spans(parent, text.spans, **fmt)

    # ------------------------------------------------------------------ document parts

    def masthead(self, doc: Document) -> None:
        """The name (Title), the headline (Subtitle) and the contact line; the last of them has the
        space the PDF leaves below its masthead beyond the first section's own, and the theme's
        rule under the masthead (compact's), if any.

        Beside a photo (:meth:`photo`), the masthead is at least as tall as the photo, as the
        PDF's (base.css.j2: min-height): the last paragraph's space after makes up what its
        text (:meth:`masthead_height`) lacks."""
        look = self.look
        photo = self.photo(doc)
        last = "contacts" if doc.contacts else "subtitle" if doc.headline else "title"
        rule = (look.accent_color, look.masthead_rule, look.masthead_rule_space) if look.masthead_rule else None
        spare = 0.0
        if photo is not None:
            _, photo_width, photo_height = photo
            text_width = look.text_width_twips / 20 - photo_width - PHOTO_GAP_MM * PT_PER_MM
            spare = max(0.0, photo_height - self.masthead_height(doc, text_width))

        def end(key: str) -> dict:
            return {"after": look.gaps.masthead, "rule": rule} if key == last else {}

        if look.run_in and (doc.headline or doc.contacts):
            last = "contacts"
        p = self.paragraph("title", keep_next=True, **end("title"))
        if photo is not None:
            p.append(photo[0])
        self.text(p, doc.name)
        if look.run_in and (doc.headline or doc.contacts):
            self.masthead_line(doc, **end("contacts"))
        elif doc.headline:
            p = self.paragraph("subtitle", keep_next=True, **end("subtitle"))
            self.text(p, doc.headline)
        if doc.contacts and not look.run_in:
            p = self.paragraph("contacts", **end("contacts"))
            self.contact_runs(p, doc)
        # What the photo lacks of the masthead's text is no margin: the next paragraph adds it to its
        # space before (LibreOffice takes the larger of one's space after and the next's before).
        self.extra_before = spare

    def masthead_height(self, doc: Document, width: float) -> float:
        """The height in points of the masthead's text set ``width`` points wide: its lines
        (:func:`measure.line_count`) at their exact heights, and the space between them."""
        from resume_builder.render.docx.measure import Piece, line_count

        look = self.look
        heading = {"family": look.heading_font, "size": look.headline_size,
                   "bold": not look.headline_italic, "italic": look.headline_italic}
        paragraphs = [("title", [Piece(doc.name, look.heading_font, look.name_size, bold=True,
                                       tracking=look.name_size * 0.015)])]
        contacts = [Piece(SEP.join(contact.text for contact in doc.contacts), look.body_font, look.contacts_size)]
        if look.run_in and (doc.headline or doc.contacts):
            line = ([Piece(doc.headline, **heading)] if doc.headline else []) \
                + ([Piece(HEADLINE_SEP, look.body_font, look.contacts_size)] if doc.headline and doc.contacts else []) \
                + (contacts if doc.contacts else [])
            paragraphs.append(("subtitle", line))  # its lines are the headline's, its gap above too
        else:
            if doc.headline:
                paragraphs.append(("subtitle", [Piece(doc.headline, **heading)]))
            if doc.contacts:
                paragraphs.append(("contacts", contacts))
        height = 0.0
        for key, pieces in paragraphs:
            lines = line_count(self.theme, pieces, width) if self.theme is not None else 1
            height += self.spacing[key][0] + lines * self.line_height(key)
        return height

    def line_height(self, key: str) -> float:
        """The height in points of a line of style ``key`` (a theme's Word multiple: about)."""
        spacing = line_spacing(self.look, key)
        if "exact" in spacing:
            return spacing["exact"]
        size = {"title": self.look.name_size, "subtitle": self.look.headline_size,
                "contacts": self.look.contacts_size}.get(key, self.look.font_size)
        return size * 1.3 * spacing["line"]

    def masthead_line(self, doc: Document, **end) -> None:
        """Run in (compact's header.html.j2): the headline, in the Subtitle's look, and the contact
        details share one Contact Line paragraph, after " | "; its lines are as tall as the
        headline's."""
        look = self.look
        p = self.paragraph("contacts", before=look.gaps.headline, line=self.line_height("subtitle"), **end)
        if doc.headline:
            self.text(p, doc.headline, bold=not look.headline_italic, italic=look.headline_italic or None,
                      color=look.headline_color, size=look.headline_size)
            if doc.contacts:
                p.extend(self.run(HEADLINE_SEP, color=look.accent_color))
        self.contact_runs(p, doc)

    def contact_runs(self, p, doc: Document) -> None:
        for index, contact in enumerate(doc.contacts):
            if index:
                p.extend(self.run(SEP, color=self.look.accent_color))
            self.text(p, unbroken(contact), href=contact.href)

    def photo(self, doc: Document):
        """The profile's photo (PNG or JPEG, already checked) beside the masthead, as the PDF
        floats it (base.css.j2 .photo): at the right margin (the left one right to left), its
        top level with the name's line, the masthead's text wrapping beside it 4 mm away. A
        picture anchored in the name's paragraph (``wp:anchor`` with ``wp:wrapSquare``, ECMA-376
        Part 1 §20.4.2.3): no text of its own, so the name stays the first line an ATS reads, and
        no table or text box. Word cannot show an SVG without a raster copy: left out.

        Returns the ``w:r`` holding it, for :meth:`masthead` to put in the name's paragraph, and
        its width and height in points; None without a photo. Before, the photo had a paragraph
        of its own above the name: 22 mm more than the PDF's masthead, and a one-page PDF's DOCX
        ran on to a second page."""
        if doc.photo is None or doc.photo.format not in ("PNG", "JPEG"):
            return None
        from docx.shared import Mm

        width, height = doc.photo.width or 1, doc.photo.height or 1
        scale = PHOTO_MM / max(width, height)  # fit the PDF's 22 mm square
        inline = self.part.new_pic_inline(io.BytesIO(doc.photo.data), Mm(width * scale), Mm(height * scale))
        _describe(inline, doc.name)  # as the HTML photo's alt
        anchor = OxmlElement("wp:anchor")
        for name, value in (("distT", 0), ("distB", 0), ("distL", 0 if self.look.rtl else Mm(PHOTO_GAP_MM)),
                            ("distR", Mm(PHOTO_GAP_MM) if self.look.rtl else 0), ("simplePos", 0),
                            ("relativeHeight", 1), ("behindDoc", 0), ("locked", 0), ("layoutInCell", 1),
                            ("allowOverlap", 0)):
            anchor.set(name, str(int(value)))
        simple = OxmlElement("wp:simplePos")
        simple.set("x", "0")
        simple.set("y", "0")
        across = OxmlElement("wp:positionH")
        across.set("relativeFrom", "margin")
        align = OxmlElement("wp:align")
        align.text = "left" if self.look.rtl else "right"
        across.append(align)
        down = OxmlElement("wp:positionV")
        down.set("relativeFrom", "paragraph")
        offset = OxmlElement("wp:posOffset")
        offset.text = "0"
        down.append(offset)
        wrap = OxmlElement("wp:wrapSquare")
        wrap.set("wrapText", "right" if self.look.rtl else "left")
        anchor.extend([simple, across, down, inline.find(qn("wp:extent"))])
        effect = OxmlElement("wp:effectExtent")
        for side in "ltrb":
            effect.set(side, "0")
        anchor.extend([effect, wrap])
        for tag in ("wp:docPr", "wp:cNvGraphicFramePr", "a:graphic"):
            found = inline.find(qn(tag))
            if found is not None:
                anchor.append(found)
        r = OxmlElement("w:r")
        drawing = OxmlElement("w:drawing")
        drawing.append(anchor)
        r.append(drawing)
        return r, width * scale * PT_PER_MM, height * scale * PT_PER_MM

    def image_paragraph(self, style_key: str, data: bytes, width, height, alt: str = ""):
        """A paragraph in style ``style_key`` (kept with the next) holding only an inline
        picture of ``data`` (PNG or JPEG bytes) at ``width`` x ``height`` (python-docx lengths),
        described by ``alt`` (its alternative text); returned."""
        inline = self.part.new_pic_inline(io.BytesIO(data), width, height)
        _describe(inline, alt)
        r = OxmlElement("w:r")
        drawing = OxmlElement("w:drawing")
        drawing.append(inline)
        r.append(drawing)
        p = self.paragraph(style_key, keep_next=True)
        spacing = self._spacing(p.find(qn("w:pPr")))  # single lines: an exact line would cut the picture
        spacing.set(qn("w:line"), "240")
        spacing.set(qn("w:lineRule"), "auto")
        p.append(r)
        return p

    def section(self, section: Section) -> None:
        """A section: its heading (Heading 1), paragraphs, bullets, then its entries or pairs; the
        first entry right under the heading has no space above it (CSS: .section-title + .entry)."""
        p = self.paragraph("heading1")
        self.text(p, section.title)
        if self.look.run_in and section.paragraphs:  # compact's section.html.j2: the summary runs together
            self.run_together("normal", section.paragraphs, before=0)
        else:
            for index, paragraph in enumerate(section.paragraphs):
                self.text_paragraph("normal", paragraph, before=self.look.gaps.paragraph if index else 0)
        self.bullets(section.bullets)
        if section.layout == "pairs" and self.look.run_in and section.entries:
            self.pairs_run_in(section.entries)
        elif section.layout == "pairs":
            for index, entry in enumerate(section.entries):
                self.pair(entry, first=index == 0, keep_next=_holds_neighbour(index, len(section.entries)))
        else:
            for index, entry in enumerate(section.entries):
                self.entry(entry, first=index == 0 and not (section.paragraphs or section.bullets))

    def bullets(self, bullets: tuple[Bullet, ...], first_gap: float | None = None) -> None:
        """List Bullet paragraphs, each bullet's sub-points List Bullet 2. The first bullet has the
        list's space above it (``first_gap``, else the theme's: the list's margin and its first
        item's collapse to the larger), as the first of a sub-list has the sub-list's."""
        gaps = self.look.gaps
        first = max(gaps.list if first_gap is None else first_gap, gaps.item)
        if self.look.run_in and bullets:
            self.bullets_run_in(bullets, first)
            return
        for index, bullet in enumerate(bullets):
            held = _holds_neighbour(index, len(bullets))  # the item's last paragraph keeps with the next item
            self.text_paragraph("bullet", bullet.text, before=None if index else first,
                                keep_next=held and not bullet.children)
            for number, child in enumerate(bullet.children):
                self.text_paragraph("bullet2", child, before=None if number else max(gaps.sublist, gaps.subitem),
                                    keep_next=held and number == len(bullet.children) - 1)

    # ------------------------------------------------------------------ run in (compact)
    # What compact's templates (section.html.j2, entry.html.j2, macros.html.j2) set inline, one
    # paragraph each here, the same text in the same order with the same separators.

    def bullets_run_in(self, bullets: tuple[Bullet, ...], first: float) -> None:
        """A short list (:func:`short_list`) is one bullet, its items after middle dots; else a bullet
        each, its sub-points run in after it (after a dash, unless it ends in punctuation), between
        semicolons."""
        accent, muted = self.look.accent_color, self.look.muted_color
        if short_list(bullets):
            p = self.paragraph("bullet", before=first, ltr=self.look.rtl and all(b.text.ltr_only for b in bullets))
            for index, bullet in enumerate(bullets):
                if index:
                    p.extend(self.run(SEP, color=accent))
                self.rich(p, bullet.text)
            return
        for index, bullet in enumerate(bullets):
            texts = [bullet.text, *bullet.children]
            p = self.paragraph("bullet", before=None if index else first,
                               ltr=self.look.rtl and all(text.ltr_only for text in texts))
            self.rich(p, bullet.text)
            if bullet.children:
                p.extend(self.run(" " if bullet.text.plain.rstrip()[-1:] in ":;,." else RUN_IN_DASH, color=muted))
                for number, child in enumerate(bullet.children):
                    if number:
                        p.extend(self.run(self.semicolon, color=accent))
                    self.rich(p, child)

    def run_together(self, key: str, texts, *, before: float | None = None, keep_next: bool = False,
                     italic_first: bool = False, fields=()):
        """One paragraph of style ``key`` holding ``texts`` after one another, a space between (the
        first in italics, in the muted colour, and a dash after it unless it ends in punctuation,
        with ``italic_first``: an entry's description before its paragraphs), then ``fields``."""
        texts = [text for text in texts if text]
        ltr = self.look.rtl and all(text.ltr_only for text in texts)
        p = self.paragraph(key, before=before, keep_next=keep_next, ltr=ltr)
        for index, text in enumerate(texts):
            if index:
                lede_dash = index == 1 and italic_first and texts[0].plain.rstrip()[-1:] not in ".!?:;\u2026"
                p.extend(self.run(RUN_IN_DASH if lede_dash else " ", color=self.look.muted_color if lede_dash else None))
            if index == 0 and italic_first:
                self.rich(p, text, italic=True, color=self.look.muted_color)
            else:
                self.rich(p, text)
        self.field_runs(p, fields, space=bool(texts))
        return p

    def field_runs(self, p, fields, *, space: bool = True) -> None:
        """Fields ("Technologies: ...") run in after what ``p`` holds, a little smaller, in the muted colour."""
        size = self.look.font_size * FIELD_SCALE
        for index, fld in enumerate(fields):
            if index or space:
                p.extend(self.run(" "))
            p.extend(self.run(f"{fld.label}{self.label_end}", bold=True, size=size))
            if label_gap(self.label_end):
                p.extend(self.run(label_gap(self.label_end), size=size))
            self.rich(p, fld.value, color=self.look.muted_color, size=size)

    def pairs_run_in(self, entries: tuple[Entry, ...]) -> None:
        """Pairs (skills, languages) in one paragraph, each label in bold, between semicolons."""
        p = self.paragraph("pair", before=0, ltr=self.look.rtl and all(
            e.title.ltr_only and e.description.ltr_only for e in entries))
        for index, entry in enumerate(entries):
            if index:
                p.extend(self.run(self.semicolon, color=self.look.muted_color))
            self.pair_runs(p, entry)

    def entry_run_in(self, entry: Entry, first: bool) -> None:
        """An entry as compact's entry.html.j2 sets it: a dated entry's header as classic's, then its
        description and paragraphs in one paragraph; an undated one's title (and subtitle) with
        them in one paragraph after a dash; then bullets, the closing paragraphs run together,
        and the fields, run in after the prose they follow or each on a line of its own."""
        gaps = self.look.gaps
        css_body = bool(entry.paragraphs or entry.bullets or entry.closing or entry.fields or entry.roles)
        has_body = css_body or bool(entry.description)
        meta = SEP.join(part for part in (entry.date, entry.location) if part)
        has_meta = bool(meta or entry.url_text)
        lede = [entry.description, *entry.paragraphs] if entry.description else list(entry.paragraphs)
        where = "closing" if entry.closing else "lede" if lede and not entry.bullets else "own"
        lede_fields = entry.fields if where == "lede" else ()
        top = 0 if first else gaps.entry if css_body else gaps.entry_no_body
        if has_meta:
            self.entry_header(entry, meta, has_body, top)
            if lede:
                self.run_together("normal", lede, before=gaps.description, italic_first=bool(entry.description),
                                  keep_next=bool(entry.bullets or entry.closing or entry.roles), fields=lede_fields)
        else:
            p = self.paragraph("runin", before=top, keep_next=bool(entry.bullets) and not lede)
            self.rich(p, entry.title, bold=True, href=entry.url)
            if entry.subtitle:
                p.extend(self.run(DASH))
                self.rich(p, entry.subtitle)
            if lede:
                p.extend(self.run(RUN_IN_DASH, color=self.look.muted_color))
                for index, text in enumerate(lede):
                    if index:
                        lede_dash = index == 1 and entry.description and \
                            entry.description.plain.rstrip()[-1:] not in ".!?:;\u2026"
                        p.extend(self.run(RUN_IN_DASH if lede_dash else " ",
                                          color=self.look.muted_color if lede_dash else None))
                    if index == 0 and entry.description:
                        self.rich(p, text, italic=True, color=self.look.muted_color)
                    else:
                        self.rich(p, text)
            self.field_runs(p, lede_fields)
        self.bullets(entry.bullets)
        if entry.closing:
            self.run_together("normal", entry.closing, before=gaps.text,
                              fields=entry.fields if where == "closing" else ())
        if where == "own":
            for fld in entry.fields:
                p = self.paragraph("field", keep_next=bool(entry.roles))
                self.field_label(p, fld)
        em = self.look.font_size
        for index, role in enumerate(entry.roles):
            self.entry(role, "heading3", before=em * (ROLES_TOP_EM if index == 0 else ROLE_GAP_EM))
        if entry.roles:
            self.end_roles()

    def pair(self, entry: Entry, first: bool = False, keep_next: bool = False) -> None:
        """A pair (a skill group, a language) as one paragraph; in a right-to-left document, one
        with no right-to-left letter (English skills in an Arabic résumé) is set left to right.
        ``keep_next``: kept on the page of the next pair (:func:`_holds_neighbour`)."""
        p = self.paragraph("pair", before=0 if first else None, keep_next=keep_next,
                           ltr=self.look.rtl and entry.title.ltr_only
                           and (not entry.description or entry.description.ltr_only))
        self.pair_runs(p, entry)

    def pair_runs(self, p, entry: Entry) -> None:
        self.rich(p, entry.title, bold=True, href=entry.url)
        if entry.description:
            p.extend(self.run(self.label_end, bold=True))
            if label_gap(self.label_end):
                p.extend(self.run(label_gap(self.label_end)))
            self.rich(p, entry.description)

    def role_header(self, role: Entry, has_body: bool, meta: str, before: float) -> None:
        """A company's role: one Heading 3 paragraph, the position then its dates (and place)
        at the right tab, as the PDF's role line reads (dates after the title in the text flow)."""
        p = self.paragraph("heading3", keep_next=has_body, before=before)
        self.rich(p, role.title, href=role.url)
        if role.subtitle:
            p.extend(self.run(DASH, bold=False))
            self.rich(p, role.subtitle, bold=False, italic=True)
        if meta or role.url_text:
            p.extend(self.run("\t"))
        if meta:
            p.extend(self.run(meta, bold=False, color=self.look.muted_color, size=self.look.small_size))
        if role.url_text:
            if meta:
                p.extend(self.run(SEP, bold=False, color=self.look.muted_color, size=self.look.small_size))
            self.spans(p, (Span(role.url_text),), bold=False, color=self.look.muted_color,
                       size=self.look.small_size, href=role.url)

    def entry(self, entry: Entry, heading: str = "heading2", first: bool = False, before: float | None = None) -> None:
        """An entry: its header as a heading paragraph (Heading 2; a company's role: Heading 3),
        then its body; a company's roles follow last, each a Heading 3 with its own body.

        The space above each paragraph is the PDF's (the theme's CSS margins, look.gaps): above the
        entry, none when it is the first right under its section's heading (``first``), less when
        it has no body; a role's own is ``before``."""
        if self.look.run_in and heading == "heading2":
            self.entry_run_in(entry, first)
            return
        gaps = self.look.gaps
        em = self.look.font_size
        body = [bool(entry.description), *(True for _ in entry.paragraphs), bool(entry.bullets),
                *(True for _ in entry.closing), *(True for _ in entry.fields), bool(entry.roles)]
        has_body = any(body)
        css_body = bool(entry.paragraphs or entry.bullets or entry.closing or entry.fields or entry.roles)
        meta = SEP.join(part for part in (entry.date, entry.location) if part)
        has_meta = bool(meta or entry.url_text)
        if heading == "heading3":
            self.role_header(entry, has_body, meta, before if before is not None else em * ROLE_GAP_EM)
            # base.css.j2: .role > .entry-text and .role > ul.bullets, 0.15 em below the role's header
            text_gap = list_gap = em * ROLE_BODY_EM
            self.indent_more = ROLE_INDENT_TWIPS  # the body under its heading, as the PDF sets the role in
        else:
            # Title, organisation, then date and place: a paragraph each, as the PDF's three
            # lines, so parsers that read a DOCX paragraph by paragraph take the header apart.
            top = 0 if first else gaps.entry if css_body else gaps.entry_no_body
            self.entry_header(entry, meta, has_body, top)
            text_gap, list_gap = gaps.text, None
        if entry.description:
            more = bool(entry.paragraphs or entry.bullets or entry.closing or entry.fields)
            self.text_paragraph("description", entry.description, keep_next=more)
        for paragraph in entry.paragraphs:
            self.text_paragraph("normal", paragraph, before=text_gap)
        self.bullets(entry.bullets, list_gap)
        for paragraph in entry.closing:
            self.text_paragraph("normal", paragraph, before=gaps.text)
        for fld in entry.fields:
            p = self.paragraph("field", keep_next=bool(entry.roles))
            self.field_label(p, fld)
        self.indent_more = 0
        for index, role in enumerate(entry.roles):
            self.entry(role, "heading3", before=em * (ROLES_TOP_EM if index == 0 else ROLE_GAP_EM))
        if entry.roles:
            self.end_roles()

    def entry_header(self, entry: Entry, meta: str, has_body: bool, top: float) -> None:
        """Title, organisation, then date and place: a paragraph each, as the PDF's three lines, so
        parsers that read a DOCX paragraph by paragraph take the header apart; ``top``: the space above."""
        has_meta = bool(meta or entry.url_text)
        p = self.paragraph("heading2", keep_next=has_body or bool(entry.subtitle) or has_meta, before=top)
        self.rich(p, entry.title, href=entry.url)
        if entry.subtitle:
            self.rich(self.paragraph("organisation", keep_next=has_body or has_meta), entry.subtitle)
        if has_meta:
            p = self.paragraph("meta", keep_next=has_body)
            if meta:
                p.extend(self.run(meta))
            if entry.url_text:  # the link printed as text (theme option entry_urls), linked as well
                if meta:
                    p.extend(self.run(SEP))
                self.spans(p, (Span(entry.url_text),), href=entry.url)

    def field_label(self, p, fld) -> None:
        p.extend(self.run(f"{fld.label}{self.label_end}", bold=True))
        if label_gap(self.label_end):
            p.extend(self.run(label_gap(self.label_end)))
        self.rich(p, fld.value)

    def end_roles(self) -> None:
        """base.css.j2: .roles { margin-bottom: 0.45em }, which the next entry's margin-top meets."""
        self.last_after = max(self.last_after, self.look.font_size * ROLES_BOTTOM_EM)
        self._set_after(self.body[-1].find(qn("w:pPr")), self.last_after)

    @staticmethod
    def _spacing(ppr):
        """The ``w:spacing`` of the paragraph properties ``ppr`` (which :meth:`paragraph` wrote:
        nothing after it in CT_PPrBase's order), added if missing."""
        spacing = ppr.find(qn("w:spacing"))
        if spacing is None:
            spacing = OxmlElement("w:spacing")
            ppr.append(spacing)
        return spacing

    def _set_after(self, ppr, points: float) -> None:
        """Give the paragraph properties ``ppr`` ``points`` of space after."""
        self._spacing(ppr).set(qn("w:after"), str(twips(points)))

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
        self.latin_font = self.look.body_font  # Footer is based on Normal
        self.rtl_paragraph = self.look.rtl
        self.italic_paragraph = "footer" in self.italic_keys
        footer = self.document.sections[0].footer
        footer.is_linked_to_previous = False  # python-docx adds the part and the reference
        ftr = footer.part.element
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


def _holds_neighbour(index: int, count: int) -> bool:
    """Whether item ``index`` of a list of ``count`` keeps with the item after it, so that a
    page never begins or ends with one item of a list alone (the themes' CSS: ``li:first-child
    { break-after: avoid }``, ``li:last-child { break-before: avoid }``): the first item, and
    the one before the last. Word's "keep with next" on the item's last paragraph."""
    return count > 1 and index in (0, count - 2)


def _describe(inline: Any, alt: str) -> None:
    """Give a picture's ``wp:docPr`` the alternative text ``alt`` (its ``descr``, ECMA-376 Part 1
    §20.4.2.5: what Word shows as Alt Text and a screen reader reads), as the PDF's ``alt``."""
    if alt:
        found = inline.find(qn("wp:docPr"))
        if found is not None:
            found.set("descr", alt)
