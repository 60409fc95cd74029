"""`resume-builder check`: read a PDF or DOCX as an applicant tracking system does, and judge it."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from resume_builder.commands.common import input_format_option, user_errors
from resume_builder.errors import EXIT_CHECK_FAILED, UserError


def check(
    file: Path = typer.Argument(..., help="The résumé to check: a .pdf or .docx file."),
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
    job_posting: Optional[Path] = typer.Option(None, "--job", help="A letter's job posting: check that it names "
                                                                   "the posting's company and position (needs "
                                                                   "--profile)."),
    json_output: bool = typer.Option(False, "--json", help="Print a machine-readable JSON report."),
    input_format: Optional[str] = input_format_option(),
) -> None:
    """Prove an ATS can read the file: text extraction only, each check pass/fail with its reason.

    Exit 0 when every check passes, 1 when any fails, 2 when the file cannot be read.
    """
    from resume_builder.checking import run_checks
    from resume_builder.progress import working

    compared_with = None
    with user_errors():
        given = [name for name, value in (("--variant", variant), ("--lang", lang), ("--locale", locale),
                                          ("--letter", letter), ("--job", job_posting)) if value]
        if given and profile is None:
            raise UserError(f"{' and '.join(given)} need{'s' if len(given) == 1 else ''} --profile",
                            hint="e.g. --profile profiles/example.yaml --lang de")
        with working(f"checking {file}"):
            document, language_result, compared_with = None, None, None
            if profile is not None:
                document, language_result, compared_with = _compared_document(file, profile, variant, lang, locale,
                                                                              input_format, letter, job_posting)
            report = run_checks(file, document)
        if language_result is not None:
            report.checks.insert(0, language_result)

    if json_output:
        import json

        data = report.to_dict()
        if compared_with:  # with --profile: what the file was compared with
            data["compared_with"] = compared_with
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        if compared_with:
            from resume_builder.console import out

            out(f"compared with {compared_with}")
        show_report(report)
    if not report.passed:
        raise typer.Exit(EXIT_CHECK_FAILED)


def _compared_document(file: Path, profile: Path, variant: str | None, lang: str | None, locale: str | None,
                       input_format: str | None = None, letter: str | None = None, posting: Path | None = None):
    """The document to compare ``file`` with, a failing 'language' check when the file's
    language is not the document's (then nothing is compared: every heading and date would
    differ for that one reason), and a description of what was compared.

    Options given win; the rest come from what ``render`` recorded in the file, when the
    file was rendered from a profile of this name."""
    from resume_builder import pipeline
    from resume_builder.checking.checks import CheckResult
    from resume_builder.checking.origin import language_name, primary_language, read_origin
    from resume_builder.provenance import Provenance
    from resume_builder.loading.variants import looks_like_file

    origin = read_origin(file)
    recorded = origin.provenance
    if recorded is not None and recorded.profile != profile.name:
        from resume_builder.console import err

        err(f"note: {file} was rendered from {recorded.profile}, not {profile.name}: its recorded variant, "
            "language and locale are not used", style="yellow")
        recorded = None
    if recorded is not None:
        if variant is None and recorded.variant:
            variant = str(profile.parent / recorded.variant) if looks_like_file(recorded.variant) \
                else recorded.variant
        lang = lang or recorded.lang
        locale = locale or recorded.locale
        input_format = input_format or recorded.input_format
    request = pipeline.RenderRequest(profile=profile, variant=variant, lang=lang, locale=locale,
                                     input_format=input_format.lower() if input_format else None)
    if letter is None and recorded is not None and recorded.document == "letter":
        letter = str(profile.parent / recorded.letter) if recorded.letter and looks_like_file(recorded.letter) \
            else recorded.letter
    if letter is not None or posting is not None:  # a cover letter: compared with the letter's document
        import dataclasses

        from resume_builder import letter_pipeline

        document = letter_pipeline.prepare_letter(dataclasses.replace(request, posting=posting), letter).document
    else:
        document = pipeline.prepare(request).document
    shown_variant = recorded.variant if recorded is not None and variant and recorded.variant and \
        variant.endswith(recorded.variant) else variant
    compared_with = Provenance(profile.name, shown_variant, lang, locale,
                               letter=getattr(document, "kind", None) == "letter" and (letter or "letter") or None
                               ).describe() + (f", posting {posting.name}" if posting is not None else "")
    ours = document.metadata.language
    theirs = origin.language
    if theirs and primary_language(theirs) != primary_language(ours):
        hint = f"--lang {primary_language(theirs)}" if lang is None else f"--lang {primary_language(theirs)} " \
            f"(not {lang})"
        return None, CheckResult(
            "language", False,
            f"the file is in {language_name(theirs)}, but {profile.name} was read in {language_name(ours)}: "
            f"its headings, dates and texts cannot match, so they were not compared; check it with {hint}"), \
            compared_with
    return document, None, compared_with


def show_report(report) -> None:
    """Print a report: the file, one line per check with its reason, and the verdict."""
    from resume_builder.console import out

    out(report.summary())
    for result in report.checks:
        mark, style = ("✓", "green") if result.passed else ("✗", "red")
        out(f"  {mark} {result.name}: {result.detail}", style=style)
    out(report.verdict(), style="green" if report.passed else "red")
