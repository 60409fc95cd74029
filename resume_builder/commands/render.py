"""`resume-builder render`: one profile (or variant) to PDF, HTML, PNG, DOCX, Markdown or text."""

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
from resume_builder.wording import file_size


def render(
    profile: Optional[Path] = typer.Argument(None, parser=given_path, help="Profile file. Default: profile.yaml if it is here, else profiles/example.yaml."),
    formats: Optional[List[str]] = formats_option(),
    theme: Optional[str] = theme_option(),
    theme_dir: Optional[Path] = theme_dir_option(),
    option: List[str] = theme_options_option(),
    output: Optional[Path] = typer.Option(None, "--output", "-o", parser=file_name,
                                          help="Output file (one format only; '-' for standard output)."),
    out_dir: Optional[Path] = typer.Option(None, "--out-dir", parser=given_folder, help="Folder for outputs named <profile>.<ext> "
                                                                   "(default: output); not with -o."),
    variant: Optional[str] = typer.Option(None, "--variant", "-V", help="Variant name or variant file."),
    all_variants: bool = typer.Option(False, "--all-variants",
                                      help="Render every variant declared in the profile, each to <profile>-<variant>.<ext>."),
    lang: Optional[str] = typer.Option(None, "--lang", help="Language of texts given in several, e.g. de."),
    locale: Optional[str] = typer.Option(None, "--locale",
                                         help="Headings, month names and dates, e.g. de, en-GB. Default: the language."),
    max_pages: Optional[int] = max_pages_option("Page budget: tighten, then cut the least relevant content."),
    job_posting: Optional[Path] = typer.Option(None, "--job", parser=given_path,
                                               help="Job posting that ranks what --max-pages cuts."),
    check: bool = typer.Option(False, "--check", help="Run the ATS check on the PDF/DOCX written; exit 1 if it fails."),
    timeout: float = timeout_option(DEFAULT_TIMEOUT, "Stop a render that runs longer than this many seconds "
                                                    "(0: no limit; at most a day)."),
    input_format: Optional[str] = input_format_option(),
    public: bool = typer.Option(False, "--public", help="A public copy: no phone, e-mail, street address, photo, "
                                                        "references or anything marked private; written as "
                                                        "<profile>-public.<ext>."),
    no_server: bool = typer.Option(False, "--no-server",
                                   help="Render in this process even when a 'resume-builder serve' is running."),
) -> None:
    """Render a profile; files are written atomically under output/.

    When a `resume-builder serve` runs for this folder (its state file is in the output
    folder), it renders (warm, much faster) and this command writes the same bytes.
    """
    import dataclasses

    from resume_builder import pipeline
    from resume_builder.console import err, out
    from resume_builder.limits import memory_limit, time_limit
    from resume_builder.progress import working

    with user_errors():
        formats = format_names(formats, output)
        if output is not None and (len(formats) > 1 or all_variants):
            raise UserError("-o/--output names one file, but several formats or variants were asked for",
                            hint="use --out-dir instead")
        if output is not None and out_dir is not None:
            raise UserError("-o names the file to write and --out-dir a folder for default names: give one",
                            hint=f"write -o {out_dir / output.name}" if str(output) != "-" else "drop --out-dir")
        out_dir = out_dir if out_dir is not None else Path("output")
        to_stdout = output is not None and str(output) == "-"
        if to_stdout:
            refuse_closed_stdout()  # started with standard output closed (``>&-``): before any work
        if output is not None and not to_stdout:
            from resume_builder.output import check_destination

            pipeline.check_extension(output, formats[0])
            check_destination(output)  # before rendering: a FIFO or /dev/stdout is refused at once
        if output is None:
            from resume_builder.output import check_folder

            check_folder(out_dir if out_dir is not None else Path("output"), option="--out-dir (or -o)",
                         standard_output=True)
        if to_stdout and check:
            raise UserError("--check reads the file written, and -o - writes none", hint="write to a file with -o")
        if to_stdout and _is_binary(formats[0]) and sys.stdout.isatty():
            raise UserError(f"will not write {formats[0].upper()} bytes to a terminal",
                            hint="redirect standard output to a file or a pipe, e.g. -o - > cv.pdf")
        if to_stdout:  # the document goes to stdout: every message goes to stderr
            out = err  # noqa: F811
        if all_variants and variant is not None:
            raise UserError("--all-variants and --variant do not go together", hint="choose one")
        path = profile_or_default(profile, variant)
        names = _declared_variants(path, input_format) if all_variants else [variant]
        request = pipeline.RenderRequest(
            profile=path, lang=lang, locale=locale, theme=theme, theme_dir=theme_dir,
            options=pipeline.parse_option_overrides(option), formats=tuple(formats), output=output,
            out_dir=out_dir, max_pages=max_pages, posting=job_posting,
            input_format=input_format.lower() if input_format else None, public=public)
        if output is not None and not to_stdout:  # before any work: -o names a file the render reads
            from resume_builder.overwrite import refuse_inputs

            refuse_inputs([output], pipeline.read_files(dataclasses.replace(request, variant=variant)))
        jobs, outputs, removed = [], [], []
        handed = None if no_server or check else _hand_to_server(request, names, out_dir, output, timeout)
        for job in handed or []:
            for warning in job.warnings:
                err(f"warning: {warning}", style="yellow")
            for message in job.messages:
                out(message)
            outputs += job.outputs
            jobs += [job] * len(job.outputs)
        with working(f"rendering {path}") as status:
            for name in names if handed is None else []:
                # One hostile profile or theme cannot hang the machine: a time and a memory cap
                # (resume_builder/limits.py); nothing is written unless every render finished.
                with time_limit(timeout, f"rendering {path}" + (f" (variant {name})" if name else "")), memory_limit():
                    job = pipeline.prepare(dataclasses.replace(request, variant=name))
                    for warning in job.warnings:
                        err(f"warning: {warning}", style="yellow")
                    for message in job.messages:
                        out(message)
                    for fmt in formats:
                        status(f"rendering {path}" + (f" (variant {name})" if name else "") + f": {fmt}")
                        rendered = pipeline.render(job, fmt, pipeline.output_path(job, fmt, out_dir, output))
                        outputs += rendered
                        jobs += [job] * len(rendered)
        if to_stdout:
            _write_stdout(outputs)
        else:
            if output is None:  # a default name never replaces an output made from other inputs
                from resume_builder.replacing import guard_replacements

                guard_replacements(outputs)
            pipeline.write(outputs, pipeline.read_files(dataclasses.replace(request, variant=variant), jobs))
            removed = pipeline.stale_pages(outputs)
            for stale in removed:
                stale.unlink(missing_ok=True)
    from resume_builder.i18n import normalize_tag

    for item, job in zip(outputs, jobs):
        pages = f", {item.pages} page{'s' if item.pages != 1 else ''}" if item.pages and item.format == "pdf" else ""
        tailored = f", tailored to {job_posting.name}" if job_posting is not None else \
            f", page budget {max_pages}" if max_pages else ""
        if request.lang:
            tailored += f", language {request.lang}"
        if request.locale and normalize_tag(request.locale) != normalize_tag(request.lang or ""):
            tailored += f", locale {request.locale}"  # --lang de --locale de: said once, as the language
        if public:
            tailored += ", public copy"
        theme = job.theme_name if hasattr(job, "theme_name") else job.theme.name
        out(f"wrote {'standard output' if to_stdout else item.path} ({file_size(len(item.data))}{pages}, theme {theme}{tailored})")
        for warning in item.warnings:
            err(f"warning: {warning}", style="yellow")
    for stale in removed:
        out(f"removed {stale}: a page of an earlier render, which had more pages")
    if check:
        with working("checking what was written"):
            reports = _run_checks(outputs, jobs)
        _show_checks(reports)


def _hand_to_server(request, names, out_dir: Path, output: Optional[Path], timeout: float):
    """The render done by a running `serve` (resume_builder/serving/handoff.py), or None to
    render here. Its state file is in the output folder (``output/`` when ``-o`` names a file)."""
    from resume_builder.serving.handoff import render_via_server

    from resume_builder.console import err

    return render_via_server(request, names, state_dir=out_dir if output is None else Path("output"),
                             timeout=timeout or None, notice=lambda text: err(f"note: {text}"))


def _is_binary(fmt: str) -> bool:
    from resume_builder.formats import TABLE

    return fmt not in TABLE or TABLE[fmt].binary


def _write_stdout(outputs) -> None:
    """``-o -``: the one output's bytes to standard output. A reader that closes it before they
    are all written ends the command with exit 141, saying nothing (click made it 1, which means
    a check failed)."""
    if len(outputs) != 1:
        raise UserError(f"standard output takes one file, but this render made {len(outputs)} "
                        "(a PNG has one file per page)", hint="write them with --out-dir instead")
    stream = sys.stdout.buffer
    try:
        left = memoryview(outputs[0].data)
        while left:  # unbuffered (PYTHONUNBUFFERED, python -u), one write may take only a part
            left = left[stream.write(left) or 0:]
        stream.flush()
    except BrokenPipeError:  # the reader closed it early (``| head``): quietly, as a Unix tool ends
        from resume_builder.console import stdout_closed

        stdout_closed()


def _declared_variants(path: Path, input_format: str | None = None) -> list[str]:
    from resume_builder.loading import load_profile

    names = list(load_profile(path, input_format=input_format.lower() if input_format else None).profile.variants)
    if not names:
        raise UserError(f"{path} declares no variants", hint="add a 'variants:' block, or drop --all-variants")
    return names


def _run_checks(outputs, jobs) -> list:
    """`render --check`: the ATS check on every PDF and DOCX just written."""
    from resume_builder.checking import run_checks
    from resume_builder.formats import CHECKABLE

    return [run_checks(item.path, document=job.document) for item, job in zip(outputs, jobs)
            if item.format in CHECKABLE]


def _show_checks(reports: list) -> None:
    from resume_builder.commands.check import show_report
    from resume_builder.errors import EXIT_CHECK_FAILED

    for report in reports:
        show_report(report)
    if not all(report.passed for report in reports):
        raise typer.Exit(EXIT_CHECK_FAILED)
