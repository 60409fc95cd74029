"""Registers the ``docx`` format with the pipeline.

The pipeline imports this module only when it looks formats up, and python-docx is
imported only when a DOCX is actually rendered, so neither slows the CLI's start-up.
"""

from __future__ import annotations

from pathlib import Path

from resume_builder import pipeline


def _docx(job: pipeline.Job, path: Path) -> list[pipeline.Rendered]:
    from resume_builder.render.docx import render_docx

    data = render_docx(job.document, job.theme, job.options)
    warnings = []
    if job.document.photo is not None and job.document.photo.format == "SVG":
        warnings.append("the DOCX has no photo: Word needs a PNG or JPEG (the photo is an SVG)")
    return [pipeline.Rendered(path, data, warnings=warnings)]


pipeline.register("docx", _docx)
