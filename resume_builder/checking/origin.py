"""What a PDF or DOCX says about itself: the provenance `render` recorded
(resume_builder/provenance.py) and the language it declares (the PDF catalog's ``/Lang``,
ISO 32000-1 §14.9.2; the DOCX core property ``dc:language``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from resume_builder.provenance import PDF_KEY, Provenance


@dataclass(frozen=True)
class Origin:
    provenance: Provenance | None = None
    language: str | None = None  # BCP 47, e.g. "de" or "en-GB"


def read_origin(path: Path, data: bytes | None = None) -> Origin:
    """The file's recorded provenance and language; an empty :class:`Origin` when the file
    has neither or cannot be read (the checks then report the damage themselves).

    ``data``: the file's bytes, when they are not written yet (``path`` then only gives
    the format, by its extension)."""
    import io

    source = io.BytesIO(data) if data is not None else path
    try:
        if path.suffix.lower() == ".pdf":
            from pypdf import PdfReader

            from resume_builder.checking.quiet import quiet_pdf_library

            with quiet_pdf_library():
                reader = PdfReader(source)
                info = reader.metadata or {}
                lang = reader.trailer["/Root"].get("/Lang")
            return Origin(Provenance.decode(str(info.get("/" + PDF_KEY) or "")), str(lang) if lang else None)
        if path.suffix.lower() == ".docx":
            import docx

            props = docx.Document(source if data is not None else str(path)).core_properties
            return Origin(Provenance.decode(props.identifier), props.language or None)
    except Exception:  # a damaged file: extract() says what is wrong with it
        return Origin()
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
