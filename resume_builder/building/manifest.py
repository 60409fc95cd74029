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


def read_manifest(out_dir: Path) -> dict[str, dict[str, Any]]:
    """Entries of the previous build by file name; an unreadable manifest means a full build."""
    path = out_dir / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {entry["file"]: entry for entry in data.get("files", []) if "file" in entry}
    except (OSError, ValueError, TypeError, KeyError):
        return {}


def write_manifest(out_dir: Path, entries: list[dict[str, Any]], *, tool_version: str, epoch: int) -> Path:
    from resume_builder.output import write_atomic

    document = {
        "tool": f"resume-builder {tool_version}",
        "source_date_epoch": epoch,
        "files": sorted(entries, key=lambda e: e["file"]),
    }
    path = out_dir / MANIFEST
    write_atomic(path, (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    return path
