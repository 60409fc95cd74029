"""Ctrl-C while a command is still starting, and a command started with its standard output
closed: one line and the documented exit code, never a traceback (trial)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import EXAMPLE, REPO

_ENV = {**os.environ, "PYTHONPATH": str(REPO)}


@pytest.mark.parametrize("module", ["resume_builder.native_libraries", "resume_builder.commands.render"])
def test_ctrl_c_while_the_commands_modules_are_imported_says_interrupted(module):
    """Ctrl-C in the first tens of milliseconds of `render` or `build` printed a KeyboardInterrupt
    traceback from an import in resume_builder/cli.py, or in the package's own __init__ (its
    native_libraries, imported before cli.py's first line runs). An import hook raises it here
    at one of those imports, where the signal would."""
    script = f"""
import sys
class CtrlC:
    def find_spec(self, name, path=None, target=None):
        if name == {module!r}:
            raise KeyboardInterrupt
sys.meta_path.insert(0, CtrlC())
from resume_builder.cli import main
main()
"""
    result = subprocess.run([sys.executable, "-c", script, "render"], capture_output=True, text=True,
                            env=_ENV, timeout=120)
    assert result.returncode == 130, result.stderr
    assert result.stderr == "interrupted\n"


@pytest.mark.parametrize("fmt", ["md", "pdf"])
def test_writing_to_a_closed_standard_output_is_said_in_one_line(tmp_path, fmt):
    """`render -f md -o - >&-` ended in "AttributeError: 'NoneType' object has no attribute 'buffer'"
    after rendering; a PDF's in the check for a terminal (sys.stdout.isatty())."""
    result = subprocess.run([sys.executable, "-m", "resume_builder", "render", str(EXAMPLE), "-f", fmt, "-o", "-"],
                            stderr=subprocess.PIPE, text=True, env=_ENV, cwd=tmp_path, timeout=120,
                            preexec_fn=lambda: os.close(1))
    assert result.returncode == 2, result.stderr
    assert "standard output is closed" in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert not any(tmp_path.iterdir())
