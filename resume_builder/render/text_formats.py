"""The ``md`` (Markdown) and ``txt`` (plain text) rows of the format table (resume_builder/formats.py)."""

from __future__ import annotations

from pathlib import Path

from resume_builder.render.job import Rendered, RenderJob


def render_markdown_file(job: RenderJob, path: Path) -> list[Rendered]:
    from resume_builder.render.text import render_markdown

    return [Rendered(path, render_markdown(job.document).encode("utf-8"))]


def render_text_file(job: RenderJob, path: Path) -> list[Rendered]:
    from resume_builder.render.text import render_text

    return [Rendered(path, render_text(job.document).encode("utf-8"))]
