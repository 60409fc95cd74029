"""The command-line interface: commands are registered explicitly, one module each.

Command modules import heavy libraries (pydantic, WeasyPrint, python-docx) inside their
functions, so ``resume-builder --help`` stays instant.
"""

from __future__ import annotations

import sys

from resume_builder.errors import EXIT_INTERRUPTED, EXIT_TERMINATED, Terminated

# Ctrl-C while the command is still starting (importing its modules) ends it as Ctrl-C does
# later: "interrupted", exit 130, no traceback (trial).
try:
    import typer

    from resume_builder.commands import build as build_command
    from resume_builder.commands import bundle as bundle_command
    from resume_builder.commands import check as check_command
    from resume_builder.commands import export as export_command
    from resume_builder.commands import import_cmd as import_command
    from resume_builder.commands import init as init_command
    from resume_builder.commands import letter as letter_command
    from resume_builder.commands import render as render_command
    from resume_builder.commands import schema as schema_command
    from resume_builder.commands import serve as serve_command
    from resume_builder.commands import tailor as tailor_command
    from resume_builder.commands import themes as themes_command
    from resume_builder.commands import validate as validate_command
    from resume_builder.commands import watch as watch_command
    from resume_builder.commands.help_format import Command
except KeyboardInterrupt:
    sys.stderr.write("interrupted\n")
    sys.exit(EXIT_INTERRUPTED)

app = typer.Typer(
    name="resume-builder",
    help="Turn one validated profile into tailored PDF, DOCX, HTML, Markdown and text résumés.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

def _read_by_us(callback):
    """``callback`` with typer's own readability check of its path parameters turned off:
    it printed click's three-line usage error ("Invalid value for 'PROFILE': path … is not
    readable"), where our readers say it as every other mistake, one located line, exit 2."""
    import inspect

    for parameter in inspect.signature(callback).parameters.values():
        if getattr(parameter.default, "readable", None) is True:
            parameter.default.readable = False
    return callback


for _callback in (render_command.render, letter_command.letter, bundle_command.bundle, check_command.check,
                  build_command.build, validate_command.validate, schema_command.schema, tailor_command.tailor,
                  watch_command.watch, serve_command.serve, themes_command.themes, import_command.import_profile,
                  export_command.export, init_command.init):
    _read_by_us(_callback)

app.command("render", cls=Command)(render_command.render)
app.command("letter", cls=Command)(letter_command.letter)
app.command("bundle", cls=Command)(bundle_command.bundle)
app.command("check", cls=Command)(check_command.check)
app.command("build", cls=Command)(build_command.build)
app.command("validate", cls=Command)(validate_command.validate)
app.command("schema", cls=Command)(schema_command.schema)
app.command("tailor", cls=Command)(tailor_command.tailor)
app.command("watch", cls=Command)(watch_command.watch)
app.command("serve", cls=Command)(serve_command.serve)
app.command("themes", cls=Command)(themes_command.themes)
app.command("import", cls=Command)(import_command.import_profile)
app.command("export", cls=Command)(export_command.export)
app.command("init", cls=Command)(init_command.init)


def _show_version(value: bool) -> None:
    """``--version``: print it and exit 0, while the options are read (before a command is required)."""
    if value:
        from resume_builder import __version__

        typer.echo(f"resume-builder {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", help="Show the version and exit.", is_eager=True,
                                 callback=_show_version),
) -> None:
    """Global options (``--version``) are handled by their callbacks."""


def main() -> None:
    """Console-script entry point."""
    try:
        app(prog_name="resume-builder")
    except SystemExit as stop:
        # click's own answer to a reader gone while it printed (help, --version): exit 1, which
        # the README gives to a failed check, with the streams swapped for quiet wrappers
        if stop.code == 1 and type(sys.stdout).__name__ == "PacifyFlushWrapper":
            from resume_builder.errors import EXIT_BROKEN_PIPE

            sys.exit(EXIT_BROKEN_PIPE)
        raise
    except KeyboardInterrupt as stop:
        sys.stderr.write("interrupted\n")
        sys.exit(EXIT_TERMINATED if isinstance(stop, Terminated) else EXIT_INTERRUPTED)
    except BrokenPipeError as exc:
        # The reader of a message went away before it was written (`render --bogus 2>&1 | true`):
        # the exit code is the mistake's (2 for click's usage errors), not Python's 1 for the
        # traceback nobody can read; a closed pipe otherwise ends as every command's does, 141.
        import os

        from resume_builder.errors import EXIT_BROKEN_PIPE

        for stream in (sys.stdout, sys.stderr):  # Python's flush at exit has nothing to fail on
            if stream is not None:
                try:
                    os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
                except (OSError, ValueError):
                    pass
        context = exc.__context__  # click's error, whichever copy of click typer runs on
        clicks = any(kind.__name__ == "ClickException" for kind in type(context).__mro__)
        sys.exit(context.exit_code if clicks else EXIT_BROKEN_PIPE)
    except PermissionError as exc:  # a file the user gave that this user may not read or write
        if not exc.filename:
            raise
        from resume_builder.errors import visible

        sys.stderr.write(f"error: {visible(os.fsdecode(exc.filename))}: {exc.strerror or 'permission denied'} "
                         "(check the file's and its folder's permissions)\n")
        sys.exit(2)
