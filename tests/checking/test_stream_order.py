"""Each theme's PDF read in content-stream order, as pypdf-based parsers read it (issue 16, item 4).

Before, list bullets were ::marker boxes, which WeasyPrint draws after all the other text of
the page: every bullet came out at the end of the page, apart from its item. The themes now
draw the bullet as a character in the text flow (``li::before``). An entry's header was one
line ('Position — Company  Mar 2023 – present · London, UK'), which line-based parsers took
for a description; now title, organisation, and date and place each have a line.
"""

from __future__ import annotations

import re

import pytest

from tests.checking.builders import builtin_themes

pypdf = pytest.importorskip("pypdf")

THEMES = builtin_themes()
BULLETS = "•–"


def _stream_text(path) -> list[str]:
    reader = pypdf.PdfReader(str(path))
    return [" ".join(line.replace("\u00a0", " ").split()) for page in reader.pages
            for line in page.extract_text().splitlines()]


def _bullet_texts(document) -> list[str]:
    out = []
    for section in document.sections:
        groups = [section.bullets, *(entry.bullets for entry in section.entries)]
        for bullets in groups:
            out.extend(bullet.text.plain for bullet in bullets)
    return out


@pytest.mark.parametrize("theme", THEMES)
def test_every_bullet_sits_next_to_its_text(theme, theme_outputs):
    lines = _stream_text(theme_outputs.path(theme, "pdf"))
    bare = [line for line in lines if line and all(ch in BULLETS + " " for ch in line)]
    assert not bare, f"{len(bare)} bullets drawn apart from their text"
    bulleted = [line for line in lines if line[:1] == "•"]
    assert bulleted, "no bullet characters in the text at all"
    # every bullet item of the document starts a line right after its bullet (compact runs
    # short lists in as one bulleted line: their first item carries the bullet)
    starts = {re.sub(r"^•\s*", "", line)[:25] for line in bulleted}
    document = theme_outputs.document(theme)
    items = [" ".join(text.split())[:25] for text in _bullet_texts(document)]
    found = [item for item in items if any(start.startswith(item[:20]) for start in starts)]
    assert len(found) >= 0.6 * len(items), (len(found), len(items))


@pytest.mark.parametrize("theme", THEMES)
def test_separated_items_are_not_glued(theme, theme_outputs):
    """Visually separated pieces of one line carry a real space or separator in the text."""
    text = "\n".join(_stream_text(theme_outputs.path(theme, "pdf")))
    document = theme_outputs.document(theme)
    contacts = [c.text for c in document.contacts]
    for left, right in zip(contacts, contacts[1:]):
        assert left + right not in text and f"{left}·" not in text and f"·{right}" not in text
    lines = text.splitlines()
    for entry in document.section("experience").entries:
        # title, organisation, then date and place: each a line of its own, in this order;
        # a company with several roles: its name, its dates and place, then each role's
        # title and its own dates
        title, company = entry.title.plain, entry.subtitle.plain
        meta = " · ".join(part for part in (entry.date, entry.location) if part)
        at = lines.index(title)
        header = [company, meta] if company else [meta]
        assert lines[at + 1:at + 1 + len(header)] == header, lines[at:at + 3]
        for role in entry.roles:
            role_meta = " · ".join(part for part in (role.date, role.location) if part)
            at = lines.index(role.title.plain, at)
            assert lines[at + 1] == role_meta, lines[at:at + 2]
