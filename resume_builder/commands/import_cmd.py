"""`resume-builder import`: a JSON Resume file as a readable, commented YAML profile."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from resume_builder.commands.common import user_errors


def import_profile(
    source: Path = typer.Argument(..., help="A JSON Resume file (resume.json), or LinkedIn's data export (.zip)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o",
                                          help="YAML profile to write. Default: standard output."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing output file."),
    group_roles: bool = typer.Option(False, "--group-roles",
                                     help="Group consecutive work items with the same company name as "
                                          "that company's roles (export writes them back one per role)."),
) -> None:
    """Import a JSON Resume file or a LinkedIn data export (.zip) as a YAML profile; comments mark what had no
    direct equivalent."""
    from resume_builder.console import err, out

    with user_errors():
        from resume_builder.overwrite import guard_output

        guard_output(output, force=force, inputs=[source])
        skipped: list[str] = []
        if source.suffix.lower() == ".zip":  # LinkedIn's "Download your data" archive
            from resume_builder.importing.linkedin import import_linkedin_export

            result = import_linkedin_export(source)
            skipped = [*(f"skipped: {line}" for line in result.skipped),
                       *([f"not in the archive: {', '.join(result.missing)}"] if result.missing else [])]
        else:
            from resume_builder.interop.jsonresume_import import import_json_resume

            result = import_json_resume(source, group_roles=group_roles)
        if output is not None:
            from resume_builder.output import write_atomic

            write_atomic(output, result.text.encode("utf-8"))
    for warning in result.warnings:
        err(f"warning: {warning}", style="yellow")
    for line in skipped:
        err(line)
    if output is None:
        typer.echo(result.text, nl=False)
    else:
        out(f"wrote {output}: check it with 'resume-builder validate {output}'")
