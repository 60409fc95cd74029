"""`resume-builder watch`: re-render whenever the profile, variant or theme changes."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from resume_builder.commands.common import (format_names, given_folder, given_path, input_format_option,
                                            profile_or_default, refuse_what_no_save_fixes, theme_dir_option,
                                            theme_option, theme_options_option, user_errors)
from resume_builder.errors import EXIT_INTERRUPTED


def watch(
    profile: Optional[Path] = typer.Argument(None, parser=given_path, help="Profile file. Default: profile.yaml if it is here, else profiles/example.yaml."),
    formats: List[str] = typer.Option(["pdf"], "--format", "-f", help="Formats to keep fresh; repeatable."),
    theme: Optional[str] = theme_option(),
    theme_dir: Optional[Path] = theme_dir_option(),
    option: List[str] = theme_options_option(),
    variant: Optional[str] = typer.Option(None, "--variant", "-V", help="Variant name or variant file."),
    out_dir: Path = typer.Option(Path("output"), "--out-dir", parser=given_folder, help="Folder for outputs."),
    input_format: Optional[str] = input_format_option(),
    public: bool = typer.Option(False, "--public", help="Keep the public copy fresh (no private details)."),
) -> None:
    """Keep one warm process and re-render on every change; errors are shown, not fatal."""
    from resume_builder.watching import Watcher

    with user_errors():
        from resume_builder.pipeline import check_format

        formats = format_names(formats)  # as render reads -f
        for fmt in formats:
            check_format(fmt)  # no save can fix it
        path = profile_or_default(profile, variant)
        refuse_what_no_save_fixes(path, list(option), out_dir=out_dir, variant=variant, theme=theme,
                                  theme_dir=theme_dir, input_format=input_format.lower() if input_format else None,
                                  public=public)
        watcher = Watcher(path, formats=formats, theme=theme, theme_dir=theme_dir,
                          options=option, variant=variant, out_dir=out_dir,
                          input_format=input_format.lower() if input_format else None, public=public)
        try:
            watcher.run()
        except KeyboardInterrupt:
            raise typer.Exit(EXIT_INTERRUPTED) from None
