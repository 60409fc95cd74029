"""`resume-builder import`: a JSON Resume or RenderCV file, LinkedIn's data export (.zip), or a PDF or DOCX
résumé, as a readable, commented YAML profile (which one a file is: resume_builder/importing/kinds.py; a
YAML or JSON file with RenderCV's top-level `cv`, resume_builder/loading/other_tools.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from resume_builder.commands.common import dash_means_stdout, file_name, given_path, user_errors


def import_profile(
    source: Path = typer.Argument(..., parser=given_path, help="A JSON Resume file (resume.json), a RenderCV file (cv.yaml), LinkedIn's "
                                            "data export (.zip), or a PDF or DOCX résumé."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", parser=file_name,
                                          help="YAML profile to write ('-' or none: standard output)."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing output file."),
    group_roles: bool = typer.Option(False, "--group-roles",
                                     help="JSON Resume: group consecutive work items with the same company name as "
                                          "that company's roles (export writes them back one per role). "
                                          "LinkedIn's export, RenderCV files and PDF/DOCX group roles without it."),
    lines: bool = typer.Option(False, "--lines",
                               help="PDF/DOCX: print the document's lines, numbered as the '# check:' "
                                    "comments name them, and write nothing (refused for other files)."),
) -> None:
    """Import a JSON Resume or RenderCV file, a LinkedIn export (.zip), or a PDF or DOCX résumé, as a YAML profile.

    Comments mark what had no direct equivalent (JSON Resume, RenderCV: kept under meta and
    listed as 'not placed') or what the importer guessed (PDF, DOCX: '# check: guessed from
    line N'); text it could not place is kept in a custom section "Unsorted". A confidence
    summary per section is printed.
    """
    from resume_builder.console import command, err, out

    output = dash_means_stdout(output)
    with user_errors():
        from resume_builder.importing.kinds import DOCX, JSONRESUME, LINKEDIN, PDF, input_kind

        kind = input_kind(source)
        if lines and kind not in (PDF, DOCX) and source.is_file():
            raise _lines_refused(source, kind)
    if group_roles and kind != JSONRESUME:
        err(f"warning: {_no_grouping(kind)}", style="yellow")
    if kind in (PDF, DOCX):
        _import_document(source, output, force=force, lines=lines)
        return
    with user_errors():
        from resume_builder.overwrite import guard_output

        guard_output(output, force=force, inputs=[source])
        skipped: list[str] = []
        if kind == LINKEDIN:  # LinkedIn's "Download your data" archive
            from resume_builder.importing.linkedin import import_linkedin_export

            result = import_linkedin_export(source)
            skipped = [*(f"skipped: {line}" for line in result.skipped),
                       *([f"not in the archive: {', '.join(result.missing)}"] if result.missing else [])]
        else:
            from resume_builder.interop.jsonresume_import import import_json_resume
            from resume_builder.loading.other_tools import is_rendercv
            from resume_builder.loading.profile_loader import load_source

            original = load_source(source)
            if is_rendercv(original.data):
                from resume_builder.importing.rendercv import import_rendercv

                if group_roles:
                    err("warning: --group-roles has no effect on a RenderCV file: jobs in a row at one company "
                        "become its roles without it", style="yellow")
                result = import_rendercv(original, source, output.parent if output is not None else Path.cwd())
                skipped = result.report
            else:
                result = import_json_resume(source, group_roles=group_roles, original=original)
        if output is not None:
            from resume_builder.output import write_atomic

            write_atomic(output, result.text.encode("utf-8"), folder_hint="choose another -o")
    for warning in getattr(result, "warnings", ()):
        err(f"warning: {warning}", style="yellow")
    for line in skipped:
        err(line)
    if output is None:
        from resume_builder.console import write

        write(result.text)
    else:
        out(f"wrote {output}: check it with: {command('validate', output)}")


def _lines_refused(source: Path, kind: str):
    """The UserError for ``--lines`` on a file that is no PDF or DOCX (``kind``: ``linkedin`` or
    ``jsonresume``): it promises to write nothing, so importing anyway would do what was not asked."""
    from resume_builder.console import command
    from resume_builder.errors import UserError

    what = ("LinkedIn's data export (tables, with no lines to number)" if kind == "linkedin"
            else "a JSON Resume or RenderCV file (a text file: its messages name its own lines)")
    return UserError(f"--lines prints the lines of a PDF or DOCX résumé; {source} is {what}",
                     hint=f"import it without --lines: {command('import', source)}")


def _no_grouping(kind: str) -> str:
    """Why ``--group-roles`` changes nothing for ``kind`` (``pdf``, ``docx`` or ``linkedin``)."""
    if kind == "linkedin":
        return ("--group-roles has no effect on LinkedIn's data export: positions in a row at one company "
                "become its roles without it")
    return (f"--group-roles has no effect on a {kind.upper()} résumé (it groups a JSON Resume's work items): "
            "a company heading over several roles is read as that company's roles without it")


def _import_document(source: Path, output: Optional[Path], *, force: bool, lines: bool) -> None:
    """A PDF or DOCX résumé (resume_builder/importing/document/)."""
    from resume_builder.console import command, err, out

    with user_errors():
        from resume_builder.importing.document.build import import_document, numbered_lines, read_lines

        if lines:
            _, found = read_lines(source)
            from resume_builder.console import write

            write(numbered_lines(found))  # closed standard output: exit 141
            return
        from resume_builder.overwrite import guard_output

        guard_output(output, force=force, inputs=[source])
        result = import_document(source)
        if output is not None:
            from resume_builder.output import write_atomic

            write_atomic(output, result.text.encode("utf-8"), folder_hint="choose another -o")
    for line in result.report.lines():
        err(line)
    if result.report.defeated:
        err(f"warning: this layout defeated the importer ({'; '.join(result.report.reasons)}): "
            "every value is marked '# check:'; compare the profile with the document", style="yellow")
    if output is None:
        from resume_builder.console import write

        write(result.text)
    else:
        out(f"wrote {output}: check the '# check:' values, then run: {command('validate', output)}")
