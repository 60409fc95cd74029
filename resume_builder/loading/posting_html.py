"""A job posting saved as a web page (``.html``), read as the Markdown text it shows.

A browser's "Save page as" keeps the posting's markup: headings, lists, paragraphs, and
around them scripts, styles, navigation and cookie banners. Tailoring reads a posting's
structure from Markdown (``## Requirements``, ``- Kubernetes``), so the page is turned into
that: ``<h1>``-``<h6>`` become ``#`` headings, ``<li>`` items ``- `` lines, paragraphs,
``<br>`` and other blocks line breaks; what a reader does not see as the posting
(``<script>``, ``<style>``, ``<template>``, ``<noscript>``, ``<svg>``, ``<head>``, ``<nav>``,
``<header>``, ``<footer>``, ``<form>``, ``<button>``, hidden elements) is left out.
Character references are decoded (Python's ``html.parser``, HTML5's named references).
Nothing is fetched: links and images are text or nothing.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_SKIPPED = frozenset({"script", "style", "template", "noscript", "svg", "head", "nav", "header", "footer",
                      "form", "button", "select", "iframe", "object", "canvas", "dialog"})
_BLOCKS = frozenset({"p", "div", "section", "article", "main", "aside", "ul", "ol", "dl", "dt", "dd", "table",
                     "tr", "blockquote", "pre", "address", "figure", "figcaption", "hr", "details", "summary"})
_VOID = frozenset({"br", "img", "hr", "meta", "link", "input", "wbr", "source", "area", "base", "col", "embed",
                   "param", "track"})
_MARK = re.compile(r"<!doctype\s+html|<html[\s>]|<body[\s>]|<h[1-6][\s>]|<(?:div|p|ul|li)[\s>]", re.I)


def looks_like_html(text: str, suffix: str) -> bool:
    """Whether a posting file is a web page: named ``.html``/``.htm``/``.xhtml``, or opening
    with an HTML doctype or ``<html>``/``<body>``/block element in its first 1,000 characters."""
    if suffix.lower() in (".html", ".htm", ".xhtml"):
        return True
    head = text.lstrip()[:1000]
    return head.startswith("<") and bool(_MARK.search(head))


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skipping: list[str] = []  # open elements whose content is left out
        self.prefix = ""

    def _break(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.lines.append(self.prefix + text)
        self.current, self.prefix = [], ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        hidden = any(name == "hidden" or (name == "aria-hidden" and value == "true")
                     or (name == "style" and value and re.search(r"display\s*:\s*none", value))
                     for name, value in attrs)
        if self.skipping or tag in _SKIPPED or hidden:
            if tag not in _VOID:
                self.skipping.append(tag)
            return
        if tag == "br":
            self._break()
        elif re.fullmatch(r"h[1-6]", tag):
            self._break()
            self.prefix = "#" * int(tag[1]) + " "
        elif tag == "li":
            self._break()
            self.prefix = "- "
        elif tag in _BLOCKS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
            elif tag in self.skipping:  # unclosed elements inside: close them with it
                del self.skipping[self.skipping.index(tag):]
            return
        if tag == "li" or tag in _BLOCKS or re.fullmatch(r"h[1-6]", tag):
            self._break()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.current.append(data)


def html_to_text(text: str) -> str:
    """The posting a web page shows, as Markdown lines (see the module docstring); '' when
    it shows no text."""
    parser = _Text()
    parser.feed(text)
    parser.close()
    parser._break()
    return "\n".join(parser.lines)
