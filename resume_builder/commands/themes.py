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
        rows = [(name, source, folder, description, problem or _template_problem(folder, finder, name))
                for name, source, folder, description, problem in finder.listing()]
    width = max((len(r[0]) for r in rows), default=4)
    for name, source, _folder, description, problem in rows:
        if problem:  # one broken theme does not hide the others
            out(f"{name:<{width}}  BROKEN: {problem}  [{source}]")
        else:
            out(f"{name:<{width}}  {description}  [{source}]")


def _template_problem(folder: Optional[Path], finder=None, name: str = "") -> str:
    """The first template of the theme in ``folder`` (its own ``templates/``, read as a render
    reads it: contained in the folder) that does not compile, or that includes, imports or
    extends by name a template the theme (with what it extends) does not have, as
    ``FILE:LINE: ...``; "" if none. Compiling runs nothing of the template: a syntax error or a
    missing template named in it is found here, not a runtime error."""
    if folder is None or not (folder / "templates").is_dir():
        return ""
    from jinja2 import TemplateError, TemplateNotFound, nodes

    from resume_builder.errors import UserError
    from resume_builder.render.html import template_environment
    from resume_builder.render.sandbox import BrokenTemplate

    own = template_environment(((folder / "templates", folder),))
    try:  # the templates it can name: its own, then those of the themes it extends
        every = template_environment(tuple(finder.find(name).template_roots())) if finder is not None else None
    except UserError:  # a theme it extends is broken (listed as such) or missing: names are not checked
        every = None
    for path in sorted((folder / "templates").glob("*.j2")):
        try:
            source = own.loader.get_source(own, path.name)[0]  # read once, parsed once, compiled from the tree
            tree = own.parse(source, path.name, str(path))
            own.compile(tree, path.name, str(path))
            for node in tree.find_all((nodes.Include, nodes.Extends, nodes.Import, nodes.FromImport)):
                named = node.template.value if isinstance(node.template, nodes.Const) else None
                if every is None or not isinstance(named, str) or \
                        isinstance(node, nodes.Include) and node.ignore_missing:
                    continue  # a name computed at render time, or an include allowed to be missing
                try:
                    every.loader.get_source(every, named)
                except TemplateNotFound:
                    return f"{path}:{node.lineno}: names the template '{named}', which the theme does not have"
        except BrokenTemplate as exc:  # a FIFO, a folder, a link to nothing where a template goes
            return f"{path} {exc.said}"
        except TemplateError as exc:
            line = f":{exc.lineno}" if getattr(exc, "lineno", None) else ""
            return f"{path}{line}: {getattr(exc, 'message', None) or exc}"
        except (UserError, OSError, UnicodeDecodeError) as exc:  # a symlink out of the folder, unreadable
            return f"{path}: {exc}"
    return ""
