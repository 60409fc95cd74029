"""Lines of text broken once, kept from one layout to the next (issue 20: warm re-render).

WeasyPrint breaks text into lines with ``weasyprint.text.line_break.split_first_line(text,
style, context, max_width, justification_spacing, is_line_start, minimum)``: it makes a Pango
layout, shapes the text and asks Pango for the first line, several times per line (a short
draft, the next word, hyphenation). Layout calls it for every line of every paragraph, again
for the min- and max-content widths of inline blocks, and again in every trial layout of the
page budget; after an edit of the profile nearly every call of the next layout has the same
arguments as one before, with the very same style object (render/style_reuse.py keeps an
element's style, and with it the anonymous style of its text).

The result depends only on those arguments: the text, the style's computed values (a style
object's values never change once computed; the layout-time writes to styles are on copies,
or set the ``anchor``, which no line break reads), the font configuration the style names
(``style.font_config``: its fonts are registered once per style sheet, render/pdf.py), and
the numbers. ``context`` only lends its hyphenation dictionaries, a cache. The result is
``(layout, length, resume_index, width, height, baseline)`` where ``layout`` is a
*deactivated* ``Layout``: plain data (its text, widths, decoration metrics) that drawing
reactivates with the box's style. While :func:`remembering` is active, a call whose
arguments were seen, with the same style object (held by the entry, so its id never names
another), gets the kept numbers and a fresh copy of the kept layout, so drawing, which may
change a layout's text (ellipsis), never changes the kept one.

The function it wraps is render/hanging_spaces.py's correction of ``split_first_line``, so
what it keeps is corrected. Installed only over the WeasyPrint whose ``split_first_line``, ``first_line_metrics`` and
``Layout`` have the source this was written for (:data:`EXPECTED_SOURCES`), in the modules
that call it by a name of their own (``weasyprint.layout.inline``, ``.preferred``). Entries
not used by the last two layouts are dropped. tests/render/test_line_breaks.py checks the
PDFs are byte-identical with and without it, warm and cold.
"""

from __future__ import annotations

import hashlib
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from resume_builder.render.runs import Runs

__all__ = ["remembering", "install", "installed", "clear", "source_digests", "EXPECTED_SOURCES"]

#: BLAKE2b digest (16 bytes, hex) of the source file this module relies on, by WeasyPrint version.
EXPECTED_SOURCES: dict[str, dict[str, str]] = {
    "70.0": {"text/line_break.py": "0bf84f46e7c1fde1468956f0aeb18eff"},
}

_RUNS = Runs()  # a run: one layout
# (id(style), text, max_width, justification_spacing, is_line_start, minimum)
#   -> [style, (layout attributes, length, resume_index, width, height, baseline), last run]
_KEPT: dict[tuple, list] = {}
_installed: bool | None = None


def clear() -> None:
    """Forget every kept line."""
    with _RUNS.lock:
        _KEPT.clear()


def source_digests() -> dict[str, str]:
    """The digest of the installed WeasyPrint's ``weasyprint/text/line_break.py`` (which holds
    ``split_first_line``, ``first_line_metrics`` and ``Layout``), as in :data:`EXPECTED_SOURCES`;
    the whole file, read in well under a millisecond, rather than ``inspect.getsource`` of the
    class (tens of milliseconds at every start)."""
    from weasyprint.text import line_break

    return {"text/line_break.py": hashlib.blake2b(Path(line_break.__file__).read_bytes(), digest_size=16).hexdigest()}


def installed() -> bool:
    """Whether :func:`install` put the memo in place (False for a WeasyPrint it does not know)."""
    return bool(_installed)


def known_weasyprint() -> bool:
    """Whether the installed WeasyPrint's line breaking is the source this module (and
    render/hanging_spaces.py) was written for (:data:`EXPECTED_SOURCES`): only then is anything
    put in front of its ``split_first_line``."""
    import weasyprint

    expected = EXPECTED_SOURCES.get(weasyprint.__version__)
    return bool(expected) and source_digests() == expected


def install() -> bool:
    """Put the memo in front of ``split_first_line`` where layout calls it (once); returns
    whether it is in place."""
    global _installed
    from resume_builder.render import hanging_spaces

    hanging_spaces.install()  # first: the memo keeps corrected lines (render/hanging_spaces.py)
    if _installed is not None:
        return _installed
    from weasyprint.layout import inline, preferred
    from weasyprint.text import line_break

    if not known_weasyprint():
        _installed = False
        return False
    original = line_break.split_first_line

    def split_first_line(text, style, context, max_width, justification_spacing, is_line_start=True,
                         minimum=False):
        if not _RUNS.here():
            return original(text, style, context, max_width, justification_spacing, is_line_start, minimum)
        key = (id(style), text, max_width, justification_spacing, is_line_start, minimum)
        entry = _KEPT.get(key)
        if entry is not None and entry[0] is style:
            entry[2] = _RUNS.number
            attributes, *numbers = entry[1]
            layout = line_break.Layout.__new__(line_break.Layout)
            layout.__dict__.update(attributes)
            return (layout, *numbers)
        result = original(text, style, context, max_width, justification_spacing, is_line_start, minimum)
        layout, *numbers = result
        if "layout" not in layout.__dict__:  # deactivated, as every path of the original leaves it
            _KEPT[key] = [style, (dict(layout.__dict__), *numbers), _RUNS.number]
        return result

    split_first_line._resume_builder_original = original
    for module in (inline, preferred):
        module.split_first_line = split_first_line
    _installed = True
    return True


@contextmanager
def remembering() -> Iterator[None]:
    """Use and keep broken lines while the block (one layout) runs in this thread; after a
    failure nothing is kept (a layout may have stopped halfway)."""
    if not install():
        yield
        return
    with _RUNS.run(_KEPT, lambda entry: entry[2]):
        yield
