"""`resume-builder check`: read a PDF or DOCX as an applicant tracking system does, and judge it."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import typer

from resume_builder.commands.common import given_path, input_format_option, max_pages_option, user_errors
from resume_builder.errors import EXIT_CHECK_FAILED, UserError


def check(
    file: Path = typer.Argument(..., parser=given_path, help="The résumé to check: a .pdf or .docx file."),
    profile: Optional[Path] = typer.Option(
        None, "--profile", "-p", help="Also check that this profile's contact details, headings and "
                                      "experience/education entries are all there, in order. The variant, "
                                      "language and locale the file was rendered with are read from it."),
    variant: Optional[str] = typer.Option(None, "--variant", "-V", help="The variant the file was made from "
                                                                        "(needs --profile; default: as recorded "
                                                                        "in the file)."),
    lang: Optional[str] = typer.Option(None, "--lang", help="Language of texts given in several, as for render "
                                                            "(needs --profile; default: as recorded)."),
    locale: Optional[str] = typer.Option(None, "--locale", help="Headings, month names and dates, as for render "
                                                                "(needs --profile; default: as recorded)."),
    letter: Optional[str] = typer.Option(None, "--letter", "-L", metavar="NAME|FILE", help="The file is this cover letter (a name "
                                                                     "or letter file; needs --profile; default: "
                                                                     "as recorded in the file)."),
    job_posting: Optional[Path] = typer.Option(None, "--job", parser=given_path, help="The job posting the résumé was tailored to, or "
                                                                   "a letter's: check that it names the posting's "
                                                                   "company and position (needs --profile; "
                                                                   "default: as recorded in the file)."),
    max_pages: Optional[int] = max_pages_option("The résumé's page budget, as for render (needs --profile; "
                                                "default: as recorded in the file)."),
    json_output: bool = typer.Option(False, "--json", help="Print a machine-readable JSON report."),
    input_format: Optional[str] = input_format_option(),
) -> None:
    """Prove an ATS can read the file: text extraction only, each check pass/fail with its reason.

    Exit 0 when every check passes, 1 when any fails, 2 when the file cannot be read.
    """
    from resume_builder.checking import run_checks
    from resume_builder.progress import working

    with user_errors():
        from resume_builder.i18n import given_language, given_locale

        lang = given_language(lang) if lang is not None else None  # "" is a mistake, not "not given"
        locale = given_locale(locale) if locale is not None else None
        given = [name for name, value in (("--variant", variant), ("--lang", lang), ("--locale", locale),
                                          ("--letter", letter), ("--job", job_posting), ("--max-pages", max_pages))
                 if value]
        if given and profile is None:
            raise UserError(f"{' and '.join(given)} need{'s' if len(given) == 1 else ''} --profile",
                            hint="the profile the file was rendered from, e.g. --profile profiles/example.yaml "
                                 + " ".join(_example_value(name) for name in given))
        with working(f"checking {file}"):
            comparison = Comparison()
            if profile is not None:
                comparison = _compared_document(file, profile, variant, lang, locale, input_format, letter,
                                                job_posting, max_pages)
            report = run_checks(file, comparison.document, may_be_cut=comparison.may_be_cut)
        if comparison.first is not None:
            report.checks.insert(0, comparison.first)
        compared_with = comparison.compared_with
        if comparison.warnings and not json_output:  # with --json they are in the report
            from resume_builder.console import err

            for warning in comparison.warnings:
                err(f"warning: {warning}", style="yellow")

    if json_output:
        import json

        data = report.to_dict()
        if compared_with:  # with --profile: what the file was compared with
            data["compared_with"] = compared_with
        if comparison.notes:
            data["notes"] = comparison.notes
        if comparison.warnings:
            data["warnings"] = comparison.warnings
        from resume_builder.console import write

        write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")  # closed standard output: exit 141
    else:
        from resume_builder.console import out

        if compared_with:
            out(f"compared with {compared_with}")
        for note in comparison.notes:  # said before any result: they explain what was compared
            out(f"note: {note}", style="yellow")
        show_report(report)
    if not report.passed:
        raise typer.Exit(EXIT_CHECK_FAILED)


def _compared_document(file: Path, profile: Path, variant: str | None, lang: str | None, locale: str | None,
                       input_format: str | None = None, letter: str | None = None, posting: Path | None = None,
                       max_pages: int | None = None):
    """What to compare ``file`` with: a :class:`Comparison`.

    Options given win; the rest come from what ``render`` recorded in the file (variant,
    language, locale, page budget, posting, public copy), when the file was rendered from a
    profile of this name. The recorded kind decides whether the file is a résumé or a letter
    (``--letter`` names a letter; ``--job`` is then the letter's posting, else the résumé's).
    Nothing is compared, and the first result says why, when the file was rendered from
    another profile or is in another language: every symptom would follow from that. When the
    recorded posting is gone or changed, a note says so and the file is compared with the
    untailored résumé, whose sections the page budget may have cut are named, not failed."""
    from resume_builder import pipeline
    from resume_builder.checking.checks import CheckResult
    from resume_builder.checking.origin import language_name, primary_language, read_origin
    from resume_builder.loading.variants import looks_like_file
    from resume_builder.provenance import Provenance

    if posting is not None:  # a posting given that cannot be read is a mistake, whether or not it is used
        from resume_builder.loading.posting import read_posting

        read_posting(posting)
    origin = read_origin(file)
    recorded = origin.provenance
    asked_locale = locale
    kind = file.suffix.lstrip(".").upper() or "file"
    if recorded is not None and recorded.profile != profile.name:
        from resume_builder.loading import load_profile

        load_profile(profile, input_format=input_format.lower() if input_format else None)  # its own mistakes first
        return Comparison(first=CheckResult(
            "profile", False, f"this {kind} was rendered from {recorded.profile}, not {profile.name}, so it was not "
                              f"compared with {profile.name}: check it with the profile it was made from, or "
                              f"render it again from {profile.name}"),
            compared_with=f"{profile.name} (not compared: the file was rendered from {recorded.profile})")
    notes: list[str] = []
    try:
        if profile.stat().st_mtime_ns > file.stat().st_mtime_ns:
            notes.append(f"{profile.name} was changed after {file} was written: render it again, or what differs "
                         f"below may be only that change")
    except OSError:
        pass  # a file that cannot be read is reported by the checks and the loader
    public = False
    if recorded is not None:
        if variant is None and recorded.variant:
            variant = str(profile.parent / recorded.variant) if looks_like_file(recorded.variant) \
                else recorded.variant
        lang = lang or recorded.lang
        locale = locale or recorded.locale
        input_format = input_format or recorded.input_format
        public = bool(recorded.public)
    is_letter = letter is not None or (recorded is not None and recorded.document == "letter") or \
        (recorded is None and posting is not None and max_pages is None)
    if letter is None and recorded is not None and recorded.document == "letter":
        letter = str(profile.parent / recorded.letter) if recorded.letter and looks_like_file(recorded.letter) \
            else recorded.letter
    may_be_cut: frozenset[str] = frozenset()
    if recorded is not None and posting is None and recorded.job:
        posting, problem = _recorded_posting(profile, recorded)
        if problem:
            notes.append(problem)
    if not is_letter:
        max_pages = max_pages or (int(recorded.pages) if recorded is not None and (recorded.pages or "").isdecimal()
                                  else None)
        if posting is not None and not max_pages:
            notes.append(f"--job {posting} is not used: the file is a résumé rendered with no page budget, and a "
                         "posting changes a résumé only through what the budget cuts")
            posting = None
        elif notes:  # the posting ranked what the budget cut: without it, the cuts cannot be redone
            posting, budget_lost = None, max_pages
            max_pages = None
            notes[-1] += (f"; compared with the résumé before its {budget_lost}-page budget instead, so sections "
                          "and entries the budget may have cut are named, not failed" if budget_lost else "")
    theme = _recorded_theme(recorded, profile, notes) if max_pages and not is_letter else None
    from resume_builder.provenance import decode_options

    # -O options decide the page budget's cuts and, with section_order, which sections there are
    recorded_options = pipeline.parse_option_overrides(decode_options(recorded.options)) if recorded else {}
    request = pipeline.RenderRequest(profile=profile, variant=variant, lang=lang, locale=locale,
                                     input_format=input_format.lower() if input_format else None, theme=theme,
                                     options=recorded_options,
                                     max_pages=None if is_letter else max_pages, public=public)
    if is_letter:  # a cover letter: compared with the letter's document
        from resume_builder import letter_pipeline

        job = letter_pipeline.prepare_letter(dataclasses.replace(request, posting=posting), letter)
    else:
        job = pipeline.prepare(dataclasses.replace(request, posting=posting if max_pages else None))
    document, warnings = job.document, list(job.warnings)  # as render says them (a variant for another profile, ...)
    if is_letter:  # 'letter' said it when it wrote the file; the file checked may be dated (SOURCE_DATE_EPOCH)
        warnings = [warning for warning in warnings if warning != letter_pipeline.UNDATED]
    if not is_letter and notes and recorded is not None and recorded.pages:
        may_be_cut = frozenset(section.key for section in document.sections)
    shown_variant = recorded.variant if recorded is not None and variant and recorded.variant and \
        variant.endswith(recorded.variant) else variant
    compared_with = Provenance(profile.name, shown_variant, lang, locale,
                               letter=getattr(document, "kind", None) == "letter" and (letter or "letter") or None,
                               pages=str(max_pages) if max_pages and not is_letter else None,
                               public="yes" if public else None).describe() + \
        (f", posting {posting.name}" if posting is not None and (is_letter or max_pages) else "")
    ours = document.metadata.language
    theirs = origin.language
    if theirs and primary_language(theirs) != primary_language(ours):
        hint = f"--lang {primary_language(theirs)}" if lang is None else f"--lang {primary_language(theirs)} " \
            f"(not {lang})"
        return Comparison(first=CheckResult(
            "language", False,
            f"the file is in {language_name(theirs)}, but {profile.name} was read in {language_name(ours)}: "
            f"its headings, dates and texts cannot match, so they were not compared; check it with {hint}"),
            compared_with=compared_with, notes=notes, warnings=warnings)
    made = _locale_made(recorded, asked_locale, job)
    if made is not None:
        return Comparison(first=CheckResult(
            "locale", False,
            f"the file was rendered with locale {made}, but --locale {asked_locale} was given: its dates "
            f"({_sample_month(made)} against {_sample_month(asked_locale)}) cannot match, so they were not "
            f"compared; check it with --locale {made}, or without --locale"),
            compared_with=compared_with, notes=notes, warnings=warnings)
    return Comparison(document, None, compared_with, notes, may_be_cut, warnings)


def _locale_made(recorded, asked: str | None, job) -> str | None:
    """The locale the file was rendered with, when ``--locale asked`` writes dates otherwise
    (``en-GB``'s "Sept 2021" for ``en``'s "Sep 2021"); None when no locale was asked for, the
    file records nothing, or the two write months alike."""
    if not asked or recorded is None:
        return None
    from resume_builder.i18n import resolve_locale

    made = recorded.locale or resolve_locale(lang=recorded.lang, profile_locale=job.profile.locale,
                                             profile_lang=job.profile.lang)
    return made if _sample_month(made) != _sample_month(asked) else None


def _sample_month(locale: str) -> str:
    """September 2021 as ``locale`` writes it in a résumé's dates."""
    from resume_builder.i18n import labels_for

    return labels_for(locale).format_month(2021, 9)


def _recorded_theme(recorded, profile: Path, notes: list[str]) -> str | None:
    """The theme the file records, when it can be found here: the page budget's cuts depend on
    it. Else None (the profile's own), and a note that the cuts may differ."""
    from resume_builder.theming import find_theme

    if recorded is None or not recorded.theme:
        return None
    try:
        find_theme(recorded.theme, profile_folder=profile.parent)
    except UserError:
        notes.append(f"the theme {recorded.theme} the file was rendered in is not found here, so its page budget "
                     "is re-applied in the profile's own theme, and what it cuts may differ")
        return None
    return recorded.theme


def _recorded_posting(profile: Path, recorded) -> tuple[Path | None, str | None]:
    """The posting ``recorded.job`` names (relative to the profile's folder), and what is wrong
    with it in plain words when it is gone or no longer the posting the file was tailored to."""
    from resume_builder.provenance import file_sha256

    import os

    path = profile.parent / recorded.job
    shown = os.path.normpath(path)  # as the user would name it: profiles/../acme.md is acme.md
    try:
        digest = file_sha256(path)
    except OSError:
        return None, f"the file was tailored to the job posting {shown}, which is not there now"
    if recorded.job_sha256 and digest != recorded.job_sha256:
        return None, f"the job posting {shown} has changed since the file was tailored to it"
    return path, None


@dataclass
class Comparison:
    """What ``check --profile`` compares the file with: the document (None: nothing is
    compared, and ``first`` says why), a result shown first, what was compared (for people),
    notes said before the results, section keys the page budget may have cut, and the
    warnings reading the profile gave (on standard error, as ``render`` prints them)."""

    document: Any = None
    first: Any = None
    compared_with: str | None = None
    notes: list[str] = field(default_factory=list)
    may_be_cut: frozenset[str] = frozenset()
    warnings: list[str] = field(default_factory=list)  # about the profile, as render gives them


def show_report(report) -> None:
    """Print a report: the file, one line per check with its reason, and the verdict."""
    from resume_builder.console import out

    out(report.summary())
    for result in report.checks:
        mark, style = ("✓", "green") if result.passed else ("✗", "red")
        out(f"  {mark} {result.name}: {result.detail}", style=style)
    out(report.verdict(), style="green" if report.passed else "red")


def _example_value(option: str) -> str:
    """``option`` with an example value, for the hint of an option that needs --profile."""
    return {"--variant": "--variant platform", "--lang": "--lang de", "--locale": "--locale de-CH",
            "--letter": "--letter platform", "--job": "--job posting.md", "--max-pages": "--max-pages 2"}[option]
