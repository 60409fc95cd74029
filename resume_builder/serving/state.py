"""The state file through which `render` and `build` find a running `serve`.

``<out_dir>/.resume-builder-serve.json`` holds ``{"port", "token", "pid", "cwd"}``. It is
created with mode 0600 (readable and writable by its owner only, ``O_EXCL`` on a fresh
name, then renamed into place), so only the user who started the server learns the
token; the server refuses any hand-off request without it. A reader ignores a file that
is not a regular file owned by the current user with no group or other permission bits,
and a file that cannot be parsed: the command then renders in-process.
"""

from __future__ import annotations

import json
import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path

STATE_NAME = ".resume-builder-serve.json"


@dataclass(frozen=True)
class ServerState:
    """Where a running server listens (``port`` on 127.0.0.1) and the token it requires."""

    port: int
    token: str
    pid: int
    cwd: str  # the server's working directory: relative paths and ./themes resolve against it

    def to_json(self) -> str:
        return json.dumps({"port": self.port, "token": self.token, "pid": self.pid, "cwd": self.cwd})


def new_token() -> str:
    """A random token of 256 bits (``secrets.token_urlsafe``), 43 URL-safe characters."""
    return secrets.token_urlsafe(32)


def state_path(out_dir: Path) -> Path:
    return Path(out_dir) / STATE_NAME


def write_state(out_dir: Path, state: ServerState) -> Path:
    """Write the state file for ``state`` in ``out_dir`` (created if missing), mode 0600.

    The file is written under a temporary name opened with ``O_CREAT | O_EXCL`` and mode
    0600, then renamed over any older state file, so it is never readable by others,
    not even for a moment. Returns the path.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = state_path(out_dir)
    temporary = out_dir / f".{STATE_NAME}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(state.to_json())
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return target


def read_state(out_dir: Path) -> ServerState | None:
    """The state file in ``out_dir``, or None when there is none or it cannot be trusted.

    Trusted: a regular file (not a symlink) owned by this user, with no permission bits for
    the group or others, holding a port in 1..65535 and a token string.
    """
    path = state_path(out_dir)
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or info.st_mode & 0o077 or info.st_size > 4096:
            return None
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            return None
        data = json.loads(os.read(descriptor, 4096).decode("utf-8"))
        port, token, pid, cwd = data["port"], data["token"], data["pid"], data["cwd"]
        if not (isinstance(port, int) and 0 < port < 65536 and isinstance(token, str) and token
                and isinstance(pid, int) and isinstance(cwd, str)):
            return None
        return ServerState(port, token, pid, cwd)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    finally:
        os.close(descriptor)


def remove_state(out_dir: Path, token: str) -> None:
    """Remove the state file if it is still this server's (holds ``token``)."""
    found = read_state(out_dir)
    if found is not None and secrets.compare_digest(found.token, token):
        state_path(out_dir).unlink(missing_ok=True)


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` exists and has not exited (a state file left by a killed
    server is ignored; so is one whose process is a zombie waiting for its parent)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # it exists (another user's: the port check and token still stand)
    return _run_state(pid) not in ("Z", "X")


def process_stopped(pid: int) -> bool:
    """Whether process ``pid`` is stopped by job control (Ctrl-Z, ``kill -STOP``) or a
    debugger: it answers nothing until it is continued (``fg``, ``kill -CONT``).

    Read from the state letter of Linux's ``/proc/PID/stat`` (proc(5): ``T`` stopped, ``t``
    tracing stop). False where that cannot be read (other systems): the caller then waits
    as before.
    """
    return _run_state(pid) in ("T", "t")


def _run_state(pid: int) -> str:
    """The state letter of ``/proc/PID/stat`` (after the parenthesised command name, which
    may itself hold spaces and parentheses), or "" when it cannot be read."""
    try:
        with open(f"/proc/{int(pid)}/stat", "rb") as file:
            stat_line = file.read(4096)
    except OSError:
        return ""
    fields = stat_line[stat_line.rfind(b")") + 1:].split()
    return fields[0].decode("ascii", "replace") if fields else ""
