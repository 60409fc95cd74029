"""Pydantic models of the profile (and later, variants)."""

from resume_builder.schema.profile import Profile

__all__ = ["Profile"]
