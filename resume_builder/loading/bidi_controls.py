"""Where a profile, variant or letter file holds a bidi control that the résumé leaves out.

The document model (``resume_builder.document.clean``) removes the controls that open or close
an embedding, an override or an isolate (:data:`resume_builder.bidi.EMBEDDING_CONTROLS`):
their state runs on past the text they were typed in. Removing them changes what is printed,
so :func:`dropped_controls` says so, one warning per text, at its line and column. The bidi
marks (LRM, RLM, ALM) are kept and never reported.
"""

from __future__ import annotations

from typing import Any

from resume_builder.bidi import EMBEDDING_CONTROLS
from resume_builder.invisible import describe
from resume_builder.loading.source import SourceDocument, dotted
from resume_builder.schema.base import PathKey

__all__ = ["dropped_controls"]


def dropped_controls(doc: SourceDocument) -> list[str]:
    """A warning (``FILE:LINE:COL: path: …``) for each text of ``doc.data``, value
    or mapping key, holding an embedding, override or isolate control: the first one found
    (its code point, name and position from 1) and how many more the text holds."""
    warnings: list[str] = []

    def said(text: str, path: PathKey, *, key: bool = False) -> None:
        found = [(position, char) for position, char in enumerate(text, 1) if char in EMBEDDING_CONTROLS]
        if not found:
            return
        position, char = found[0]
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        warnings.append(f"{doc.locate(path, prefer_key=key)}: {dotted(path) or 'the text'}: the bidi control "
                        f"{describe(char)} (at character {position}){more} is left out: it changes "
                        "the direction of the text after it, so what is shown could differ from what is read; to "
                        "set the direction of a run, type a mark instead (U+200E LEFT-TO-RIGHT MARK or U+200F "
                        "RIGHT-TO-LEFT MARK), which is kept")

    def walk(value: Any, path: PathKey) -> None:
        if isinstance(value, str):
            said(value, path)
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str):
                    said(key, path + (key,), key=True)
                walk(item, path + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, path + (index,))

    walk(doc.data, ())
    return warnings
