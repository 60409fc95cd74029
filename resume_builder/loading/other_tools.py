"""Files other résumé tools write, told apart from ours and from JSON Resume.

A RenderCV file (https://rendercv.com: a YAML file with a top-level ``cv`` mapping, and
maybe ``design``, ``locale``, ``locale_catalog`` and ``rendercv_settings``, as RenderCV's
own documentation describes its input) is neither a profile of ours nor a JSON Resume:
read as a profile it gave "basics is required" and "unknown field 'cv'", and read as a JSON
Resume (which allows any extra key) an empty résumé. ``validate``, ``render`` and ``import``
refuse it with one message that says what it is (user trial). resume-builder does not
read RenderCV's format, so the message says so and how to start a profile instead.
"""

from __future__ import annotations

from typing import Any

from resume_builder.errors import UserError
from resume_builder.loading.source import SourceDocument

#: The top-level keys of a RenderCV file; ``cv`` is the one it always has.
RENDERCV_KEYS = ("cv", "design", "locale", "locale_catalog", "rendercv_settings")


def is_rendercv(data: Any) -> bool:
    """Whether ``data`` (a parsed file) is a RenderCV file: a ``cv`` mapping at the top and
    no top-level key RenderCV does not have."""
    return isinstance(data, dict) and isinstance(data.get("cv"), dict) and all(key in RENDERCV_KEYS for key in data)


def refuse_rendercv(doc: SourceDocument, name: str) -> None:
    """Raises UserError, located at its ``cv`` key, when ``doc`` is a RenderCV file
    (:func:`is_rendercv`); ``name`` is the file's name as the message shows it."""
    if not is_rendercv(doc.data):
        return
    from resume_builder.console import command

    keys = [f"'{key}'" for key in doc.data]
    found = " and ".join([", ".join(keys[:-1]), keys[-1]] if len(keys) > 1 else keys)
    where = doc.locate(("cv",), prefer_key=True)
    raise UserError.at(where.file, where.line, where.column,
                       f"{name} is a RenderCV file (it has {found}), not a resume-builder profile or a JSON "
                       "Resume: resume-builder does not read or import RenderCV files",
                       hint=f"start a profile with {command('init')} and copy your details from 'cv' into it by "
                            "hand; the README's section 'The profile' says where each goes")
