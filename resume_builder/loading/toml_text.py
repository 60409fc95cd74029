"""The text of a TOML file the tool reads (build file, theme.toml, keyword file): a UTF-8
byte-order mark at its start is dropped.

Windows Notepad saved UTF-8 with a byte-order mark (U+FEFF) until Windows 10 1903, and Save
As still offers "UTF-8 with BOM"; tomllib refuses it ("Invalid statement" at 1:1). A profile
saved so is read (:func:`resume_builder.loading.source.read_text` drops the mark), so a TOML
file is too: the mark says only that the file is UTF-8. One elsewhere in the file is
still the syntax error tomllib reports at its place.
"""

from __future__ import annotations

from pathlib import Path

BOM = "\ufeff"


def without_bom(text: str) -> str:
    """``text`` without a byte-order mark at its start (one only; the rest as it is)."""
    return text[1:] if text.startswith(BOM) else text


def toml_file_lines(path: Path | str) -> list[str] | None:
    """The lines of the TOML file at ``path`` as tomllib counts them (for the line of a key:
    :func:`resume_builder.loading.toml_errors.toml_line`), the mark dropped; None when it
    cannot be read as UTF-8."""
    from resume_builder.loading.yaml_errors import source_lines

    try:
        return source_lines(without_bom(Path(path).read_text(encoding="utf-8")), lone_cr=False)
    except (OSError, UnicodeDecodeError):
        return None
