"""The small inline Markdown subset allowed in profile text: bold, italic and links.

Text is parsed into :class:`Span` objects; renderers escape each span's text for their
format, so raw HTML or template syntax in a profile is always shown as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

ALLOWED_LINK_SCHEMES = ("http", "https", "mailto", "tel")


@dataclass(frozen=True)
class Span:
    """A run of text with uniform formatting."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None


_TOKEN = re.compile(
    r"""
      (?P<escape>\\[\\*_\[\]()`~])
    | \[(?P<link_text>[^\]\n]+)\]\((?P<link_url>[^()\s]+(?:\([^()\s]*\)[^()\s]*)?)\)
    | \*\*(?P<bold_star>(?!\s)(?:[^*]|\*(?!\*))+?(?<![\s\\]))\*\*
    | (?<![\w])__(?P<bold_under>(?!\s).+?(?<![\s\\]))__(?![\w])
    | \*(?P<italic_star>(?!\s)[^*]+?(?<![\s\\]))\*
    | (?<![\w])_(?P<italic_under>(?!\s)[^_]+?(?<![\s\\]))_(?![\w])
    """,
    re.VERBOSE,
)


def link_problem(url: str) -> str | None:
    """Why ``url`` may not be a link, or None when it is fine."""
    control = next((ch for ch in url if ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F), None)
    if control is not None:
        return f"link contains the control character U+{ord(control):04X}; remove it"
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ALLOWED_LINK_SCHEMES:
        return f"link '{url}' must start with http://, https://, mailto: or tel:"
    if scheme in ("http", "https") and not urlsplit(url).netloc:
        return f"link '{url}' has no host name"
    return None


def link_problems(text: str) -> list[str]:
    """Problems with the links written in ``text`` (used by schema validation)."""
    out = []
    for match in _TOKEN.finditer(text):
        url = match.group("link_url")
        if url is not None:
            problem = link_problem(url)
            if problem:
                out.append(problem)
    return out


def parse_inline(text: str, *, bold: bool = False, italic: bool = False,
                 href: str | None = None) -> list[Span]:
    """Parse ``text`` into spans; unmatched markers stay literal text."""
    spans: list[Span] = []
    pos = 0
    for match in _TOKEN.finditer(text):
        if match.start() > pos:
            spans.append(Span(text[pos:match.start()], bold, italic, href))
        pos = match.end()
        kind = match.lastgroup
        if kind == "escape":
            spans.append(Span(match.group()[1], bold, italic, href))
        elif match.group("link_url") is not None:
            url = match.group("link_url")
            inner_href = href if link_problem(url) else url
            spans.extend(parse_inline(match.group("link_text"), bold=bold, italic=italic, href=inner_href))
        elif kind in ("bold_star", "bold_under"):
            spans.extend(parse_inline(match.group(kind), bold=True, italic=italic, href=href))
        else:
            spans.extend(parse_inline(match.group(kind), bold=bold, italic=True, href=href))
    if pos < len(text):
        spans.append(Span(text[pos:], bold, italic, href))
    return merge_spans(spans)


def merge_spans(spans: list[Span]) -> list[Span]:
    """Join neighbouring spans that share formatting."""
    out: list[Span] = []
    for span in spans:
        if not span.text:
            continue
        if out and (out[-1].bold, out[-1].italic, out[-1].href) == (span.bold, span.italic, span.href):
            out[-1] = Span(out[-1].text + span.text, span.bold, span.italic, span.href)
        else:
            out.append(span)
    return out


def plain_text(text: str) -> str:
    """The text with Markdown markers removed."""
    return "".join(span.text for span in parse_inline(text))
