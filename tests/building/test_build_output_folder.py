"""An output folder the build cannot write is said once, before anything is rendered (it was
found only after every target had rendered: 23 targets, 8.7 s, then 23 FAILED lines,
newcomer trial)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app
from tests.building.test_build import SMALL
from tests.conftest import REPO

runner = CliRunner()


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "profiles").mkdir()
    (tmp_path / "profiles" / "me.yaml").write_text(SMALL + "letters:\n  hi:\n    body: Hello.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    return tmp_path


@contextmanager
def unwritable(folder: Path) -> Iterator[None]:
    """``folder`` denies writing for the block: its permissions for a user, ``chattr +i`` for
    root (whom permissions do not stop); skipped where root cannot make a folder immutable."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(folder)],
                                                          capture_output=True).returncode != 0:
        pytest.skip("running as root, where permissions deny nothing, and chattr +i is not available here")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_an_output_folder_that_cannot_be_written_is_said_once_before_rendering(project):
    (project / "resume-builder.toml").write_text(
        'check = false\n\nout_dir = "ro"\n[[targets]]\nprofile = "profiles/me.yaml"\n'
        'variants = ["", "web"]\nformats = ["md", "txt"]\n', encoding="utf-8")
    (project / "ro").mkdir()
    with unwritable(project / "ro"):
        result = runner.invoke(app, ["build", "-j", "1"])
        assert list((project / "ro").iterdir()) == []
    assert result.exit_code == 2, result.output
    assert "resume-builder.toml:3:" in result.output and "out_dir: cannot write in ro: " in result.output, result.output
    assert result.output.count("cannot write") == 1 and "FAILED" not in result.output, result.output
    assert "built   " not in result.output


def test_a_target_folder_that_cannot_be_made_is_said_before_rendering(project):
    """A bundle's folder where a file is: works as root too (no permission bit is involved)."""
    (project / "resume-builder.toml").write_text(
        'check = false\nout_dir = "out"\n[[targets]]\nprofile = "profiles/me.yaml"\nformats = ["md"]\n'
        'bundle = true\n', encoding="utf-8")
    (project / "out").mkdir()
    (project / "out" / "me-application").write_text("in the way", encoding="utf-8")
    result = runner.invoke(app, ["build", "-j", "1"])
    assert result.exit_code == 2, result.output
    assert "resume-builder.toml:2:" in result.output and \
        "out_dir: cannot write in out/me-application: it is a file, not a folder" in result.output, result.output
    assert "FAILED" not in result.output and "built   " not in result.output
    assert sorted(p.name for p in (project / "out").iterdir()) == ["me-application"]


def test_a_warning_of_many_targets_is_said_once_with_how_many(project, monkeypatch):
    """"the letter is undated" came once per letter target (newcomer trial)."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    (project / "resume-builder.toml").write_text(
        'check = false\nout_dir = "out"\n[[targets]]\nprofile = "profiles/me.yaml"\nvariants = ["", "web"]\n'
        'documents = ["letter"]\nformats = ["md", "txt"]\n', encoding="utf-8")
    result = runner.invoke(app, ["build", "-j", "1"])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1, result.output
    assert warnings[0].startswith("warning: 4 targets (out/me-letter.md, out/me-letter.txt, out/me-web-letter.md, …): "
                                  "the letter is undated"), warnings


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_a_fifo_where_a_target_goes_names_no_option_build_lacks(project):
    """A FIFO where a target's file or a bundle's application.json goes failed with "or '-o -'
    for standard output": build has no -o."""
    (project / "resume-builder.toml").write_text(
        'check = false\nout_dir = "out"\n[[targets]]\nprofile = "profiles/me.yaml"\nformats = ["md"]\n'
        '[[targets]]\nprofile = "profiles/me.yaml"\nformats = ["md"]\nbundle = true\nname = "b"\n', encoding="utf-8")
    (project / "out" / "b-application").mkdir(parents=True)
    os.mkfifo(project / "out" / "me.md")
    os.mkfifo(project / "out" / "b-application" / "application.json")
    result = runner.invoke(app, ["build", "-j", "1"])
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    said = " ".join(result.output.split())
    for name in ("me.md", "b-application/application.json"):
        assert f"{project / 'out' / name} is a named pipe (FIFO), not a regular file; outputs are only written to " \
               "regular files (name a file path)" in said, said
    assert "'-o -'" not in said and "built out/b.md" in said


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_a_manifest_that_is_a_fifo_or_a_folder_is_said_before_rendering(project, kind):
    """A FIFO named out/manifest.json made `build` wait forever: reading the last build's
    manifest opened the pipe, which no one writes (trial). Said at once, nothing rendered."""
    (project / "resume-builder.toml").write_text(
        'check = false\nout_dir = "out"\n[[targets]]\nprofile = "profiles/me.yaml"\nformats = ["md"]\n',
        encoding="utf-8")
    (project / "out").mkdir()
    manifest = project / "out" / "manifest.json"
    os.mkfifo(manifest) if kind == "fifo" else manifest.mkdir()
    done = subprocess.run([sys.executable, "-m", "resume_builder", "build", "-j", "1"], cwd=project, timeout=120,
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 2, done.stdout + done.stderr
    what = "a named pipe (FIFO), not a regular file" if kind == "fifo" else "a folder"
    assert f"{manifest} is {what}; a build records the files it wrote there (remove it, or set out_dir to " \
           "another folder)" in " ".join(done.stderr.split())
    assert sorted(path.name for path in (project / "out").iterdir()) == ["manifest.json"]


def test_an_output_folder_that_cannot_be_made_names_the_build_files_out_dir(tmp_path):
    """The hint for a folder that cannot be made said "choose another --out-dir (or -o)": build
    has neither; its folder is the build file's out_dir."""
    from resume_builder.building.manifest import write_manifest
    from resume_builder.errors import UserError

    (tmp_path / "out").write_text("in the way", encoding="utf-8")
    with pytest.raises(UserError) as info:
        write_manifest(tmp_path / "out" / "sub", [], tool_version="0", epoch=None)
    assert info.value.problems[0].hint == "set out_dir to another folder, or move that file away"
    (tmp_path / "gone").symlink_to("moved")
    with pytest.raises(UserError) as info:
        write_manifest(tmp_path / "gone", [], tool_version="0", epoch=None)
    assert info.value.problems[0].hint == "point the link at a folder, or set out_dir to another folder"


@pytest.mark.parametrize("out_dir", ["l1", "l1/sub"])
def test_an_out_dir_through_a_loop_of_links_is_at_its_line(project, out_dir):
    """``out_dir = "l1"`` with l1 and l2 linking to each other ended in "RuntimeError: Symlink
    loop" from Path.resolve, exit 1 (trial)."""
    (project / "l1").symlink_to("l2")
    (project / "l2").symlink_to("l1")
    (project / "resume-builder.toml").write_text(f'out_dir = "{out_dir}"\n[[targets]]\nprofile = "profiles/me.yaml"\n'
                                                  'formats = ["txt"]\n', encoding="utf-8")
    result = runner.invoke(app, ["build"])
    assert result.exit_code == 2, result.output
    assert result.output.splitlines()[0] == (
        f"error: resume-builder.toml:1:11: out_dir: the output folder {out_dir}: l1 is a symbolic link to 'l2', "
        "which leads back to it (a loop of links) (point the link at a folder, or give another out_dir)")


@pytest.mark.parametrize("out_dir", ["/proc/self", "/proc/nothing/out", "/sys", "/dev/null"])
def test_an_out_dir_in_a_system_folder_is_at_its_line(project, out_dir):
    """``out_dir = "/proc/self"`` said "cannot write in /proc/self: No such file or directory ...
    a read-only mount?" (trial): a folder of devices and processes is said to be one."""
    (project / "resume-builder.toml").write_text(f'out_dir = "{out_dir}"\n[[targets]]\nprofile = "profiles/me.yaml"\n'
                                                  'formats = ["txt"]\n', encoding="utf-8")
    result = runner.invoke(app, ["build"])
    assert result.exit_code == 2, result.output
    assert result.output.splitlines()[0] == (
        f"error: resume-builder.toml:1:11: out_dir: the output folder {out_dir} is in a system folder of devices and "
        "processes (give a folder of your own; it is made when missing)")


def test_targets_failing_for_one_reason_are_told_once_with_tidy_paths(project):
    """The reason came once per target after each FAILED line had said it, and an out_dir of
    "../out" in a build file in w/ was shown as w/../out/... (trial)."""
    theme = project / "themes" / "broken"
    (theme / "templates").mkdir(parents=True)
    (theme / "theme.toml").write_text('name = "broken"\nextends = "classic"\n', encoding="utf-8")
    (theme / "templates" / "resume.html.j2").write_text("{{ 1 // 0 }}\n", encoding="utf-8")
    (project / "w").mkdir()
    (project / "w" / "b.toml").write_text('out_dir = "../out"\n[[targets]]\nprofile = "../profiles/me.yaml"\n'
                                          'themes = ["broken"]\nformats = ["html", "pdf"]\n', encoding="utf-8")
    result = runner.invoke(app, ["build", "-c", "w/b.toml"])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert "w/.." not in result.output
    summary = lines.index("0 built, 0 up to date, 2 failed; manifest: out/manifest.json")
    assert lines[summary + 1] == "failed: out/me.html, out/me.pdf"
    assert lines[summary + 2] == (f"  {theme / 'templates' / 'resume.html.j2'}:1:1: theme 'broken': template "
                                  "resume.html.j2 failed: ZeroDivisionError: integer division or modulo by zero")
    assert len(lines) == summary + 3


def test_a_target_in_another_language_is_named_as_render_names_it(project):
    """``lang = "de"`` without a name wrote out/me.pdf, the profile's own name, and a second
    target without lang was refused as writing the same file (trial)."""
    (project / "resume-builder.toml").write_text(
        'out_dir = "out"\ncheck = false\n[[targets]]\nprofile = "profiles/me.yaml"\nlang = "DE"\nformats = ["md"]\n'
        '[[targets]]\nprofile = "profiles/me.yaml"\nformats = ["md"]\n', encoding="utf-8")
    result = runner.invoke(app, ["build", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (project / "out").iterdir()) == ["manifest.json", "me-de.md", "me.md"]
