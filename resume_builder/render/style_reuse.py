"""Elements' computed styles kept from one layout to the next (issue 20: warm re-render).

WeasyPrint computes an element's style lazily (``ComputedStyle.__missing__``, one property at
a time, as layout asks for it), and it already shares one style object between the elements
of a document whose styles must be equal: same parent style object, same declarations from
the same style sheets (``StyleFor.__init__``'s ``computed_cache``). After an edit of the
profile most elements of the next document have exactly those again, yet every render made
and filled its styles anew: about a fifth of a warm re-render of the example résumé.

:func:`reusing` extends WeasyPrint's sharing from one document to the next. While it is
active, ``StyleFor.set_computed_styles`` for an element or pseudo-element (not a page)
first looks for a style made by an earlier layout for

* the same parent style object and root style object (so, by induction, an equal chain of
  ancestors; the root's parent is the initial style, which depends only on the font
  configuration),
* the same cascaded declarations: name, weight and value, where a value is the very object
  a parsed style sheet holds (the theme's sheet is kept by exact CSS, render/pdf.py, and
  WeasyPrint's user-agent sheet is parsed once), or, for the declarations WeasyPrint makes
  anew from the ``lang`` and ``id`` attributes on every parse, equal plain data,
* the same pseudo-element (none, or one of :data:`PSEUDO_ELEMENTS`), base URL and font
  configuration object.

Such a style computes every property to the same value (a computed value depends on nothing
else), so the properties the earlier layout computed are reused as they are. A key names
objects by identity only where the style kept for it holds them (its parent, its root, its
font configuration, its cascaded values), so an id never stands for another object while the
key exists; a hit is checked against the objects themselves. A style is reused only when no
warning was logged while the entries were made (a reused value would not log it again), when
the theme uses no viewport units (their value depends on the first page's size, which each
document sets on its own ``StyleFor``), and while its anchor is still the one its
declarations computed (layout names a note's call by setting the call's anchor in its style).
Entries not used by the last two layouts are dropped, so the memory held is about two
documents' styles.

tests/render/test_style_reuse.py checks the PDFs are byte-identical with and without it.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from typing import Any, Iterator

from resume_builder.render.runs import Runs

__all__ = ["PSEUDO_ELEMENTS", "clear", "reusable", "reusing"]

_RUNS = Runs()  # a run: one layout
# key -> [[(style, its anchor when made), ...], number of the run that last used it, styles given out in it]
_ENTRIES: dict[tuple, list] = {}
#: Pseudo-elements whose styles are reused: the ones WeasyPrint's user-agent sheet gives every
#: element (``::marker``, the footnote and note parts), and ``::before``/``::after``. Not
#: ``::first-letter``/``::first-line``, whose styles layout edits.
PSEUDO_ELEMENTS = frozenset({"before", "after", "marker", "footnote-call", "footnote-marker", "note-call",
                             "note-marker", "note-callback"})
_VIEWPORT = re.compile(r"(?i)[\d.]\s*(?:[lsd]?v(?:w|h|i|b|min|max))\b")
_SIMPLE = (str, int, float, bool, type(None))
# Properties WeasyPrint declares from attributes (``lang``, ``id``), new objects on every parse.
_FROM_ATTRIBUTES = frozenset({"lang", "anchor"})


def reusable(css: str) -> bool:
    """Whether styles of a document whose only style sheet is ``css`` (the user agent's
    aside) may be reused: some CSS, and no length in a viewport unit (``vw``, ``svh``...)."""
    return bool(css) and _VIEWPORT.search(css) is None


def clear() -> None:
    """Forget every kept style."""
    with _RUNS.lock:
        _ENTRIES.clear()


def _plain(value: Any) -> Any:
    """A hashable stand-in for a declared value of plain data (a string, or a tuple of strings
    and numbers), typed so that equal stand-ins are equal values; None for any other value."""
    kind = type(value)
    if kind in _SIMPLE:
        return (kind, value)
    if kind is tuple and all(type(item) in _SIMPLE for item in value):
        return (tuple, tuple((type(item), item) for item in value))
    return None


def _key(cascaded: dict, pseudo_type: str | None, parent_style: Any, root_style: Any, base_url: Any,
         font_config: Any) -> tuple:
    """What an element's computed style depends on. Values are named by identity, which the
    style made for the key keeps valid (its ``cascaded`` holds them), except those WeasyPrint
    makes from attributes on every parse (:data:`_FROM_ATTRIBUTES`), named by their data."""
    declarations = [(name, id(value), weight) for name, (value, weight) in cascaded.items()]
    if "lang" in cascaded or "anchor" in cascaded:
        declarations = [(name, (_plain(cascaded[name][0]) or value) if name in _FROM_ATTRIBUTES else value, weight)
                        for name, value, weight in declarations]
    return (pseudo_type, id(parent_style), id(root_style), base_url, id(font_config), tuple(declarations))


def install() -> None:
    """Wrap ``weasyprint.css.StyleFor.set_computed_styles`` (once)."""
    from weasyprint.css import StyleFor

    original = StyleFor.set_computed_styles
    if getattr(original, "_resume_builder_original", None) is not None:
        return

    def set_computed_styles(self, element, parent, root=None, pseudo_type=None, base_url=None,
                            target_collector=None):
        if not _RUNS.here() or not hasattr(element, "tag") or (
                pseudo_type is not None and pseudo_type not in PSEUDO_ELEMENTS):
            return original(self, element, parent, root=root, pseudo_type=pseudo_type, base_url=base_url,
                            target_collector=target_collector)
        computed = self._computed_styles
        if parent is None:  # the root element
            parent_style = root_style = None
        else:
            parent_style, root_style = computed[parent, None], computed[root, None]
        key = _key(self._cascaded_styles.get((element, pseudo_type), {}), pseudo_type, parent_style, root_style,
                   base_url, self.font_config)
        # The n-th element (or pseudo-element) of this layout with this key gets the n-th style
        # kept for it: each style serves one element per layout, as in a layout without reuse
        # (layout edits some styles in place, a note's call's anchor).
        entry = _ENTRIES.get(key)
        if entry is None:
            entry = _ENTRIES[key] = [[], _RUNS.number, 0]
        elif entry[1] != _RUNS.number:
            entry[1], entry[2] = _RUNS.number, 0
        index = entry[2]
        entry[2] += 1
        kept = entry[0]
        if index < len(kept):
            style, anchor = kept[index]
            # A style whose anchor layout has set is no longer the one its declarations compute.
            if style.parent_style is parent_style and (parent is None or style.root_style is root_style) \
                    and style.font_config is self.font_config and style.get("anchor") == anchor:
                computed[element, pseudo_type] = style
                if target_collector and style["anchor"]:
                    target_collector.collect_anchor(style["anchor"])
                return None
        result = original(self, element, parent, root=root, pseudo_type=pseudo_type, base_url=base_url,
                          target_collector=target_collector)
        style = computed[element, pseudo_type]
        if index < len(kept):
            kept[index] = (style, style.get("anchor"))
        else:
            kept.append((style, style.get("anchor")))
        return result

    set_computed_styles._resume_builder_original = original
    StyleFor.set_computed_styles = set_computed_styles


@contextmanager
def reusing(messages: list[str], enabled: bool = True) -> Iterator[None]:
    """Reuse kept styles during the block (one layout); ``messages`` is the list WeasyPrint's
    warnings are collected in: any warning logged during the block drops every kept style."""
    install()
    with _RUNS.lock:
        if not enabled:
            yield
            return
        before = len(messages)
        with _RUNS.run(_ENTRIES, lambda entry: entry[1], kept=lambda: len(messages) == before):
            yield
        for entry in _ENTRIES.values():  # no more styles per key than this layout used
            if entry[1] == _RUNS.number:
                del entry[0][entry[2]:]
