"""A letter tailored to a posting says when it may be addressed to the wrong company
(newcomer trial: a posting for Kestrel Commerce gave a letter to "Northwind Pay", the letter's
recipient.company, without a word: no company could be read in the posting)."""

from __future__ import annotations

import pytest

from resume_builder import letter_pipeline, pipeline
from tests.conftest import EXAMPLE, FIXTURES


def _warnings(tmp_path, posting_text: str | None) -> list[str]:
    posting = None
    if posting_text is not None:
        posting = tmp_path / "posting.md"
        posting.write_text(posting_text, encoding="utf-8")
    request = pipeline.RenderRequest(profile=EXAMPLE, variant="platform", posting=posting, formats=("md",))
    return [w for w in letter_pipeline.prepare_letter(request, None).warnings if "compan" in w]


def test_no_company_read_in_the_posting_is_said(tmp_path):
    (warning,) = _warnings(tmp_path, (FIXTURES / "postings" / "backend-en.md").read_text(encoding="utf-8"))
    assert warning.startswith("no company could be read in the posting posting.md")
    assert "addressed to its recipient.company 'Northwind Pay'" in warning


@pytest.mark.parametrize("title, expected", [
    ("Backend Engineer at Kestrel Commerce", "the posting names the company 'Kestrel Commerce'"),
    ("Backend Engineer at Northwind Pay", None),
])
def test_a_company_read_in_the_posting_is_compared_with_the_recipient(tmp_path, title, expected):
    found = _warnings(tmp_path, f"# {title}\n\n## Requirements\n\n- Go\n- Kubernetes\n")
    assert (found[0].startswith(expected) and len(found) == 1) if expected else found == []


def test_no_posting_no_warning(tmp_path):
    assert _warnings(tmp_path, None) == []
