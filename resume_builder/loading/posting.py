"""Read a job posting: a JSON Resume job document (``.json``), a web page, else plain text or Markdown.

JSON is validated by :class:`resume_builder.schema.posting.JobPosting`, and every problem
is reported at its file:line:col with "did you mean" (the same mapping as profiles). What
the text asks for (sections, required or preferred) is found afterwards by the pure
:func:`resume_builder.tailoring.posting.structure`.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from resume_builder.errors import UserError
from resume_builder.loading.errors_map import problems_from_validation
from resume_builder.loading.html_charset import declared_encoding
from resume_builder.loading.posting_html import html_to_text, looks_like_html
from resume_builder.loading.source import TEXT_CONTROL, SourceDocument, check_controls, parse_json, read_text
from resume_builder.schema.posting import JobPosting, PostingDocument, is_job_document


def _job(doc: SourceDocument, source: str) -> PostingDocument:
    try:
        job = JobPosting.model_validate(doc.data)
    except ValidationError as exc:
        raise UserError(problems_from_validation(exc, doc, JobPosting)) from None
    return PostingDocument(source, job=job)


def read_posting(path: Path) -> PostingDocument:
    """Read the posting at ``path``: a JSON Resume job (``.json``), a saved web page
    (:mod:`resume_builder.loading.posting_html`), else plain text or Markdown. UserError
    (located) when it cannot be used: not text (a PDF, a DOCX, a control character other than
    a tab, a line or page break: :data:`~resume_builder.loading.source.TEXT_CONTROL`), empty, a page without text,
    not UTF-8 unless a web page that declares its encoding (:mod:`resume_builder.loading.html_charset`)."""
    def page_encoding(raw: bytes) -> str | None:  # a web page saved in the encoding its <meta> names
        return declared_encoding(raw) if looks_like_html(raw[:4096].decode("latin-1"), path.suffix) else None

    text = read_text(path, "job posting", declared=page_encoding)
    # a binary file that happens to be UTF-8, or text with terminal escapes: its title is printed
    check_controls(text, str(path), TEXT_CONTROL, "which a job posting may not hold",
                   "delete it, or give the posting as plain text, Markdown, a saved web page or a JSON Resume job")
    if looks_like_html(text, path.suffix):
        shown = html_to_text(text)
        if not shown.strip():
            raise UserError.at(str(path), None, None, "the web page shows no text to read as a job posting",
                               hint="save the page again once the posting shows, or copy its text into a .txt file")
        return PostingDocument(path.name, text=shown)
    if path.suffix.lower() == ".json" or text.lstrip().startswith("{"):
        doc = parse_json(text, str(path))
        if not is_job_document(doc.data):
            raise UserError.at(str(path), 1, 1, "not a job description: expected a JSON Resume job document "
                                                "with 'title', 'description', 'skills', ...",
                               hint="or give the posting as plain text or Markdown")
        return _job(doc, path.name)
    return PostingDocument(path.name, text=text)


def posting_from_string(text: str, source: str = "<posting>") -> PostingDocument:
    """A posting given as a string: JSON Resume job JSON or plain text/Markdown."""
    if text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):  # bad JSON, deep nesting, 4,300-digit numbers: not a job document
            data = None
        if is_job_document(data):
            return _job(parse_json(text, source), source)
    return PostingDocument(source, text=text)
