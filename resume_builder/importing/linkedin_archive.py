"""Read the members of a ZIP archive into memory, refusing hostile archives.

Used for LinkedIn's "Download your data" export. Nothing is ever extracted to disk: a
member is read into memory by name, so its name cannot point anywhere. Still, an archive
LinkedIn did not write is refused as a whole, before anything is inflated, when

- it is not a ZIP file (or its directory is damaged);
- it has more than :data:`~resume_builder.limits.MAX_ARCHIVE_MEMBERS` entries;
- a member name is absolute (``/etc/x``, ``C:\\x``, ``\\\\server\\x``), has a ``..`` part or a
  control character, or the member is a symbolic link;
- a member is encrypted;
- its members claim more than :data:`~resume_builder.limits.MAX_ARCHIVE_DECLARED_BYTES`
  together, or one inflates more than :data:`~resume_builder.limits.MAX_ARCHIVE_RATIO`
  times (a zip bomb).

A member that is read may hold at most ``MAX_ARCHIVE_MEMBER_BYTES``, and all those read
``MAX_ARCHIVE_READ_BYTES`` together; reading stops there whatever the member's header
claims. Every refusal is a :class:`~resume_builder.errors.UserError` naming the archive
and the member.
"""

from __future__ import annotations

import re
import stat
import zipfile
import zlib
from pathlib import Path

from resume_builder import limits
from resume_builder.errors import UserError

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_NOT_LINKEDIN = "this archive was not written by LinkedIn: download your data again from LinkedIn"


def unsafe_name(name: str) -> str | None:
    """Why a member name could point outside a folder it were extracted to, else None.

    Backslashes count as separators (Windows tools write them); ``C:``-style drives and
    ``\\\\server`` shares count as absolute.
    """
    if _CONTROL.search(name):
        return "has a control character in its name"
    path = name.replace("\\", "/")
    if path.startswith("/") or re.match(r"^[A-Za-z]:", path):
        return "has an absolute name"
    if ".." in path.split("/"):
        return "has '..' in its name"
    return None


class Archive:
    """An open archive whose directory passed every check (see the module docstring).

    Use as a context manager; :attr:`names` lists its files (folders left out) in archive
    order; :meth:`read` returns one member's bytes.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.label = self.path.name
        self._read_total = 0
        if not self.path.is_file():
            from resume_builder.output import path_kind

            found = path_kind(self.path)  # a link to a moved export said "no such file", a FIFO "not a regular file"
            said = {"missing": "no such file", "folder": "is a folder, not a file"}.get(found.kind, found.said)
            raise UserError(f"{self.path}: {said}", hint="point the link at the .zip file LinkedIn sent you"
                            if found.link else "give the .zip file LinkedIn sent you")
        try:
            self._zip = zipfile.ZipFile(self.path)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, NotImplementedError):
            raise UserError(f"{self.label}: not a ZIP archive (or a damaged one)",
                            hint="LinkedIn's 'Download your data' export is a .zip file; download it again") from None
        except OSError as exc:
            raise UserError(f"cannot read {self.path}: {exc.strerror or exc}") from None
        try:
            self._infos = self._checked(self._zip.infolist())
        except BaseException:
            self._zip.close()
            raise
        self.names = [info.filename for info in self._infos if not info.is_dir()]
        self._by_name = {info.filename: info for info in self._infos}

    def _checked(self, infos: list[zipfile.ZipInfo]) -> list[zipfile.ZipInfo]:
        if len(infos) > limits.MAX_ARCHIVE_MEMBERS:
            raise UserError(f"{self.label}: {len(infos):,} entries; an archive may hold at most "
                            f"{limits.MAX_ARCHIVE_MEMBERS:,}", hint=_NOT_LINKEDIN)
        declared = 0
        for info in infos:
            shown = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", info.filename)
            why = unsafe_name(info.orig_filename) or unsafe_name(info.filename)
            if why:
                raise UserError(f"{self.label}: member '{shown}' {why}", hint=_NOT_LINKEDIN)
            if stat.S_ISLNK(info.external_attr >> 16):
                raise UserError(f"{self.label}: member '{shown}' is a symbolic link", hint=_NOT_LINKEDIN)
            if info.flag_bits & 0x1:
                raise UserError(f"{self.label}: member '{shown}' is encrypted",
                                hint="resume-builder reads unencrypted archives only; LinkedIn's export is not "
                                     "encrypted: download it again")
            declared += info.file_size
            if declared > limits.MAX_ARCHIVE_DECLARED_BYTES:
                raise UserError(f"{self.label}: its members hold more than "
                                f"{limits.MAX_ARCHIVE_DECLARED_BYTES // 2**20:,} MiB uncompressed (a zip bomb?)",
                                hint=_NOT_LINKEDIN)
            if info.file_size > limits.ARCHIVE_RATIO_MIN_BYTES and \
                    info.file_size > limits.MAX_ARCHIVE_RATIO * max(info.compress_size, 1):
                raise UserError(f"{self.label}: member '{shown}' inflates "
                                f"{info.file_size // max(info.compress_size, 1):,} times (more than "
                                f"{limits.MAX_ARCHIVE_RATIO}: a zip bomb?)", hint=_NOT_LINKEDIN)
        return infos

    def __enter__(self) -> "Archive":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._zip.close()

    def size(self, name: str) -> int:
        """The member's uncompressed size as its header states it, in bytes."""
        return self._by_name[name].file_size

    def read(self, name: str) -> bytes:
        """The member's bytes (UserError when it is too large or damaged; see the module docstring)."""
        info = self._by_name[name]
        limit = min(limits.MAX_ARCHIVE_MEMBER_BYTES, limits.MAX_ARCHIVE_READ_BYTES - self._read_total)
        if info.file_size > limits.MAX_ARCHIVE_MEMBER_BYTES:
            raise UserError(f"{self.label}: member '{name}' holds {info.file_size:,} bytes; a file read from an "
                            f"archive may hold at most {limits.MAX_ARCHIVE_MEMBER_BYTES:,}", hint=_NOT_LINKEDIN)
        chunks: list[bytes] = []
        size = 0
        try:
            with self._zip.open(info) as member:
                while True:
                    chunk = member.read(64 * 1024)
                    if not chunk:
                        break
                    size += len(chunk)
                    if size > limit:
                        raise UserError(f"{self.label}: member '{name}' holds more than {limit:,} bytes "
                                        "(more than it says, or more than the archive may give in all)",
                                        hint=_NOT_LINKEDIN)
                    chunks.append(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as exc:
            raise UserError(f"{self.label}: member '{name}' is damaged ({exc})",
                            hint="download the archive from LinkedIn again") from None
        except NotImplementedError as exc:
            raise UserError(f"{self.label}: member '{name}' cannot be read ({exc})",
                            hint="LinkedIn's export uses plain deflate: download it again") from None
        except RuntimeError as exc:  # zipfile: "File ... is encrypted, password required"
            raise UserError(f"{self.label}: member '{name}' cannot be read ({exc})", hint=_NOT_LINKEDIN) from None
        except OSError as exc:
            raise UserError(f"cannot read {self.path}: {exc.strerror or exc}") from None
        self._read_total += size
        return b"".join(chunks)
