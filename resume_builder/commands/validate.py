"""`resume-builder validate`: check profiles, report every problem with its location."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from resume_builder.commands.common import given_path, input_format_option, profile_or_default
from resume_builder.errors import EXIT_USER_ERROR, UserError


def validate(
    profiles: Optional[List[Path]] = typer.Argument(
        None, parser=given_path, help="Profile files (YAML, JSON or JSON Resume). Default: profile.yaml if it is here, else profiles/example.yaml."),
    outline: bool = typer.Option(False, "--outline", help="Also print the sections and entries found."),
    input_format: Optional[str] = input_format_option(),
    strict: bool = typer.Option(False, "--strict",
                                help="Warnings fail too (exit 2): for CI, where a warning goes unread."),
) -> None:
    """Check profiles against the schema; every problem is shown as FILE:LINE:COL."""
    from resume_builder.console import err, out, show_user_error
    from resume_builder import pipeline
    from resume_builder.document import clean
    from resume_builder.loading import load_profile
    from resume_builder.outline import outline_lines

    failed = False
    for path in profiles or [profile_or_default(None)]:
        try:
            loaded = load_profile(path, input_format=input_format.lower() if input_format else None)
            _check_other_languages(loaded, input_format.lower() if input_format else None)
            pipeline.check_theme(loaded)  # the theme named and its options, as render reads them
            _image, photo_warnings = pipeline.profile_photo(loaded.profile, loaded)  # found, and an image, as render reads it
        except UserError as error:
            show_user_error(error)
            failed = True
            continue
        kind = {"jsonresume": " (JSON Resume)", "json": "", "yaml": ""}[loaded.format]
        warnings = [*loaded.warnings, *photo_warnings]
        if strict and warnings:
            for warning in warnings:
                err(f"error: {warning}", style="red")
            count = f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''}"
            err(f"✗ {path}{kind}: {count}, which --strict counts as errors", style="red")
            failed = True
            continue
        out(f"✓ {path}{kind}: valid", style="green")
        for warning in warnings:
            err(f"warning: {warning}", style="yellow")
        if outline:  # its texts as the résumé prints them: the bidi controls warned of left out
            for line in outline_lines(loaded.profile):
                out(clean(line))
    if failed:
        raise typer.Exit(EXIT_USER_ERROR)


def _check_other_languages(loaded, input_format: str | None) -> None:
    """Load the profile once more in every other language it gives text in.

    A text given per language (``headline: {en: ..., de: ...}``) is checked against the schema
    only in the language it is read in, so a wrongly typed German headline would otherwise pass
    ``validate`` and fail only at ``render --lang de``. Raises the first language's UserError.
    """
    from resume_builder.loading import load_profile

    languages = sorted({lang for texts in loaded.translations.values() for lang in texts} - {loaded.lang})
    for lang in languages:
        load_profile(loaded.path, lang=lang, input_format=input_format)
