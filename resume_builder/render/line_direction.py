"""Each line of a right-to-left plain-text or Markdown résumé set right to left.

Plain text has no ``dir`` attribute: a text editor, a form field or a Markdown renderer
using ``dir="auto"`` (GitHub, GitLab) takes each line's (paragraph's) direction from its
first strong character (UAX #9, rules P2–P3). In a right-to-left résumé most lines start
with an Arabic or Hebrew letter and are right to left, but a line that starts with a
left-to-right run (the contact line, ``⁦layla@example.org⁩ · …``; a heading such as
``⁦C++⁩ Developer``) or holds no strong character at all (a date line, ``2013 – 2017``)
would be laid out left to right: aligned to the left, its items in the opposite order.
HTML's ``dir=auto`` does not even skip the LRI … PDI isolates (it looks for the first
strong character anywhere but in ``<bdi>`` elements), so an isolated English run at a
line's start makes the line left to right there too.

:func:`mark_line_directions` puts a RIGHT-TO-LEFT MARK (U+200F: a strong R character that
is not drawn) at the start of every such line's content: after a Markdown block marker
(``#``, ``-``, ``1.``, ``>``), so the block syntax still parses, and at the very start of a
plain-text line. Lines whose first strong character is a right-to-left letter (markup
and punctuation before it do not count), blank lines and lines with no letter or digit
(rules) are left alone, and so are lines that start with a LEFT-TO-RIGHT MARK (a letter's
English paragraph, set left to right on purpose); left-to-right documents are never changed.
"""

from __future__ import annotations

import re
import unicodedata

RLM = "\u200f"  # RIGHT-TO-LEFT MARK
LRM = "\u200e"  # LEFT-TO-RIGHT MARK
_MARKDOWN_PREFIX = re.compile(r"^(?:[ \t]*(?:#{1,6}[ \t]+|[-*+][ \t]+|\d{1,9}[.)][ \t]+|>[ \t]?))*")
_TEXT_PREFIX = re.compile(r"^[ \t]*")


def _needs_mark(content: str) -> bool:
    """True unless the first strong character is right to left; an isolate initiator counts
    as left to right (HTML's ``dir=auto`` reads through it), no strong character at all too."""
    if not content or not any(char.isalnum() for char in content) or content.startswith(LRM):
        return False  # blank, a rule, or a paragraph set left to right on purpose (an LRM first)
    for char in content:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return False
        if kind in ("L", "LRI", "FSI", "LRE", "LRO"):
            return True
    return True


def mark_line_directions(text: str, *, markdown: bool) -> str:
    """``text`` (a whole right-to-left document) with an RLM before each line content that
    does not start with a right-to-left letter (see the module docstring)."""
    prefix_of = _MARKDOWN_PREFIX if markdown else _TEXT_PREFIX
    lines = []
    for line in text.split("\n"):
        prefix = prefix_of.match(line).group()
        content = line[len(prefix):]
        lines.append(prefix + RLM + content if _needs_mark(content) else line)
    return "\n".join(lines)
