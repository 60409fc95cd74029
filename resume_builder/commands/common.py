"""Shared helpers for command modules: turning UserErrors into exit codes, defaults."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

import typer

from resume_builder.errors import EXIT_INTERRUPTED, EXIT_TERMINATED, EXIT_USER_ERROR, Terminated, UserError


@contextmanager
def user_errors() -> Iterator[None]:
    """Show a UserError as clear messages and exit 2; let bugs keep their traceback."""
    try:
        yield
    except UserError as error:
        from resume_builder.console import show_user_error

        show_user_error(error)
        raise typer.Exit(EXIT_USER_ERROR) from None
    except KeyboardInterrupt as stop:
        from resume_builder.console import err

        err("interrupted")
        raise typer.Exit(EXIT_TERMINATED if isinstance(stop, Terminated) else EXIT_INTERRUPTED) from None


def dash_means_stdout(output: Optional[Path]) -> Optional[Path]:
    """``-o -`` is standard output, as for ``render``: None (print), else ``output`` (a file).
    ``schema`` and ``import`` wrote a file named '-' (trial)."""
    return None if output is not None and str(output) == "-" else output


def refuse_closed_stdout() -> None:
    """``-o -`` when the command started with standard output closed (``>&-``): a UserError
    before any work (it was an AttributeError traceback in ``letter``: trial)."""
    import sys

    if sys.stdout is None:
        raise UserError("standard output is closed, so '-o -' has nowhere to write",
                        hint="give -o FILE, or run it with its output sent to a file or a pipe")


def formats_option():
    """``-f``: output formats, repeatable; the default comes from ``-o``'s extension."""
    return typer.Option(None, "--format", "-f", help="pdf, html, png, docx, md or txt; repeat for several. "
                                                     "Default: the extension of -o, else pdf.")


def theme_option(help: str = "Theme name (see 'resume-builder themes')."):
    """``--theme``/``-t``: a theme by name."""
    return typer.Option(None, "--theme", "-t", help=help)


def theme_dir_option():
    """``--theme-dir``: a theme from a folder (its boundary: resume_builder.containment)."""
    return typer.Option(None, "--theme-dir", help="Use the theme in this folder.")


def theme_options_option():
    """``-O KEY=VALUE``: theme options given on the command line (the last word in
    :func:`resume_builder.pipeline.theme_options`'s precedence)."""
    return typer.Option([], "--option", "-O", help="Theme option KEY=VALUE, e.g. -O font_size=10.")


def timeout_option(default: float | None, help: str):
    """``--timeout SECONDS``: a time limit from 0 (none) to :data:`~resume_builder.limits.MAX_TIMEOUT`.

    A negative number, ``nan``, ``inf``, a number past a day (``1e999``) or a text that is not
    a plain number (``1_0``) is refused as a bad option value (exit 2), in the words of
    :func:`~resume_builder.limits.timeout_refusal`, quoting the value as typed; ``inf`` ended
    in an OverflowError traceback when the limit was armed."""
    return typer.Option(default, "--timeout", parser=_seconds, metavar="SECONDS", help=help)


def _seconds(value: str | float) -> float:
    """A number of seconds as written on the command line: Python's float syntax without its
    digit separators (``1_0``), refused with :func:`~resume_builder.limits.timeout_refusal`."""
    from resume_builder.limits import timeout_refusal

    if isinstance(value, float):
        return value
    text = str(value).strip()
    try:
        if "_" in text:
            raise ValueError(text)
        seconds = float(text)
    except ValueError:
        raise typer.BadParameter("must be a number of seconds, e.g. 30 or 2.5 (0: no limit), "
                                 f"not {value!r}") from None
    refusal = timeout_refusal(seconds, shown=text)
    if refusal:
        raise typer.BadParameter(refusal)
    return seconds


def input_format_option():
    """``--from``: state the profile's format where content cannot tell (``{"awards": []}``)."""
    return typer.Option(None, "--from", help="Input format: 'profile' (ours) or 'jsonresume' (JSON Resume "
                                             "v1.0.0). Default: told apart by content.",
                        case_sensitive=False, metavar="FORMAT")


def profile_or_default(path: Optional[Path], variant: Optional[str] = None) -> Path:
    """``path``; else, when ``variant`` is a variant file, the profile its ``profile:`` line
    names (relative to the variant file, as ``tailor`` reads it); else the default profile
    (:func:`resume_builder.loading.profile_loader.default_profile`: the ``profile.yaml`` that
    ``init`` writes, else the example).

    Raises UserError (located) when the variant file is unreadable or invalid, or names a
    profile that is not there."""
    if path is not None:
        return path
    from resume_builder.loading.variants import base_profile_path, load_variant_file, looks_like_file

    if variant is not None and looks_like_file(variant):
        chosen, doc = load_variant_file(variant)
        return base_profile_path(chosen, Path(variant), doc)
    from resume_builder.loading.profile_loader import default_profile

    return default_profile()
