"""`resume-builder init`: write a commented starter profile."""

from __future__ import annotations

from pathlib import Path

import typer

from resume_builder.commands.common import user_errors
from resume_builder.errors import UserError


def init(
    path: Path = typer.Argument(Path("profile.yaml"), help="Where to write the starter profile.", metavar="FILE"),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing file."),
) -> None:
    """Write a commented starter profile that validates, to edit into your own."""
    from importlib.resources import files

    from resume_builder.console import out, program
    from resume_builder.output import write_atomic

    with user_errors():
        if path.exists() and not force:
            raise UserError(f"{path} already exists", hint="choose another path or pass --force")
        text = files("resume_builder").joinpath("starter.yaml").read_text(encoding="utf-8")
        # The starter's own instructions name the file it was written to.
        text = text.replace(f"resume-builder validate {STARTER_NAME}", f"resume-builder validate {_shown(path)}")
        write_atomic(path, text.encode("utf-8"))
    out(f"wrote {path}: edit it, then run '{program()} validate {_shown(path)}'")


STARTER_NAME = "profile.yaml"


def _shown(path: Path) -> str:
    """``path`` as typed in a shell (quoted when it holds spaces or shell characters)."""
    import shlex

    return shlex.quote(str(path))
