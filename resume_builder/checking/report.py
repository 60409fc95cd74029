"""Run every check on one file and report the results as text or JSON."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from resume_builder.checking.checks import CheckResult
from resume_builder.wording import file_size

if TYPE_CHECKING:
    from resume_builder.document import Document


@dataclass
class Report:
    """The outcome of :func:`run_checks`: every check, the page count and the file size."""

    file: Path
    kind: str  # "pdf" or "docx"
    checks: list[CheckResult] = field(default_factory=list)
    pages: int | None = None
    bytes: int = 0
    seconds: float = 0.0

    @property
    def passed(self) -> bool:
        return all(check.passed for check in self.checks)

    @property
    def failures(self) -> list[CheckResult]:
        return [check for check in self.checks if not check.passed]

    def check(self, name: str) -> CheckResult:
        return next(check for check in self.checks if check.name == name)

    def to_dict(self) -> dict[str, object]:
        return {"file": str(self.file), "passed": self.passed,
                "checks": [check.to_dict() for check in self.checks],
                "pages": self.pages, "bytes": self.bytes}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def summary(self) -> str:
        pages = f", {self.pages} page{'s' if self.pages != 1 else ''}" if self.pages else ""
        return f"{self.file} ({self.kind.upper()}{pages}, {file_size(self.bytes)})"

    def verdict(self) -> str:
        if self.passed:
            return ("the check passed" if len(self.checks) == 1 else f"all {len(self.checks)} checks passed") + \
                ": an ATS can read this file"
        failed = len(self.failures)
        return f"{failed} of {len(self.checks)} checks failed: an ATS may misread or miss this file's content"


def run_checks(path: Path | str, document: Document | None = None, *,
               may_be_cut: frozenset[str] = frozenset()) -> Report:
    """Extract ``path`` (a PDF or DOCX) as an ATS would and run every check.

    With ``document`` (what ``pipeline.prepare(...).document`` gives), the contact details,
    headings and experience/education entries are compared with the profile's; without it,
    the checks look for anything that has the right shape. ``may_be_cut``: section keys a
    page budget may have cut from the file, when its budget could not be re-applied. Raises
    :class:`~resume_builder.errors.UserError` for a missing, unknown or damaged file.
    """
    from resume_builder.checking.checks import all_checks
    from resume_builder.checking.extract import extract

    started = time.perf_counter()
    path = Path(path)
    extracted = extract(path)
    if extracted.language is None:
        import dataclasses

        from resume_builder.checking.origin import read_origin

        origin = read_origin(path)
        recorded = origin.provenance.locale or origin.provenance.lang if origin.provenance else None
        extracted = dataclasses.replace(extracted, language=origin.language or recorded)
    if getattr(document, "kind", None) == "letter" or (document is None and _recorded_letter(path)):
        from resume_builder.checking.letters import letter_checks

        results = letter_checks(extracted, document)
    else:
        results = all_checks(extracted, document, may_be_cut)
    misnamed = _misnamed(path, extracted.kind)
    if misnamed is not None:
        results.insert(0, misnamed)
    return Report(file=path, kind=extracted.kind, checks=results, pages=extracted.pages,
                  bytes=extracted.size, seconds=time.perf_counter() - started)


def _misnamed(path: Path, kind: str) -> "CheckResult | None":
    """A failed ``file-name`` check when ``path``'s extension is another format's (a PDF named
    ``.docx``): upload forms go by the name, and refuse the file or hand it to the wrong
    reader. None when the name fits, or has no extension (the check is then not listed)."""
    from resume_builder.checking.checks import CheckResult

    right = {"pdf": ".pdf", "docx": ".docx"}.get(kind)
    if right is None or path.suffix.lower() == right or not path.suffix:
        return None  # a name with no extension at all is one render -o writes on purpose
    # cv.pdf.docx is cv.pdf, not cv.pdf.pdf
    better = path.stem if path.stem.lower().endswith(right) else path.with_suffix(right).name
    return CheckResult("file-name", False, f"the file is a {kind.upper()} named {path.suffix}: "
                                           f"upload forms go by the name and refuse it or read it wrongly "
                                           f"(rename it {better})")


def _recorded_letter(path: Path) -> bool:
    """Whether ``path`` records that it is a cover letter (``document=letter`` in its provenance)."""
    from resume_builder.checking.origin import read_origin

    recorded = read_origin(path).provenance
    return recorded is not None and recorded.document == "letter"
