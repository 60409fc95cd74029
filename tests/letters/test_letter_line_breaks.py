"""A letter's filled-in paragraph breaks like any text (render/hanging_spaces.py): with a job
posting, "I am applying for the Senior Backend Engineer — Initech Systems role at Initech
Systems. I built a **log shipper** …" came out with "I" alone on its first line (trial): the
text before the bold fitted the line but for its trailing space, and WeasyPrint kept only its
first word."""

from __future__ import annotations

from typer.testing import CliRunner

from resume_builder.checking.extract import extract
from resume_builder.cli import app

runner = CliRunner()

PROFILE = """\
basics:
  name: Zoë Brannigan-Okafor
  email: zoe@example.org
letters:
  backend:
    recipient: {company: Initech Systems}
    position: Backend Engineer
    subject: "Application: {position}"
    body:
      - I am applying for the {position} — {company} role at {company}. I built a **log shipper** in Python.
      - I am reachable at {basics.email}.
"""
POSTING = "# Senior Backend Engineer at Initech Systems\n\n## Requirements\n- 5+ years of Python\n"


def test_a_letter_with_a_posting_does_not_leave_its_first_word_alone_on_a_line(tmp_path):
    profile, posting = tmp_path / "zoe.yaml", tmp_path / "initech.md"
    profile.write_text(PROFILE, encoding="utf-8")
    posting.write_text(POSTING, encoding="utf-8")
    pdf = tmp_path / "letter.pdf"
    result = runner.invoke(app, ["letter", str(profile), "--job", str(posting), "-f", "pdf", "-o", str(pdf)])
    assert result.exit_code == 0, result.output
    lines = [line.strip() for line in extract(pdf).lines if line.strip()]
    first = next(index for index, line in enumerate(lines) if line.startswith("Dear"))
    body = lines[first + 1]
    assert len(body.split()) > 1, lines
    assert body.startswith("I am applying for the Senior Backend Engineer — Initech Systems role"), lines
