"""The ``docx`` row of the format table (resume_builder/formats.py).

python-docx is imported only when a DOCX is actually rendered, so it never slows the
CLI's start-up.
"""

from __future__ import annotations

from pathlib import Path

from resume_builder.render.job import Rendered, RenderJob


def render_docx_file(job: RenderJob, path: Path) -> list[Rendered]:
    from resume_builder.render.docx import render_docx

    if getattr(job.document, "kind", None) == "letter":
        from resume_builder.render.docx.letter import render_letter_docx

        data = render_letter_docx(job.document, job.theme, job.options)
    else:
        data = render_docx(job.document, job.theme, job.options)
    warnings = []
    if job.document.photo is not None and job.document.photo.format == "SVG":
        warnings.append("the DOCX has no photo: Word needs a PNG or JPEG (the photo is an SVG)")
    return [Rendered(path, data, warnings=warnings)]
