"""A full render of every hostile theme reads nothing outside its folders and never uses the network.

Every theme of ``tests/fixtures/hostile/themes`` is rendered to PDF, HTML and DOCX in one
child process under a Python audit hook (PEP 578) that logs every file opened and every
socket operation. The themes sit beside a folder ``outside/`` holding a canary file, which
they reach for in every way (font paths, ``../``, symlinks, a symlinked templates folder,
a reference DOCX, ``file:`` URLs, SVG images); the URLs they try point at a loopback HTTP
server that counts requests.

What this proves, and what it cannot: the hook sees every open by Python code, which is
how resume-builder and WeasyPrint read files (WeasyPrint through our URL fetcher). C
libraries that open files themselves (fontconfig reading the system's fonts) are not
seen; they are given no path a theme chose.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.hostile_world import format_args, make_world
from tests.render.test_fetcher import Server

_CHILD = textwrap.dedent('''
    import json, os, sys

    log = open(sys.argv[1], "w", encoding="utf-8")

    def hook(event, args):
        if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
            log.write(json.dumps(["open", os.fsdecode(args[0])]) + "\\n")
        elif event.startswith("socket.") or event in ("urllib.Request", "http.client.connect"):
            log.write(json.dumps([event, repr(args)[:300]]) + "\\n")

    runs = json.loads(open(sys.argv[2], encoding="utf-8").read())
    from typer.testing import CliRunner
    from resume_builder.cli import app

    sys.addaudithook(hook)
    runner = CliRunner()
    for argv in runs:
        result = runner.invoke(app, argv)
        log.write(json.dumps(["run", argv, result.exit_code, result.output]) + "\\n")
        log.flush()
    log.close()
''')


@pytest.fixture(scope="module")
def server():
    srv = Server()
    srv.thread.start()
    try:
        yield srv
    finally:
        srv.httpd.shutdown()
        srv.httpd.server_close()
        srv.thread.join(timeout=5)


def _inside(path: str, folder: Path) -> bool:
    real = Path(os.path.realpath(path))
    return real == folder or folder in real.parents


def test_hostile_themes_read_nothing_outside_and_fetch_nothing(tmp_path, server):
    server.hits.clear()
    world = make_world(tmp_path, server.port)
    themes = sorted(p.parent for p in world.themes.glob("*/theme.toml"))
    runs = [["render", str(world.profile), *format_args(theme.name), "--out-dir", str(world.out),
             "--theme-dir", str(theme)] for theme in themes]
    # the same machinery with a theme that behaves: proves the hook sees what is read
    runs.append(["render", str(world.profile), "-f", "pdf", "-f", "html", "-f", "docx", "--out-dir", str(world.out)])
    script = tmp_path / "child.py"
    script.write_text(_CHILD, encoding="utf-8")
    (tmp_path / "runs.json").write_text(json.dumps(runs), encoding="utf-8")
    log = tmp_path / "audit.log"
    done = subprocess.run([sys.executable, str(script), str(log), str(tmp_path / "runs.json")],
                          capture_output=True, text=True, cwd=REPO,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 0, done.stderr[-3000:]
    events = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    results = [event for event in events if event[0] == "run"]
    assert len(results) == len(runs)
    for _, argv, code, output in results[:-1]:
        assert code == 2, (argv[-1], output)
        assert "Traceback" not in output and world.canary not in output, (argv[-1], output)
    assert results[-1][2] == 0, results[-1][3]

    opened = [event[1] for event in events if event[0] == "open"]
    assert any(_inside(path, world.profile.parent) for path in opened)  # the hook works
    assert any(_inside(path, world.out) for path in opened)
    leaks = [path for path in opened if _inside(path, world.outside)]
    assert leaks == [], leaks
    allowed = (world.themes, world.profile.parent, world.out)
    strays = [path for path in opened
              if _inside(path, tmp_path) and not any(_inside(path, folder) for folder in allowed)
              and Path(os.path.realpath(path)) not in (log, script, tmp_path / "runs.json")]
    assert strays == [], strays
    assert not any(_inside(path, Path("/etc/passwd")) or path.startswith("/proc/self/environ") for path in opened)

    network = [event for event in events if event[0] not in ("open", "run")]
    assert network == [], network[:5]
    assert server.hits == []
    for produced in world.out.rglob("*") if world.out.exists() else []:
        if produced.is_file():
            assert world.canary.encode() not in produced.read_bytes(), produced
