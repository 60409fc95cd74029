"""A file name longer than the file system takes (255 bytes a part on Linux) is the user's
mistake, said as one, in every command: pathlib's exists() and is_file() raise OSError
(ENAMETOOLONG) for it, and a dozen commands ended in a traceback (trial). Nothing is written."""

from __future__ import annotations

import os

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app
from tests.conftest import EXAMPLE, FIXTURES, JOB_SAMPLE

LONG = "a" * 300
SHOWN = "a" * 50 + "…" + "a" * 21

CASES = {
    "render -o": (["render", str(EXAMPLE), "-f", "txt", "-o", f"{LONG}.txt"], f"{SHOWN}.txt (304 bytes)"),
    "letter -o": (["letter", str(EXAMPLE), "-f", "txt", "-o", f"{LONG}.txt"], f"{SHOWN}.txt (304 bytes)"),
    "export -o": (["export", str(EXAMPLE), "-o", f"{LONG}.json"], f"{SHOWN[:-1]}.json (305 bytes)"),
    "import -o": (["import", str(FIXTURES / "jsonresume" / "full.resume.json"), "-o", f"{LONG}.yaml"],
                  f"{SHOWN[:-1]}.yaml (305 bytes)"),
    "schema -o": (["schema", "-o", f"{LONG}.json"], f"{SHOWN[:-1]}.json (305 bytes)"),
    "init": (["init", f"{LONG}.yaml"], f"{SHOWN[:-1]}.yaml (305 bytes)"),
    "tailor --write-variant": (["tailor", str(EXAMPLE), "--job", str(JOB_SAMPLE), "--write-variant", f"{LONG}.yaml"],
                               f"{SHOWN[:-1]}.yaml (305 bytes)"),
    "check": (["check", f"{LONG}.pdf"], f"{SHOWN}.pdf (304 bytes)"),
    "import": (["import", f"{LONG}.json"], f"{SHOWN[:-1]}.json (305 bytes)"),
    "build -c": (["build", "-c", f"{LONG}.toml"], f"{SHOWN[:-1]}.toml (305 bytes)"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_name_too_long_is_said_to_be_too_long(tmp_path, monkeypatch, case):
    monkeypatch.chdir(tmp_path)
    arguments, shown = CASES[case]
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 2, result.output
    assert not isinstance(result.exception, OSError)
    assert result.output.splitlines()[-1] == (
        f"error: {shown}: the name is too long for the file system (a file or folder name may have at most 255 "
        "bytes, a whole path 4,096; choose a shorter name)")
    assert os.listdir(tmp_path) == []


def test_another_os_error_keeps_its_traceback(tmp_path, monkeypatch):
    """Only ENAMETOOLONG is the user's: a bug's OSError is not turned into a message."""
    import errno

    from resume_builder.commands.common import user_errors

    with pytest.raises(OSError):
        with user_errors():
            raise OSError(errno.EIO, "Input/output error", "x")
