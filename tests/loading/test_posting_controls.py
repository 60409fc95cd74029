"""A job posting holds no control characters but tab, line and page breaks: `tailor --job` of a
binary file that happened to be UTF-8 printed its raw bytes, terminal escapes included, as the
posting's title (trial). Refused at the character, as a profile's are."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app
from resume_builder.errors import UserError
from resume_builder.loading.posting import read_posting
from tests.conftest import EXAMPLE

HINT = "delete it, or give the posting as plain text, Markdown, a saved web page or a JSON Resume job"


@pytest.mark.parametrize("text, line, column, code", [
    ("\x00\x01ELF binary", 1, 1, "0000"),
    ("Senior engineer\n\x1b[31mred\x1b[0m\n", 2, 1, "001B"),
    ("Title\n\nWe ring a \x07 bell", 3, 11, "0007"),
    ("Title\n\x85fine NEL, then DEL\x7f", 2, 20, "007F"),  # NEL (U+0085) is a line break: allowed
    ('{"title": "Engineer\\u0000", "x": "\x1b"}', 1, 35, "001B"),
])
def test_a_control_character_in_a_posting_is_refused_where_it_is(tmp_path, text, line, column, code):
    path = tmp_path / "job.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as caught:
        read_posting(path)
    problem = caught.value.problems[0]
    assert (problem.location.line, problem.location.column) == (line, column)
    assert problem.message == f"the file holds the control character U+{code}, which a job posting may not hold"
    assert problem.hint == HINT


def test_tabs_line_and_page_breaks_are_text(tmp_path):
    path = tmp_path / "job.txt"
    path.write_text("Platform engineer\r\n\tKubernetes\n\x0cPage two: Terraform\n", encoding="utf-8")
    assert "Terraform" in read_posting(path).text


def test_tailor_prints_no_raw_control_character(tmp_path):
    path = tmp_path / "job.txt"
    path.write_bytes(b"\x1b]0;owned\x07Senior engineer\n")
    result = CliRunner().invoke(app, ["tailor", str(EXAMPLE), "--job", str(path)])
    assert result.exit_code == 2
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert result.output.startswith(f"error: {path}:1:1: the file holds the control character U+001B")
