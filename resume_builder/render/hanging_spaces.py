"""A text that fits but for its trailing space is not cut after its first word (PDF layout).

WeasyPrint lays a paragraph's text out one box at a time: ``I am applying … I built a ``
(ending in a space) and then ``<strong>log shipper</strong>``. For each box it asks
``weasyprint.text.line_break.split_first_line`` for the part that fits the line. Pango puts
the whole box on one line, its trailing space hanging past the end as CSS says a
collapsible space at the end of a line does (CSS Text 3, 4.1.3), but WeasyPrint then
compares the line's width *with* that space to the room left and, finding it 0.2 px too
wide, takes the text for one word too long for the line: it keeps only the first word and
sends the rest to the next line. A cover letter printed "I" alone on its first line, then
"am applying for the Senior Backend Engineer — Initech Systems role at …" (a trial with a
job posting: the posting's title made that sentence just that long). Any text can do it,
in a letter or a résumé, whenever the box before an inline element (bold, italic, a link)
ends within a space's width of the line's end; the em dash was only what made it that long.

:func:`install` puts a correction in front of ``split_first_line`` where layout calls it
(``weasyprint.layout.inline``, ``.preferred``, and the module itself, which
render/line_breaks.py wraps in turn): when WeasyPrint cut a text that ends in collapsible
spaces and the same text without them fits the width on one line, the whole text is
returned as one line, as Pango laid it out. The inline layout already lets a box overflow
by its trailing space (``split_inline_box`` subtracts it) and breaks before the next
element. Nothing else changes: a text that does not fit without its spaces is cut as
WeasyPrint cuts it. Installed only over the WeasyPrint whose line breaking this was written
for (``line_breaks.EXPECTED_SOURCES``). tests/render/test_hanging_spaces.py.
"""

from __future__ import annotations

from math import inf
from typing import Any, Callable

__all__ = ["corrected", "install", "installed"]

_installed: bool | None = None
#: white-space values whose spaces collapse and whose lines wrap (a trailing space hangs).
_WRAPPING_COLLAPSED = ("normal", "pre-line")


def corrected(original: Callable[..., Any]) -> Callable[..., Any]:
    """``original`` (WeasyPrint's ``split_first_line``) with trailing spaces left to hang."""

    def split_first_line(text, style, context, max_width, justification_spacing, is_line_start=True,
                         minimum=False):
        result = original(text, style, context, max_width, justification_spacing, is_line_start, minimum)
        if (result[2] is None or max_width is None or max_width == inf or not text.endswith(" ")
                or style["white_space"] not in _WRAPPING_COLLAPSED):
            return result
        trimmed = text.rstrip(" ")
        if not trimmed:
            return result
        alone = original(trimmed, style, context, max_width, justification_spacing, is_line_start, minimum)
        if alone[2] is not None or alone[3] > max_width:
            return result  # too long even without its spaces: WeasyPrint's cut stands
        # The whole text on one line, its spaces hanging: laid out with no width to keep to.
        return original(text, style, context, inf, justification_spacing, is_line_start, minimum)

    split_first_line._resume_builder_original = original
    return split_first_line


def installed() -> bool:
    """Whether :func:`install` put the correction in place."""
    return bool(_installed)


def install() -> bool:
    """Put the correction in front of ``split_first_line`` (once); returns whether it is in place."""
    global _installed
    if _installed is not None:
        return _installed
    from weasyprint.layout import inline, preferred
    from weasyprint.text import line_break

    from resume_builder.render.line_breaks import known_weasyprint

    if not known_weasyprint():
        _installed = False
        return False
    fixed = corrected(line_break.split_first_line)
    for module in (line_break, inline, preferred):
        module.split_first_line = fixed
    _installed = True
    return True
