"""Read a finished PDF or DOCX the way an applicant tracking system (ATS) does, and judge it.

An ATS sees only the text it can extract: pdfminer.six for PDF, the body paragraphs of a
DOCX. :func:`run_checks` extracts that text (:mod:`.extract`), runs each check
(:mod:`.checks`) and returns a :class:`Report` (:mod:`.report`) that the ``check`` command
prints as text or JSON.
"""

from __future__ import annotations

from resume_builder.checking.checks import CheckResult
from resume_builder.checking.report import Report, run_checks

__all__ = ["CheckResult", "Report", "run_checks"]
