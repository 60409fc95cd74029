"""What a PDF or DOCX says about itself: the provenance `render` recorded
(resume_builder/provenance.py) and the language it declares (the PDF catalog's ``/Lang``,
ISO 32000-1 §14.9.2; the DOCX core property ``dc:language``)."""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from resume_builder.provenance import PDF_KEY, Provenance


@dataclass(frozen=True)
class Origin:
    provenance: Provenance | None = None
    language: str | None = None  # BCP 47, e.g. "de" or "en-GB"


#: Origins of the last files read, by the BLAKE2b digest of their bytes: `check` asks twice
#: for the same file, and a render that replaces an output asks for the old file and the new
#: bytes, which the previous render in the same process (``serve``, ``watch``) asked for as
#: new. pypdf parses every object of the object stream holding the information dictionary
#: (about 0.1 s for a two-page résumé), so each file is read once.
_READ: "OrderedDict[bytes, Origin]" = OrderedDict()
_READ_LIMIT = 16


def read_origin(path: Path, data: bytes | None = None) -> Origin:
    """The file's recorded provenance and language; an empty :class:`Origin` when the file
    has neither or cannot be read (the checks then report the damage themselves).

    ``data``: the file's bytes, when they are not written yet (``path`` then only gives
    the format, by its extension). A written file's format is read from its bytes, so a
    DOCX named ``.pdf`` still tells its provenance."""
    suffix = path.suffix.lower()
    if data is None:
        if not path.is_file():  # a FIFO would wait for a writer, /dev/zero never end: run_checks refuses them
            return Origin()
        try:
            content = path.read_bytes()
        except OSError:
            return Origin()
        suffix = ".pdf" if b"%PDF-" in content[:1024] else ".docx" if content.startswith(b"PK\x03\x04") else ""
    else:
        content = data
    if suffix not in (".pdf", ".docx"):
        return Origin()
    key = suffix.encode() + hashlib.blake2b(content, digest_size=32).digest()
    if key in _READ:
        _READ.move_to_end(key)
        return _READ[key]
    origin = _parse_origin(suffix, content)
    _READ[key] = origin
    while len(_READ) > _READ_LIMIT:
        _READ.popitem(last=False)
    return origin


def _parse_origin(suffix: str, content: bytes) -> Origin:
    import io

    source = io.BytesIO(content)
    try:
        if suffix == ".pdf":
            from pypdf import PdfReader

            from resume_builder.checking.quiet import quiet_pdf_library

            with quiet_pdf_library():
                reader = PdfReader(source)
                info = reader.metadata or {}
                lang = reader.trailer["/Root"].get("/Lang")
            return Origin(Provenance.decode(str(info.get("/" + PDF_KEY) or "")), str(lang) if lang else None)
        import docx

        props = docx.Document(source).core_properties
        return Origin(Provenance.decode(props.identifier), props.language or None)
    except Exception:  # a damaged file: extract() says what is wrong with it
        return Origin()


def primary_language(tag: str) -> str:
    """The primary language subtag of a BCP 47 tag: 'de-AT' → 'de'."""
    return tag.replace("_", "-").split("-")[0].lower()


def language_name(tag: str) -> str:
    """'German (de)', by CLDR's English names (Babel); the bare tag when unknown."""
    try:
        from babel import Locale

        name = Locale.parse(tag.replace("-", "_")).get_display_name("en")
    except Exception:
        return tag
    return f"{name} ({tag})" if name else tag
