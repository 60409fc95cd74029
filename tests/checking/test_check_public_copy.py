"""`check` of a public copy against its profile: the profile has an e-mail address and a phone
number, which the public copy leaves out; "the profile has no e-mail address to look for" was
said (trial). It says why none is looked for."""

from __future__ import annotations

import shutil

from typer.testing import CliRunner

from resume_builder.cli import app
from tests.conftest import FIXTURES

runner = CliRunner()


def test_a_public_copy_is_said_to_leave_the_contacts_out(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(FIXTURES / "profiles" / "one_page.yaml", tmp_path / "cv.yaml")
    text = (tmp_path / "cv.yaml").read_text(encoding="utf-8")
    assert "  email: jo@example.org\n" in text  # the profile has an e-mail address; a phone number too:
    (tmp_path / "cv.yaml").write_text(text.replace("  email: jo@example.org\n",
                                                   "  email: jo@example.org\n  phone: +44 20 7946 0958\n"),
                                      encoding="utf-8")
    assert runner.invoke(app, ["render", "cv.yaml", "--public", "-f", "pdf"]).exit_code == 0
    result = runner.invoke(app, ["check", "output/cv-public.pdf", "--profile", "cv.yaml"])
    assert result.exit_code == 0, result.output
    lines = [" ".join(line.split()) for line in result.output.splitlines()]
    assert "✓ email: a public copy leaves the e-mail address out: none to look for" in lines
    assert "✓ phone: a public copy leaves the phone number out: none to look for" in lines
