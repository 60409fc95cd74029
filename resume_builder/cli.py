"""The command-line interface: parse arguments, call the pipeline, report.

Commands are registered explicitly and import heavy libraries (pydantic, WeasyPrint,
python-docx) inside their bodies, so ``resume-builder --help`` stays instant.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, List, Optional

import typer

from resume_builder.errors import EXIT_INTERRUPTED, EXIT_USER_ERROR, UserError

DEFAULT_PROFILE = Path("profiles/example.yaml")

app = typer.Typer(
    name="resume-builder",
    help="Turn one validated profile into tailored PDF, DOCX, HTML, Markdown and text résumés.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@contextmanager
def user_errors() -> Iterator[None]:
    """Show a UserError as clear messages and exit 2; let bugs keep their traceback."""
    try:
        yield
    except UserError as error:
        from resume_builder.console import show_user_error

        show_user_error(error)
        raise typer.Exit(EXIT_USER_ERROR) from None
    except KeyboardInterrupt:
        from resume_builder.console import err

        err("interrupted")
        raise typer.Exit(EXIT_INTERRUPTED) from None


def _profile_arg(path: Optional[Path]) -> Path:
    return path if path is not None else DEFAULT_PROFILE


def validate(
    profiles: Optional[List[Path]] = typer.Argument(
        None, help="Profile files (YAML, JSON or JSON Resume). Default: profiles/example.yaml."),
    outline: bool = typer.Option(False, "--outline", help="Also print the sections and entries found."),
) -> None:
    """Check profiles against the schema; every problem is shown as FILE:LINE:COL."""
    from resume_builder.console import out, show_user_error
    from resume_builder.loading import load_profile
    from resume_builder.outline import outline_lines

    failed = False
    for path in profiles or [DEFAULT_PROFILE]:
        try:
            loaded = load_profile(path)
        except UserError as error:
            show_user_error(error)
            failed = True
            continue
        kind = {"jsonresume": " (JSON Resume)", "json": "", "yaml": ""}[loaded.format]
        out(f"✓ {path}{kind}: valid", style="green")
        if outline:
            for line in outline_lines(loaded.profile):
                out(line)
    if failed:
        raise typer.Exit(EXIT_USER_ERROR)


def schema(
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to this file instead of stdout."),
) -> None:
    """Print the JSON Schema of the profile, for editors and other tools."""
    from resume_builder.schema.json_schema import profile_schema_text

    text = profile_schema_text()
    with user_errors():
        if output is None:
            sys.stdout.write(text)
        else:
            from resume_builder.output import write_atomic

            write_atomic(output, text.encode("utf-8"))


def init(
    path: Path = typer.Argument(Path("profile.yaml"), help="Where to write the starter profile."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing file."),
) -> None:
    """Write a commented starter profile that validates, to edit into your own."""
    from importlib.resources import files

    from resume_builder.console import out
    from resume_builder.output import write_atomic

    with user_errors():
        if path.exists() and not force:
            raise UserError(f"{path} already exists", hint="choose another path or pass --force")
        text = files("resume_builder").joinpath("starter.yaml").read_text(encoding="utf-8")
        write_atomic(path, text.encode("utf-8"))
    out(f"wrote {path}: edit it, then run 'resume-builder validate {path}'")


app.command("validate")(validate)
app.command("schema")(schema)
app.command("init")(init)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", help="Show the version and exit.", is_eager=True),
) -> None:
    if version:
        from resume_builder import __version__

        typer.echo(f"resume-builder {__version__}")
        raise typer.Exit(0)


def main() -> None:
    """Console-script entry point."""
    try:
        app(prog_name="resume-builder")
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(EXIT_INTERRUPTED)
