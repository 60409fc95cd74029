"""What a PDF or DOCX was rendered from, recorded in its metadata so `check` can compare it
with the right document without being told.

Recorded: the profile's file name (never a folder: outputs stay the same bytes on every
machine), the variant (its name, or its file relative to the profile's folder), the text
language and the locale asked for (only when given: otherwise the profile's own apply),
the theme, and what tailored it on the command line: the page budget (``--max-pages``),
the job posting (``--job``: its file relative to the profile's folder, and the SHA-256 of
its bytes, so a posting changed since is noticed) and ``--public``. Encoded as an
``application/x-www-form-urlencoded`` string such as ``profile=example.yaml&lang=de&theme=classic``:

- PDF: the document information dictionary's ``ResumeBuilder`` entry (ISO 32000-1 §14.3.3
  allows additional keys);
- DOCX: the core property ``dc:identifier`` (ECMA-376 Part 2, Core Properties).
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from urllib.parse import parse_qsl, urlencode
from resume_builder.containment import real

#: The PDF document information key (alphanumeric: WeasyPrint keeps only those characters).
PDF_KEY = "ResumeBuilder"


@dataclass(frozen=True)
class Provenance:
    """What one output was rendered from; every field a plain string or None."""

    profile: str
    variant: str | None = None
    lang: str | None = None
    locale: str | None = None
    theme: str | None = None
    #: ``--from``: the profile's format when it was stated ("jsonresume" or "profile").
    input_format: str | None = None
    #: ``letter`` for a cover letter (absent for a résumé), and the letter's name.
    document: str | None = None
    letter: str | None = None
    #: ``--max-pages`` (decimal), ``--job`` (relative to the profile's folder) and the posting's
    #: SHA-256 (hex), ``--public`` ("yes").
    pages: str | None = None
    job: str | None = None
    job_sha256: str | None = None
    public: str | None = None
    #: ``-O`` theme options from the command line, as ``key=value`` pairs (form-encoded): the
    #: page budget's cuts depend on them.
    options: str | None = None
    #: The person the profile is about (``basics.name``): two profile files of one name in
    #: different folders (folders are never recorded) are told apart by it.
    person: str | None = None

    def encode(self) -> str:
        return urlencode([(key, value) for key, value in asdict(self).items() if value])

    @classmethod
    def decode(cls, text: str | None) -> "Provenance | None":
        """The provenance in ``text``, or None when it holds none (a file from elsewhere)."""
        if not text:
            return None
        names = {f.name for f in fields(cls)}
        try:
            values = {key: value for key, value in parse_qsl(text.strip(), strict_parsing=True) if key in names}
        except ValueError:
            return None
        if not values.get("profile"):
            return None
        return cls(**values)

    def describe(self) -> str:
        """E.g. 'example.yaml, variant platform, language de, theme classic'."""
        parts = [self.profile + (f" ({self.person})" if self.person else "")]
        if self.letter:
            parts.append(f"letter {self.letter}")
        if self.variant:
            parts.append(f"variant {self.variant}")
        if self.lang:
            parts.append(f"language {self.lang}")
        if self.locale:
            parts.append(f"locale {self.locale}")
        if self.theme:
            parts.append(f"theme {self.theme}")
        if self.pages:
            parts.append(f"page budget {self.pages}")
        if self.job:
            parts.append(f"posting {self.job}")
        if self.public:
            parts.append("public copy")
        return ", ".join(parts)

    def document_identity(self) -> tuple:
        """What decides the document's content (everything but how it looks: the theme and
        ``--from`` may change): two outputs with equal identities are the same document."""
        return (self.profile, self.variant, self.lang, self.locale, self.document, self.letter, self.pages,
                self.job, self.public, self.person)


def relative_name(path: Path, folder: Path) -> str:
    """``path`` relative to ``folder`` (symlinks resolved, ``/`` separators), as provenance
    records files: names, never absolute folders; the file name alone when no relative path
    exists (another drive on Windows)."""
    try:
        return Path(os.path.relpath(real(path), real(folder))).as_posix()
    except ValueError:
        return path.name


def file_sha256(path: Path) -> str:
    """The SHA-256 of the file's bytes, as 64 hex digits (FIPS 180-4). Raises OSError."""
    import hashlib

    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def encode_options(options: dict) -> str | None:
    """``-O`` options (typed, as :func:`resume_builder.pipeline.parse_option_overrides` gives
    them) as one form-encoded string, keys sorted; None when there are none."""
    if not options:
        return None

    def text(value: object) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (list, tuple)):
            return ",".join(map(str, value))
        return str(value)

    return urlencode(sorted((key, text(value)) for key, value in options.items()))


def decode_options(text: str | None) -> list[str]:
    """The ``key=value`` pairs :func:`encode_options` wrote (``[]`` for none or a damaged value)."""
    try:
        return [f"{key}={value}" for key, value in parse_qsl(text or "", strict_parsing=bool(text))]
    except ValueError:
        return []
