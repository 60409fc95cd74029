"""The checks for a cover letter: what an ATS needs from a letter, not a résumé's sections.

A letter is read like the résumé (the same extraction, :mod:`.extract`): the name at the
top, the e-mail, phone and links in the body text (not only in a header, footer or
image), no garbled text (U+FFFD, private-use icons, soft hyphens, ligature glyphs), fonts
embedded and a tagged PDF, or plain paragraphs in a DOCX, and the file size. It has no
standard section headings or dated entries, so those checks are not run; instead,
``addressed`` checks that the letter names the company and the position it applies for,
when they are known (from the job posting, or the letter's recipient.company and
position).
"""

from __future__ import annotations

from typing import Any

from resume_builder.checking.checks import CheckResult, run_checks
from resume_builder.checking.extract import Extracted, normalise


def check_addressed(ex: Extracted, doc: Any) -> CheckResult:
    """The company and the position the letter is for are named in its body text."""
    wanted = [(what, value) for what, value in (("company", getattr(doc, "company", "")),
                                                 ("position", getattr(doc, "position", ""))) if value]
    if not wanted:
        return CheckResult("addressed", True, "no company or position to look for (give --job POSTING, or "
                                              "recipient.company and position in the letter)")
    body = normalise(ex.body_text)
    missing = [f"the {what} {value!r}" for what, value in wanted if normalise(value) not in body]
    if missing:
        return CheckResult("addressed", False, " and ".join(missing) + f" {'is' if len(missing) == 1 else 'are'} "
                                               "not named in the letter's text: a reader (and an ATS matching the "
                                               f"letter to the job) looks for {'it' if len(missing) == 1 else 'them'}")
    return CheckResult("addressed", True, "names " + " and ".join(f"the {what} {value!r}" for what, value in wanted))


def letter_checks(ex: Extracted, doc: Any | None) -> list[CheckResult]:
    """Every check that applies to a letter, in the order ``check`` prints them."""
    return run_checks(ex, doc, (), check_addressed)
