"""The pipeline: one :class:`RenderRequest` in, files out, one call per stage.

    read → validate → tailor → document → render → write

:func:`prepare` reads and validates (``loading/``), tailors (``tailoring/``), settles the
theme and its options (:func:`theme_options`, the one place their precedence is stated)
and builds the document (``document.py``); :func:`render` looks the format up in the
table (``formats.py``) and calls its renderer (``render/``); :func:`write` writes every
file or none (``output.py``). Commands (render, build, watch, check) build a request and
call this module, so every path through the tool makes the same files from the same inputs.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
import typing
from collections import OrderedDict
from dataclasses import dataclass
from dataclasses import field as dc_field
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from resume_builder.document import Document, build_document
from resume_builder.errors import Location, Problem, UserError, did_you_mean
from resume_builder.formats import FORMATS, TABLE, format_of_extension, renderer
from resume_builder.loading import LoadedProfile
from resume_builder.loading.source import dotted
from resume_builder.render.job import Rendered, RenderJob
from resume_builder.limits import reads_as_zero
from resume_builder.schema.base import PathKey
from resume_builder.schema.numbers import PLAIN_NUMBER
from resume_builder.schema.profile import Profile
from resume_builder.schema.variant import Variant
from resume_builder.theming import Theme, ThemeOptions, find_theme
from resume_builder.wording import article, count

if typing.TYPE_CHECKING:
    from resume_builder.tailoring.keywords import Vocabulary

__all__ = ["RenderRequest", "Rendered", "RenderJob", "Tailored", "available_formats", "prepare", "render", "run",
           "select_variant", "theme_options", "write"]


@dataclass(frozen=True)
class RenderRequest:
    """Everything one render is asked for, as a command states it.

    ``profile``: the profile file (None: :data:`DEFAULT_PROFILE`, or the profile a variant
    file names); ``variant``: a variant name or variant file; ``lang``: the language of
    texts given in several (else the variant's ``lang``, else the profile's); ``locale``:
    headings, month names and date formats; ``theme`` / ``theme_dir``: the theme by name
    or folder; ``options``: theme options from the command line (``-O``), which win over
    the variant's and the profile's (see :func:`theme_options`); ``formats``, ``output``
    (``-o``, one format) and ``out_dir``: what is written where; ``max_pages``: the page
    budget (else the variant's); ``posting``: a job posting file that ranks what the
    budget cuts; ``input_format``: ``--from`` (``profile`` or ``jsonresume``); ``public``:
    ``--public``, a copy without private details (:mod:`resume_builder.tailoring.public`),
    written as ``<stem>-public`` so it never replaces the full résumé.
    """

    profile: Path | None = None
    variant: str | None = None
    lang: str | None = None
    locale: str | None = None
    theme: str | None = None
    theme_dir: Path | None = None
    options: Mapping[str, Any] = dc_field(default_factory=dict)
    formats: tuple[str, ...] = ("pdf",)
    output: Path | None = None
    out_dir: Path = Path("output")
    max_pages: int | None = None
    posting: Path | None = None
    input_format: str | None = None
    public: bool = False

    def __post_init__(self) -> None:
        # ``--lang " de"`` is ``de`` everywhere (text, headings, file name); ``--lang ""`` a UserError.
        from resume_builder.i18n import given_language, given_locale

        if self.lang is not None:
            object.__setattr__(self, "lang", given_language(self.lang))
        if self.locale is not None:
            object.__setattr__(self, "locale", given_locale(self.locale))


@dataclass
class Tailored:
    """A profile tailored for one variant (or the base profile when no variant was asked for)."""

    profile: Profile
    base: LoadedProfile
    variant: Variant | None
    name: str | None  # the variant's name
    stem: str  # output file name without extension
    variant_path: Path | None = None  # the variant file, when the variant came from one
    variant_source: Any = None  # where the variant was read (loading.source.SourceDocument), for positions
    variant_at: tuple = ()  # the variant's path in it
    warnings: list[str] = dc_field(default_factory=list)  # e.g. a variant file written for another profile

    @property
    def max_pages(self) -> int | None:
        return self.variant.max_pages if self.variant else None


def select_variant(profile_path: Path | None, variant: str | None, *, lang: str | None = None,
                   input_format: str | None = None, public: bool = False) -> Tailored:
    """Read and validate the profile and ``variant`` (loading), then tailor (tailoring).

    ``public``: leave private details out (``--public``; a variant's ``public: true`` does
    so by itself); the stem then ends in ``-public`` unless the variant is public already.
    See :func:`resume_builder.loading.variants.load_variant` for the arguments and errors.
    """
    from resume_builder.loading.variants import load_variant
    from resume_builder.tailoring import tailor

    chosen = load_variant(profile_path, variant, lang=lang, input_format=input_format)
    profile = tailor(chosen.base.profile, chosen.variant) if chosen.variant is not None else chosen.base.profile
    stem = chosen.stem
    if public and not (chosen.variant is not None and chosen.variant.public):
        from resume_builder.tailoring.public import public as public_copy

        profile, stem = public_copy(profile), f"{stem}-public"
    return Tailored(profile, chosen.base, chosen.variant, chosen.name, stem, chosen.variant_path,
                    chosen.source, chosen.at, list(chosen.warnings))


def parse_option_overrides(pairs: list[str]) -> dict[str, Any]:
    """``-O key=value`` pairs to typed values: numbers (written in ASCII digits,
    :data:`~resume_builder.schema.numbers.PLAIN_NUMBER`: Python's ``int()`` read ``٩`` as 9 and
    ``1_0`` as 10), booleans (true/false/yes/no), comma-separated lists for the options that
    take a list (``section_order``), and text for the rest. Raises UserError for a pair that
    is not KEY=VALUE."""
    lists = {name for name, info in ThemeOptions.model_fields.items() if typing.get_origin(info.annotation) is list}
    out: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UserError(f"option '{pair}' must look like KEY=VALUE", hint="e.g. -O accent_color=#0b6e4f")
        key, value = key.strip(), value.strip()
        if key in lists:
            out[key] = [part.strip() for part in value.split(",") if part.strip()]
        elif value.lower() in ("true", "false", "yes", "no"):
            out[key] = value.lower() in ("true", "yes")
        elif PLAIN_NUMBER.fullmatch(value):
            number = float(value) if any(c in value for c in ".eE") else int(value)
            # 1e400 (inf) and 1e-400 (0.0) stay as written, for the message to say them so
            out[key] = value if math.isinf(number) or reads_as_zero(value) else number
        else:
            out[key] = value  # text: the option says whether it takes one ('1_0', '١٠', 'inf' are no numbers)
    return out


def theme_options(theme: Theme, profile: Profile, *, profile_options: Mapping[str, Any],
                  variant_options: Mapping[str, Any], command_line: Mapping[str, Any],
                  locate_profile: Callable[[PathKey], Location | None] | None = None,
                  locate_variant: Callable[[PathKey], Location | None] | None = None,
                  variant_block: str = "theme", locale_page_size: str | None = None
                  ) -> tuple[ThemeOptions, list[str] | None]:
    """The theme options in force, and the section order they give (None: the profile's).

    The one statement of precedence, lowest first: the theme's defaults (``theme.toml``,
    with what it ``extends``) < the profile's ``theme:`` block < the variant's ``theme:``
    block < the command line (``-O``). Each problem is located where the value that won
    was written: ``locate_profile(("theme", key, ...))`` / ``locate_variant(...)`` give
    file positions (none for the command line). ``section_order`` must name sections
    ``profile`` has. ``variant_block``: how a problem names the variant's block, as its path
    in its file (``variants.backend.theme`` in the profile, ``theme`` in a variant file).
    ``locale_page_size`` (:func:`resume_builder.i18n.page_size_for` of the locale printed
    in: Letter for en-US, fr-CA...) is the page size when no layer gives one.
    Raises UserError listing every problem.
    """
    layers = (("theme", profile_options, locate_profile), (variant_block, variant_options, locate_variant),
              ("theme", command_line, None))
    winner: dict[str, Callable[[PathKey], Location | None] | None] = {}
    block: dict[str, str] = {}
    chosen: dict[str, Any] = {}
    for named, values, locate in layers:
        for key, value in values.items():
            chosen[key], winner[key], block[key] = value, locate, named
    if locale_page_size is not None and "page_size" not in chosen and "page_size" not in theme.default_options:
        chosen["page_size"] = locale_page_size  # the paper of the locale's country, as no one chose one

    def where(*path: Any) -> Location | None:
        locate = winner.get(path[0])
        return locate(("theme", *path)) if locate is not None else None

    options = theme.options(chosen, locate=where, command_line=frozenset(command_line),
                            block=lambda key: block.get(key, "theme"))
    if not options.section_order:
        return options, None
    known = set(Profile.SECTION_FIELDS) - {"custom"} | {c.id for c in profile.custom}
    given = "-O section_order" if "section_order" in command_line else None  # named as the user wrote it
    problems = [Problem(f"unknown section '{key}'", where("section_order", index),
                        given or f"{block.get('section_order', 'theme')}.section_order[{index}]",
                        did_you_mean(key, known) or "sections: " + ", ".join(sorted(known)))
                for index, key in enumerate(options.section_order) if key not in known]
    if problems:
        raise UserError(problems)
    return options, list(options.section_order)


def _located_theme(request: RenderRequest, tailored: Tailored) -> Theme:
    """The theme :func:`_theme_name` asks for; a name that is not a theme is a UserError at
    the ``theme: name:`` that asked for it (in the variant or the profile), if one did."""
    name = _theme_name(request, tailored)
    try:
        return find_theme(name, theme_dir=request.theme_dir, profile_folder=tailored.base.folder)
    except UserError as error:
        if request.theme is not None or request.theme_dir is not None or len(error.problems) != 1:
            raise
        variant = tailored.variant.theme if tailored.variant is not None else None
        locate_variant = _variant_locator(tailored)
        if variant is not None and variant.name == name and locate_variant is not None:
            located = locate_variant(("theme", "name"))
        else:
            located = tailored.base.source.locate(("theme", "name"))
        if located is None:
            raise
        problem = error.problems[0]
        raise UserError(dataclasses.replace(problem, location=located, path="theme.name")) from None


def check_theme(loaded: LoadedProfile) -> None:
    """What ``render`` checks of a profile's ``theme:`` blocks, for ``validate``: the theme
    named exists, and the options of the profile's block and of each declared variant's are
    ones it takes, in range. Raises UserError, located at the value in the file."""
    for name in [None, *loaded.profile.variants]:
        tailored = select_variant(loaded.path, name) if name is not None else Tailored(
            loaded.profile, loaded, None, None, loaded.path.stem)
        if name is not None and (tailored.variant is None or tailored.variant.theme is None):
            continue
        theme = _located_theme(RenderRequest(profile=loaded.path, variant=name), tailored)
        tailored_options(theme, tailored.profile, tailored, {})


def tailored_options(theme: Theme, profile: Profile, tailored: Tailored, command_line: Mapping[str, Any],
                     labels: Any = None) -> tuple[ThemeOptions, list[str] | None]:
    """:func:`theme_options` for ``profile`` tailored as ``tailored``: the profile's and the
    variant's ``theme:`` blocks, located where they are written, and ``command_line`` (``-O``);
    ``labels`` (the locale printed in) gives the page size when none of them does."""
    from resume_builder.i18n import page_size_for

    base_theme = tailored.base.profile.theme
    variant_theme = tailored.variant.theme if tailored.variant else None
    return theme_options(theme, profile, profile_options=dict(base_theme.model_extra or {}) if base_theme else {},
                         variant_options=dict(variant_theme.model_extra or {}) if variant_theme else {},
                         command_line=dict(command_line), locate_profile=tailored.base.source.locate,
                         locate_variant=_variant_locator(tailored),
                         variant_block=dotted((*tailored.variant_at, "theme")) if tailored.variant else "theme",
                         locale_page_size=page_size_for(labels.language) if labels is not None else None)


def _theme_name(request: RenderRequest, tailored: Tailored) -> str | None:
    """The theme asked for: ``--theme`` over the variant's over the profile's (``theme.name``).

    ``--theme-dir`` names the theme itself: the profile's (or a variant's) theme name does not
    override it; only a ``--theme`` that contradicts it is an error (ThemeFinder.find).
    """
    if request.theme_dir is not None:
        return request.theme
    variant = tailored.variant.theme if tailored.variant is not None else None
    base = tailored.base.profile.theme
    return request.theme or (variant.name if variant else None) or (base.name if base else None)


def _variant_locator(tailored: Tailored) -> Callable[[PathKey], Location | None] | None:
    """Where a variant's ``theme`` values are written: in the profile or in the variant file."""
    source, at = tailored.variant_source, tuple(tailored.variant_at)
    if tailored.variant is None or source is None:
        return None
    return lambda path: source.locate(at + tuple(path))


def prepare(request: RenderRequest | Path | None = None, **arguments: Any) -> RenderJob:
    """Read, validate, tailor, pick the theme, fit the page budget and build the document.

    Takes a :class:`RenderRequest` (or, for callers in Python, the profile path and the
    request's fields as keywords; ``theme_name`` and ``overrides`` name ``theme`` and
    ``options``). Each stage runs once: loading (:mod:`resume_builder.loading`, with the
    variant's checks), tailoring (:func:`resume_builder.tailoring.tailor`), theme options
    (:func:`theme_options`), the page-budget fitter (:mod:`resume_builder.tailoring.fitting`)
    and the document (:func:`resume_builder.document.build_document`).
    Raises UserError for any mistake in the inputs.
    """
    if not isinstance(request, RenderRequest):
        renamed = {"theme_name": "theme", "overrides": "options"}
        request = RenderRequest(profile=request, **{renamed.get(k, k): v for k, v in arguments.items()
                                                    if v is not None or k not in renamed})
    elif arguments:
        raise TypeError("give a RenderRequest or keywords, not both")
    posting, max_pages = request.posting, request.max_pages
    tailored = select_variant(request.profile, request.variant, lang=request.lang, input_format=request.input_format,
                              public=request.public)
    loaded, profile = tailored.base, tailored.profile
    lang = request.lang or (tailored.variant.lang if tailored.variant is not None else None)
    theme = _located_theme(request, tailored)
    labels, label_warnings = document_labels(profile, lang=lang, locale=request.locale)
    options, order = tailored_options(theme, profile, tailored, request.options or {}, labels)
    photo, photo_warnings = profile_photo(profile, loaded)
    warnings = [*loaded.warnings, *tailored.warnings, *theme.notes, *label_warnings, *photo_warnings]
    budget = max_pages or tailored.max_pages
    cuts: list[str] = []
    fitted = None
    if budget:
        fitted = _fit(profile, options, theme, loaded, tailored, budget, posting, order, labels, photo)
        profile, options, cuts = fitted.profile, fitted.options, _budget_messages(fitted)
    elif posting is not None:
        raise UserError("--job ranks what the page budget cuts; give --max-pages too",
                        hint="to compare a posting with the résumé, use 'resume-builder tailor --job'")
    document = build_document(profile, order=order, labels=labels, photo=photo,
                              entry_urls=options.entry_urls, phone_format=options.phone_format)
    if not (document.name.strip() or document.headline.strip() or document.contacts or document.sections):
        # a JSON Resume file with no name and empty sections ({"awards": []}) rendered a blank page, exit 0
        raise UserError.at(str(loaded.path), None, None, "the résumé would be empty: it has no name, headline, "
                           "contact or section with anything in it",
                           hint="give basics.name and a section with entries (work, skills, projects...)")
    warnings += _script_warnings(document, labels, profile, given=request.locale or lang)
    document = _with_provenance(document, loaded, tailored, lang=lang, locale=request.locale, theme=theme,
                                input_format=request.input_format, max_pages=max_pages, posting=posting,
                                public=request.public, options=request.options)
    stem = tailored_stem(tailored.stem, max_pages, posting) + language_suffix(profile, lang=request.lang,
                                                                              locale=request.locale)
    from resume_builder.tailoring.variants import capped_highlights

    capped = capped_highlights(tailored.base.profile, tailored.variant) if tailored.variant is not None else []
    if fitted is not None:  # an entry the page budget then dropped whole: its cap is no news
        dropped = {cut.label for cut in fitted.cut if cut.kind == "entry"}
        capped = [line for line in capped if line.split(" highlights of ", 1)[1].split(" (", 1)[0] not in dropped]
    return RenderJob(loaded, profile, theme, options, document, stem, tailored.name, messages=[*capped, *cuts],
                     warnings=warnings, fit=fitted)


def render_request(job: RenderJob, request: RenderRequest) -> list[Rendered]:
    """Every format ``request`` asks for, rendered from ``job`` (nothing written yet)."""
    outputs: list[Rendered] = []
    for fmt in request.formats:
        outputs += render(job, fmt, output_path(job, fmt, request.out_dir, request.output))
    return outputs


def run(request: RenderRequest) -> tuple[RenderJob, list[Rendered]]:
    """The whole pipeline for one request: read → validate → tailor → document → render →
    write (all files or none, see :func:`write`). Returns the job and what was written."""
    job = prepare(request)
    outputs = render_request(job, request)
    write(outputs)
    return job, outputs


def _with_provenance(document: Document, loaded: LoadedProfile, tailored: Any, *, lang: str | None,
                     locale: str | None, theme: Theme, input_format: str | None = None,
                     max_pages: int | None = None, posting: Path | None = None, public: bool = False,
                     options: Mapping[str, Any] | None = None) -> Document:
    """``document`` with what it is rendered from in its metadata (names, never folders;
    the posting relative to the profile's folder, with its SHA-256)."""
    from resume_builder.provenance import Provenance, encode_options, file_sha256, relative_name

    variant = tailored.name if tailored.variant_path is None else relative_name(tailored.variant_path, loaded.folder)
    job = relative_name(posting, loaded.folder) if posting is not None else None
    digest = file_sha256(posting) if posting is not None else None
    lang, locale = asked_language(loaded.profile, lang=lang, locale=locale)
    source = Provenance(loaded.path.name, variant, lang, locale, theme.name, input_format,
                        pages=str(max_pages) if max_pages else None, job=job, job_sha256=digest,
                        public="yes" if public else None, options=encode_options(dict(options or {})),
                        person=loaded.profile.basics.name or None).encode()
    return dataclasses.replace(document, metadata=dataclasses.replace(document.metadata, source=source))


def asked_language(profile: Profile, *, lang: str | None, locale: str | None) -> tuple[str | None, str | None]:
    """``(lang, locale)`` as far as they change the résumé of ``profile``: ``lang`` is None
    when it names the profile's own language (``--lang en`` on an English profile), ``locale``
    when the locale it gives is the one ``lang`` alone gives (``--lang de --locale de``).
    So asking for what the profile already is gives the same document: the same provenance
    and the same default name (newcomer trial: ``--lang en`` was refused as another render)."""
    from resume_builder.i18n import DEFAULT_LOCALE, canonical_tag, normalize_tag, resolve_locale

    # one spelling recorded, whoever wrote the tag (a variant's ``lang: DE`` is ``de``, as --lang DE is)
    lang, locale = canonical_tag(lang), canonical_tag(locale)
    if lang is not None and lang.strip() and normalize_tag(lang) == normalize_tag(profile.lang or DEFAULT_LOCALE):
        lang = None
    if locale is not None and locale.strip():
        without = resolve_locale(lang=lang, profile_locale=profile.locale, profile_lang=profile.lang)
        if normalize_tag(resolve_locale(locale=locale, lang=lang, profile_locale=profile.locale,
                                        profile_lang=profile.lang)) == normalize_tag(without):
            locale = None
    return lang, locale


def language_suffix(profile: Profile, *, lang: str | None, locale: str | None) -> str:
    """``-de`` when ``--lang``/``--locale`` print the résumé in another locale than the
    profile's own, so ``render --lang de`` never replaces the profile's own ``example.pdf``;
    ``-locale-de`` when the texts' language is not the locale's (``--locale de`` alone on an
    English profile: English texts, German headings and dates; ``--lang fr --locale de``:
    ``-fr-locale-de``), so that it never shares ``--lang de``'s name; else ''."""
    from resume_builder.i18n import DEFAULT_LOCALE, base_language, normalize_tag, resolve_locale

    lang, locale = asked_language(profile, lang=lang, locale=locale)
    if not lang and not locale:
        return ""
    own = resolve_locale(profile_locale=profile.locale, profile_lang=profile.lang)
    chosen = resolve_locale(locale=locale, lang=lang, profile_locale=profile.locale, profile_lang=profile.lang)
    if normalize_tag(chosen) == normalize_tag(own):
        return ""
    texts = lang or profile.lang or DEFAULT_LOCALE
    if base_language(texts) == base_language(chosen):
        return "-" + _file_tag(chosen)
    return ("-" + _file_tag(lang) if lang else "") + "-locale-" + _file_tag(chosen)


def _file_tag(tag: str) -> str:
    """A language tag as a part of a file name: conventional case, nothing a name cannot hold."""
    return _UNSAFE_NAME.sub("-", _tag_case(tag)).strip("-.") or "lang"


_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def _tag_case(tag: str) -> str:
    """A language tag in BCP 47's conventional case, parts joined by '-' (RFC 5646 §2.1.1:
    language lowercase, script titlecase, region uppercase): ``DE`` → ``de``, ``pt_br`` →
    ``pt-BR``, so ``--lang DE`` and ``--lang de`` name one file, not two that collide on a
    case-insensitive disk."""
    parts = re.split(r"[-_]", tag)
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif len(part) == 2 and part.isalpha():
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


def tailored_stem(stem: str, max_pages: int | None, posting: Path | None) -> str:
    """The output name of a résumé tailored on the command line, so it never replaces another
    output: ``<stem>+<posting file stem>`` for ``--job`` (then ``-<N>pages`` for ``--max-pages``),
    else ``<stem>-<N>page(s)`` for ``--max-pages`` (a variant's own budget is already in its
    ``<stem>-<variant>``).

    The ``+`` marks a posting, and appears in no other default name: variant names and a
    variant's ``output`` are entry ids (letters, digits, ``.``, ``_``, ``-``), language
    suffixes are locale tags, and :func:`posting_slug` turns a ``+`` in the posting's name
    into ``-``. So ``--job de.md`` never names its file like ``--lang de``, nor
    ``--job platform.json`` like the variant ``platform``, nor ``--job 2pages.md`` like
    ``--max-pages 2``.
    """
    budget = f"-{max_pages}page{'s' if max_pages != 1 else ''}" if max_pages else ""
    if posting is not None:
        return f"{stem}+{posting_slug(posting)}{budget}"
    return stem + budget


def posting_slug(posting: Path) -> str:
    """The posting's file stem as a file name part: runs of anything but ASCII letters, digits,
    ``.``, ``_`` and ``-`` become ``-`` (``acme platform (v2).txt`` → ``acme-platform-v2``)."""
    return _UNSAFE_NAME.sub("-", posting.stem).strip("-.") or "posting"


def profile_photo(profile: Profile, loaded: LoadedProfile):
    """The profile's photo, checked and read (see resume_builder/images.py), and warnings."""
    if not profile.basics.photo:
        return None, []
    from resume_builder.images import load_photo

    json_resume = loaded.format == "jsonresume"
    return load_photo(profile.basics.photo, loaded.folder,
                      locate=lambda: loaded.source.locate(("basics", "photo")),
                      field="basics.image" if json_resume else "basics.photo", missing_ok=json_resume)


def document_labels(profile: Profile, *, lang: str | None = None, locale: str | None = None):
    """The labels (headings, months, direction) for ``profile`` and any warnings about them.

    ``locale`` (``--locale``) wins, then ``lang`` (``--lang``), then the profile's
    ``locale:`` and ``lang:`` (see :func:`resume_builder.i18n.resolve_locale`).
    """
    from resume_builder.i18n import UnknownLocale, labels_for, resolve_locale

    chosen = resolve_locale(locale=locale, lang=lang, profile_locale=profile.locale, profile_lang=profile.lang)
    try:
        labels = labels_for(chosen)
    except UnknownLocale as error:
        raise UserError(f"'{chosen}' is not a known locale",
                        hint=error.hint or "write e.g. en, de, en-GB, pt-BR, ar") from None
    warnings = []
    if not labels.translated:
        warnings.append(f"no built-in translation for '{chosen}': headings and 'present' stay in English "
                        "(translate them with 'headings:' in the profile)")
    return labels, warnings


def _script_warnings(document: Document, labels: Any, profile: Profile, *, given: str | None) -> list[str]:
    """A warning when the résumé's text (its contact line left out: addresses are Latin in
    every language) is mostly in a script its locale does not write: Hebrew texts under
    ``--locale ja`` got Japanese headings and dates and were laid out left to right (user
    trial). ``given``: the locale or language of the run or the variant
    (:func:`resume_builder.scripts.script_warning`)."""
    from resume_builder.scripts import script_warning

    contacts = {contact.text for contact in document.contacts}
    texts = (text for text in document.text_blocks() if text not in contacts)

    def fix(language: str) -> str:
        if given:
            return f"give --locale {language}"
        return f"give --locale {language}, or 'locale: {language}' in the profile"

    return script_warning(texts, labels.language, what="the résumé", words="its headings, dates and built-in words",
                          untranslated="its dates", fix=fix, prefer=(profile.lang, profile.locale))


# Page counts of the page budget's trials, by everything that decides the layout: the same
# trial (tightening the same profile for another posting, the final check) is not laid out twice.
_PAGE_COUNTS: "OrderedDict[tuple, int]" = OrderedDict()


def _fit(profile: Profile, options: ThemeOptions, theme: Theme, loaded: LoadedProfile, tailored: Any,
         budget: int, posting: Path | None, order: list[str] | None, labels: Any, photo: Any = None):
    from resume_builder.render.pdf import layout
    from resume_builder.tailoring.fitting import fit

    def count_pages(candidate: Profile, opts: ThemeOptions) -> int:
        key = (candidate.model_dump_json(), opts.model_dump_json(), str(theme.folder), str(loaded.folder),
               tuple(order or ()), repr(labels), repr(photo))
        if key in _PAGE_COUNTS:
            _PAGE_COUNTS.move_to_end(key)
            return _PAGE_COUNTS[key]
        document = build_document(candidate, order=order, labels=labels, photo=photo,
                                  entry_urls=opts.entry_urls, phone_format=opts.phone_format)
        rendered, _ = layout(document, theme, opts, profile_folder=loaded.folder)
        _PAGE_COUNTS[key] = len(rendered.pages)
        while len(_PAGE_COUNTS) > 512:
            _PAGE_COUNTS.popitem(last=False)
        return len(rendered.pages)

    variant = tailored.variant
    return fit(profile, options, theme.fit, budget, count_pages,
               relevance=_relevance(profile, loaded, posting) if posting else None,
               pinned_ids=set(variant.pin) if variant else set(),
               pinned_tags=set(variant.pin_tags) if variant else set())


def _budget_messages(result: Any) -> list[str]:
    """What the page budget changed, kept (per posting term) and cut, one line each; without a
    posting, the paragraphs and highlights cut from one entry are one line (highlights go
    from its end: the cuts' one line per paragraph or highlight stays in the JSON reports)."""
    said: list[str | list[Any]] = list(result.cuts[:len(result.cuts) - len(result.cut)])  # the layout's changes
    from_entry: dict[str, list[Any]] = {}  # an entry's (or role's) label -> its paragraphs and highlights cut
    for cut in result.cut:
        if not cut.owner:
            said.append(cut.describe())
        elif cut.owner in from_entry:
            from_entry[cut.owner].append(cut)
        else:
            said.append(from_entry.setdefault(cut.owner, [cut]))
    lines = [f"page budget {result.max_pages}: " + (item if isinstance(item, str) else _entry_cut(item))
             for item in said]
    if result.kept:
        kept = "; ".join(f"{term}: {where}" for term, where in result.kept.items())
        lines.append(f"page budget {result.max_pages}: kept for the posting: {kept}")
    if result.relevance_kept_percent is not None:
        lines.append(f"page budget {result.max_pages}: relevance kept {result.relevance_kept_percent}% "
                     f"({result.relevance_kept} of {count(result.relevance_total, 'point')})")
    return lines


def _entry_cut(cuts: list[Any]) -> str:
    """``dropped the outcome and the last 3 of 4 highlights of projects/edge`` (paragraphs by
    their field, highlights counted: they go from an entry's end)."""
    owner = cuts[0].owner
    parts = [f"the {cut.label[len(owner) + 1:]}" for cut in cuts if cut.kind == "paragraph"]
    highlights = [cut for cut in cuts if cut.kind == "highlight"]
    if highlights:
        last = "the last" if len(highlights) == 1 else f"the last {len(highlights)}"
        parts.append(f"{last} of {count(highlights[0].of, 'highlight')}")
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"dropped {listed} of {owner}"


def _relevance(profile: Profile, loaded: LoadedProfile, posting: Path):
    """How relevant each piece of ``profile`` is to the job posting (see tailoring.fitting.Relevance)."""
    from resume_builder.loading.posting import read_posting
    from resume_builder.tailoring.keywords import extend, profile_extension
    from resume_builder.tailoring.matching import match, relevance
    from resume_builder.tailoring.posting import structure

    vocab = extend(builtin_vocabulary(), profile_extension(loaded.profile, loaded.source))
    return relevance(match(profile, structure(read_posting(posting)), vocab))


# ----------------------------------------------------------------------------- formats


def available_formats() -> list[str]:
    """Every output format, in the table's order (resume_builder/formats.py)."""
    return list(FORMATS)


def output_path(job: RenderJob, fmt: str, out_dir: Path, output: Path | None) -> Path:
    """Where ``fmt`` is written: ``output`` (``-o``) or ``out_dir/<stem>.<extension>``.

    Raises UserError when ``output``'s extension names another format (``-o cv.docx -f
    pdf`` would put PDF bytes under a Word name); a name without an extension is taken as
    written. ``-`` (standard output) has no extension to check.
    """
    if output is None:
        spec = TABLE.get(fmt)
        return out_dir / f"{job.stem}.{spec.extension if spec else fmt}"  # unknown fmt: render() says so
    check_extension(output, fmt)
    return output


def check_extension(output: Path, fmt: str) -> None:
    """Raise UserError if the file name ``output`` ends in another format's extension (or an odd one)."""
    suffix = output.suffix.lower().lstrip(".")
    expected = TABLE[fmt].extension if fmt in TABLE else None
    if not suffix or expected is None or suffix == expected or str(output) == "-":
        return
    named = format_of_extension(suffix)
    what = article(f"{named.upper()} file") if named else f"'.{suffix}'"
    raise UserError(f"{output} names {what}, but the format asked for is {fmt}",
                    hint=f"write -o {output.with_suffix('.' + expected)}" + (f", or -f {named}" if named else ""))


def check_format(fmt: str) -> None:
    """Raise a UserError (with a "did you mean") unless ``fmt`` is one of :data:`FORMATS`."""
    if fmt not in TABLE:
        hint = did_you_mean(fmt, FORMATS)
        raise UserError(f"unknown format '{fmt}'", hint=(hint + "; " if hint else "") + "formats: " + ", ".join(FORMATS))


def render(job: RenderJob, fmt: str, path: Path) -> list[Rendered]:
    """Render ``job`` as ``fmt`` to be written at ``path`` (nothing is written yet)."""
    check_format(fmt)
    outputs = renderer(fmt)(job, path)
    for item in outputs:
        item.fmt = fmt
        item.source = getattr(getattr(job.document, "metadata", None), "source", "") or ""
    return outputs


# ----------------------------------------------------------------------------- vocabularies


def read_extension_file(path: Path) -> dict[str, Any]:
    """A vocabulary extension file (YAML/JSON ``aliases:`` mapping, or TOML ``[aliases]``), checked."""
    from resume_builder.loading.errors_map import TomlDocument
    from resume_builder.loading.vocabulary import read_keyword_file
    from resume_builder.tailoring.keywords import extension_from

    data, source = read_keyword_file(path)
    if source is None:  # TOML: tomllib gives no positions; a problem's are found in the file's lines
        source = TomlDocument(str(path), data)
    return extension_from(data, str(path), source)


def builtin_vocabulary() -> "Vocabulary":
    """A fresh copy of the built-in vocabulary (callers may extend it)."""
    return _builtin_vocabulary().copy()


@functools.lru_cache(maxsize=1)
def _builtin_vocabulary() -> "Vocabulary":
    from resume_builder.loading.vocabulary import read_builtin_vocabulary
    from resume_builder.tailoring.keywords import vocabulary_from

    return vocabulary_from(read_builtin_vocabulary())


def write(outputs: list[Rendered], inputs: Iterable[Path | None] = (), *, standard_output: str | None = "-o -",
          folder_hint: str | None = None) -> None:
    """Write every output all-or-nothing (resume_builder.output.write_set): every file is
    new afterwards, or every older file is intact. Callers render everything first.

    ``inputs``: the files the render read (see :func:`read_files`); an output that is one of
    them is refused with a UserError before anything is written. ``standard_output``,
    ``folder_hint``: the hints' words for a command without ``-o`` (``build``, ``bundle``), as
    :func:`resume_builder.output.write_set`'s."""
    from resume_builder.output import FOLDER_HINT, write_set
    from resume_builder.overwrite import refuse_inputs

    refuse_inputs([item.path for item in outputs], inputs)
    write_set([(item.path, item.data) for item in outputs], standard_output=standard_output,
              folder_hint=folder_hint or FOLDER_HINT)


def stale_pages(outputs: list[Rendered]) -> list[Path]:
    """Page images a render of fewer pages left behind: for PNG pages ``cv-1.png`` …
    ``cv-3.png`` just written, ``cv-4.png``, ``cv-5.png`` … as long as they exist (the pages
    of an earlier render of the same name with more pages). The caller removes them."""
    pages: dict[tuple[Path, str], int] = {}
    for item in outputs:
        match = re.fullmatch(r"(.+)-(\d+)\.png", item.path.name) if item.format == "png" else None
        if match:
            key = (item.path.parent, match.group(1))
            pages[key] = max(pages.get(key, 0), int(match.group(2)))
    stale: list[Path] = []
    for (folder, stem), last in pages.items():
        number = last + 1
        while (folder / f"{stem}-{number}.png").is_file():
            stale.append(folder / f"{stem}-{number}.png")
            number += 1
    return stale


def read_files(request: RenderRequest, jobs: Iterable[Any] = (), extra: Iterable[Path | None] = ()) -> list[Path]:
    """The files a render of ``request`` read that an output must never replace: the profile,
    every file it includes and its photo, a letter's file and signature image (from each
    prepared job, as :mod:`resume_builder.render_inputs` names them), a variant file, the job
    posting, and ``extra`` (a letter file)."""
    from resume_builder.loading.variants import looks_like_file
    from resume_builder.render_inputs import letter_inputs, profile_inputs

    paths: list[Path | None] = [request.profile, request.posting, *extra]
    if request.variant is not None and looks_like_file(request.variant):
        paths.append(Path(request.variant))
    for job in jobs:
        loaded = getattr(job, "loaded", None)
        if loaded is not None:
            paths.extend(profile_inputs(loaded))
        letter = getattr(job, "letter", None)  # a letter's job (letter_pipeline.prepare_letter)
        if letter is not None:
            paths.extend(letter_inputs(letter))
    return [path for path in paths if path is not None]
