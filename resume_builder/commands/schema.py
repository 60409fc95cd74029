"""`resume-builder schema`: print the profile's JSON Schema."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from resume_builder.commands.common import dash_means_stdout, file_name, user_errors


def schema(
    output: Optional[Path] = typer.Option(None, "-o", "--output", parser=file_name, help="Write to this file instead of stdout ('-': stdout)."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing output file."),
) -> None:
    """Print the JSON Schema of the profile, for editors and other tools."""
    from resume_builder.schema.json_schema import profile_schema_text

    text = profile_schema_text()
    output = dash_means_stdout(output)
    with user_errors():
        if output is None:
            from resume_builder.console import write

            write(text)
        else:
            from resume_builder.output import write_atomic
            from resume_builder.overwrite import guard_output

            guard_output(output, force=force)

            write_atomic(output, text.encode("utf-8"), folder_hint="choose another -o")
