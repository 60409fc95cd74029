"""A PDF named .docx (or a DOCX named .pdf) passed every check, though an upload form that goes
by the name refuses it or hands it to the wrong reader; and a cover letter named .pdf lost
its provenance, so it was checked as a résumé (newcomer trial)."""

from __future__ import annotations

import pytest

from resume_builder import letter_pipeline, pipeline
from resume_builder.checking.origin import read_origin
from resume_builder.checking.report import run_checks
from tests.conftest import EXAMPLE


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    folder = tmp_path_factory.mktemp("misnamed")
    resume = pipeline.prepare(EXAMPLE)
    letter = letter_pipeline.prepare_letter(pipeline.RenderRequest(profile=EXAMPLE), None)
    return {"pdf": pipeline.render(resume, "pdf", folder / "cv.pdf")[0].data,
            "letter.docx": pipeline.render(letter, "docx", folder / "letter.docx")[0].data}


def test_a_pdf_named_docx_fails_the_file_name_check_first(rendered, tmp_path):
    path = tmp_path / "cv.docx"
    path.write_bytes(rendered["pdf"])
    report = run_checks(path)
    assert report.kind == "pdf"
    assert report.checks[0].to_dict() == {
        "name": "file-name", "passed": False,
        "detail": "the file is a PDF named .docx: upload forms go by the name and refuse it or read it wrongly "
                  "(rename it cv.pdf)"}
    assert all(check.passed for check in report.checks[1:])  # nothing else is wrong with it


def test_a_well_named_file_has_no_file_name_check(rendered, tmp_path):
    path = tmp_path / "cv.pdf"
    path.write_bytes(rendered["pdf"])
    assert "file-name" not in [check.name for check in run_checks(path).checks]


def test_a_letter_named_pdf_is_still_checked_as_a_letter(rendered, tmp_path):
    right, wrong = tmp_path / "letter.docx", tmp_path / "letter.pdf"
    right.write_bytes(rendered["letter.docx"])
    wrong.write_bytes(rendered["letter.docx"])
    assert read_origin(wrong).provenance == read_origin(right).provenance is not None
    assert read_origin(wrong).provenance.document == "letter"
    names = [check.name for check in run_checks(wrong).checks]
    assert names == ["file-name"] + [check.name for check in run_checks(right).checks]


def test_a_pdf_named_pdf_docx_is_to_be_renamed_pdf(rendered, tmp_path):
    path = tmp_path / "cv.pdf.docx"
    path.write_bytes(rendered["pdf"])
    assert run_checks(path).checks[0].detail.endswith("(rename it cv.pdf)")


def test_a_file_with_no_extension_has_no_file_name_check(rendered, tmp_path):
    """`render -o cv` writes a PDF named cv on purpose (README): its check has nothing to say."""
    path = tmp_path / "cv"
    path.write_bytes(rendered["pdf"])
    assert "file-name" not in [check.name for check in run_checks(path).checks]
