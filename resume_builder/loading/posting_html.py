"""A job posting saved as a web page (``.html``), read as the Markdown text it shows.

A browser's "Save page as" keeps the posting's markup: headings, lists, paragraphs, and
around them scripts, styles, navigation and cookie banners. Tailoring reads a posting's
structure from Markdown (``## Requirements``, ``- Kubernetes``), so the page is turned into
that: ``<h1>``-``<h6>`` become ``#`` headings, ``<li>`` items ``- `` lines, a table's rows
lines with their cells apart (``GraphQL | good``), paragraphs, ``<br>`` and other blocks
line breaks; what a reader does not see as the posting
(``<script>``, ``<style>``, ``<template>``, ``<noscript>``, ``<svg>``, ``<head>``, ``<nav>``,
the page's own ``<header>`` and ``<footer>`` (not an article's or a section's, which hold
its title), ``<form>``, ``<button>``, hidden elements) is left out.
Elements are opened and closed as a browser's parser does (the HTML standard's tree
construction, 13.2.6, in the parts that decide what is inside what): an end tag HTML implies
(``<li>`` after an unclosed ``<li>``, ``<p>`` after ``<p>``, ``<dd>``, ``<tr>``, ``<td>``, a
parent's end tag) ends a left-out element as it ends a shown one.
Character references are decoded (Python's ``html.parser``, HTML5's named references).
Nothing is fetched: links and images are text or nothing.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_SKIPPED = frozenset({"script", "style", "template", "noscript", "svg", "head", "nav", "form", "button", "select",
                      "iframe", "object", "canvas", "dialog"})
# A <header> or <footer> is the page's banner or footer (left out) unless it is inside one of
# these, where it is that article's or section's own, its title and company among it
# (HTML-AAM's mapping of header and footer to the banner and contentinfo roles).
_SECTIONING = frozenset({"article", "aside", "main", "nav", "section"})
_SECTIONING_ROLES = frozenset({"article", "complementary", "main", "navigation", "region"})
_BLOCKS = frozenset({"p", "div", "section", "article", "main", "aside", "ul", "ol", "dl", "dt", "dd", "table",
                     "tr", "blockquote", "pre", "address", "figure", "figcaption", "hr", "details", "summary",
                     "caption", "thead", "tbody", "tfoot"})
_VOID = frozenset({"br", "img", "hr", "meta", "link", "input", "wbr", "source", "area", "base", "col", "embed",
                   "param", "track"})
# Elements the HTML standard calls "special" (13.2.4.3): an end tag for an ordinary element
# (<b>, <span>) never reaches past one, and <li>, <dd>, <dt> end an open one of theirs only
# when no special element but <address>, <div> or <p> stands between.
_SPECIAL = frozenset({
    "address", "applet", "area", "article", "aside", "base", "basefont", "bgsound", "blockquote", "body", "br",
    "button", "caption", "center", "col", "colgroup", "dd", "details", "dir", "div", "dl", "dt", "embed",
    "fieldset", "figcaption", "figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5",
    "h6", "head", "header", "hgroup", "hr", "html", "iframe", "img", "input", "keygen", "li", "link", "listing",
    "main", "marquee", "menu", "meta", "nav", "noembed", "noframes", "noscript", "object", "ol", "p", "param",
    "plaintext", "pre", "script", "search", "section", "select", "source", "style", "summary", "table",
    "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "title", "tr", "track", "ul", "wbr", "xmp"})
# An end tag (</div>, </ul>) closes the elements left open inside it, but not across these
# ("has an element in scope"); a start tag that ends an open <p> looks no further than these
# and <button> ("in button scope").
_SCOPE = frozenset({"applet", "caption", "html", "table", "td", "th", "marquee", "object", "template"})
_BUTTON_SCOPE = _SCOPE | {"button"}
_ITEM_SCOPE = _SPECIAL - {"address", "div", "p"}
_TABLE_SCOPE = frozenset({"html", "table", "template"})  # how far an end tag of a table's part reaches
# Start tags that end an open <p> ("close a p element" in the standard's "in body" rules).
_CLOSES_P = frozenset({
    "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl", "fieldset",
    "figcaption", "figure", "footer", "header", "hgroup", "main", "menu", "nav", "ol", "p", "search",
    "section", "summary", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "listing", "form", "table", "hr",
    "xmp", "plaintext", "li", "dd", "dt"})
_TABLE_PARTS = frozenset({"table", "caption", "tbody", "thead", "tfoot", "tr", "td", "th", "template"})
_P = frozenset({"p"})
_HEAD_CONTENT = frozenset({"base", "basefont", "bgsound", "link", "meta", "noframes", "noscript", "script",
                           "style", "template", "title"})
_MARK = re.compile(r"<!doctype\s+html|<html[\s>]|<body[\s>]|<h[1-6][\s>]|<(?:div|p|ul|li)[\s>]", re.I)


def looks_like_html(text: str, suffix: str) -> bool:
    """Whether a posting file is a web page: named ``.html``/``.htm``/``.xhtml``, or opening
    with an HTML doctype or ``<html>``/``<body>``/block element in its first 1,000 characters."""
    if suffix.lower() in (".html", ".htm", ".xhtml"):
        return True
    head = text.lstrip()[:1000]
    return head.startswith("<") and bool(_MARK.search(head))


class _Open:
    """An open element, and the nearest open elements of each kind at or above it (their
    places in the stack, -1 for none), so each rule of the standard is one look-up."""

    __slots__ = ("tag", "skipped", "sectioned", "cell", "foreign",
                 "special", "item", "scope", "button", "table", "tables", "p")

    def __init__(self, tag: str, skipped: bool, sectioned: bool, parent: _Open | None, at: int) -> None:
        def nearest(kinds: frozenset[str], name: str) -> int:
            return at if tag in kinds else getattr(parent, name) if parent else -1

        self.tag, self.skipped = tag, skipped
        self.sectioned = sectioned  # inside an <article>, <main>, <section>, ...: its header is its own
        # inside a table cell (not a table within it): a paragraph there does not end the row's line
        self.cell = tag not in _TABLE_PARTS and bool(parent and (parent.cell or parent.tag in ("td", "th")))
        self.foreign = tag in ("svg", "math") or bool(parent and parent.foreign)
        self.special = nearest(_SPECIAL, "special")
        self.item = nearest(_ITEM_SCOPE, "item")
        self.scope = nearest(_SCOPE, "scope")
        self.button = nearest(_BUTTON_SCOPE, "button")
        self.table = nearest(_TABLE_PARTS, "table")
        self.tables = nearest(_TABLE_SCOPE, "tables")
        self.p = nearest(_P, "p")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.prefix = ""
        self.written = False  # the current line has text
        self.cells = 0  # cells begun in the current table row
        self.separate = False  # a cell began after another: " | " before its first text
        self.stack: list[_Open] = []  # the open elements, as a browser's parser keeps them
        self.where: dict[str, list[int]] = {}  # tag -> its places in the stack

    def _break(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.lines.append(self.prefix + text)
        self.current, self.prefix, self.written, self.separate = [], "", False, False

    def _push(self, tag: str, skipped: bool, sectioned: bool) -> _Open:
        self.stack.append(_Open(tag, skipped, sectioned, self.stack[-1] if self.stack else None, len(self.stack)))
        self.where.setdefault(tag, []).append(len(self.stack) - 1)
        return self.stack[-1]

    def _close_to(self, at: int) -> None:
        """Close the open elements from the innermost down to the one at ``at``."""
        while len(self.stack) > at:
            element = self.stack.pop()
            self.where[element.tag].pop()
            if not element.skipped:
                self._ended(element)

    def _ended(self, element: _Open) -> None:
        if element.tag == "li" or re.fullmatch(r"h[1-6]", element.tag):
            self._break()
        elif element.tag in _BLOCKS:
            self._block(element)

    def _block(self, element: _Open) -> None:
        """A block begins or ends: a new line, or in a table cell a space (the row is one line)."""
        if element.cell:
            self.current.append(" ")
        else:
            self._break()

    def _implied_ends(self, tag: str) -> None:
        """Close what the start tag ``tag`` ends without an end tag, as HTML's "in body" rules
        do: ``<li>`` an open ``<li>``, ``<dt>``/``<dd>`` an open ``<dt>``/``<dd>``, a block an
        open ``<p>``, ``<h2>`` an open heading, ``<tr>``/``<td>``/``<th>`` an open row or cell,
        ``<option>`` an open option, and anything but head content the ``<head>``."""
        stack = self.stack
        if self.where.get("head") and tag not in _HEAD_CONTENT:
            self._close_to(self.where["head"][-1])
        if not stack or stack[-1].foreign:
            return
        if tag in ("li", "dd", "dt") and stack[-1].item >= 0:
            open_item = stack[stack[-1].item].tag
            if open_item == tag or (tag != "li" and open_item in ("dd", "dt")):
                self._close_to(stack[-1].item)
        if stack and tag in _CLOSES_P and stack[-1].p > stack[-1].button:
            self._close_to(stack[-1].p)
        if stack and re.fullmatch(r"h[1-6]", tag) and re.fullmatch(r"h[1-6]", stack[-1].tag):
            self._close_to(len(stack) - 1)
        ends = {"td": ("td", "th"), "th": ("td", "th"), "tr": ("td", "th", "tr")}.get(
            tag, ("td", "th", "tr", "tbody", "thead", "tfoot", "caption") if tag in _TABLE_PARTS else ())
        while stack and stack[-1].table >= 0 and stack[stack[-1].table].tag in ends:
            self._close_to(stack[-1].table)
        if stack and stack[-1].tag == "option" and tag in ("option", "optgroup"):
            self._close_to(len(stack) - 1)
        if stack and stack[-1].tag == "optgroup" and tag == "optgroup":
            self._close_to(len(stack) - 1)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._implied_ends(tag)
        hidden = any(name == "hidden" or (name == "aria-hidden" and value == "true")
                     or (name == "style" and value and re.search(r"display\s*:\s*none", value))
                     for name, value in attrs)
        inside = bool(self.stack and self.stack[-1].sectioned)
        skipped = (bool(self.stack and self.stack[-1].skipped) or tag in _SKIPPED or hidden
                   or (tag in ("header", "footer") and not inside))
        element = None
        if tag not in _VOID:
            roles = (next((value for name, value in attrs if name == "role"), None) or "").lower().split()
            role = roles[0] if roles else ""  # ARIA takes the first role of a list
            element = self._push(tag, skipped, inside or tag in _SECTIONING or role in _SECTIONING_ROLES)
        if skipped:
            return
        if tag == "br":
            self._break()
        elif re.fullmatch(r"h[1-6]", tag):
            self._break()
            self.prefix = "#" * int(tag[1]) + " "
        elif tag == "li":
            self._break()
            self.prefix = "- "
        elif tag in ("td", "th"):
            # a row is one line, its cells apart: "GraphQL | good" (a posting's "Terraform | nice
            # to have" reads as preferred, as written on one line)
            self.separate = self.cells > 0
            self.cells += 1
        elif tag == "tr":
            self._break()
            self.cells = 0
        elif element is not None and tag in _BLOCKS:
            self._block(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # "<div/>" opens a div in HTML (the slash means nothing there); only inside <svg> and
        # <math> does it close the element too
        self.handle_starttag(tag, attrs)
        if self.stack and self.stack[-1].foreign and self.stack[-1].tag == tag:
            self._close_to(len(self.stack) - 1)

    def handle_endtag(self, tag: str) -> None:
        places = self.where.get(tag)
        if not places:  # nothing of that name is open: a stray end tag, ignored
            return
        at, innermost = places[-1], self.stack[-1]
        if innermost.foreign:  # inside <svg> or <math> an end tag closes its element whatever is open
            reaches = True
        elif tag in _TABLE_PARTS:
            reaches = at >= innermost.tables
        elif tag in _SPECIAL:
            reaches = at >= innermost.scope
        else:
            reaches = at >= innermost.special
        if reaches:
            self._close_to(at)

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1].tag == "head" and data.strip():
            self._close_to(len(self.stack) - 1)  # text ends the <head>, as <body> does
        if not (self.stack and self.stack[-1].skipped):
            if data.strip():
                if self.separate and self.written:
                    self.current.append(" | ")
                self.separate, self.written = False, True
            self.current.append(data)


def html_to_text(text: str) -> str:
    """The posting a web page shows, as Markdown lines (see the module docstring); '' when
    it shows no text."""
    parser = _Text()
    parser.feed(text)
    parser.close()
    parser._break()
    return "\n".join(parser.lines)
