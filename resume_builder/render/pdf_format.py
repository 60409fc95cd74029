"""The ``pdf`` and ``png`` rows of the format table (resume_builder/formats.py).

A PNG is the PDF rasterised, one file per page: ``<stem>-1.png``, ``<stem>-2.png``, ...
"""

from __future__ import annotations

from pathlib import Path

from resume_builder.render.job import Rendered, RenderJob


def render_pdf_file(job: RenderJob, path: Path) -> list[Rendered]:
    from resume_builder.render.pdf import render_pdf

    result = render_pdf(job.document, job.theme, job.options, profile_folder=job.profile_folder)
    return [Rendered(path, result.data, result.pages, result.warnings)]


def render_png_files(job: RenderJob, path: Path) -> list[Rendered]:
    from resume_builder.render.pdf import render_pdf
    from resume_builder.render.png import pdf_to_pngs

    result = render_pdf(job.document, job.theme, job.options, profile_folder=job.profile_folder)
    images = pdf_to_pngs(result.data)
    return [Rendered(path.with_name(f"{path.stem}-{i}.png"), image, 1, result.warnings)
            for i, image in enumerate(images, start=1)]
