"""output/manifest.json: what was built, its hash, size, pages, inputs and check result.

The manifest holds no times or durations, so two clean builds of the same inputs (with the
same SOURCE_DATE_EPOCH) write identical manifests.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

MANIFEST = "manifest.json"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_manifest(out_dir: Path, problems: list[str] | None = None) -> dict[str, dict[str, Any]]:
    """Entries of the previous build by file name; a manifest that cannot be read is empty.

    ``manifest.json`` is a file anyone can edit (or a half-merged one in a repository): it
    must be a JSON object whose ``files`` is a list of objects, each with a string
    ``file`` (and, if any, a string ``sha256``). A manifest that is not (invalid JSON, a list,
    ``{"files": 5}``) is treated as empty, which means a full build; an entry that is not
    is left out. What was wrong is appended to ``problems`` for the caller to report.
    Raises UserError when ``manifest.json`` is a folder, a named pipe or a device: no build
    can write its manifest there, and reading a pipe would wait forever.
    """
    path = out_dir / MANIFEST
    from resume_builder.output import path_kind

    found = path_kind(path)
    if found.kind in ("folder", "special"):  # a FIFO's read never ended: the build hung (trial)
        from resume_builder.errors import UserError

        raise UserError(f"{path} {found.said}; a build records the files it wrote there",
                        hint="remove it, or set out_dir to another folder")
    if not path.exists():
        return {}
    note = problems.append if problems is not None else (lambda _message: None)
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except OSError as exc:
        note(f"{path} cannot be read ({exc.strerror or exc}); treated as empty: every target is built")
        return {}
    except (UnicodeDecodeError, ValueError) as exc:
        note(f"{path} is not valid JSON ({exc}); treated as empty: every target is built")
        return {}
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, list):
        what = "has no 'files' list" if isinstance(data, dict) else f"holds a JSON {_json_type(data)}"
        note(f"{path} {what}, not the object a build writes; treated as empty: every target is built")
        return {}
    entries: dict[str, dict[str, Any]] = {}
    bad = 0
    for entry in files:
        if isinstance(entry, dict) and isinstance(entry.get("file"), str) and entry["file"] \
                and isinstance(entry.get("sha256", ""), str):
            entries[entry["file"]] = entry
        else:
            bad += 1
    if bad:
        note(f"{path}: {bad} entr{'y' if bad == 1 else 'ies'} without a file name (or with a sha256 that is not a string) left out "
             "(those files are built again)")
    return entries


def _json_type(value: Any) -> str:
    return {list: "array", str: "string", int: "number", float: "number", bool: "boolean"}.get(type(value), "null")


def write_manifest(out_dir: Path, entries: list[dict[str, Any]], *, tool_version: str, epoch: int | None) -> Path:
    """Write ``out_dir/manifest.json``: the tool, the SOURCE_DATE_EPOCH the files were built
    with (None when they were built with several: each entry says its own), the entries."""
    from resume_builder.building import OUT_DIR_HINT
    from resume_builder.output import write_atomic

    document = {
        "tool": f"resume-builder {tool_version}",
        "source_date_epoch": epoch,
        "files": sorted(entries, key=lambda e: e["file"]),
    }
    path = out_dir / MANIFEST
    write_atomic(path, (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8"),
                 standard_output=None, folder_hint=OUT_DIR_HINT)
    return path
