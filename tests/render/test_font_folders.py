"""WeasyPrint's folder of @font-face fonts goes with the process that made it: a build left one
folder of several MB in the temporary folder per worker (os._exit runs no __del__), and a
normal exit printed "Exception ignored in FontConfiguration.__del__" (shutil already torn
down) and left it too."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from tests.conftest import REPO


def _make_configuration(font_files: tuple) -> str:
    from resume_builder.render.pdf import _font_config

    folder = _font_config(font_files)._folder
    assert Path(folder).is_dir()
    return str(folder)


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_a_pool_worker_removes_its_font_folder_when_it_ends(method, tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))  # where a spawned worker's mkdtemp writes
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # and a forked one's
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context(method)) as pool:
        folder = pool.submit(_make_configuration, ("a-worker's",)).result()
    assert Path(folder).parent == tmp_path and not Path(folder).exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("weasyprint-")] == []


def test_a_process_that_exits_removes_its_font_folder_and_says_nothing(tmp_path):
    code = ("import sys\nsys.path.insert(0, sys.argv[1])\n"
            "from tests.render.test_font_folders import _make_configuration\nprint(_make_configuration(('x',)))\n")
    done = subprocess.run([sys.executable, "-c", code, str(REPO)], capture_output=True, text=True,
                          env={**os.environ, "TMPDIR": str(tmp_path), "PYTHONPATH": str(REPO)})
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.strip()).parent == tmp_path and not Path(done.stdout.strip()).exists()
    assert "Exception ignored" not in done.stderr and done.stderr == ""
