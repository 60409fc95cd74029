"""A PDF, a picture or a Word document named ``cv.yaml`` is said to be one, with the command
that reads it: "not valid UTF-8 (byte 0xda) (save the file as UTF-8)" sent the person to
re-save a PDF as text (newcomer trial)."""

from __future__ import annotations

import zipfile

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app


def _validate(path) -> str:
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 2, result.output
    return " ".join(result.output.split())


@pytest.mark.parametrize("head, what, todo", [
    (b"%PDF-1.7\n%\xf0\x9f\x96\xa4\n5 0 obj\n<< /Length 6 >>\nstream\n\xda\xff\x00\nendstream\n", "a PDF file",
     "to read a PDF résumé into a profile, use 'resume-builder import {file}'"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image", "import reads text, not pictures"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image", "import reads text, not pictures"),
    (b"GIF89a\x01\x00\x01\x00\x80\xff\x00", "a GIF image", "import reads text, not pictures"),
])
def test_a_document_named_yaml_is_said_to_be_one(tmp_path, head, what, todo):
    path = tmp_path / "cv.yaml"
    path.write_bytes(head)
    said = _validate(path)
    assert f"cv.yaml is {what}, not a profile written in YAML or JSON" in said, said
    assert todo.format(file=path) in said and "UTF-8" not in said, said


def test_a_docx_named_yaml_is_said_to_be_one(tmp_path):
    path = tmp_path / "cv.yaml"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>\xda")
        archive.writestr("word/document.xml", "<w:document/>")
    said = _validate(path)
    assert "cv.yaml is a Word document (DOCX), not a profile" in said, said
    assert f"to read a DOCX résumé into a profile, use 'resume-builder import {path}'" in said, said


def test_text_that_is_not_utf8_keeps_its_message(tmp_path):
    path = tmp_path / "cv.yaml"
    path.write_bytes("basics:\n  name: Lucía\n".encode("latin-1"))
    said = _validate(path)
    assert "not valid UTF-8 (byte 0xed)" in said and "save the file as UTF-8" in said, said
