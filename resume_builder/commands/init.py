"""`resume-builder init`: write a commented starter profile."""

from __future__ import annotations

from pathlib import Path

import typer

from resume_builder.commands.common import file_name, user_errors
from resume_builder.errors import UserError


def init(
    path: Path = typer.Argument(Path("profile.yaml"), parser=file_name, help="Where to write the starter profile.", metavar="FILE"),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing file."),
) -> None:
    """Write a commented starter profile that validates, to edit into your own."""
    from importlib.resources import files

    from resume_builder.console import command, out
    from resume_builder.output import check_destination, write_atomic

    with user_errors():
        suffix = path.suffix.lower()
        if str(path) == "-":  # no standard output for init: it was "for example -.yaml" (trial)
            raise UserError("init writes a file, not standard output", hint=f"give a file name, e.g. {STARTER_NAME}")
        if path.is_dir():
            raise UserError(f"{path} is a folder", hint=f"name a file in it, e.g. {_shown(path / STARTER_NAME)}")
        # a FIFO or a device (/dev/null was "for example /dev/null.yaml": trial): refused with or
        # without --force, so the hint names neither --force nor an '-o -' init does not have (trial);
        # before the extension, which is no fix for it
        check_destination(path, standard_output=None)
        if suffix not in (".yaml", ".yml", ".json"):
            raise UserError(f"{path}: a profile is a .yaml, .yml or .json file",
                            hint=f"for example {_shown(path.with_suffix('.yaml'))}: YAML keeps the starter's comments")
        if path.exists() and not force:
            raise UserError(f"{path} already exists", hint="choose another path or pass --force")
        text = files("resume_builder").joinpath("starter.yaml").read_text(encoding="utf-8")
        if suffix == ".json":  # the same profile as JSON (which has no comments: the guidance stays in YAML)
            text = _as_json(text)
        else:  # the starter's own instructions name the file it was written to
            text = text.replace(f"resume-builder validate {STARTER_NAME}", f"resume-builder validate {_shown(path)}")
        write_atomic(path, text.encode("utf-8"), standard_output=None, folder_hint="name another path")
    out(f"wrote {path}: edit it, then run: {command('validate', path)}"
        + (" (JSON has no comments: 'init profile.yaml' writes the starter with its guidance)"
           if suffix == ".json" else ""))


def _as_json(yaml_text: str) -> str:
    """The starter's data as indented JSON (dates as the strings the YAML holds)."""
    import json

    from ruamel.yaml import YAML

    data = YAML(typ="safe", pure=True).load(yaml_text)
    return json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"


STARTER_NAME = "profile.yaml"  # read when no profile is named (loading/profile_loader.py: STARTER_PROFILE)


def _shown(path: Path) -> str:
    """``path`` as typed in a shell (quoted when it holds spaces or shell characters)."""
    import shlex

    return shlex.quote(str(path))
