"""resume-builder: one validated profile, many tailored résumés (PDF, DOCX, HTML, Markdown, text)."""

__version__ = "0.1.0"
