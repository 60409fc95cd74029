"""tinyhtml5's "characters until" regular expressions, cached as intended (issue 20).

WeasyPrint parses HTML with tinyhtml5, whose input stream looks the expression for a set
of characters up in ``tinyhtml5.inputstream.characters_until_regex`` by ``(characters,
opposite)``, but stores it with a chained assignment that rebinds ``characters`` to the
compiled expression first (``characters = cache[(characters, opposite)] = regex``): the key
stored is the expression, every lookup misses, and the expression's source is built and
looked up in ``re``'s cache again on every call, about 1,300 times per parse of the example
résumé's HTML, a quarter of the parse. :func:`install` gives the module a cache that builds a
missing entry under the key looked up, the way the lookup meant; the expressions and so the
parsed trees are the same (tests/render/test_html_tokens.py).
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["install"]


class _Expressions(dict):
    """``(characters, opposite) -> re.Pattern``, built on first lookup as tinyhtml5 builds it."""

    def __missing__(self, key: Any) -> Any:
        characters, opposite = key
        if isinstance(characters, re.Pattern):  # a key of tinyhtml5's own store: not built here
            raise KeyError(key)
        source = "".join(f"\\x{ord(character):02x}" for character in characters)
        if not opposite:
            source = f"^{source}"
        pattern = self[key] = re.compile(f"[{source}]+")
        return pattern


def install() -> None:
    """Give tinyhtml5's input stream :class:`_Expressions` (once; idempotent)."""
    from tinyhtml5 import inputstream

    current = getattr(inputstream, "characters_until_regex", None)
    if isinstance(current, dict) and not isinstance(current, _Expressions):
        inputstream.characters_until_regex = _Expressions(
            (key, pattern) for key, pattern in current.items() if not isinstance(key[0], re.Pattern))
