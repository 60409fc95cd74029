"""What every renderer is given (:class:`RenderJob`) and gives back (:class:`Rendered`).

Kept apart from :mod:`resume_builder.pipeline`, which builds jobs, so renderers never
import the pipeline (the layers only point down: pipeline → render → document).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from resume_builder.document import Document
    from resume_builder.loading import LoadedProfile
    from resume_builder.schema.profile import Profile
    from resume_builder.theming import Theme, ThemeOptions


@dataclass
class RenderJob:
    """One profile (or variant), tailored, with its theme and options and its document.

    Named apart from ``--job`` (a job posting): this is a prepared render, made by
    :func:`resume_builder.pipeline.prepare`.
    """

    loaded: "LoadedProfile"
    profile: "Profile"
    theme: "Theme"
    options: "ThemeOptions"
    document: "Document"
    stem: str  # output file name without extension
    variant: str | None = None
    messages: list[str] = field(default_factory=list)  # what the page budget cut, for the user
    fit: Any = None  # the page budget's FitResult (what it kept and cut), when one was applied
    warnings: list[str] = field(default_factory=list)  # e.g. texts missing in the language asked for

    @property
    def profile_folder(self) -> Path:
        return self.loaded.folder


@dataclass
class Rendered:
    """One output: its path and bytes, plus facts worth reporting."""

    path: Path
    data: bytes
    pages: int | None = None
    warnings: list[str] = field(default_factory=list)
    fmt: str | None = None  # the format rendered (set by pipeline.render)
    source: str = ""  # the document's encoded provenance (set by pipeline.render; see provenance.py)

    @property
    def format(self) -> str:
        """The format rendered; for an output made elsewhere (a server), its path's extension."""
        return self.fmt or self.path.suffix.lower().lstrip(".")
