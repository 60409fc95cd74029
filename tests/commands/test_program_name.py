"""Commands our messages suggest work when pasted: they call the tool the way it can be
called from the user's shell (console.program)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).with_name("resume-builder")
pytestmark = pytest.mark.skipif(not SCRIPT.is_file(), reason="the console script is not installed beside python")


def _init(folder: Path, path_variable: str) -> str:
    env = {**os.environ, "PATH": path_variable}
    done = subprocess.run([str(SCRIPT), "init", "me.yaml"], cwd=folder, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    (folder / "me.yaml").unlink()
    return done.stdout


def test_not_on_path_the_suggestion_names_the_script_itself(tmp_path):
    bare = os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep)
                           if p and not (Path(p) / "resume-builder").exists())
    printed = _init(tmp_path, bare)
    assert printed.strip().endswith(f": {SCRIPT} validate me.yaml"), printed


def test_on_path_the_suggestion_is_the_plain_name(tmp_path):
    printed = _init(tmp_path, os.pathsep.join([str(SCRIPT.parent), os.environ.get("PATH", "")]))
    assert printed.strip().endswith(": resume-builder validate me.yaml"), printed
    assert shutil.which("resume-builder", path=str(SCRIPT.parent))
