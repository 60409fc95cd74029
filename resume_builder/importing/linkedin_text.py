"""LinkedIn's free text as profile text: one-line fields, paragraphs and bullet points.

LinkedIn text is plain text, not Markdown: a ``*`` or ``[`` in it is meant literally, so
:func:`literal` escapes the Markdown markers the profile would otherwise read (only where
they would change what is printed, so ordinary text stays as it was written).
"""

from __future__ import annotations

import re

#: Characters that start a bullet line in LinkedIn descriptions (people type or paste them).
BULLETS = "•·▪▫◦‣○●■□➢➤►▶→✓✔-–—*+"
_BULLET_LINE = re.compile(rf"^\s*(?:[{re.escape(BULLETS)}]|\d{{1,2}}[.)])\s+(.*)$")
_MARKDOWN = re.compile(r"([\\`*\[\]])")


def literal(text: str) -> str:
    """``text`` as profile Markdown that prints exactly ``text``."""
    from resume_builder.markdown import Span, merge_spans, parse_inline

    if not text or merge_spans(parse_inline(text)) == [Span(text)]:
        return text
    return _MARKDOWN.sub(r"\\\1", text)


def one_line(text: str) -> str:
    """Line breaks and runs of spaces as one space (for names, titles, places)."""
    return " ".join(text.split())


def split_description(text: str) -> tuple[str | None, list[str]]:
    """(summary, highlights) from a description (raw text; both returned as literal Markdown).

    Without bullet lines the whole text is the summary, each line of it a paragraph (LinkedIn
    shows a line break as one). With bullet lines (``•``, ``-``, ``*``, ``1.`` ...), what
    comes before the first is the summary and each bullet a highlight; a line without a
    bullet right under one continues it, and a later paragraph without bullets becomes a
    highlight of its own, so nothing moves or is lost.
    """
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    summary: list[str] = []
    highlights: list[str] = []
    in_bullet = False
    for line in lines:
        if not line.strip():
            in_bullet = False
            continue
        match = _BULLET_LINE.match(line)
        if match and match.group(1).strip():
            highlights.append(one_line(match.group(1)))
            in_bullet = True
        elif highlights and in_bullet:
            highlights[-1] += " " + one_line(line)
        elif highlights:
            highlights.append(one_line(line))
            in_bullet = True
        else:
            summary.append(one_line(line))
    return ("\n\n".join(literal(s) for s in summary) or None), [literal(h) for h in highlights]
