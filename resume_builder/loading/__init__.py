"""Read profile files (YAML, JSON, JSON Resume) into validated models with located errors."""

from resume_builder.loading.profile_loader import LoadedProfile, load_profile

__all__ = ["LoadedProfile", "load_profile"]
