"""Parentheses kept whole while a line is cut into values.

A value may end in a closing parenthesis of its own (``C1 (avanzado)``, ``Acme (UK)``): only
a parenthesis left over by a cut, with no partner inside the value, is trimmed
(:func:`trim`); and a list is not cut inside parentheses (``AWS (EC2, S3)`` is one keyword:
:func:`split_outside`).
"""

from __future__ import annotations

import re


def trim(text: str, chars: str = " ") -> str:
    """``text`` stripped of ``chars`` and of parentheses left over by a cut at either end: one
    that opens at the end or closes at the start, or has no partner inside the value
    (``(Jan 2019``, ``Acme (``, ``C1)``); ``C1 (advanced)`` keeps its own."""
    while True:
        text = text.strip(chars + " ")
        if text.endswith("(") or text.endswith(")") and text.count(")") > text.count("("):
            text = text[:-1]
        elif text.startswith(")") or text.startswith("(") and text.count("(") > text.count(")"):
            text = text[1:]
        else:
            return text


def split_outside(pattern: str | re.Pattern[str], text: str) -> list[str]:
    """``re.split(pattern, text)`` (a pattern without groups), but no cut inside parentheses:
    ``AWS (EC2, S3), Docker`` is two pieces. A parenthesis never closed cuts as re.split does."""
    out: list[str] = []
    start = 0
    for match in re.finditer(pattern, text):
        piece = text[start:match.start()]
        if not match.group() or piece.count("(") > piece.count(")"):
            continue  # the cut falls inside parentheses: the piece runs on
        out.append(piece)
        start = match.end()
    out.append(text[start:])
    if out[-1].count("(") > out[-1].count(")"):
        return re.split(pattern, text)
    return out
