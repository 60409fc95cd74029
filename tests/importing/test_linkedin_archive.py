"""Hostile archives fail cleanly: exit 2, one clear message, no traceback, no output file.

Each archive is built here, some with their directory patched by hand (encrypted flags,
sizes that lie) since zipfile never writes such archives itself.
"""

from __future__ import annotations

import io
import os
import stat
import struct
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from resume_builder import limits
from resume_builder.cli import app
from resume_builder.errors import UserError
from resume_builder.importing.linkedin_archive import Archive, unsafe_name
from tests.importing.linkedin_archives import FULL, POSITIONS, SKILLS, write_archive

runner = CliRunner()


def refused(archive: Path, tmp_path: Path, *expected: str) -> str:
    """Run `import ARCHIVE -o out.yaml`: exit 2, the messages expected, no traceback, no file."""
    out = tmp_path / "out.yaml"
    result = runner.invoke(app, ["import", str(archive), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert result.output.startswith("error: ") and result.output.count("error: ") == 1, result.output
    for text in expected:
        assert text in result.output, result.output
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("out")) == []
    return result.output


def _patch_central(path: Path, offset: int, fmt: str, value: int, *, local_offset: int | None = None) -> None:
    """Overwrite a field of every central directory entry (and of local headers, when given)."""
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at != -1:
        struct.pack_into(fmt, data, at + offset, value)
        at = data.find(b"PK\x01\x02", at + 4)
    if local_offset is not None:
        at = data.find(b"PK\x03\x04")
        while at != -1:
            struct.pack_into(fmt, data, at + local_offset, value)
            at = data.find(b"PK\x03\x04", at + 4)
    path.write_bytes(bytes(data))


def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path):
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("Skills.csv", SKILLS)
        archive.writestr("Positions.csv", b"\0" * (20 * 1024 * 1024))  # inflates about 1,000 times
    refused(bomb, tmp_path, "bomb.zip: member 'Positions.csv' inflates", "a zip bomb?",
            "not written by LinkedIn")


def test_members_claiming_gigabytes_are_refused(tmp_path):
    archive = write_archive(tmp_path / "claims.zip", {"Skills.csv": SKILLS})
    _patch_central(archive, 24, "<I", 0xFFFF_FFF0)  # uncompressed size: almost 4 GiB
    refused(archive, tmp_path, "claims.zip: its members hold more than 1,024 MiB uncompressed (a zip bomb?)")


def test_a_member_that_inflates_beyond_its_stated_size_is_refused(tmp_path):
    archive = write_archive(tmp_path / "lies.zip", {"Skills.csv": SKILLS * 50})
    _patch_central(archive, 24, "<I", 10)  # says 10 bytes; holds far more
    refused(archive, tmp_path, "lies.zip: member 'Skills.csv' is damaged")


def test_a_huge_member_is_refused(tmp_path):
    text = "".join(f"Skill {os.urandom(24).hex()}\r\n" for _ in range(110_000))  # ~6 MB, varied
    archive = write_archive(tmp_path / "huge.zip", {"Skills.csv": "Name\r\n" + text})
    refused(archive, tmp_path, "huge.zip: member 'Skills.csv' holds 6,",
            f"may hold at most {limits.MAX_ARCHIVE_MEMBER_BYTES:,}")


def test_all_members_read_together_have_a_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_ARCHIVE_READ_BYTES", len(SKILLS) + 10)
    archive = write_archive(tmp_path / "many.zip", {"Skills.csv": SKILLS, "Positions.csv": POSITIONS})
    refused(archive, tmp_path, "member 'Positions.csv' holds more than")


@pytest.mark.parametrize("name, why", [
    ("../Positions.csv", "has '..' in its name"),
    ("export/../../Positions.csv", "has '..' in its name"),
    ("..\\Positions.csv", "has '..' in its name"),
    ("/etc/Positions.csv", "has an absolute name"),
    ("C:\\Users\\Positions.csv", "has an absolute name"),
    ("\\\\server\\share\\Positions.csv", "has an absolute name"),
    ("Positions\x07.csv", "has a control character in its name"),
])
def test_names_that_could_escape_a_folder_are_refused(tmp_path, name, why):
    archive = tmp_path / "traversal.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("Skills.csv", SKILLS)
        out.writestr(zipfile.ZipInfo(name), POSITIONS)
    output = refused(archive, tmp_path, f"traversal.zip: member '", why)
    assert "\x07" not in output
    assert not (tmp_path.parent / "Positions.csv").exists()


def test_unsafe_name_passes_ordinary_names():
    for name in ("Positions.csv", "Basic_LinkedInDataExport_01-01-2026/Positions.csv", "Jobs/Saved Jobs.csv",
                 "a..b.csv", "Ünïcode/Fotos.csv"):
        assert unsafe_name(name) is None, name


def test_a_symbolic_link_member_is_refused(tmp_path):
    archive = tmp_path / "link.zip"
    with zipfile.ZipFile(archive, "w") as out:
        info = zipfile.ZipInfo("Positions.csv")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        out.writestr(info, "/etc/passwd")
    refused(archive, tmp_path, "link.zip: member 'Positions.csv' is a symbolic link")


def test_an_encrypted_member_is_refused(tmp_path):
    archive = write_archive(tmp_path / "secret.zip", {"Skills.csv": SKILLS})
    _patch_central(archive, 8, "<H", 0x1, local_offset=6)  # general purpose flag: encrypted
    refused(archive, tmp_path, "secret.zip: member 'Skills.csv' is encrypted")


@pytest.mark.parametrize("content", [b"", b"First Name,Last Name\r\nAna,Exemplo\r\n", b"PK\x03\x04 truncated",
                                     b"%PDF-1.7\n"])
def test_a_file_that_is_not_a_zip_archive_is_refused(tmp_path, content):
    archive = tmp_path / "export.zip"
    archive.write_bytes(content)
    refused(archive, tmp_path, "export.zip: not a ZIP archive (or a damaged one)", "Download")


def test_a_folder_or_a_missing_file_is_refused(tmp_path):
    (tmp_path / "folder.zip").mkdir()
    refused(tmp_path / "folder.zip", tmp_path, "folder.zip: is a folder, not a file")
    refused(tmp_path / "absent.zip", tmp_path, "absent.zip: no such file")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_a_fifo_or_a_dangling_link_says_what_it_is(tmp_path):
    """A symbolic link to a moved export said "no such file" beside an ``ls`` that lists it, and
    a FIFO "not a regular file": each says what it is."""
    (tmp_path / "export.zip").symlink_to("Downloads/export.zip")
    said = refused(tmp_path / "export.zip", tmp_path)
    assert " ".join(said.split()) == (f"error: {tmp_path / 'export.zip'}: is a symbolic link to "
                                      "'Downloads/export.zip', which does not exist (point the link at the .zip file "
                                      "LinkedIn sent you)")
    os.mkfifo(tmp_path / "pipe.zip")
    refused(tmp_path / "pipe.zip", tmp_path, "pipe.zip: is a named pipe (FIFO), not a regular file")


def test_too_many_members_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_ARCHIVE_MEMBERS", 5)
    archive = write_archive(tmp_path / "crowd.zip", {f"file{i}.csv": "x" for i in range(6)})
    refused(archive, tmp_path, "crowd.zip: 6 entries; an archive may hold at most 5")


def test_an_archive_without_linkedin_files_is_refused(tmp_path):
    archive = write_archive(tmp_path / "other.zip", {"word/document.xml": "<w/>", "notes.csv": "a,b\r\n"})
    refused(archive, tmp_path, "other.zip holds none of the files of LinkedIn's data export")


def test_a_damaged_member_is_refused(tmp_path):
    archive = write_archive(tmp_path / "crc.zip", {"Skills.csv": SKILLS})
    data = bytearray(archive.read_bytes())
    at = data.find(b"PK\x01\x02")
    struct.pack_into("<I", data, at + 16, 0xDEADBEEF)  # the CRC-32 in the directory
    archive.write_bytes(bytes(data))
    refused(archive, tmp_path, "crc.zip: member 'Skills.csv' is damaged")


def test_an_existing_output_is_kept_when_the_archive_is_refused(tmp_path):
    archive = tmp_path / "export.zip"
    archive.write_bytes(b"not a zip")
    out = tmp_path / "profile.yaml"
    out.write_text("basics: {name: Kept}\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(archive), "-o", str(out), "--force"])
    assert result.exit_code == 2 and out.read_text(encoding="utf-8") == "basics: {name: Kept}\n"


def test_members_are_read_in_memory_and_never_extracted(tmp_path, monkeypatch):
    def no_extraction(*args, **kwargs):
        raise AssertionError("extracted to disk")

    monkeypatch.setattr(zipfile.ZipFile, "extract", no_extraction)
    monkeypatch.setattr(zipfile.ZipFile, "extractall", no_extraction)
    before = set(tmp_path.iterdir())
    with Archive(write_archive(tmp_path / "full.zip", FULL)) as archive:
        assert archive.read("Skills.csv") == FULL["Skills.csv"].encode("utf-8")
    assert set(tmp_path.iterdir()) - before == {tmp_path / "full.zip"}


def test_the_archive_errors_are_user_errors(tmp_path):
    (tmp_path / "bad.zip").write_bytes(b"nope")
    with pytest.raises(UserError, match="not a ZIP archive"):
        Archive(tmp_path / "bad.zip")


def test_a_profile_beyond_the_limits_of_every_profile_is_refused(tmp_path):
    skills = "Name\r\n" + "".join(f"Skill {i}\r\n" for i in range(limits.MAX_LIST_ITEMS + 1))
    archive = write_archive(tmp_path / "skills.zip", {"Skills.csv": skills})
    refused(archive, tmp_path, "skills.zip: skills[0].keywords would hold 1,001 items; a list may hold at most 1,000")


def test_a_profile_too_long_in_all_is_refused(tmp_path, monkeypatch):
    archive = write_archive(tmp_path / "long.zip", FULL)
    monkeypatch.setattr(limits, "MAX_TEXT_CHARS", 500)
    refused(archive, tmp_path, "long.zip: the profile would hold", "a profile may hold at most 500")
    monkeypatch.setattr(limits, "MAX_TEXT_CHARS", 1_000_000)
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 2_000)
    refused(archive, tmp_path, "long.zip: the profile would be")


def _small_archive() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Skills.csv", SKILLS)
        archive.writestr("Positions.csv", POSITIONS)
    return buffer.getvalue()


SMALL = _small_archive()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, len(SMALL) - 1), st.integers(0, 255)), min_size=1, max_size=8),
       st.integers(0, len(SMALL)))
def test_a_damaged_archive_is_read_or_refused_never_a_crash(tmp_path, changes, keep):
    """Random bytes changed, the end cut off: the import succeeds or says what is wrong (UserError)."""
    from resume_builder.importing.linkedin import import_linkedin_export

    data = bytearray(SMALL)
    for at, value in changes:
        data[at] = value
    archive = tmp_path / "damaged.zip"
    archive.write_bytes(bytes(data[:keep]) if keep < len(SMALL) // 2 else bytes(data))
    try:
        import_linkedin_export(archive)
    except UserError:
        pass
