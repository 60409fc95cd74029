"""Markdown and plain-text renderings of a :class:`~resume_builder.document.Document`.

Both walk the document in the order of :meth:`Document.text_blocks`: name, headline,
contacts, then each section (title, paragraphs, bullets, entries).

- :func:`render_markdown` is for READMEs and web pages. Profile text is data, never markup:
  every character Markdown would act on is escaped, so ``<script>`` or ``**x**`` typed in a
  name comes out as those characters; only the document's own spans (bold, italic, vetted
  links, code spans in backticks) become Markdown.
- :func:`render_text` is for pasting into application-portal forms: no markup, Unicode
  bullets, one paragraph per line (never hard-wrapped), link targets shown as text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from resume_builder.document import Bullet, Contact, Document, Entry, RichText, Section, display_url, label_gap
from resume_builder.markdown import Span, commonmark_spans, merge_spans
from resume_builder.render.isolation import with_ltr_isolates
from resume_builder.render.line_direction import LRM, mark_line_directions

__all__ = ["render_markdown", "render_text"]

SEP = " · "
DASH = " — "
BULLET = "•"
SUB_BULLET = "◦"

_LINE_BREAKS = re.compile(r"\r\n|[\n\r\x85\u2028\u2029]")


def _one_line(text: str) -> str:
    """Fold any line break in a plain string into a space (one paragraph per line)."""
    return _LINE_BREAKS.sub(" ", text)


def _join_blocks(blocks: Iterable[str]) -> str:
    return "\n\n".join(block for block in blocks if block)


# ============================================================================ Markdown

# Characters with inline meaning anywhere in a line (emphasis, links, code, raw HTML,
# GFM strikethrough); each is backslash-escaped, which CommonMark allows for any ASCII
# punctuation.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>~])")
# '&' only matters when it starts an entity reference such as '&lt;' or '&#60;'.
_MD_ENTITY = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
# What a line may not start with without becoming a block: heading, list item, setext
# underline, ordered list item ('1986. ' or '1) ').
_MD_BLOCK_START = re.compile(r"^(?:[#+=-]|(\d{1,9})([.)]))")
_MD_CLOSING_HASHES = re.compile(r"(?<=[ \t])#+[ \t]*$")
# Characters that would end or break a link destination.
_HREF_ESCAPES = {" ": "%20", "(": "%28", ")": "%29", "<": "%3C", ">": "%3E", "\\": "%5C", "`": "%60",
                 '"': "%22"}


# A run of underscores between two letters or digits (``snake_case``): CommonMark's flanking
# rules (spec 6.2) never let it open or close emphasis, so it is left as written; escaped,
# ``snake\_case`` was clutter in the file (visual review).
_MD_INTRAWORD = re.compile(r"(?<=[^\W_])_+(?=[^\W_])")


def _md_escape(text: str) -> str:
    text = _one_line(text)
    kept = [match.span() for match in _MD_INTRAWORD.finditer(text)] if "_" in text else []
    if kept:
        pieces, last = [], 0
        for start, end in kept:
            pieces.append(_MD_INLINE.sub(r"\\\1", text[last:start]))
            pieces.append(text[start:end])
            last = end
        pieces.append(_MD_INLINE.sub(r"\\\1", text[last:]))
        text = "".join(pieces)
    else:
        text = _MD_INLINE.sub(r"\\\1", text)
    return _MD_ENTITY.sub(r"\\&", text)


def _md_block(line: str) -> str:
    """Make rendered inline Markdown safe to begin a block (paragraph, list item, heading)."""
    match = _MD_BLOCK_START.match(line)
    if not match:
        return line
    if match.group(1):  # ordered-list marker: escape the '.' or ')'
        return f"{match.group(1)}\\{line[match.end(1):]}"
    return "\\" + line


def _md_heading(level: int, content: str) -> str:
    content = _md_block(content)
    closing = _MD_CLOSING_HASHES.search(content)  # ' ##' at the end would be dropped
    if closing:
        content = f"{content[:closing.start()]}\\{content[closing.start():]}"
    return f"{'#' * level} {content}"


def _md_href(href: str) -> str:
    """A link destination that cannot end the link early (hrefs are vetted upstream)."""
    return "".join(_HREF_ESCAPES.get(c, c) for c in href)


# ---------------------------------------------------------------------------- inline spans
#
# Spans become Markdown through a small serializer: bold, italic and links are marks opened
# and closed as the spans change (longest-running mark outermost), so '**a *b* c**' nests;
# code spans are written between backticks. Blanks at a mark's edge go outside it. The
# result is then read back with a CommonMark parser (markdown-it-py, as Markdown readers
# see it): where a '*' run would not be read as the intended opener or closer (e.g.
# 'x**(y)**z', or a closer touching the next opener), that span loses the mark and the
# line is written again. The text always stays exactly the same.

_Mark = tuple[str, str]  # ("b", ""), ("i", "") or ("a", href)
_Token = tuple[str, str, int, "_Mark | None"]  # (kind: text/open/close, text, span index, mark)
_BOLD: _Mark = ("b", "")
_ITALIC: _Mark = ("i", "")
_BACKTICKS = re.compile(r"`+")


def _span_marks(span: Span) -> list[_Mark]:
    marks = [("a", span.href)] if span.href else []
    return marks + ([_BOLD] if span.bold else []) + ([_ITALIC] if span.italic else [])


def _md_code(text: str) -> str:
    """A CommonMark code span holding exactly ``text``: a backtick run longer than any inside,
    and a space of padding where CommonMark would strip one or merge backticks."""
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(text)), default=0) + 1)
    pad = " " if text[:1] == "`" or text[-1:] == "`" or (text[:1] == " " and text[-1:] == " ") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _serialize(spans: list[Span], dropped: set[tuple[int, _Mark]]) -> list[_Token]:
    """The spans as tokens, leaving out the (span index, mark) pairs in ``dropped``."""
    items: list[list] = []  # [span index, leading blank, core, trailing blank, marks]
    prefix = ""
    for index, span in enumerate(spans):
        text = _one_line(span.text)
        core = text if span.code else text.strip()
        if not core.strip():  # a blank span joins the blank before the next span
            if items:
                items[-1][3] += text
            else:
                prefix += text
            continue
        lead = "" if span.code else text[:len(text) - len(text.lstrip())]
        marks = [m for m in _span_marks(span) if (index, m) not in dropped]
        rendered = _md_code(core) if span.code else _md_escape(core)
        items.append([index, lead, rendered, text[len(lead) + len(core):], marks])

    tokens: list[_Token] = [("text", prefix, -1, None)]
    stack: list[tuple[_Mark, int]] = []  # open marks with the last span index they cover
    pending = ""
    for position, (index, lead, core, trail, marks) in enumerate(items):
        keep = next((i for i, (m, _) in enumerate(stack) if m not in marks), len(stack))
        for mark, owner in reversed(stack[keep:]):
            tokens.append(("close", "", owner, mark))
        stack = stack[:keep]
        tokens.append(("text", pending + lead, index, None))

        def extent(mark: _Mark, start: int = position) -> int:
            following = items[start:]
            return next((n for n, item in enumerate(following) if mark not in item[4]), len(following))

        opened = [m for m, _ in stack]
        for mark in sorted((m for m in marks if m not in opened), key=lambda m: (-extent(m), m[0] != "a")):
            tokens.append(("open", "", index, mark))
            stack.append((mark, index))
        stack = [(m, index) for m, _ in stack]
        tokens.append(("text", core, index, None))
        pending = trail
    for mark, owner in reversed(stack):
        tokens.append(("close", "", owner, mark))
    tokens.append(("text", pending, -1, None))
    return tokens


def _render_tokens(tokens: list[_Token]) -> str:
    out = ""
    for kind, text, _, mark in tokens:
        if kind == "text":
            out += text
        elif mark[0] == "a":
            if kind == "open":
                out = out[:-1] + "\\!" if out.endswith("!") else out  # '![' would be an image
                out += "["
            else:
                out += f"]({_md_href(mark[1])})"
        else:
            out += "**" if mark == _BOLD else "*"
    return out


def _signature(spans: Iterable[Span], href: Callable[[str], str]) -> list[tuple]:
    """Each character with what it shows as; a blank outside code carries no formatting."""
    out = []
    for span in spans:
        for char in _one_line(span.text):
            neutral = char.isspace() and not span.code
            look = None if neutral else (span.bold, span.italic, href(span.href) if span.href else None)
            out.append((char, span.code, look))
    return out


def _common_prefix(a: list, b: list) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))


def _md_spans(spans: Iterable[Span]) -> str:
    """Inline Markdown for spans (see above); profile text is escaped."""
    spans = list(spans)
    dropped: set[tuple[int, _Mark]] = set()

    def attempt(drop: set[tuple[int, _Mark]]) -> tuple[str, int, bool]:
        """The Markdown with ``drop`` left out, how far a reader agrees with it, and whether fully."""
        text = _render_tokens(_serialize(spans, drop))
        wanted = _signature([Span(s.text, *((s.bold and (i, _BOLD) not in drop),
                                            (s.italic and (i, _ITALIC) not in drop),
                                            (s.href if s.href and (i, ("a", s.href)) not in drop else None)),
                                  code=s.code) for i, s in enumerate(spans)], _md_href)
        read = commonmark_spans(text)
        got = _signature(read, lambda h: h) if read is not None else []
        return text, _common_prefix(wanted, got), wanted == got

    text, _, ok = attempt(dropped)
    while not ok:
        candidates = [(token[2], token[3]) for token in _serialize(spans, dropped) if token[0] == "open"]
        if not candidates:  # cannot happen: all-escaped text always reads back as itself
            raise AssertionError(f"Markdown for {spans!r} does not read back as written")
        # Emphasis goes before any link does (a link carries information, emphasis only looks);
        # of those, drop the mark whose loss lets a reader agree furthest.
        candidates = [c for c in candidates if c[1][0] != "a"] or candidates
        best = max(candidates, key=lambda c: attempt(dropped | {c})[1])
        dropped.add(best)
        text, _, ok = attempt(dropped)
    return text


def _md_rich(text: RichText) -> str:
    return _md_spans(text.spans)


def _ltr(text: RichText) -> str:
    """An LRM for a paragraph set left to right in a right-to-left document (an English
    bullet in an Arabic résumé: ``RichText.direction``), which line_direction leaves alone."""
    return LRM if text.direction == "ltr" else ""


def _md_bullets(bullets: tuple[Bullet, ...]) -> str:
    lines = []
    for bullet in bullets:
        lines.append(f"- {_ltr(bullet.text)}{_md_block(_md_rich(bullet.text))}")
        lines.extend(f"  - {_ltr(child)}{_md_block(_md_rich(child))}" for child in bullet.children)
    return "\n".join(lines)


def _md_paragraphs(paragraphs: Iterable[RichText]) -> list[str]:
    return [_ltr(p) + _md_block(_md_rich(p)) for p in paragraphs]


def _md_pair(entry: Entry, end: str = ":") -> str:
    label = [Span(s.text, True, s.italic, s.href) for s in entry.title.spans]
    value = _md_rich(entry.description)
    if value:
        label.append(Span(end, bold=bool(label_gap(end))))  # a full-width colon outside: see _md_field
        return f"- {_md_spans(merge_spans(label))}{label_gap(end)}{value}"
    return f"- {_md_spans(merge_spans(label))}"


def _md_field(label: str, end: str, value: str) -> str:
    """``**Label:** value``; a full-width colon, which no space follows, goes after the ``**``:
    CommonMark would not close emphasis between it and a letter (spec 6.2, right-flanking)."""
    if label_gap(end):
        return f"**{_md_escape(label + end)}**{label_gap(end)}{value}".rstrip()
    return f"**{_md_escape(label)}**{_md_escape(end)}{value}".rstrip()


def _md_entry(entry: Entry, level: int = 3, end: str = ":") -> str:
    header = _md_rich(entry.title) + (DASH + _md_rich(entry.subtitle) if entry.subtitle else "")
    meta = SEP.join(_md_escape(part) for part in (entry.date, entry.location) if part)
    if meta:
        meta = f"*{meta}*"
    if entry.url and entry.url_text:  # the entry's link (company, project, school...) shown as its address
        link = f"[{_md_escape(entry.url_text)}]({_md_href(entry.url)})"
        meta = f"{meta}{SEP}{link}" if meta else link
    # The date line sits right under the heading (an ATX heading is one line, so the two
    # stay separate blocks).
    blocks = [_md_heading(level, header) + (f"\n{_md_block(meta)}" if meta else "")]
    if entry.description:
        blocks.append(_ltr(entry.description) + _md_block(_md_rich(entry.description)))
    blocks.extend(_md_paragraphs(entry.paragraphs))
    blocks.append(_md_bullets(entry.bullets))
    blocks.extend(_md_paragraphs(entry.closing))
    for fld in entry.fields:
        blocks.append(_md_field(fld.label, end, _md_rich(fld.value)))
    # a company's roles, last: one heading level below the company, each with its own dates
    blocks.extend(_md_entry(role, level + 1, end) for role in entry.roles)
    return _join_blocks(blocks)


def _md_section(section: Section, end: str = ":") -> str:
    blocks = [_md_heading(2, _md_escape(section.title))]
    blocks.extend(_md_paragraphs(section.paragraphs))
    blocks.append(_md_bullets(section.bullets))
    if section.layout == "pairs":
        blocks.append("\n".join(_md_pair(entry, end) for entry in section.entries))
    else:
        blocks.extend(_md_entry(entry, end=end) for entry in section.entries)
    return _join_blocks(blocks)


def _md_contact(contact: Contact) -> str:
    text = _md_escape(contact.text)
    return f"[{text}]({_md_href(contact.href)})" if contact.href else text


def render_markdown(doc: Document) -> str:
    """The document as Markdown (CommonMark/GFM), profile text escaped so it stays text.

    In a right-to-left document, left-to-right runs are isolated (LRI … PDI, see
    :mod:`resume_builder.render.isolation`), and each block whose text does not start
    right to left starts with an RLM (:mod:`resume_builder.render.line_direction`).
    """
    doc = with_ltr_isolates(doc)
    blocks = markdown_masthead(doc)
    blocks.extend(_md_section(section, doc.label_end) for section in doc.sections)
    return joined(blocks, doc, markdown=True)


def markdown_masthead(doc) -> list[str]:
    """The masthead's Markdown blocks (the name a level-1 heading, headline, contact line) of
    a résumé or a letter (anything with ``name``, ``headline`` and ``contacts``)."""
    blocks = [_md_heading(1, _md_escape(doc.name))]
    if doc.headline:
        blocks.append(_md_block(_md_escape(doc.headline)))
    if doc.contacts:
        blocks.append(_md_block(SEP.join(_md_contact(c) for c in doc.contacts)))
    return blocks


def text_masthead(doc) -> str:
    """The masthead as plain-text lines: name, headline, contact line."""
    head = [_one_line(doc.name)]
    if doc.headline:
        head.append(_one_line(doc.headline))
    if doc.contacts:
        head.append(SEP.join(_one_line(c.text) for c in doc.contacts))
    return "\n".join(head)


def joined(blocks: list[str], doc, *, markdown: bool) -> str:
    """``blocks`` apart by a blank line, ending in a newline; in a right-to-left document each
    line that does not start right to left gets an RLM (:mod:`resume_builder.render.line_direction`)."""
    out = _join_blocks(blocks) + "\n"
    return mark_line_directions(out, markdown=markdown) if doc.direction == "rtl" else out


# ============================================================================ plain text


def _links_suffix(text: RichText) -> str:
    """Link targets the plain text does not show, as ' (url)' after the paragraph."""
    runs: list[tuple[str, str]] = []  # (link text, href) for each run of spans sharing a link
    previous: str | None = None
    for span in text.spans:
        if span.href and span.href == previous:
            runs[-1] = (runs[-1][0] + span.text, span.href)
        elif span.href:
            runs.append((span.text, span.href))
        previous = span.href
    shown = text.plain
    hidden = [(label.strip(), display_url(href)) for label, href in runs
              if href not in shown and display_url(href) not in shown]
    urls = list(dict.fromkeys(url for _, url in hidden))
    if not urls:
        return ""
    if len(urls) == 1:
        return f" ({urls[0]})"
    return " (" + "; ".join(f"{label}: {url}" for label, url in dict.fromkeys(hidden)) + ")"


def _txt(text: RichText) -> str:
    return _one_line(text.plain) + _links_suffix(text)


def _txt_block(text: RichText) -> str:
    """A paragraph of its own: :func:`_txt`, set left to right when marked so (:func:`_ltr`)."""
    return _ltr(text) + _txt(text)


def _txt_bullets(bullets: tuple[Bullet, ...]) -> list[str]:
    lines = []
    for bullet in bullets:
        # the LRM first on the line, before the bullet: the whole line is then left to right
        lines.append(f"{_ltr(bullet.text)}{BULLET} {_txt(bullet.text)}")
        lines.extend(f"{_ltr(child)}  {SUB_BULLET} {_txt(child)}" for child in bullet.children)
    return lines


def _txt_entry(entry: Entry, end: str = ":") -> list[str]:
    header = _txt(entry.title)
    if entry.subtitle:
        header += DASH + _txt(entry.subtitle)
    extras = [_one_line(part) for part in (entry.date, entry.location) if part]
    if entry.url_text:
        extras.append(entry.url_text)
    lines = [SEP.join([header, *extras])]
    if entry.description:
        lines.append(_txt_block(entry.description))
    lines.extend(_txt_block(p) for p in entry.paragraphs)
    lines.extend(_txt_bullets(entry.bullets))
    lines.extend(_txt_block(p) for p in entry.closing)
    lines.extend(f"{_one_line(fld.label)}{end}{label_gap(end)}{_txt(fld.value)}".rstrip() for fld in entry.fields)
    for role in entry.roles:  # a company's roles, last, each a header line of its own with its dates
        lines.extend(_txt_entry(role, end))
    return lines


def _txt_entries(entries: tuple[Entry, ...], end: str = ":") -> str:
    """Entries one after another; a blank line sets off any entry that has a body."""
    out = ""
    previous: list[str] = []
    for entry in entries:
        lines = _txt_entry(entry, end)
        if out:
            out += "\n\n" if len(lines) > 1 or len(previous) > 1 else "\n"
        out += "\n".join(lines)
        previous = lines
    return out


def _txt_section(section: Section, end: str = ":") -> str:
    lines = [_one_line(section.title).upper()]
    lines.extend(_txt_block(p) for p in section.paragraphs)
    lines.extend(_txt_bullets(section.bullets))
    if section.layout == "pairs":
        for entry in section.entries:
            value = _txt(entry.description)
            lines.append(f"{BULLET} {_txt(entry.title)}" + (f"{end}{label_gap(end)}{value}" if value else ""))
        return "\n".join(lines)
    body = _txt_entries(section.entries, end)
    if not body:
        return "\n".join(lines)
    # Entries after the section's own paragraphs or bullets stand apart from them.
    gap = "\n\n" if section.paragraphs or section.bullets else "\n"
    return "\n".join(lines) + gap + body


def render_text(doc: Document) -> str:
    """The document as plain text for application forms: no markup, one paragraph per line.

    In a right-to-left document, left-to-right runs are isolated (LRI … PDI), so a phone
    number or ``C++`` pasted into a form reads as typed, and each line that does not start
    right to left starts with an RLM (:mod:`resume_builder.render.line_direction`).
    """
    doc = with_ltr_isolates(doc)
    blocks = [text_masthead(doc)]
    blocks.extend(_txt_section(section, doc.label_end) for section in doc.sections)
    return joined(blocks, doc, markdown=False)
