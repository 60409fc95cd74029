"""`resume-builder letter`: a cover letter in the résumé's design (PDF, DOCX, HTML, Markdown, text)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from resume_builder.commands.common import (file_name, format_names, formats_option, given_folder, given_path,
                                            input_format_option, max_pages_option, profile_or_default,
                                            refuse_closed_stdout, theme_dir_option, theme_option, theme_options_option,
                                            timeout_option, user_errors)
from resume_builder.errors import UserError
from resume_builder.limits import DEFAULT_TIMEOUT


def letter(
    profile: Optional[Path] = typer.Argument(None, parser=given_path, help="Profile file. Default: profile.yaml if it is here, "
                                                        "else profiles/example.yaml (or the profile a letter file names)."),
    letter_name: Optional[str] = typer.Option(None, "--letter", "-L", metavar="NAME|FILE",
                                              help="A letter under 'letters:' in the profile, or a letter file. "
                                                   "Default: the variant's letter, else the profile's only one."),
    variant: Optional[str] = typer.Option(None, "--variant", "-V", help="Variant name or variant file."),
    job_posting: Optional[Path] = typer.Option(None, "--job", parser=given_path, help="Job posting: its company and title fill the "
                                                                   "letter's company and position placeholders."),
    formats: Optional[List[str]] = formats_option(),
    theme: Optional[str] = theme_option(),
    theme_dir: Optional[Path] = theme_dir_option(),
    option: List[str] = theme_options_option(),
    output: Optional[Path] = typer.Option(None, "--output", "-o", parser=file_name,
                                          help="Output file (one format only; '-' for standard output)."),
    out_dir: Optional[Path] = typer.Option(None, "--out-dir", parser=given_folder, help="Folder for outputs named "
                                                                   "<profile>-letter-<name>.<ext> (default: output)."),
    lang: Optional[str] = typer.Option(None, "--lang", help="Language of texts given in several, e.g. de."),
    locale: Optional[str] = typer.Option(None, "--locale", help="Salutation, closing and date format, e.g. "
                                                                "de, en-GB. Default: the language."),
    max_pages: Optional[int] = max_pages_option("Page budget (default: the letter's max_pages, 1): tighten, never "
                                                "cut."),
    check: bool = typer.Option(False, "--check", help="Run the ATS check on the PDF/DOCX written; exit 1 if it fails."),
    timeout: float = timeout_option(DEFAULT_TIMEOUT, "Stop a render that runs longer than this many seconds "
                                                    "(0: no limit; at most a day)."),
    input_format: Optional[str] = input_format_option(),
    public: bool = typer.Option(False, "--public", help="The letter of the public copy: no phone, e-mail, street "
                                                        "address or signature image, as 'render --public'; written "
                                                        "as <profile>-public-letter-<name>.<ext>."),
) -> None:
    """Render a cover letter in the résumé's design; files are written atomically."""
    from resume_builder import letter_pipeline, pipeline
    from resume_builder.commands.render import _is_binary, _write_stdout
    from resume_builder.console import err, out
    from resume_builder.limits import memory_limit, time_limit
    from resume_builder.progress import working

    with user_errors():
        formats = format_names(formats, output)
        if output is not None and len(formats) > 1:
            raise UserError("-o/--output names one file, but several formats were asked for",
                            hint="use --out-dir instead")
        if output is not None and out_dir is not None:
            raise UserError("-o names the file to write and --out-dir a folder for default names: give one",
                            hint=f"write -o {out_dir / output.name}" if str(output) != "-" else "drop --out-dir")
        to_stdout = output is not None and str(output) == "-"
        if to_stdout:
            refuse_closed_stdout()  # started with standard output closed (``>&-``): before any work
        if output is not None and not to_stdout:
            from resume_builder.output import check_destination

            pipeline.check_extension(output, formats[0])
            check_destination(output)
        if output is None:
            from resume_builder.output import check_folder

            check_folder(out_dir if out_dir is not None else Path("output"), option="--out-dir (or -o)",
                         standard_output=True)
        if to_stdout and check:
            raise UserError("--check reads the file written, and -o - writes none", hint="write to a file with -o")
        if to_stdout and _is_binary(formats[0]) and sys.stdout.isatty():
            raise UserError(f"will not write {formats[0].upper()} bytes to a terminal",
                            hint="redirect standard output to a file or a pipe, e.g. -o - > letter.pdf")
        if to_stdout:
            out = err  # noqa: F811
        # A letter file names its profile: with no PROFILE, that one (not the default profile).
        path = profile if profile is not None or _is_file(letter_name) else profile_or_default(None, variant)
        request = pipeline.RenderRequest(
            profile=path, variant=variant, lang=lang, locale=locale, theme=theme, theme_dir=theme_dir,
            options=pipeline.parse_option_overrides(option), formats=tuple(formats), output=output,
            out_dir=out_dir if out_dir is not None else Path("output"), max_pages=max_pages, posting=job_posting,
            input_format=input_format.lower() if input_format else None, public=public)
        letter_file = [Path(letter_name)] if _is_file(letter_name) else []
        if output is not None and not to_stdout:  # before any work: -o names a file the letter reads
            from resume_builder.overwrite import refuse_inputs

            refuse_inputs([output], pipeline.read_files(request, extra=letter_file))
        with working("rendering the letter") as status:
            with time_limit(timeout, "rendering the letter"), memory_limit():
                job = letter_pipeline.prepare_letter(request, letter_name)
                for warning in job.warnings:
                    err(f"warning: {warning}", style="yellow")
                for message in job.messages:
                    out(message)
                outputs = []
                for fmt in formats:
                    status(f"rendering the letter: {fmt}")
                    outputs += pipeline.render(job, fmt, pipeline.output_path(job, fmt, request.out_dir, output))
        if to_stdout:
            _write_stdout(outputs)
        else:
            if output is None:  # a default name never replaces an output made from other inputs
                from resume_builder.replacing import guard_replacements

                guard_replacements(outputs)
            pipeline.write(outputs, pipeline.read_files(request, [job], letter_file))
    for item in outputs:
        pages = f", {item.pages} page{'s' if item.pages != 1 else ''}" if item.pages and item.format == "pdf" else ""
        addressed = ", ".join(part for part in (job.document.position, job.document.company) if part)
        out(f"wrote {'standard output' if to_stdout else item.path} ({len(item.data) // 1024 or 1} KiB{pages}, "
            f"theme {job.theme.name}" + (f", for {addressed}" if addressed else "") + ")")
        for warning in item.warnings:
            err(f"warning: {warning}", style="yellow")
    if check:
        from resume_builder.checking import run_checks
        from resume_builder.commands.render import _show_checks
        from resume_builder.formats import CHECKABLE

        with working("checking what was written"):
            reports = [run_checks(item.path, document=job.document) for item in outputs
                       if item.format in CHECKABLE]
        _show_checks(reports)


def _is_file(letter_name: Optional[str]) -> bool:
    if letter_name is None:
        return False
    from resume_builder.loading.variants import looks_like_file

    return looks_like_file(letter_name)
