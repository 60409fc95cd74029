"""`resume-builder bundle`: the résumé and cover letter of one application, in one folder or zip."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from resume_builder.commands.common import (given_folder, given_path, input_format_option, max_pages_option,
                                            profile_or_default, theme_dir_option, theme_option, theme_options_option,
                                            timeout_option, user_errors)
from resume_builder.limits import DEFAULT_TIMEOUT


def bundle(
    profile: Optional[Path] = typer.Argument(None, parser=given_path, help="Profile file. Default: profile.yaml if it is here, else profiles/example.yaml."),
    variant: Optional[str] = typer.Option(None, "--variant", "-V", help="Variant name or variant file."),
    job_posting: Optional[Path] = typer.Option(None, "--job", parser=given_path, help="The job posting: ranks what the résumé's page "
                                                                   "budget cuts, fills the letter's placeholders, "
                                                                   "gives the coverage in application.json."),
    letter_name: Optional[str] = typer.Option(None, "--letter", "-L", metavar="NAME|FILE", help="Letter name or letter file. Default: "
                                                                           "the variant's letter, else the only one."),
    theme: Optional[str] = theme_option(),
    theme_dir: Optional[Path] = theme_dir_option(),
    option: List[str] = theme_options_option(),
    out_dir: Path = typer.Option(Path("output"), "--out-dir", parser=given_folder, help="Where the bundle goes."),
    zip_file: bool = typer.Option(False, "--zip", help="Write one reproducible zip instead of a folder."),
    lang: Optional[str] = typer.Option(None, "--lang", help="Language of texts given in several, e.g. de."),
    locale: Optional[str] = typer.Option(None, "--locale", help="Headings, dates, salutation and closing."),
    max_pages: Optional[int] = max_pages_option("The résumé's page budget (default: the variant's)."),
    check: bool = typer.Option(False, "--check", help="Run the ATS check on the PDFs and DOCX files; exit 1 if "
                                                      "one fails."),
    timeout: float = timeout_option(DEFAULT_TIMEOUT, "Stop a render that runs longer than this many seconds "
                                                    "(0: no limit; at most a day)."),
    input_format: Optional[str] = input_format_option(),
    public: bool = typer.Option(False, "--public", help="Public copies of the résumé and the letter (no phone, "
                                                        "e-mail, street address, photo, signature image...), as "
                                                        "'render --public'; the folder ends in -public-application."),
) -> None:
    """Bundle one application: résumé, cover letter, application.json."""
    from resume_builder import pipeline
    from resume_builder.building.bundle import make_bundle
    from resume_builder.console import err, out
    from resume_builder.limits import memory_limit, time_limit
    from resume_builder.progress import working
    from resume_builder.wording import count

    from resume_builder.output import check_folder

    with user_errors():
        check_folder(out_dir)  # a loop of links: said before the render, not after it
        request = pipeline.RenderRequest(
            profile=profile_or_default(profile, variant), variant=variant, lang=lang, locale=locale, theme=theme,
            theme_dir=theme_dir, options=pipeline.parse_option_overrides(option), out_dir=out_dir,
            max_pages=max_pages, posting=job_posting, input_format=input_format.lower() if input_format else None,
            public=public)
        with working("bundling the application"), time_limit(timeout, "bundling the application"), memory_limit():
            made = make_bundle(request, letter_name, zip_file=zip_file)
        for warning in dict.fromkeys([*made.resume.warnings, *made.letter.warnings]):
            err(f"warning: {warning}", style="yellow")
        for message in [*made.resume.messages, *made.letter.messages]:
            out(message)
        pipeline.write(made.outputs, standard_output=None, folder_hint="choose another --out-dir")  # no -o
    report = made.report
    addressed = ", ".join(v for v in report["addressed_to"].values() if v)
    out(f"wrote {made.path}{'' if zip_file else '/'} ({count(len(report['files']), 'file')} and application.json"
        + (f", for {addressed}" if addressed else "") + ")")
    cover = report.get("coverage")
    if cover:
        out(f"coverage of the posting: {cover['percent']}% of its terms ({cover['covered']} of {cover['total']}), "
            f"{cover['required_covered']} of {cover['required_total']} required; the full profile covers "
            f"{cover['full_profile_percent']}%")
    if check:
        _check(made, zip_file)


def _check(made, zip_file: bool) -> None:
    import tempfile

    from resume_builder.checking import run_checks
    from resume_builder.commands.render import _show_checks

    with tempfile.TemporaryDirectory() as scratch:
        if zip_file:
            import zipfile

            with zipfile.ZipFile(made.path) as archive:
                archive.extractall(scratch)
            folder = next(Path(scratch).iterdir())
        else:
            folder = made.path
        reports = []
        for entry in made.report["files"]:
            if entry["format"] in ("pdf", "docx"):
                job = made.resume if entry["document"] == "resume" else made.letter
                reports.append(run_checks(folder / entry["name"], document=job.document))
    _show_checks(reports)
