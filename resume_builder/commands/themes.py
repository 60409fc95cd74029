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
        rows = [(name, source, folder, description, problem or _template_problem(folder))
                for name, source, folder, description, problem in finder.listing()]
    width = max((len(r[0]) for r in rows), default=4)
    for name, source, _folder, description, problem in rows:
        if problem:  # one broken theme does not hide the others
            out(f"{name:<{width}}  BROKEN: {problem}  [{source}]")
        else:
            out(f"{name:<{width}}  {description}  [{source}]")


def _template_problem(folder: Optional[Path]) -> str:
    """The first template of the theme in ``folder`` (its own ``templates/``, read as a render
    reads it: contained in the folder) that does not compile, as ``FILE:LINE: ...``; "" if none.
    Compiling runs nothing of the template: a syntax error, not a runtime one, is found here."""
    if folder is None or not (folder / "templates").is_dir():
        return ""
    from jinja2 import TemplateError

    from resume_builder.errors import UserError
    from resume_builder.render.html import template_environment

    env = template_environment(((folder / "templates", folder),))
    for path in sorted((folder / "templates").glob("*.j2")):
        try:
            env.get_template(path.name)
        except TemplateError as exc:
            line = f":{exc.lineno}" if getattr(exc, "lineno", None) else ""
            return f"{path}{line}: {getattr(exc, 'message', None) or exc}"
        except (UserError, OSError, UnicodeDecodeError) as exc:  # a symlink out of the folder, unreadable
            return f"{path}: {exc}"
    return ""
