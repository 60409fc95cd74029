"""Where render writes (issue 12, items 13-15): never onto a special file, several formats
all-or-nothing, and an extension that matches the format; ``-o -`` for standard output."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from resume_builder import output as output_module
from resume_builder.cli import app
from resume_builder.errors import UserError
from tests.conftest import FIXTURES, REPO

runner = CliRunner()
ONE_PAGE = FIXTURES / "profiles" / "one_page.yaml"


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


# ----------------------------------------------------------------------------- item 13: special files


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_fifo_is_refused_and_left_a_fifo(tmp_path):
    import stat

    fifo = tmp_path / "cv.md"
    os.mkfifo(fifo)
    result = runner.invoke(app, ["render", str(ONE_PAGE), "-f", "md", "-o", str(fifo)])
    assert result.exit_code == 2, result.output
    assert "named pipe (FIFO), not a regular file" in result.output and "-o -" in result.output
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert files_in(tmp_path) == ["cv.md"]


@pytest.mark.parametrize("target", ["/dev/null", "/dev/full", "/dev/stdout", "/proc/self/fd/1"])
def test_devices_and_process_files_are_refused(target):
    if not Path(target).exists():
        pytest.skip(f"{target} does not exist here")
    result = runner.invoke(app, ["render", str(ONE_PAGE), "-f", "txt", "-o", target])
    assert result.exit_code == 2, result.output
    assert "not a regular file" in result.output or "system folder of devices and processes" in result.output


def test_a_symlink_to_a_device_is_refused(tmp_path):
    if not Path("/dev/null").exists():
        pytest.skip("no /dev/null")
    (tmp_path / "cv.txt").symlink_to("/dev/null")
    result = runner.invoke(app, ["render", str(ONE_PAGE), "-f", "txt", "-o", str(tmp_path / "cv.txt")])
    assert result.exit_code == 2, result.output
    assert (tmp_path / "cv.txt").is_symlink()


def test_every_writer_refuses_special_files():
    """The check is in the one write function every command uses (export, schema, init...)."""
    with pytest.raises(UserError, match="not a regular file|system folder"):
        output_module.write_atomic(Path("/dev/null"), b"x")


def test_a_folder_named_as_output_is_refused(tmp_path):
    (tmp_path / "cv.md").mkdir()
    result = runner.invoke(app, ["render", str(ONE_PAGE), "-f", "md", "-o", str(tmp_path / "cv.md")])
    assert result.exit_code == 2 and "is a folder" in result.output


def test_dash_writes_the_document_to_standard_output_and_messages_to_stderr(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "resume_builder", "render", str(ONE_PAGE), "-f", "md", "-o", "-"],
                          cwd=tmp_path, capture_output=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert proc.returncode == 0, proc.stderr
    expected = runner.invoke(app, ["render", str(ONE_PAGE), "-f", "md", "-o", str(tmp_path / "file.md")])
    assert expected.exit_code == 0
    assert proc.stdout == (tmp_path / "file.md").read_bytes()
    assert b"wrote standard output" in proc.stderr
    assert files_in(tmp_path) == ["file.md"]  # nothing else was written


def test_dash_takes_binary_formats_through_a_pipe(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "resume_builder", "render", str(ONE_PAGE), "-f", "pdf", "-o", "-"],
                          cwd=tmp_path, capture_output=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(b"%PDF-") and proc.stdout.rstrip().endswith(b"%%EOF")


def test_a_reader_that_closes_the_pipe_early_ends_the_render_quietly_with_141(tmp_path):
    """``render -o - | head``: a reader gone before the file is written made the command exit 1
    (click's answer to EPIPE), which means "a check failed"; now 141 (128 + SIGPIPE), as any
    Unix tool ends, with nothing said and nothing written beside it."""
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first byte
    try:
        proc = subprocess.run([sys.executable, "-m", "resume_builder", "render", str(ONE_PAGE), "-f", "md",
                               "-o", "-", "--no-server"], cwd=tmp_path, stdout=write, stderr=subprocess.PIPE,
                              env={**os.environ, "PYTHONPATH": str(REPO)})
    finally:
        os.close(write)
    assert (proc.returncode, proc.stderr) == (141, b"")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("arguments", [["check", "--json"], ["import", "--lines"]])
def test_a_report_printed_to_a_closed_standard_output_ends_with_141(tmp_path, arguments):
    """`check cv.docx --json >&-` and `import cv.docx --lines >&-` ended 0, their report dropped
    unsaid by click's echo; they end as every command that prints results does."""
    from resume_builder import pipeline

    target = tmp_path / "cv.docx"
    job = pipeline.prepare(ONE_PAGE)
    target.write_bytes(pipeline.render(job, "docx", target)[0].data)
    command, option = arguments
    proc = subprocess.run([sys.executable, "-m", "resume_builder", command, str(target), option], cwd=tmp_path,
                          stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(REPO)},
                          preexec_fn=lambda: os.close(1))
    assert (proc.returncode, proc.stderr) == (141, "")
    assert [path.name for path in tmp_path.iterdir()] == ["cv.docx"]


@pytest.mark.parametrize("arguments", [["render", "--timeout", "nan"], ["render", "--no-such-option"]])
def test_a_usage_error_whose_reader_is_gone_still_ends_with_2(arguments):
    """``render --timeout nan 2>&1 | head -1``: the reader gone before click's usage error was
    written made the command exit 1 (Python's, for the traceback nobody could read), which the
    README gives to a failed check. The mistake's own code, 2, stands."""
    read, write = os.pipe()
    os.close(read)
    try:
        proc = subprocess.run([sys.executable, "-m", "resume_builder", *arguments], stdout=write, stderr=write,
                              env={**os.environ, "PYTHONPATH": str(REPO)})
    finally:
        os.close(write)
    assert proc.returncode == 2


@pytest.mark.parametrize("arguments", [["--help"], ["render", "--help"], ["--version"]])
def test_help_to_a_reader_that_is_gone_ends_with_141(arguments):
    """``resume-builder --help | true`` exited 1 (click's answer to a closed pipe), which the
    README gives to a failed check; it ends as every command's output to a closed pipe does."""
    read, write = os.pipe()
    os.close(read)
    try:
        proc = subprocess.run([sys.executable, "-m", "resume_builder", *arguments], stdout=write,
                              stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(REPO)})
    finally:
        os.close(write)
    assert (proc.returncode, proc.stderr) == (141, b"")


def test_dash_writes_every_byte_where_one_write_takes_only_a_part(monkeypatch):
    """Unbuffered (PYTHONUNBUFFERED=1, common in containers and CI), standard output's one write
    may take only part of the bytes: `render -o - | head -c 100` exited 0 and said it wrote
    210 KiB (trial). Every byte is written, however many writes it takes."""
    import io
    import types

    from resume_builder.commands import render as render_command

    class Raw(io.RawIOBase):
        def __init__(self) -> None:
            self.taken = bytearray()

        def writable(self) -> bool:
            return True

        def write(self, data) -> int:
            self.taken += bytes(data[:1000])
            return min(len(data), 1000)

    raw = Raw()
    monkeypatch.setattr(sys, "stdout", types.SimpleNamespace(buffer=raw))
    data = bytes(range(256)) * 40
    render_command._write_stdout([types.SimpleNamespace(data=data)])
    assert bytes(raw.taken) == data


@pytest.mark.parametrize("command", [["letter", str(ONE_PAGE), "-f", "txt", "-o", "-"], ["schema"],
                                     ["validate", str(ONE_PAGE)],
                                     # these printed through click's echo, which drops what has no
                                     # stream: `export >&-` ended 0 with nothing written (trial)
                                     ["export", str(ONE_PAGE), "--to", "jsonresume"],
                                     ["import", str(REPO / "tests" / "fixtures" / "jsonresume" / "full.resume.json")]])
def test_a_command_started_with_standard_output_closed_says_so_or_ends_quietly(tmp_path, command):
    """``>&-``: `letter -o -` and `schema` ended in an AttributeError traceback (trial). A
    document to write to it is refused (exit 2, as `render -o -` is); results to print end the
    command as a closed pipe does (141)."""
    proc = subprocess.run([sys.executable, "-m", "resume_builder", *command], cwd=tmp_path, stdout=None,
                          stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(REPO)},
                          preexec_fn=lambda: os.close(1))
    assert "Traceback" not in proc.stderr, proc.stderr
    if command[0] == "letter":
        assert proc.returncode == 2 and "standard output is closed, so '-o -' has nowhere to write" in proc.stderr
    else:
        assert (proc.returncode, proc.stderr) == (141, "")
    assert list(tmp_path.iterdir()) == []


def test_dash_refuses_check(tmp_path):
    result = runner.invoke(app, ["render", str(ONE_PAGE), "-o", "-", "--check"])
    assert result.exit_code == 2 and "--check" in result.output


# ----------------------------------------------------------------------------- item 14: all-or-nothing


def _older_set(out: Path) -> None:
    out.mkdir()
    (out / "one_page.pdf").write_bytes(b"older pdf")
    (out / "one_page.html").write_text("older html", encoding="utf-8")
    (out / "one_page.md").write_text("older md", encoding="utf-8")


def _fail_on_call(monkeypatch, name: str, number: int, error: OSError) -> None:
    real = getattr(os, name)
    calls = {"n": 0}

    def failing(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == number:
            raise error
        return real(*args, **kwargs)

    monkeypatch.setattr(output_module.os, name, failing)


@pytest.mark.usefixtures("cheap_font_subsetting")  # reads text and markup, not the fonts
@pytest.mark.parametrize("failing_write", [2, 3])
def test_disk_full_half_way_through_a_set_leaves_the_older_set(failing_write, monkeypatch, tmp_path):
    out = tmp_path / "out"
    _older_set(out)
    _fail_on_call(monkeypatch, "fsync", failing_write, OSError(errno.ENOSPC, "No space left on device"))
    result = runner.invoke(app, ["render", str(ONE_PAGE), "-f", "pdf", "-f", "html", "-f", "md", "--out-dir", str(out)])
    assert result.exit_code == 2, result.output
    assert "No space left on device" in result.output
    assert (out / "one_page.pdf").read_bytes() == b"older pdf"
    assert (out / "one_page.html").read_text() == "older html"
    assert (out / "one_page.md").read_text() == "older md"
    assert files_in(out) == ["one_page.html", "one_page.md", "one_page.pdf"]  # no temporary file left


def test_a_rename_failing_half_way_puts_the_older_files_back(monkeypatch, tmp_path):
    out = tmp_path / "out"
    _older_set(out)
    real = os.replace
    calls = {"n": 0}

    def replace(src, dst, *args, **kwargs):
        # the renames of new files into the output folder, not the roll-back (nor the font
        # cache's own writes, which happen only while its folder is new: os is one module)
        if not str(src).endswith(".old.tmp") and Path(dst).parent == out:
            calls["n"] += 1
            if calls["n"] == 2:
                raise OSError(errno.EIO, "Input/output error")
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(output_module.os, "replace", replace)
    result = runner.invoke(app, ["render", str(ONE_PAGE), "-f", "pdf", "-f", "html", "-f", "md", "--out-dir", str(out)])
    assert result.exit_code == 2, result.output
    assert (out / "one_page.pdf").read_bytes() == b"older pdf"
    assert (out / "one_page.html").read_text() == "older html"
    assert (out / "one_page.md").read_text() == "older md"
    assert files_in(out) == ["one_page.html", "one_page.md", "one_page.pdf"]


def test_a_set_without_older_files_is_removed_whole(monkeypatch, tmp_path):
    out = tmp_path / "out"
    real = os.replace
    calls = {"n": 0}

    def replace(src, dst, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(errno.EIO, "Input/output error")
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(output_module.os, "replace", replace)
    with pytest.raises(UserError, match="Input/output error"):
        output_module.write_set([(out / "a.md", b"a"), (out / "b.md", b"b")])
    assert files_in(out) == []


def test_a_complete_set_replaces_every_file(tmp_path):
    out = tmp_path / "out"
    _older_set(out)
    result = runner.invoke(app, ["render", str(ONE_PAGE), "-f", "pdf", "-f", "html", "-f", "md", "--out-dir", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "one_page.pdf").read_bytes().startswith(b"%PDF-")
    assert "older" not in (out / "one_page.html").read_text() + (out / "one_page.md").read_text()
    assert files_in(out) == ["one_page.html", "one_page.md", "one_page.pdf"]


# ----------------------------------------------------------------------------- item 15: extensions


@pytest.mark.parametrize("name, fmt", [("a.docx", "pdf"), ("a.pdf", "docx"), ("a.html", "md"), ("a.txt", "png"),
                                       ("a.PDF", "html"), ("a.jpeg", "png")])
def test_an_extension_contradicting_the_format_is_an_error(name, fmt, tmp_path):
    result = runner.invoke(app, ["render", str(ONE_PAGE), "-f", fmt, "-o", str(tmp_path / name)])
    assert result.exit_code == 2, result.output
    assert "but the format asked for is " + fmt in result.output
    assert files_in(tmp_path) == []


@pytest.mark.parametrize("name, fmt", [("a.pdf", "pdf"), ("a.PDF", "pdf"), ("resume", "md"), ("a.md", "md")])
def test_a_matching_or_missing_extension_is_written_as_named(name, fmt, tmp_path):
    result = runner.invoke(app, ["render", str(ONE_PAGE), "-f", fmt, "-o", str(tmp_path / name)])
    assert result.exit_code == 0, result.output
    assert files_in(tmp_path) == [name]


def test_without_format_the_extension_of_o_chooses_it(tmp_path):
    result = runner.invoke(app, ["render", str(ONE_PAGE), "-o", str(tmp_path / "cv.docx")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "cv.docx").read_bytes().startswith(b"PK")


def test_shared_memory_holds_ordinary_files():
    folder = Path("/dev/shm")
    if not folder.is_dir() or not os.access(folder, os.W_OK):
        pytest.skip("no writable /dev/shm")
    path = folder / f"resume-builder-test-{os.getpid()}.md"
    try:
        output_module.write_atomic(path, b"x")
        assert path.read_bytes() == b"x"
    finally:
        path.unlink(missing_ok=True)
