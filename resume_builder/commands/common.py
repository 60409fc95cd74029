"""Shared helpers for command modules: turning UserErrors into exit codes, defaults."""

from __future__ import annotations

import errno
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

import typer

from resume_builder.errors import EXIT_INTERRUPTED, EXIT_TERMINATED, EXIT_USER_ERROR, Terminated, UserError
from resume_builder.limits import PAGES, SECONDS, WORKERS, Amount, reads_as_zero


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
    except OSError as error:
        # A name longer than the file system takes (255 bytes a part, on Linux) is the user's, at
        # whichever call first meets it: pathlib's exists() and is_file() raise for it (they pass
        # over only ENOENT, ENOTDIR, EBADF and ELOOP), which ended a dozen commands in a
        # traceback (trial). Every other OSError keeps its traceback.
        if error.errno != errno.ENAMETOOLONG:
            raise
        from resume_builder.console import show_user_error

        show_user_error(name_too_long(error.filename))
        raise typer.Exit(EXIT_USER_ERROR) from None


def name_too_long(name: object) -> UserError:
    """The UserError for a file name the file system refuses as too long (``ENAMETOOLONG``):
    the name, its middle left out past 80 characters, and the limits (Linux: 255 bytes for
    each part of a path, ``NAME_MAX``; 4,096 for the whole, ``PATH_MAX``)."""
    text = os.fsdecode(name) if isinstance(name, (str, bytes, os.PathLike)) else "a file name"
    shown = text if len(text) <= 80 else f"{text[:50]}…{text[-25:]} ({len(text.encode('utf-8', 'replace')):,} bytes)"
    return UserError(f"{shown}: the name is too long for the file system",
                     hint="a file or folder name may have at most 255 bytes, a whole path 4,096; choose a shorter name")


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


def format_names(formats: Optional[list[str]], output: Optional[Path] = None) -> list[str]:
    """``-f`` values as every command reads them: lower case, without a leading dot, each once
    (``-f PDF -f .pdf`` is ``["pdf"]``); none given: the format ``-o``'s extension names
    (``-o cv.docx``), else PDF. Unknown names are kept for the command to refuse."""
    from resume_builder.formats import format_of_extension

    if not formats:
        formats = [(format_of_extension(output.suffix) if output is not None else None) or "pdf"]
    return list(dict.fromkeys(fmt.lower().lstrip(".") for fmt in formats))


def theme_option(help: str = "Theme name (see 'resume-builder themes')."):
    """``--theme``/``-t``: a theme by name."""
    return typer.Option(None, "--theme", "-t", help=help)


def theme_dir_option():
    """``--theme-dir``: a theme from a folder (its boundary: resume_builder.containment)."""
    return typer.Option(None, "--theme-dir", parser=given_folder, help="Use the theme in this folder.")


def theme_options_option():
    """``-O KEY=VALUE``: theme options given on the command line (the last word in
    :func:`resume_builder.pipeline.theme_options`'s precedence)."""
    return typer.Option([], "--option", "-O", help="Theme option KEY=VALUE, e.g. -O font_size=10.")


def timeout_option(default: float | None, help: str):
    """``--timeout SECONDS``: a time limit from 0 (none) to :data:`~resume_builder.limits.MAX_TIMEOUT`.

    A negative number, ``nan``, ``inf``, a number past a day (``1e999``) or a text that is not
    a plain number (``1_0``) is refused as a bad option value (exit 2), in the words of
    :data:`~resume_builder.limits.SECONDS`, quoting the value as typed; ``inf`` ended
    in an OverflowError traceback when the limit was armed."""
    return typer.Option(default, "--timeout", parser=_seconds, metavar="SECONDS", help=help)


def jobs_option(help: str):
    """``--jobs N``/``-j``: worker processes, 0 (one per core) up to
    :data:`~resume_builder.limits.MAX_JOBS`, refused as :func:`timeout_option`'s value is, in the
    words of :data:`~resume_builder.limits.WORKERS` (``1_0`` was read as 10: trial); ``min`` and
    ``max`` only show the bounds in the help (``[from 0 to 256]``): the parser checks them first."""
    return typer.Option(None, "--jobs", "-j", parser=_workers, min=WORKERS.least, max=WORKERS.most, metavar="N",
                        help=help)


def max_pages_option(help: str):
    """``--max-pages N``: a page budget from 1 to :data:`~resume_builder.limits.MAX_PAGES`, refused
    as :func:`timeout_option`'s value is, in the words of :data:`~resume_builder.limits.PAGES`
    (``1_0`` was read as 10 and ``99999999999999999999`` accepted: trial); ``min`` and ``max`` only
    show the bounds in the help, as for :func:`jobs_option`."""
    return typer.Option(None, "--max-pages", parser=_pages, min=PAGES.least, max=PAGES.most, metavar="N",
                        help=help)


def _number(value: str | float, amount: Amount) -> float:
    """``value`` as written on the command line, a number of ``amount``'s kind: Python's float (a
    whole number: int) syntax without its digit separators (``1_0``). A default (a number)
    passes as it is.

    Raises ``typer.BadParameter`` in ``amount``'s words (:class:`~resume_builder.limits.Amount`),
    quoting the value as typed."""
    if isinstance(value, (int, float)):
        return value
    text = str(value).strip()
    try:
        if "_" in text or not text.isascii():  # int() reads 1_0 as 10 and full-width ２ as 2
            raise ValueError(text)
        number: float = int(text) if amount.whole else float(text)
    except ValueError:
        if not (amount.whole and text.isascii() and text.lstrip("+-").isdecimal()):
            raise typer.BadParameter(amount.not_a_number(repr(value))) from None
        number = float("-inf" if text.startswith("-") else "inf")  # more digits than int() reads
    if number == 0 and reads_as_zero(text):  # 1e-400 read as 0: no limit
        raise typer.BadParameter(amount.too_small(text))
    refusal = amount.refusal(number, shown=text)
    if refusal:
        raise typer.BadParameter(refusal)
    return number


def given_path(value: str | Path) -> Path:
    """A path argument of a file to read (a profile, a file to check or import);
    ``typer.BadParameter`` for an empty one, which ``Path`` reads as ``.`` (``validate ""``
    said ".: is a folder, not a file": trial)."""
    if isinstance(value, Path):
        return value
    if not str(value).strip():
        raise typer.BadParameter("the name is empty; name the file")
    return Path(value)


def given_folder(value: str | Path) -> Path:
    """A folder option (``--out-dir``, ``--theme-dir``); ``typer.BadParameter`` for an empty one,
    which ``Path`` reads as ``.`` (``--out-dir ""`` wrote into the current folder: trial)."""
    if isinstance(value, Path):
        return value
    if not str(value).strip():
        raise typer.BadParameter("the name is empty; name a folder")
    return Path(value)


def file_name(value: str | Path) -> Path:
    """A path option or argument that names a file to write (``-o``, ``--write-variant``,
    ``init FILE``); ``typer.BadParameter`` for one that ends in a slash (``-o out/`` wrote a
    file named ``out``: ``Path`` drops the slash, so it is read here, as typed: trial) or
    names ``.`` or ``..``, which are folders whatever is there."""
    if isinstance(value, Path):
        return value
    text = str(value)
    if text.endswith(("/", os.sep)) or Path(text).name in ("", ".", ".."):
        raise typer.BadParameter(f"{text!r} names a folder, not a file; give the file's name, "
                                 f"e.g. {text.rstrip('/' + os.sep) or '.'}{os.sep}NAME")
    return Path(text)


def port_option(help: str):
    """``serve --port N``: 0 to 65535, in ASCII digits only (``1_0`` was port 10: trial)."""
    return typer.Option(None, "--port", parser=_port, min=0, max=65535, metavar="N", help=help)


def _port(value: str | int) -> int:
    """``--port``'s value; ``typer.BadParameter`` for what is not a whole number from 0 to 65535
    (click's own range check does not run on a value a parser gave: 70000 reached bind())."""
    if isinstance(value, int):
        return value
    text = str(value).strip()
    if not (text.isascii() and text.isdecimal() and int(text) <= 65535):
        raise typer.BadParameter(f"must be a port number from 0 to 65535, e.g. 8719, not {value!r}")
    return int(text)


def _seconds(value: str | float) -> float:
    """``--timeout``'s value: :func:`_number` of :data:`~resume_builder.limits.SECONDS`."""
    return _number(value, SECONDS)


def _workers(value: str | int) -> int:
    """``--jobs``' value: :func:`_number` of :data:`~resume_builder.limits.WORKERS`."""
    return int(_number(value, WORKERS))


def _pages(value: str | int) -> int:
    """``--max-pages``' value: :func:`_number` of :data:`~resume_builder.limits.PAGES`."""
    return int(_number(value, PAGES))


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


def refuse_what_no_save_fixes(path: Path, options: list[str], *, out_dir: Path, **request: object) -> None:
    """End `serve` or `watch` at once (a UserError, exit 2) for a mistake in the command line
    itself: an ``--out-dir`` that cannot hold outputs (a file, a FIFO, a link to nothing: it
    was a traceback from serve and a wait no save could end from watch), a profile that is not there (a typo far more often than a file still to be written), an
    ``-O`` that is not KEY=VALUE, or what the first render refuses in the command line
    alone (newcomer trials): an ``-O`` key or value the theme refuses (``-O font_size=99``),
    a ``--theme`` no search finds, a ``--theme-dir`` that is not there, a ``--variant`` the
    profile does not declare or a variant file that is not there. Those problems have no
    place in a file; a mistake inside a file has one, and is shown in the page instead until
    a save fixes it (so is a command-line mistake that only a good profile lets us see: it
    shows once the profile loads).
    """
    from resume_builder import pipeline
    from resume_builder.loading.source import read_text
    from resume_builder.output import check_folder

    check_folder(out_dir)
    if not path.is_file():
        read_text(path)  # raises: not found (with a "did you mean"), a folder, unreadable
    overrides = pipeline.parse_option_overrides(options)  # raises for what is not KEY=VALUE
    theme_dir = request.get("theme_dir")
    if isinstance(theme_dir, Path) and not theme_dir.is_dir():
        from resume_builder.theming import read_manifest

        read_manifest(theme_dir)  # raises: no such theme folder, a file
    try:
        pipeline.prepare(pipeline.RenderRequest(profile=path, options=overrides, **request))  # type: ignore[arg-type]
    except UserError as error:
        variant = request.get("variant")  # a variant file named on the command line, not there
        given = [problem for problem in error.problems if problem.location is None or problem.from_command_line
                 or variant is not None and problem.location.line is None and problem.location.file == str(variant)]
        if given and (len(given) == len(error.problems) or any(p.from_command_line for p in given)):
            raise UserError(given) from None
