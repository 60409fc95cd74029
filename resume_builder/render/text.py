"""Markdown and plain-text renderings of a :class:`~resume_builder.document.Document`.

Both walk the document in the order of :meth:`Document.text_blocks`: name, headline,
contacts, then each section (title, paragraphs, bullets, entries).

- :func:`render_markdown` is for READMEs and web pages. Profile text is data, never markup:
  every character Markdown would act on is escaped, so ``<script>`` or ``**x**`` typed in a
  name comes out as those characters; only the document's own spans (bold, italic, vetted
  links) become Markdown.
- :func:`render_text` is for pasting into application-portal forms: no markup, Unicode
  bullets, one paragraph per line (never hard-wrapped), link targets shown as text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from resume_builder.document import Bullet, Contact, Document, Entry, RichText, Section, display_url
from resume_builder.markdown import Span, merge_spans
from resume_builder.render.isolation import with_ltr_isolates

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


def _md_escape(text: str) -> str:
    text = _MD_INLINE.sub(r"\\\1", _one_line(text))
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
# and closed as the spans change (longest-running mark outermost), so '**a *b* c**' nests.
# Blanks at a mark's edge go outside it. Where CommonMark would not read a '*' run as the
# intended opener or closer (e.g. 'x**(y)**z', or a closer touching the next opener), that
# span simply loses the mark: the text always stays exactly the same.

_Mark = tuple[str, str]  # ("b", ""), ("i", "") or ("a", href)
_Token = tuple[str, str, int, "_Mark | None"]  # (kind: text/open/close, text, span index, mark)
_BOLD: _Mark = ("b", "")
_ITALIC: _Mark = ("i", "")


def _span_marks(span: Span) -> list[_Mark]:
    marks = [("a", span.href)] if span.href else []
    return marks + ([_BOLD] if span.bold else []) + ([_ITALIC] if span.italic else [])


def _serialize(spans: list[Span], dropped: set[tuple[int, _Mark]]) -> list[_Token]:
    """The spans as tokens, leaving out the (span index, mark) pairs in ``dropped``."""
    items: list[list] = []  # [span index, leading blank, core, trailing blank, marks]
    prefix = ""
    for index, span in enumerate(spans):
        text = _one_line(span.text)
        core = text.strip()
        if not core:  # a blank span joins the blank before the next span
            if items:
                items[-1][3] += text
            else:
                prefix += text
            continue
        lead = text[:len(text) - len(text.lstrip())]
        marks = [m for m in _span_marks(span) if (index, m) not in dropped]
        items.append([index, lead, core, text[len(lead) + len(core):], marks])

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
        tokens.append(("text", _md_escape(core), index, None))
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


def _is_punct(char: str, symbols: bool) -> bool:
    category = unicodedata.category(char)
    return category.startswith("P") or (symbols and category.startswith("S")) or (
        char.isascii() and not char.isalnum() and not char.isspace())


def _flanking(before: str, after: str, symbols: bool) -> tuple[bool, bool]:
    """CommonMark's (left-flanking, right-flanking) for a '*' run between two characters."""
    before_space = not before or before.isspace()
    after_space = not after or after.isspace()
    before_punct = bool(before) and _is_punct(before, symbols)
    after_punct = bool(after) and _is_punct(after, symbols)
    left = not after_space and (not after_punct or before_space or before_punct)
    right = not before_space and (not before_punct or after_space or after_punct)
    return left, right


def _first_bad_mark(tokens: list[_Token]) -> tuple[int, _Mark] | None:
    """The first emphasis marker CommonMark would not read as intended, as (span, mark)."""
    rendered: list[tuple[str, tuple]] = []  # (text, token), empty texts left out
    for token in tokens:
        kind, text, _, mark = token
        if kind == "text":
            piece = text
        elif mark[0] == "a":
            piece = "[" if kind == "open" else "]("  # enough to know the neighbouring characters
        else:
            piece = "**" if mark == _BOLD else "*"
        if piece:
            rendered.append((piece, token))
    i = 0
    while i < len(rendered):
        token = rendered[i][1]
        if token[0] == "text" or token[3][0] == "a":
            i += 1
            continue
        j = i
        while j < len(rendered) and rendered[j][1][0] != "text" and rendered[j][1][3][0] != "a":
            j += 1
        run = [t for _, t in rendered[i:j]]
        before = rendered[i - 1][0][-1] if i else ""
        after = rendered[j][0][0] if j < len(rendered) else ""
        kinds = {t[0] for t in run}
        if kinds == {"open", "close"}:
            return next((t[2], t[3]) for t in run if t[0] == "open")
        for symbols in (False, True):
            left, right = _flanking(before, after, symbols)
            ok = (left and not right) if "open" in kinds else (right and not left)
            if not ok:
                return run[0][2], run[0][3]
        i = j
    return None


def _md_spans(spans: Iterable[Span]) -> str:
    """Inline Markdown for spans (see above); profile text is escaped."""
    spans = list(spans)
    dropped: set[tuple[int, _Mark]] = set()
    while True:
        tokens = _serialize(spans, dropped)
        bad = _first_bad_mark(tokens)
        if bad is None:
            return _render_tokens(tokens)
        dropped.add(bad)


def _md_rich(text: RichText) -> str:
    return _md_spans(text.spans)


def _md_bullets(bullets: tuple[Bullet, ...]) -> str:
    lines = []
    for bullet in bullets:
        lines.append(f"- {_md_block(_md_rich(bullet.text))}")
        lines.extend(f"  - {_md_block(_md_rich(child))}" for child in bullet.children)
    return "\n".join(lines)


def _md_paragraphs(paragraphs: Iterable[RichText]) -> list[str]:
    return [_md_block(_md_rich(p)) for p in paragraphs]


def _md_pair(entry: Entry) -> str:
    label = [Span(s.text, True, s.italic, s.href) for s in entry.title.spans]
    value = _md_rich(entry.description)
    if value:
        label.append(Span(":", bold=True))
        return f"- {_md_spans(merge_spans(label))} {value}"
    return f"- {_md_spans(merge_spans(label))}"


def _md_entry(entry: Entry) -> str:
    header = _md_rich(entry.title) + (DASH + _md_rich(entry.subtitle) if entry.subtitle else "")
    meta = SEP.join(_md_escape(part) for part in (entry.date, entry.location) if part)
    if meta:
        meta = f"*{meta}*"
    if entry.url:  # the entry's link (company, project, school...) is shown as its address
        link = f"[{_md_escape(display_url(entry.url))}]({_md_href(entry.url)})"
        meta = f"{meta}{SEP}{link}" if meta else link
    # The date line sits right under the heading (an ATX heading is one line, so the two
    # stay separate blocks).
    blocks = [_md_heading(3, header) + (f"\n{_md_block(meta)}" if meta else "")]
    if entry.description:
        blocks.append(_md_block(_md_rich(entry.description)))
    blocks.extend(_md_paragraphs(entry.paragraphs))
    blocks.append(_md_bullets(entry.bullets))
    blocks.extend(_md_paragraphs(entry.closing))
    for fld in entry.fields:
        blocks.append(f"**{_md_escape(fld.label)}:** {_md_rich(fld.value)}".rstrip())
    return _join_blocks(blocks)


def _md_section(section: Section) -> str:
    blocks = [_md_heading(2, _md_escape(section.title))]
    blocks.extend(_md_paragraphs(section.paragraphs))
    blocks.append(_md_bullets(section.bullets))
    if section.layout == "pairs":
        blocks.append("\n".join(_md_pair(entry) for entry in section.entries))
    else:
        blocks.extend(_md_entry(entry) for entry in section.entries)
    return _join_blocks(blocks)


def _md_contact(contact: Contact) -> str:
    text = _md_escape(contact.text)
    return f"[{text}]({_md_href(contact.href)})" if contact.href else text


def render_markdown(doc: Document) -> str:
    """The document as Markdown (CommonMark/GFM), profile text escaped so it stays text.

    In a right-to-left document, left-to-right runs are isolated (LRI … PDI, see
    :mod:`resume_builder.render.isolation`).
    """
    doc = with_ltr_isolates(doc)
    blocks = [_md_heading(1, _md_escape(doc.name))]
    if doc.headline:
        blocks.append(_md_block(_md_escape(doc.headline)))
    if doc.contacts:
        blocks.append(_md_block(SEP.join(_md_contact(c) for c in doc.contacts)))
    blocks.extend(_md_section(section) for section in doc.sections)
    return _join_blocks(blocks) + "\n"


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


def _txt_bullets(bullets: tuple[Bullet, ...]) -> list[str]:
    lines = []
    for bullet in bullets:
        lines.append(f"{BULLET} {_txt(bullet.text)}")
        lines.extend(f"  {SUB_BULLET} {_txt(child)}" for child in bullet.children)
    return lines


def _txt_entry(entry: Entry) -> list[str]:
    header = _txt(entry.title)
    if entry.subtitle:
        header += DASH + _txt(entry.subtitle)
    extras = [_one_line(part) for part in (entry.date, entry.location) if part]
    if entry.url:
        extras.append(display_url(entry.url))
    lines = [SEP.join([header, *extras])]
    if entry.description:
        lines.append(_txt(entry.description))
    lines.extend(_txt(p) for p in entry.paragraphs)
    lines.extend(_txt_bullets(entry.bullets))
    lines.extend(_txt(p) for p in entry.closing)
    lines.extend(f"{_one_line(fld.label)}: {_txt(fld.value)}".rstrip() for fld in entry.fields)
    return lines


def _txt_entries(entries: tuple[Entry, ...]) -> str:
    """Entries one after another; a blank line sets off any entry that has a body."""
    out = ""
    previous: list[str] = []
    for entry in entries:
        lines = _txt_entry(entry)
        if out:
            out += "\n\n" if len(lines) > 1 or len(previous) > 1 else "\n"
        out += "\n".join(lines)
        previous = lines
    return out


def _txt_section(section: Section) -> str:
    lines = [_one_line(section.title).upper()]
    lines.extend(_txt(p) for p in section.paragraphs)
    lines.extend(_txt_bullets(section.bullets))
    if section.layout == "pairs":
        for entry in section.entries:
            value = _txt(entry.description)
            lines.append(f"{BULLET} {_txt(entry.title)}" + (f": {value}" if value else ""))
        return "\n".join(lines)
    body = _txt_entries(section.entries)
    if not body:
        return "\n".join(lines)
    # Entries after the section's own paragraphs or bullets stand apart from them.
    gap = "\n\n" if section.paragraphs or section.bullets else "\n"
    return "\n".join(lines) + gap + body


def render_text(doc: Document) -> str:
    """The document as plain text for application forms: no markup, one paragraph per line.

    In a right-to-left document, left-to-right runs are isolated (LRI … PDI), so a phone
    number or ``C++`` pasted into a form reads as typed.
    """
    doc = with_ltr_isolates(doc)
    head = [_one_line(doc.name)]
    if doc.headline:
        head.append(_one_line(doc.headline))
    if doc.contacts:
        head.append(SEP.join(_one_line(c.text) for c in doc.contacts))
    blocks = ["\n".join(head)]
    blocks.extend(_txt_section(section) for section in doc.sections)
    return _join_blocks(blocks) + "\n"
