"""Registers the Markdown ("md") and plain-text ("txt") formats with the pipeline.

The pipeline imports this module lazily (see ``pipeline._load_optional_renderers``), so the
text renderers stay out of the start-up path.
"""

from __future__ import annotations

from pathlib import Path

from resume_builder import pipeline


def _markdown(job: pipeline.Job, path: Path) -> list[pipeline.Rendered]:
    from resume_builder.render.text import render_markdown

    return [pipeline.Rendered(path, render_markdown(job.document).encode("utf-8"))]


def _text(job: pipeline.Job, path: Path) -> list[pipeline.Rendered]:
    from resume_builder.render.text import render_text

    return [pipeline.Rendered(path, render_text(job.document).encode("utf-8"))]


pipeline.register("md", _markdown)
pipeline.register("txt", _text)
