"""The steps every DOCX we write shares, résumé or letter: open the package, write the
styles, numbering and settings in the theme's look, and at the end embed the fonts, set the
core properties and zip reproducibly. :func:`start` gives a :class:`Writer` for the body;
:func:`finish` gives the bytes.
"""

from __future__ import annotations

import io
from typing import Any

from docx.oxml.ns import qn

from resume_builder.render.docx.east_asian import substitute
from resume_builder.render.docx.look import DocxLook
from resume_builder.render.docx.package import (install_styles, numbering_part, open_package, repack,
                                                set_core_properties, set_language, strip_package)
from resume_builder.render.docx.parts import add_bullet_numbering, fill_settings, fill_styles, reset, style_definitions
from resume_builder.render.docx.writer import Writer
from resume_builder.render.docx_fonts import embed_fonts
from resume_builder.theming import Theme


def start(theme: Theme, look: DocxLook, extra_styles: dict[str, Any] | None = None) -> Writer:
    """A writer on an empty package in ``look``: the theme's reference DOCX (its styles win) or
    styles written from scratch; ``extra_styles`` (key -> ``w:style``) are added to the résumé's."""
    document, reference = open_package(theme)
    strip_package(document)
    numbering = numbering_part(document).element
    if reference:
        taken = [int(n.get(qn("w:abstractNumId"))) for n in numbering.findall(qn("w:abstractNum"))]
        taken += [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
        first = max(taken, default=0) + 1
    else:
        first = 1
        reset(numbering)
    add_bullet_numbering(numbering, look, first)
    definitions = {**style_definitions(look, (first, first + 1)), **(extra_styles or {})}
    if reference:
        ids = install_styles(document, definitions)
        set_language(document.styles.element, look)
    else:
        fill_styles(document.styles.element, look, definitions)
        ids = {key: element.get(qn("w:styleId")) for key, element in definitions.items()}
        fill_settings(document.settings.element, look)
    return Writer(document, look, ids, theme)


def finish(writer: Writer, theme: Theme, doc: Any) -> bytes:
    """The package's bytes: the theme's fonts embedded (and the emoji font and the Noto CJK faces
    when used, with their Windows fallbacks), core properties from ``doc``'s metadata, a
    reproducible zip."""
    look = writer.look
    east_asian = writer.east_asian_fonts  # the styles' faces too, once a run has East Asian text
    if east_asian:
        east_asian = east_asian | {font for font in (look.east_asian_body_font, look.east_asian_heading_font) if font}
    embed_fonts(writer.document, theme, [look.body_font, look.heading_font], emoji=writer.emoji,
                substitutes=tuple(filter(None, (substitute(name) for name in sorted(east_asian)))))
    set_core_properties(writer.document, doc)
    buffer = io.BytesIO()
    writer.document.save(buffer)
    return repack(buffer.getvalue())
