"""resume_builder/output.py: atomic writes and SOURCE_DATE_EPOCH, rule by rule."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest

from resume_builder import output
from resume_builder.errors import UserError
from resume_builder.output import DEFAULT_EPOCH, build_datetime, source_date_epoch, write_atomic


@pytest.fixture
def umask():
    """Set the process's umask for a test: ``umask(0o077)``; put back after it."""
    before = os.umask(0o022)
    os.umask(before)
    yield os.umask
    os.umask(before)


@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o077, 0o600), (0o027, 0o640), (0o002, 0o664)])
def test_writes_the_bytes_creating_folders_with_the_mode_the_umask_gives(tmp_path, umask, mask, mode):
    """Outputs were 0644 whatever the umask: under umask 077 a résumé with a phone number
    became world-readable (release-engineer trial). A new output is 0666 less the umask, as
    any program's new file, and a replaced one too."""
    umask(mask)
    target = tmp_path / "a" / "b" / "cv.pdf"
    write_atomic(target, b"%PDF-1.7 data")
    assert target.read_bytes() == b"%PDF-1.7 data"
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert os.listdir(target.parent) == ["cv.pdf"]  # no temporary file left
    write_atomic(target, b"%PDF-1.7 other data")
    assert stat.S_IMODE(target.stat().st_mode) == mode


def test_the_umask_is_read_without_changing_it(umask, monkeypatch):
    umask(0o037)
    assert output.current_umask() == 0o037
    monkeypatch.setattr(output, "open", lambda *a, **k: (_ for _ in ()).throw(OSError("no /proc")), raising=False)
    assert output.current_umask() == output._UMASK_AT_START  # no /proc: the one at start
    assert os.umask(0o037) == 0o037


def test_replaces_an_older_file_whole(tmp_path):
    target = tmp_path / "cv.txt"
    target.write_bytes(b"old and longer than the new one")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert os.listdir(tmp_path) == ["cv.txt"]


def test_a_bare_file_name_goes_in_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_atomic("cv.md", b"# CV")
    assert (tmp_path / "cv.md").read_bytes() == b"# CV"


def test_the_temporary_file_is_hidden_beside_the_target_and_fsynced(tmp_path, monkeypatch):
    seen = {}
    real_replace, real_fsync = os.replace, os.fsync

    def spy_replace(src, dst):
        seen["tmp"], seen["dst"] = os.path.basename(src), dst
        seen["dir"] = os.path.dirname(src)
        seen["content"] = open(src, "rb").read()
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy_replace)
    monkeypatch.setattr(os, "fsync", lambda fd: seen.setdefault("fsync", fd) and real_fsync(fd))
    target = tmp_path / "cv.pdf"
    write_atomic(target, b"data")
    assert seen["tmp"].startswith(".cv.pdf.") and seen["tmp"].endswith(".tmp")
    assert seen["dir"] == str(tmp_path) and seen["dst"] == target
    assert seen["content"] == b"data" and "fsync" in seen


@pytest.mark.parametrize("name", ["y" * 251 + ".pdf", "ü" * 125 + ".pdf"])  # 255 bytes in UTF-8
def test_a_name_as_long_as_the_file_system_allows_is_written(tmp_path, monkeypatch, name):
    """The temporary name was '.NAME.XXXXXXXX.tmp', 14 bytes more than the name: a name of
    241 to 255 bytes failed, 'cannot write in …: File name too long' (release-engineer trial)."""
    seen = []
    real_replace = os.replace
    monkeypatch.setattr(os, "replace", lambda src, dst: (seen.append(os.path.basename(src)), real_replace(src, dst)))
    target = tmp_path / name
    write_atomic(target, b"first")
    write_atomic(target, b"second")  # the older file is kept under a temporary name meanwhile
    assert target.read_bytes() == b"second" and os.listdir(tmp_path) == [name]
    assert seen and all(len(tmp.encode()) <= 50 and tmp.startswith(".") and tmp.endswith(".tmp") for tmp in seen)


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "cv.pdf"
    target.write_bytes(b"old")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(UserError) as info:
        write_atomic(target, b"new")
    assert str(info.value).startswith(f"cannot write {target}: No space left on device")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["cv.pdf"]


def test_an_interrupt_while_writing_leaves_no_temporary_and_is_not_a_user_error(tmp_path, monkeypatch):
    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "cv.pdf", b"new")
    assert os.listdir(tmp_path) == []


def test_a_failing_cleanup_does_not_hide_the_error(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "replace", lambda src, dst: (_ for _ in ()).throw(OSError(5, "I/O error")))
    monkeypatch.setattr(os, "unlink", lambda path: (_ for _ in ()).throw(OSError(2, "gone")))
    with pytest.raises(UserError, match="cannot write .*cv.pdf: I/O error"):
        write_atomic(tmp_path / "cv.pdf", b"new")


def test_a_folder_that_cannot_be_created_is_a_user_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(UserError) as info:
        write_atomic(blocker / "sub" / "cv.pdf", b"x")
    assert info.value.problems[0].message == f"cannot write into {blocker / 'sub'}: {blocker} is a file, not a folder"
    assert info.value.problems[0].hint == "choose another --out-dir (or -o), or move that file away"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_path_kind_tells_every_wrong_kind_of_file_apart(tmp_path):
    """One classification for every "wrong kind of file" message (the profile loader, a build
    file's targets, includes, photos, a variant file's profile, check, an output folder)."""
    from resume_builder.output import path_kind

    (tmp_path / "cv.yaml").write_text("x", encoding="utf-8")
    (tmp_path / "to-cv.yaml").symlink_to("cv.yaml")
    (tmp_path / "gone.yaml").symlink_to("moved/cv.yaml")
    (tmp_path / "a.yaml").symlink_to("b.yaml")
    (tmp_path / "b.yaml").symlink_to("a.yaml")
    (tmp_path / "folder").mkdir()
    os.mkfifo(tmp_path / "pipe")
    said = {name: (found.kind, found.said, found.link) for name in ("cv.yaml", "to-cv.yaml", "gone.yaml", "a.yaml",
                                                                    "folder", "pipe", "absent", "cv.yaml/x")
            for found in [path_kind(tmp_path / name)]}
    assert said == {
        "cv.yaml": ("file", "is a file", False), "to-cv.yaml": ("file", "is a file", False),
        "gone.yaml": ("dangling", "is a symbolic link to 'moved/cv.yaml', which does not exist", True),
        "a.yaml": ("loop", "is a symbolic link to 'b.yaml', which leads back to it (a loop of links)", True),
        "folder": ("folder", "is a folder", False),
        "pipe": ("special", "is a named pipe (FIFO), not a regular file", False),
        "absent": ("missing", "not found", False), "cv.yaml/x": ("missing", "not found", False),
    }
    assert path_kind("/dev/null").said == "is a device, not a regular file"
    assert path_kind(f"{tmp_path}/nul\x00.yaml").kind == "missing"


def test_a_folder_that_is_a_dangling_link_is_said_to_be_one(tmp_path):
    """An output folder that is a symbolic link to a removed folder "is a file" (trial)."""
    (tmp_path / "out").symlink_to("gone")
    with pytest.raises(UserError) as info:
        write_atomic(tmp_path / "out" / "sub" / "cv.pdf", b"x")
    assert info.value.problems[0].message == (f"cannot write into {tmp_path / 'out' / 'sub'}: {tmp_path / 'out'} is a "
                                              "symbolic link to 'gone', which does not exist")
    assert info.value.problems[0].hint == "point the link at a folder, or choose another --out-dir (or -o)"
    assert os.listdir(tmp_path) == ["out"]


def test_a_folder_that_cannot_be_written_is_a_user_error(tmp_path, monkeypatch):
    def no_temporary(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(output.tempfile, "mkstemp", no_temporary)
    with pytest.raises(UserError) as info:
        write_atomic(tmp_path / "cv.pdf", b"x")
    assert str(info.value).startswith(f"cannot write in {tmp_path}: Permission denied")


# ----------------------------------------------------------------------------- SOURCE_DATE_EPOCH


@pytest.mark.parametrize("value, expected", [
    (None, DEFAULT_EPOCH), ("", DEFAULT_EPOCH), ("  ", DEFAULT_EPOCH), ("1700000000", 1700000000),
    (" 42 ", 42), ("0", 0), (str(output.MAX_EPOCH), output.MAX_EPOCH),  # to the end of year 9999
])
def test_source_date_epoch(value, expected, monkeypatch):
    if value is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    assert source_date_epoch() == expected
    output.check_source_date_epoch()  # accepted


def test_the_default_epoch_is_the_first_day_a_zip_entry_can_hold(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert build_datetime() == dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)


def test_build_datetime_is_utc(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setenv("TZ", "Asia/Kolkata")
    assert build_datetime() == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.timezone.utc)
    assert build_datetime().utcoffset() == dt.timedelta(0)


@pytest.mark.parametrize("value", ["yesterday", "1.5", "1e9", "1_0", "\u0661\u0660"])  # int() read the last two as 10
def test_a_bad_source_date_epoch_is_a_user_error(value, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(UserError) as info:
        source_date_epoch()
    assert str(info.value).startswith(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not '{value}'")


@pytest.mark.parametrize("value", ["-5", "-1700000000"])
def test_a_source_date_epoch_before_1970_is_a_user_error(value, monkeypatch):
    """It was taken as 1970 without a word (newcomer trial)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(UserError) as info:
        source_date_epoch()
    assert info.value.problems[0].message == f"SOURCE_DATE_EPOCH is before 1970 ({value} seconds)"



@pytest.mark.parametrize("value", ["253402300800", "99999999999999"])
def test_a_source_date_epoch_after_the_year_9999_is_a_user_error(value, monkeypatch):
    """Year 10000 ended in a traceback (ValueError: year 10000 is out of range, in
    build_datetime): release-engineer trial."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(UserError) as info:
        build_datetime()
    assert info.value.problems[0].message == f"SOURCE_DATE_EPOCH is after the end of year 9999 ({value} seconds)"
    assert "253402300799" in info.value.problems[0].hint


def test_the_last_second_of_the_year_9999_is_a_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "253402300799")
    assert build_datetime() == dt.datetime(9999, 12, 31, 23, 59, 59, tzinfo=dt.timezone.utc)




# ------------------------------------------------------------------ what may be replaced
# (check_destination, called by write_set: its rules pinned here, where `make mutation` looks)


def _refused(path) -> str:
    with pytest.raises(UserError) as caught:
        output.check_destination(path)
    return str(caught.value)


def test_a_regular_file_a_missing_one_and_a_link_to_a_file_may_be_replaced(tmp_path):
    (tmp_path / "cv.pdf").write_bytes(b"old")
    (tmp_path / "link.pdf").symlink_to(tmp_path / "cv.pdf")
    for name in ("cv.pdf", "new.pdf", "link.pdf", "missing/folder/cv.pdf"):
        output.check_destination(tmp_path / name)  # no error
    output.check_destination(Path("/dev/shm/cv.pdf"))  # a tmpfs of ordinary files


def test_an_output_that_is_a_link_is_replaced_and_its_target_kept(tmp_path):
    """As the README says: the atomic write renames a new file over the link's name."""
    (tmp_path / "cv.txt").write_bytes(b"old")
    (tmp_path / "link.txt").symlink_to("cv.txt")
    output.write_atomic(tmp_path / "link.txt", b"new")
    assert not (tmp_path / "link.txt").is_symlink() and (tmp_path / "link.txt").read_bytes() == b"new"
    assert (tmp_path / "cv.txt").read_bytes() == b"old"


def test_a_folder_is_refused_without_the_standard_output_hint(tmp_path):
    message = _refused(tmp_path)
    assert message == (f"{tmp_path} is a folder, not a regular file; outputs are only written to regular files "
                       "(name a file path)")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_a_named_pipe_a_socket_and_a_device_are_refused_with_the_standard_output_hint(tmp_path):
    import socket

    os.mkfifo(tmp_path / "pipe")
    assert _refused(tmp_path / "pipe") == (
        f"{tmp_path / 'pipe'} is a named pipe (FIFO), not a regular file; outputs are only written to regular "
        "files (name a file path, or '-o -' for standard output)")
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(tmp_path / "sock"))
        assert _refused(tmp_path / "sock").startswith(f"{tmp_path / 'sock'} is a socket, not a regular file")
    finally:
        server.close()
    assert _refused(Path("/dev/null")).startswith("/dev/null is a device, not a regular file")
    (tmp_path / "null-link").symlink_to("/dev/null")  # through a link, too
    assert "is a device, not a regular file" in _refused(tmp_path / "null-link")


@pytest.mark.parametrize("name", ["/dev/stdout-copy.pdf", "/proc/cv.pdf", "/sys/cv.pdf", "/dev"])
def test_paths_in_the_system_folders_are_refused(name):
    message = _refused(Path(name))
    assert "is in a system folder of devices and processes" in message or "not a regular file" in message
    if name != "/dev":
        assert message == (f"{name} is in a system folder of devices and processes; outputs are only written to "
                           "regular files (name a file path, or '-o -' for standard output)")


def test_a_link_resolving_into_a_system_folder_is_refused(tmp_path):
    (tmp_path / "proc-link").symlink_to("/proc")
    assert "is in a system folder of devices and processes" in _refused(tmp_path / "proc-link" / "cv.pdf")


@pytest.mark.parametrize(("epoch", "stamp"), [("0", (1980, 1, 1, 0, 0, 0)), ("1700000001", (2023, 11, 14, 22, 13, 20)),
                                              ("5000000000", (2107, 12, 31, 23, 59, 58))])
def test_a_zip_holds_the_build_date_within_the_years_a_zip_can_hold(monkeypatch, tmp_path, epoch, stamp):
    """SOURCE_DATE_EPOCH may now run to the year 9999, a ZIP's dates only to 2107: a bundle's
    zip failed with struct.error ('ushort format requires 0 <= number <= 65535'), a traceback."""
    import io
    import zipfile

    from resume_builder.building.bundle import zip_bytes
    from resume_builder.output import zip_stamp
    from resume_builder.render.job import Rendered

    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert zip_stamp() == stamp
    item = Rendered(path=tmp_path / "cv.txt", data=b"text")
    with zipfile.ZipFile(io.BytesIO(zip_bytes([item], tmp_path / "application"))) as archive:
        assert [info.date_time for info in archive.infolist()] == [stamp]


# ----------------------------------------------------------------------------- the rules, each pinned
# (mutation testing, tools/mutation.py: the functions added since its last pass had no test here)


@pytest.mark.parametrize(("value", "said", "hint"), [
    ("abc", "SOURCE_DATE_EPOCH must be a whole number of seconds, not 'abc'",
     "e.g. the last commit's time: SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)"),
    ("1.5", "SOURCE_DATE_EPOCH must be a whole number of seconds, not '1.5'", "SOURCE_DATE_EPOCH=$(git log"),
    ("-1", "SOURCE_DATE_EPOCH is before 1970 (-1 seconds)",
     "give the seconds since 1970, e.g. the last commit's time: SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)"),
    (str(output.MAX_EPOCH + 1), f"SOURCE_DATE_EPOCH is after the end of year 9999 ({output.MAX_EPOCH + 1} seconds)",
     f"give the seconds since 1970, at most {output.MAX_EPOCH}, e.g. the last commit's time: "
     "SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)"),
])
def test_a_source_date_epoch_that_is_no_date_is_refused_in_words(monkeypatch, value, said, hint):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    for read in (source_date_epoch, output.check_source_date_epoch):
        with pytest.raises(UserError) as caught:
            read()
        (problem,) = caught.value.problems
        assert problem.message == said
        assert hint in problem.hint


def test_today_is_the_build_dates_day_when_one_is_given_else_the_clocks(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", " 1700000000 ")
    assert output.today() == dt.date(2023, 11, 14)
    clock = dt.datetime.now(tz=dt.timezone.utc).date()
    for unset in ("", str(DEFAULT_EPOCH), f" {DEFAULT_EPOCH} "):  # the fixed default is no one's today
        monkeypatch.setenv("SOURCE_DATE_EPOCH", unset)
        assert output.today() in (clock, clock + dt.timedelta(days=1))
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert output.today() in (clock, clock + dt.timedelta(days=1))


@pytest.mark.parametrize(("seconds", "stamp"), [
    (0, (1980, 1, 1, 0, 0, 0)),  # before the first moment a ZIP can hold
    (DEFAULT_EPOCH - 1, (1980, 1, 1, 0, 0, 0)),
    (DEFAULT_EPOCH, (1980, 1, 1, 0, 0, 0)),
    (1700000001, (2023, 11, 14, 22, 13, 20)),  # odd seconds go down to even ones
    (1700000000, (2023, 11, 14, 22, 13, 20)),
    (4354819199, (2107, 12, 31, 23, 59, 58)),  # 2107-12-31T23:59:59
    (4354819200, (2107, 12, 31, 23, 59, 58)),  # 2108: after the last
    (output.MAX_EPOCH, (2107, 12, 31, 23, 59, 58)),
])
def test_the_zip_stamp_is_the_build_date_within_what_a_zip_holds(monkeypatch, seconds, stamp):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(seconds))
    assert output.zip_stamp() == stamp


def test_file_kinds_are_named_in_words(tmp_path):
    import socket

    (tmp_path / "file").write_text("x")
    os.mkfifo(tmp_path / "fifo")
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(tmp_path / "sock"))
        kinds = {name: output.file_kind(os.stat(tmp_path / name).st_mode) for name in ("file", "fifo", "sock")}
    finally:
        server.close()
    assert kinds == {"file": "a regular file", "fifo": "a named pipe (FIFO)", "sock": "a socket"}
    assert output.file_kind(os.stat(tmp_path).st_mode) == "a folder"
    assert output.file_kind(os.stat("/dev/null").st_mode) == "a device"
    assert output.file_kind(stat.S_IFBLK) == "a device"
    assert output.file_kind(stat.S_IFLNK) == "a special file"


def test_temporary_names_show_at_most_32_bytes_of_the_files_name():
    assert output.TEMPORARY_NAME_BYTES == 32
    assert output.temporary_prefix("cv.pdf") == ".cv.pdf."
    assert output.temporary_prefix("a" * 32) == "." + "a" * 32 + "."
    assert output.temporary_prefix("a" * 33) == "." + "a" * 32
    assert output.temporary_prefix("é" * 17) == "." + "é" * 16  # 34 bytes: cut between characters


def test_the_older_file_is_kept_under_a_temporary_name_and_nothing_when_there_is_none(tmp_path):
    assert output._keep_older(tmp_path / "none.pdf") is None
    (tmp_path / "folder.pdf").mkdir()
    assert output._keep_older(tmp_path / "folder.pdf") is None
    target = tmp_path / "cv.pdf"
    target.write_bytes(b"older")
    kept = output._keep_older(target)
    assert kept is not None and Path(kept).parent == tmp_path
    assert Path(kept).name.startswith(".cv.pdf.") and kept.endswith(".old.tmp")
    assert Path(kept).read_bytes() == b"older" and os.stat(kept).st_ino == os.stat(target).st_ino
    output._remove(kept)
    assert not Path(kept).exists() and target.read_bytes() == b"older"
    output._remove(kept)  # gone already: nothing to do
    output._remove(None)


def test_the_umask_is_read_without_changing_it():
    before = os.umask(0o027)
    try:
        assert output._umask_at_start() == 0o027
        assert os.umask(0o027) == 0o027  # still what it was
        assert output.current_umask() == 0o027
    finally:
        os.umask(before)


def test_a_loop_of_links_is_refused_as_a_destination(tmp_path):
    """``-o l1.txt`` where l1.txt and l2.txt link to each other ended in "RuntimeError: Symlink
    loop" from Path.resolve (trial); so did a path through such a loop."""
    from resume_builder.output import check_destination

    (tmp_path / "l1.txt").symlink_to("l2.txt")
    (tmp_path / "l2.txt").symlink_to("l1.txt")
    for path in (tmp_path / "l1.txt", tmp_path / "l1.txt" / "cv.txt"):
        with pytest.raises(UserError) as caught:
            check_destination(path)
        assert caught.value.render() == (f"{path} leads to itself through symbolic links (a loop of links); outputs "
                                         "are only written to regular files (point the link at a file, or name "
                                         "another path)")


@pytest.mark.parametrize("given", ["l1", "l1/sub"])
def test_a_bundle_out_dir_through_a_loop_of_links_is_refused_before_rendering(tmp_path, monkeypatch, given):
    """``bundle --out-dir l1`` (l1 and l2 linking to each other) rendered the whole application
    before refusing its first file; the build's ``out_dir = "l1"`` ended in "RuntimeError:
    Symlink loop" from Path.resolve (trial). Said at once, without a render."""
    from typer.testing import CliRunner

    from resume_builder.building import bundle
    from resume_builder.cli import app
    from resume_builder.output import check_folder, looping_link
    from tests.conftest import REPO

    monkeypatch.chdir(tmp_path)
    (tmp_path / "l1").symlink_to("l2")
    (tmp_path / "l2").symlink_to("l1")
    assert looping_link(given) == Path("l1") and looping_link("elsewhere/out") is None
    with pytest.raises(UserError) as caught:
        check_folder(given)
    assert caught.value.render() == (f"{given} leads to itself through symbolic links (a loop of links); outputs are "
                                     "only written to regular files (point the link at a folder, or name another "
                                     "--out-dir)")

    def no_render(*args, **kwargs):
        raise AssertionError("rendered")

    monkeypatch.setattr(bundle, "make_bundle", no_render)
    result = CliRunner().invoke(app, ["bundle", str(REPO / "profiles" / "example.yaml"), "--out-dir", given])
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"error: {given} leads to itself through symbolic links (a loop of links)")


def test_a_loop_of_links_beside_a_missing_file_keeps_its_did_you_mean(tmp_path):
    """One loop of links in a folder made ``os.scandir``'s ``is_file()`` raise, and the "did you
    mean" for a missing profile, check file or folder vanished (trial)."""
    from resume_builder.loading.source import nearby_name

    (tmp_path / "cv.yaml").write_text("x", encoding="utf-8")
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "cv.pdf").write_text("x", encoding="utf-8")
    for folder in (tmp_path, tmp_path / "output"):
        (folder / "l1").symlink_to("l2")
        (folder / "l2").symlink_to("l1")
    assert nearby_name(tmp_path / "cvv.yaml") == f"did you mean '{tmp_path / 'cv.yaml'}'?"
    assert nearby_name(tmp_path / "outptu" / "cv.pdf") == f"did you mean '{tmp_path / 'output' / 'cv.pdf'}'?"
    assert nearby_name(tmp_path / "output" / "cv.docx", suffixes=(".pdf",)) == \
        f"did you mean '{tmp_path / 'output' / 'cv.pdf'}'?"


def test_a_path_that_cannot_be_looked_at_is_said_so_with_why(tmp_path):
    """Neither missing nor any kind of file: a name longer than the file system allows."""
    found = output.path_kind(tmp_path / ("x" * 300))
    assert (found.kind, found.reason, found.link) == ("unknown", "File name too long", False)
    assert found.said == "cannot be looked at (File name too long)"
    assert output.path_kind(tmp_path / "a\0b").said == "not found"  # a NUL in the name


# ----------------------------------------------------------------------------- output folders


def _refusal(folder, **options) -> tuple[str, str]:
    with pytest.raises(UserError) as caught:
        output.check_folder(folder, **options)
    (problem,) = caught.value.problems
    return problem.message, problem.hint


def test_an_output_folder_that_cannot_hold_outputs_is_said_as_what_it_is(tmp_path, monkeypatch):
    """``serve --out-dir FILE`` ended in a traceback, ``--out-dir -`` made a folder named '-'
    (trial): check_folder says each kind, before anything is rendered, in the write's words."""
    monkeypatch.chdir(tmp_path)
    Path("a-file").write_text("x", encoding="utf-8")
    os.mkfifo("pipe")
    Path("to-nothing").symlink_to("nowhere")
    Path("l1").symlink_to("l2")
    Path("l2").symlink_to("l1")
    assert _refusal("a-file") == ("cannot write into a-file: a-file is a file, not a folder",
                                  "choose another --out-dir, or move that file away")
    assert _refusal("a-file/sub/deeper", option="--dir") == (
        "cannot write into a-file/sub/deeper: a-file is a file, not a folder",
        "choose another --dir, or move that file away")
    assert _refusal("pipe") == ("cannot write into pipe: pipe is a named pipe (FIFO), not a folder",
                                "choose another --out-dir, or move that file away")
    assert _refusal("to-nothing") == (
        "cannot write into to-nothing: to-nothing is a symbolic link to 'nowhere', which does not exist",
        "point the link at a folder, or choose another --out-dir")
    assert _refusal("l1/out", option="--dir") == (
        "l1/out leads to itself through symbolic links (a loop of links); outputs are only written to regular files",
        "point the link at a folder, or name another --dir")
    assert _refusal("-") == ("--out-dir - names a folder called '-'", "name a folder")
    assert _refusal("-", standard_output=True) == ("--out-dir - names a folder called '-'",
                                                   "name a folder, or write -o - for standard output")
    assert _refusal("/proc/x", option="--dir") == (
        "/proc/x is in a system folder of devices and processes; outputs are only written to regular files",
        "choose another --dir")
    long = "x" * 300
    assert _refusal(f"{long}/out") == (
        f"cannot write into {long}/out: {long}/out cannot be looked at (File name too long)", "choose another --out-dir")
    for fine in ("new/sub", ".", tmp_path, "a-folder"):
        output.check_folder(fine)  # missing (made by the write), or a folder
    Path("a-folder").mkdir()
    output.check_folder("a-folder")
    assert sorted(os.listdir()) == ["a-file", "a-folder", "l1", "l2", "pipe", "to-nothing"]


def test_a_folder_that_cannot_be_made_is_said_by_the_write_in_the_same_words(tmp_path):
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        write_atomic(tmp_path / "a-file" / "sub" / "cv.txt", b"x", folder_hint="choose another --dir")
    (problem,) = caught.value.problems
    assert (problem.message, problem.hint) == (
        f"cannot write into {tmp_path / 'a-file' / 'sub'}: {tmp_path / 'a-file'} is a file, not a folder",
        "choose another --dir, or move that file away")


def test_system_folders_are_told_apart_from_shared_memory(tmp_path):
    assert [output.in_system_folder(path) for path in ("/proc", "/proc/self/fd", "/sys/x", "/dev", "/dev/null",
                                                       "/dev/shm/x", "/devices", tmp_path)] == [
        True, True, True, True, True, False, False, False]
    (tmp_path / "into-proc").symlink_to("/proc/self")
    assert output.in_system_folder(tmp_path / "into-proc" / "out")  # through a link, resolved


def test_a_listing_entry_of_a_loop_is_neither_file_nor_folder(tmp_path):
    (tmp_path / "l1").symlink_to("l2")
    (tmp_path / "l2").symlink_to("l1")
    (tmp_path / "f").write_text("x", encoding="utf-8")
    (tmp_path / "d").mkdir()
    kinds = {entry.name: (output.entry_is_file(entry), output.entry_is_dir(entry)) for entry in os.scandir(tmp_path)}
    assert kinds == {"l1": (False, False), "l2": (False, False), "f": (True, False), "d": (False, True)}
