"""Read a job posting: a JSON Resume job document (``.json``), else plain text or Markdown.

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
from resume_builder.loading.source import SourceDocument, parse_json, read_text
from resume_builder.schema.posting import JobPosting, PostingDocument, is_job_document


def _job(doc: SourceDocument, source: str) -> PostingDocument:
    try:
        job = JobPosting.model_validate(doc.data)
    except ValidationError as exc:
        raise UserError(problems_from_validation(exc, doc, JobPosting)) from None
    return PostingDocument(source, job=job)


def read_posting(path: Path) -> PostingDocument:
    """Read the posting at ``path``; UserError (located) when it cannot be used."""
    text = read_text(path, "job posting")
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
