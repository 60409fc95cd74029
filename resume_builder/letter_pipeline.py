"""The cover letter's pipeline: one :class:`~resume_builder.pipeline.RenderRequest` (plus the
letter asked for) in, a :class:`~resume_builder.render.job.RenderJob` out, one call per stage.

    read (letter, profile, variant, posting) → tailor (variant; placeholders) →
    theme options → letter document → page budget (tighten, never cut) → render → write

It reuses the résumé's pipeline for everything they share: the variant's tailoring, the
theme and the precedence of its options (:func:`resume_builder.pipeline.theme_options`),
the labels of the locale, the photo, the formats table and the all-or-nothing write. A
letter is rendered by every format: the renderers see a
:class:`~resume_builder.letter_document.LetterDocument` instead of a résumé's Document.
"""

from __future__ import annotations

import dataclasses
import os
from functools import partial
from pathlib import Path
from typing import Any

from resume_builder import pipeline
from resume_builder.errors import UserError
from resume_builder.i18n import country_name
from resume_builder.letter_document import LetterDocument, build_letter_document
from resume_builder.loading.bidi_controls import dropped_controls
from resume_builder.pipeline import RenderRequest
from resume_builder.render.job import Rendered, RenderJob

__all__ = ["prepare_letter", "run_letter", "letter_stem"]


def letter_stem(stem: str, name: str, posting: Path | None) -> str:
    """``<profile or variant stem>-letter-<name>`` (``+<posting>`` with ``--job``, the mark of a
    posting as in :func:`resume_builder.pipeline.tailored_stem`), so a letter never replaces a
    résumé or another letter; ``<stem>-letter`` when the variant and the letter share their
    name (``example-platform-letter``)."""
    out = f"{stem}-letter" if name in ("letter", stem) or stem.endswith(f"-{name}") else f"{stem}-letter-{name}"
    if posting is not None:
        out += "+" + pipeline.posting_slug(posting)
    return out


def _posting_facts(posting: Path | None) -> tuple[str | None, str | None]:
    """The posting's title and company (``tailoring.posting.structure``), or (None, None)."""
    if posting is None:
        return None, None
    from resume_builder.loading.posting import read_posting
    from resume_builder.tailoring.posting import structure

    read = structure(read_posting(posting))
    return (read.title or None), (read.company or None)


#: The warning of a letter with no ``date:`` built without SOURCE_DATE_EPOCH. It is about the
#: letter being written, so the commands that write one say it (``letter``, ``bundle``,
#: ``build``); ``check`` does not repeat it about a file already written (which may well be dated).
UNDATED = ("the letter is undated: give it 'date: YYYY-MM-DD', or set SOURCE_DATE_EPOCH to date it with the build "
           "(e.g. SOURCE_DATE_EPOCH=$(date +%s))")


def _build_date():
    """The reproducible build date when SOURCE_DATE_EPOCH is set, else None (the letter is
    then undated unless it gives ``date:``: a 1980 default would be a wrong date)."""
    if not os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        return None
    from resume_builder.output import build_datetime

    return build_datetime().date()


def prepare_letter(request: RenderRequest, letter: str | None = None) -> RenderJob:
    """Read, validate, tailor, fill placeholders, pick the theme and build the letter's document.

    ``letter``: a letter name (under ``letters:``), a letter file, or None (the variant's
    ``letter:``, else the profile's only letter). ``request.max_pages`` overrides the
    letter's budget (default 1 page); ``request.posting`` gives ``{company}``,
    ``{position}`` and ``{posting.*}``. Raises UserError for every mistake in the inputs,
    located, and when the letter cannot fit its budget (saying by how much).
    """
    from resume_builder.loading.letter_checks import problem_at
    from resume_builder.loading.letters import load_letter
    from resume_builder.tailoring import tailor
    from resume_builder.tailoring.letters import LetterPlaceholderError, fill_letter

    loaded = load_letter(request.profile, letter, request.variant, lang=request.lang,
                         input_format=request.input_format)
    chosen = loaded.chosen
    profile = tailor(chosen.base.profile, chosen.variant) if chosen.variant is not None else chosen.base.profile
    stem = chosen.stem
    public = request.public or (chosen.variant is not None and chosen.variant.public)
    letter_model = loaded.letter
    if public:  # the letter of the public copy: what the résumé withholds, the letter withholds too
        from resume_builder.tailoring.public import public as public_copy, public_letter

        if not (chosen.variant is not None and chosen.variant.public):
            profile, stem = public_copy(profile), f"{stem}-public"
        letter_model = public_letter(loaded.letter, chosen.base.profile)
    tailored = pipeline.Tailored(profile, chosen.base, chosen.variant, chosen.name, stem, chosen.variant_path,
                                 chosen.source, chosen.at)
    base = chosen.base
    title, company = _posting_facts(request.posting)
    lang = request.lang or (chosen.variant.lang if chosen.variant is not None else None)
    # The letter's own locale: over the résumé's, under --locale and --lang given for this run.
    locale = request.locale or (None if request.lang else loaded.letter.locale)
    labels, label_warnings = pipeline.document_labels(profile, lang=lang, locale=locale)
    try:
        filled = fill_letter(letter_model, profile, posting_title=title, posting_company=company, public=public,
                             country_name=partial(country_name, locale=labels.locale))
    except LetterPlaceholderError as error:
        raise UserError([problem_at(loaded.source, loaded.at, path, text, problem)
                         for problem, path, text in error.every]) from None
    theme = pipeline._located_theme(request, tailored)
    options, _ = pipeline.tailored_options(theme, profile, tailored, request.options or {}, labels)
    label_warnings += _language_warnings(letter_model, labels, locale or lang or profile.locale or profile.lang)
    label_warnings += _script_warnings(letter_model, labels, profile, given=request.locale or request.lang,
                                       own=loaded.letter.locale)
    photo, photo_warnings = pipeline.profile_photo(profile, base)
    signature, signature_warnings = _signature(loaded) if not public else (None, [])
    warnings = [*base.warnings, *chosen.warnings, *theme.notes, *label_warnings, *photo_warnings,
                *signature_warnings, *(dropped_controls(loaded.source) if loaded.path is not None else [])]
    recipient = letter_model.recipient
    if company and recipient is not None and recipient.company and \
            " ".join(recipient.company.split()).casefold() != " ".join(company.split()).casefold():
        warnings.append(f"the posting names the company '{company}' ({{company}} says so), but the letter's "
                        f"recipient.company is '{recipient.company}': is this the letter for that posting?")
    elif request.posting is not None and not company and recipient is not None and recipient.company:
        warnings.append(f"no company could be read in the posting {request.posting.name} (it reads a title such as "
                        "'Engineer at Acme' or 'Engineer — Acme', a 'Company: Acme' line or an 'About Acme' heading), "
                        f"so the letter is addressed to its recipient.company '{recipient.company}': check that this is the company "
                        "of the posting")
    build_date = _build_date()
    if not loaded.letter.date and build_date is None:
        warnings.append(UNDATED)
    document = build_letter_document(profile, letter_model, filled, labels=labels, build_date=build_date,
                                     photo=photo, signature=signature, phone_format=options.phone_format)
    document = _with_provenance(document, loaded, tailored, lang=lang, locale=locale, theme=theme,
                                input_format=request.input_format, posting=request.posting, public=request.public)
    budget = request.max_pages or loaded.letter.max_pages
    from resume_builder.loading.source import dotted

    body = tuple(loaded.at) + ("body",)
    options, messages = _fit(document, theme, options, base.folder, budget,
                             where=(loaded.source.locate(body, prefer_key=True), dotted(body)))
    stem = letter_stem(tailored.stem, loaded.name, request.posting) + pipeline.language_suffix(
        profile, lang=request.lang, locale=request.locale)
    job = RenderJob(base, profile, theme, options, document, stem, tailored.name, messages=messages,
                    warnings=warnings)
    job.letter = loaded  # type: ignore[attr-defined]  # for the bundle: what the letter was made from
    job.filled = filled  # type: ignore[attr-defined]
    job.posting_facts = (title, company)  # type: ignore[attr-defined]  # the posting's own title and company
    return job


def run_letter(request: RenderRequest, letter: str | None = None) -> tuple[RenderJob, list[Rendered]]:
    """The whole letter pipeline for one request: every format asked for, written all-or-nothing."""
    job = prepare_letter(request, letter)
    outputs = pipeline.render_request(job, request)
    pipeline.write(outputs)
    return job, outputs


def _signature(loaded: Any):
    """The signature image (``signature.image``), read with the photo's limits, and warnings."""
    sig = loaded.letter.signature
    if sig is None or not sig.image:
        return None, []
    from resume_builder.images import load_photo

    folder = loaded.path.parent if loaded.path is not None else loaded.chosen.base.folder
    path = (*loaded.at, "signature", "image")
    field = ".".join(str(p) for p in path)
    return load_photo(sig.image, folder, locate=lambda: loaded.source.locate(path), field=field,
                      what="signature image", beside="the letter file" if loaded.path is not None else "the profile")


def _language_warnings(letter: Any, labels: Any, chosen: str | None) -> list[str]:
    """A warning when the letter's text is clearly in another language than the one its date,
    salutation and closing default to, and nothing chose a language (a Portuguese letter
    dated "March 2, 2026"): :func:`resume_builder.tailoring.posting.text_language`."""
    from babel import Locale

    from resume_builder.i18n import likely_region
    from resume_builder.tailoring.posting import text_language

    if chosen is not None:
        return []
    written = text_language("\n".join(text for _, text in letter.texts()))
    if written is None or written == labels.language.split("-")[0]:
        return []
    region = likely_region(written)
    regional = f" (or {written}-{region})" if region else ""
    return [f"the letter reads as {Locale.parse(written).get_display_name('en')}, but its date, salutation and "
            f"closing default to '{labels.language}': give the letter 'locale: {written}'{regional}"]


def _script_warnings(letter: Any, labels: Any, profile: Any, *, given: str | None, own: str | None) -> list[str]:
    """A warning when the letter's text is mostly in a script its locale does not write (Hebrew
    paragraphs under ``--locale ja`` got a Japanese salutation and were laid out left to right:
    user trial), naming the locale to give: :func:`resume_builder.scripts.script_warning`.
    ``given``: the locale or language of the run; ``own``: the letter's ``locale:``."""
    from resume_builder.scripts import script_warning

    def fix(language: str) -> str:
        if given:
            return f"give --locale {language}"
        return f"give the letter 'locale: {language}'" + (f" instead of '{own}'" if own else "")

    import re

    # A placeholder's name ({position}) is no word of the letter: its value is the profile's.
    texts = (re.sub(r"\{[^{}]*\}", " ", text) for _, text in letter.texts())
    return script_warning(texts, labels.language, what="the letter",
                          words="its date, salutation and closing", untranslated="its date", fix=fix, prefer=(profile.lang, profile.locale))


def _with_provenance(document: LetterDocument, loaded: Any, tailored: Any, *, lang: str | None,
                     locale: str | None, theme: Any, input_format: str | None, posting: Path | None = None,
                     public: bool = False) -> LetterDocument:
    from resume_builder.provenance import Provenance, file_sha256, relative_name

    base = loaded.chosen.base
    lang, locale = pipeline.asked_language(base.profile, lang=lang, locale=locale)
    variant = tailored.name if tailored.variant_path is None else relative_name(tailored.variant_path, base.folder)
    name = loaded.name if loaded.path is None else relative_name(loaded.path, base.folder)
    job = relative_name(posting, base.folder) if posting is not None else None
    source = Provenance(base.path.name, variant, lang, locale, theme.name, input_format, "letter", name,
                        job=job, job_sha256=file_sha256(posting) if posting is not None else None,
                        public="yes" if public else None, person=base.profile.basics.name or None).encode()
    return dataclasses.replace(document, metadata=dataclasses.replace(document.metadata, source=source))


# ----------------------------------------------------------------------------- the page budget


def _fit(document: LetterDocument, theme: Any, options: Any, folder: Path, budget: int,
         where: Any = None) -> tuple[Any, list[str]]:
    """Options that fit ``document`` in ``budget`` pages (tightened if need be), and what changed.

    Raises UserError saying how far over the budget the letter still is at the tightest
    layout the theme allows: a letter is never cut. ``where``: the letter's ``body`` in its
    file (a :class:`~resume_builder.errors.Location` and the field's path), where the error is
    told (it named no file: trial).
    """
    from resume_builder.errors import Problem

    from resume_builder.render.pdf import layout
    from resume_builder.tailoring.letters import fit_letter

    def count(doc: LetterDocument, opts: Any) -> int:
        rendered, _ = layout(doc, theme, opts, profile_folder=folder)
        return len(rendered.pages)

    fitted, pages, changes = fit_letter(document, options, theme.fit, budget, count)
    if pages > budget:
        rendered, _ = layout(document, theme, fitted, profile_folder=folder)
        over_mm, lines = _overflow(rendered, budget)
        pages_word = "page" if budget == 1 else "pages"
        raise UserError(Problem(
            f"the letter does not fit in {budget} {pages_word}: even at the tightest layout theme "
            f"'{theme.name}' allows (font size {fitted.font_size:g} pt, line height {fitted.line_height:g}, "
            f"spacing {fitted.spacing:g}) it takes {pages} pages, about {over_mm:.0f} mm "
            f"({lines} line{'s' if lines != 1 else ''}) over; nothing was cut", *(where or (None, "")),
            f"shorten the body by about {lines} line{'s' if lines != 1 else ''}, or give the letter "
            f"'max_pages: {pages}' (or --max-pages {pages})"))
    return fitted, [f"letter page budget {budget}: {change}" for change in changes]


def _overflow(rendered: Any, budget: int) -> tuple[float, int]:
    """How much text lies past the budget's last page: its height in millimetres and its lines."""
    height, lines = 0.0, 0
    for page in rendered.pages[budget:]:
        top, bottom, count = None, 0.0, 0
        content = [child for child in page._page_box.children if type(child).__name__ != "MarginBox"]
        for box in (box for child in content for box in child.descendants()):
            if type(box).__name__ == "LineBox":
                count += 1
                top = box.position_y if top is None else min(top, box.position_y)
                bottom = max(bottom, box.position_y + box.height)
        if top is not None:
            height += bottom - top
        lines += count
    return height * 25.4 / 96, max(lines, 1)
