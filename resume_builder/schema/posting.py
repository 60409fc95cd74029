"""A job posting as a JSON Resume job document (https://jsonresume.org/job-description-schema).

Field names are the schema's. Unknown keys are errors (with "did you mean"), like in
profiles, so a misspelt ``qualification`` is not silently ignored; a value of the wrong
type is reported at its file:line:col by :mod:`resume_builder.loading.posting`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BeforeValidator, ConfigDict, Field
from typing import Annotated

from resume_builder.schema.base import StrictModel


class JobLocation(StrictModel):
    address: str | None = None
    postalCode: str | None = None
    city: str | None = None
    countryCode: str | None = None
    region: str | None = None


class JobSkill(StrictModel):
    """A group of skills the job needs: ``name`` (e.g. "Web Development") and its keywords."""

    name: str | None = None
    level: str | None = None
    keywords: list[str] = Field(default_factory=list)


def _skill_shorthand(value: Any) -> Any:
    """A bare string in ``skills`` is one skill keyword."""
    return {"keywords": [value]} if isinstance(value, str) else value


class JobPosting(StrictModel):
    """A JSON Resume job document; ``qualifications`` and ``skills`` state what is required."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, populate_by_name=True)

    schema_: str | None = Field(default=None, alias="$schema")
    title: str | None = None
    company: str | None = None
    type: str | None = None
    date: str | None = None
    description: str | None = None
    location: JobLocation | None = None
    remote: str | None = None
    salary: str | None = None
    experience: str | None = None
    responsibilities: list[str] = Field(default_factory=list)
    qualifications: list[str] = Field(default_factory=list)
    skills: list[Annotated[JobSkill, BeforeValidator(_skill_shorthand)]] = Field(default_factory=list)
    meta: dict[str, Any] = Field(default_factory=dict)


JOB_KEYS = ("title", "company", "description", "responsibilities", "qualifications", "skills")


def is_job_document(data: Any) -> bool:
    """Whether ``data`` looks like a JSON Resume job document (two or more of its main keys)."""
    return isinstance(data, dict) and sum(key in data for key in JOB_KEYS) >= 2


@dataclass(frozen=True)
class PostingDocument:
    """A posting as read: its source name and either its text or its validated job document."""

    source: str
    text: str | None = None
    job: JobPosting | None = None
