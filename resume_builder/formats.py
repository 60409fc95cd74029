"""The one table of output formats (no heavy imports: used on start-up paths).

Each row names a format as the command line does (``-f docx``), its file extension, its
media type (IANA), the renderer that makes it (``module:function``, imported on first use
so WeasyPrint and python-docx stay out of ``--help``), whether the bytes are binary, and
whether the ATS check (:mod:`resume_builder.checking`) can read it back.

Every renderer has one signature: ``renderer(job: RenderJob, path: Path) -> list[Rendered]``
(see :mod:`resume_builder.render.job`); a PNG is one ``Rendered`` per page, every other
format one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from pathlib import Path

    from resume_builder.render.job import Rendered, RenderJob

    Renderer = Callable[[RenderJob, Path], list[Rendered]]


@dataclass(frozen=True)
class OutputFormat:
    """One row of the table."""

    name: str  # as given to -f / --format and in resume-builder.toml
    extension: str  # file name extension, without the dot
    media_type: str  # IANA media type (RFC 6838)
    renderer: str  # "module:function", imported lazily by :func:`renderer`
    binary: bool  # bytes that a terminal must not receive (render -o -)
    checkable: bool  # the ATS check reads it back (resume-builder check)


TABLE: dict[str, OutputFormat] = {f.name: f for f in (
    OutputFormat("pdf", "pdf", "application/pdf", "resume_builder.render.pdf_format:render_pdf_file", True, True),
    OutputFormat("html", "html", "text/html", "resume_builder.render.html_format:render_html_file", False, False),
    OutputFormat("png", "png", "image/png", "resume_builder.render.pdf_format:render_png_files", True, False),
    OutputFormat("docx", "docx",
                 "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                 "resume_builder.render.docx_format:render_docx_file", True, True),
    OutputFormat("md", "md", "text/markdown", "resume_builder.render.text_formats:render_markdown_file", False, False),
    OutputFormat("txt", "txt", "text/plain", "resume_builder.render.text_formats:render_text_file", False, False),
)}

FORMATS = tuple(TABLE)
CHECKABLE = tuple(name for name, f in TABLE.items() if f.checkable)

# Renderers imported so far, by format name (tests may put a stand-in here).
RENDERERS: dict[str, "Renderer"] = {}


def format_of_extension(suffix: str) -> str | None:
    """The format whose files end in ``suffix`` (with or without the dot, any case), else None."""
    suffix = suffix.lower().lstrip(".")
    return next((f.name for f in TABLE.values() if f.extension == suffix), None)


def renderer(name: str) -> "Renderer":
    """The renderer of format ``name``, imported on first use; KeyError for an unknown name."""
    found = RENDERERS.get(name)
    if found is None:
        import importlib

        module, _, function = TABLE[name].renderer.partition(":")
        found = RENDERERS[name] = getattr(importlib.import_module(module), function)
    return found
