"""A fixture profile rendered in every built-in theme, PDF and DOCX, each file imported back:
what the round-trip tests of tests/importing compare with the profile as written."""

from __future__ import annotations

from pathlib import Path

from resume_builder import pipeline
from resume_builder.importing.document.build import DocumentImport, import_document

THEMES = ("classic", "modern", "compact")
CASES = [(theme, fmt) for theme in THEMES for fmt in ("pdf", "docx")]


def import_every_theme(profile: Path, folder: Path) -> dict[tuple[str, str], DocumentImport]:
    """``{(theme, format): the import}`` of ``profile`` rendered into ``folder``."""
    from tests.font_stand_ins import cheap_font_subsetting  # the importer reads text, not fonts

    out = {}
    with cheap_font_subsetting():
        for theme in THEMES:
            job = pipeline.prepare(profile, theme_name=theme)
            for fmt in ("pdf", "docx"):
                (rendered,) = pipeline.render(job, fmt, folder / f"{theme}.{fmt}")
                pipeline.write([rendered])
                out[(theme, fmt)] = import_document(rendered.path)
    return out
