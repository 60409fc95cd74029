"""The ``md`` (Markdown) and ``txt`` (plain text) rows of the format table (resume_builder/formats.py)."""

from __future__ import annotations

from pathlib import Path

from resume_builder.render.job import Rendered, RenderJob


def render_markdown_file(job: RenderJob, path: Path) -> list[Rendered]:
    from resume_builder.render.text import render_markdown

    if getattr(job.document, "kind", None) == "letter":
        from resume_builder.render.letter_text import render_letter_markdown

        return [Rendered(path, render_letter_markdown(job.document).encode("utf-8"))]
    return [Rendered(path, render_markdown(job.document).encode("utf-8"))]


def render_text_file(job: RenderJob, path: Path) -> list[Rendered]:
    from resume_builder.render.text import render_text

    if getattr(job.document, "kind", None) == "letter":
        from resume_builder.render.letter_text import render_letter_text

        return [Rendered(path, render_letter_text(job.document).encode("utf-8"))]
    return [Rendered(path, render_text(job.document).encode("utf-8"))]
