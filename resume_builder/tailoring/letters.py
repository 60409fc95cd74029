"""A letter's texts with their placeholders filled in from the profile and the posting (pure).

The values come from the (tailored) profile, the letter's own recipient and position, and
the job posting's title and company when one is given: ``{company}`` is the posting's
company, else ``recipient.company``; ``{position}`` the posting's title, else the letter's
``position``. Substitution is :func:`resume_builder.schema.placeholders.substitute`: plain
text, one pass, never template execution.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from resume_builder.schema.letter import Letter
from resume_builder.schema.placeholders import PlaceholderError, PlaceholderProblem, substitute, unfilled
from resume_builder.schema.profile import Profile


class LetterPlaceholderError(PlaceholderError):
    """A placeholder that could not be filled in, with the path of its text in the letter
    (``("body", 2)``) and the text itself, so the caller can locate it in the file.
    ``every``: each such (problem, path, text) of the letter, this one first, so all of
    them are told in one run."""

    def __init__(self, problem: PlaceholderProblem, path: tuple[Any, ...], text: str,
                 every: list[tuple[PlaceholderProblem, tuple[Any, ...], str]] | None = None):
        super().__init__(problem)
        self.path = path
        self.text = text
        self.every = every or [(problem, path, text)]


@dataclass(frozen=True)
class FilledLetter:
    """The letter's texts after substitution (inline Markdown, still to be parsed); None
    where the letter leaves the locale's default (salutation, closing)."""

    subject: str | None
    salutation: str | None
    body: tuple[str, ...]
    closing: str | None
    company: str | None  # the value of {company}, for the report and the check
    position: str | None  # the value of {position}


def placeholder_values(letter: Letter, profile: Profile, *, posting_title: str | None = None,
                       posting_company: str | None = None, public: bool = False,
                       country_name: Callable[[str], str | None] | None = None) -> dict[str, str | None]:
    """Every placeholder's value (None: not given). ``country_name`` names the country of
    ``{basics.location}`` as the résumé does (:meth:`Location.display`).

    ``public``: ``profile`` is a public copy (:func:`resume_builder.tailoring.public.public`),
    so ``{basics.email}`` is what the public résumé shows instead, the ``basics.contact_url``,
    else "(withheld)", and ``{basics.phone}`` is "(withheld)", as the résumé masks them.
    """
    recipient = letter.recipient
    basics = profile.basics
    if public:
        from resume_builder.tailoring.public import WITHHELD

        email, phone = basics.contact_url or WITHHELD, WITHHELD
    else:
        email, phone = basics.email, basics.phone
    return {
        "company": posting_company or (recipient.company if recipient else None),
        "position": posting_title or letter.position,
        "posting.title": posting_title,
        "posting.company": posting_company,
        "recipient.name": recipient.name if recipient else None,
        "recipient.title": recipient.title if recipient else None,
        "recipient.company": recipient.company if recipient else None,
        "basics.name": basics.name,
        "basics.headline": basics.headline,
        "basics.email": email,
        "basics.phone": phone,
        "basics.website": basics.website,
        "basics.location": basics.location.display(country_name) if basics.location else None,
    }


def fill_letter(letter: Letter, profile: Profile, *, posting_title: str | None = None,
                posting_company: str | None = None, public: bool = False,
                country_name: Callable[[str], str | None] | None = None) -> FilledLetter:
    """``letter``'s texts with placeholders replaced; raises :class:`LetterPlaceholderError`.
    ``public``: ``profile`` is a public copy (see :func:`placeholder_values`)."""
    values = placeholder_values(letter, profile, posting_title=posting_title, posting_company=posting_company,
                                public=public, country_name=country_name)
    every = [(problem, path, text) for path, text in letter.texts() for problem in unfilled(text, values)]
    if every:  # all of them at once: a letter missing a posting misses it in several places
        raise LetterPlaceholderError(*every[0], every=every)

    def fill(path: tuple[Any, ...], text: str | None) -> str | None:
        if text is None:
            return None
        try:
            return substitute(text, values)
        except PlaceholderError as error:
            raise LetterPlaceholderError(error.problem, path, text) from None

    return FilledLetter(
        subject=fill(("subject",), letter.subject), salutation=fill(("salutation",), letter.salutation),
        body=tuple(fill(("body", index), text) or "" for index, text in enumerate(letter.body)),
        closing=fill(("closing",), letter.closing), company=values["company"], position=values["position"])


def fit_letter(letter: Any, options: Any, limits: Any, max_pages: int,
               count_pages: Any) -> tuple[Any, int, list[str]]:
    """Tighten the layout until ``letter`` fits ``max_pages``; a letter is never cut.

    The same tightening as the résumé's page budget (font size, line height and spacing,
    toward the theme's ``[fit]`` limits: :func:`resume_builder.tailoring.fitting._tighten`),
    with ``count_pages(letter, options) -> int`` passed in. Returns the options, the page
    count with them and what changed; the caller reports a letter still over budget.
    """
    from resume_builder.tailoring.fitting import _tighten

    pages = count_pages(letter, options)
    if pages <= max_pages:
        return options, pages, []
    changes: list[str] = []
    options, pages = _tighten(letter, options, limits, max_pages, count_pages, changes)
    return options, pages, changes
