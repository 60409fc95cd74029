"""`resume-builder export`: a profile in another format (JSON Resume)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from resume_builder.commands.common import (dash_means_stdout, file_name, given_path, input_format_option,
                                            profile_or_default, user_errors)
from resume_builder.errors import UserError

EXPORT_FORMATS = ("jsonresume",)


def export(
    profile: Optional[Path] = typer.Argument(None, parser=given_path, help="Profile file. Default: profile.yaml if it is here, else profiles/example.yaml."),
    to: str = typer.Option("jsonresume", "--to", help="Format to write: jsonresume (JSON Resume v1.0.0)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", parser=file_name, help="File to write ('-' or none: standard output)."),
    lang: Optional[str] = typer.Option(None, "--lang", help="Language of texts given in several, e.g. de."),
    input_format: Optional[str] = input_format_option(),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing output file."),
    public: bool = typer.Option(False, "--public", help="A public copy: no phone, e-mail, street address, photo, "
                                                        "references or anything marked private."),
) -> None:
    """Export a profile as JSON Resume; what JSON Resume lacks is kept under meta.resume_builder."""
    from resume_builder.console import err, out

    output = dash_means_stdout(output)
    with user_errors():
        fmt = to.lower().replace("-", "").replace("_", "")
        if fmt not in EXPORT_FORMATS:
            from resume_builder.errors import did_you_mean

            hint = did_you_mean(fmt, EXPORT_FORMATS) or "formats: " + ", ".join(EXPORT_FORMATS)
            raise UserError(f"cannot export to '{to}'", hint=hint)
        if output is not None and output.suffix.lower() in (".yaml", ".yml", ".toml", ".txt", ".md", ".pdf", ".docx"):
            # JSON text under a name that says otherwise: an editor, a reader, `import` go by it
            raise UserError(f"{output}: JSON Resume is JSON text, but the name ends in '{output.suffix}'",
                            hint=f"write -o {output.with_suffix('.json')}")
        from resume_builder.interop.jsonresume_export import export_json_resume, json_resume_text
        from resume_builder.overwrite import guard_output

        guard_output(output, force=force, inputs=[profile_or_default(profile)])

        chosen = input_format.lower() if input_format else None
        result = _public_export(profile_or_default(profile), lang, chosen) if public else \
            export_json_resume(profile_or_default(profile), lang=lang, input_format=chosen)
        text = json_resume_text(result.data)
        if output is not None:
            from resume_builder.output import write_atomic

            write_atomic(output, text.encode("utf-8"), folder_hint="choose another -o")
    for warning in result.warnings:
        err(f"warning: {warning}", style="yellow")
    if output is None:
        from resume_builder.console import write

        write(text)  # a closed standard output ends the command with 141, as schema's does
    else:
        out(f"wrote {output} (JSON Resume)")


def _public_export(path: Path, lang: Optional[str], input_format: Optional[str]):
    """The JSON Resume document of the profile's public copy (tailoring/public.py).

    Made from the redacted profile alone: no texts in other languages, no free-form
    ``meta`` (an imported file keeps fields JSON Resume had and we do not there), nothing
    read back from the file.
    """
    from resume_builder.interop.jsonresume_export import profile_to_json_resume
    from resume_builder.loading import load_profile
    from resume_builder.tailoring.public import public

    loaded = load_profile(path, lang=lang, input_format=input_format)
    copy = public(loaded.profile).model_copy(update={"meta": {}})
    copy._key_order = list(loaded.profile._key_order)
    result = profile_to_json_resume(copy)
    result.warnings[:0] = loaded.warnings
    return result
