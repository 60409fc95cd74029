"""tinyhtml5's expressions cached under the key looked up (render/html_tokens.py): built once
per set of characters, and the parsed tree is the one tinyhtml5 gives without the cache."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

import tinyhtml5
from tinyhtml5 import inputstream

from resume_builder.render import html_tokens

PAGE = ("<!DOCTYPE html><html lang=en><body><h1 class=name>Alex &amp; Co</h1>"
        "<p>Text\u200bwith a zero-width space, <a href='https://example.com/a-b'>a link</a>\u0000 and &lt;b&gt;</p>"
        "<ul><li>one<li>two</ul><pre>\n  kept\tas is</pre></body></html>")


def _tree() -> bytes:
    return ElementTree.tostring(tinyhtml5.parse(PAGE, namespace_html_elements=False))


def test_the_same_tree_with_expressions_built_once(monkeypatch):
    monkeypatch.setattr(inputstream, "characters_until_regex", {})  # tinyhtml5's own, every lookup missing
    own = _tree()
    html_tokens.install()
    cache = inputstream.characters_until_regex
    assert isinstance(cache, html_tokens._Expressions)
    assert _tree() == own
    built = dict(cache)
    assert _tree() == own
    assert dict(cache) == built  # the second parse built nothing: every lookup found its entry
    assert all(isinstance(key[0], (tuple, frozenset, str)) for key in built)  # keyed by the characters


def test_install_is_idempotent(monkeypatch):
    monkeypatch.setattr(inputstream, "characters_until_regex", {})
    html_tokens.install()
    first = inputstream.characters_until_regex
    html_tokens.install()
    assert inputstream.characters_until_regex is first
