"""A file the user may not read is said as every other mistake: one line naming it, exit 2
(newcomer trial: typer's own check printed click's three-line usage error, and with it off
`check` and `import` of an unreadable PDF ended in a traceback)."""

from __future__ import annotations

import errno
import os
import pathlib

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app
from tests.conftest import EXAMPLE

runner = CliRunner()


@pytest.fixture
def locked(tmp_path, monkeypatch):
    """A PDF whose opening fails with EACCES, as for another user's file (tests run as root)."""
    path = tmp_path / "locked.pdf"
    path.write_bytes(b"%PDF-1.7\n")
    real_open = pathlib.Path.open

    def refusing(self, *arguments, **keywords):
        if self == path:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real_open(self, *arguments, **keywords)

    monkeypatch.setattr(pathlib.Path, "open", refusing)
    monkeypatch.setattr(os, "access", lambda *arguments, **keywords: False)  # what typer asked
    return path


@pytest.mark.parametrize("command", [["check"], ["check", "--profile", str(EXAMPLE)], ["import"]])
def test_an_unreadable_pdf_is_one_line_and_exit_2(locked, command):
    result = runner.invoke(app, [*command[:1], str(locked), *command[1:]])
    assert result.exit_code == 2, result.output
    assert f"{locked}: cannot be read (Permission denied)" in result.output
    assert "Usage:" not in result.output and "Traceback" not in result.output


def test_typer_does_not_refuse_a_profile_it_cannot_judge(tmp_path, monkeypatch):
    """os.access says no (as for an unreadable file, or a root-squashed share): our reader
    tries, and here reads it."""
    monkeypatch.setattr(os, "access", lambda *arguments, **keywords: False)
    result = runner.invoke(app, ["validate", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
