"""JSON Resume documents: detection and mapping onto the profile schema (placeholder until mapped)."""

from __future__ import annotations

from typing import Any

from resume_builder.loading.source import SourceDocument


def is_json_resume(data: dict[str, Any]) -> bool:
    return False


def to_profile_source(doc: SourceDocument) -> SourceDocument:
    return doc
