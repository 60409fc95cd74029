"""Writing outputs: atomic writes and reproducible timestamps.

A file is written to a temporary name in the target folder, flushed, then renamed over the
destination, so a crash or an error never leaves a partial file and an older output stays
intact until the new one is complete.
"""

from __future__ import annotations

import datetime as _dt
import os
import tempfile
from pathlib import Path

from resume_builder.errors import UserError

DEFAULT_EPOCH = 315532800  # 1980-01-01T00:00:00Z, the earliest date a zip entry can hold


def source_date_epoch() -> int:
    """Seconds since 1970 from SOURCE_DATE_EPOCH, or a fixed default, for reproducible files."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return DEFAULT_EPOCH
    try:
        return max(int(value), 0)
    except ValueError:
        raise UserError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not '{value}'") from None


def build_datetime() -> _dt.datetime:
    return _dt.datetime.fromtimestamp(source_date_epoch(), tz=_dt.timezone.utc)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the whole new one."""
    path = Path(path)
    folder = path.parent  # "." for a bare file name
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"cannot create the folder {folder}: {exc.strerror or exc}") from None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise UserError(f"cannot write in {folder}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, path)
    except BaseException as exc:
        try:
            os.unlink(tmp_name)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise UserError(f"cannot write {path}: {exc.strerror or exc}") from None
        raise
