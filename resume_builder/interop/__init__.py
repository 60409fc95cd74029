"""Exchange with other résumé formats: JSON Resume export (``export --to jsonresume``) and
import (``import resume.json``), lossless in both directions for our own profiles."""

from resume_builder.interop.jsonresume_export import export_json_resume, json_resume_text, profile_to_json_resume
from resume_builder.interop.jsonresume_import import ImportResult, import_json_resume

__all__ = ["ImportResult", "export_json_resume", "import_json_resume", "json_resume_text", "profile_to_json_resume"]
