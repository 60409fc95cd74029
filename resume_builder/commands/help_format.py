"""Help text a person can read: plain metavars (FILE, NAME, N) instead of Python types.

Typer shows parameter types as ``<list[str]>``, ``<int range>`` or ``<path>``, required
arguments as ``{file}`` and ranges as ``[x>=1]``. Every command is registered with
:class:`Command`, which gives each parameter a metavar from :data:`METAVARS` (or one derived
from its type), writes usage as ``FILE`` / ``[PROFILE]`` / ``[PROFILE]...`` (the
convention of POSIX utility syntax and of click's own usage lines) and ranges in words
("at least 1"). ``tests/commands/test_help.py`` walks every command's ``--help``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import typer

from typer.core import TyperArgument, TyperCommand, TyperOption

#: Metavars by parameter name (the Python name of the option or argument).
METAVARS = {
    "profile": "PROFILE", "profiles": "PROFILE", "file": "FILE", "source": "FILE", "path": "FILE",
    "formats": "FORMAT", "theme": "NAME", "theme_dir": "FOLDER", "option": "KEY=VALUE", "output": "FILE",
    "out_dir": "FOLDER", "variant": "NAME|FILE", "lang": "LANG", "locale": "LOCALE", "max_pages": "N",
    "job_posting": "FILE", "job": "FILE", "timeout": "SECONDS", "config": "FILE", "jobs": "N", "only": "GLOB",
    "write_variant": "FILE", "keywords": "FILE", "to": "FORMAT",
}


#: One line per command for ``resume-builder --help`` (the docstrings' first lines are longer
#: than the command list allows, and were cut off mid-sentence with '...').
SHORT_HELP = {
    "render": "Render a profile to PDF, DOCX, HTML, PNG, Markdown or text.",
    "letter": "Render a cover letter in the résumé's design.",
    "bundle": "Bundle one application: résumé, cover letter, application.json.",
    "check": "Check that an applicant tracking system can read a PDF or DOCX.",
    "build": "Build every target of resume-builder.toml, each checked.",
    "validate": "Check profiles; every problem with its line and column.",
    "schema": "Print the profile's JSON Schema.",
    "tailor": "Match a profile against a job posting.",
    "watch": "Re-render on every change of the profile or theme.",
    "themes": "List the themes and where each comes from.",
    "import": "Import JSON Resume, a LinkedIn export, or a PDF or DOCX résumé.",
    "export": "Export a profile as JSON Resume.",
    "init": "Write a commented starter profile.",
}


def metavar_for(param: Any) -> str:
    """The metavar of ``param``: from :data:`METAVARS`, else from its type."""
    if param.name in METAVARS:
        return METAVARS[param.name]
    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    if annotation is Path:
        return "FILE"
    if annotation is int:
        return "N"
    if annotation is float:
        return "NUMBER"
    return (param.name or "value").upper()


def describe_range(low: Any, high: Any) -> str | None:
    """A number range in words: 'at least 1', 'at most 9', 'from 1 to 9'."""
    if low is None and high is None:
        return None
    if high is None:
        return f"at least {low:g}"
    if low is None:
        return f"at most {high:g}"
    return f"from {low:g} to {high:g}"


def _plain_argument(param: TyperArgument) -> None:
    name = param.metavar or metavar_for(param)
    param.metavar = name
    repeated = param.nargs != 1
    usage = f"{name}..." if repeated else name
    if not param.required:
        usage = f"[{name}]..." if repeated else f"[{name}]"
    param._usage_display_name = lambda: usage  # type: ignore[method-assign]
    param._rich_display_name = lambda: f"{name}..." if repeated else name  # type: ignore[method-assign]
    param.display_type_rich = lambda ctx: None  # type: ignore[method-assign]
    param._get_number_range_help_str = lambda: describe_range(  # type: ignore[method-assign]
        getattr(param, "min", None), getattr(param, "max", None))


def _plain_option(param: TyperOption) -> None:
    if not param.is_flag and not param.count and param.metavar is None:
        param.metavar = metavar_for(param)
    param._get_number_range_help_str = lambda: describe_range(  # type: ignore[method-assign]
        getattr(param, "min", None), getattr(param, "max", None))


#: Pydantic's wording of a bad option value (typer converts values with pydantic), in plain words.
_VALUE_WORDS = (
    (re.compile(r"Input should be greater than or equal to (\S+)"), r"must be at least \1"),
    (re.compile(r"Input should be greater than (\S+)"), r"must be more than \1"),
    (re.compile(r"Input should be less than or equal to (\S+)"), r"must be at most \1"),
    (re.compile(r"Input should be a valid integer.*"), "must be a whole number, e.g. 2"),
    (re.compile(r"Input should be a valid number.*"), "must be a number, e.g. 30 or 2.5"),
)


def plain_value_error(message: str) -> str:
    """A bad option value's message without pydantic's wording ('Input should be ...')."""
    for pattern, words in _VALUE_WORDS:
        message = pattern.sub(words, message)
    return message


class Command(TyperCommand):
    """A typer command whose help shows plain metavars and ranges in words."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.short_help and self.name in SHORT_HELP:
            self.short_help = SHORT_HELP[self.name]
        for param in self.params:
            if isinstance(param, TyperArgument):
                _plain_argument(param)
            elif isinstance(param, TyperOption):
                _plain_option(param)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except typer.BadParameter as exc:
            exc.message = plain_value_error(exc.message)
            raise

    def invoke(self, ctx: Any) -> Any:
        """Run the command, once SOURCE_DATE_EPOCH is known to be a date (for a command that
        reads it): a bad one is refused before the command deletes or writes anything (exit 2).
        After the options are read, so ``--help`` still works."""
        if self.name not in WITHOUT_EPOCH:
            from resume_builder.commands.common import user_errors
            from resume_builder.output import check_source_date_epoch

            with user_errors():
                check_source_date_epoch()
        return super().invoke(ctx)


#: Commands that never read SOURCE_DATE_EPOCH (no profile read, no dated file written).
WITHOUT_EPOCH = frozenset({"schema", "themes", "init"})
