"""Anchors on text values: a mistake, never a feature, in a profile.

YAML reads ``&word`` at the start of a value as an anchor, a name for the value so an alias
(``*word``) can repeat it (YAML 1.2 §6.9.2). Someone who writes ``headline: &Engineer``
means the text "&Engineer", but YAML takes the word as a name and keeps what follows:
an empty value, or "at Acme" for ``&Engineer at Acme`` — text lost without a word. So an
anchor on a text value that no alias uses is refused with the quoting fix; anchors that
are used (on mappings, lists or texts repeated with ``*name``) keep working.
"""

from __future__ import annotations

import re
from typing import Any

#: Something that may be an anchor: '&' at the start of a line or after a space, ',' '[' '{',
#: followed by a character of a name (prose such as "R&D" or "A & B" is no anchor).
_MAYBE_ANCHOR = re.compile(r"(?:^|[\s,\[{])&[^\s,\[\]{}]")


def may_hold_anchors(text: str) -> bool:
    """False when ``text`` surely holds no YAML anchor (a quick look, no parsing)."""
    return "&" in text and _MAYBE_ANCHOR.search(text) is not None

from resume_builder.errors import Location, Problem, UserError


def check_scalar_anchors(text: str, file: str) -> None:
    """Raise a UserError listing every unused anchor on a text value in ``text`` (YAML).

    Each problem is located at the ``&`` with the line quoted and a caret under it. Text
    YAML cannot parse is left alone: the loader reports the syntax error itself.
    """
    if not may_hold_anchors(text):
        return
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.events import AliasEvent, ScalarEvent

    scalars: list[Any] = []
    used: set[str] = set()
    try:
        for event in YAML(typ="rt", pure=True).parse(text):
            if isinstance(event, AliasEvent):
                used.add(event.anchor)
            elif isinstance(event, ScalarEvent) and event.anchor:
                scalars.append(event)
    except (YAMLError, RecursionError, ValueError):
        return
    problems = [_problem(event, text, file) for event in scalars if event.anchor not in used]
    if problems:
        raise UserError(problems)


def _problem(event: Any, text: str, file: str) -> Problem:
    from resume_builder.loading.yaml_errors import excerpt, source_lines

    line, column = event.start_mark.line, event.start_mark.column
    source = (source_lines(text) or [""])[line]
    head = source[:column]
    written = source[column:].split(" #")[0].rstrip()
    if head.count("[") + head.count("{") > head.count("]") + head.count("}"):  # inside [ ] or { }
        written = next((written[:i] for i, ch in enumerate(written) if ch in ",]}"), written).rstrip()
    kept = event.value or ""
    lost = "the value is empty" if not kept else f"only '{kept}' is kept"
    quoted = '"' + written.replace("\\", "\\\\").replace('"', '\\"') + '"'
    fixed = (head + quoted + source[column + len(written):]).strip()
    return Problem(f"the text starts with '&', which YAML reads as an anchor (a name for reuse): "
                   f"'&{event.anchor}' is taken as a name and {lost}",
                   Location(file, line + 1, column + 1),
                   hint=f"put the whole text in quotes: {fixed}", excerpt=excerpt(text, line, column))
