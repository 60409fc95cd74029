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
                                      "experience/education entries are all there, in order."),
    variant: Optional[str] = typer.Option(None, "--variant", "-V", help="The variant the file was made from "
                                                                        "(needs --profile)."),
    json_output: bool = typer.Option(False, "--json", help="Print a machine-readable JSON report."),
    input_format: Optional[str] = input_format_option(),
) -> None:
    """Prove an ATS can read the file: text extraction only, each check pass/fail with its reason.

    Exit 0 when every check passes, 1 when any fails, 2 when the file cannot be read.
    """
    from resume_builder.checking import run_checks

    with user_errors():
        if variant is not None and profile is None:
            raise UserError("--variant needs --profile", hint="e.g. --profile profiles/example.yaml --variant platform")
        document = None
        if profile is not None:
            from resume_builder import pipeline

            document = pipeline.prepare(profile, variant=variant,
                                        input_format=input_format.lower() if input_format else None).document
        report = run_checks(file, document)

    if json_output:
        typer.echo(report.to_json())
    else:
        show_report(report)
    if not report.passed:
        raise typer.Exit(EXIT_CHECK_FAILED)


def show_report(report) -> None:
    """Print a report: the file, one line per check with its reason, and the verdict."""
    from resume_builder.console import out

    out(report.summary())
    for result in report.checks:
        mark, style = ("✓", "green") if result.passed else ("✗", "red")
        out(f"  {mark} {result.name}: {result.detail}", style=style)
    out(report.verdict(), style="green" if report.passed else "red")
