"""The one document model every output format renders.

``build_document(profile)`` turns a (tailored) profile into ordered sections of entries
whose text is already formatted (dates like ``Mar 2023 – present``) and whose inline
Markdown is parsed into :class:`~resume_builder.markdown.Span` runs. PDF, DOCX, HTML,
Markdown and plain text all walk this structure in the same order, so they say the same
things in the same order, and no renderer ever reads the raw profile.

Text is cleaned here once: control characters and the bidi controls that open or close an
embedding, override or isolate (which can reorder or hide text; the loader warns where it
finds one: loading/bidi_controls.py) are removed; everything else, the bidi marks (LRM, RLM,
ALM) included, is kept as data, never markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, Iterator
from urllib.parse import urlsplit

from resume_builder.bidi import EMBEDDING_CONTROLS
from resume_builder.i18n import Labels, country_name, labels_for, resolve_locale
from resume_builder.markdown import Span, merge_spans, parse_inline
from resume_builder.schema.profile import Experience, Highlight, Profile, Role
from resume_builder.schema.types import PRESENT, PartialDate

if TYPE_CHECKING:
    from resume_builder.images import Image

_UNSAFE_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f" + "".join(sorted(EMBEDDING_CONTROLS)) + "]")


def clean(text: str) -> str:
    """Remove control characters and bidi embeddings, overrides and isolates
    (:data:`resume_builder.bidi.EMBEDDING_CONTROLS`); tabs become spaces. Bidi marks are kept."""
    return _UNSAFE_CHARS.sub("", text.replace("\t", " "))


@dataclass(frozen=True)
class RichText:
    """A line or paragraph of text as formatted spans.

    ``direction``: "" for the document's own; in a right-to-left document (marked by
    render/isolation.py) "ltr" for a paragraph with no right-to-left letter, set left to right
    by every format (HTML ``dir``, a DOCX paragraph's ``w:bidi``, an LRM first in text), and
    "rtl" for any other.
    """

    spans: tuple[Span, ...]
    direction: str = ""

    @property
    def plain(self) -> str:
        return "".join(span.text for span in self.spans)

    def __bool__(self) -> bool:
        return bool(self.spans)

    def __str__(self) -> str:
        return self.plain

    @property
    def ltr_only(self) -> bool:
        """Left-to-right letters and no right-to-left one: in a right-to-left document such a
        paragraph (an English one in an Arabic letter) is set left to right
        (:func:`resume_builder.bidi.left_to_right_only`)."""
        from resume_builder.bidi import left_to_right_only

        return left_to_right_only(self.plain)


def rich(text: str | None) -> RichText:
    """Parse one line of profile text (single newlines fold into spaces)."""
    if not text:
        return RichText(())
    folded = " ".join(part.strip() for part in clean(text).splitlines() if part.strip())
    return RichText(tuple(parse_inline(folded)))


def plain(text: str | None) -> RichText:
    """Text that is never Markdown (URLs, phone numbers)."""
    return RichText((Span(clean(text)),)) if text else RichText(())


def paragraphs(text: str | None) -> tuple[RichText, ...]:
    """Split text into paragraphs at blank lines."""
    if not text:
        return ()
    blocks = re.split(r"\n\s*\n", clean(text).strip())
    return tuple(r for r in (rich(block) for block in blocks) if r)


@dataclass(frozen=True)
class Bullet:
    text: RichText
    children: tuple[RichText, ...] = ()


@dataclass(frozen=True)
class Field:
    """A labelled fact shown as 'Label: value' (technologies, courses, custom fields)."""

    label: str
    value: RichText


@dataclass(frozen=True)
class Entry:
    """One item of a section, already formatted.

    Renderers show the parts in this order: title, subtitle, date, location (the header),
    then description, paragraphs, bullets, closing paragraphs, fields, and last a
    company's roles (each an Entry shown the same way, one level below).
    """

    id: str | None
    title: RichText
    subtitle: RichText = RichText(())
    date: str = ""
    location: str = ""
    url: str | None = None
    url_text: str = ""  # the link as printed (display_url), or "" when the theme hides it
    description: RichText = RichText(())
    paragraphs: tuple[RichText, ...] = ()
    bullets: tuple[Bullet, ...] = ()
    closing: tuple[RichText, ...] = ()
    fields: tuple[Field, ...] = ()
    tags: tuple[str, ...] = ()
    #: A company with several roles: the entry is the company (title: its name, date: the
    #: span of its roles) and each role is an Entry of its own (title: the position, its own
    #: date and, when not the company's, location), newest first. Renderers show the roles
    #: last, after everything said of the company (its description, summary, technologies).
    roles: tuple["Entry", ...] = ()


@dataclass(frozen=True)
class Section:
    """A titled section.

    ``layout`` tells renderers how to show it:
    - ``text``: ``paragraphs`` only (the summary);
    - ``bullets``: ``bullets`` only (a custom list);
    - ``pairs``: each entry is one line, ``title: description`` (skills, languages, interests);
    - ``entries``: full entries with a header and a body (experience, projects, education...).
    A custom section may have both bullets and entries.
    """

    key: str
    title: str
    layout: str
    paragraphs: tuple[RichText, ...] = ()
    bullets: tuple[Bullet, ...] = ()
    entries: tuple[Entry, ...] = ()


@dataclass(frozen=True)
class Contact:
    """One contact detail of the header; ``href`` is a vetted link or None."""

    kind: str  # email, phone, location, website, profile
    text: str
    href: str | None = None
    label: str = ""  # e.g. the network name of a profile


@dataclass(frozen=True)
class Metadata:
    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    language: str
    #: What the document was rendered from (resume_builder/provenance.py), written into the
    #: PDF's and DOCX's metadata; empty when unknown.
    source: str = ""


@dataclass(frozen=True)
class Document:
    name: str
    headline: str
    contacts: tuple[Contact, ...]
    sections: tuple[Section, ...]
    metadata: Metadata
    photo: "Image | None" = None  # checked and read by resume_builder.images (pipeline.prepare)
    direction: str = "ltr"
    #: What ends a label before its value, in the document's locale (i18n.Labels.label_end).
    label_end: str = ":"
    #: Between items that hold commas themselves, in the document's locale (i18n.Labels.semicolon).
    semicolon: str = ";"

    @property
    def label_gap(self) -> str:
        """What follows :attr:`label_end` before the value: a space, none after a full-width colon."""
        return label_gap(self.label_end)

    @property
    def semicolon_separator(self) -> str:
        """:attr:`semicolon` and the space after it ("; ", "؛ "; none after the full-width "；")."""
        return self.semicolon + label_gap(self.semicolon)

    def labelled(self, label: str, value: str) -> str:
        """``label`` and ``value`` as every format writes them: ``Technologies: Go``."""
        return f"{label}{self.label_end}{self.label_gap}{value}"

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def text_blocks(self) -> Iterator[str]:
        """Every piece of text in reading order (used for parity checks across formats)."""
        yield from masthead_texts(self)
        for section in self.sections:
            yield section.title
            yield from (p.plain for p in section.paragraphs)
            yield from _bullet_texts(section.bullets)
            for entry in section.entries:
                yield from entry_texts(entry, self.label_end)


def _bullet_texts(bullets: tuple[Bullet, ...]) -> Iterator[str]:
    for bullet in bullets:
        yield bullet.text.plain
        yield from (child.plain for child in bullet.children)


def label_gap(label_end: str) -> str:
    """The space after a label's end (or a semicolon): none after a full-width colon or
    semicolon (U+FF1A, U+FF1B), whose glyph holds its own space."""
    return "" if label_end.endswith(("\uff1a", "\uff1b")) else " "


def entry_texts(entry: Entry, label_end: str = ":") -> Iterator[str]:
    for part in (entry.title.plain, entry.subtitle.plain, entry.date, entry.location, entry.url_text,
                 entry.description.plain):
        if part:
            yield part
    yield from (p.plain for p in entry.paragraphs)
    yield from _bullet_texts(entry.bullets)
    yield from (p.plain for p in entry.closing)
    for fld in entry.fields:
        yield f"{fld.label}{label_end}{label_gap(label_end)}{fld.value.plain}"
    for role in entry.roles:
        yield from entry_texts(role, label_end)


# ----------------------------------------------------------------------------- dates


def format_date(value: PartialDate | str | None, labels: Labels) -> str:
    if value is None:
        return ""
    if value == PRESENT:
        return labels.present
    assert isinstance(value, PartialDate)
    if value.month:
        return labels.format_month(value.year, value.month)
    return labels.format_year(value.year)


def format_range(start: PartialDate | None, end: PartialDate | str | None, labels: Labels,
                 *, open_ended: bool = False) -> str:
    """``Mar 2023 – present``; a missing end is 'present' for jobs (``open_ended``)."""
    if end is None and open_ended and start is not None:
        end = PRESENT
    first, last = format_date(start, labels), format_date(end, labels)
    if first and last and first != last:
        return f"{first}{labels.range_separator}{last}"
    if open_ended and last and not first:  # a job with only its end: "– Jan 2020", never read as a start
        return f"{labels.range_separator.lstrip()}{last}"
    return first or last


# ----------------------------------------------------------------------------- building


def _bullets(items: list[Highlight]) -> tuple[Bullet, ...]:
    return tuple(Bullet(rich(h.text), tuple(rich(d) for d in h.details)) for h in items)


def _joined(*parts: str | None, sep: str = ", ") -> str:
    return sep.join(clean(p) for p in parts if p)


def _pair(title: str, value: str | RichText, entry_id: str | None, tags: list[str]) -> Entry:
    description = value if isinstance(value, RichText) else rich(value)
    return Entry(id=entry_id, title=rich(title), description=description, tags=tuple(tags))


def separator_for(sep: str, *texts: str | None) -> str:
    """The locale's list separator ``sep`` for joining ``texts``, or the Latin comma when ``sep``
    is a right-to-left script's (the Arabic comma) and no text holds a right-to-left letter:
    English items in an Arabic résumé read ``BSc, Computer Science`` left to right, not
    ``Computer Science ،BSc``."""
    import unicodedata

    from resume_builder.bidi import is_rtl_char

    rtl_script = any(unicodedata.name(c, "").startswith(("ARABIC", "HEBREW", "SYRIAC", "THAANA", "NKO"))
                     for c in sep)  # U+060C ARABIC COMMA is bidi class CS, not AL: its name says its script
    if rtl_script and not any(is_rtl_char(c) for text in texts if text for c in text):
        return ", "
    return sep


def rich_list(items: list[str], sep: str = ", ", *, label: str = "") -> RichText:
    """Items (keywords) each parsed on its own, then joined with ``sep`` (the locale's list
    separator): a '*' or '`' in one keyword never pairs with one in the next. A right-to-left
    script's separator (the Arabic comma) is the Latin comma where neither the items nor their
    ``label`` (the skill group's name, "Technologies") hold a right-to-left letter: English
    skills in an Arabic résumé, a line set left to right. Under an Arabic label the line is
    right to left and keeps the Arabic comma, which orders its items from the right."""
    sep = separator_for(sep, label, *items)
    spans: list[Span] = []
    for item in items:
        parsed = rich(item).spans
        if parsed:
            if spans:
                spans.append(Span(sep))
            spans.extend(parsed)
    return RichText(tuple(merge_spans(spans)))


def _keywords_field(keywords: list[str], labels: Labels) -> tuple[Field, ...]:
    return (Field(labels.technologies, rich_list(keywords, labels.list_separator, label=labels.technologies)),) \
        if keywords else ()


def _section_builders(profile: Profile, labels: Labels):
    """Map each section key to a function building its Section."""

    def heading(key: str) -> str:
        return labels.headings.get(key, key.replace("_", " ").title())

    def summary() -> Section:
        return Section("summary", heading("summary"), "text", paragraphs=paragraphs(profile.summary))

    def job_entry(job: Experience) -> Entry:
        if job.roles and len(job.roles) > 1:
            return _company_entry(job, labels)
        if job.roles:  # one role left (a variant dropped the others): shown as a single job
            role = job.roles[0]
            return Entry(
                id=job.id or role.id, title=rich(role.position or job.company),
                subtitle=rich(job.company if role.position else None),
                date=format_range(role.start, role.end, labels, open_ended=True),
                location=clean(role.location or job.location or ""), url=job.url, description=rich(job.description),
                paragraphs=paragraphs(job.summary) + paragraphs(role.summary), bullets=_bullets(role.highlights),
                fields=_keywords_field(job.keywords, labels), tags=tuple(dict.fromkeys([*job.tags, *role.tags])))
        return Entry(
            id=job.id, title=rich(job.position or job.company), subtitle=rich(job.company if job.position else None),
            date=format_range(job.start, job.end, labels, open_ended=True),
            location=clean(job.location or ""), url=job.url, description=rich(job.description),
            paragraphs=paragraphs(job.summary), bullets=_bullets(job.highlights),
            fields=_keywords_field(job.keywords, labels), tags=tuple(job.tags),
        )

    def experience() -> Section:
        entries = tuple(job_entry(job) for job in profile.experience)
        return Section("experience", heading("experience"), "entries", entries=entries)

    def volunteering() -> Section:
        entries = tuple(Entry(
            id=v.id, title=rich(v.position or v.organization),
            subtitle=rich(v.organization if v.position else None),
            date=format_range(v.start, v.end, labels, open_ended=True), location=clean(v.location or ""),
            url=v.url, paragraphs=paragraphs(v.summary), bullets=_bullets(v.highlights), tags=tuple(v.tags),
        ) for v in profile.volunteering)
        return Section("volunteering", heading("volunteering"), "entries", entries=entries)

    def projects() -> Section:
        entries = tuple(Entry(
            id=p.id, title=rich(p.name), subtitle=rich(_joined(
                p.entity, separator_for(labels.list_separator, p.entity, *p.roles, p.type).join(p.roles), p.type,
                sep=separator_for(labels.list_separator, p.entity, *p.roles, p.type))),
            date=format_range(p.start, p.end, labels), url=p.url, description=rich(p.description),
            paragraphs=paragraphs(p.summary), bullets=_bullets(p.highlights), closing=paragraphs(p.outcome),
            fields=_keywords_field(p.keywords, labels), tags=tuple(p.tags),
        ) for p in profile.projects)
        return Section("projects", heading("projects"), "entries", entries=entries)

    def education() -> Section:
        entries = []
        for e in profile.education:
            degree = _joined(e.degree, e.area, sep=separator_for(labels.list_separator, e.degree, e.area))
            fields = []
            if e.score:
                fields.append(Field(labels.score, rich(e.score)))
            if e.courses:
                fields.append(Field(labels.courses, rich(", ".join(e.courses))))
            entries.append(Entry(
                id=e.id, title=rich(degree or e.institution), subtitle=rich(e.institution if degree else None),
                date=format_range(e.start, e.end, labels), location=clean(e.location or ""), url=e.url,
                paragraphs=paragraphs(e.summary), bullets=_bullets(e.highlights), fields=tuple(fields),
                tags=tuple(e.tags)))
        return Section("education", heading("education"), "entries", entries=tuple(entries))

    def awards() -> Section:
        entries = tuple(Entry(id=a.id, title=rich(a.title), subtitle=rich(a.awarder),
                              date=format_date(a.date, labels), paragraphs=paragraphs(a.summary),
                              tags=tuple(a.tags)) for a in profile.awards)
        return Section("awards", heading("awards"), "entries", entries=entries)

    def certifications() -> Section:
        entries = tuple(Entry(id=c.id, title=rich(c.name), subtitle=rich(c.issuer), date=format_date(c.date, labels),
                              url=c.url, paragraphs=paragraphs(c.summary), tags=tuple(c.tags))
                        for c in profile.certifications)
        return Section("certifications", heading("certifications"), "entries", entries=entries)

    def publications() -> Section:
        entries = tuple(Entry(id=p.id, title=rich(p.name), subtitle=rich(p.publisher), date=format_date(p.date, labels),
                              url=p.url, paragraphs=paragraphs(p.summary), tags=tuple(p.tags))
                        for p in profile.publications)
        return Section("publications", heading("publications"), "entries", entries=entries)

    def references() -> Section:
        entries = tuple(Entry(id=r.id, title=rich(r.name), paragraphs=paragraphs(r.reference), tags=tuple(r.tags))
                        for r in profile.references)
        return Section("references", heading("references"), "entries", entries=entries)

    def skills() -> Section:
        entries = tuple(_pair(_joined(s.name, f"({s.level})" if s.level else None, sep=" "),
                              rich_list(s.keywords, labels.list_separator, label=s.name or ""), s.id, s.tags)
                        for s in profile.skills)
        return Section("skills", heading("skills"), "pairs", entries=entries)

    def languages() -> Section:
        entries = tuple(_pair(lang.language, lang.fluency or "", lang.id, lang.tags) for lang in profile.languages)
        return Section("languages", heading("languages"), "pairs", entries=entries)

    def interests() -> Section:
        entries = tuple(_pair(i.name, rich_list(i.keywords, labels.list_separator, label=i.name or ""), i.id, i.tags)
                        for i in profile.interests)
        return Section("interests", heading("interests"), "pairs", entries=entries)

    builders = {
        "summary": summary, "experience": experience, "volunteering": volunteering, "projects": projects,
        "education": education, "awards": awards, "certifications": certifications,
        "publications": publications, "references": references, "skills": skills,
        "languages": languages, "interests": interests,
    }
    for custom in profile.custom:
        builders[custom.id] = _custom_builder(custom, labels)
    return builders


def newest_first(roles: list[Role]) -> list[Role]:
    """Roles in the order a résumé lists them: the latest end first (a current role before
    any ended one), then the latest start; roles with the same dates keep the file's order.
    A role with a start and no end is current, as for any job; a role with no dates at all
    sorts first too (read as current)."""
    def key(indexed: tuple[int, Role]) -> tuple:
        index, role = indexed
        end = role.end if role.end is not None or role.start is None else PRESENT
        end_key = (9999, 12, 31) if end == PRESENT or end is None else end.latest()
        start_key = role.start.earliest() if role.start is not None else (9999, 12, 31)
        return (tuple(-n for n in end_key), tuple(-n for n in start_key), index)

    return [role for _, role in sorted(enumerate(roles), key=key)]


def _company_entry(job: Experience, labels: Labels) -> Entry:
    """A company with several roles: the company once (name, span, place, description,
    summary, technologies) and its roles, newest first, each with its own dates."""
    start, end = job.span()
    company_location = clean(job.location or "")
    roles = tuple(Entry(
        id=role.id, title=rich(role.position),
        date=format_range(role.start, role.end, labels, open_ended=True),
        # a role's place is shown only where it differs from the company's
        location="" if clean(role.location or "") == company_location else clean(role.location or ""),
        paragraphs=paragraphs(role.summary), bullets=_bullets(role.highlights), tags=tuple(role.tags),
    ) for role in newest_first(job.roles))
    return Entry(
        id=job.id, title=rich(job.company), date=format_range(start, end, labels, open_ended=True),
        location=company_location, url=job.url, description=rich(job.description),
        paragraphs=paragraphs(job.summary), fields=_keywords_field(job.keywords, labels), tags=tuple(job.tags),
        roles=roles)


def _custom_builder(custom, labels: Labels):
    def build() -> Section:
        entries = tuple(Entry(
            id=e.id, title=rich(e.title), subtitle=rich(e.subtitle),
            date=format_range(e.start, e.end, labels) or format_date(e.date, labels),
            location=clean(e.location or ""), url=e.url, paragraphs=paragraphs(e.summary),
            bullets=_bullets(e.highlights),
            fields=tuple(Field(" ".join(clean(k).split()), rich(v)) for k, v in e.fields.items()), tags=tuple(e.tags),
        ) for e in custom.entries)
        layout = "entries" if entries else "bullets"
        return Section(custom.id, clean(custom.title), layout, bullets=_bullets(custom.items), entries=entries)

    return build


def _contacts(profile: Profile, labels: Labels, phone_format: str = "as_written") -> tuple[Contact, ...]:
    from resume_builder.phones import format_phone, region_for, tel_uri

    b = profile.basics
    out: list[Contact] = []
    if b.email:
        out.append(Contact("email", b.email, f"mailto:{b.email}"))
    if b.phone:
        region = region_for(b.location.country_code if b.location else None, labels.locale)
        out.append(Contact("phone", clean(format_phone(b.phone, phone_format, region)), tel_uri(b.phone, region)))
    location = b.location.display(partial(country_name, locale=labels.locale)) if b.location else ""
    if location:
        out.append(Contact("location", clean(location)))
    if b.website:
        out.append(Contact("website", display_url(b.website), b.website))
    for p in b.profiles:
        text = _profile_text(clean(p.network), clean(p.username or ""), p.url)
        if text:
            out.append(Contact("profile", text, p.url, clean(p.network)))
    return tuple(out)


def _profile_text(network: str, username: str, url: str | None) -> str:
    """A social profile as printed: its address, with the network and username it does not show.

    ``https://social.example/@kit`` for network Mastodon reads ``Mastodon: social.example/@kit``;
    a profile with no address shows ``Network: username`` (or whichever is given).
    """
    if not url:
        return ": ".join(part for part in (network, username) if part)
    shown = display_url(url)
    folded = shown.lower()
    if network and network.lower() not in folded:
        shown = f"{network}: {shown}"
    if username and username.lower() not in folded:
        shown = f"{shown} ({username})"
    return shown


def _tidy(section: Section, entry_urls: bool) -> Section:
    """Entries as printed: the link's text when shown; an untitled entry titled by what it has.

    JSON Resume requires no field, so an entry may lack its title (a job with only a
    company, a skill with only keywords): the subtitle (or, for one-line pairs, the value)
    moves up rather than leave an empty title before a dash.
    """
    from dataclasses import replace

    entries = []
    for entry in section.entries:
        if entry_urls and entry.url:
            entry = replace(entry, url_text=display_url(entry.url))
        if not entry.title and entry.subtitle:
            entry = replace(entry, title=entry.subtitle, subtitle=RichText(()))
        elif not entry.title and section.layout == "pairs" and entry.description:
            entry = replace(entry, title=entry.description, description=RichText(()))
        entries.append(entry)
    return replace(section, entries=tuple(entries))


def display_url(url: str) -> str:
    """A link as a reader types it: no scheme, no trailing slash."""
    parts = urlsplit(url)
    if parts.scheme in ("mailto", "tel"):
        return url.split(":", 1)[1]
    shown = (parts.netloc + parts.path).rstrip("/")
    if shown.startswith("www."):
        shown = shown[4:]
    return shown + (f"?{parts.query}" if parts.query else "")


def build_document(profile: Profile, *, order: list[str] | None = None,
                   labels: Labels | None = None, headings: dict[str, str] | None = None,
                   photo: "Image | None" = None, entry_urls: bool = True,
                   phone_format: str = "as_written") -> Document:
    """Build the document; ``order`` lists section keys to show (default: the profile's order).

    ``entry_urls`` (theme option) prints each entry's link as text (``Entry.url_text``);
    ``phone_format`` is how the phone number is printed (:mod:`resume_builder.phones`).

    ``photo`` is the profile's photo as :func:`resume_builder.images.load_photo` read it
    (the document never reads files itself).

    ``labels`` default to the profile's ``locale:`` (else its ``lang:``, else English); the
    profile's ``headings:`` and then ``headings`` replace the locale's section headings.
    """
    if labels is None:
        labels = labels_for(resolve_locale(profile_locale=profile.locale, profile_lang=profile.lang))
    labels = labels.with_headings(profile.headings).with_headings(headings)
    builders = _section_builders(profile, labels)
    keys = order if order is not None else profile.section_order()
    sections = []
    for key in keys:
        if key not in builders:
            continue
        section = _tidy(builders[key](), entry_urls)
        if section.paragraphs or section.bullets or section.entries:
            sections.append(section)
    b = profile.basics
    keywords = tuple(dict.fromkeys(kw for group in profile.skills for kw in group.keywords))
    headline = clean(b.headline or "")
    name = clean(b.name)
    metadata = Metadata(
        title=f"{name} – {headline}" if headline else name, author=name, subject=headline or "Résumé",
        keywords=keywords, language=labels.language)
    return Document(name=name, headline=headline, contacts=_contacts(profile, labels, phone_format),
                    sections=tuple(sections),
                    metadata=metadata, photo=photo, direction=labels.direction, label_end=labels.label_end,
                    semicolon=labels.semicolon)


def masthead_texts(doc: Any) -> Iterator[str]:
    """The masthead's texts in reading order (name, headline, each contact) of a résumé or a
    letter: both share it (resume_builder.letter_document)."""
    yield doc.name
    if doc.headline:
        yield doc.headline
    for contact in doc.contacts:
        yield contact.text
