"""Placeholders in letter texts: a fixed list of names, substituted as plain text.

``{company}`` in a letter becomes the company's name; nothing else happens. This is not a
template language: there are no expressions, attributes, indexes, filters or format
specifications, and a value is never scanned again, so a posting or profile text holding
``{basics.email}`` or ``{{ 7*7 }}`` is printed as written. ``{{`` and ``}}`` print one brace.
A ``{`` that does not close on the same line is text. Every ``{...}`` that is not one of
:data:`NAMES` is an error naming the position, with "did you mean".

Values are inserted as text, never as Markdown: the characters inline Markdown gives a
meaning to (``\\ * ` [ ]``) are escaped, so a company called ``*Acme*`` is not italic.

Pure: no I/O. Used by loading (the names are checked when a letter is read) and by
tailoring (:mod:`resume_builder.tailoring.letters` fills the values in).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping

#: Every placeholder a letter may use, and what it stands for.
NAMES: dict[str, str] = {
    "company": "the posting's company, else the letter's recipient.company",
    "position": "the posting's title, else the letter's position",
    "posting.title": "the job posting's title (needs --job)",
    "posting.company": "the job posting's company (needs --job)",
    "recipient.name": "the letter's recipient.name",
    "recipient.title": "the letter's recipient.title",
    "recipient.company": "the letter's recipient.company",
    "basics.name": "the profile's basics.name",
    "basics.headline": "the profile's basics.headline",
    "basics.email": "the profile's basics.email",
    "basics.phone": "the profile's basics.phone",
    "basics.website": "the profile's basics.website",
    "basics.location": "the profile's basics.location, on one line",
}

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}\n]*)\}")
_MARKDOWN_ACTIVE = re.compile(r"([\\*`\[\]])")
# Control characters (tab and line breaks aside) are dropped from values, as the document
# model drops them from all text (resume_builder.document.clean); whitespace is folded.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class PlaceholderProblem:
    """What is wrong with one ``{...}``: ``start``/``end`` are offsets in the text."""

    start: int
    end: int
    message: str
    hint: str | None = None


class PlaceholderError(ValueError):
    """A placeholder that cannot be filled in; ``problem`` says which and why."""

    def __init__(self, problem: PlaceholderProblem):
        super().__init__(problem.message)
        self.problem = problem


def _judge(name: str, start: int, end: int) -> PlaceholderProblem | None:
    from resume_builder.errors import did_you_mean

    written = "{" + name + "}"
    bare = name.strip()
    if bare in NAMES:
        return None if bare == name else PlaceholderProblem(start, end, f"{written} has spaces inside the braces",
                                                            f"write {{{bare}}}")
    base = re.split(r"[.!:\[(]", bare, maxsplit=1)[0]
    if any(mark in bare for mark in ("!", ":", "[", "(", "__")) or (bare.count(".") and
                                                                     base in ("company", "position")):
        return PlaceholderProblem(
            start, end, f"{written} is not a placeholder: placeholders name a value; attribute access, "
                        "indexes, calls and format specifications are not allowed",
            "placeholders: " + ", ".join("{" + n + "}" for n in NAMES))
    suggestion = did_you_mean(bare, list(NAMES))
    hint = suggestion.replace("'", "") if suggestion else None
    if hint:
        hint = re.sub(r"did you mean (\S+?)\?", lambda m: "did you mean {" + m.group(1) + "}?", hint)
    return PlaceholderProblem(start, end, f"unknown placeholder {written}",
                              hint or "placeholders: " + ", ".join("{" + n + "}" for n in NAMES)
                              + "; write {{ and }} for literal braces")


def problems(text: str) -> list[PlaceholderProblem]:
    """Every ``{...}`` in ``text`` that is not a known placeholder (values are not needed)."""
    found = []
    for match in _TOKEN.finditer(text):
        if match.group(1) is not None:
            problem = _judge(match.group(1), match.start(), match.end())
            if problem is not None:
                found.append(problem)
    return found


def used(text: str) -> list[str]:
    """The placeholder names ``text`` uses, in order (unknown ones left out)."""
    return [m.group(1).strip() for m in _TOKEN.finditer(text)
            if m.group(1) is not None and m.group(1).strip() in NAMES]


def escape_markdown(value: str) -> str:
    """``value`` with the characters inline Markdown reads (``\\ * ` [ ]``) backslash-escaped."""
    return _MARKDOWN_ACTIVE.sub(r"\\\1", value)


def substitute(text: str, values: Mapping[str, str | None]) -> str:
    """``text`` with every placeholder replaced by its value from ``values``, as plain text.

    One pass over ``text``: what a value holds is never read as a placeholder. A value that
    ends with a full stop ("NubeCobro S.L.") right before the text's full stop loses its
    own, so the sentence ends with one ("… en NubeCobro S.L. Llevo …"). Raises
    :class:`PlaceholderError` for an unknown name or a name whose value is missing (None
    or empty), with the offsets of the ``{...}``.
    """
    def replace(match: re.Match) -> str:
        token = match.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        problem = _judge(match.group(1), match.start(), match.end())
        if problem is not None:
            raise PlaceholderError(problem)
        name = match.group(1)
        value = values.get(name)
        if not value:
            raise PlaceholderError(_no_value(match))
        value = " ".join(_CONTROL.sub("", value).split())
        if _ends_sentence_twice(value, text[match.end():match.end() + 2]):
            value = value[:-1]  # "{company}." with "NubeCobro S.L.": one full stop, the text's
        return escape_markdown(value)

    return _TOKEN.sub(replace, text)


def unfilled(text: str, values: Mapping[str, str | None]) -> list[PlaceholderProblem]:
    """Every problem :func:`substitute` would raise for ``text``, not only the first: unknown
    names and names whose value is missing, in the order written."""
    found = []
    for match in _TOKEN.finditer(text):
        if match.group(1) is None:
            continue
        problem = _judge(match.group(1), match.start(), match.end())
        if problem is None and not values.get(match.group(1)):
            problem = _no_value(match)
        if problem is not None:
            found.append(problem)
    return found


def _no_value(match: re.Match) -> PlaceholderProblem:
    name = match.group(1)
    return PlaceholderProblem(match.start(), match.end(), f"{{{name}}} has no value here: {NAMES[name]} is not given",
                              _missing_hint(name))


def _ends_sentence_twice(value: str, following: str) -> bool:
    """Whether a value ending in a full stop ("S.L.", "Inc.") is followed by the text's own
    full stop, which would print two ("S.L.."). An ellipsis on either side is left as written."""
    return (value.endswith(".") and not value.endswith("..")
            and following[:1] == "." and following[1:2] != ".")


def _missing_hint(name: str) -> str:
    # {posting.*} come from a posting only: position: and recipient.company fill {position} and
    # {company} ("or position: in the letter" was said of {posting.title}, which it never fills: trial)
    if name == "company":
        return "give a job posting that names the company (--job POSTING), or recipient.company in the letter"
    if name == "posting.company":
        return ("give a job posting that names the company (--job POSTING), or write {company}, which "
                "recipient.company in the letter fills")
    if name == "position":
        return "give a job posting (--job POSTING), or position: in the letter"
    if name == "posting.title":
        return "give a job posting (--job POSTING), or write {position}, which position: in the letter fills"
    if name.startswith("recipient."):
        return f"add {name} to the letter"
    return f"add {name} to the profile"
