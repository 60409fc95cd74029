"""`resume-builder serve`: a live preview in the browser, and a warm renderer for render/build."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from resume_builder.commands.common import (given_folder, given_path, input_format_option, port_option,
                                            profile_or_default, refuse_what_no_save_fixes, theme_dir_option,
                                            theme_option, theme_options_option, user_errors)
from resume_builder.errors import EXIT_INTERRUPTED, EXIT_TERMINATED, Terminated


def serve(
    profile: Optional[Path] = typer.Argument(None, parser=given_path, help="Profile file. Default: profile.yaml if it is here, else profiles/example.yaml."),
    variant: Optional[str] = typer.Option(None, "--variant", "-V", help="Variant name or variant file."),
    job: Optional[Path] = typer.Option(None, "--job", parser=given_path, help="Job posting: show its coverage report beside the pages."),
    port: Optional[int] = port_option("Port on 127.0.0.1 (default 8719, or a free one if taken; 0: any free one)."),
    open_browser: bool = typer.Option(False, "--open", help="Open the page in the default browser."),
    theme: Optional[str] = theme_option("Theme name (switchable in the page)."),
    theme_dir: Optional[Path] = theme_dir_option(),
    option: List[str] = theme_options_option(),
    out_dir: Path = typer.Option(Path("output"), "--out-dir", parser=given_folder,
                                 help="Output folder of the project (holds the state file render/build look for)."),
    input_format: Optional[str] = input_format_option(),
) -> None:
    """Preview the résumé in the browser, live as you edit.

    While it runs, render and build in the same folder hand their work to it (same bytes).
    """
    from resume_builder.console import out
    from resume_builder.serving.app import run
    from resume_builder.serving.preview import Preview

    with user_errors():
        path = profile_or_default(profile, variant)
        refuse_what_no_save_fixes(path, list(option), out_dir=out_dir, variant=variant, theme=theme,
                                  theme_dir=theme_dir, input_format=input_format.lower() if input_format else None)
        if job is not None and not job.is_file():
            from resume_builder.loading.source import read_text

            read_text(job, "job posting")  # raises as render's and letter's --job do: not found, a folder
        preview = Preview(path, variant=variant, theme=theme, theme_dir=theme_dir, options=list(option),
                          out_dir=out_dir, input_format=input_format.lower() if input_format else None,
                          coverage=_coverage(job) if job is not None else None, posting=job)
        try:
            run(preview, port=port, out_dir=out_dir, open_browser=open_browser, say=out)
        except KeyboardInterrupt as stop:  # Ctrl-C: 130; SIGTERM: 143, as every command (README)
            raise typer.Exit(EXIT_TERMINATED if isinstance(stop, Terminated) else EXIT_INTERRUPTED) from None


def _coverage(job: Path):
    """The coverage report of `tailor --job` for the preview's profile and variant, as JSON data."""

    def report(profile: Path, variant: str | None) -> dict:
        from resume_builder.commands.tailor import explain_match
        from resume_builder.loading.posting import read_posting
        from resume_builder.pipeline import builtin_vocabulary, select_variant
        from resume_builder.tailoring.keywords import extend, profile_extension
        from resume_builder.tailoring.posting import structure

        chosen = select_variant(profile, variant)
        vocab = extend(builtin_vocabulary(), profile_extension(chosen.base.profile, chosen.base.source))
        return explain_match(chosen, structure(read_posting(job)), vocab, job=job, profile=profile,
                             variant=variant, max_pages=None).to_dict()

    return report
