"""The small inline Markdown subset allowed in profile text.

Profile text is parsed with markdown-it-py (a CommonMark parser) restricted to these rules:

- ``**strong**`` and ``*emphasis*`` with asterisks, by CommonMark's delimiter rules (so
  ``5 * 3`` stays text). Underscores are always text: engineers write identifiers such as
  ``__init__`` and ``snake_case``, which CommonMark would turn into bold "init";
- ``[link text](https://example.com)``: http, https, mailto and tel targets only (others
  are refused by schema validation and never become links);
- ``` `code spans` ``` with backticks, shown in a monospace face;
- backslash escapes (``\\*`` is a literal ``*``).

Nothing else: no raw HTML, no entities (``&amp;`` stays those five characters), no
autolinks, images, strikethrough or block syntax. Text is parsed into :class:`Span`
objects; renderers escape each span's text for their format, so raw HTML or template
syntax in a profile is always shown as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

ALLOWED_LINK_SCHEMES = ("http", "https", "mailto", "tel")
#: The markdown-it-py inline rules profile text may use (see the module docstring).
INLINE_RULES = ("emphasis", "link", "backticks", "escape")

__all__ = ["ALLOWED_LINK_SCHEMES", "INLINE_RULES", "RefusedLink", "Span", "link_problem", "link_problems",
           "located_link_problems", "merge_spans", "parse_inline", "plain_text", "commonmark_spans", "without_refused_links"]


@dataclass(frozen=True)
class Span:
    """A run of text with uniform formatting; ``code`` marks a code span (monospace)."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None
    code: bool = False


def _identity(url: str) -> str:
    return url


@lru_cache(maxsize=None)
def _parser(full: bool = False) -> "MarkdownIt":
    """Our restricted parser, or (``full``) CommonMark + GFM strikethrough, as Markdown readers
    see our Markdown output."""
    from markdown_it import MarkdownIt

    if full:
        md = MarkdownIt("commonmark").enable("strikethrough")
    else:
        md = MarkdownIt("zero").enable(list(INLINE_RULES))
        md.inline.ruler.before("emphasis", "underscore_text", _underscore_text)
        md.inline.ruler.before("link", "image_text", _image_text)
        md.inline.ruler.at("link", _link_with_place)
    # Links are judged by link_problem() (the schema refuses bad ones, the renderers drop
    # them); targets are kept exactly as written, never re-encoded.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    md.normalizeLink = _identity  # type: ignore[method-assign]
    md.normalizeLinkText = _identity  # type: ignore[method-assign]
    return md


def _underscore_text(state, silent: bool) -> bool:
    """Inline rule: a run of '_' is plain text, never an emphasis delimiter."""
    start = state.pos
    if state.src[start] != "_":
        return False
    end = start
    while end < state.posMax and state.src[end] == "_":
        end += 1
    if not silent:
        state.pending += state.src[start:end]
    state.pos = end
    return True


def _image_text(state, silent: bool) -> bool:
    """Inline rule: an image, ``![alt](url)``, is plain text as written (never a "!" followed
    by a link): images are outside the subset, and a résumé never fetches one."""
    from markdown_it.rules_inline.link import link

    start = state.pos
    if not state.src.startswith("![", start):
        return False
    state.pos = start + 1
    if not link(state, True):  # a "[label](target)" after the "!": how far the image goes
        state.pos = start
        return False
    if not silent:
        state.pending += state.src[start:state.pos]
    return True


def _link_with_place(state, silent: bool) -> bool:
    """Inline rule: markdown-it's own link rule, which also notes where each link is written
    (``[`` at ``start``, ``]`` at ``label_end``, ``)`` just before ``end``, and its target) in
    ``state.env["links"]`` when that list is there (:func:`without_refused_links`)."""
    from markdown_it.rules_inline.link import link

    start = state.pos
    places = None if silent else state.env.get("links")
    label_end = state.md.helpers.parseLinkLabel(state, start, True) if places is not None else -1
    before = len(state.tokens)
    if not link(state, silent):
        return False
    if places is not None:
        opened = next(t for t in state.tokens[before:] if t.type == "link_open")
        places.append((start, label_end, state.pos, str(opened.attrs.get("href", ""))))
    return True


def _tokens(text: str, full: bool = False) -> list["Token"]:
    found = _parser(full).parseInline(text)
    return list(found[0].children or []) if found else []


def link_problem(url: str) -> str | None:
    """Why ``url`` may not be a link, or None when it is fine."""
    control = next((ch for ch in url if ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F), None)
    if control is not None:
        return f"link contains the control character U+{ord(control):04X}; remove it"
    from resume_builder.invisible import describe, first_invisible

    hidden = first_invisible(url)
    if hidden is not None:  # as in a profile's own addresses (schema/types.py): shown is not opened
        return (f"link contains the invisible character {describe(hidden[1])} (at character {hidden[0]}): "
                "what is shown would not be what it opens; remove it")
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ALLOWED_LINK_SCHEMES:
        hint = _scheme_hint(url)
        return f"link '{url}' must start with http://, https://, mailto: or tel:" + \
            (f"; did you mean '{hint}'?" if hint else "")
    if scheme in ("http", "https") and not urlsplit(url).netloc:
        return f"link '{url}' has no host name"
    if scheme in ("http", "https"):
        from resume_builder.web_address import web_authority_problem

        why = web_authority_problem(url)
        if why:
            return f"link '{url}': {why}"
    return None


#: A web address written without its scheme: a host name with a dot (``jiwoo.dev/work``,
#: ``www.example.com``, ``//example.com/x``), optionally a port, then a path, query or nothing.
_BARE_WEB = re.compile(r"^(?://)?[^\s/@:?#.]+(?:\.[^\s/@:?#.]+)+(?::\d+)?(?:[/?#]\S*)?$")
#: An e-mail address written without ``mailto:``.
_BARE_EMAIL = re.compile(r"^[^\s/@:]+@[^\s/@:.]+(?:\.[^\s/@:.]+)+$")


def _scheme_hint(url: str) -> str:
    """The link ``url`` most likely meant, when it is a web or e-mail address written without
    its scheme (``jiwoo.dev/work`` -> ``https://jiwoo.dev/work``); else ""."""
    if _BARE_EMAIL.match(url):
        return "mailto:" + url
    if _BARE_WEB.match(url):
        return "https://" + url.removeprefix("//")
    return ""


_WRITTEN_LINK = re.compile(r"\]\(([^)]*)\)")


def link_problems(text: str) -> list[str]:
    """Problems with the links written in ``text`` (used by schema validation)."""
    return [problem for problem, _ in located_link_problems(text)]


def located_link_problems(text: str) -> list[tuple[str, str]]:
    """Every problem with the links written in ``text``, each with the link target as
    written (to find it in the file), in the order written."""
    out: list[tuple[str, str]] = []
    # A control character makes a destination no link at all for CommonMark (a NUL becomes
    # U+FFFD), so look at what was written as one: ](...) holding a control character.
    for written in _WRITTEN_LINK.finditer(text):
        control = next((ch for ch in written.group(1) if ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F), None)
        if control is not None:
            out.append((f"link contains the control character U+{ord(control):04X}; remove it", written.group(1)))
    if "[" not in text:  # every link starts with "[": text without one has none to parse for
        return out
    for token in _tokens(text):
        if token.type == "link_open":
            target = str(token.attrs.get("href", ""))
            problem = link_problem(target)
            if problem:
                out.append((problem, target))
    return out


@dataclass(frozen=True)
class RefusedLink:
    """A link :func:`without_refused_links` took out: why (:func:`link_problem`), its target
    and its text (Markdown markers removed), as written."""

    problem: str
    target: str
    text: str


def without_refused_links(text: str) -> tuple[str, list[RefusedLink]]:
    """``text`` with each link :func:`link_problem` refuses replaced by its own text, as
    written (``See my [portfolio](jiwoo.dev/work)`` -> ``See my portfolio``; emphasis inside
    the link's text stays), and those links, in the order written.

    Everything else is kept byte for byte. A ``](...)`` CommonMark reads as no link (a control
    character in its target) is not one here either: :func:`located_link_problems` still
    reports it.
    """
    if "[" not in text:
        return text, []
    env: dict = {"links": []}
    _parser().parseInline(text, env)
    out, refused = text, []
    for start, label_end, end, target in reversed(env["links"]):
        problem = link_problem(target)
        if problem and 0 <= start < label_end <= end:
            label = out[start + 1:label_end]
            out = out[:start] + label + out[end:]
            refused.append(RefusedLink(problem, target, plain_text(label)))
    return out, refused[::-1]


def _spans(tokens: Iterable["Token"], *, strict: bool) -> list[Span]:
    """Walk inline tokens into spans. ``strict``: a token outside our subset gives None."""
    spans: list[Span] = []
    bold = italic = 0
    links: list[str | None] = []
    for token in tokens:
        kind = token.type
        href = next((h for h in reversed(links) if h), None)
        if kind in ("text", "text_special"):
            spans.append(Span(token.content, bold > 0, italic > 0, href))
        elif kind == "code_inline":
            spans.append(Span(token.content, bold > 0, italic > 0, href, code=True))
        elif kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "link_open":
            target = str(token.attrs.get("href", ""))
            links.append(None if link_problem(target) else target)
        elif kind == "link_close":
            links.pop()
        elif kind in ("softbreak", "hardbreak"):
            spans.append(Span(" ", bold > 0, italic > 0, href))
        elif strict:
            raise ValueError(f"outside the inline subset: {kind}")
        else:
            spans.append(Span(token.content, bold > 0, italic > 0, href))
    return merge_spans(spans)


#: Characters that can start something in our subset; text without any is one plain span
#: (most profile text: skipping the parser for it keeps documents as fast to build as before).
_MARKERS = frozenset("*[`\\")  # "![" holds "["


@lru_cache(maxsize=4096)
def _parse_cached(text: str) -> tuple[Span, ...]:
    if _MARKERS.isdisjoint(text):
        return (Span(text),) if text else ()
    return tuple(_spans(_tokens(text), strict=False))


def parse_inline(text: str) -> list[Span]:
    """Parse ``text`` into spans; markers that do not pair up stay literal text."""
    return list(_parse_cached(text))


def commonmark_spans(markdown: str) -> list[Span] | None:
    """How a CommonMark (+ GFM strikethrough) reader sees one line of inline Markdown, as spans;
    None when it finds anything outside our subset (raw HTML, an image, an autolink...).
    Used to prove that our Markdown output says exactly what the document says."""
    try:
        return _spans(_tokens(markdown, full=True), strict=True)
    except ValueError:
        return None


def merge_spans(spans: list[Span]) -> list[Span]:
    """Join neighbouring spans that share formatting."""
    out: list[Span] = []
    for span in spans:
        if not span.text:
            continue
        if out and (out[-1].bold, out[-1].italic, out[-1].href, out[-1].code) == \
                (span.bold, span.italic, span.href, span.code):
            out[-1] = Span(out[-1].text + span.text, span.bold, span.italic, span.href, span.code)
        else:
            out.append(span)
    return out


def plain_text(text: str) -> str:
    """The text with Markdown markers removed."""
    return "".join(span.text for span in parse_inline(text))
