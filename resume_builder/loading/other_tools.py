"""Files other résumé tools write, told apart from ours and from JSON Resume.

A RenderCV file (https://rendercv.com: a YAML file with a top-level ``cv`` mapping, and
maybe ``design``, ``locale``, ``locale_catalog`` and ``rendercv_settings``, as RenderCV's
own documentation describes its input) is neither a profile of ours nor a JSON Resume:
read as a profile it gave "basics is required" and "unknown field 'cv'", and read as a JSON
Resume (which allows any extra key) an empty résumé. ``validate``, ``render`` and ``import``
refuse it with one message that says what it is (user trial); ``import`` converts it
(:mod:`resume_builder.importing.rendercv`), so the message of the others says to.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from resume_builder.errors import UserError
from resume_builder.loading.source import SourceDocument

#: The top-level keys of a RenderCV file; ``cv`` is the one it always has.
RENDERCV_KEYS = ("cv", "design", "locale", "locale_catalog", "rendercv_settings")


def is_rendercv(data: Any) -> bool:
    """Whether ``data`` (a parsed file) is a RenderCV file: a ``cv`` mapping at the top and
    no top-level key RenderCV does not have."""
    return isinstance(data, dict) and isinstance(data.get("cv"), dict) and all(key in RENDERCV_KEYS for key in data)


def refuse_rendercv(doc: SourceDocument, path: str | Path) -> None:
    """Raises UserError, located at its ``cv`` key, when ``doc`` is a RenderCV file
    (:func:`is_rendercv`); ``path`` is the file as given, which the hint's command names."""
    if not is_rendercv(doc.data):
        return
    from resume_builder.console import command

    keys = [f"'{key}'" for key in doc.data]
    found = " and ".join([", ".join(keys[:-1]), keys[-1]] if len(keys) > 1 else keys)
    where = doc.locate(("cv",), prefer_key=True)
    raise UserError.at(where.file, where.line, where.column,
                       f"{Path(path).name} is a RenderCV file (it has {found}), not a resume-builder profile or a "
                       "JSON Resume: convert it into a profile first",
                       hint=f"{command('import', path, '-o', 'profile.yaml')}, then use profile.yaml")
