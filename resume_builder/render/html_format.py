"""The ``html`` row of the format table (resume_builder/formats.py): one file, fonts embedded."""

from __future__ import annotations

from pathlib import Path

from resume_builder.render.job import Rendered, RenderJob


def render_html_file(job: RenderJob, path: Path) -> list[Rendered]:
    from resume_builder.render.html import render_html

    text = render_html(job.document, job.theme, job.options, embed_fonts=True)
    return [Rendered(path, text.encode("utf-8"))]
