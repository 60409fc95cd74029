"""An application bundle: the résumé and the cover letter for one variant and posting, together.

For one profile, variant and (optionally) job posting, :func:`make_bundle` renders

- the résumé and the letter as PDF and DOCX (``<name>-resume.pdf``, ``<name>-cover-letter.docx``...),
- their plain-text versions, ready to paste into an application portal (``.txt``),
- ``application.json``: what the application is (profile, variant, letter, theme,
  language), the posting's title and company, what was tailored (the variant's recipe,
  what the page budgets changed and cut), keyword coverage of what the résumé shows (and
  of the whole profile), and each file's size, pages and SHA-256,

into one folder ``<out_dir>/<stem>-application/``, or one zip ``<stem>-application.zip``.
Everything is rendered before anything is written, and written all-or-nothing; the same
inputs give the same bytes (the zip's entries carry the build date, SOURCE_DATE_EPOCH).
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import re
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

from resume_builder import letter_pipeline, pipeline
from resume_builder.pipeline import RenderRequest
from resume_builder.render.job import Rendered, RenderJob

#: The documents and formats a bundle holds, in this order.
BUNDLE_FILES = (("resume", "pdf"), ("resume", "docx"), ("resume", "txt"),
                ("cover-letter", "pdf"), ("cover-letter", "docx"), ("cover-letter", "txt"))
SCHEMA = "resume-builder/application/v1"


def _ascii_slug(text: str) -> tuple[str, bool]:
    """``text`` in lower-case ASCII letters and digits joined by hyphens, and whether every
    letter and digit survived (accents fold: ``Zoë`` → ``zoe``; ``ليلى`` or ``山田`` do not)."""
    text = text.translate(_LATIN_LETTERS)
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    folded = re.sub(r"['’]", "", folded.lower())
    whole = all(unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").isalnum()
                for ch in text if ch.isalnum())
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-"), whole


#: Latin letters that Unicode does not decompose into an ASCII letter and a mark, as ASCII
#: (the usual transliterations): ``Søderberg`` fell back to the profile's file name (trial).
_LATIN_LETTERS = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss",
                                "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ł": "l", "Ł": "L", "þ": "th",
                                "Þ": "Th", "ı": "i", "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T"})


def name_slug(name: str, fallback: str = "") -> str:
    """``Zoë O'Brien`` → ``zoe-obrien``: a file name recruiters' systems accept (ASCII, hyphens).

    A name that does not fold to ASCII whole (``ليلى حسن``, ``山田 花子``, ``José 山田``: no
    transliteration is attempted) gives ``fallback`` as a slug instead (the profile's file
    stem: ``layla.yaml`` → ``layla``), so the file name is neither empty nor a fragment of
    the name; with neither, ``applicant``. The same input always gives the same name.
    """
    slug, whole = _ascii_slug(name)
    if slug and whole:
        return slug
    return _ascii_slug(fallback)[0] or slug or "applicant"


def bundle_stem(letter: RenderJob, posting: Path | None, *, public: bool = False, named: bool = False) -> str:
    """``<profile>-<variant>`` (as ``render`` names the variant's files); ``named`` (the
    letter was named, ``--letter``, not the variant's or profile's own), ``-letter-<name>``
    too, unless the letter is named as the variant is (as ``letter`` names its files:
    :func:`resume_builder.letter_pipeline.letter_stem`; ``--letter l2.yaml`` replaced the
    bundle of ``--letter l1.yaml``: trial); ``-public`` for ``--public`` (unless the variant is
    public itself), ``+<posting>`` with a posting (the mark of a posting: see
    :func:`resume_builder.pipeline.tailored_stem`)."""
    from resume_builder.letter_pipeline import letter_stem

    loaded = letter.letter  # type: ignore[attr-defined]
    chosen = loaded.chosen
    stem = letter_stem(chosen.stem, loaded.name, None).removesuffix("-letter") if named else chosen.stem
    if public and not (chosen.variant is not None and chosen.variant.public):
        stem += "-public"
    return pipeline.tailored_stem(stem, None, posting)


def _default_letter(chosen: Any) -> str | None:
    """The name of the letter a bundle of ``chosen`` (a loaded variant) takes when none is named
    (:func:`resume_builder.loading.letters.default_letter`; a letter file's stem)."""
    from resume_builder.loading.letters import default_letter
    from resume_builder.loading.variants import looks_like_file

    letter = default_letter(chosen)
    return Path(letter).stem if letter is not None and looks_like_file(letter) else letter


@dataclasses.dataclass
class Bundle:
    """What :func:`make_bundle` made: the outputs to write, the report, the two jobs."""

    outputs: list[Rendered]
    report: dict[str, Any]
    resume: RenderJob
    letter: RenderJob
    path: Path  # the folder, or the zip file


def make_bundle(request: RenderRequest, letter: str | None = None, *, zip_file: bool = False,
                name: str | None = None) -> Bundle:
    """Render the application bundle for ``request`` (profile, variant, theme, language, posting).

    The résumé's page budget is the variant's (or ``request.max_pages``); the posting ranks
    what it cuts, fills the letter's placeholders and gives the coverage figures. Nothing
    is written (see :func:`resume_builder.pipeline.write`). Raises UserError for any
    mistake in the inputs, as ``render`` and ``letter`` do. ``name`` names the folder
    (or the zip, plus ``.zip``); default ``<bundle_stem>-application``; ``build`` passes its target's.
    """
    posting = request.posting
    resume_request = request
    if posting is not None and not request.max_pages:
        from resume_builder.pipeline import select_variant

        if not select_variant(request.profile, request.variant, lang=request.lang,
                              input_format=request.input_format).max_pages:
            resume_request = dataclasses.replace(request, posting=None)  # no budget: nothing for it to rank
    resume = pipeline.prepare(resume_request)
    letter_job = letter_pipeline.prepare_letter(dataclasses.replace(request, max_pages=None), letter)
    loaded = letter_job.letter  # type: ignore[attr-defined]
    named = letter is not None and loaded.name != _default_letter(loaded.chosen)
    name = name or f"{bundle_stem(letter_job, posting, public=request.public, named=named)}-application"
    folder = request.out_dir / name
    person = name_slug(resume.document.name, resume.loaded.path.stem)
    rendered: list[tuple[str, str, Rendered]] = []
    for kind, fmt in BUNDLE_FILES:
        job = resume if kind == "resume" else letter_job
        for item in pipeline.render(job, fmt, folder / f"{person}-{kind}.{fmt}"):
            rendered.append((kind, fmt, item))
    report = application_report(request, resume, letter_job, rendered)
    chosen = letter_job.letter.chosen  # type: ignore[attr-defined]
    if request.public or (chosen.variant is not None and chosen.variant.public):
        from resume_builder.tailoring.public import redact_data

        report = redact_data(report, chosen.base.profile)  # the variant's recipe may quote a private detail
    data = (json.dumps(report, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    files = [item for _, _, item in rendered] + [Rendered(folder / "application.json", data)]
    if zip_file:
        path = request.out_dir / f"{name}.zip"
        return Bundle([Rendered(path, zip_bytes(files, folder))], report, resume, letter_job, path)
    return Bundle(files, report, resume, letter_job, folder)


def zip_bytes(files: list[Rendered], folder: Path) -> bytes:
    """The files as one zip, under the folder's name: sorted, stamped with the build date, no
    owner or permissions from the machine, so the same files give the same bytes."""
    from resume_builder.output import zip_stamp

    stamp = zip_stamp()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for item in sorted(files, key=lambda f: f.path.name):
            info = zipfile.ZipInfo(f"{folder.name}/{item.path.name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            archive.writestr(info, item.data, compresslevel=9)
    return out.getvalue()


def application_report(request: RenderRequest, resume: RenderJob, letter: RenderJob,
                       rendered: list[tuple[str, str, Rendered]]) -> dict[str, Any]:
    """``application.json``: the application, what was tailored, coverage and the files."""
    from resume_builder.formats import TABLE

    loaded_letter = getattr(letter, "letter", None)
    document = letter.document
    chosen_variant = loaded_letter.chosen.variant if loaded_letter is not None else None
    recipe = None
    if chosen_variant is not None:  # the variant's recipe (a variant file's own profile/name left out)
        recipe = chosen_variant.model_dump(mode="json", exclude_defaults=True,
                                           exclude={"theme", "letter", "profile", "name"})
    posting = None
    if request.posting is not None:
        title, company = getattr(letter, "posting_facts", (None, None))
        posting = {"file": request.posting.name, "title": title, "company": company}
    return {
        "schema": SCHEMA,
        "applicant": resume.document.name,
        "profile": resume.loaded.path.name,
        "variant": resume.variant,
        "letter": loaded_letter.name if loaded_letter is not None else None,
        "theme": resume.theme.name,
        "language": resume.document.metadata.language,
        "posting": posting,
        "addressed_to": {"company": document.company or None, "position": document.position or None},
        "tailored": {
            "variant": recipe,
            "resume_page_budget": resume.messages,
            "resume_cut": [cut.to_dict() for cut in resume.fit.cut] if resume.fit is not None else [],
            "letter_page_budget": letter.messages,
        },
        "coverage": coverage(resume, request.posting) if request.posting is not None else None,
        "files": [{"name": item.path.name, "document": kind, "format": fmt, "media_type": TABLE[fmt].media_type,
                   "bytes": len(item.data), "pages": item.pages if fmt == "pdf" else None,
                   "sha256": hashlib.sha256(item.data).hexdigest()} for kind, fmt, item in rendered],
    }


def coverage(resume: RenderJob, posting_path: Path) -> dict[str, Any]:
    """Keyword coverage of the posting by what the résumé shows (after the variant and page
    budget) and by the whole profile (the ``tailor`` command's figures)."""
    from resume_builder.loading.posting import read_posting
    from resume_builder.tailoring.keywords import extend, profile_extension
    from resume_builder.tailoring.matching import match
    from resume_builder.tailoring.posting import structure

    loaded = resume.loaded
    vocabulary = extend(pipeline.builtin_vocabulary(), profile_extension(loaded.profile, loaded.source))
    posting = structure(read_posting(posting_path))
    shown = match(resume.profile, posting, vocabulary)
    full = match(loaded.profile, posting, vocabulary)
    required = shown.required
    return {"percent": shown.coverage, "weighted_percent": shown.weighted_coverage,
            "covered": len(shown.covered), "total": len(shown.keywords),
            "required_covered": sum(k.covered for k in required), "required_total": len(required),
            "full_profile_percent": full.coverage,
            "covered_terms": [k.keyword.name for k in shown.covered],
            "missing_terms": [k.keyword.name for k in shown.missing]}
