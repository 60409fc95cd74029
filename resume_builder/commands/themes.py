"""`resume-builder themes`: list the themes that can be found, with where they come from."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from resume_builder.commands.common import user_errors


def themes(
    theme_dir: Optional[Path] = typer.Option(None, "--theme-dir", help="Also list the theme in this folder."),
) -> None:
    """List available themes: name, description and source (first match wins).

    A theme in ./themes with the name of a built-in or installed theme is listed as NOT
    USED: it is used only when given by path (--theme-dir themes/NAME).
    """
    from resume_builder.console import out
    from resume_builder.theming import ThemeFinder

    with user_errors():
        finder = ThemeFinder(theme_dir=theme_dir, search_dirs=[Path.cwd()])
        rows = finder.listing()
    width = max((len(r[0]) for r in rows), default=4)
    for name, source, _folder, description, problem in rows:
        if problem:  # one broken theme does not hide the others
            out(f"{name:<{width}}  BROKEN: {problem}  [{source}]")
        else:
            out(f"{name:<{width}}  {description}  [{source}]")
