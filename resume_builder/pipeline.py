"""The pipeline as one call per stage: load → tailor → document → theme → render → write.

Commands (render, build, watch) share this module so every path through the tool makes
the same files from the same inputs.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from resume_builder.document import Document, build_document
from resume_builder.errors import Problem, UserError, did_you_mean
from resume_builder.loading import LoadedProfile
from resume_builder.schema.profile import Profile
from resume_builder.theming import Theme, ThemeOptions, find_theme

from resume_builder.formats import EXTENSIONS, FORMATS  # noqa: F401  (re-exported)


@dataclass
class Job:
    """Everything needed to render one profile (or variant) with one theme."""

    loaded: LoadedProfile
    profile: Profile
    theme: Theme
    options: ThemeOptions
    document: Document
    stem: str
    variant: str | None = None
    messages: list[str] = field(default_factory=list)  # what the page budget cut, for the user
    fit: Any = None  # the page budget's FitResult (what it kept and cut), when one was applied
    warnings: list[str] = field(default_factory=list)  # e.g. texts missing in the language asked for

    @property
    def profile_folder(self) -> Path:
        return self.loaded.folder


def parse_option_overrides(pairs: list[str]) -> dict[str, Any]:
    """``-O key=value`` pairs to typed values (numbers, booleans, comma lists)."""
    out: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UserError(f"option '{pair}' must look like KEY=VALUE", hint="e.g. -O accent_color=#0b6e4f")
        key, value = key.strip(), value.strip()
        if key == "section_order":
            out[key] = [part.strip() for part in value.split(",") if part.strip()]
        elif value.lower() in ("true", "false", "yes", "no"):
            out[key] = value.lower() in ("true", "yes")
        else:
            try:
                out[key] = float(value) if any(c in value for c in ".eE") else int(value)
            except ValueError:
                out[key] = value
    return out


def resolve_theme(loaded: LoadedProfile, profile: Profile, *, theme_name: str | None,
                  theme_dir: Path | None, overrides: dict[str, Any],
                  command_line: frozenset[str] = frozenset()) -> tuple[Theme, ThemeOptions]:
    """The theme and its options; ``command_line`` holds the option keys given with ``-O``
    (their errors name ``-O KEY``)."""
    settings = profile.theme
    profile_options = dict(settings.model_extra or {}) if settings else {}
    # --theme-dir names the theme: the profile's (or a variant's) theme name does not
    # override it; only a --theme that contradicts it is an error (ThemeFinder.find).
    name = theme_name or (settings.name if settings and theme_dir is None else None)
    theme = find_theme(name, theme_dir=theme_dir, profile_folder=loaded.folder)

    def locate(key: str):
        return loaded.source.locate(("theme", key)) if key in profile_options and key not in overrides else None

    options = theme.options({**profile_options, **overrides}, locate=locate, command_line=command_line)
    return theme, options


def section_order(profile: Profile, options: ThemeOptions, *,
                  locate: Callable[[int], Any] | None = None) -> list[str] | None:
    """The theme option's section order, checked against the sections the profile has.

    ``locate(index)`` gives the file location of an item (when it comes from the profile).
    """
    if not options.section_order:
        return None
    known = set(Profile.SECTION_FIELDS) - {"custom"} | {c.id for c in profile.custom}
    problems = []
    for index, key in enumerate(options.section_order):
        if key not in known:
            problems.append(Problem(f"section_order names an unknown section '{key}'",
                                    locate(index) if locate else None,
                                    f"theme.section_order[{index}]", did_you_mean(key, known)))
    if problems:
        raise UserError(problems)
    return list(options.section_order)


def prepare(profile_path: Path | None, *, theme_name: str | None = None, theme_dir: Path | None = None,
            overrides: dict[str, Any] | None = None, variant: str | None = None,
            lang: str | None = None, locale: str | None = None,
            max_pages: int | None = None, posting: Path | None = None,
            input_format: str | None = None) -> Job:
    """Load, tailor, pick the theme, fit the page budget and build the document.

    Theme precedence: ``theme_dir`` or ``theme_name`` (command line; both only when they
    name the same theme) over the variant's theme over the profile's ``theme:`` block;
    options likewise, command line last. ``lang`` picks the
    language of texts given in several (else the variant's ``lang``, else the profile's);
    ``locale`` sets headings, month names and date formats (see :func:`document_labels`).
    ``max_pages`` (or the variant's) runs the page-budget fitter; ``posting`` (a job
    posting file) ranks what it cuts by relevance. ``input_format`` (``--from``) states the
    profile's format: ``profile`` or ``jsonresume`` (None: told apart by content).
    """
    from resume_builder.loading.languages import text_language
    from resume_builder.tailoring.select import select_variant

    cli_lang = lang

    with text_language(lang):
        tailored = select_variant(profile_path, variant, input_format=input_format)
    variant_lang = getattr(tailored.variant, "lang", None)
    if lang is None and variant_lang:
        lang = variant_lang
        with text_language(lang):
            tailored = select_variant(profile_path, variant, input_format=input_format)
    loaded, profile = tailored.base, tailored.profile
    overrides = dict(overrides or {})
    command_line = frozenset(overrides)
    if tailored.variant is not None and tailored.variant.theme is not None:
        choice = tailored.variant.theme
        if theme_dir is None:
            theme_name = theme_name or choice.name
        overrides = {**(choice.model_extra or {}), **overrides}
    theme, options = resolve_theme(loaded, profile, theme_name=theme_name, theme_dir=theme_dir,
                                   overrides=overrides, command_line=command_line)
    labels, label_warnings = document_labels(profile, lang=lang, locale=locale)
    from_profile = profile.theme is not None and "section_order" in (profile.theme.model_extra or {}) \
        and "section_order" not in overrides
    order = section_order(profile, options, locate=(lambda index: loaded.source.locate(
        ("theme", "section_order", index))) if from_profile else None)
    photo, photo_warnings = _photo(profile, loaded)
    warnings = [*loaded.warnings, *theme.notes, *label_warnings, *photo_warnings]
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
    document = _with_provenance(document, loaded, tailored, lang=lang, locale=locale, theme=theme,
                                input_format=input_format)
    stem = tailored_stem(tailored.stem, max_pages, posting) + language_suffix(profile, lang=cli_lang, locale=locale)
    return Job(loaded, profile, theme, options, document, stem, tailored.name, messages=cuts, warnings=warnings,
               fit=fitted)


def _with_provenance(document: Document, loaded: LoadedProfile, tailored: Any, *, lang: str | None,
                     locale: str | None, theme: Theme, input_format: str | None = None) -> Document:
    """``document`` with what it is rendered from in its metadata (names, never folders)."""
    import dataclasses
    import os

    from resume_builder.provenance import Provenance

    variant = tailored.name
    if tailored.variant_path is not None:
        try:
            variant = Path(os.path.relpath(tailored.variant_path.resolve(), loaded.folder.resolve())).as_posix()
        except ValueError:  # another drive (Windows): the file name alone
            variant = tailored.variant_path.name
    source = Provenance(loaded.path.name, variant, lang, locale, theme.name, input_format).encode()
    return dataclasses.replace(document, metadata=dataclasses.replace(document.metadata, source=source))


def language_suffix(profile: Profile, *, lang: str | None, locale: str | None) -> str:
    """``-de`` when ``--lang``/``--locale`` print the résumé in another locale than the
    profile's own, so ``render --lang de`` never replaces the profile's own ``example.pdf``;
    else ''."""
    from resume_builder.i18n import resolve_locale

    if not lang and not locale:
        return ""
    own = resolve_locale(profile_locale=profile.locale, profile_lang=profile.lang)
    chosen = resolve_locale(locale=locale, lang=lang, profile_locale=profile.locale, profile_lang=profile.lang)
    if chosen.replace("_", "-").lower() == own.replace("_", "-").lower():
        return ""
    return "-" + (_UNSAFE_NAME.sub("-", chosen).strip("-.") or "lang")


_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def tailored_stem(stem: str, max_pages: int | None, posting: Path | None) -> str:
    """The output name of a résumé tailored on the command line, so it never replaces the
    untailored one: ``<stem>-<posting file stem>`` for ``--job``, else ``<stem>-<N>page(s)``
    for ``--max-pages`` (a variant's own budget is already in its ``<stem>-<variant>``)."""
    if posting is not None:
        slug = _UNSAFE_NAME.sub("-", posting.stem).strip("-.") or "posting"
        return f"{stem}-{slug}"
    if max_pages:
        return f"{stem}-{max_pages}page{'s' if max_pages != 1 else ''}"
    return stem


def _photo(profile: Profile, loaded: LoadedProfile):
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
    except UnknownLocale:
        raise UserError(f"'{chosen}' is not a known locale", hint="write e.g. en, de, en-GB, pt-BR, ar") from None
    warnings = []
    if not labels.translated:
        warnings.append(f"no built-in translation for '{chosen}': headings and 'present' stay in English "
                        "(translate them with 'headings:' in the profile)")
    return labels, warnings


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
    """What the page budget changed, kept (per posting term) and cut, one line each."""
    lines = [f"page budget {result.max_pages}: {cut}" for cut in result.cuts]
    if result.kept:
        kept = "; ".join(f"{term}: {where}" for term, where in result.kept.items())
        lines.append(f"page budget {result.max_pages}: kept for the posting: {kept}")
    if result.relevance_kept_percent is not None:
        lines.append(f"page budget {result.max_pages}: relevance kept {result.relevance_kept_percent}% "
                     f"({result.relevance_kept} of {result.relevance_total} points)")
    return lines


def _relevance(profile: Profile, loaded: LoadedProfile, posting: Path):
    """How relevant each piece of ``profile`` is to the job posting (see tailoring.fitting.Relevance)."""
    from resume_builder.loading.posting import read_posting
    from resume_builder.tailoring.keywords import builtin_vocabulary, extend, profile_extension
    from resume_builder.tailoring.matching import match, relevance
    from resume_builder.tailoring.posting import structure

    vocab = extend(builtin_vocabulary(), profile_extension(loaded.profile, loaded.source))
    return relevance(match(profile, structure(read_posting(posting)), vocab))


# ----------------------------------------------------------------------------- formats


@dataclass
class Rendered:
    """One output: its path and bytes, plus facts worth reporting."""

    path: Path
    data: bytes
    pages: int | None = None
    warnings: list[str] = field(default_factory=list)


def _pdf(job: Job, path: Path) -> list[Rendered]:
    from resume_builder.render.pdf import render_pdf

    result = render_pdf(job.document, job.theme, job.options, profile_folder=job.profile_folder)
    return [Rendered(path, result.data, result.pages, result.warnings)]


def _html(job: Job, path: Path) -> list[Rendered]:
    from resume_builder.render.html import render_html

    text = render_html(job.document, job.theme, job.options, embed_fonts=True)
    return [Rendered(path, text.encode("utf-8"))]


def _png(job: Job, path: Path) -> list[Rendered]:
    from resume_builder.render.pdf import render_pdf
    from resume_builder.render.png import pdf_to_pngs

    result = render_pdf(job.document, job.theme, job.options, profile_folder=job.profile_folder)
    images = pdf_to_pngs(result.data)
    return [Rendered(path.with_name(f"{path.stem}-{i}.png"), image, 1, result.warnings)
            for i, image in enumerate(images, start=1)]


RENDERERS: dict[str, Callable[[Job, Path], list[Rendered]]] = {"pdf": _pdf, "html": _html, "png": _png}


def register(fmt: str, renderer: Callable[[Job, Path], list[Rendered]]) -> None:
    RENDERERS[fmt] = renderer


def available_formats() -> list[str]:
    _load_optional_renderers()
    return [f for f in FORMATS if f in RENDERERS]


def _load_optional_renderers() -> None:
    """Formats whose modules register themselves (kept out of the start-up path)."""
    import importlib

    for module in ("resume_builder.render.text_formats", "resume_builder.render.docx_format"):
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise


def output_path(job: Job, fmt: str, out_dir: Path, output: Path | None) -> Path:
    """Where ``fmt`` is written: ``output`` (``-o``) or ``out_dir/<stem>.<extension>``.

    Raises UserError when ``output``'s extension names another format (``-o cv.docx -f
    pdf`` would put PDF bytes under a Word name); a name without an extension is taken as
    written. ``-`` (standard output) has no extension to check.
    """
    if output is None:
        return out_dir / f"{job.stem}.{EXTENSIONS.get(fmt, fmt)}"  # unknown fmt: render() says so
    check_extension(output, fmt)
    return output


def check_extension(output: Path, fmt: str) -> None:
    """Raise UserError if the file name ``output`` ends in another format's extension (or an odd one)."""
    suffix = output.suffix.lower().lstrip(".")
    expected = EXTENSIONS.get(fmt)
    if not suffix or expected is None or suffix == expected or str(output) == "-":
        return
    named = next((name for name, ext in EXTENSIONS.items() if ext == suffix), None)
    what = f"a {named.upper()} file" if named else f"'.{suffix}'"
    raise UserError(f"{output} names {what}, but the format asked for is {fmt}",
                    hint=f"write -o {output.with_suffix('.' + expected)}" + (f", or -f {named}" if named else ""))


def render(job: Job, fmt: str, path: Path) -> list[Rendered]:
    formats = available_formats()
    if fmt not in formats:
        hint = did_you_mean(fmt, formats)
        raise UserError(f"unknown format '{fmt}'", hint=(hint + "; " if hint else "") + "formats: " + ", ".join(formats))
    return RENDERERS[fmt](job, path)


def write(outputs: list[Rendered]) -> None:
    """Write every output all-or-nothing (resume_builder.output.write_set): every file is
    new afterwards, or every older file is intact. Callers render everything first."""
    from resume_builder.output import write_set

    write_set([(item.path, item.data) for item in outputs])
