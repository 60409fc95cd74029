"""Writing outputs: atomic writes and reproducible timestamps.

A file is written to a temporary name in the target folder, flushed, then renamed over the
destination, so a crash or an error never leaves a partial file and an older output stays
intact until the new one is complete.
"""

from __future__ import annotations

import datetime as _dt
import errno
import os
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from resume_builder.containment import real
from resume_builder.errors import UserError

DEFAULT_EPOCH = 315532800  # 1980-01-01T00:00:00Z, the earliest date a zip entry can hold
MAX_EPOCH = 253402300799  # 9999-12-31T23:59:59Z, the last second a date of four digits can say


def source_date_epoch() -> int:
    """Seconds since 1970 from SOURCE_DATE_EPOCH, or a fixed default, for reproducible files.

    Raises UserError for a value that is not a whole number of seconds, or is before 1970
    (it was taken as 1970 without a word; the convention asks a tool to fail on a malformed
    value: https://reproducible-builds.org/specs/source-date-epoch/), or after the end of
    year 9999 (:data:`MAX_EPOCH`: 253402300800 ended in a traceback, "year 10000 is out of
    range"). Commands check it before they start (cli: :func:`check_source_date_epoch`)."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return DEFAULT_EPOCH
    try:
        if not (value.isascii() and value.lstrip("+-").isdecimal()):  # int() reads 1_0 and ١٠ as 10
            raise ValueError(value)
        seconds = int(value)
    except ValueError:
        raise UserError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not '{value}'",
                        hint="e.g. the last commit's time: SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)") from None
    if seconds < 0:
        raise UserError(f"SOURCE_DATE_EPOCH is before 1970 ({value} seconds)",
                        hint="give the seconds since 1970, e.g. the last commit's time: "
                             "SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)")
    if seconds > MAX_EPOCH:
        raise UserError(f"SOURCE_DATE_EPOCH is after the end of year 9999 ({value} seconds)",
                        hint=f"give the seconds since 1970, at most {MAX_EPOCH}, e.g. the last commit's time: "
                             "SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)")
    return seconds


def check_source_date_epoch() -> None:
    """Raise UserError for a SOURCE_DATE_EPOCH :func:`source_date_epoch` refuses: a command
    calls it before it deletes or writes anything (``build --clean`` deleted its outputs,
    built one, then failed the rest on 'abc', saying so twice, and wrote no manifest)."""
    source_date_epoch()


def today() -> _dt.date:
    """The day a profile's dates are compared with ("is this start in the future?"): the day
    of SOURCE_DATE_EPOCH when it is set (a reproducible build says the same on any day, and
    tests fix the day so), else the clock's (UTC). The fixed default that
    :func:`libraries_see_build_date` sets while a PDF is written (1980) is no one's today: a
    profile read meanwhile (another thread of ``serve``) goes by the clock."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value and value != str(DEFAULT_EPOCH):
        return build_datetime().date()
    return _dt.datetime.now(tz=_dt.timezone.utc).date()


def zip_stamp() -> tuple[int, int, int, int, int, int]:
    """The build date as a ZIP member's date and time (MS-DOS format, APPNOTE.TXT 4.4.6):
    years 1980 to 2107 and even seconds only, so a SOURCE_DATE_EPOCH before or after those
    is the first or last moment a ZIP can hold (DOCX packages and bundle zips)."""
    when = build_datetime()
    if when.year < 1980:
        return (1980, 1, 1, 0, 0, 0)
    if when.year > 2107:
        return (2107, 12, 31, 23, 59, 58)
    return (when.year, when.month, when.day, when.hour, when.minute, when.second - when.second % 2)


def build_datetime() -> _dt.datetime:
    return _dt.datetime.fromtimestamp(source_date_epoch(), tz=_dt.timezone.utc)


@contextmanager
def libraries_see_build_date() -> Iterator[None]:
    """Within the block, libraries that stamp files with "now" stamp the build date instead.

    Libraries following the reproducible-builds convention (https://reproducible-builds.org/
    specs/source-date-epoch/) read the variable SOURCE_DATE_EPOCH instead of the clock;
    fontTools does when it saves a font (the ``head`` table's ``modified`` field), which
    WeasyPrint does for every variable or colour font it embeds in a PDF. Without the
    variable, an embedded font changed with every second of the clock. The variable is
    set to :func:`source_date_epoch` (the user's value, or the fixed default) for the
    block and restored after it. Not thread-safe: the environment is process-wide.
    """
    name = "SOURCE_DATE_EPOCH"
    before = os.environ.get(name)
    os.environ[name] = str(source_date_epoch())
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = before


# Folders of the kernel's pseudo file systems: a "file" there is a device, a process's
# descriptor or a kernel setting, never an output (/dev/stdout, /dev/full, /proc/self/fd/1).
_SPECIAL_FOLDERS = (Path("/dev"), Path("/proc"), Path("/sys"))
_SHARED_MEMORY = Path("/dev/shm")


def check_destination(path: Path, *, standard_output: str | None = "-o -") -> None:
    """Raise a UserError unless ``path`` may be replaced by a regular file.

    ``standard_output``: how the command writes to standard output instead, for the hint
    (``-o -``), or None for a command that cannot (``init``, ``tailor --write-variant``: the hint
    named an option they do not have: trial).

    Refused: an existing path that is not a regular file (a FIFO, a socket, a character or
    block device, a folder), whether named directly or through symbolic links, a loop of
    symbolic links (it was a RuntimeError traceback: trial), and any
    path in or resolving into /dev (but /dev/shm), /proc or /sys (``/dev/stdout`` names a descriptor of
    this process; replacing it would break the terminal or, as root, the system). A
    symbolic link to a regular file is allowed: the atomic write replaces the link.
    """
    path = Path(path)
    loop = _loop_refusal(path, "point the link at a file, or name another path")
    found = path_kind(path)  # missing (or a folder on the way is missing or not a folder): the write says so
    if found.kind == "loop":
        raise loop
    if found.kind in ("folder", "special"):
        raise UserError(f"{path} is {found.what}, not a regular file; outputs are only written to regular files",
                        hint="name a file path" + (f", or '{standard_output}' for standard output"
                                                   if standard_output and found.kind == "special" else ""))
    try:
        resolved = path.resolve()  # raising here is the point: a loop is refused (containment.real never raises)
    except (RuntimeError, OSError):  # Python 3.11 raises RuntimeError for a loop, 3.13 OSError
        raise loop from None
    if any(_in_special_folder(candidate) for candidate in (path.absolute(), resolved)):
        raise UserError(f"{path} is in a system folder of devices and processes; outputs are only written "
                        "to regular files", hint="name a file path" + (f", or '{standard_output}' for standard output"
                                                                      if standard_output else ""))


def looping_link(path: Path | str) -> Path | None:
    """The first of ``path``'s folders, or ``path`` itself, that is a symbolic link leading back
    to itself (a loop of links), or None. ``out_dir = "l1"`` or ``--out-dir l1/sub`` with ``l1`` a
    loop ended in a RuntimeError traceback from ``Path.resolve`` (Python 3.11; trial)."""
    path = Path(path)
    for candidate in [*reversed(path.parents), path]:
        if candidate != Path(candidate.anchor or ".") and path_kind(candidate).kind == "loop":
            return candidate
    return None


def check_folder(folder: Path | str, *, option: str = "--out-dir", standard_output: bool = False) -> None:
    """Raise a UserError, in the words the write would use, when outputs cannot be written
    into ``folder`` (an ``--out-dir``), said before anything is rendered or served: it is, or
    lies below, a loop of symbolic links, a file, a named pipe, a socket, a device or a link
    to nothing; or it is in /dev, /proc or /sys; or it is ``-`` (standard output is ``-o -``,
    where a command has it). A folder that does not exist yet is fine
    (the write makes it). ``option``: the command's option for the folder, in the hint;
    ``standard_output``: whether the command writes to standard output with ``-o -``.
    (``serve --out-dir FILE`` ended in a FileExistsError traceback: trial.)"""
    if str(folder) == "-":  # it made a folder named '-' (bundle --out-dir -: trial)
        raise UserError("--out-dir - names a folder called '-'",
                        hint="name a folder" + (", or write -o - for standard output" if standard_output else ""))
    folder = Path(folder)
    if looping_link(folder) is not None:
        raise _loop_refusal(folder, f"point the link at a folder, or name another {option}")
    blocked = _blocked_folder(folder, f"choose another {option}", missing_is=None)
    if blocked is not None:
        raise blocked
    if in_system_folder(folder):
        raise UserError(f"{folder} is in a system folder of devices and processes; outputs are only written "
                        "to regular files", hint=f"choose another {option}")


def _blocked_folder(folder: Path, folder_hint: str, *, missing_is: "PathKind | None") -> UserError | None:
    """The UserError for a ``folder`` that cannot be made because it, or a folder on its way, is
    something else (a file, a FIFO, a link to nothing); None when nothing is in the way. When
    nothing can be named, ``missing_is`` is what to blame ``folder`` for (None: nothing)."""
    found = next(((p, kind) for p in (folder, *folder.parents)
                  if (kind := path_kind(p)).kind not in ("missing", "folder")), None)
    if found is None:
        if missing_is is None:
            return None
        found = (folder, missing_is)
    blocker, kind = found
    said = "is a file, not a folder" if kind.kind == "file" else f"is {kind.what}, not a folder" \
        if kind.kind == "special" else kind.said
    return UserError(f"cannot write into {folder}: {blocker} {said}",
                     hint=f"point the link at a folder, or {folder_hint}" if kind.link
                     else folder_hint if kind.kind == "unknown" else f"{folder_hint}, or move that file away")


def _loop_refusal(path: Path | str, hint: str) -> UserError:
    """The UserError for an output ``path`` that is, or lies below, a loop of symbolic links."""
    return UserError(f"{path} leads to itself through symbolic links (a loop of links); outputs are only "
                     "written to regular files", hint=hint)


def file_kind(mode: int) -> str:
    """What a file of ``mode`` (``os.stat``'s ``st_mode``) is, in words: "a regular file", "a
    folder", "a named pipe (FIFO)", "a socket", "a device" or "a special file"."""
    import stat

    return ("a regular file" if stat.S_ISREG(mode) else "a folder" if stat.S_ISDIR(mode)
            else "a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a special file")


@dataclass(frozen=True)
class PathKind:
    """What is at a path, as :func:`path_kind` finds it.

    ``kind``: "file" (a regular file, through links too), "missing", "dangling" (a symbolic
    link whose target does not exist), "loop" (symbolic links that lead back to themselves),
    "folder", "special" (a named pipe, a socket, a device) or "unknown" (it cannot be looked
    at: no permission to a folder on the way, a name too long). ``target``: the link's target
    as written, for "dangling" and "loop"; ``what``: for one that exists, what it is in words
    (:func:`file_kind`: "a folder", "a named pipe (FIFO)");
    ``reason``: why an "unknown" path cannot be looked at."""

    kind: str
    target: str = ""
    what: str = ""
    reason: str = ""

    @property
    def said(self) -> str:
        """What the path is, to follow its name in a message: "not found", "is a symbolic link to
        'old.yaml', which does not exist", "is a symbolic link to 'b.yaml', which leads back to it
        (a loop of links)", "is a folder", "is a named pipe (FIFO), not a regular file", "is a
        file", "cannot be looked at (Permission denied)"."""
        if self.kind == "dangling":
            return f"is a symbolic link to '{self.target}', which does not exist"
        if self.kind == "loop":
            return f"is a symbolic link to '{self.target}', which leads back to it (a loop of links)"
        if self.kind == "special":
            return f"is {self.what}, not a regular file"
        if self.kind == "unknown":
            return f"cannot be looked at ({self.reason})"
        return {"missing": "not found", "folder": "is a folder", "file": "is a file"}[self.kind]

    @property
    def link(self) -> bool:
        """Whether the path is a symbolic link that leads to no file ("dangling" or "loop"): the
        fix is the link's, so a hint says to point it at the file."""
        return self.kind in ("dangling", "loop")


def path_kind(path: Path | str) -> PathKind:
    """What is at ``path`` (symbolic links followed): one classification for every message that
    says a path is the wrong kind of file (the profile loader's, a build file's targets, an
    include, a photo, a variant file's profile, ``check``'s file, an output folder). A symbolic
    link that leads nowhere is "dangling" or "loop" with its target, so the message can say
    where it points (it was "file not found" beside an ``ls`` that lists the file: trial).
    Never raises."""
    import stat

    try:
        mode = os.stat(path).st_mode
    except ValueError:  # a NUL in the name: no such file
        return PathKind("missing")
    except OSError as exc:
        gone = exc.errno in (errno.ENOENT, errno.ENOTDIR, errno.ELOOP, errno.EBADF)  # as pathlib's exists()
        if gone and os.path.islink(path):
            try:
                return PathKind("loop" if exc.errno == errno.ELOOP else "dangling", os.readlink(path))
            except OSError:
                pass
        if gone:
            return PathKind("missing")
        return PathKind("unknown", reason=exc.strerror or str(exc))
    return PathKind("file" if stat.S_ISREG(mode) else "folder" if stat.S_ISDIR(mode) else "special",
                    what=file_kind(mode))


def entry_is_file(entry: "os.DirEntry[str]") -> bool:
    """``entry.is_file()`` of an ``os.scandir`` listing, False where it raises: a loop of
    symbolic links in a folder raises ELOOP, which ended the whole listing (a "did you mean"
    for a missing profile vanished when its folder held a loop: trial)."""
    try:
        return entry.is_file()
    except OSError:
        return False


def entry_is_dir(entry: "os.DirEntry[str]") -> bool:
    """``entry.is_dir()``, False where it raises (see :func:`entry_is_file`)."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _in_special_folder(path: Path) -> bool:
    if path.is_relative_to(_SHARED_MEMORY):  # a tmpfs of ordinary files
        return False
    return any(path == folder or path.is_relative_to(folder) for folder in _SPECIAL_FOLDERS)


def in_system_folder(path: Path | str) -> bool:
    """Whether ``path``, as written (made absolute) or with its links resolved, is in /dev (but
    /dev/shm), /proc or /sys: folders of devices, processes and kernel settings, where no
    output goes."""
    path = Path(path)
    return _in_special_folder(path.absolute()) or _in_special_folder(real(path))


#: How to write elsewhere, in the hint of an output folder that cannot be made: the default,
#: for a command with ``--out-dir`` and ``-o``.
FOLDER_HINT = "choose another --out-dir (or -o)"


def write_atomic(path: Path, data: bytes, *, standard_output: str | None = "-o -",
                 folder_hint: str = FOLDER_HINT) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the whole new one
    (``standard_output``, ``folder_hint``: as :func:`write_set`'s)."""
    write_set([(Path(path), data)], standard_output=standard_output, folder_hint=folder_hint)


def write_set(files: list[tuple[Path, bytes]], *, standard_output: str | None = "-o -",
              folder_hint: str = FOLDER_HINT) -> None:
    """Write several files all-or-nothing: afterwards every file is new, or every file is as before.

    Each file goes to a temporary name in its target folder (flushed and fsynced); only when
    every one is complete are they renamed over their destinations. Should a rename fail,
    those already renamed are put back: each older file is kept (hard-linked) under a
    temporary name until the set is in place. A full disk, a folder that cannot be written,
    an error or Ctrl-C leave the older set intact and no temporary file. Every destination
    is checked first (:func:`check_destination`). Raises UserError naming the file and why.

    ``standard_output``: as :func:`check_destination`'s (None for a command without ``-o -``:
    ``build``, ``bundle``); ``folder_hint``: how the command's user chooses another output
    folder, for the hint of a folder that cannot be made (``build``: its build file's
    ``out_dir``; ``bundle``: ``--out-dir`` without ``-o``).
    """
    items = [(Path(path), data) for path, data in files]
    for path, _ in items:
        check_destination(path, standard_output=standard_output)
    temporaries: list[tuple[Path, str]] = []
    backups: list[tuple[Path, str | None]] = []  # destination, its older version (None: there was none)
    renamed: list[Path] = []
    try:
        for path, data in items:
            temporaries.append((path, _write_temporary(path, data, folder_hint)))
        for path, _ in items:
            backups.append((path, _keep_older(path)))
        for path, tmp_name in temporaries:
            try:
                os.replace(tmp_name, path)
            except OSError as exc:
                raise UserError(f"cannot write {path}: {exc.strerror or exc}") from None
            renamed.append(path)
    except BaseException:
        for path, older in reversed(backups):  # put back what was replaced, remove what was new
            if path not in renamed:
                continue
            try:
                if older is not None:
                    os.replace(older, path)
                else:
                    os.unlink(path)
            except OSError:
                pass
        for _, name in [*temporaries, *backups]:
            _remove(name)
        raise
    for _, older in backups:
        _remove(older)


#: Bytes of a file's name that its temporary files show (``.NAME.XXXXXXXX.tmp``): at most this
#: many, so a temporary name is never longer than 50 bytes, whatever the file's name (a name of
#: 241 to 255 bytes failed: 'cannot write in output: File name too long').
TEMPORARY_NAME_BYTES = 32


def temporary_prefix(name: str) -> str:
    """The start of the names of ``name``'s temporary files: ``.`` + its first
    :data:`TEMPORARY_NAME_BYTES` bytes (cut between characters), + ``.`` when all of it fits."""
    short = name.encode("utf-8")[:TEMPORARY_NAME_BYTES].decode("utf-8", "ignore")
    return f".{short}." if short == name else f".{short}"


def _write_temporary(path: Path, data: bytes, folder_hint: str) -> str:
    path = Path(path)
    folder = path.parent  # "." for a bare file name
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        # a file, or a symbolic link to nothing (it was "is a file": trial), where a folder must be
        raise _blocked_folder(folder, folder_hint, missing_is=PathKind("file")) from None
    except OSError as exc:
        raise UserError(f"cannot create the folder {folder}: {exc.strerror or exc}") from None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=temporary_prefix(path.name), suffix=".tmp", dir=folder)
    except OSError as exc:
        raise UserError(f"cannot write in {folder}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o666 & ~current_umask())  # as any new file: mkstemp made it 0600
    except BaseException as exc:
        _remove(tmp_name)
        if isinstance(exc, OSError):
            raise UserError(f"cannot write {path}: {exc.strerror or exc}") from None
        raise
    return tmp_name


def _umask_at_start() -> int:
    mask = os.umask(0o022)  # the only way to read it elsewhere sets it: done once, at import
    os.umask(mask)
    return mask


_UMASK_AT_START = _umask_at_start()


def current_umask() -> int:
    """This process's umask, read without changing it (Linux: ``Umask:`` in /proc/self/status);
    elsewhere the one it had when this module was imported. Outputs were written 0644 whatever
    the umask: under ``umask 077`` a résumé with a phone number became world-readable."""
    try:
        with open("/proc/self/status", "rb") as status:
            for line in status:
                if line.startswith(b"Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return _UMASK_AT_START


def _keep_older(path: Path) -> str | None:
    """A hard link to the file at ``path`` under a temporary name (None when there is none)."""
    if not path.is_file():
        return None
    name = tempfile.mktemp(prefix=temporary_prefix(path.name), suffix=".old.tmp", dir=path.parent or Path("."))
    try:
        os.link(path, name)
    except OSError:  # a file system without hard links: the rename itself is still atomic
        return None
    return name


def _remove(name: str | None) -> None:
    if name is None:
        return
    try:
        os.unlink(name)
    except OSError:
        pass
