"""The cover letter's document: the résumé's letterhead and a letter's parts, formatted.

A :class:`LetterDocument` has the same masthead fields as :class:`~resume_builder.document.Document`
(``name``, ``headline``, ``contacts``, ``photo``, ``metadata``, ``direction``), so a theme's
``header.html.j2`` and the DOCX writer's masthead serve both, and then the letter's parts
in reading order: date, recipient lines, subject, salutation, body paragraphs, closing and
signature. Every format renders them in that order (:meth:`LetterDocument.text_blocks`).
Text is cleaned and its inline Markdown parsed here, as for the résumé; renderers never
see the profile.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

from resume_builder.document import (Contact, Metadata, RichText, build_document, clean, label_gap, masthead_texts,
                                      plain, rich)
from resume_builder.bidi import arabic_final_punctuation
from resume_builder.i18n import Labels, letter_words

if TYPE_CHECKING:
    from resume_builder.images import Image
    from resume_builder.schema.letter import Letter
    from resume_builder.schema.profile import Profile
    from resume_builder.tailoring.letters import FilledLetter


@dataclass(frozen=True)
class LetterDocument:
    """A cover letter, ready to render; ``kind`` and ``template`` tell renderers it is one."""

    name: str
    headline: str
    contacts: tuple[Contact, ...]
    metadata: Metadata
    date: str  # as printed ("30 November 2026"), "" when undated
    recipient: tuple[RichText, ...]  # name, title, company, address lines (those given), plain text
    subject: RichText
    salutation: RichText
    paragraphs: tuple[RichText, ...]
    closing: RichText
    signature_name: RichText  # plain text
    photo: "Image | None" = None
    signature: "Image | None" = None
    direction: str = "ltr"
    kind: str = "letter"
    template: str = "letter.html.j2"
    #: The company and position the letter is addressed for ({company}, {position}), for ``check``.
    company: str = ""
    position: str = ""
    #: The locale's semicolon, as the résumé's (Document.semicolon): a theme's stylesheet, shared
    #: by the résumé and the letter, may read it.
    semicolon: str = ";"

    @property
    def semicolon_separator(self) -> str:
        """:attr:`semicolon` and the space after it, as :attr:`Document.semicolon_separator`."""
        return self.semicolon + label_gap(self.semicolon)

    @property
    def sections(self) -> tuple:
        """A letter has no résumé sections (code that walks a résumé's sections sees none)."""
        return ()

    def section(self, key: str) -> None:
        return None

    def text_blocks(self) -> Iterator[str]:
        """Every piece of text in reading order (the same in every format)."""
        yield from masthead_texts(self)
        if self.date:
            yield self.date
        yield from (line.plain for line in self.recipient)
        if self.subject:
            yield self.subject.plain
        if self.salutation:
            yield self.salutation.plain
        yield from (p.plain for p in self.paragraphs)
        if self.closing:
            yield self.closing.plain
        if self.signature_name:
            yield self.signature_name.plain


def build_letter_document(profile: "Profile", letter: "Letter", filled: "FilledLetter", *,
                          labels: Labels, build_date: datetime.date | None, photo: "Image | None" = None,
                          signature: "Image | None" = None, phone_format: str = "as_written") -> LetterDocument:
    """The letter ``letter`` of ``profile``, with its texts as ``filled`` in (placeholders done).

    ``labels`` give the locale; the salutation and closing default to the locale's
    (``[letter]`` in ``resume_builder/locales/<lang>.toml``; under the default salutation,
    the closing for an unnamed reader where the region has one: ``Yours faithfully,`` in en-GB); a Latin comma (semicolon,
    question mark) ending an Arabic salutation or closing is written as the Arabic one. The date is the letter's
    (``YYYY-MM-DD`` is printed in CLDR's long format, other text as written), else
    ``build_date`` (the reproducible build date: SOURCE_DATE_EPOCH), else none.
    """
    head = build_document(profile, order=[], labels=labels, photo=photo, phone_format=phone_format)
    words = letter_words(labels.language)
    recipient = letter.recipient
    lines: list[RichText] = []
    if recipient is not None:
        lines = [plain(line) for line in (recipient.name, recipient.title, recipient.company, *recipient.address)
                 if line and clean(line).strip()]
    date = ""
    if letter.date:
        try:
            date = words.format_date(datetime.date.fromisoformat(letter.date.strip()))
        except ValueError:
            date = clean(letter.date)
    elif build_date is not None:
        date = words.format_date(build_date)
    subject = rich(filled.subject)
    title = f"{head.name} – {subject.plain}" if subject else head.name
    metadata = dataclasses.replace(head.metadata, title=title, subject=subject.plain or head.metadata.subject,
                                   keywords=())
    signer = plain(letter.signature.name if letter.signature and letter.signature.name else head.name)
    return LetterDocument(
        name=head.name, headline=head.headline, contacts=head.contacts, metadata=metadata, date=date,
        recipient=tuple(lines), subject=subject,
        salutation=rich(arabic_final_punctuation(filled.salutation or words.salutation)),
        paragraphs=tuple(r for r in (rich(text) for text in filled.body) if r),
        closing=rich(arabic_final_punctuation(filled.closing or words.closing_for(filled.salutation))), signature_name=signer, photo=photo, signature=signature,
        direction=head.direction, company=clean(filled.company or ""), position=clean(filled.position or ""),
        semicolon=head.semicolon)


def is_letter(document: object) -> bool:
    """Whether ``document`` is a cover letter (a :class:`LetterDocument`)."""
    return getattr(document, "kind", None) == "letter"
