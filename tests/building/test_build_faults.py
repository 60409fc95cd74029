"""build under faults (issue 12, items 10-12): a killed build leaves nothing running and a
manifest that tells the truth; two builds at once do not mix; a corrupt manifest is no crash.

No test here races a timer: processes are synchronised through their output (a line read
from a pipe) and a lock the test itself holds; waits have generous limits that only
matter when the behaviour is broken.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app
from tests.building.test_build import SMALL, _living_in_group
from tests.conftest import REPO

runner = CliRunner()
linux_only = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc (Linux)")


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "profiles").mkdir()
    (tmp_path / "profiles" / "me.yaml").write_text(SMALL, encoding="utf-8")
    (tmp_path / "resume-builder.toml").write_text(
        'out_dir = "out"\ncheck = false\n\n[[targets]]\nprofile = "profiles/me.yaml"\n'
        'variants = ["", "web"]\nformats = ["md", "txt"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    return tmp_path


def _big_project(root: Path) -> Path:
    project = root / "project"
    (project / "profiles").mkdir(parents=True)
    shutil.copy(REPO / "profiles" / "example.yaml", project / "profiles" / "example.yaml")
    (project / "resume-builder.toml").write_text(
        'out_dir = "out"\ncheck = false\n[[targets]]\nprofile = "profiles/example.yaml"\n'
        'variants = ["", "platform", "monitoring"]\nformats = ["pdf", "docx", "md"]\n'
        'themes = ["classic", "modern", "compact"]\n', encoding="utf-8")
    return project


def _start_build(project: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "resume_builder", "build", *args], cwd=project,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            env={**os.environ, "PYTHONPATH": str(REPO)})


def _manifest_tells_the_truth(out: Path) -> list[str]:
    if not (out / "manifest.json").exists():
        return []
    wrong = []
    for entry in json.loads((out / "manifest.json").read_text())["files"]:
        path = out / entry["file"]
        if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != entry["sha256"]:
            wrong.append(entry["file"])
    return wrong


# ----------------------------------------------------------------------------- item 10


@linux_only
def test_kill_9_of_the_build_stops_its_workers_and_the_manifest_stays_true(tmp_path):
    project = _big_project(tmp_path)
    out = project / "out"
    out.mkdir()
    # an older build's outputs, listed in its manifest: the new build replaces them
    older = []
    for name in ("example-classic.pdf", "example-modern.docx", "example-platform-compact.pdf",
                 "example-monitoring-modern.md", "example-monitoring-compact.pdf"):
        (out / name).write_bytes(b"older " + name.encode())
        older.append({"file": name, "sha256": hashlib.sha256(b"older " + name.encode()).hexdigest(),
                      "inputs": "old"})
    (out / "manifest.json").write_text(json.dumps({"files": older}), encoding="utf-8")
    proc = _start_build(project, "-j", "2")
    try:
        for line in proc.stdout:  # the workers are running: one target is done
            if line.startswith("built"):
                break
        workers = [pid for pid in _living_in_group(proc.pid) if pid != proc.pid]
        assert workers, "the build has no worker processes to test"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
        for _ in range(1200):  # a generous limit: without the fix they live forever
            if not _living_in_group(proc.pid):
                break
            time.sleep(0.1)
        left = _living_in_group(proc.pid)
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.stdout.close()
        proc.stderr.close()
    assert not left, f"workers still running after the build was killed: {left}"
    assert _manifest_tells_the_truth(out) == []


# ----------------------------------------------------------------------------- item 11


@pytest.mark.skipif(sys.platform == "win32", reason="advisory locks need fcntl")
def test_a_second_build_waits_for_the_first_then_both_are_true(project):
    import fcntl

    out = project / "out"
    out.mkdir()
    holder = os.open(out, os.O_RDONLY)
    fcntl.flock(holder, fcntl.LOCK_EX)  # stands for a build in progress
    proc = _start_build(project, "-j", "1")
    try:
        seen = []
        for line in proc.stderr:  # blocks until the build says it waits (or exits: then the loop ends)
            seen.append(line)
            if "another build is writing to" in line:
                break
        assert seen and "waiting for it to finish" in seen[-1], seen
        assert sorted(p.name for p in out.iterdir()) == []  # it wrote nothing while waiting
        fcntl.flock(holder, fcntl.LOCK_UN)
        _, stderr = proc.communicate(timeout=300)
    finally:
        os.close(holder)
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, stderr
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "me-web.md", "me-web.txt", "me.md", "me.txt"]
    assert _manifest_tells_the_truth(out) == []


def test_two_builds_at_once_give_a_true_manifest(project):
    """Both run for real; whatever the interleaving, the second one waits and the manifest is right."""
    procs = [_start_build(project, "-j", "1") for _ in range(2)]
    for proc in procs:
        _, stderr = proc.communicate(timeout=300)
        assert proc.returncode == 0, stderr
    out = project / "out"
    assert len(json.loads((out / "manifest.json").read_text())["files"]) == 4
    assert _manifest_tells_the_truth(out) == []


@pytest.mark.skipif(sys.platform == "win32", reason="advisory locks need fcntl")
def test_no_wait_exits_with_a_clear_message(project):
    import fcntl

    out = project / "out"
    out.mkdir()
    holder = os.open(out, os.O_RDONLY)
    fcntl.flock(holder, fcntl.LOCK_EX)
    try:
        result = runner.invoke(app, ["build", "-j", "1", "--no-wait"])
    finally:
        os.close(holder)
    assert result.exit_code == 2, result.output
    assert "another build is writing to" in result.output and "Traceback" not in result.output
    assert sorted(p.name for p in out.iterdir()) == []


def test_the_lock_can_refuse_instead_of_waiting(tmp_path):
    import fcntl

    from resume_builder.building.lock import output_lock
    from resume_builder.errors import UserError

    holder = os.open(tmp_path, os.O_RDONLY)
    fcntl.flock(holder, fcntl.LOCK_EX)
    try:
        with pytest.raises(UserError, match="another build is writing to"):
            with output_lock(tmp_path, wait=False):
                pass
    finally:
        os.close(holder)
    with output_lock(tmp_path, wait=False):  # free again
        pass


def test_a_file_changed_after_it_was_rendered_is_not_in_the_manifest(project, monkeypatch):
    """Hashes are checked against the bytes on disk before the manifest is written."""
    from resume_builder.building import session as session_module

    real = session_module.run_build

    def run_then_tamper(*args, **kwargs):
        results = real(*args, **kwargs)
        (project / "out" / "me.md").write_text("written by someone else", encoding="utf-8")
        return results

    monkeypatch.setattr(session_module, "run_build", run_then_tamper)
    result = runner.invoke(app, ["build", "-j", "1"])
    assert result.exit_code == 1, result.output
    assert "changed on disk after it was written" in result.output
    manifest = json.loads((project / "out" / "manifest.json").read_text())
    assert sorted(e["file"] for e in manifest["files"]) == ["me-web.md", "me-web.txt", "me.txt"]
    assert _manifest_tells_the_truth(project / "out") == []


def test_every_png_page_is_in_the_manifest_under_its_own_name(project):
    (project / "resume-builder.toml").write_text(
        'out_dir = "out"\ncheck = false\n[[targets]]\nprofile = "profiles/me.yaml"\nformats = ["png", "md"]\n',
        encoding="utf-8")
    proc = _start_build(project, "-j", "1")  # a process of its own: a fresh WeasyPrint
    _, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 0, stderr
    manifest = json.loads((project / "out" / "manifest.json").read_text())
    assert [e["file"] for e in manifest["files"]] == ["me-1.png", "me.md"]
    assert _manifest_tells_the_truth(project / "out") == []


# ----------------------------------------------------------------------------- item 12


@pytest.mark.parametrize("content", [
    b"[]", b'{"file": 5}', b'{"files": 5}', b'{"files": [{"file": 5}, "x", null]}', b"{not json",
    b"\xff\xfe\x00", b'"just a string"', b"",
], ids=["list", "file-5", "files-5", "bad-entries", "not-json", "not-utf8", "string", "empty"])
@pytest.mark.parametrize("clean", [False, True], ids=["build", "build-clean"])
def test_a_corrupt_manifest_is_reported_and_treated_as_empty(content, clean, project):
    out = project / "out"
    out.mkdir()
    (out / "manifest.json").write_bytes(content)
    result = runner.invoke(app, ["build", "-j", "1", *(["--clean"] if clean else [])])
    assert result.exit_code == 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert "warning:" in result.output and "manifest.json" in result.output
    assert "4 built, 0 up to date, 0 failed" in result.output
    manifest = json.loads((out / "manifest.json").read_text())
    assert len(manifest["files"]) == 4
    assert _manifest_tells_the_truth(out) == []


def test_a_profile_mistake_is_said_once(project):
    """Each target of a broken profile failed apart, saying the same located error twice:
    11 targets printed it 22 times (newcomer trial). The profiles load first: each problem
    once, its targets failed with a reference to it, the other targets built."""
    (project / "profiles" / "other.yaml").write_text(SMALL, encoding="utf-8")
    with open(project / "resume-builder.toml", "a", encoding="utf-8") as build_file:
        build_file.write('[[targets]]\nprofile = "profiles/other.yaml"\nformats = ["md"]\n')
    profile = project / "profiles" / "me.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("basics:\n", "basics:\n  phone: [1]\n", 1),
                       encoding="utf-8")
    result = runner.invoke(app, ["build", "-j", "1"])
    assert result.exit_code == 1, result.output
    said = " ".join(result.output.split())
    assert said.count("basics.phone: expected text, found a list") == 1, result.output
    assert "me.yaml has a problem: its 4 targets are not built, the others are" in said
    assert said.count("me.yaml has a problem (said above)") >= 4 and "Traceback" not in said
    assert (project / "out" / "other.md").is_file() and not (project / "out" / "me.md").exists()
