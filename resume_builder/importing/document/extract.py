"""A résumé's lines in reading order, with how each looks: :func:`pdf_lines`
(:mod:`.pdf_text`, pdfminer.six) and :func:`docx_lines` (:mod:`.docx_text`, python-docx).

Hostile files are refused before either runs (:mod:`.safety`).
"""

from __future__ import annotations

from resume_builder.importing.document.docx_text import docx_lines
from resume_builder.importing.document.lines import BULLETS, Line, strip_bullet
from resume_builder.importing.document.pdf_text import pdf_lines

__all__ = ["BULLETS", "Line", "docx_lines", "pdf_lines", "strip_bullet"]
